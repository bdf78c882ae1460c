import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { customerEntity } from '../../../shared/entities/customer.entity.js';
import type { Database, DbSchema } from '../../db/database.js';
import { invalid, notFound, ProblemError } from '../../core/errors.js';
import { parseListParams, type ListParams } from '../../core/list-params.js';
import type { Clock } from '../../core/installation.js';
import { ListQuery } from '../../core/list-query.js';
import { insertLinks, notLive } from '../../core/references.js';
import type { Actor } from '../../auth/actor.js';
import { ownerInScope, scopeOf, type Access } from '../../auth/access.js';

const MEMBERS = { table: 'customer_group_members', selfKey: 'group_id', otherKey: 'customer_id' } as const;
const ID = z.number().int().positive().max(2147483647);
export const idList = z.array(ID).max(10_000);
const matching = z.strictObject({
  q: z.string().max(200).optional(),
  filter: z.record(z.string().max(80), z.string().max(2000)).optional(),
});

export const membersBody = z.strictObject({ customerIds: idList.min(1) });
export const membersPatch = z.strictObject({
  add: idList.optional(), remove: idList.optional(), addMatching: matching.optional(), removeMatching: matching.optional(),
});
export type MembersPatch = z.infer<typeof membersPatch>;

export { parseBody } from '../../core/body.js';

/** The group must exist and not be in Trash. */
export async function assertLiveGroup(executor: Kysely<DbSchema>, id: number): Promise<void> {
  const { rows } = await sql`SELECT 1 FROM customer_groups WHERE id = ${id} AND deleted_at IS NULL`.execute(executor);
  if (rows.length === 0) throw notFound(`No customer group with id ${id}`);
}

/**
 * Every id must be a live customer the actor may see; otherwise a 400 naming the field and the bad
 * ids (one the actor may not see reads as one that does not exist), before anything is written.
 */
async function assertLiveCustomers(executor: Kysely<DbSchema>, field: string, ids: readonly number[], actor: Actor): Promise<void> {
  let bad = await notLive(executor, 'customers', ids);
  const scope = scopeOf(actor.access, customerEntity, 'read');
  if (scope !== 'all' && bad.length === 0) {
    const seen: number[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const { rows } = await sql<{ id: number; owner_id: number | null }>`SELECT id, owner_id FROM customers WHERE id IN (${sql.join(ids.slice(i, i + 500))})`.execute(executor);
      for (const r of rows) if (!ownerInScope(actor.access, scope, r.owner_id)) seen.push(Number(r.id));
    }
    bad = seen;
  }

  if (bad.length) throw invalid([{ field, message: `no such customers (or in Trash): ${bad.slice(0, 50).join(', ')}${bad.length > 50 ? ', …' : ''}` }]);
}

export async function addMembers(db: Database, trx: Kysely<DbSchema>, groupId: number, ids: readonly number[], field: string, actor: Actor): Promise<number> {
  await assertLiveCustomers(trx, field, ids, actor);
  return insertLinks(trx, MEMBERS, ids.map((c) => [groupId, c] as const), actor.userId);
}

export async function removeMembers(db: Database, trx: Kysely<DbSchema>, groupId: number, ids: readonly number[], field: string, actor: Actor): Promise<number> {
  await assertLiveCustomers(trx, field, ids, actor);
  let removed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const res = await sql`DELETE FROM customer_group_members WHERE group_id = ${groupId} AND customer_id IN (${sql.join(ids.slice(i, i + 500))})`.execute(trx);
    removed += Number(res.numAffectedRows ?? 0);
  }
  return removed;
}

/** A "select all matching" as the customer list's own parameters, checked like a list request. */
export function matchingParams(field: string, m: NonNullable<MembersPatch['addMatching']>, clock: Clock, access: Access): ListParams {
  const raw: Record<string, string> = {};
  if (m.q) raw.q = m.q;
  // Keys as the list's query has them (`filter[typeId][in]`) or short (`typeId`, `typeId[in]`).
  for (const [k, v] of Object.entries(m.filter ?? {})) {
    const short = /^([^[\]]+)(\[[^\]]*\])?$/.exec(k);
    raw[k.startsWith('filter[') || !short ? k : `filter[${short[1]}]${short[2] ?? ''}`] = v;
  }
  try {
    return parseListParams(customerEntity, raw, clock, access);
  } catch (e) {
    if (e instanceof ProblemError && e.errors) throw invalid(e.errors.map((x) => ({ field: `${field}.${x.field}`, message: x.message })));
    throw e;
  }
}

/** Every live customer the list query matches joins the group: one INSERT … SELECT, however many match. */
export async function addMatching(db: Database, trx: Kysely<DbSchema>, groupId: number, p: ListParams, userId: number): Promise<number> {
  const where = new ListQuery(db, customerEntity).where(p);
  const res = await sql`INSERT INTO customer_group_members (group_id, customer_id, created_at, created_by)
    SELECT ${groupId}, t.id, ${new Date().toISOString()}, ${userId} FROM customers AS t WHERE ${where} ON CONFLICT DO NOTHING`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

export async function removeMatching(db: Database, trx: Kysely<DbSchema>, groupId: number, p: ListParams): Promise<number> {
  const where = new ListQuery(db, customerEntity).where(p);
  const res = await sql`DELETE FROM customer_group_members WHERE group_id = ${groupId}
    AND customer_id IN (SELECT t.id FROM customers AS t WHERE ${where})`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}
