import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Drill } from '../../../shared/analysis-results.js';
import type { Period } from '../../../shared/periods.js';
import { api } from '../../core/api.js';
import { listHref } from '../../core/list/urlFilters.js';
import type { EntityRecord, FieldFilter } from '../../core/records.js';

/** A number of records and the list that shows exactly them. */
export interface Tally { count: number; drill: Drill }

export interface StageTally { id: number | null; label: string | null; count: number; amount: number; weighted: number; drill: Drill }
export interface SalesTally { period: Period; value: number; count: number; drill: Drill }
export interface PriorityTally { id: number | null; label: string | null; count: number; drill: Drill }

/** `GET /api/v1/dashboard` (server/modules/analysis/dashboard.ts); money in minor units. */
export interface Dashboard {
  /** Today in the installation's zone, `YYYY-MM-DD`. */
  today: string;
  activities: { dueToday: Tally; overdue: Tally; next: EntityRecord[] };
  pipeline: { stages: StageTally[]; total: { count: number; amount: number; weighted: number; drill: Drill } };
  sales: { thisMonth: SalesTally; lastMonth: SalesTally; diff: number; pct: number | null };
  service: { open: Tally; byPriority: PriorityTally[]; responseOverdue: Tally; resolutionOverdue: Tally };
}

/** The home page's numbers, labels in the UI language. */
export function useDashboard() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useQuery({
    queryKey: ['dashboard', locale],
    queryFn: ({ signal }) => api<Dashboard>('/v1/dashboard', { query: { locale }, signal }),
    // Coming back from a list (where records may have changed) shows the figures again at once, then fresh ones.
    staleTime: 0,
  });
}

const LIST_OPS: ReadonlySet<string> = new Set<NonNullable<FieldFilter['op']>>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'empty', 'due', 'reached', 'passed']);
const isListOp = (op: string): op is NonNullable<FieldFilter['op']> => LIST_OPS.has(op);

/** The list URL a number opens (`/opportunities?filter[status]=open&filter[stageId]=3`). */
export function drillHref(d: Drill): string {
  // The server only sends list operators; a list ignores any other in its URL, so none is written.
  return listHref(d.entity, d.filters.flatMap((f) => (isListOp(f.op) ? [{ field: f.field, op: f.op, value: f.value }] : [])));
}
