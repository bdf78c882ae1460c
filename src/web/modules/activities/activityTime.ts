import type { EntityRecord } from '../../core/records.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Today's date (`YYYY-MM-DD`) in `tz`. */
export function todayIn(tz: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A planned activity whose end (or start, without an end) has passed; all-day ones by date in `tz`. */
export function isOverdue(a: EntityRecord, tz: string, now = new Date()): boolean {
  if (a.status !== 'planned') return false;
  if (a.allDay === true) {
    const last = str(a.endDate) ?? str(a.startDate);
    return last !== null && last < todayIn(tz, now);
  }
  const end = str(a.endAt) ?? str(a.startAt);
  return end !== null && Date.parse(end) < now.getTime();
}

/** How an activity's time reads: "All day" dates (never shifted), or start–end times in `tz`. */
export function activityWhen(a: EntityRecord, tz: string, locale: string, allDayText: string): string {
  if (a.allDay === true) {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const d = (v: string) => date.format(new Date(`${v}T00:00:00Z`));
    const start = str(a.startDate);
    const end = str(a.endDate);
    if (!start) return allDayText;
    return end && end !== start ? `${d(start)} – ${d(end)} · ${allDayText}` : `${d(start)} · ${allDayText}`;
  }
  const start = str(a.startAt);
  if (!start) return '';
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz });
  const end = str(a.endAt);
  return end ? `${dateTime.format(new Date(start))} – ${time.format(new Date(end))}` : dateTime.format(new Date(start));
}

/** Just the time of day (or "All day"), for a day's side list. */
export function activityTimeOfDay(a: EntityRecord, tz: string, locale: string, allDayText: string): string {
  if (a.allDay === true) return allDayText;
  const start = str(a.startAt);
  if (!start) return '';
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: tz });
  const end = str(a.endAt);
  return end ? `${time.format(new Date(start))} – ${time.format(new Date(end))}` : time.format(new Date(start));
}
