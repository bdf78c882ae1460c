import type { EntityDef } from '../../../shared/entity/define.js';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { saleEntity } from '../../../shared/entities/sale.entity.js';
import { LINE_BREAKDOWNS, type TrendOptions } from '../../../shared/analysis.js';
import { addDays, bucketsOf, comparePeriod, nextBucket, type Period } from '../../../shared/periods.js';
import type { Database } from '../../db/database.js';
import { aggregate, periodFilters, groupFilters, type Dimension, type Measure } from '../../core/aggregate.js';
import type { Filter, Locale } from '../../core/list-params.js';
import { BREAKDOWN_PATHS, dictionaryIdsWhere, drill, keyLabels, optionFilters, ratio } from './common.js';
import type { TrendPoint, TrendResult, TrendSeries } from '../../../shared/analysis-results.js';
import type { ScopedClock } from './common.js';

/** The most series a trend draws: the largest by value, then one "Other". */
export const MAX_SERIES = 10;


interface Setup { entity: EntityDef; dateField: string; base: Filter[]; measures: Measure[]; value: (v: number[]) => number; unit: 'money' | 'count' }

/** What a measure reads: which records, dated by which field, summing what. */
async function setup(db: Database, o: TrendOptions): Promise<Setup> {
  const byLines = o.series !== null && LINE_BREAKDOWNS.includes(o.series);
  if (o.measure === 'salesAmount' || o.measure === 'salesCount') {
    const base: Filter[] = [];
    if (!o.includeCancelled) {
      const cancelled = await dictionaryIdsWhere(db, 'sale-status', (a) => a.cancelled === true);
      if (cancelled.length) base.push({ field: 'statusId', op: 'nin', value: cancelled });
    }
    return {
      entity: saleEntity,
      dateField: o.basis === 'createdDate' ? 'createdAt' : 'orderDate',
      base,
      measures: [{ fn: 'count' }, { fn: 'sum', path: byLines ? 'lines.amount' : 'total' }],
      value: o.measure === 'salesCount' ? (v) => v[0] : (v) => v[1],
      unit: o.measure === 'salesCount' ? 'count' : 'money',
    };
  }
  const base: Filter[] = [{ field: 'status', op: 'eq', value: 'won' }];
  const dateField = o.basis === 'createdDate' ? 'createdAt' : 'closedAt';
  if (o.measure === 'wonAmount') {
    return { entity: opportunityEntity, dateField, base, measures: [{ fn: 'count' }, { fn: 'sum', path: byLines ? 'lines.amount' : 'amount' }], value: (v) => v[1], unit: 'money' };
  }
  // The margin after expenses: the amount less the approved (and reimbursed) expenses charged to it.
  return { entity: opportunityEntity, dateField, base, measures: [{ fn: 'count' }, { fn: 'sum', path: 'amount' }, { fn: 'sum', path: 'approvedExpenses' }], value: (v) => v[1] - v[2], unit: 'money' };
}

/** The days of a bucket that fall inside the period. */
function bucketRange(bucket: string, o: TrendOptions, p: Period): Period {
  const end = addDays(nextBucket(bucket, o.granularity), -1);
  return { from: bucket < p.from ? p.from : bucket, to: end > p.to ? p.to : end };
}

interface Grid { buckets: string[]; byKey: Map<string, number[]> }

const cell = (bucket: string, key: string | number | null) => JSON.stringify([bucket, key]);

/** Counts and sums per (bucket, series value) for a period. */
async function grid(db: Database, s: Setup, o: TrendOptions, p: Period, filters: Filter[], series: Dimension | null, clock: ScopedClock): Promise<Grid> {
  const dims: Dimension[] = [{ path: s.dateField, bucket: o.granularity }, ...(series ? [series] : [])];
  const { rows } = await aggregate(db, { entity: s.entity, filters: [...filters, ...periodFilters(s.dateField, p.from, p.to)], dims, measures: s.measures, clock, access: clock.access });
  const byKey = new Map<string, number[]>();
  for (const r of rows) byKey.set(cell(String(r.keys[0]), series ? r.keys[1] : 'total'), r.values);
  return { buckets: bucketsOf(p, o.granularity), byKey };
}

