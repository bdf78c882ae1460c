import type { EntityDef } from '../../../shared/entity/define.js';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { saleEntity } from '../../../shared/entities/sale.entity.js';
import { serviceFeedbackEntity } from '../../../shared/entities/service-feedback.entity.js';
import type { Drill } from '../../../shared/analysis-results.js';
import { resolvePeriod, type Period } from '../../../shared/periods.js';
import type { Database } from '../../db/database.js';
import { aggregate, groupFilters, periodFilters } from '../../core/aggregate.js';
import type { Filter, Locale } from '../../core/list-params.js';
import { listRecords, orderByDictionary } from '../../core/list-service.js';
import type { ApiRecord } from '../../core/record-mapper.js';
import { localDate } from '../../core/time-zones.js';
import { dictionaryIdsWhere, drill, keyLabels, ratio } from './common.js';
import type { ScopedClock } from './common.js';

export interface Tally { count: number; drill: Drill }
export interface Dashboard {
  today: string;
  activities: { dueToday: Tally; overdue: Tally; next: ApiRecord[] };
  pipeline: { stages: { id: number | null; label: string | null; count: number; amount: number; weighted: number; drill: Drill }[]; total: { count: number; amount: number; weighted: number; drill: Drill } };
  sales: { thisMonth: SalesTally; lastMonth: SalesTally; diff: number; pct: number | null };
  service: { open: Tally; byPriority: { id: number | null; label: string | null; count: number; drill: Drill }[]; responseOverdue: Tally; resolutionOverdue: Tally };
}
interface SalesTally { period: Period; value: number; count: number; drill: Drill }

async function tally(db: Database, entity: EntityDef, filters: Filter[], clock: ScopedClock): Promise<Tally> {
  const { rows } = await aggregate(db, { entity, filters, dims: [], measures: [{ fn: 'count' }], clock, access: clock.access });
  return { count: rows[0]?.values[0] ?? 0, drill: drill(entity, filters) };
}

/**
 * The home page's tiles: activities due today and overdue (with the next few), the open pipeline by
 * stage with weighted totals, this month's sales against last month's, and open service feedback by
 * priority with what is overdue. Each number carries the list filter that opens its records.
 */
export async function dashboard(db: Database, clock: ScopedClock, locale: Locale): Promise<Dashboard> {
  const today = localDate(clock.now, clock.timeZone);

  const dueToday: Filter[] = [{ field: 'dueAt', op: 'due', value: 'today' }];
  const overdue: Filter[] = [{ field: 'dueAt', op: 'due', value: 'overdue' }];
  const next = await listRecords(db, activityEntity, {
    q: '', sort: [{ field: 'dueAt', desc: false }], sortGiven: true, filters: [{ field: 'dueAt', op: 'lte', value: today }], limit: 6, cursor: null,
    groupBy: [], sums: [], trash: false, totalMode: 'none', locale, clock, access: clock.access,
  });

  const open: Filter[] = [{ field: 'status', op: 'eq', value: 'open' }];
  const { rows: stageRows } = await aggregate(db, { entity: opportunityEntity, filters: open, dims: [{ path: 'stageId' }], measures: [{ fn: 'count' }, { fn: 'sum', path: 'amount' }, { fn: 'sum', path: 'weightedAmount' }], clock, access: clock.access });
  const stageLabels = await keyLabels(db, opportunityEntity, 'stageId', stageRows.map((r) => r.keys[0]), locale);
  const stages = (await orderByDictionary(db, stageRows.map((r) => ({ value: r.keys[0], r })))).map(({ r }) => ({
    id: r.keys[0] === null ? null : Number(r.keys[0]), label: r.keys[0] === null ? null : stageLabels.get(r.keys[0]) ?? null,
    count: r.values[0], amount: r.values[1], weighted: r.values[2],
    drill: drill(opportunityEntity, [...open, ...groupFilters({ path: 'stageId' }, r.keys[0])]),
  }));
  const sum = (i: number) => stageRows.reduce((a, r) => a + r.values[i], 0);

  const cancelled = await dictionaryIdsWhere(db, 'sale-status', (a) => a.cancelled === true);
  const notCancelled: Filter[] = cancelled.length ? [{ field: 'statusId', op: 'nin', value: cancelled }] : [];
  const salesIn = async (p: Period): Promise<SalesTally> => {
    const filters = [...notCancelled, ...periodFilters('orderDate', p.from, p.to)];
    const { rows } = await aggregate(db, { entity: saleEntity, filters, dims: [], measures: [{ fn: 'count' }, { fn: 'sum', path: 'total' }], clock, access: clock.access });
    return { period: p, count: rows[0]?.values[0] ?? 0, value: rows[0]?.values[1] ?? 0, drill: drill(saleEntity, filters) };
  };
  const thisMonth = await salesIn(resolvePeriod('thisMonth', today));
  const lastMonth = await salesIn(resolvePeriod('lastMonth', today));

  const openStatuses = await dictionaryIdsWhere(db, 'service-status', (a) => a.meaning === 'open' || a.meaning === 'waiting');
  const openService: Filter[] = [{ field: 'statusId', op: 'in', value: openStatuses }];
  const { rows: prioRows } = await aggregate(db, { entity: serviceFeedbackEntity, filters: openService, dims: [{ path: 'priorityId' }], measures: [{ fn: 'count' }], clock, access: clock.access });
  const prioLabels = await keyLabels(db, serviceFeedbackEntity, 'priorityId', prioRows.map((r) => r.keys[0]), locale);
  const byPriority = (await orderByDictionary(db, prioRows.map((r) => ({ value: r.keys[0], r })))).map(({ r }) => ({
    id: r.keys[0] === null ? null : Number(r.keys[0]), label: r.keys[0] === null ? null : prioLabels.get(r.keys[0]) ?? null, count: r.values[0],
    drill: drill(serviceFeedbackEntity, [...openService, ...groupFilters({ path: 'priorityId' }, r.keys[0])]),
  }));

  return {
    today,
    activities: { dueToday: await tally(db, activityEntity, dueToday, clock), overdue: await tally(db, activityEntity, overdue, clock), next: next.items },
    pipeline: {
      stages,
      total: { count: sum(0), amount: sum(1), weighted: sum(2), drill: drill(opportunityEntity, open) },
    },
    sales: { thisMonth, lastMonth, diff: thisMonth.value - lastMonth.value, pct: ratio(thisMonth.value - lastMonth.value, lastMonth.value) },
    service: {
      open: await tally(db, serviceFeedbackEntity, openService, clock),
      byPriority,
      responseOverdue: await tally(db, serviceFeedbackEntity, [...openService, { field: 'responseDueAt', op: 'due', value: 'overdue' }], clock),
      resolutionOverdue: await tally(db, serviceFeedbackEntity, [...openService, { field: 'resolutionDueAt', op: 'due', value: 'overdue' }], clock),
    },
  };
}
