// The bench's answer: one row per measurement, printed as a table and written as JSON.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Store } from './targets.ts';

export interface Row {
  scenario: string;
  /** The live store, or the history store of the history rows. */
  store: Store | 'postgres';
  unit: 'req/s' | 'ms' | 'MB';
  value: number | null;
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  /** e.g. "≥0.25" (on the ratio) or "≤10 ms" (on the value); "" when the row only informs. */
  target: string;
  /** null: no target, or not measured. */
  ok: boolean | null;
  note: string;
}

function formatValue(v: number | null, unit: Row['unit']): string {
  if (v === null || Number.isNaN(v)) return '—';
  if (unit === 'req/s') return Math.round(v).toLocaleString('en-US');
  if (unit === 'MB') return v.toFixed(1);
  return v.toFixed(2);
}

const COLUMNS = [
  { title: 'scenario', width: 54 },
  { title: 'store', width: 7 },
  { title: 'value', width: 10 },
  { title: 'baseline', width: 10 },
  { title: 'ratio', width: 7 },
  { title: 'target', width: 8 },
  { title: 'ok', width: 3 },
] as const;

export function formatTable(rows: readonly Row[]): string {
  const cell = (s: string, w: number) => (s.length >= w ? s : s + ' '.repeat(w - s.length));
  const header = COLUMNS.map((c) => cell(c.title, c.width))
    .join(' ')
    .trimEnd();
  const body = rows.map((r) =>
    [
      r.scenario,
      r.store,
      formatValue(r.value, r.unit),
      formatValue(r.baseline, r.unit),
      r.ratio === null || Number.isNaN(r.ratio) ? '—' : r.ratio.toFixed(3),
      r.target || '—',
      r.ok === null ? '—' : r.ok ? 'yes' : 'NO',
    ]
      .map((s, i) => cell(s, COLUMNS[i]?.width ?? 8))
      .join(' ')
      .trimEnd(),
  );
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.store} · ${r.scenario}: ${r.note}`);
  return [header, '-'.repeat(header.length), ...body, '', 'notes:', ...notes].join('\n');
}

/**
 * Writes JSON laid out as the repository's formatter wants it, so the file passes `npm run lint`
 * (`format: false` for a file the formatter ignores, e.g. one that is not tracked).
 */
export function writeJson(path: string, data: unknown, format = true): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  if (!format) return;
  try {
    const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
    const r = spawnSync(process.execPath, [biome, 'format', '--write', path], { encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) console.warn(`biome format ${path} failed:\n${r.stderr}`);
  } catch (error) {
    console.warn(`could not run biome on ${path}: ${String(error)}`);
  }
}
