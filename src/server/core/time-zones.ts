/**
 * IANA time zones as an allow-list (a zone from a request is looked up here and used only by
 * Intl in JS, never spliced into SQL), and the two conversions calendars need: an instant's
 * date in a zone, and the instant a zone's day starts.
 */
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const isTimeZone = (tz: string): boolean => ZONES.has(tz);

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', era: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

function wallClock(ms: number, tz: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  let bc = false;
  for (const part of formatter(tz).formatToParts(new Date(ms))) {
    if (part.type === 'era') bc = part.value === 'BC';
    else if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  // Astronomical years, as ISO 8601 counts them: 1 BC is year 0.
  return { y: bc ? 1 - p.year : p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** The zone's offset from UTC at an instant, in ms (Seoul: +9 h). */
export function offsetMs(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  // Date.UTC reads the years 0–99 as 1900–1999; setUTCFullYear takes any year as it is.
  const wall = new Date(0);
  wall.setUTCFullYear(w.y, w.mo - 1, w.d);
  wall.setUTCHours(w.h, w.mi, w.s, 0);
  return wall.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The date (YYYY-MM-DD) an instant falls on in the zone. */
export function localDate(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${String(w.y).padStart(4, '0')}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** The instant a date's day starts in the zone (its local midnight; after a DST gap, the first instant of the day). */
export function zonedMidnight(date: string, tz: string): number {
  return midnightOf(Date.parse(`${date}T00:00:00Z`), tz);
}

/** The same for a day given by its UTC midnight in ms, of every year, the day after 9999-12-31 too, which no date string can name. */
export function midnightOf(wall: number, tz: string): number {
  let t = wall - offsetMs(wall, tz);
  t = wall - offsetMs(t, tz);
  return t;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The offset an export writes an instant with: the zone's own, or none (UTC) where the local time
 * cannot be written as ISO 8601 or a spreadsheet date: a zone's local mean time before it took a
 * standard time, with seconds in its offset (Seoul until 1908: +08:27:52), or a local date past
 * 9999-12-31 (+010000-… starts a formula in a spreadsheet).
 */
export function writtenOffsetMs(ms: number, tz: string): number {
  const offset = offsetMs(ms, tz);
  const year = new Date(ms + offset).getUTCFullYear();
  return offset % 60_000 === 0 && year >= 1 && year <= 9999 ? offset : 0;
}

/** An instant as ISO 8601 local time with its offset in the zone (writtenOffsetMs), to the second: `2026-12-02T08:10:44+09:00`. */
export function isoWithOffset(ms: number, tz: string): string {
  return isoWithGivenOffset(ms, writtenOffsetMs(ms, tz));
}

/** isoWithOffset with the offset already known (see writtenOffsets). */
export function isoWithGivenOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset) / 60_000;
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A UTC day: a zone changes its offset on few of them (twice a year at most, in practice). */
const SPAN_MS = 86_400_000;
const MAX_SPANS = 100_000;

/**
 * writtenOffsetMs for many instants of one zone (an export's million date-times), remembered per
 * UTC day: a day whose first and last millisecond have the same offset is taken to have it
 * throughout; a day with a change in it is computed instant by instant.
 */
export function writtenOffsets(tz: string): (ms: number) => number {
  const spans = new Map<number, number | null>();
  return (ms) => {
    const span = Math.floor(ms / SPAN_MS);
    let offset = spans.get(span);
    if (offset === undefined) {
      const start = writtenOffsetMs(span * SPAN_MS, tz);
      offset = start === writtenOffsetMs(span * SPAN_MS + SPAN_MS - 1, tz) ? start : null;
      if (spans.size >= MAX_SPANS) spans.clear();
      spans.set(span, offset);
    }
    return offset ?? writtenOffsetMs(ms, tz);
  };
}

/** The zone this process runs in (the computer's), the default until an installation chooses one. */
export function systemTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isTimeZone(tz) ? tz : 'UTC';
}