function seriesOf(s: Setup, o: TrendOptions, g: Grid, p: Period, filters: Filter[], key: string | number | 'total' | null, dim: Dimension | null): Omit<TrendSeries, 'label' | 'other'> {
  const own = dim && key !== 'total' ? groupFilters(dim, key) : [];
  const zero = s.measures.map(() => 0);
  const points = g.buckets.map((b) => {
    const v = g.byKey.get(cell(b, key)) ?? zero;
    const r = bucketRange(b, o, p);
    return { bucket: b, value: s.value(v), count: v[0], drill: drill(s.entity, [...filters, ...own, ...periodFilters(s.dateField, r.from, r.to)]) };
  });
  const total = {
    value: points.reduce((a, x) => a + x.value, 0),
    count: points.reduce((a, x) => a + x.count, 0),
    drill: drill(s.entity, [...filters, ...own, ...periodFilters(s.dateField, p.from, p.to)]),
  };
  return { key: key === 'total' ? null : key, points, total };
}

function withCompare(cur: Omit<TrendSeries, 'label' | 'other'>, prev: Omit<TrendSeries, 'label' | 'other'>): void {
  cur.points.forEach((pt, i) => {
    const o = prev.points[i];
    if (o) pt.compare = { bucket: o.bucket, value: o.value, count: o.count, drill: o.drill, diff: pt.value - o.value, pct: ratio(pt.value - o.value, Math.abs(o.value)) };
  });
  cur.total.compare = { ...prev.total, diff: cur.total.value - prev.total.value, pct: ratio(cur.total.value - prev.total.value, Math.abs(prev.total.value)) };
}

/**
 * The sales trend (M11.a): a measure per bucket of the period, optionally split into the largest
 * series of a breakdown (and one "Other"), optionally beside the previous period or the same period a
 * year before. Every count is exact (a record once per bucket, once per series it belongs to), and
 * every point carries the list filter that opens its records.
 */
export async function trend(db: Database, o: TrendOptions, p: Period, clock: ScopedClock, locale: Locale): Promise<TrendResult> {
  const s = await setup(db, o);
  const filters = [...s.base, ...optionFilters(o)];
  const cp = o.compare === 'none' ? null : comparePeriod(p, o.compare);
  const total = seriesOf(s, o, await grid(db, s, o, p, filters, null, clock), p, filters, 'total', null);
  const prevTotal = cp ? seriesOf(s, o, await grid(db, s, o, cp, filters, null, clock), cp, filters, 'total', null) : null;
  if (prevTotal) withCompare(total, prevTotal);

  const series: TrendSeries[] = [];
  if (o.series) {
    const path = BREAKDOWN_PATHS[o.series];
    // Rank the breakdown's values over the whole period; the largest keep a series of their own.
    const { rows } = await aggregate(db, { entity: s.entity, filters: [...filters, ...periodFilters(s.dateField, p.from, p.to)], dims: [{ path }], measures: s.measures, clock, access: clock.access });
    const ranked = rows.filter((r) => r.keys[0] !== null).sort((a, b) => s.value(b.values) - s.value(a.values) || b.values[0] - a.values[0]);
    const cut = ranked.length > MAX_SERIES;
    const keep = ranked.slice(0, cut ? MAX_SERIES - 1 : ranked.length).map((r) => r.keys[0] as string | number);
    const dim: Dimension = { path, keep };
    const cur = await grid(db, s, o, p, filters, dim, clock);
    const prev = cp ? await grid(db, s, o, cp, filters, dim, clock) : null;
    const labels = await keyLabels(db, s.entity, path, keep, locale);
    const hasRest = [...cur.byKey.keys(), ...(prev ? prev.byKey.keys() : [])].some((k) => JSON.parse(k)[1] === null);
    for (const key of [...keep, ...(hasRest ? [null] : [])]) {
      const one = seriesOf(s, o, cur, p, filters, key, dim);
      if (prev && cp) withCompare(one, seriesOf(s, o, prev, cp, filters, key, dim));
      series.push({ ...one, label: key === null ? null : labels.get(key) ?? String(key), other: key === null && cut });
    }
  }
  return {
    analysis: 'trend',
    options: o,
    period: p,
    comparePeriod: cp,
    unit: s.unit,
    entity: s.entity.path,
    buckets: total.points.map((x) => x.bucket),
    total: { ...total, label: null, other: false },
    series,
    empty: total.total.count === 0 && (prevTotal?.total.count ?? 0) === 0,
  };
}
