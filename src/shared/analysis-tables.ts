import type { CompositionResult, Drill, FunnelResult, TrendResult, TrendSeries } from './analysis-results.js';
import type { Granularity } from './periods.js';

export type AnalysisResult = TrendResult | FunnelResult | CompositionResult;

/**
 * The tables under each analysis's chart, built once for the page (which formats and links each cell)
 * and the CSV/XLSX export (which writes the same rows): the column titles are translated here, the
 * numbers stay numbers with a kind saying how to show them.
 */
export type ColumnKind = 'text' | 'money' | 'count' | 'share' | 'change' | 'duration' | 'class';
export interface TableColumn { title: string; kind: ColumnKind }
export interface TableCell { value: string | number | null; drill?: Drill }
export interface AnalysisTable { id: string; title: string; columns: TableColumn[]; rows: TableCell[][]; footer?: TableCell[] }

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** A bucket's name in the locale: a day, the week starting on a day, a month, a quarter, a year. */
export function bucketLabel(bucket: string, g: Granularity, locale: string, t: Translate): string {
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' }).format(utc(bucket));
  switch (g) {
    case 'day': return fmt({ dateStyle: 'medium' });
    case 'week': return t('analysis.weekOf', { date: fmt({ month: 'short', day: 'numeric' }), year: bucket.slice(0, 4) });
    case 'month': return fmt({ year: 'numeric', month: 'short' });
    case 'quarter': return t('analysis.quarterOf', { year: bucket.slice(0, 4), quarter: Math.floor((Number(bucket.slice(5, 7)) - 1) / 3) + 1 });
    case 'year': return fmt({ year: 'numeric' });
  }
}

/** A breakdown value's name: its label, "Other" for the rest of a top, "None" for records without one. */
export function groupLabel(label: string | null, other: boolean, t: Translate): string {
  return label ?? (other ? t('analysis.other') : t('analysis.none'));
}

function trendTables(r: TrendResult, locale: string, t: Translate): AnalysisTable[] {
  const g = r.options.granularity;
  const valueTitle = t(`analysis.measure.${r.options.measure}`);
  const unit: ColumnKind = r.unit === 'money' ? 'money' : 'count';
  const compare = r.comparePeriod !== null;
  const seriesCols = (s: TrendSeries): TableColumn => ({ title: groupLabel(s.label, s.other, t), kind: unit });
  const columns: TableColumn[] = [
    { title: t('analysis.col.period'), kind: 'text' },
    ...r.series.map(seriesCols),
    { title: r.series.length ? t('analysis.col.total') : valueTitle, kind: unit },
    ...(r.unit === 'money' ? [{ title: t(`analysis.col.count.${r.entity}`), kind: 'count' as const }] : []),
    ...(compare ? [
      { title: t(`analysis.compare.${r.options.compare}`), kind: unit },
      { title: t('analysis.col.diff'), kind: unit },
      { title: t('analysis.col.change'), kind: 'change' as const },
    ] : []),
  ];
  const rows = r.total.points.map((pt, i) => [
    { value: bucketLabel(pt.bucket, g, locale, t) },
    ...r.series.map((s) => ({ value: s.points[i].value, drill: s.points[i].drill })),
    { value: pt.value, drill: pt.drill },
    ...(r.unit === 'money' ? [{ value: pt.count, drill: pt.drill }] : []),
    ...(compare && pt.compare ? [{ value: pt.compare.value, drill: pt.compare.drill }, { value: pt.compare.diff }, { value: pt.compare.pct }] : compare ? [{ value: null }, { value: null }, { value: null }] : []),
  ] as TableCell[]);
  const c = r.total.total.compare;
  const footer: TableCell[] = [
    { value: t('analysis.col.total') },
    ...r.series.map((s) => ({ value: s.total.value, drill: s.total.drill })),
    { value: r.total.total.value, drill: r.total.total.drill },
    ...(r.unit === 'money' ? [{ value: r.total.total.count, drill: r.total.total.drill }] : []),
    ...(compare && c ? [{ value: c.value, drill: c.drill }, { value: c.diff }, { value: c.pct }] : []),
  ];
  return [{ id: 'trend', title: t('analysis.trend.title'), columns, rows, footer }];
}

