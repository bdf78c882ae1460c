import { sql } from 'kysely';
import type { RecordHooks } from '../../core/hooks.js';

const DAY = 86_400_000;
/**
 * What `max_timed_seconds` holds (a 32-bit column on PostgreSQL): 68 years. A longer activity is
 * stored as this, which the calendar reads as "no lower bound" (calendar.ts).
 */
export const MAX_STORED_SECONDS = 2 ** 31 - 1;

/** How long an activity lasts: seconds for a timed one, whole days after the first for an all-day one. */
export function spanOf(r: Record<string, unknown>): { seconds: number; days: number } {
  const seconds = typeof r.startAt === 'string' && typeof r.endAt === 'string' ? Math.max(0, Math.ceil((Date.parse(r.endAt) - Date.parse(r.startAt)) / 1000)) : 0;
  const days = typeof r.startDate === 'string' && typeof r.endDate === 'string' ? Math.max(0, Math.round((Date.parse(r.endDate) - Date.parse(r.startDate)) / DAY)) : 0;
  return { seconds, days };
}

/**
 * Keeps `activity_span_stats` (the longest activity ever written) in the write's transaction,
 * so the calendar can bound its overlap query: an activity overlapping [from, to) starts in
 * [from − longest, to). It only grows (a delete leaves it: a looser bound is still correct);
 * the UPDATE matches no row unless it grows, so ordinary writes take no lock on it.
 * Also: a changed start or reminder makes a dismissed reminder due again.
 */
export const activityWriteHooks: RecordHooks = {
  async afterWrite(ctx, record, existing) {
    const span = spanOf(record);
    const seconds = Math.min(span.seconds, MAX_STORED_SECONDS);
    const { days } = span;
    if (seconds > 0) await sql`UPDATE activity_span_stats SET max_timed_seconds = ${seconds} WHERE id = 1 AND max_timed_seconds < ${seconds}`.execute(ctx.trx);
    if (days > 0) await sql`UPDATE activity_span_stats SET max_all_day_days = ${days} WHERE id = 1 AND max_all_day_days < ${days}`.execute(ctx.trx);
    if (existing && (existing.startAt !== record.startAt || existing.reminderMinutes !== record.reminderMinutes)) {
      await sql`UPDATE activities SET reminder_dismissed_at = NULL WHERE id = ${record.id} AND reminder_dismissed_at IS NOT NULL`.execute(ctx.trx);
    }
  },
};
