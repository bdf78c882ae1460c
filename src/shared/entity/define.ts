import type { FieldDef } from './field.js';

export interface FormSection {
  /** i18n key of the section title. */
  readonly title: string;
  readonly fields: readonly string[];
}

export interface EntityInput {
  /** Singular name, camelCase: `customer`. */
  readonly name: string;
  /** URL path segment, plural kebab-case: `customers`. */
  readonly path: string;
  /** Table name, snake_case. */
  readonly table: string;
  /** i18n keys for the singular and plural labels. */
  readonly label: string;
  readonly pluralLabel: string;
  /** The field shown as the record's title and link. */
  readonly titleField: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** Columns of the list grid, in order. */
  readonly listColumns: readonly string[];
  readonly formSections: readonly FormSection[];
  /** Columns of CSV/XLSX export; defaults to every field. */
  readonly exportColumns?: readonly string[];
  /** Default sort of the list, e.g. `name` or `-updatedAt`. */
  readonly defaultSort: string;
  /**
   * Field that gets an auto-suggested value when left empty, with its prefix: `C-000124`, or with
   * `yearly` the year too, numbered afresh each year (`SO-2026-00042`).
   */
  readonly autoCode?: { readonly field: string; readonly prefix: string; readonly digits: number; readonly yearly?: boolean };
  /**
   * Records of this entity can be put on lines (`lines` fields): a new line's unit price defaults
   * to the `price` field and its description to the `describe` fields, joined; a line's picker offers
   * the `offered` ones.
   */
  readonly lineItem?: {
    readonly price: string;
    readonly describe: readonly string[];
    /** Only records with this value are offered for new lines (products on sale). */
    readonly offered?: { readonly field: string; readonly value: string };
  };
  /** Records of this entity carry files (contracts, business cards): core gives them attachment routes and a tab. */
  readonly attachments?: boolean;
  /**
   * Counts and sums of the live records per value of one field, kept by the database in the
   * transaction of every write (migrations/group-totals-v1.ts): an unfiltered group-by on that field
   * with those sums (the pipeline's totals by stage) reads them instead of every record.
   */
  readonly groupTotals?: { readonly table: string; readonly groupBy: string; readonly sums: readonly string[] };
}

/** System columns every record row has (DESIGN.md §3). */
export const SYSTEM_FIELDS: Readonly<Record<string, FieldDef>> = {
  id: { kind: 'integer', label: 'field.id', readOnly: true, indexed: true },
  ownerId: { kind: 'reference', reference: 'user', label: 'field.owner', indexed: true },
  createdAt: { kind: 'datetime', label: 'field.createdAt', readOnly: true, indexed: true },
  updatedAt: { kind: 'datetime', label: 'field.updatedAt', readOnly: true, indexed: true },
  createdBy: { kind: 'reference', reference: 'user', label: 'field.createdBy', readOnly: true },
  updatedBy: { kind: 'reference', reference: 'user', label: 'field.updatedBy', readOnly: true },
  version: { kind: 'integer', label: 'field.version', readOnly: true },
};

export interface EntityDef extends EntityInput {
  /** Declared fields plus system fields. */
  readonly allFields: Readonly<Record<string, FieldDef>>;
  readonly exportColumns: readonly string[];
  /** Fields included in `q`. */
  readonly searchFields: readonly string[];
  columnOf(field: string): string;
}

export const toSnake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function defineEntity<const T extends EntityInput>(input: T): EntityDef & T {
  const allFields: Record<string, FieldDef> = { ...input.fields, ...SYSTEM_FIELDS };
  const known = new Set(Object.keys(allFields));
  for (const list of [input.listColumns, input.exportColumns ?? [], ...input.formSections.map((s) => s.fields)]) {
    for (const f of list) if (!known.has(f)) throw new Error(`${input.name}: unknown field ${f}`);
  }
  if (!known.has(input.titleField)) throw new Error(`${input.name}: unknown title field ${input.titleField}`);
  for (const [name, f] of Object.entries(input.fields)) {
    if (f.kind === 'references' && (!f.through || !f.reference)) throw new Error(`${input.name}.${name}: a references field needs reference and through`);
    if (f.alias && known.has(f.alias)) throw new Error(`${input.name}.${name}: alias ${f.alias} is already a field`);
    if (f.kind === 'enum' && !f.options?.length) throw new Error(`${input.name}.${name}: an enum field needs options`);
    if (f.when && allFields[f.when.field]?.kind !== 'boolean') throw new Error(`${input.name}.${name}: when.field must be a boolean field`);
    if (f.notBefore && allFields[f.notBefore]?.kind !== f.kind) throw new Error(`${input.name}.${name}: notBefore must name a field of the same kind`);
    if (f.within && (f.kind !== 'reference' || !known.has(f.within.field))) throw new Error(`${input.name}.${name}: within needs a reference field and a known field`);
    if (f.kind === 'lines' && (!f.lines || allFields[f.lines.totalField]?.kind !== 'money')) throw new Error(`${input.name}.${name}: a lines field needs lines with a money totalField`);
    if (f.parent && (f.kind !== 'dictionary' || allFields[f.parent]?.kind !== 'dictionary' || allFields[f.parent]?.dictionary !== f.dictionary)) {
      throw new Error(`${input.name}.${name}: parent must name a field of the same dictionary`);
    }
    if (f.defaultFirst && f.kind !== 'dictionary') throw new Error(`${input.name}.${name}: defaultFirst is for dictionary fields`);
    if (f.derive && f.kind !== 'computed') throw new Error(`${input.name}.${name}: only a computed field derives its value`);
    if (f.defaultNow && f.kind !== 'datetime') throw new Error(`${input.name}.${name}: defaultNow is for datetime fields`);
    if (f.rollup && f.kind !== 'computed') throw new Error(`${input.name}.${name}: a rollup is a computed field`);
    if (f.due && f.kind !== 'datetime') throw new Error(`${input.name}.${name}: only a datetime field is a deadline (due)`);
    if (f.history && !['dictionary', 'enum', 'reference'].includes(f.kind)) throw new Error(`${input.name}.${name}: history is kept for dictionary, enum and reference fields`);
    for (const s of Object.keys(f.history?.snapshot ?? {})) if (!known.has(s)) throw new Error(`${input.name}.${name}: history snapshot names an unknown field ${s}`);
  }
  for (const c of input.exportColumns ?? []) if (allFields[c].kind === 'lines') throw new Error(`${input.name}: lines are exported with their record, not as a column (${c})`);
  // Column names are asked for per field per row (record-mapper): computed once, not by a regex each time.
  const columns = new Map(Object.keys(allFields).map((f) => [f, toSnake(f)]));
  return {
    ...input,
    allFields,
    exportColumns: input.exportColumns ?? ['id', ...Object.keys(input.fields).filter((f) => input.fields[f].kind !== 'lines'), 'ownerId', 'createdAt', 'updatedAt'],
    searchFields: Object.entries(input.fields).filter(([, f]) => f.search).map(([k]) => k),
    columnOf: (field: string) => columns.get(field) ?? toSnake(field),
  };
}

/**
 * Fields a section need not show because a lines field beside them already does: a total kept by
 * lines in the same section (a sale's total under its lines' footer), while there are lines.
 */
export function shownByLines(entity: EntityDef, section: FormSection, hasLines: (linesField: string) => boolean): ReadonlySet<string> {
  const out = new Set<string>();
  for (const name of section.fields) {
    const total = entity.allFields[name]?.lines?.totalField;
    if (total && section.fields.includes(total) && hasLines(name)) out.add(total);
  }
  return out;
}
