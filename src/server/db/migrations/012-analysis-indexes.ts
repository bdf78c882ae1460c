// Frozen once shipped: never edit; add a new migration instead.
// Covering indexes for the sales analyses and the dashboard (issue 12, bench/analysis.ts): each
// aggregate they run at 1M rows reads one narrow index instead of fetching every row it counts from
// the table (random reads: 5–20× slower at 1M on SQLite). A partial index lists deleted_at too: SQLite
// counts it as covering only then (its condition does not make the column readable from the index).
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  // Sales in a period (trend, composition, this and last month's tile): status to leave out the
  // cancelled, owner and customer to split by, the total to sum. It replaces the list's (order_date, id)
  // index, which it still is in its first two columns (two indexes with the same start leave SQLite's
  // planner choosing the narrow one by name).
  await run(`DROP INDEX sales_live_order_date`);
  await run(`CREATE INDEX sales_live_order_date ON sales (order_date, id, status_id, owner_id, customer_id, total, deleted_at) WHERE deleted_at IS NULL`);
  // The funnel's opportunities created in a period (likewise replacing the list's created_at index):
  // status counts, lost reasons and amounts, and the ids its history is joined on.
  await run(`DROP INDEX opportunities_live_created_at`);
  await run(`CREATE INDEX opportunities_live_created_at ON opportunities (created_at, id, status, lost_reason, amount, deleted_at) WHERE deleted_at IS NULL`);
  // The open pipeline by stage (dashboard, in stage order) and the weighted forecast by expected close month (funnel).
  await run(`CREATE INDEX opportunities_live_status_totals ON opportunities (status, stage_id, expected_close_date, amount, weighted_amount, deleted_at) WHERE deleted_at IS NULL`);
  // A record's lines summed or split by product: the index alone answers.
  await run(`CREATE INDEX sale_lines_parent_amounts ON sale_lines (sale_id, product_id, amount)`);
  await run(`CREATE INDEX opportunity_lines_parent_amounts ON opportunity_lines (opportunity_id, product_id, amount)`);
  // The time in each stage: a record's history in order, with the stage and when it was entered (replacing
  // the (opportunity_id, id) index it starts with, for the same reason as above).
  await run(`DROP INDEX opportunity_stage_history_opportunity`);
  await run(`CREATE INDEX opportunity_stage_history_opportunity ON opportunity_stage_history (opportunity_id, id, to_stage_id, changed_at)`);
}
