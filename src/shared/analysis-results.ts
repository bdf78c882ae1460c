import type { CompositionOptions, FunnelOptions, TrendOptions } from './analysis.js';
import type { Period } from './periods.js';

/**
 * What the analysis API returns (`GET /api/v1/analysis/<name>`): the numbers the chart and the table
 * show, each with the list filter that opens its records. Money is in minor units, shares and
 * changes are fractions (0.25 = 25%), buckets and months are their first day (YYYY-MM-DD).
 */

/** The list that shows a number's records: the entity's path and the list filters (`/sales?filter[...]`). */
export interface Drill { entity: string; filters: DrillFilter[] }
export interface DrillFilter { field: string; op: string; value: string | number | boolean }

export interface TrendPoint {
  bucket: string;
  value: number;
  count: number;
  drill: Drill;
  /** With a comparison: the bucket in the other period at the same place, its value, the difference and its share. */
  compare?: { bucket: string; value: number; count: number; drill: Drill; diff: number; pct: number | null };
}

export interface TrendSeries {
  /** The breakdown's value; null for the rest ("Other") or for records without one ("None"). */
  key: string | number | null;
  label: string | null;
  /** True for the group of every value outside the top series. */
  other: boolean;
  points: TrendPoint[];
  total: { value: number; count: number; drill: Drill; compare?: { value: number; count: number; drill: Drill; diff: number; pct: number | null } };
}

export interface TrendResult {
  analysis: 'trend';
  options: TrendOptions;
  period: Period;
  comparePeriod: Period | null;
  /** What the values are: money in minor units, or a number of records. */
  unit: 'money' | 'count';
  /** The list the numbers open (`sales` or `opportunities`). */
  entity: string;
  buckets: string[];
  /** Every record in each bucket, once. */
  total: TrendSeries;
  /** Per breakdown value (empty without one); a record with lines in two categories is in both. */
  series: TrendSeries[];
  empty: boolean;
}

export interface Compared { value: number; count: number; drill: Drill; diff: number; pct: number | null; share: number | null }
export interface CompositionItem {
  key: string | number | null;
  label: string | null;
  /** The group of every value outside the top (and of lines without one). */
  other: boolean;
  value: number;
  /** Sales with at least one line in the group. */
  count: number;
  share: number | null;
  drill: Drill;
  compare?: Compared;
}

export interface ParetoRow extends Omit<CompositionItem, 'other' | 'compare'> {
  cumulativeShare: number | null;
  /** A: the values that make up the first 80% of the total; B: the next 15%; C: the last 5%. */
  abc: 'A' | 'B' | 'C';
}

export interface CompositionResult {
  analysis: 'composition';
  options: CompositionOptions;
  period: Period;
  comparePeriod: Period | null;
  unit: 'money';
  entity: string;
  /** The top values and one "Other": the donut's slices. */
  items: CompositionItem[];
  /** Every value, largest first (at most MAX_PARETO), with its running share and ABC class. */
  pareto: ParetoRow[];
  paretoCapped: boolean;
  total: { value: number; count: number; drill: Drill; compare?: Omit<Compared, 'share'> };
  empty: boolean;
}

export interface FunnelStage {
  id: number;
  label: string;
  probability: number;
  outcome: 'open' | 'won';
  /** Opportunities counted at this stage (by the mode: passed every stage before it in order, or reached it). */
  entered: number;
  /** Their current amounts, and that times the stage's probability. */
  amount: number;
  weighted: number;
  /** Of those here, the share counted at the next stage; of those at the first stage, the share here. */
  toNext: number | null;
  fromFirst: number | null;
  /** Counted here but not at the next stage. */
  dropOff: number | null;
  /** The median time an opportunity stayed at the stage before it moved (a visit each time), in seconds. */
  medianSeconds: number | null;
  visits: number;
  drill: Drill;
}

export interface FunnelCohort { month: string; created: number; entered: number[]; drill: Drill; cells: Drill[] }
export interface FunnelResult {
  analysis: 'funnel';
  options: FunnelOptions;
  period: Period;
  entity: string;
  stages: FunnelStage[];
  /** The opportunities created in the period, and how they stand. */
  summary: { created: number; open: number; won: number; lost: number; winRate: number | null; drill: Record<'created' | 'open' | 'won' | 'lost', Drill> };
  cohorts: FunnelCohort[];
  lostReasons: { reason: string | null; count: number; amount: number; drill: Drill }[];
  /** Open opportunities (owner and source filters only) by expected close month: amount and weighted amount. */
  forecast: { month: string | null; count: number; amount: number; weighted: number; drill: Drill }[];
  empty: boolean;
}
