// Frozen once shipped: never edit; add a new migration instead.
// Issue 11 (bench/service-expenses.ts, 1M rows): group-bys with sums read covering indexes instead of
// every row, and the running service clocks (a few % of the requests) get indexes of their own.
import type { Kysely } from 'kysely';
import type { DbSchema } from '../database.js';
import { run } from './record-table-v1.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  // Expense totals by one or two of category, subcategory and status, all rows or one status: each pair in
  // index order with the amount beside it (deleted_at as a key: see 007). They supersede 009's
  // (category_id, amount) and (status, amount), which they begin with.
  await run(db, `CREATE INDEX expenses_live_category_status_totals ON expenses (category_id, status, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_status_category_totals ON expenses (status, category_id, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_category_subcategory_totals ON expenses (category_id, subcategory_id, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_subcategory_totals ON expenses (subcategory_id, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `DROP INDEX expenses_live_category_totals`);
  await run(db, `DROP INDEX expenses_live_status_totals`);
  // A status filter (Approved) and a customer's tab with the default sort (-date) read one index range in order
  // instead of sorting every match (as 003 did for customers): approved expenses sorted all of theirs.
  await run(db, `CREATE INDEX expenses_live_status_date ON expenses (status, date, id) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_customer_date ON expenses (customer_id, date, id) WHERE deleted_at IS NULL`);
  // Overdue and due today: only running clocks have a due time. 009's (due, id) indexes hold every request,
  // and SQLite counted the overdue ones by scanning the table (46 ms at 100k); these hold the running ones only.
  await run(db, `CREATE INDEX service_feedback_running_resolution_due ON service_feedback (resolution_due_at, id) WHERE deleted_at IS NULL AND resolution_due_at IS NOT NULL`);
  await run(db, `CREATE INDEX service_feedback_running_response_due ON service_feedback (response_due_at, id) WHERE deleted_at IS NULL AND response_due_at IS NOT NULL`);
  // A customer's Service tab: its counts by status and its overdue count from the index alone.
  await run(db, `CREATE INDEX service_feedback_live_customer_status ON service_feedback (customer_id, status_id, resolution_due_at, deleted_at) WHERE deleted_at IS NULL`);
}
