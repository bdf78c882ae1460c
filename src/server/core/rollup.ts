import { type Kysely, sql } from 'kysely';
import type { FieldDef } from '../../shared/entity/field.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { DbSchema } from '../db/database.js';

/**
 * A `rollup` field's values for a page of records, in one grouped query: the sum of a number field
 * over the live records of another entity that refer to each record (optionally only those whose
 * `where` field holds one of its values). Records with none get 0.
 */
export async function loadRollup(executor: Kysely<DbSchema>, f: FieldDef, ids: readonly number[]): Promise<Map<number, number>> {
  const r = f.rollup;
  const target = r ? entityByName(r.entity) : undefined;
  const out = new Map<number, number>(ids.map((id) => [id, 0]));
  if (!r || !target || ids.length === 0) return out;
  const key = sql.ref(target.columnOf(r.key));
  const where = r.where ? sql` AND ${sql.ref(target.columnOf(r.where.field))} IN (${sql.join(r.where.in.map((v) => sql`${v}`))})` : sql``;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = await sql<{ k: number; s: unknown }>`SELECT ${key} AS k, sum(${sql.ref(target.columnOf(r.sum))}) AS s FROM ${sql.table(target.table)}
      WHERE deleted_at IS NULL AND ${key} IN (${sql.join(chunk)})${where} GROUP BY ${key}`.execute(executor);
    for (const row of rows) out.set(Number(row.k), Number(row.s ?? 0));
  }
  return out;
}
