// Memory (issue 17, point 4): what a branch-day costs a server process, and whether one process
// holds a province's busy days within bounds while quiet ones leave memory (MEM1).
//
// The real server runs with --expose-gc on its own data directory (or Redis). `memory-seed.ts`
// writes BRANCHES branch-days of TICKETS tickets straight into that store (BUSY of them busy: 500
// waiting, 6 counters open; the rest quiet: all served, counters closed); the server reads each day
// when it is first asked (GET …/services, a replay of its log — the same fold as the commands that
// made it, [S2]). Heap figures are taken by the server itself after two full collections.
//  - one busy day: heap with it held − heap before (the two templates already held, so the code that
//    replays and indexes a day is compiled and counted in neither);
//  - one quiet day: the same, for a quiet day;
//  - the province: every day read, then the quiet ones let go (MEM1, forced now rather than after the
//    idle time): the days still held must be exactly the busy ones, and the process's RSS ≤ 1 GB;
//  - the heap with every day held and after the release (for information).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { getJson } from './api.ts';
import { settled } from './history-bench.ts';
import { type BenchProcess, type Line, spawnBench } from './procs.ts';
import type { Row } from './report.ts';
import type { Store } from './targets.ts';

export const MEMORY = {
  tickets: 3_000,
  busyBranches: 200,
  quietBranches: 100,
  targets: { dayMb: 2, rssMb: 1_024 },
} as const;

interface Heap {
  heapMb: number;
  rssMb: number;
  held: { days: number; released: number };
}

export interface MemoryRun {
  store: Store;
  base?: Heap;
  oneBusy?: Heap;
  oneQuiet?: Heap;
  allHeld?: Heap;
  afterRelease?: Heap;
  released?: number;
  seeded?: Line;
  seconds: { seed: number; settle: number; load: number };
  errors: string[];
}

const MB = 1_000_000;

async function heap(server: BenchProcess): Promise<Heap> {
  server.send('heap');
  const line = await server.next('heap', 60_000);
  if (line.collected !== true) throw new Error('the server was not started with --expose-gc');
  return {
    heapMb: Number(line.heapUsed) / MB,
    rssMb: Number(line.rss) / MB,
    held: line.held as Heap['held'],
  };
}

const memId = (i: number) => `mem-${String(i).padStart(3, '0')}`;

