import { ANALYSES, DEFAULT_OPTIONS, type AnalysisName } from '../../../../shared/analysis.js';
import { analysisTables, bucketLabel, groupLabel, type AnalysisResult } from '../../../../shared/analysis-tables.js';
import { toMajor } from '../../../../shared/money.js';
import type { Database } from '../../../db/database.js';
import { translateWith } from '../../../core/i18n.js';
import type { Clock } from '../../../core/installation.js';
import { localDate } from '../../../core/time-zones.js';
import { periodOf } from '../../analysis/common.js';
import { composition } from '../../analysis/composition.js';
import { funnel } from '../../analysis/funnel.js';
import { trend } from '../../analysis/trend.js';
import { analysisCellText, formatDate, formatMoney, formatNumber, type ReportFormat } from './format.js';
import type { ReportAnalysis, ReportChart } from './report-types.js';
import { fullAccess } from '../../../auth/access.js';

/** M11 with the options dialog's defaults, as a student who pressed OK without changing anything sees it. */
async function run(db: Database, name: AnalysisName, requestClock: Clock, f: ReportFormat): Promise<AnalysisResult> {
  // The lab report is the installation's own work, read whole (the lab right).
  const clock = { ...requestClock, access: fullAccess() };
  const today = localDate(clock.now, clock.timeZone);
  if (name === 'trend') return trend(db, DEFAULT_OPTIONS.trend, periodOf(DEFAULT_OPTIONS.trend, today), clock, f.locale);
  if (name === 'funnel') return funnel(db, DEFAULT_OPTIONS.funnel, periodOf(DEFAULT_OPTIONS.funnel, today), clock, f.locale);
  return composition(db, DEFAULT_OPTIONS.composition, periodOf(DEFAULT_OPTIONS.composition, today), clock, f.locale);
}

/** The chart the analysis page draws first: the total per bucket, the stages, the slices. */
function chartOf(r: AnalysisResult, f: ReportFormat): ReportChart {
  const t = (key: string, vars?: Record<string, string | number>) => translateWith(f.locale, key, vars);
  const money = (v: number) => formatMoney(v, f);
  const empty = r.empty ? t(`analysis.${r.analysis}.empty`) : null;
  if (r.analysis === 'trend') {
    const isMoney = r.unit === 'money';
    return {
      kind: 'bars',
      categories: r.total.points.map((p) => bucketLabel(p.bucket, r.options.granularity, f.locale, t)),
      values: r.total.points.map((p) => (isMoney ? toMajor(p.value, f.currency) : p.value)),
      valueTexts: r.total.points.map((p) => (isMoney ? money(p.value) : formatNumber(p.value, f, 0))),
      valueName: `${t(`analysis.measure.${r.options.measure}`)}${isMoney ? ` (${f.currency.code})` : ''}`,
      empty,
    };
  }
  if (r.analysis === 'funnel') {
    return {
      kind: 'funnel',
      categories: r.stages.map((s) => s.label),
      values: r.stages.map((s) => s.entered),
      valueTexts: r.stages.map((s) => formatNumber(s.entered, f, 0)),
      valueName: t(`analysis.col.entered.${r.options.mode}`),
      empty,
    };
  }
  return {
    kind: 'donut',
    categories: r.items.map((i) => groupLabel(i.label, i.other, t)),
    values: r.items.map((i) => toMajor(i.value, f.currency)),
    valueTexts: r.items.map((i) => `${money(i.value)} (${analysisCellText(i.share, 'share', f)})`),
    valueName: f.currency.code,
    empty,
  };
}

/** The three analyses with their charts' data and their tables (the same rows as the page and its CSV). */
export async function reportAnalyses(db: Database, clock: Clock, f: ReportFormat): Promise<ReportAnalysis[]> {
  const t = (key: string, vars?: Record<string, string | number>) => translateWith(f.locale, key, vars);
  const out: ReportAnalysis[] = [];
  for (const name of ANALYSES) {
    const r = await run(db, name, clock, f);
    out.push({
      id: name,
      title: t(`analysis.${name}.title`),
      period: t('labReport.periodOf', { from: formatDate(r.period.from, f), to: formatDate(r.period.to, f) }),
      chart: chartOf(r, f),
      tables: analysisTables(r, f.locale, t).map((table) => ({
        id: `${name}-${table.id}`,
        title: table.title,
        columns: table.columns.map((c) => c.title),
        kinds: table.columns.map((c) => (c.kind === 'text' ? 'text' : c.kind === 'class' ? 'short' : 'number')),
        rows: [...table.rows, ...(table.footer ? [table.footer] : [])].map((row) => row.map((cell, i) => analysisCellText(cell.value, table.columns[i]?.kind ?? 'text', f))),
        more: 0,
        moreCapped: false,
      })),
    });
  }
  return out;
}
