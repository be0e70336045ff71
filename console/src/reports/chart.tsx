// A report's chart, drawn with Chart.js: right to left in Persian (the legend and tooltips read from
// the right, the category axis is reversed so the first category sits on the right, the value axis
// stands on the right), Persian digits on the axes and in the tooltips, in the app's font (Vazirmatn).
// The canvas is a picture for the eye; the same figures are in the table under it for everyone.
import type { Lang } from '@nobat/protocol';
import type { Chart, ChartDataset } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { num } from './words.ts';

export const FONT = 'Vazirmatn, system-ui, "Segoe UI", Tahoma, sans-serif';

/** Chart.js, loaded with the first chart (the console's other pages do without it). */
let library: Promise<typeof Chart> | null = null;
function loadChart(): Promise<typeof Chart> {
  library ??= import('chart.js').then((m) => {
    m.Chart.register(
      m.BarController,
      m.BarElement,
      m.CategoryScale,
      m.LinearScale,
      m.LineController,
      m.LineElement,
      m.PointElement,
      m.Legend,
      m.Tooltip,
    );
    m.Chart.defaults.font.family = FONT;
    m.Chart.defaults.color = '#4a5568';
    return m.Chart;
  });
  return library;
}

export interface Series {
  label: string;
  values: (number | null)[];
  colour: string;
  /** A line over the bars (a figure of the previous period, say). */
  line?: boolean;
}

type Props = {
  lang: Lang;
  title: string;
  labels: string[];
  series: Series[];
  /** Decimals of the values in tooltips. */
  digits?: number;
  /**
   * Bars across, the categories down the side (names: sub-services, clerks, branches — long words
   * read level); otherwise upright bars along a time axis (hours, weekdays, days).
   */
  horizontal?: boolean;
  testId: string;
};

function config(props: Props) {
  const { lang } = props;
  const rtl = lang === 'fa';
  const digits = props.digits ?? 0;
  const many = props.labels.length > 12;
  const horizontal = props.horizontal === true;
  // The categories: in Persian the first sits on the right (upright bars) or the names stand on the
  // right (bars across); every one named when there are few, a month of days every few; long names
  // shortened (the tooltip has the whole name).
  const categoryAxis = {
    reverse: rtl && !horizontal,
    position: horizontal ? (rtl ? ('right' as const) : ('left' as const)) : ('bottom' as const),
    grid: { display: false },
    ticks: {
      font: { family: FONT, size: 12 },
      autoSkip: many,
      maxRotation: 0,
      callback: (value: number | string) => short(props.labels[Number(value)] ?? String(value), horizontal ? 26 : 18),
    },
  };
  // The values: Persian digits; in Persian the axis stands on the right, or bars across grow leftwards.
  const valueAxis = {
    reverse: rtl && horizontal,
    position: horizontal ? ('bottom' as const) : rtl ? ('right' as const) : ('left' as const),
    beginAtZero: true,
    ticks: {
      font: { family: FONT, size: 12 },
      precision: digits === 0 ? 0 : undefined,
      callback: (value: number | string) => num(lang, Number(value), Number.isInteger(Number(value)) ? 0 : 1),
    },
  };
  const datasets = props.series.map(
    (s): ChartDataset<'bar' | 'line', (number | null)[]> =>
      s.line
        ? {
            type: 'line',
            label: s.label,
            data: s.values,
            borderColor: s.colour,
            backgroundColor: s.colour,
            borderWidth: 2,
            pointRadius: 3,
            spanGaps: true,
            order: 0,
          }
        : {
            type: 'bar',
            label: s.label,
            data: s.values,
            backgroundColor: s.colour,
            borderColor: s.colour,
            maxBarThickness: 40,
            order: 1,
          },
  );
  return {
    type: 'bar' as const,
    data: { labels: props.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false as const,
      locale: rtl ? 'fa-IR' : 'en-US',
      indexAxis: horizontal ? ('y' as const) : ('x' as const),
      scales: horizontal ? { y: categoryAxis, x: valueAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: {
          position: 'top' as const,
          align: 'start' as const,
          rtl,
          textDirection: rtl ? 'rtl' : 'ltr',
          // In the datasets' order (a line's drawing order would otherwise put it first).
          labels: {
            font: { family: FONT, size: 13 },
            boxWidth: 14,
            sort: (a: { datasetIndex?: number }, b: { datasetIndex?: number }) =>
              (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
        // All of a category's figures together, wherever over its column (or row) the pointer is.
        tooltip: {
          mode: 'index' as const,
          intersect: false,
          rtl,
          textDirection: rtl ? 'rtl' : 'ltr',
          titleFont: { family: FONT },
          bodyFont: { family: FONT },
          callbacks: {
            label: (item: { dataset: { label?: string }; parsed: { x: number | null; y: number | null } }) =>
              `${item.dataset.label ?? ''}: ${num(lang, horizontal ? item.parsed.x : item.parsed.y, digits)}`,
          },
        },
      },
    },
  };
}

/** A category's name on the axis: at most `max` characters. */
const short = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label);

/**
 * Where the chart was drawn, for the tests: upright, the first and last categories' x (the first on
 * the right in Persian); across, the value axis's zero and top (zero on the right in Persian).
 */
function markEnds(chart: Chart, canvas: HTMLCanvasElement, count: number, horizontal: boolean) {
  const x = chart.scales.x;
  if (!x || count === 0) return;
  canvas.dataset.orientation = horizontal ? 'across' : 'upright';
  canvas.dataset.firstX = String(Math.round(x.getPixelForValue(0)));
  canvas.dataset.lastX = String(Math.round(horizontal ? x.getPixelForValue(x.max) : x.getPixelForValue(count - 1)));
}

export function ReportChart(props: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let live = true;
    let made: Chart | null = null;
    (async () => {
      const ChartJs = await loadChart();
      // Drawn once the app's font is in, so the canvas's text is in Vazirmatn too.
      await document.fonts?.load('12px Vazirmatn').catch(() => undefined);
      const el = canvas.current;
      if (!live || !el) return;
      // biome-ignore lint/suspicious/noExplicitAny: Chart.js's mixed bar-and-line typing is wider than its config type
      made = new ChartJs(el, config(latest.current) as any);
      chart.current = made;
      markEnds(made, el, latest.current.labels.length, latest.current.horizontal === true);
      el.dataset.drawn = 'true';
    })();
    return () => {
      live = false;
      made?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    const el = canvas.current;
    if (!c || !el) return;
    const next = config(props);
    c.data = next.data as typeof c.data;
    // biome-ignore lint/suspicious/noExplicitAny: as above
    c.options = next.options as any;
    c.update();
    markEnds(c, el, props.labels.length, props.horizontal === true);
  }, [props.lang, props.labels, props.series, props.title, props.horizontal]);

  return (
    <figure class="report-chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <div
        class="report-chart__box"
        style={props.horizontal ? { height: `${Math.max(15, 4 + props.labels.length * 2.2)}rem` } : undefined}
      >
        <canvas
          ref={canvas}
          role="img"
          aria-label={props.title}
          data-testid={`${props.testId}-canvas`}
          data-labels={JSON.stringify(props.labels)}
          data-series={JSON.stringify(props.series.map((s) => s.values))}
        />
      </div>
    </figure>
  );
}
