import type { CompositionResult, Drill, FunnelResult, TrendResult } from '../../../shared/analysis-results.js';
import { bucketLabel, groupLabel, type AnalysisResult, type Translate } from '../../../shared/analysis-tables.js';
import type { ChartOption } from './echarts.js';
import type { AnalysisFormat } from './useAnalysisFormat.js';

/** A chart's option, and which records a clicked data point stands for. */
export interface ChartSpec { option: ChartOption; height: number; drillAt(seriesIndex: number, dataIndex: number): Drill | null }

const PALETTE = ['#4263eb', '#12b886', '#fab005', '#fa5252', '#7950f2', '#15aabf', '#fd7e14', '#40c057', '#e64980', '#868e96'];
const FONT = { fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR", "Noto Sans SC", "Malgun Gothic", "Microsoft YaHei", sans-serif' };

function trendChart(r: TrendResult, locale: string, t: Translate, f: AnalysisFormat): ChartSpec {
  const labels = r.buckets.map((b) => bucketLabel(b, r.options.granularity, locale, t));
  const value = (v: number) => (r.unit === 'money' ? f.money(v) : f.count(v));
  const parts = r.series.length ? r.series : [r.total];
  const bars = parts.map((s) => ({
    type: 'bar' as const,
    name: r.series.length ? groupLabel(s.label, s.other, t) : t(`analysis.measure.${r.options.measure}`),
    stack: r.series.length ? 'series' : undefined,
    barMaxWidth: 48,
    emphasis: { focus: 'series' as const },
    data: s.points.map((p) => p.value),
    cursor: 'pointer',
  }));
  const compare = r.comparePeriod ? [{
    type: 'line' as const,
    name: t(`analysis.compare.${r.options.compare}`),
    data: r.total.points.map((p) => p.compare?.value ?? 0),
    lineStyle: { type: 'dashed' as const, width: 2 },
    symbolSize: 7,
    color: '#495057',
  }] : [];
  return {
    height: 380,
    option: {
      color: PALETTE,
      textStyle: FONT,
      grid: { left: 16, right: 24, top: 48, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v) => value(Number(v)) },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (r.unit === 'money' ? f.axisMoney(v) : f.count(v)) } },
      series: [...bars, ...compare],
    },
    drillAt: (si, di) => {
      if (si < parts.length) return parts[si]?.points[di]?.drill ?? null;
      return r.total.points[di]?.compare?.drill ?? null;
    },
  };
}

function funnelChart(r: FunnelResult, t: Translate, f: AnalysisFormat): ChartSpec {
  return {
    height: Math.max(260, r.stages.length * 58),
    option: {
      color: PALETTE,
      textStyle: FONT,
      tooltip: { trigger: 'item', formatter: (p) => {
        const s = r.stages[(p as { dataIndex: number }).dataIndex];
        return s ? `${s.label}<br/>${f.count(s.entered)} · ${f.share(s.fromFirst)}` : '';
      } },
      series: [{
        type: 'funnel',
        name: t('analysis.funnel.title'),
        sort: 'none',
        left: '12%', width: '76%', top: 8, bottom: 8,
        minSize: '8%',
        gap: 3,
        label: { show: true, position: 'inside', color: '#fff', fontWeight: 600, formatter: (p) => {
          const s = r.stages[(p as { dataIndex: number }).dataIndex];
          return s ? `${s.label}  ${f.count(s.entered)} (${f.share(s.fromFirst)})` : '';
        } },
        data: r.stages.map((s) => ({ name: s.label, value: Math.max(s.entered, 0.0001) })),
        cursor: 'pointer',
      }],
    },
    drillAt: (_, di) => r.stages[di]?.drill ?? null,
  };
}

function compositionChart(r: CompositionResult, t: Translate, f: AnalysisFormat): ChartSpec {
  return {
    height: 380,
    option: {
      color: PALETTE,
      textStyle: FONT,
      tooltip: { trigger: 'item', formatter: (p) => {
        const i = r.items[(p as { dataIndex: number }).dataIndex];
        return i ? `${groupLabel(i.label, i.other, t)}<br/>${f.money(i.value)} · ${f.share(i.share)}` : '';
      } },
      legend: { type: 'scroll', orient: 'vertical', right: 8, top: 'middle' },
      series: [{
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['38%', '50%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: (p) => `${String((p as { name: string }).name)}\n${f.share(r.items[(p as { dataIndex: number }).dataIndex]?.share ?? null)}` },
        data: r.items.map((i) => ({ name: groupLabel(i.label, i.other, t), value: i.value })),
        cursor: 'pointer',
      }],
    },
    drillAt: (_, di) => r.items[di]?.drill ?? null,
  };
}

/** The chart of a result: bars per bucket (stacked series, a dashed comparison), the funnel of stages, the donut of shares. */
export function chartOf(r: AnalysisResult, locale: string, t: Translate, f: AnalysisFormat): ChartSpec {
  if (r.analysis === 'trend') return trendChart(r, locale, t, f);
  if (r.analysis === 'funnel') return funnelChart(r, t, f);
  return compositionChart(r, t, f);
}
