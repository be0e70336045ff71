// [XP4] A document's chart drawn with Chart.js straight onto a PDF page (vector shapes and shaped text):
// Chart.js runs in Node on its basic platform, given a canvas-like object whose context is the page's,
// seen through a proxy that moves the chart into its box (Chart.js sets its own transform and clears
// its canvas; the proxy offsets the one and ignores the other, which would wipe the page). In
// Persian the category axis runs right to left, the value axis stands on the right, the legend and
// title read right to left, and every number is in Persian digits (Chart.js formats ticks with the
// chart's locale, fa-IR; the labels come in the reader's digits).
import { localDigits } from '@nobat/protocol';
import { Chart, type ChartConfiguration, registerables } from 'chart.js';
import type { DocChart } from '../export-doc.ts';
import { FAMILY, font, type PageContext, registerFonts, wrap } from './fonts.ts';

let ready = false;
/** Chart.js registered once per process, in Vazirmatn (the documents' and the bench's charts). */
export function setUpChartJs(): void {
  if (ready) return;
  registerFonts();
  Chart.register(...registerables);
  Chart.defaults.font.family = FAMILY;
  Chart.defaults.color = '#333';
  ready = true;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Series colours: distinct, printable, readable in grey. */
export const PALETTE = ['#1f4e79', '#d9822b', '#3a9d5d', '#b23a48', '#7d5ba6', '#6b7b8c'];

/** The page's context with the chart's origin at the box's corner, and clearing left out. */
function boxedContext(ctx: PageContext, box: Box, canvas: object): PageContext {
  const { x, y } = box;
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === 'canvas') return canvas;
      if (prop === 'setTransform')
        return (a: number, b: number, c: number, d: number, e: number, f: number) =>
          target.setTransform(a, b, c, d, e + x, f + y);
      if (prop === 'resetTransform') return () => target.setTransform(1, 0, 0, 1, x, y);
      if (prop === 'clearRect') return () => undefined;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value, target);
    },
  });
}

/** What Chart.js asks of a canvas outside a browser: a size, a context, a style it may write. */
function fakeCanvas(box: Box, context: () => PageContext) {
  const props = new Map<string, string>();
  return {
    width: box.width,
    height: box.height,
    getContext: () => context(),
    style: {
      getPropertyValue: (name: string) => props.get(name) ?? '',
      getPropertyPriority: () => '',
      setProperty: (name: string, value: string) => props.set(name, value),
      removeProperty: (name: string) => props.delete(name),
    },
  };
}

const TICK_SIZE = 9;

/**
 * The category labels in the reader's digits; when few enough to show each, a long one is wrapped
 * over up to three lines (Chart.js draws an array as lines) rather than skipped.
 */
function categoryLabels(chart: DocChart, lang: 'fa' | 'en', width: number): (string | string[])[] {
  const labels = chart.labels.map((l) => localDigits(lang, l));
  if (labels.length === 0 || labels.length > 16) return labels;
  const room = (width * 0.85) / labels.length - 6;
  return labels.map((l) => {
    const lines = wrap(l, room, font(TICK_SIZE));
    return lines.length === 1 ? l : lines.length <= 3 ? lines : [...lines.slice(0, 2), `${lines[2]}…`];
  });
}

export function chartConfig(chart: DocChart, lang: 'fa' | 'en', width = 520): ChartConfiguration {
  const rtl = lang === 'fa';
  const labels = categoryLabels(chart, lang, width);
  const numbers = new Intl.NumberFormat(rtl ? 'fa-IR' : 'en-US', { maximumFractionDigits: 2 });
  const single = chart.series.length === 1;
  return {
    type: chart.kind,
    data: {
      labels,
      datasets: chart.series.map((s, i) => {
        const color = PALETTE[i % PALETTE.length] as string;
        return {
          label: s.name,
          data: s.values,
          backgroundColor: chart.kind === 'bar' ? color : `${color}33`,
          borderColor: color,
          borderWidth: chart.kind === 'bar' ? 0 : 2,
          pointRadius: chart.kind === 'line' ? 2.5 : 0,
          spanGaps: false,
        };
      }),
    },
    options: {
      locale: rtl ? 'fa-IR' : 'en-US',
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      maintainAspectRatio: false,
      layout: { padding: 4 },
      scales: {
        x: {
          reverse: rtl,
          grid: { display: false },
          ticks: { font: { size: TICK_SIZE }, autoSkip: true, maxRotation: 0 },
        },
        y: {
          position: rtl ? 'right' : 'left',
          beginAtZero: true,
          // Chart.js writes a zero tick as a Latin «0» whatever the locale; every tick goes through Intl here.
          ticks: { font: { size: TICK_SIZE }, callback: (v) => (typeof v === 'number' ? numbers.format(v) : v) },
          grid: { color: '#e3e3e3' },
        },
      },
      plugins: {
        title: { display: true, text: chart.title, font: { size: 12, weight: 'bold' }, padding: { bottom: 6 } },
        legend: {
          display: !single,
          rtl,
          textDirection: rtl ? 'rtl' : 'ltr',
          labels: { font: { size: 9 }, boxWidth: 10 },
        },
        tooltip: { enabled: false },
      },
    },
  };
}

/** Draws the chart into the box of a page (points), in the reader's direction. */
export function drawChart(ctx: PageContext, chart: DocChart, box: Box, lang: 'fa' | 'en'): void {
  setUpChartJs();
  ctx.save();
  ctx.direction = lang === 'fa' ? 'rtl' : 'ltr';
  let boxed: PageContext | undefined;
  const canvas = fakeCanvas(box, () => {
    if (!boxed) throw new Error('chart context asked for before it was made');
    return boxed;
  });
  boxed = boxedContext(ctx, box, canvas);
  const instance = new Chart(
    canvas as unknown as ConstructorParameters<typeof Chart>[0],
    chartConfig(chart, lang, box.width),
  );
  instance.destroy();
  ctx.restore();
}
