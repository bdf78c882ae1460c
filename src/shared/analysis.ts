import { GRANULARITIES, PERIOD_KINDS, bucketCount, type Granularity, type Period, type PeriodKind } from './periods.js';

/**
 * The options of the three sales analyses (M11), as the options dialog shows them and as query
 * parameters carry them (`GET /api/v1/analysis/trend?measure=salesAmount&...`, and the page URL):
 * one reader for the server, which refuses a bad value naming its parameter, and for the browser,
 * which reads the URL it is given.
 */
export const ANALYSES = ['trend', 'funnel', 'composition'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

export const TREND_MEASURES = ['salesAmount', 'salesCount', 'wonAmount', 'margin'] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];
export const DATE_BASES = ['orderDate', 'closeDate', 'createdDate'] as const;
export type DateBasis = (typeof DATE_BASES)[number];
/** Which date bases a measure has: a sale has an order date, a won opportunity a close date; both were created. */
export const BASES_OF: Readonly<Record<TrendMeasure, readonly DateBasis[]>> = {
  salesAmount: ['orderDate', 'createdDate'],
  salesCount: ['orderDate', 'createdDate'],
  wonAmount: ['closeDate', 'createdDate'],
  margin: ['closeDate', 'createdDate'],
};
/** What a trend may be split by, and a composition computed by. */
export const BREAKDOWNS = ['owner', 'customerType', 'customerGroup', 'region', 'productCategory', 'product', 'customer'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const TREND_SERIES: readonly Breakdown[] = ['owner', 'customerType', 'customerGroup', 'region', 'productCategory', 'product'];
export const COMPOSITION_BY: readonly Breakdown[] = ['product', 'productCategory', 'customer', 'customerType', 'region', 'customerGroup', 'owner'];
/** Splits that read product lines: a margin has none. */
export const LINE_BREAKDOWNS: readonly Breakdown[] = ['product', 'productCategory'];
export const COMPARES = ['none', 'previous', 'lastYear'] as const;
export type Compare = (typeof COMPARES)[number];
export const FUNNEL_MODES = ['strict', 'reached'] as const;
export type FunnelMode = (typeof FUNNEL_MODES)[number];

/** At most this many buckets on one axis (three years of days). */
export const MAX_BUCKETS = 1100;
export const MAX_TOP = 50;

export interface PeriodOptions { period: PeriodKind; months: number; from: string | null; to: string | null }
/** Filters every analysis offers: ids of customer types, regions, owners, sources. */
export interface FilterOptions { customerType: number[]; region: number[]; owner: number[] }

export interface TrendOptions extends PeriodOptions, FilterOptions {
  measure: TrendMeasure;
  basis: DateBasis;
  granularity: Granularity;
  series: Breakdown | null;
  includeCancelled: boolean;
  compare: Compare;
}
export interface FunnelOptions extends PeriodOptions {
  mode: FunnelMode;
  owner: number[];
  source: number[];
}
export interface CompositionOptions extends PeriodOptions, FilterOptions {
  by: Breakdown;
  top: number;
  includeCancelled: boolean;
  compare: Compare;
}
export type AnalysisOptions = { trend: TrendOptions; funnel: FunnelOptions; composition: CompositionOptions };

const PERIOD_DEFAULTS: PeriodOptions = { period: 'lastMonths', months: 12, from: null, to: null };
export const DEFAULT_OPTIONS: AnalysisOptions = {
  trend: { ...PERIOD_DEFAULTS, measure: 'salesAmount', basis: 'orderDate', granularity: 'month', series: null, includeCancelled: false, compare: 'none', customerType: [], region: [], owner: [] },
  funnel: { ...PERIOD_DEFAULTS, mode: 'strict', owner: [], source: [] },
  composition: { ...PERIOD_DEFAULTS, period: 'thisYear', by: 'productCategory', top: 10, includeCancelled: false, compare: 'none', customerType: [], region: [], owner: [] },
};

export interface OptionError { field: string; message: string }
type Raw = Readonly<Record<string, string | string[] | undefined>>;

/** Each analysis's parameter names: anything else is refused. */
const PARAMS: Readonly<Record<AnalysisName, readonly string[]>> = {
  trend: ['measure', 'basis', 'granularity', 'series', 'includeCancelled', 'compare', 'period', 'months', 'from', 'to', 'customerType', 'region', 'owner'],
  funnel: ['mode', 'period', 'months', 'from', 'to', 'owner', 'source'],
  composition: ['by', 'top', 'includeCancelled', 'compare', 'period', 'months', 'from', 'to', 'customerType', 'region', 'owner'],
};
/** Parameters every analysis route also takes. */
export const COMMON_PARAMS = ['locale', 'format'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(s)) && s >= '0001-01-01' && s <= '9999-12-31';

class Reader {
  readonly errors: OptionError[] = [];
  constructor(private readonly raw: Raw) {}
  one(name: string): string | undefined {
    const v = this.raw[name];
    if (Array.isArray(v)) { this.errors.push({ field: name, message: 'is given more than once' }); return undefined; }
    return v === '' ? undefined : v;
  }
  choice<T extends string>(name: string, options: readonly T[], fallback: T): T {
    const v = this.one(name);
    if (v === undefined) return fallback;
    if ((options as readonly string[]).includes(v)) return v as T;
    this.errors.push({ field: name, message: `must be one of ${options.join(', ')}` });
    return fallback;
  }
  int(name: string, min: number, max: number, fallback: number): number {
    const v = this.one(name);
    if (v === undefined) return fallback;
    if (/^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
    this.errors.push({ field: name, message: `must be a whole number from ${min} to ${max}` });
    return fallback;
  }
  bool(name: string, fallback: boolean): boolean {
    const v = this.one(name);
    if (v === undefined) return fallback;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    this.errors.push({ field: name, message: 'must be true or false' });
    return fallback;
  }
  date(name: string): string | null {
    const v = this.one(name);
    if (v === undefined) return null;
    if (isDate(v)) return v;
    this.errors.push({ field: name, message: 'must be a date (YYYY-MM-DD)' });
    return null;
  }
  ids(name: string): number[] {
    const v = this.one(name);
    if (v === undefined) return [];
    const parts = v.split(',');
    if (parts.length > 100 || !parts.every((p) => /^\d{1,10}$/.test(p) && Number(p) >= 1 && Number(p) <= 2 ** 31 - 1)) {
      this.errors.push({ field: name, message: 'must be ids separated by commas (at most 100)' });
      return [];
    }
    return Array.from(new Set(parts.map(Number)));
  }
}

function readPeriod(r: Reader, d: PeriodOptions): PeriodOptions {
  const period = r.choice('period', PERIOD_KINDS, d.period);
  const months = r.int('months', 1, 120, d.months);
  const from = r.date('from');
  const to = r.date('to');
  if (period === 'custom') {
    if (!from) r.errors.push({ field: 'from', message: 'is required for a custom period' });
    if (!to) r.errors.push({ field: 'to', message: 'is required for a custom period' });
    if (from && to && to < from) r.errors.push({ field: 'to', message: 'must not be before from' });
  }
  return { period, months, from, to };
}

/** Reads an analysis's options from query parameters: the options, and what was wrong (each naming its parameter). */
export function readOptions<A extends AnalysisName>(analysis: A, raw: Raw): { options: AnalysisOptions[A]; errors: OptionError[] } {
  const r = new Reader(raw);
  for (const key of Object.keys(raw)) {
    if (!PARAMS[analysis].includes(key) && !(COMMON_PARAMS as readonly string[]).includes(key)) r.errors.push({ field: key.slice(0, 80), message: 'unknown parameter' });
  }
  let options: TrendOptions | FunnelOptions | CompositionOptions;
  if (analysis === 'trend') {
    const d = DEFAULT_OPTIONS.trend;
    const measure = r.choice('measure', TREND_MEASURES, d.measure);
    const basis = r.choice('basis', DATE_BASES, BASES_OF[measure][0]);
    if (!BASES_OF[measure].includes(basis)) r.errors.push({ field: 'basis', message: `${measure} is dated by ${BASES_OF[measure].join(' or ')}` });
    const seriesRaw = r.one('series');
    let series: Breakdown | null = null;
    if (seriesRaw !== undefined && seriesRaw !== 'none') {
      if (TREND_SERIES.includes(seriesRaw as Breakdown)) series = seriesRaw as Breakdown;
      else r.errors.push({ field: 'series', message: `must be one of none, ${TREND_SERIES.join(', ')}` });
    }
    if (series && measure === 'margin' && LINE_BREAKDOWNS.includes(series)) r.errors.push({ field: 'series', message: 'a margin has no products: split it by owner, customer type, group or region' });
    const t: TrendOptions = {
      ...readPeriod(r, d), measure, basis, series,
      granularity: r.choice('granularity', GRANULARITIES, d.granularity),
      includeCancelled: r.bool('includeCancelled', d.includeCancelled),
      compare: r.choice('compare', COMPARES, d.compare),
      customerType: r.ids('customerType'), region: r.ids('region'), owner: r.ids('owner'),
    };
    options = t;
  } else if (analysis === 'funnel') {
    const d = DEFAULT_OPTIONS.funnel;
    options = { ...readPeriod(r, d), mode: r.choice('mode', FUNNEL_MODES, d.mode), owner: r.ids('owner'), source: r.ids('source') };
  } else {
    const d = DEFAULT_OPTIONS.composition;
    options = {
      ...readPeriod(r, d),
      by: r.choice('by', COMPOSITION_BY, d.by),
      top: r.int('top', 1, MAX_TOP, d.top),
      includeCancelled: r.bool('includeCancelled', d.includeCancelled),
      compare: r.choice('compare', COMPARES, d.compare),
      customerType: r.ids('customerType'), region: r.ids('region'), owner: r.ids('owner'),
    };
  }
  return { options: options as AnalysisOptions[A], errors: r.errors };
}

/** Options as query parameters (defaults left out, so a URL stays short). */
export function optionsQuery<A extends AnalysisName>(analysis: A, options: AnalysisOptions[A]): Record<string, string> {
  const d = DEFAULT_OPTIONS[analysis] as unknown as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options as unknown as Record<string, unknown>)) {
    if (!PARAMS[analysis].includes(k)) continue;
    if (Array.isArray(v)) { if (v.length) out[k] = v.join(','); continue; }
    if (v === null || v === undefined) continue;
    if (k === 'series' && v === null) continue;
    if (JSON.stringify(v) === JSON.stringify(d[k])) continue;
    out[k] = String(v);
  }
  if (options.period !== 'custom') { delete out.from; delete out.to; }
  if (options.period !== 'lastMonths') delete out.months;
  return out;
}

/** Checks a resolved period against the granularity: not more buckets than an axis can show. */
export function checkBuckets(p: Period, g: Granularity): OptionError | null {
  return bucketCount(p, g) > MAX_BUCKETS ? { field: 'granularity', message: `the period holds more than ${MAX_BUCKETS} ${g}s: choose a coarser granularity or a shorter period` } : null;
}
