/**
 * Calendar periods and buckets for analyses: dates are 'YYYY-MM-DD' days in the installation's time
 * zone (a date-time counts on its local day there), weeks start on Monday (ISO 8601), quarters in
 * January, April, July and October. Pure date arithmetic in UTC, so no machine zone leaks in.
 */
export const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const PERIOD_KINDS = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'lastMonths', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period { from: string; to: string }

const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const ymd = (date: string) => ({ y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) });
const make = (y: number, m: number, d = 1) => {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return iso(t.getTime());
};

export function addDays(date: string, days: number): string {
  return iso(ms(date) + days * DAY);
}

/** The same day `months` months on (the month's last day where it has fewer: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = ymd(date);
  const first = make(y, m + months, 1);
  const last = addDays(make(y, m + months + 1, 1), -1);
  return d > Number(last.slice(8, 10)) ? last : `${first.slice(0, 8)}${String(d).padStart(2, '0')}`;
}

/** The first day of the bucket a day falls in. */
export function bucketStart(date: string, g: Granularity): string {
  const { y, m } = ymd(date);
  switch (g) {
    case 'day': return date;
    case 'week': return addDays(date, -((new Date(ms(date)).getUTCDay() + 6) % 7));
    case 'month': return make(y, m);
    case 'quarter': return make(y, Math.floor((m - 1) / 3) * 3 + 1);
    case 'year': return make(y, 1);
  }
}

/** The first day of the next bucket. */
export function nextBucket(start: string, g: Granularity): string {
  switch (g) {
    case 'day': return addDays(start, 1);
    case 'week': return addDays(start, 7);
    case 'month': return addMonths(start, 1);
    case 'quarter': return addMonths(start, 3);
    case 'year': return addMonths(start, 12);
  }
}

/** Every bucket that overlaps the period, in order (at most `limit`; a caller refuses more). */
export function bucketsOf(p: Period, g: Granularity, limit = 5000): string[] {
  const out: string[] = [];
  for (let b = bucketStart(p.from, g); b <= p.to && out.length < limit; b = nextBucket(b, g)) out.push(b);
  return out;
}

/** How many buckets a period holds. */
export function bucketCount(p: Period, g: Granularity): number {
  return bucketsOf(p, g, 100_000).length;
}

/** A named period as dates, seen from `today` (`lastMonths`: the last n months up to and including this one). */
export function resolvePeriod(kind: Exclude<PeriodKind, 'custom'>, today: string, months = 12): Period {
  const month = bucketStart(today, 'month');
  const quarter = bucketStart(today, 'quarter');
  const year = bucketStart(today, 'year');
  const endOf = (start: string, g: Granularity) => addDays(nextBucket(start, g), -1);
  switch (kind) {
    case 'thisMonth': return { from: month, to: endOf(month, 'month') };
    case 'lastMonth': { const s = addMonths(month, -1); return { from: s, to: endOf(s, 'month') }; }
    case 'thisQuarter': return { from: quarter, to: endOf(quarter, 'quarter') };
    case 'lastQuarter': { const s = addMonths(quarter, -3); return { from: s, to: endOf(s, 'quarter') }; }
    case 'thisYear': return { from: year, to: endOf(year, 'year') };
    case 'lastYear': { const s = addMonths(year, -12); return { from: s, to: endOf(s, 'year') }; }
    case 'lastMonths': return { from: addMonths(month, -(months - 1)), to: endOf(month, 'month') };
  }
}

/** The period of the same length just before (`previous`), or the same dates a year earlier (`lastYear`). */
export function comparePeriod(p: Period, how: 'previous' | 'lastYear'): Period {
  if (how === 'lastYear') return { from: addMonths(p.from, -12), to: addMonths(p.to, -12) };
  // Whole months stay whole months (March → February, not the 31 days before March).
  const wholeMonths = p.from.endsWith('-01') && addDays(p.to, 1).endsWith('-01');
  if (wholeMonths) {
    const { y: y1, m: m1 } = ymd(p.from);
    const { y: y2, m: m2 } = ymd(addDays(p.to, 1));
    const months = (y2 - y1) * 12 + (m2 - m1);
    return { from: addMonths(p.from, -months), to: addDays(p.from, -1) };
  }
  const days = Math.round((ms(p.to) - ms(p.from)) / DAY) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

/** The number of days in a period, both ends included. */
export function periodDays(p: Period): number {
  return Math.round((ms(p.to) - ms(p.from)) / DAY) + 1;
}
