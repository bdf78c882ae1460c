import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../../db/database.js';

/** Live member customers per group (a customer in Trash is not counted; restoring it counts it again). */
export async function memberCounts(executor: Kysely<DbSchema>, groupIds: readonly number[]): Promise<Map<number, unknown>> {
  const out = new Map<number, unknown>(groupIds.map((id) => [id, 0]));
  if (groupIds.length === 0) return out;
  const { rows } = await sql<{ id: number; n: number }>`SELECT m.group_id AS id, count(*) AS n FROM customer_group_members AS m
    JOIN customers AS c ON c.id = m.customer_id WHERE c.deleted_at IS NULL AND m.group_id IN (${sql.join(groupIds)}) GROUP BY m.group_id`.execute(executor);
  for (const r of rows) out.set(Number(r.id), Number(r.n));
  return out;
}

export async function memberCount(executor: Kysely<DbSchema>, groupId: number): Promise<number> {
  return Number((await memberCounts(executor, [groupId])).get(groupId) ?? 0);
}
