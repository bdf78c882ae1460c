import type { EntityDef } from '../../../shared/entity/define.js';
import { shownKind, type FieldDef } from '../../../shared/entity/field.js';
import { writableFields } from '../../../shared/entity/schema.js';
import { LOCALES, type Locale } from '../list-params.js';
import { translate } from '../i18n.js';

/** Fields a file's column may fill: what a client may write, but line items (a record's lines are edited with it, not imported flat). */
export function importableFields(entity: EntityDef): [string, FieldDef][] {
  return writableFields(entity).filter(([, f]) => f.kind !== 'lines');
}

/** Fields a row may be matched on to update a record: its id, or any importable field with a column. */
export function matchableFields(entity: EntityDef): string[] {
  return ['id', ...importableFields(entity).filter(([, f]) => f.kind !== 'references').map(([n]) => n)];
}

/** A header as compared: width-folded, lower-case, without spaces, punctuation or a currency suffix ("List price (KRW)"). */
export function headerKey(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/\s*\([a-z]{3}\)\s*$/i, '').replace(/[\s_\-.:()（）/*]+/g, '');
}

/** The column the error file adds, in every language: never mapped to a field. */
export const ERROR_COLUMN_KEY = 'import.errorColumn';

/** Every name a column may carry for a field: its API name and its label in each language (what an export writes). */
function namesOf(entity: EntityDef, name: string, f: FieldDef): string[] {
  const out = [name, entity.columnOf(name)];
  for (const locale of LOCALES) out.push(translate(locale, f.label, name));
  return out;
}

/**
 * The field each column fills, found by name: a column named as Rapport's own export names it
 * (so an export imports back unchanged), as the field is called in English, Korean or Chinese,
 * or by the field's API name. A field goes to the first column that names it.
 */
export function suggestMapping(entity: EntityDef, headers: readonly string[]): Record<string, string | null> {
  const byKey = new Map<string, string>();
  for (const [name, f] of [...importableFields(entity), ['id', entity.allFields.id] as [string, FieldDef]]) {
    for (const n of namesOf(entity, name, f)) if (!byKey.has(headerKey(n))) byKey.set(headerKey(n), name);
  }
  const errorKeys = new Set(LOCALES.map((l) => headerKey(translate(l, ERROR_COLUMN_KEY, 'Error'))));
  const taken = new Set<string>();
  const out: Record<string, string | null> = {};
  for (const h of headers) {
    const key = headerKey(h);
    const field = errorKeys.has(key) ? undefined : byKey.get(key);
    out[h] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return out;
}

/** Choices to match rows on, in the order a user most likely wants them: a unique code, an email, the title with a place. */
export function matchCandidates(entity: EntityDef): string[][] {
  const fields = importableFields(entity);
  const out: string[][] = [];
  for (const [n, f] of fields) if (f.unique) out.push([n]);
  for (const [n, f] of fields) if (shownKind(f) === 'email') out.push([n]);
  const place = fields.find(([n]) => n === 'city');
  if (place) out.push([entity.titleField, place[0]]);
  out.push([entity.titleField]);
  out.push(['id']);
  return out.filter((c, i) => out.findIndex((o) => o.join() === c.join()) === i);
}

/** The fields as the wizard lists them, labelled in the reader's language. */
export function fieldChoices(entity: EntityDef, locale: Locale): { name: string; label: string; kind: string; required: boolean; importable: boolean }[] {
  const rows = importableFields(entity).map(([name, f]) => ({ name, label: translate(locale, f.label, name), kind: f.kind, required: Boolean(f.required), importable: true }));
  return [...rows, { name: 'id', label: translate(locale, entity.allFields.id.label, 'id'), kind: 'integer', required: false, importable: false }];
}
