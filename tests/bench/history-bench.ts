// The history scenario (issue 14): a Jalali year of 200 branches in each history store (SQLite, and
// PostgreSQL), then, against the real server on it, a month's report for one province (20 branches,
// by branch) and a year's report for one branch (by sub-service), each timed over HTTP and with the
// server's resident memory sampled while it answers. Targets: ≤ 2 s and ≤ 1 s, RSS growth ≤ 100 MB.
// The generated data is kept (tests/.tmp/bench-history/, and the database nobat_bench_history) so a
// second run does not write it again.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jalaliMonthRange } from '@nobat/protocol';
import pg from 'pg';
import { testsDir } from '../support/paths.ts';
import { login } from '../support/socket.ts';
import { branchId, HISTORY_PROVINCES, provinceId, YEAR } from './history-shape.ts';
import { spawnBench } from './procs.ts';
import type { Row } from './report.ts';
import { BENCH_PASSWORD } from './shared.ts';
import { startRealServer, type Target } from './targets.ts';

export type HistoryStoreKind = 'sqlite' | 'postgres';

export const HISTORY = {
  /** Azar 1404, a month inside the generated year. */
  month: jalaliMonthRange(1404, 9),
  province: provinceId(3),
  branch: branchId(7),
  repeats: 5,
  targets: { provinceMonthMs: 2_000, branchYearMs: 1_000, rssGrowthMb: 100 },
} as const;

const PG_ADMIN = process.env.NOBAT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'nobat_bench_history';

async function ensureDatabase(): Promise<string> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PG_DB]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${PG_DB}`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_ADMIN);
  url.pathname = `/${PG_DB}`;
  return url.toString();
}

/** The process's CPU time so far (ms), from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

/**
 * Waits until the server is idle (under 20 ms of CPU in half a second): what it does once at start
 * (the directives' reports of the months before, the archiver's first pass) is not what is measured.
 */
export async function settled(pid: number, log: (s: string) => void): Promise<void> {
  let last = cpuMs(pid);
  for (let i = 0; i < 240; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMs(pid);
    if (now - last < 20) return;
    last = now;
  }
  log('the server did not settle within 2 minutes; measuring anyway');
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

interface Timed {
  medianMs: number;
  maxMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rows: number;
}

/** Asks `path` `repeats` times, one after another, sampling the server's RSS every 5 ms meanwhile. */
async function timed(url: string, token: string, path: string, pid: number, repeats: number): Promise<Timed> {
  const ask = async () => {
    const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as { current: { rows: unknown[] } };
  };
  // Sampled from before the first ask: what answering costs in memory, the first time included.
  const rssBeforeMb = rssMb(pid);
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => {
    rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
  }, 5);
  try {
    await ask(); // warm: code paths compiled, caches of configuration filled
  } catch (error) {
    clearInterval(sampler);
    throw error;
  }
  const times: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      const report = await ask();
      times.push(performance.now() - t0);
      rows = report.current.rows.length;
    }
  } finally {
    clearInterval(sampler);
  }
  rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    maxMs: times.at(-1) ?? Number.NaN,
    rssBeforeMb,
    rssPeakMb,
    rows,
  };
}

export interface HistoryRun {
  store: HistoryStoreKind;
  generated: { rows: number; reused: boolean; seconds: number };
  provinceMonth?: Timed;
  branchYear?: Timed;
  errors: string[];
}

export async function historyBench(store: HistoryStoreKind, log: (s: string) => void): Promise<HistoryRun> {
  const dir = join(testsDir, '.tmp', 'bench-history', store);
  mkdirSync(dir, { recursive: true });
  const env: Record<string, string> = store === 'postgres' ? { DATABASE_URL: await ensureDatabase() } : {};
  log(`history (${store}): generating a year of 200 branches (kept for the next run)`);
  const gen = spawnBench(`history-gen-${store}`, './history-gen.ts', { HISTORY_DIR: dir, ...env });
  let done: Record<string, unknown>;
  try {
    done = await gen.next('done', 40 * 60_000);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${gen.stderr()}`);
  } finally {
    await gen.stop(5_000);
  }
  const run: HistoryRun = {
    store,
    generated: { rows: Number(done.rows), reused: Boolean(done.reused), seconds: Number(done.seconds) },
    errors: [],
  };
  log(
    `history (${store}): ${run.generated.reused ? 'reused' : `wrote ${run.generated.rows} rollup rows in ${run.generated.seconds} s`}`,
  );
  let server: Target | undefined;
  try {
    server = await startRealServer(`history-server-${store}`, { dataDir: dir, env });
    const { url } = server;
    const pid = server.proc.child.pid as number;
    const token = await login(url, 'admin', BENCH_PASSWORD);
    await settled(pid, log);
    const { month } = HISTORY;
    run.provinceMonth = await timed(
      url,
      token,
      `/api/v1/reports?from=${month.from}&to=${month.to}&provinceId=${HISTORY.province}&by=branch`,
      pid,
      HISTORY.repeats,
    );
    run.branchYear = await timed(
      url,
      token,
      `/api/v1/reports?from=${YEAR.from}&to=${YEAR.to}&branchId=${HISTORY.branch}&by=service`,
      pid,
      HISTORY.repeats,
    );
  } catch (error) {
    run.errors.push(`${error instanceof Error ? error.message : String(error)}\n${server?.proc.stderr() ?? ''}`);
  } finally {
    await server?.stop();
  }
  return run;
}

export function historyRows(run: HistoryRun): Row[] {
  const { targets } = HISTORY;
  const row = (scenario: string, t: Timed | undefined, limitMs: number): Row[] => {
    const growth = t ? t.rssPeakMb - t.rssBeforeMb : null;
    return [
      {
        scenario,
        store: run.store,
        unit: 'ms',
        value: t?.medianMs ?? null,
        baseline: null,
        ratio: null,
        target: `≤${limitMs} ms`,
        ok: t ? t.medianMs <= limitMs : null,
        note: t
          ? `median of ${HISTORY.repeats}, slowest ${t.maxMs.toFixed(0)} ms; ${t.rows} rows; RSS ${t.rssBeforeMb.toFixed(0)} → peak ${t.rssPeakMb.toFixed(0)} MB`
          : run.errors.join('; ').slice(0, 300),
      },
      {
        scenario: `${scenario}: server RSS growth`,
        store: run.store,
        unit: 'MB',
        value: growth,
        baseline: t?.rssBeforeMb ?? null,
        ratio: null,
        target: `≤${targets.rssGrowthMb} MB`,
        ok: growth === null ? null : growth <= targets.rssGrowthMb,
        note: '',
      },
    ];
  };
  return [
    ...row(
      `history: a month's report, 1 province (${200 / HISTORY_PROVINCES} branches) of 200`,
      run.provinceMonth,
      targets.provinceMonthMs,
    ),
    ...row("history: a year's report, 1 branch", run.branchYear, targets.branchYearMs),
  ];
}
