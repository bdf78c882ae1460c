import { sql } from 'kysely';
import type { FieldDef } from '../../shared/entity/field.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { Database } from '../db/database.js';
import type { Locale } from './list-params.js';

/** A dictionary value's label in the locale, falling back to its default label. */
export function localLabel(labelsJson: unknown, fallback: string, locale: Locale): string {
  if (typeof labelsJson === 'string') {
    try {
      const labels = JSON.parse(labelsJson) as Record<string, unknown>;
      const v = labels[locale];
      if (typeof v === 'string' && v) return v;
    } catch { /* a damaged labels column falls back to the default label */ }
  }
  return fallback;
}

/** Labels for the values of a dictionary or reference field, keyed by id. */
export async function labelsFor(db: Database, f: FieldDef, ids: number[], locale: Locale): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const unique = Array.from(new Set(ids.filter((x) => typeof x === 'number')));
  if (unique.length === 0) return out;
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    if (f.kind === 'dictionary') {
      const { rows } = await sql<{ id: number; label: string; labels: string }>`SELECT id, label, labels FROM dictionary_values WHERE id IN (${sql.join(chunk)})`.execute(db.kysely);
      for (const r of rows) out.set(Number(r.id), localLabel(r.labels, r.label, locale));
    } else if (f.kind === 'reference' && f.reference === 'user') {
      const { rows } = await sql<{ id: number; name: string }>`SELECT id, name FROM users WHERE id IN (${sql.join(chunk)})`.execute(db.kysely);
      for (const r of rows) out.set(Number(r.id), r.name);
    } else if (f.kind === 'reference' && f.reference) {
      const target = entityByName(f.reference);
      if (!target) continue;
      const { rows } = await sql<{ id: number; title: string }>`SELECT id, ${sql.ref(target.columnOf(target.titleField))} AS title FROM ${sql.table(target.table)} WHERE id IN (${sql.join(chunk)})`.execute(db.kysely);
      for (const r of rows) out.set(Number(r.id), String(r.title));
    }
  }
  return out;
}

export const isLabelled = (f: FieldDef) => f.kind === 'dictionary' || f.kind === 'reference';
