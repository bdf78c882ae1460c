import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../../db/database.js';
import type { RecordHooks } from '../../core/hooks.js';
import { installationTimeZone } from '../../core/installation.js';
import { addDays, zonedMidnight } from '../../core/time-zones.js';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * When a planned activity becomes overdue: the end of a timed one (its start when it has no end), the
 * last instant of an all-day one's last day in the installation's zone; empty once it has ended. Kept
 * as `dueAt` (a deadline field), so lists and the dashboard filter "overdue" and "due today" with the
 * generic `due` filter, exactly as the activity's Overdue badge reads it.
 */
export function dueAtOf(a: Readonly<Record<string, unknown>>, timeZone: string): string | null {
  if (a.status === 'ended') return null;
  if (a.allDay === true || a.allDay === 1) {
    const last = str(a.endDate) ?? str(a.startDate);
    return last === null ? null : new Date(zonedMidnight(addDays(last, 1), timeZone) - 1).toISOString();
  }
  const end = str(a.endAt) ?? str(a.startAt);
  return end === null ? null : new Date(Date.parse(end)).toISOString();
}

export const activityDueHooks: RecordHooks = {
  async beforeWrite(ctx, values, existing) {
    const merged = { ...existing, ...values };
    values.dueAt = dueAtOf(merged, (await installationTimeZone(ctx.trx)).zone);
  },
};

/** After End activity or Reopen (one UPDATE, no record write): the activity's due time from its stored values. */
export async function refreshDue(trx: Kysely<DbSchema>, id: number): Promise<void> {
  const { rows } = await sql<Record<string, unknown>>`SELECT status, all_day, start_at, end_at, start_date, end_date FROM activities WHERE id = ${id}`.execute(trx);
  const r = rows[0];
  if (!r) return;
  const tz = (await installationTimeZone(trx)).zone;
  const due = dueAtOf({ status: r.status, allDay: r.all_day, startAt: r.start_at, endAt: r.end_at, startDate: r.start_date, endDate: r.end_date }, tz);
  await sql`UPDATE activities SET due_at = ${due} WHERE id = ${id}`.execute(trx);
}

/** All-day activities are due at the end of their day where the installation is: a new zone moves them. */
export async function refreshAllDayDue(trx: Kysely<DbSchema>, timeZone: string): Promise<void> {
  const { rows } = await sql<{ d: string }>`SELECT DISTINCT COALESCE(end_date, start_date) AS d FROM activities
    WHERE status = 'planned' AND all_day = ${sql.lit(true)} AND COALESCE(end_date, start_date) IS NOT NULL`.execute(trx);
  for (const { d } of rows) {
    const day = String(d).slice(0, 10);
    const due = new Date(zonedMidnight(addDays(day, 1), timeZone) - 1).toISOString();
    await sql`UPDATE activities SET due_at = ${due} WHERE status = 'planned' AND all_day = ${sql.lit(true)} AND COALESCE(end_date, start_date) = ${day}`.execute(trx);
  }
}
