import { Temporal } from 'temporal-polyfill';

/**
 * Working time (Settings): the days of the week and the hours of the day a service clock runs, in
 * the installation's time zone. Shared by the server (due times it stores and filters on) and the
 * browser (the clock a record shows), so both count the same minutes.
 */
export interface WorkingTime {
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** `HH:MM`, the start and end of a working day (end after start). */
  start: string;
  end: string;
}

export const DEFAULT_WORKING_TIME: WorkingTime = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The time of day as minutes since midnight (`09:30` → 570), or null when it is not `HH:MM`. */
export function minutesOfDay(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Why a working time is not usable, or null: at least one day, days 1–7 once each, and an end after the start. */
export function workingTimeProblem(w: WorkingTime): string | null {
  if (w.days.length === 0) return 'needs at least one working day';
  if (w.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7) || new Set(w.days).size !== w.days.length) return 'days must be 1 (Monday) to 7 (Sunday), each once';
  const s = minutesOfDay(w.start);
  const e = minutesOfDay(w.end);
  if (s === null || e === null) return 'start and end must be HH:MM';
  if (e <= s) return 'the end must be after the start';
  return null;
}

/** The working window of a date in the zone, as instants (ms), or null on a day off. DST is the zone's. */
function window(date: Temporal.PlainDate, w: WorkingTime, tz: string): [number, number] | null {
  if (!w.days.includes(date.dayOfWeek)) return null;
  const at = (hhmm: string) => date.toZonedDateTime({ timeZone: tz, plainTime: Temporal.PlainTime.from(hhmm) }).epochMilliseconds;
  return [at(w.start), at(w.end)];
}

const dateOf = (ms: number, tz: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz).toPlainDate();

/** Years a clock may run before it gives up (a target far beyond any service level). */
const MAX_DAYS = 366 * 5;

/**
 * The instant `minutes` of working time after `fromMs`: time outside working hours does not count
 * (a 4-hour target received at 17:00 on a Friday is due at 12:00 on Monday with 09:00–18:00).
 */
export function addWorkingMinutes(fromMs: number, minutes: number, w: WorkingTime, tz: string): number {
  let left = Math.max(0, minutes) * 60_000;
  let day = dateOf(fromMs, tz);
  for (let i = 0; i < MAX_DAYS; i++, day = day.add({ days: 1 })) {
    const win = window(day, w, tz);
    if (!win) continue;
    const start = Math.max(win[0], fromMs);
    if (start >= win[1]) continue;
    if (start + left <= win[1]) return start + left;
    left -= win[1] - start;
  }
  throw new Error('working time: the target is further than five years of working days');
}

/** Working minutes between two instants (0 when `toMs` is not after `fromMs`), whole minutes rounded down. */
export function workingMinutesBetween(fromMs: number, toMs: number, w: WorkingTime, tz: string): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let day = dateOf(fromMs, tz);
  const last = dateOf(toMs, tz);
  for (let i = 0; i < MAX_DAYS && Temporal.PlainDate.compare(day, last) <= 0; i++, day = day.add({ days: 1 })) {
    const win = window(day, w, tz);
    if (!win) continue;
    const start = Math.max(win[0], fromMs);
    const end = Math.min(win[1], toMs);
    if (end > start) total += end - start;
  }
  return Math.floor(total / 60_000);
}
