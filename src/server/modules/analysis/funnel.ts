import { sql } from 'kysely';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import type { FunnelOptions } from '../../../shared/analysis.js';
import { withDefaults } from '../../../shared/dictionaries.js';
import type { Period } from '../../../shared/periods.js';
import type { Database } from '../../db/database.js';
import { aggregate, groupFilters, medianStays, periodFilters, progress, type Dimension } from '../../core/aggregate.js';
import type { Filter, Locale } from '../../core/list-params.js';
import { parseJsonObject } from '../../core/json.js';
import { localLabel } from '../../core/labels.js';
import { drill, ratio } from './common.js';
import type { FunnelCohort, FunnelResult, FunnelStage } from '../../../shared/analysis-results.js';
import type { ScopedClock } from './common.js';

const STAGES = 'opportunity-stage';


interface StageValue { id: number; label: string; probability: number; outcome: 'open' | 'won' | 'lost' }

/** The stages in their order (active ones), with probability and outcome. */
async function stageValues(db: Database, locale: Locale): Promise<StageValue[]> {
  const { rows } = await sql<{ id: number; label: string; labels: unknown; attributes: unknown; parent_id: number | null }>`SELECT id, label, labels, attributes, parent_id
    FROM dictionary_values WHERE dictionary_key = ${STAGES} AND active = ${db.dialect === 'sqlite' ? 1 : true} ORDER BY position, id`.execute(db.kysely);
  return rows.filter((r) => r.parent_id === null).map((r) => {
    const a = withDefaults(STAGES, parseJsonObject(r.attributes));
    const outcome = a.outcome === 'won' || a.outcome === 'lost' ? a.outcome : 'open';
    return { id: Number(r.id), label: localLabel(r.labels, r.label, locale), probability: typeof a.probability === 'number' ? a.probability : 0, outcome };
  });
}

/**
 * The sales funnel model (M11.b), measured from the stage history: per stage how many opportunities
 * got there (strict: first entered every stage before it, in order; reached: got there at least once),
 * conversion to the next stage and from the first, drop-off, the median time in the stage, amount and
 * weighted amount; cohorts by created month; lost reasons; and the weighted forecast by expected close
 * month. Each number opens its opportunities through the list filters `passed` and `reached`.
 */
