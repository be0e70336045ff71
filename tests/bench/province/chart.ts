// The province day's chart: three panels over simulated time, drawn with Chart.js on @napi-rs/canvas
// (the server's own chart stack, server/src/history/export) in the Vazirmatn font, saved as PNG.
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartConfiguration } from 'chart.js';
import { setUpChartJs } from '../../../server/src/history/export/chart.ts';
import { FAMILY } from '../../../server/src/history/export/fonts.ts';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

export interface ChartPanel {
  title: string;
  yLabel: string;
  series: ChartSeries[];
  /** Series drawn against a second axis on the right, with its label. */
  right?: { yLabel: string; series: ChartSeries[] };
  logarithmic?: boolean;
}

const PALETTE = ['#1f4e79', '#d9822b', '#3a9d5d', '#b23a48', '#7d5ba6', '#6b7b8c', '#c9a227', '#2a9d8f'];
const WIDTH = 1400;
const PANEL_HEIGHT = 430;

function panelConfig(p: ChartPanel, labels: string[]): ChartConfiguration<'line'> {
  const dataset = (s: ChartSeries, i: number, axis: 'y' | 'y1', dashed: boolean) => {
    const color = PALETTE[i % PALETTE.length] as string;
    return {
      label: s.name,
      data: s.values,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      pointRadius: 2.5,
      yAxisID: axis,
      spanGaps: false,
      ...(dashed ? { borderDash: [6, 4] } : {}),
    };
  };
  const left = p.series.map((s, i) => dataset(s, i, 'y', false));
  const right = (p.right?.series ?? []).map((s, i) => dataset(s, i + left.length, 'y1', true));
  return {
    type: 'line',
    data: { labels, datasets: [...left, ...right] },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      maintainAspectRatio: false,
      layout: { padding: 10 },
      scales: {
        x: { title: { display: true, text: 'simulated time of day (Asia/Tehran)' }, grid: { color: '#eee' } },
        y: {
          type: p.logarithmic ? 'logarithmic' : 'linear',
          ...(p.logarithmic ? {} : { beginAtZero: true }),
          title: { display: true, text: p.yLabel },
          grid: { color: '#e3e3e3' },
        },
        ...(p.right
          ? {
              y1: {
                position: 'right' as const,
                beginAtZero: true,
                title: { display: true, text: p.right.yLabel },
                grid: { display: false },
              },
            }
          : {}),
      },
      plugins: {
        title: { display: true, text: p.title, font: { size: 16, weight: 'bold' } },
        legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 12 } } },
        tooltip: { enabled: false },
      },
    },
  };
}

/** Draws the panels one under another and writes the PNG. */
export function writeChart(path: string, heading: string, labels: string[], panels: ChartPanel[]): void {
  setUpChartJs();
  const top = 50;
  const out = createCanvas(WIDTH, top + PANEL_HEIGHT * panels.length);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#111';
  ctx.font = `bold 20px ${FAMILY}`;
  ctx.fillText(heading, 16, 32);
  panels.forEach((p, i) => {
    const canvas = createCanvas(WIDTH, PANEL_HEIGHT);
    const c = canvas.getContext('2d');
    c.fillStyle = '#fff';
    c.fillRect(0, 0, WIDTH, PANEL_HEIGHT);
    const chart = new Chart(c as unknown as ConstructorParameters<typeof Chart>[0], panelConfig(p, labels));
    ctx.drawImage(canvas, 0, top + i * PANEL_HEIGHT);
    chart.destroy(); // after the copy: destroying clears its canvas
  });
  writeFileSync(path, out.toBuffer('image/png'));
}
