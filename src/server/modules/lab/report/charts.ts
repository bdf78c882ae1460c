import { BarChart, FunnelChart, PieChart, type BarSeriesOption, type FunnelSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Locale } from '../../../core/list-params.js';
import type { ReportChart } from './report-types.js';

echarts.use([BarChart, FunnelChart, PieChart, GridComponent, SVGRenderer]);

type ChartOption = echarts.ComposeOption<BarSeriesOption | FunnelSeriesOption | PieSeriesOption | GridComponentOption>;

// Single quotes: ECharts writes the family into a double-quoted style attribute without escaping it.
const KOREAN = "'Noto Sans CJK KR', 'Noto Sans KR', 'Source Han Sans K', 'Malgun Gothic', 'Apple SD Gothic Neo', 'Nanum Gothic'";
const CHINESE = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei'";
const LATIN = "'Segoe UI', 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans'";

/**
 * Fonts for the reader's language first (Hanzi in a Korean font take Korean shapes, so Chinese
 * asks for a Simplified Chinese font), then the others, so a name in any of the three scripts
 * prints and a page never shows empty boxes.
 */
export function fontStack(locale: Locale): string {
  if (locale === 'ko') return `${KOREAN}, ${CHINESE}, ${LATIN}, sans-serif`;
  if (locale === 'zh-CN') return `${CHINESE}, ${KOREAN}, ${LATIN}, sans-serif`;
  return `${LATIN}, ${KOREAN}, ${CHINESE}, sans-serif`;
}

/** The width and height the SVG is drawn at; the page scales it to the column (A4 is about 680 px wide inside its margins). */
export const CHART_SIZE = { width: 680, height: 300 } as const;
const COLORS = ['#1c7ed6', '#37b24d', '#f59f00', '#e8590c', '#7048e8', '#0ca678', '#d6336c', '#1098ad', '#74b816', '#ae3ec9', '#868e96'];

function optionOf(c: ReportChart, locale: Locale): ChartOption {
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const base = { animation: false, color: COLORS, textStyle: { fontFamily: fontStack(locale), fontSize: 12 } };
  if (c.kind === 'bars') {
    const many = c.categories.length > 8;
    return {
      ...base,
      grid: { left: 64, right: 16, top: 28, bottom: many ? 64 : 36 },
      xAxis: { type: 'category', data: c.categories, axisLabel: { interval: 0, rotate: many ? 35 : 0, fontSize: 11 } },
      yAxis: { type: 'value', name: c.valueName, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => compact.format(v) } },
      series: [{ type: 'bar', data: c.values, barMaxWidth: 36, label: { show: !many, position: 'top', fontSize: 10, formatter: (p) => c.valueTexts[p.dataIndex] ?? '' } }],
    };
  }
  if (c.kind === 'funnel') {
    return {
      ...base,
      series: [{
        type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 12, bottom: 12, minSize: '12%', min: 0, max: Math.max(1, ...c.values), gap: 2,
        label: { position: 'inside', color: '#fff', textBorderColor: 'rgba(0,0,0,0.35)', textBorderWidth: 2, formatter: (p) => `${c.categories[p.dataIndex] ?? ''}: ${c.valueTexts[p.dataIndex] ?? ''}` },
        data: c.categories.map((name, i) => ({ name, value: c.values[i] })),
      }],
    };
  }
  return {
    ...base,
    series: [{
      type: 'pie', radius: ['38%', '66%'], center: ['50%', '52%'], avoidLabelOverlap: true,
      label: { formatter: (p) => `${c.categories[p.dataIndex] ?? ''}\n${c.valueTexts[p.dataIndex] ?? ''}`, fontSize: 11 },
      data: c.categories.map((name, i) => ({ name, value: c.values[i] })),
    }],
  };
}

/** The chart as an SVG string, drawn on the server (ECharts SSR, no DOM, no canvas) so the page needs no script. */
export function chartSvg(c: ReportChart, locale: Locale, size: { width: number; height: number } = CHART_SIZE): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height, locale: 'EN' });
  try {
    chart.setOption(optionOf(c, locale));
    return chart.renderToSVGString({ useViewBox: true });
  } finally {
    chart.dispose();
  }
}
