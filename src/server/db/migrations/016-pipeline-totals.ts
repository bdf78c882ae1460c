// Frozen once shipped: never edit; add a new migration instead.
// Issue 14: the pipeline's totals by stage (count, amount, weighted amount of every open and closed
// opportunity) read a few kept rows instead of summing 1M opportunities (156 ms SQLite, 248 ms
// PostgreSQL at 1M in bench/opportunities.ts): opportunity.entity.ts declares them as groupTotals.
import type { Kysely } from 'kysely';
import type { DbSchema } from '../database.js';
import { createGroupTotals } from './group-totals-v1.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  await createGroupTotals(db, { table: 'opportunity_stage_totals', source: 'opportunities', groupColumn: 'stage_id', sumColumns: ['amount', 'weighted_amount'] });
}
