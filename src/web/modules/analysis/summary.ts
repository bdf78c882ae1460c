import type { AnalysisResult, Translate } from '../../../shared/analysis-tables.js';
import type { AnalysisFormat } from './useAnalysisFormat.js';

const day = (d: string, locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

/** One line under the title that says what the result is of: measure, dating, period, buckets, split, comparison. */
export function summaryOf(r: AnalysisResult, locale: string, t: Translate): string {
  const period = `${day(r.period.from, locale)} – ${day(r.period.to, locale)}`;
  if (r.analysis === 'trend') {
    const o = r.options;
    return [t(`analysis.measure.${o.measure}`), t(`analysis.basis.${o.basis}`), period, t(`analysis.granularity.${o.granularity}`),
      ...(o.series ? [t('analysis.splitBy', { by: t(`analysis.by.${o.series}`) })] : []),
      ...(r.comparePeriod ? [t('analysis.vs', { what: t(`analysis.compare.${o.compare}`) })] : [])].join(' · ');
  }
  if (r.analysis === 'funnel') return [t(`analysis.mode.${r.options.mode}`), t('analysis.createdPeriod', { period })].join(' · ');
  return [t('analysis.splitBy', { by: t(`analysis.by.${r.options.by}`) }), period, ...(r.comparePeriod ? [t('analysis.vs', { what: t(`analysis.compare.${r.options.compare}`) })] : [])].join(' · ');
}

export interface FigureText { label: string; value: string; note?: string; color?: string }

const changeColor = (x: number | null) => (x === null || x === 0 ? undefined : x > 0 ? 'teal.8' : 'red.8');

/** The result's headline numbers, above its chart. */
export function figuresOf(r: AnalysisResult, f: AnalysisFormat, t: Translate): FigureText[] {
  if (r.analysis === 'trend') {
    const total = r.total.total;
    const v = (n: number) => (r.unit === 'money' ? f.money(n) : f.count(n));
    const out: FigureText[] = [{ label: t(`analysis.measure.${r.options.measure}`), value: v(total.value) }];
    if (r.unit === 'money') out.push({ label: t(`analysis.col.count.${r.entity}`), value: f.count(total.count) });
    if (total.compare) {
      out.push({ label: t(`analysis.compare.${r.options.compare}`), value: v(total.compare.value) });
      out.push({ label: t('analysis.col.change'), value: f.change(total.compare.pct), note: `${total.compare.diff > 0 ? '+' : ''}${v(total.compare.diff)}`, color: changeColor(total.compare.pct) });
    }
    return out;
  }
  if (r.analysis === 'funnel') {
    const s = r.summary;
    return [
      { label: t('analysis.col.created'), value: f.count(s.created) },
      { label: t('analysis.funnel.won'), value: f.count(s.won) },
      { label: t('analysis.funnel.lost'), value: f.count(s.lost) },
      { label: t('analysis.funnel.winRate'), value: f.share(s.winRate), note: t('analysis.funnel.winRateHint') },
    ];
  }
  const out: FigureText[] = [
    { label: t('analysis.col.amount'), value: f.money(r.total.value) },
    { label: t('analysis.col.count.sales'), value: f.count(r.total.count) },
  ];
  if (r.total.compare) {
    out.push({ label: t(`analysis.compare.${r.options.compare}`), value: f.money(r.total.compare.value) });
    out.push({ label: t('analysis.col.change'), value: f.change(r.total.compare.pct), color: changeColor(r.total.compare.pct) });
  }
  return out;
}
