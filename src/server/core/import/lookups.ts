import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import type { Database, DbSchema } from '../../db/database.js';
import { DictionaryService } from '../dictionary-values.js';
import { enumLabel } from '../i18n.js';
import { LOCALES, type Locale } from '../list-params.js';
import type { Read } from './read-values.js';

/** A name as compared: width-folded, lower-case, single-spaced. */
export const nameKey = (s: string): string => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
const parseLabels = (raw: unknown): string[] => {
  try { return Object.values(JSON.parse(String(raw ?? '{}')) as Record<string, unknown>).filter((v): v is string => typeof v === 'string'); } catch { return []; }
};

interface DictValue { id: number; parentId: number | null }

/**
 * Finds the ids that a file's names stand for: dictionary values by label (in any language), code or
 * id; enum options by label or code; records of another entity by title, code or id; users by
 * name, email or id. Dictionaries and users are read once per job; records a chunk at a time.
 */
export class Lookups {
  private dictionaries = new Map<string, Map<string, DictValue[]>>();
  private users: Map<string, number[]> | null = null;
  private records = new Map<string, Map<string, number[]>>();
  private readonly enums = new Map<string, Map<string, string>>();

  constructor(private readonly db: Database, private readonly entity: EntityDef, private readonly opts: { createMissingValues: boolean; locale: Locale }) {}

  /** Loads what the chunk's names need: the records of other entities it names, in one query per field. */
  async prepare(trx: Kysely<DbSchema>, rows: readonly Record<string, string>[]): Promise<void> {
    for (const [name, f] of Object.entries(this.entity.allFields)) {
      if ((f.kind !== 'reference' && f.kind !== 'references') || f.reference === 'user') continue;
      const target = entityByName(f.reference ?? '');
      if (!target) continue;
      const known = this.records.get(target.name) ?? new Map<string, number[]>();
      this.records.set(target.name, known);
      const wanted = new Set<string>();
      for (const r of rows) for (const t of splitNames(r[name] ?? '', f)) if (!known.has(nameKey(t))) wanted.add(t.trim());
      if (wanted.size === 0) continue;
      await this.loadRecords(trx, target, Array.from(wanted), known);
    }
  }

  private async loadRecords(trx: Kysely<DbSchema>, target: EntityDef, names: string[], known: Map<string, number[]>): Promise<void> {
    const title = target.columnOf(target.titleField);
    const code = target.autoCode ? target.columnOf(target.autoCode.field) : null;
    for (let k = 0; k < names.length; k += 400) {
      const part = names.slice(k, k + 400);
      const ids = part.filter((n) => /^\d{1,9}$/.test(n)).map(Number);
      const byCode = code ? sql` OR ${sql.ref(code)} IN (${sql.join(part)})` : sql``;
      const byId = ids.length ? sql` OR id IN (${sql.join(ids)})` : sql``;
      const { rows } = await sql<{ id: number; t: string | null; c: string | null }>`SELECT id, ${sql.ref(title)} AS t, ${code ? sql.ref(code) : sql`NULL`} AS c
        FROM ${sql.table(target.table)} WHERE deleted_at IS NULL AND (${sql.ref(title)} IN (${sql.join(part)})${byCode}${byId})`.execute(trx);
      for (const n of part) known.set(nameKey(n), []);
      for (const r of rows) {
        const id = Number(r.id);
        for (const key of [r.t, r.c, String(id)]) {
          if (key === null) continue;
          const list = known.get(nameKey(key));
          if (list && !list.includes(id)) list.push(id);
        }
      }
    }
  }