export async function memoryBench(store: Store, log: (s: string) => void): Promise<MemoryRun> {
  const run: MemoryRun = { store, seconds: { seed: 0, settle: 0, load: 0 }, errors: [] };
  const dir = mkdtempSync(join(tmpdir(), 'nobat-bench-memory-'));
  let redis: RedisServer | undefined;
  let server: BenchProcess | undefined;
  try {
    redis = store === 'redis' ? await startRedisServer() : undefined;
    const env = { BENCH_DATA_DIR: dir, ...(redis ? { REDIS_URL: redis.url } : {}) };
    server = spawnBench(`memory-${store}`, './server-proc.ts', { BENCH_MODE: 'real', ...env }, ['--expose-gc']);
    const url = String((await server.next('ready', 60_000)).url);
    const total = MEMORY.busyBranches + MEMORY.quietBranches;
    log(`memory (${store}): writing ${total} branch-days of ${MEMORY.tickets} tickets`);
    let t = Date.now();
    const seed = spawnBench(`memory-seed-${store}`, './memory-seed.ts', {
      NOBAT_DATA_DIR: dir,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      BRANCHES: String(total),
      BUSY: String(MEMORY.busyBranches),
      TICKETS: String(MEMORY.tickets),
    });
    try {
      run.seeded = await seed.next('seeded', 600_000);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${seed.stderr()}`);
    } finally {
      await seed.stop(5_000);
    }
    run.seconds.seed = Math.round((Date.now() - t) / 1000);
    // The server meets the new branches on its own first (the SMS follower reads every branch's log
    // from its start): measured once that is over.
    t = Date.now();
    await settled(server.child.pid as number, log);
    run.seconds.settle = Math.round((Date.now() - t) / 1000);
    const load = (id: string) => getJson<{ waiting: number }[]>(url, `/api/v1/branches/${id}/services`);
    const waitingIn = async (id: string) => (await load(id)).reduce((n, s) => n + s.waiting, 0);
    // Warm: both templates read and held, so replaying is compiled before anything is measured.
    await load('mem-tpl-busy');
    await load('mem-tpl-quiet');
    run.base = await heap(server);
    const firstQuiet = memId(MEMORY.busyBranches + 1);
    if ((await waitingIn(memId(1))) !== Number(run.seeded.waiting)) throw new Error('the busy day is not as seeded');
    run.oneBusy = await heap(server);
    if ((await waitingIn(firstQuiet)) !== 0) throw new Error('the quiet day is not quiet');
    run.oneQuiet = await heap(server);
    t = Date.now();
    for (let i = 2; i <= total; i++) await load(memId(i));
    run.seconds.load = Math.round((Date.now() - t) / 1000);
    run.allHeld = await heap(server);
    server.send('release');
    run.released = Number((await server.next('released', 30_000)).branches);
    run.afterRelease = await heap(server);
    log(
      `memory (${store}): one busy day ${(run.oneBusy.heapMb - run.base.heapMb).toFixed(2)} MB, ` +
        `RSS with ${total} days ${run.allHeld.rssMb.toFixed(0)} MB, released ${run.released}`,
    );
  } catch (error) {
    run.errors.push(`${error instanceof Error ? error.message : String(error)}\n${server?.stderr() ?? ''}`);
  } finally {
    await server?.stop(15_000);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return run;
}

export function memoryRows(run: MemoryRun): Row[] {
  const { targets, tickets, busyBranches, quietBranches } = MEMORY;
  const { base, oneBusy, oneQuiet, allHeld, afterRelease } = run;
  const err = run.errors.join('; ').slice(0, 300);
  const busyMb = base && oneBusy ? oneBusy.heapMb - base.heapMb : null;
  const quietMb = oneBusy && oneQuiet ? oneQuiet.heapMb - oneBusy.heapMb : null;
  const total = busyBranches + quietBranches;
  // Held after the release: exactly the busy days (and the busy template).
  const onlyBusyLeft = afterRelease ? afterRelease.held.days === busyBranches + 1 : false;
  return [
    {
      scenario: `memory: one held busy day, ${tickets.toLocaleString('en-US')} tickets (heap)`,
      store: run.store,
      unit: 'MB',
      value: busyMb,
      baseline: base?.heapMb ?? null,
      ratio: null,
      target: `≤${targets.dayMb} MB`,
      ok: busyMb === null ? null : busyMb <= targets.dayMb,
      note: run.seeded
        ? `${run.seeded.waiting} waiting, ${run.seeded.busyEvents} events; heap ${base?.heapMb.toFixed(1)} → ${oneBusy?.heapMb.toFixed(1)} MB`
        : err,
    },
    {
      scenario: `memory: one held quiet day, ${tickets.toLocaleString('en-US')} tickets (heap)`,
      store: run.store,
      unit: 'MB',
      value: quietMb,
      baseline: oneBusy?.heapMb ?? null,
      ratio: null,
      target: `≤${targets.dayMb} MB`,
      ok: quietMb === null ? null : quietMb <= targets.dayMb,
      note: '',
    },
    {
      scenario: `memory: RSS, ${busyBranches} busy days held, ${quietBranches} quiet released`,
      store: run.store,
      unit: 'MB',
      value: afterRelease?.rssMb ?? null,
      baseline: base?.rssMb ?? null,
      ratio: null,
      target: `≤${targets.rssMb} MB`,
      ok: afterRelease ? afterRelease.rssMb <= targets.rssMb && onlyBusyLeft : null,
      note: afterRelease
        ? `held ${afterRelease.held.days} (the busy template too), released ${afterRelease.held.released}; heap ${afterRelease.heapMb.toFixed(0)} MB`
        : err,
    },
    {
      scenario: `memory: heap, all ${total} days held → quiet ones released (MEM1)`,
      store: run.store,
      unit: 'MB',
      value: afterRelease?.heapMb ?? null,
      baseline: allHeld?.heapMb ?? null,
      ratio: afterRelease && allHeld ? afterRelease.heapMb / allHeld.heapMb : null,
      target: '',
      ok: null,
      note: allHeld
        ? `with all held: RSS ${allHeld.rssMb.toFixed(0)} MB, ${allHeld.held.days} days; written in ${run.seconds.seed} s, server settled in ${run.seconds.settle} s, read in ${run.seconds.load} s`
        : '',
    },
  ];
}
