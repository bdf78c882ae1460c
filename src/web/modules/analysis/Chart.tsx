import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { echarts, type ChartOption } from './echarts.js';

export interface ChartHandle {
  /** The chart as a PNG data URL (white background, twice the pixels for print). */
  png(): string | null;
}

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table under it holds the numbers). */
  label: string;
  height: number;
  /** A bar, slice or stage was clicked: which series and which data point. */
  onPick?: (seriesIndex: number, dataIndex: number) => void;
}

/** Screenshots and tests see the final picture at once: no animation when a browser is driven. */
const still = typeof navigator !== 'undefined' && navigator.webdriver === true;

/**
 * One ECharts chart on a div: created once, given each new option whole, resized with its box,
 * disposed with the page. (A few lines instead of echarts-for-react, whose ESM build has no
 * type declarations TypeScript's NodeNext resolution can read.)
 */
export const Chart = forwardRef<ChartHandle, Props>(function Chart({ option, label, height, onPick }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => {
      if (typeof e.seriesIndex === 'number' && typeof e.dataIndex === 'number') pick.current?.(e.seriesIndex, e.dataIndex);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: !still, ...option }, { notMerge: true });
  }, [option]);
  useImperativeHandle(ref, () => ({
    png: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null,
  }), []);
  return <div ref={box} role="img" aria-label={label} style={{ height, width: '100%' }} />;
});