  private async dictionary(trx: Kysely<DbSchema>, key: string): Promise<Map<string, DictValue[]>> {
    let d = this.dictionaries.get(key);
    if (d) return d;
    d = new Map();
    const { rows } = await sql<{ id: number; code: string; label: string; labels: string; parent_id: number | null }>`SELECT id, code, label, labels, parent_id
      FROM dictionary_values WHERE dictionary_key = ${key} ORDER BY position, id`.execute(trx);
    for (const r of rows) addName(d, [r.label, r.code, String(r.id), ...parseLabels(r.labels)], { id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id) });
    this.dictionaries.set(key, d);
    return d;
  }

  private async userIds(trx: Kysely<DbSchema>): Promise<Map<string, number[]>> {
    if (this.users) return this.users;
    const users = new Map<string, number[]>();
    const { rows } = await sql<{ id: number; name: string; email: string | null }>`SELECT id, name, email FROM users`.execute(trx);
    for (const r of rows) for (const n of [r.name, r.email, String(r.id)]) if (n) { const l = users.get(nameKey(n)) ?? []; l.push(Number(r.id)); users.set(nameKey(n), l); }
    this.users = users;
    return users;
  }

  private enumOptions(name: string, f: FieldDef): Map<string, string> {
    let m = this.enums.get(name);
    if (m) return m;
    m = new Map();
    for (const o of f.options ?? []) {
      m.set(nameKey(o), o);
      for (const l of LOCALES) m.set(nameKey(enumLabel(l, this.entity.name, name, o)), o);
    }
    this.enums.set(name, m);
    return m;
  }

  /** The value a named cell stands for; `row` gives the parent value a child dictionary value must belong to. */
  async resolve(trx: Kysely<DbSchema>, name: string, f: FieldDef, text: string, row: Record<string, unknown>): Promise<Read> {
    const t = text.trim();
    if (t === '') return { value: f.kind === 'references' ? [] : null };
    if (f.kind === 'enum') {
      const v = this.enumOptions(name, f).get(nameKey(t));
      return v === undefined ? { message: `is not one of the choices: "${t.slice(0, 60)}"` } : { value: v };
    }
    if (f.kind === 'dictionary') return this.dictionaryValue(trx, f, t, row);
    if (f.kind === 'reference') return this.reference(trx, f, t);
    if (f.kind === 'references') {
      const ids: number[] = [];
      for (const part of splitNames(t, f)) {
        const r = await this.reference(trx, f, part);
        if ('message' in r) return r;
        ids.push(Number(r.value));
      }
      return { value: ids };
    }
    return { message: 'cannot be imported' };
  }

  private async reference(trx: Kysely<DbSchema>, f: FieldDef, t: string): Promise<Read> {
    const ids = f.reference === 'user'
      ? (await this.userIds(trx)).get(nameKey(t)) ?? []
      : this.records.get(entityByName(f.reference ?? '')?.name ?? '')?.get(nameKey(t)) ?? [];
    if (ids.length === 1) return { value: ids[0] };
    if (ids.length > 1) return { message: `names ${ids.length} ${f.reference} records: write its code or id instead ("${t.slice(0, 60)}")` };
    return { message: `names no ${f.reference}: "${t.slice(0, 60)}"` };
  }

  private async dictionaryValue(trx: Kysely<DbSchema>, f: FieldDef, t: string, row: Record<string, unknown>): Promise<Read> {
    const key = f.dictionary ?? '';
    const d = await this.dictionary(trx, key);
    const parent = f.parent ? row[f.parent] : undefined;
    let found = d.get(nameKey(t)) ?? [];
    // A subcategory's name may repeat under several categories: the row's category decides.
    if (found.length > 1 && typeof parent === 'number') found = found.filter((v) => v.parentId === parent);
    if (found.length >= 1) return { value: found[0].id };
    if (!this.opts.createMissingValues) return { message: `is not a value of the ${key} dictionary: "${t.slice(0, 60)}" (choose "create missing values" to add it)` };
    if (f.parent && typeof parent !== 'number') return { message: `needs its ${f.parent} to create "${t.slice(0, 60)}" under it` };
    const made = await new DictionaryService(this.db).create(key, { label: t.slice(0, 100), parentId: f.parent ? parent : null }, this.opts.locale, trx);
    addName(d, [made.defaultLabel ?? t, made.code, String(made.id)], { id: made.id, parentId: f.parent ? Number(parent) : null });
    return { value: made.id };
  }

  /** Forgets values created in a transaction that was rolled back (a dry run's chunk). */
  forgetDictionaries(): void {
    this.dictionaries.clear();
  }
}

function addName(d: Map<string, DictValue[]>, names: readonly string[], v: DictValue): void {
  for (const n of names) {
    const k = nameKey(n);
    const list = d.get(k) ?? [];
    if (!list.some((x) => x.id === v.id)) list.push(v);
    d.set(k, list);
  }
}

/** A cell naming several records (a customer's groups): separated by commas, semicolons or line breaks. */
function splitNames(text: string, f: FieldDef): string[] {
  if (f.kind !== 'references') return text.trim() ? [text] : [];
  return text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
}
