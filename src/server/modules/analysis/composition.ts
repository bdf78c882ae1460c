import { saleEntity } from '../../../shared/entities/sale.entity.js';
import type { CompositionOptions } from '../../../shared/analysis.js';
import { comparePeriod, type Period } from '../../../shared/periods.js';
import type { Database } from '../../db/database.js';
import { aggregate, periodFilters, groupFilters, type Dimension, type Measure } from '../../core/aggregate.js';
import type { Filter, Locale } from '../../core/list-params.js';
import { BREAKDOWN_PATHS, dictionaryIdsWhere, drill, keyLabels, optionFilters, ratio } from './common.js';
import type { CompositionItem, CompositionResult, ParetoRow } from '../../../shared/analysis-results.js';
import type { ScopedClock } from './common.js';

/** Rows of the Pareto table at most (the rest is summed in the last row's cumulative share anyway). */
export const MAX_PARETO = 1000;


/** Sums of line amounts (a sale without lines counts its total) and the sales they come from. */
const MEASURES: Measure[] = [{ fn: 'count' }, { fn: 'sum', path: 'lines.amount' }];

/**
 * The sales composition (M11.b): the share of each product, category, customer, customer type, region,
 * customer group or owner in the period's sales, computed from the sale lines, with a Pareto/ABC table,
 * the top N and "Other", and optionally the same for another period.
 */
export async function composition(db: Database, o: CompositionOptions, p: Period, clock: ScopedClock, locale: Locale): Promise<CompositionResult> {
  const entity = saleEntity;
  const path = BREAKDOWN_PATHS[o.by];
  const filters: Filter[] = [...optionFilters(o)];
  if (!o.includeCancelled) {
    const cancelled = await dictionaryIdsWhere(db, 'sale-status', (a) => a.cancelled === true);
    if (cancelled.length) filters.push({ field: 'statusId', op: 'nin', value: cancelled });
  }
  const inPeriod = (q: Period) => [...filters, ...periodFilters('orderDate', q.from, q.to)];
  const cp = o.compare === 'none' ? null : comparePeriod(p, o.compare);

  const totalOf = async (q: Period) => {
    const { rows } = await aggregate(db, { entity, filters: inPeriod(q), dims: [], measures: MEASURES, clock, access: clock.access });
    const v = rows[0]?.values ?? [0, 0];
    return { value: v[1], count: v[0], drill: drill(entity, inPeriod(q)) };
  };
  const total = await totalOf(p);
  const prevTotal = cp ? await totalOf(cp) : null;

  const { rows } = await aggregate(db, { entity, filters: inPeriod(p), dims: [{ path }], measures: MEASURES, clock, access: clock.access });
  const ranked = [...rows].sort((a, b) => b.values[1] - a.values[1] || b.values[0] - a.values[0]);
  const keys = ranked.slice(0, MAX_PARETO).map((r) => r.keys[0]);
  const labels = await keyLabels(db, entity, path, keys, locale);
  const label = (k: string | number | null) => (k === null ? null : labels.get(k) ?? String(k));

  let running = 0;
  const pareto: ParetoRow[] = ranked.slice(0, MAX_PARETO).map((r) => {
    const before = ratio(running, total.value) ?? 0;
    running += r.values[1];
    const key = r.keys[0];
    return {
      key, label: label(key), value: r.values[1], count: r.values[0], share: ratio(r.values[1], total.value),
      cumulativeShare: ratio(running, total.value), abc: before < 0.8 ? 'A' : before < 0.95 ? 'B' : 'C',
      drill: drill(entity, [...inPeriod(p), ...groupFilters({ path }, key)]),
    };
  });

  // The donut: the top values, then everything else (and no value) as one group, each counted exactly.
  const named = ranked.filter((r) => r.keys[0] !== null);
  const cut = named.length > o.top;
  const keep = named.slice(0, o.top).map((r) => r.keys[0] as string | number);
  const dim: Dimension = { path, keep };
  const sliceRows = async (q: Period) => new Map((await aggregate(db, { entity, filters: inPeriod(q), dims: [dim], measures: MEASURES, clock, access: clock.access })).rows.map((r) => [r.keys[0], r.values]));
  const cur = await sliceRows(p);
  const prev = cp ? await sliceRows(cp) : null;
  const items: CompositionItem[] = [];
  for (const key of [...keep, null]) {
    const v = cur.get(key);
    const pv = prev?.get(key);
    if (key === null && !v && !pv) continue;
    const value = v?.[1] ?? 0;
    const item: CompositionItem = {
      key, label: label(key), other: key === null && cut, value, count: v?.[0] ?? 0, share: ratio(value, total.value),
      drill: drill(entity, [...inPeriod(p), ...groupFilters(dim, key)]),
    };
    if (cp && prevTotal) {
      const before = pv?.[1] ?? 0;
      item.compare = {
        value: before, count: pv?.[0] ?? 0, drill: drill(entity, [...inPeriod(cp), ...groupFilters(dim, key)]),
        diff: value - before, pct: ratio(value - before, before), share: ratio(before, prevTotal.value),
      };
    }
    items.push(item);
  }
  return {
    analysis: 'composition',
    options: o,
    period: p,
    comparePeriod: cp,
    unit: 'money',
    entity: entity.path,
    items,
    pareto,
    paretoCapped: ranked.length > MAX_PARETO,
    total: { ...total, ...(prevTotal ? { compare: { ...prevTotal, diff: total.value - prevTotal.value, pct: ratio(total.value - prevTotal.value, prevTotal.value) } } : {}) },
    empty: total.count === 0 && (prevTotal?.count ?? 0) === 0,
  };
}
