import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { FieldDef, ThroughDef } from '../../shared/entity/field.js';
import { entityByName } from '../../shared/entities/registry.js';
import type { DbSchema } from '../db/database.js';

/**
 * A `references` field: a set of ids of another entity kept in a link table. A link to a
 * record in Trash is hidden everywhere (reads, filters, groups) but kept, so restoring the
 * target brings it back; the referencing record is never deleted with it.
 */
export interface Link { through: ThroughDef; target: string }

export function linkOf(f: FieldDef): Link {
  const target = entityByName(f.reference ?? '')?.table;
  if (f.kind !== 'references' || !f.through || !target) throw new Error(`not a references field: ${f.label}`);
  return { through: f.through, target };
}

const refs = (l: Link, alias: string) => ({
  table: sql.table(l.through.table),
  self: sql.ref(`${alias}.${l.through.selfKey}`),
  other: sql.ref(`${alias}.${l.through.otherKey}`),
  target: sql.table(l.target),
});

/** Live links as a derived table `(s, o)`: the target must not be in Trash. */
export function liveLinks(l: Link): RawBuilder<unknown> {
  const r = refs(l, 'm');
  return sql`SELECT ${r.self} AS s, ${r.other} AS o FROM ${r.table} AS m JOIN ${r.target} AS g ON g.id = ${r.other} WHERE g.deleted_at IS NULL`;
}

/** Record ids (`self`) linked to any of `ids`; for `t.id IN (...)`, so the link table's (other, self) key can drive. */
export function linkedTo(l: Link, ids: readonly unknown[]): RawBuilder<unknown> {
  const r = refs(l, 'm');
  return sql`SELECT ${r.self} FROM ${r.table} AS m JOIN ${r.target} AS g ON g.id = ${r.other} WHERE g.deleted_at IS NULL AND ${r.other} IN (${sql.join(ids)})`;
}

/** Whether the record `self` (`t.id`) has a live link (to one of `ids`, or to anything when ids is null); a probe of the (self, other) index. */
export function hasLink(l: Link, ids: readonly unknown[] | null, self: RawBuilder<unknown> = sql.ref('t.id')): RawBuilder<unknown> {
  const r = refs(l, 'm');
  const which = ids === null ? sql`` : sql` AND ${r.other} IN (${sql.join(ids)})`;
  return sql`EXISTS (SELECT 1 FROM ${r.table} AS m JOIN ${r.target} AS g ON g.id = ${r.other} WHERE ${r.self} = ${self} AND g.deleted_at IS NULL${which})`;
}

/** The live linked ids of each record, sorted; one query for the whole batch. */
export async function loadLinks(executor: Kysely<DbSchema>, f: FieldDef, ids: readonly number[]): Promise<Map<number, number[]>> {
  const l = linkOf(f);
  const out = new Map<number, number[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = await sql<{ s: number; o: number }>`SELECT s, o FROM (${liveLinks(l)}) AS x WHERE s IN (${sql.join(chunk)}) ORDER BY s, o`.execute(executor);
    for (const r of rows) out.get(Number(r.s))?.push(Number(r.o));
  }
  return out;
}

/** Ids among `ids` that are not live records of the target entity. */
export async function notLive(executor: Kysely<DbSchema>, table: string, ids: readonly number[]): Promise<number[]> {
  const live = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = await sql<{ id: number }>`SELECT id FROM ${sql.table(table)} WHERE id IN (${sql.join(chunk)}) AND deleted_at IS NULL`.execute(executor);
    for (const r of rows) live.add(Number(r.id));
  }
  return ids.filter((id) => !live.has(id));
}

/** Adds links (self, other) that are missing; returns how many were added. */
export async function insertLinks(executor: Kysely<DbSchema>, through: ThroughDef, pairs: readonly (readonly [self: number, other: number])[], userId: number): Promise<number> {
  const now = new Date().toISOString();
  let added = 0;
  for (let i = 0; i < pairs.length; i += 400) {
    const rows = pairs.slice(i, i + 400).map(([s, o]) => sql`(${s}, ${o}, ${now}, ${userId})`);
    const res = await sql`INSERT INTO ${sql.table(through.table)} (${sql.ref(through.selfKey)}, ${sql.ref(through.otherKey)}, created_at, created_by)
      VALUES ${sql.join(rows)} ON CONFLICT DO NOTHING`.execute(executor);
    added += Number(res.numAffectedRows ?? 0);
  }
  return added;
}

/**
 * Makes the record's live links exactly `ids` (already checked to be live). Links to targets
 * in Trash are left alone: the user could not see them, so this write is not about them.
 */
export async function replaceLinks(executor: Kysely<DbSchema>, f: FieldDef, selfId: number, ids: readonly number[], userId: number): Promise<void> {
  const l = linkOf(f);
  const { table, selfKey, otherKey } = l.through;
  const keep = ids.length ? sql` AND ${sql.ref(otherKey)} NOT IN (${sql.join(ids)})` : sql``;
  await sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(selfKey)} = ${selfId}${keep}
    AND ${sql.ref(otherKey)} IN (SELECT id FROM ${sql.table(l.target)} WHERE deleted_at IS NULL)`.execute(executor);
  await insertLinks(executor, l.through, ids.map((o) => [selfId, o] as const), userId);
}