function funnelTables(r: FunnelResult, locale: string, t: Translate): AnalysisTable[] {
  const stages: AnalysisTable = {
    id: 'stages',
    title: t('analysis.funnel.stages'),
    columns: [
      { title: t('analysis.col.stage'), kind: 'text' }, { title: t(`analysis.col.entered.${r.options.mode}`), kind: 'count' },
      { title: t('analysis.col.toNext'), kind: 'share' }, { title: t('analysis.col.fromFirst'), kind: 'share' },
      { title: t('analysis.col.dropOff'), kind: 'count' }, { title: t('analysis.col.medianTime'), kind: 'duration' },
      { title: t('analysis.col.amount'), kind: 'money' }, { title: t('analysis.col.weighted'), kind: 'money' },
    ],
    rows: r.stages.map((s) => [
      { value: s.label }, { value: s.entered, drill: s.drill }, { value: s.toNext }, { value: s.fromFirst },
      { value: s.dropOff }, { value: s.medianSeconds }, { value: s.amount, drill: s.drill }, { value: s.weighted },
    ]),
  };
  const month = (m: string) => bucketLabel(m, 'month', locale, t);
  const cohorts: AnalysisTable = {
    id: 'cohorts',
    title: t('analysis.funnel.cohorts'),
    columns: [{ title: t('analysis.col.createdMonth'), kind: 'text' }, { title: t('analysis.col.created'), kind: 'count' }, ...r.stages.map((s) => ({ title: s.label, kind: 'count' as const }))],
    rows: r.cohorts.map((c) => [{ value: month(c.month) }, { value: c.created, drill: c.drill }, ...c.entered.map((n, i) => ({ value: n, drill: c.cells[i] }))]),
  };
  const lost: AnalysisTable = {
    id: 'lostReasons',
    title: t('analysis.funnel.lostReasons'),
    columns: [{ title: t('analysis.col.lostReason'), kind: 'text' }, { title: t('analysis.col.count.opportunities'), kind: 'count' }, { title: t('analysis.col.amount'), kind: 'money' }],
    rows: r.lostReasons.map((l) => [{ value: l.reason ?? t('analysis.noReason') }, { value: l.count, drill: l.drill }, { value: l.amount }]),
  };
  const forecast: AnalysisTable = {
    id: 'forecast',
    title: t('analysis.funnel.forecast'),
    columns: [{ title: t('analysis.col.closeMonth'), kind: 'text' }, { title: t('analysis.col.count.opportunities'), kind: 'count' }, { title: t('analysis.col.amount'), kind: 'money' }, { title: t('analysis.col.weighted'), kind: 'money' }],
    rows: r.forecast.map((f) => [{ value: f.month === null ? t('analysis.noDate') : month(f.month) }, { value: f.count, drill: f.drill }, { value: f.amount }, { value: f.weighted }]),
    footer: [{ value: t('analysis.col.total') }, { value: r.forecast.reduce((a, f) => a + f.count, 0) }, { value: r.forecast.reduce((a, f) => a + f.amount, 0) }, { value: r.forecast.reduce((a, f) => a + f.weighted, 0) }],
  };
  return [stages, cohorts, lost, forecast];
}

function compositionTables(r: CompositionResult, t: Translate): AnalysisTable[] {
  const compare = r.comparePeriod !== null;
  const by = t(`analysis.by.${r.options.by}`);
  const items: AnalysisTable = {
    id: 'items',
    title: t('analysis.composition.items'),
    columns: [
      { title: by, kind: 'text' }, { title: t('analysis.col.amount'), kind: 'money' }, { title: t('analysis.col.share'), kind: 'share' }, { title: t('analysis.col.count.sales'), kind: 'count' },
      ...(compare ? [{ title: t(`analysis.compare.${r.options.compare}`), kind: 'money' as const }, { title: t('analysis.col.diff'), kind: 'money' as const }, { title: t('analysis.col.change'), kind: 'change' as const }] : []),
    ],
    rows: r.items.map((i) => [
      { value: groupLabel(i.label, i.other, t) }, { value: i.value, drill: i.drill }, { value: i.share }, { value: i.count, drill: i.drill },
      ...(compare ? [{ value: i.compare?.value ?? 0, drill: i.compare?.drill }, { value: i.compare?.diff ?? null }, { value: i.compare?.pct ?? null }] : []),
    ] as TableCell[]),
    footer: [
      { value: t('analysis.col.total') }, { value: r.total.value, drill: r.total.drill }, { value: r.total.value ? 1 : null }, { value: r.total.count, drill: r.total.drill },
      ...(compare ? [{ value: r.total.compare?.value ?? 0, drill: r.total.compare?.drill }, { value: r.total.compare?.diff ?? null }, { value: r.total.compare?.pct ?? null }] : []),
    ] as TableCell[],
  };
  const pareto: AnalysisTable = {
    id: 'pareto',
    title: t('analysis.composition.pareto'),
    columns: [
      { title: t('analysis.col.rank'), kind: 'count' }, { title: by, kind: 'text' }, { title: t('analysis.col.amount'), kind: 'money' }, { title: t('analysis.col.share'), kind: 'share' },
      { title: t('analysis.col.cumulative'), kind: 'share' }, { title: t('analysis.col.class'), kind: 'class' }, { title: t('analysis.col.count.sales'), kind: 'count' },
    ],
    rows: r.pareto.map((p, i) => [
      { value: i + 1 }, { value: groupLabel(p.label, false, t) }, { value: p.value, drill: p.drill }, { value: p.share },
      { value: p.cumulativeShare }, { value: p.abc }, { value: p.count, drill: p.drill },
    ]),
  };
  return [items, pareto];
}

/** The tables of a result, in the order the page shows them. */
export function analysisTables(r: AnalysisResult, locale: string, t: Translate): AnalysisTable[] {
  if (r.analysis === 'trend') return trendTables(r, locale, t);
  if (r.analysis === 'funnel') return funnelTables(r, locale, t);
  return compositionTables(r, t);
}
