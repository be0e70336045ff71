// Counters needed per hour as stacked bars, one colour per sub-service: an SVG drawn here rather than
// a charting library (a few dozen rectangles do not need one, and this way the hours run in the
// reading direction — right to left in Persian — with Persian digits, in the page's own font).
import type { AdviceRow, Lang } from '@nobat/protocol';
import { hourLabel, num } from './words.ts';

const COLOURS = ['#0b5fa5', '#1e6b3a', '#8a5300', '#7b2d8e', '#b42318', '#0f766e', '#4a5568', '#a16207', '#1d4ed8'];

export function colourOf(index: number): string {
  return COLOURS[index % COLOURS.length] ?? '#0b5fa5';
}

export function CountersChart(props: {
  lang: Lang;
  rows: readonly AdviceRow[];
  services: readonly { id: string; title: string }[];
  title: string;
}) {
  const { lang, rows } = props;
  const hours = [...new Set(rows.map((r) => r.hour))].sort((a, b) => a - b);
  const services = props.services.filter((s) => rows.some((r) => r.serviceId === s.id));
  const totals = hours.map((h) => rows.filter((r) => r.hour === h).reduce((s, r) => s + r.counters, 0));
  const top = Math.max(1, ...totals);
  const W = 640;
  const H = 260;
  const pad = { top: 16, bottom: 32, side: 40 };
  const plotW = W - 2 * pad.side;
  const plotH = H - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, hours.length);
  const bar = Math.min(48, slot * 0.6);
  const rtl = lang === 'fa';
  const xOf = (i: number) => (rtl ? W - pad.side - (i + 0.5) * slot : pad.side + (i + 0.5) * slot);
  const yOf = (v: number) => pad.top + plotH - (v / top) * plotH;
  const ticks = [...new Set([0, Math.round(top / 2), top])];
  return (
    <figure class="advice-chart" data-testid="advice-chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} data-testid="advice-chart-svg">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.side} x2={W - pad.side} y1={yOf(v)} y2={yOf(v)} class="advice-chart__grid" />
            <text
              x={rtl ? W - pad.side + 8 : pad.side - 8}
              y={yOf(v) + 4}
              text-anchor={rtl ? 'start' : 'end'}
              class="advice-chart__tick"
            >
              {num(lang, v)}
            </text>
          </g>
        ))}
        {hours.map((h, i) => {
          let base = 0;
          return (
            <g key={h} data-testid={`chart-hour-${h}`} data-total={totals[i]}>
              {services.map((s) => {
                const v = rows.find((r) => r.hour === h && r.serviceId === s.id)?.counters ?? 0;
                if (v === 0) return null;
                const y0 = yOf(base);
                base += v;
                const y1 = yOf(base);
                return (
                  <rect
                    key={s.id}
                    x={xOf(i) - bar / 2}
                    y={y1}
                    width={bar}
                    height={y0 - y1}
                    fill={colourOf(props.services.indexOf(s))}
                  >
                    <title>{`${s.title}: ${num(lang, v)}`}</title>
                  </rect>
                );
              })}
              <text x={xOf(i)} y={yOf(totals[i] ?? 0) - 4} text-anchor="middle" class="advice-chart__total">
                {num(lang, totals[i] ?? 0)}
              </text>
              <text x={xOf(i)} y={H - 10} text-anchor="middle" class="advice-chart__tick">
                {hourLabel(lang, h)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="advice-chart__legend">
        {services.map((s) => (
          <li key={s.id}>
            <span
              class="advice-chart__swatch"
              style={{ background: colourOf(props.services.indexOf(s)) }}
              aria-hidden="true"
            />
            {s.title}
          </li>
        ))}
      </ul>
    </figure>
  );
}
