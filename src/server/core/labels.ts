import { type Kysely, sql } from 'kysely';
import type { FieldDef } from '../../shared/entity/field.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { Database, DbSchema } from '../db/database.js';
import { parseJsonObject } from './json.js';
import type { Locale } from './list-params.js';

/** A dictionary value's (or translatable text's) label in the locale, falling back to its default label. */
export function localLabel(labelsJson: unknown, fallback: string, locale: Locale): string {
  // A damaged labels column reads as no labels: the default label shows.
  const v = parseJsonObject(labelsJson)[locale];
  return typeof v === 'string' && v ? v : fallback;
}

/** Users' names in the locale (a placeholder name such as the standalone's "Local user" is translated). */
export async function userLabels(executor: Kysely<DbSchema>, ids: readonly number[], locale: Locale): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const wanted = Array.from(new Set(ids.filter((x) => Number.isInteger(x))));
  for (let i = 0; i < wanted.length; i += 500) {
    const { rows } = await sql<{ id: number; name: string; name_labels: unknown }>`SELECT id, name, name_labels FROM users WHERE id IN (${sql.join(wanted.slice(i, i + 500))})`.execute(executor);
    for (const r of rows) out.set(Number(r.id), localLabel(r.name_labels, r.name, locale));
  }
  return out;
}

export const isLabelled = (f: FieldDef) => f.kind === 'dictionary' || f.kind === 'reference' || f.kind === 'references';

/** Where a field's display text comes from: one query per source serves every field of a page. */
function sourceOf(f: FieldDef): string | null {
  if (f.kind === 'dictionary') return 'dictionary';
  if ((f.kind === 'reference' || f.kind === 'references') && f.reference) return f.reference === 'user' ? 'user' : `entity:${f.reference}`;
  return null;
}

async function titles(executor: Kysely<DbSchema>, source: string, ids: number[], locale: Locale): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (source === 'dictionary') {
      const { rows } = await sql<{ id: number; label: string; labels: string }>`SELECT id, label, labels FROM dictionary_values WHERE id IN (${sql.join(chunk)})`.execute(executor);
      for (const r of rows) out.set(Number(r.id), localLabel(r.labels, r.label, locale));
    } else if (source === 'user') {
      for (const [id, name] of await userLabels(executor, chunk, locale)) out.set(id, name);
    } else {
      const target = entityByName(source.slice('entity:'.length));
      if (!target) continue;
      const titleCol = target.columnOf(target.titleField);
      const translated = target.allFields[target.titleField].translatable;
      const labelsCol = translated ? sql.ref(`${titleCol}_labels`) : sql`NULL`;
      const { rows } = await sql<{ id: number; title: unknown; labels: unknown }>`SELECT id, ${sql.ref(titleCol)} AS title, ${labelsCol} AS labels
        FROM ${sql.table(target.table)} WHERE id IN (${sql.join(chunk)})`.execute(executor);
      for (const r of rows) out.set(Number(r.id), localLabel(r.labels, String(r.title), locale));
    }
  }
  return out;
}

/**
 * Labels for many fields' values at once: `add` what a page needs, then `resolve` makes one
 * query per source (all dictionaries together, users, each referenced entity), never one per row.
 */
export class LabelLookup {
  private readonly wanted = new Map<string, Set<number>>();
  private readonly found = new Map<string, Map<number, string>>();

  constructor(private readonly locale: Locale) {}

  add(f: FieldDef, ids: Iterable<unknown>): void {
    const source = sourceOf(f);
    if (!source) return;
    const set = this.wanted.get(source) ?? new Set<number>();
    for (const id of ids) if (typeof id === 'number') set.add(id);
    this.wanted.set(source, set);
  }

  async resolve(executor: Kysely<DbSchema>): Promise<this> {
    for (const [source, ids] of this.wanted) {
      if (ids.size) this.found.set(source, await titles(executor, source, Array.from(ids), this.locale));
    }
    return this;
  }

  get(f: FieldDef, id: unknown): string | null {
    const source = sourceOf(f);
    if (!source || typeof id !== 'number') return null;
    return this.found.get(source)?.get(id) ?? null;
  }
}

/** Labels for the values of one dictionary or reference field, keyed by id. */
export async function labelsFor(db: Database, f: FieldDef, ids: number[], locale: Locale): Promise<Map<number, string>> {
  const source = sourceOf(f);
  const unique = Array.from(new Set(ids.filter((x) => typeof x === 'number' && Number.isFinite(x))));
  if (!source || unique.length === 0) return new Map();
  return titles(db.kysely, source, unique, locale);
}