export async function funnel(db: Database, o: FunnelOptions, p: Period, clock: ScopedClock, locale: Locale): Promise<FunnelResult> {
  const entity = opportunityEntity;
  const who: Filter[] = [];
  if (o.owner.length) who.push({ field: 'ownerId', op: 'in', value: o.owner });
  if (o.source.length) who.push({ field: 'sourceId', op: 'in', value: o.source });
  const base = [...who, ...periodFilters('createdAt', p.from, p.to)];
  const all = await stageValues(db, locale);
  const stages = all.filter((s) => s.outcome !== 'lost');
  const sequence = stages.map((s) => s.id);
  const stageFilter = (i: number): Filter => (o.mode === 'strict'
    ? { field: 'stageId', op: 'passed', value: sequence.slice(0, i + 1) }
    : { field: 'stageId', op: 'reached', value: sequence[i] });

  const cohortDim: Dimension = { path: 'createdAt', bucket: 'month' };
  const rows = sequence.length ? await progress(db, { entity, field: 'stageId', sequence, filters: base, sum: 'amount', dim: cohortDim, clock, access: clock.access }) : [];
  const pick = (r: (typeof rows)[number]) => (o.mode === 'strict' ? r.passed : r.reached);
  const pickSum = (r: (typeof rows)[number]) => (o.mode === 'strict' ? r.passedSum : r.reachedSum);
  const entered = sequence.map((_, i) => rows.reduce((a, r) => a + pick(r)[i], 0));
  const amounts = sequence.map((_, i) => rows.reduce((a, r) => a + pickSum(r)[i], 0));
  const stays = await medianStays(db, { entity, field: 'stageId', filters: base, clock, access: clock.access });

  const result: FunnelStage[] = stages.map((s, i) => {
    const next = i + 1 < stages.length ? entered[i + 1] : null;
    const stay = stays.get(s.id);
    return {
      id: s.id, label: s.label, probability: s.probability, outcome: s.outcome === 'won' ? 'won' : 'open',
      entered: entered[i], amount: amounts[i], weighted: Math.round((amounts[i] * s.probability) / 100),
      toNext: next === null ? null : ratio(next, entered[i]), fromFirst: ratio(entered[i], entered[0] ?? 0),
      dropOff: next === null ? null : entered[i] - next,
      medianSeconds: stay ? stay.median : null, visits: stay?.visits ?? 0,
      drill: drill(entity, [...base, stageFilter(i)]),
    };
  });

  const cohorts: FunnelCohort[] = rows.filter((r) => r.key !== null).map((r) => {
    const month = String(r.key);
    // The month's days inside the period (the first and last month may be partial).
    const [gte, lte] = groupFilters(cohortDim, month).map((f) => String(f.value));
    const within = [...who, ...periodFilters('createdAt', gte < p.from ? p.from : gte, lte > p.to ? p.to : lte)];
    return { month, created: r.records, entered: pick(r), drill: drill(entity, within), cells: sequence.map((_, i) => drill(entity, [...within, stageFilter(i)])) };
  });

  const { rows: statusRows } = await aggregate(db, { entity, filters: base, dims: [{ path: 'status' }], measures: [{ fn: 'count' }], clock, access: clock.access });
  const byStatus = (s: string) => statusRows.find((r) => r.keys[0] === s)?.values[0] ?? 0;
  const created = statusRows.reduce((a, r) => a + r.values[0], 0);
  const won = byStatus('won');
  const lost = byStatus('lost');
  const status = (s: string) => drill(entity, [...base, { field: 'status', op: 'eq', value: s }]);

  const { rows: lostRows } = await aggregate(db, { entity, filters: [...base, { field: 'status', op: 'eq', value: 'lost' }], dims: [{ path: 'lostReason' }], measures: [{ fn: 'count' }, { fn: 'sum', path: 'amount' }], clock, access: clock.access });
  const lostReasons = lostRows.sort((a, b) => b.values[0] - a.values[0] || b.values[1] - a.values[1]).slice(0, 50).map((r) => ({
    reason: r.keys[0] === null ? null : String(r.keys[0]), count: r.values[0], amount: r.values[1],
    drill: drill(entity, [...base, { field: 'status', op: 'eq', value: 'lost' }, ...groupFilters({ path: 'lostReason' }, r.keys[0])]),
  }));

  const open: Filter[] = [...who, { field: 'status', op: 'eq', value: 'open' }];
  const closeDim: Dimension = { path: 'expectedCloseDate', bucket: 'month' };
  const { rows: forecastRows } = await aggregate(db, { entity, filters: open, dims: [closeDim], measures: [{ fn: 'count' }, { fn: 'sum', path: 'amount' }, { fn: 'sum', path: 'weightedAmount' }], clock, access: clock.access });
  const forecast = forecastRows.map((r) => ({
    month: r.keys[0] === null ? null : String(r.keys[0]), count: r.values[0], amount: r.values[1], weighted: r.values[2],
    drill: drill(entity, [...open, ...groupFilters(closeDim, r.keys[0])]),
  }));
  // No date last (the two databases order NULL differently).
  forecast.sort((a, b) => (a.month === null ? 1 : b.month === null ? -1 : a.month.localeCompare(b.month)));

  return {
    analysis: 'funnel',
    options: o,
    period: p,
    entity: entity.path,
    stages: result,
    summary: { created, open: byStatus('open'), won, lost, winRate: ratio(won, won + lost), drill: { created: drill(entity, base), open: status('open'), won: status('won'), lost: status('lost') } },
    cohorts,
    lostReasons,
    forecast,
    empty: created === 0 && forecast.length === 0,
  };
}
