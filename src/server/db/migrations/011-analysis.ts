// Frozen once shipped: never edit; add a new migration instead.
// Sales analysis and the dashboard (issue 12): an activity's due time, so "overdue" and "due today"
// are list filters like any deadline; and the index the funnel's history filters seek (the first
// time a record reached a value).
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';
import { isTimeZone, zonedMidnight } from '../../core/time-zones.js';

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const d = ddlFor(dialectOf(db));
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`ALTER TABLE activities ADD COLUMN due_at ${d.ts}`);
  await run(`CREATE INDEX activities_live_due_at ON activities (due_at, id) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX opportunity_stage_history_reach ON opportunity_stage_history (opportunity_id, to_stage_id, id)`);
  await run(`CREATE INDEX service_feedback_status_history_reach ON service_feedback_status_history (feedback_id, to_status_id, id)`);
  await run(`CREATE INDEX expense_status_history_reach ON expense_status_history (expense_id, to_status, id)`);

  // Planned activities: a timed one is due at its end (or start); an all-day one at the end of its last day in the installation's zone.
  const yes = sql.lit(true);
  await sql`UPDATE activities SET due_at = COALESCE(end_at, start_at) WHERE status = 'planned' AND all_day <> ${yes}`.execute(db);
  const { rows: zone } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = 'timeZone'`.execute(db);
  const tz = zone[0] && isTimeZone(zone[0].value) ? zone[0].value : Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { rows } = await sql<{ d: string }>`SELECT DISTINCT COALESCE(end_date, start_date) AS d FROM activities
    WHERE status = 'planned' AND all_day = ${yes} AND COALESCE(end_date, start_date) IS NOT NULL`.execute(db);
  for (const { d: day } of rows) {
    const date = String(day).slice(0, 10);
    const due = new Date(zonedMidnight(nextDay(date), tz) - 1).toISOString();
    await sql`UPDATE activities SET due_at = ${due} WHERE status = 'planned' AND all_day = ${yes} AND COALESCE(end_date, start_date) = ${date}`.execute(db);
  }
}
