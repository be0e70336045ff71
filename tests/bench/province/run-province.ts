// A province's day (issue 17, point 5): 200 branches on 2 real server processes sharing one Redis
// (a fresh 3-master Redis Cluster unless told otherwise),
// driven by the load model (model.ts) at 10× speed from load-generator processes (generator.ts).
// Prints a table (operation, count, p50, p99, max, errors), writes results/province.json and a chart,
// results/province.png, and checks the day's invariants on the stored logs (invariants.ts).
//
// Options (also through `npm run bench -w tests -- --only=province …`):
//   --hours=2         simulated hours to run (default 2: the morning peak, 12 minutes at 10×; 6.5 = the day)
//   --from=08:30      simulated time of day the run starts (default 08:30; with --hours=6.5 use 07:30)
//   --speed=10        simulated minutes per wall minute
//   --branches=200    --generators=2   --servers=2   --seed=17   --window=10 (simulated minutes)
//   --routing=mixed   each counter of a branch talks to either process (mixed, the default) or the
//                     whole branch to one (branch)
//   --topology=cluster  the Redis the run starts: a fresh 3-master Redis Cluster on free ports (cluster,
//                     the default, as the issue asks) or one redis-server (single)
//   --redis=<url>     an existing Redis instead (or PROVINCE_REDIS_URL; redis+cluster:// for a cluster).
//                     It must not hold a province run already (the branch ids are fixed).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoginResponse } from '@nobat/protocol';
import type { UserRecord } from '../../../server/src/auth/auth.ts';
import { openStore } from '../../../server/src/store/open.ts';
import type { Store } from '../../../server/src/store/port.ts';
import { startRedisCluster } from '../../support/redis-cluster.ts';
import { startRedisServer } from '../../support/redis-server.ts';
import { type BenchProcess, spawnBench } from '../procs.ts';
import { writeJson } from '../report.ts';
import { BENCH_PASSWORD } from '../shared.ts';
import { round } from '../stats.ts';
import { branchIdOf, clerkIdOf, kioskIdOf, provinceBranchConfig, servicesOfCounter } from './branch-config.ts';
import { type ChartPanel, writeChart } from './chart.ts';
import { fromWire, type Histogram, histogramIn, merge, newHistogram, quantile, record } from './histogram.ts';
import { Http } from './http.ts';
import { checkInvariants, type DayLog, type InvariantReport } from './invariants.ts';
import { expectedArrivals, hm, OFFICE, province, SPEED, type Span } from './model.ts';
import {
  type GeneratorResult,
  type GeneratorSetup,
  OPERATIONS,
  type Operation,
  type Routing,
  type SetupBranch,
} from './wire.ts';

export interface ProvinceOptions {
  branches: number;
  from: number;
  hours: number;
  speed: number;
  generators: number;
  servers: number;
  seed: number;
  windowMinutes: number;
  routing: Routing;
  redisUrl: string | undefined;
  topology: 'cluster' | 'single';
}

export function provinceOptions(args: readonly string[]): ProvinceOptions {
  const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name: string, fallback: number) => {
    const v = arg(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`province: --${name}=${v} is not a positive number`);
    return n;
  };
  const routing = arg('routing') ?? 'mixed';
  if (routing !== 'mixed' && routing !== 'branch') throw new Error('province: --routing is mixed or branch');
  const topology = arg('topology') ?? 'cluster';
  if (topology !== 'cluster' && topology !== 'single') throw new Error('province: --topology is cluster or single');
  const hours = num('hours', 2);
  const from = arg('from') ? hm(arg('from') as string) : hours >= 6 ? OFFICE.open : hm('08:30');
  return {
    branches: Math.round(num('branches', 200)),
    from,
    hours,
    speed: num('speed', SPEED),
    generators: Math.round(num('generators', 2)),
    servers: Math.round(num('servers', 2)),
    seed: Math.round(num('seed', 17)),
    windowMinutes: num('window', 10),
    routing,
    redisUrl: arg('redis') ?? process.env.PROVINCE_REDIS_URL,
    topology,
  };
}

export interface OperationRow {
  operation: Operation;
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  errors: number;
  /** `<status> <code>` → count. */
  errorCodes: Record<string, number>;
}

export interface ProvinceResult {
  settings: ProvinceOptions & { span: Span; spanLabel: string; wallMinutes: number };
  province: { branches: number; counters: number; dailyVisitors: number; expectedInSpan: number; scheduled: number };
  rows: OperationRow[];
  windows: {
    at: string;
    opsPerSecond: number;
    p99: Partial<Record<Operation, number>>;
    waiting: number | null;
    generatorLoopDelayP99: number;
    generatorLoopDelayMax: number;
    generatorCpu: number[];
    serverCpu: number[];
  }[];
  generators: { scheduled: number; unsent: number; recoveries: number; clientDoubleCalls: string[] }[];
  /** The machine's 1-, 5- and 15-minute load averages when the day began and when it ended (2 cores, shared). */
  loadAverage: { before: number[]; after: number[] };
  invariants: InvariantReport;
  setupSeconds: number;
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(Math.floor(minute % 60)).padStart(2, '0')}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Runs `f` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, f: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (;;) {
        const i = next++;
        const item = items[i];
        if (i >= items.length || item === undefined) return;
        await f(item, i);
      }
    }),
  );
}

async function post<T>(http: Http, base: string, path: string, token: string | undefined, body: unknown): Promise<T> {
  const a = await http.send(base, 'POST', path, token, body);
  if (a.status < 200 || a.status > 299) throw new Error(`POST ${path}: ${a.status} ${a.code ?? ''}`);
  return a.body as T;
}

/** CPU seconds (user + system) a process has used, from /proc; NaN where there is none. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function provinceBench(o: ProvinceOptions, log: (s: string) => void): Promise<ProvinceResult> {
  const span: Span = { from: o.from, to: o.from + o.hours * 60 };
  const wallMs = (minutes: number) => (minutes * 60_000) / o.speed;
  const spanWallMs = wallMs(span.to - span.from);
  const tmp = mkdtempSync(join(tmpdir(), 'nobat-province-run-'));
  const http = new Http();
  let redis: { url: string; stop(): Promise<void> } | undefined;
  let store: Store | undefined;
  const servers: BenchProcess[] = [];
  const generators: BenchProcess[] = [];
  try {
    const setupStarted = Date.now();
    if (!o.redisUrl) redis = o.topology === 'cluster' ? await startRedisCluster(3) : await startRedisServer();
    const redisUrl = o.redisUrl ?? redis?.url ?? '';
    const topologyLabel = o.redisUrl ? 'given' : o.topology === 'cluster' ? '3-master Cluster' : 'one redis-server';
    log(`province: Redis ${redisUrl} (${topologyLabel}); ${o.servers} server processes`);
    const pids: number[] = [];
    const bases: string[] = [];
    // One after another: the first seeds the demo office (and its admin) into the empty store.
    for (let i = 0; i < o.servers; i++) {
      const s = spawnBench(`province-server-${i + 1}`, './server-proc.ts', {
        BENCH_MODE: 'real',
        REDIS_URL: redisUrl,
        BENCH_LIFETIME_MS: String(spanWallMs + 20 * 60_000),
        BENCH_LOG_LEVEL: 'error',
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      });
      servers.push(s);
      const ready = await s.next('ready', 60_000);
      bases.push(String(ready.url));
      pids.push(Number(ready.pid));
    }

    // Branches and kiosks through the admin API, as an administrator would make them.
    const base0 = bases[0] as string;
    const { token: admin } = await post<LoginResponse>(http, base0, '/api/v1/auth/login', undefined, {
      username: 'admin',
      password: BENCH_PASSWORD,
    });
    await post(http, base0, '/api/v1/admin/provincial-offices', admin, {
      version: 0,
      value: { id: 'sso-province', organisationId: 'sso', name: { fa: 'ادارهٔ کل استان (بار)', en: 'Province (load)' } },
    });
    const plans = province(o.seed, o.branches);
    const setupBranches: SetupBranch[] = [];
    await pool(plans, 4, async (plan) => {
      const config = provinceBranchConfig(plan.index, plan.counters);
      config.branch.provincialOfficeId = 'sso-province';
      await post(http, base0, '/api/v1/admin/branches', admin, { config });
      const branchId = branchIdOf(plan.index);
      const { token } = await post<{ token: string }>(http, base0, '/api/v1/admin/devices', admin, {
        id: kioskIdOf(branchId),
        kind: 'kiosk',
        branchId,
        name: `kiosk ${plan.index + 1}`,
      });
      setupBranches[plan.index] = {
        index: plan.index,
        branchId,
        daily: plan.daily,
        kioskToken: token,
        counters: config.counters.map((c) => ({
          counterId: c.id,
          clerkToken: '',
          services: servicesOfCounter(config, c.id),
        })),
      };
    });
    log(`province: ${o.branches} branches and kiosks made through the admin API`);

    // Clerks and their sessions straight into the store: the admin's password hash for everyone (one
    // argon2 hash, already made by the seed) and one session each, as a sign-in would write them.
    store = openStore({ REDIS_URL: redisUrl });
    const adminRecord = await store.getRecord<UserRecord>('user', 'admin');
    if (!adminRecord) throw new Error('province: no admin user in the store');
    const expiresAt = Date.now() + 12 * 3_600_000;
    const clerkJobs = setupBranches.flatMap((b) => b.counters.map((k, c) => ({ b, k, c })));
    const st = store;
    await pool(clerkJobs, 32, async ({ b, k, c }) => {
      const id = clerkIdOf(b.branchId, c);
      const epoch = randomBytes(8).toString('base64url');
      const user: UserRecord = {
        id,
        username: id,
        name: `clerk ${c + 1}`,
        role: 'clerk',
        branchId: b.branchId,
        passwordHash: adminRecord.value.passwordHash,
        active: true,
        epoch,
      };
      if (!(await st.putRecord('user', id, user, 0)).ok) throw new Error(`province: user ${id} exists already`);
      const token = randomBytes(32).toString('base64url');
      await st.putRecord('session', sha256(token), { userId: id, epoch, expiresAt }, 0, { expiresAt });
      k.clerkToken = token;
    });
    // One sign-in per server's view, to prove the seeded session is what a sign-in makes.
    const probe = setupBranches[0]?.counters[0];
    if (probe) {
      const me = await http.send(base0, 'GET', '/api/v1/clerks/me/desk', probe.clerkToken);
      if (me.status !== 200) throw new Error(`province: a seeded clerk session is refused (${me.status} ${me.code})`);
    }
    log(`province: ${clerkJobs.length} clerks and sessions seeded through the store port`);

    // The generators: branches dealt round-robin.
    const outs: string[] = [];
    for (let g = 0; g < o.generators; g++) {
      const setup: GeneratorSetup = {
        seed: o.seed,
        speed: o.speed,
        span,
        windowMinutes: o.windowMinutes,
        servers: bases,
        routing: o.routing,
        branches: setupBranches.filter((_, i) => i % o.generators === g),
      };
      const setupPath = join(tmp, `setup-${g}.json`);
      const out = join(tmp, `result-${g}.json`);
      writeFileSync(setupPath, JSON.stringify(setup));
      outs.push(out);
      generators.push(
        spawnBench(`province-generator-${g + 1}`, 'province/generator.ts', {
          PROVINCE_SETUP: setupPath,
          PROVINCE_OUT: out,
        }),
      );
    }
    let scheduled = 0;
    for (const g of generators) scheduled += Number((await g.next('ready', 120_000)).scheduled);
    const setupSeconds = round((Date.now() - setupStarted) / 1000, 1);
    const loadBefore = loadavg().map((v) => round(v, 2));
    const startWall = Date.now() + 2_000;
    for (const g of generators) g.send(`go ${startWall}`);
    log(
      `province: set up in ${setupSeconds} s; ${scheduled} visitors scheduled from ${clock(span.from)} to ${clock(span.to)} (${round(spanWallMs / 60_000, 1)} wall minutes at ${o.speed}×)`,
    );

    // The sampler: at every window's end, the waiting tickets of every branch (the public sub-service
    // list, read from both processes in turn), and the servers' CPU.
    const windowWallMs = wallMs(o.windowMinutes);
    const windowsCount = Math.ceil((span.to - span.from) / o.windowMinutes);
    const waitingAt: (number | null)[] = [];
    const serverCpu: number[][] = [];
    const reads: Histogram[] = [];
    const readErrors: Record<string, number> = {};
    const readTotal = newHistogram();
    let lastCpu = pids.map(cpuSeconds);
    for (let w = 0; w < windowsCount; w++) {
      const due = startWall + Math.min(spanWallMs, (w + 1) * windowWallMs);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now() - 1_000)));
      const h = newHistogram();
      let waiting = 0;
      let answered = 0;
      await pool(setupBranches, 8, async (b, i) => {
        const a = await http.send(bases[i % bases.length] as string, 'GET', `/api/v1/branches/${b.branchId}/services`);
        if (a.status !== 200) {
          const key = `${a.status} ${a.code ?? ''}`.trim();
          readErrors[key] = (readErrors[key] ?? 0) + 1;
          return;
        }
        record(h, a.ms);
        record(readTotal, a.ms);
        answered++;
        for (const s of a.body as { waiting: number }[]) waiting += s.waiting;
      });
      reads.push(h);
      waitingAt.push(answered === setupBranches.length ? waiting : null);
      const cpuNow = pids.map(cpuSeconds);
      serverCpu.push(cpuNow.map((c, i) => round((c - (lastCpu[i] ?? 0)) / (windowWallMs / 1000), 2)));
      lastCpu = cpuNow;
      log(`province: ${clock(span.from + Math.min(w + 1, windowsCount) * o.windowMinutes)} waiting ${waiting}`);
    }

    const results: GeneratorResult[] = [];
    for (const [g, p] of generators.entries()) {
      await p.next('done', 120_000);
      results.push(JSON.parse(readFileSync(outs[g] as string, 'utf8')) as GeneratorResult);
    }
    log('province: generators done; checking the logs');

    // The invariants, on the logs as stored.
    const logs: DayLog[] = [];
    await pool(setupBranches, 8, async (b) => {
      for (const day of await st.listDays(b.branchId)) {
        logs.push({ branchId: b.branchId, day, events: (await st.readEvents(b.branchId, day, 0)).map((e) => e.event) });
      }
    });
    const acknowledged = new Map<string, string[]>();
    for (const r of results) for (const [b, ids] of Object.entries(r.acknowledged)) acknowledged.set(b, ids);
    const invariants = checkInvariants(logs, acknowledged);

    // Tables and series.
    const totals = new Map<Operation, Histogram>();
    const errorCodes = new Map<Operation, Record<string, number>>();
    for (const r of results) {
      for (const [op, w] of Object.entries(r.ops)) {
        if (w) merge(histogramIn(totals, op as Operation), fromWire(w));
      }
      for (const [op, codes] of Object.entries(r.errors)) {
        const into = errorCodes.get(op as Operation) ?? {};
        for (const [k, n] of Object.entries(codes ?? {})) into[k] = (into[k] ?? 0) + n;
        errorCodes.set(op as Operation, into);
      }
    }
    totals.set('services (read)', readTotal);
    errorCodes.set('services (read)', readErrors);
    const ms = (v: number) => (Number.isNaN(v) ? null : round(v, 2));
    const rows: OperationRow[] = OPERATIONS.map((operation) => {
      const h = totals.get(operation) ?? newHistogram();
      const codes = errorCodes.get(operation) ?? {};
      return {
        operation,
        count: h.count,
        p50: ms(quantile(h, 0.5)),
        p99: ms(quantile(h, 0.99)),
        max: ms(h.count ? h.max : Number.NaN),
        errors: Object.values(codes).reduce((s, n) => s + n, 0),
        errorCodes: codes,
      };
    }).filter((r) => r.count > 0 || r.errors > 0);

    const windows: ProvinceResult['windows'] = [];
    for (let w = 0; w < windowsCount; w++) {
      const perOp = new Map<Operation, Histogram>();
      let loopP99 = 0;
      let loopMax = 0;
      const genCpu: number[] = [];
      for (const r of results) {
        const win = r.windows[w];
        if (!win) continue;
        for (const [op, wire] of Object.entries(win.ops)) {
          if (wire) merge(histogramIn(perOp, op as Operation), fromWire(wire));
        }
        loopP99 = Math.max(loopP99, win.loopDelay.p99);
        loopMax = Math.max(loopMax, win.loopDelay.max);
        genCpu.push(round(win.cpu, 2));
      }
      const windowSeconds = Math.min(windowWallMs, spanWallMs - w * windowWallMs) / 1000;
      let count = 0;
      for (const h of perOp.values()) count += h.count;
      const p99: Partial<Record<Operation, number>> = {};
      for (const [op, h] of perOp) p99[op] = round(quantile(h, 0.99), 2);
      const read = reads[w];
      if (read?.count) p99['services (read)'] = round(quantile(read, 0.99), 2);
      windows.push({
        // Labelled by the window's end: the operations of the window before it, the waiting at it.
        at: clock(Math.min(span.to, span.from + (w + 1) * o.windowMinutes)),
        opsPerSecond: round(count / windowSeconds, 1),
        p99,
        waiting: waitingAt[w] ?? null,
        generatorLoopDelayP99: round(loopP99, 1),
        generatorLoopDelayMax: round(loopMax, 1),
        generatorCpu: genCpu,
        serverCpu: serverCpu[w] ?? [],
      });
    }
    const result: ProvinceResult = {
      settings: {
        ...o,
        redisUrl: o.redisUrl ? '(given)' : undefined,
        span,
        spanLabel: `${clock(span.from)}–${clock(span.to)}`,
        wallMinutes: round(spanWallMs / 60_000, 2),
      },
      province: {
        branches: o.branches,
        counters: plans.reduce((s, p) => s + p.counters, 0),
        dailyVisitors: plans.reduce((s, p) => s + p.daily, 0),
        expectedInSpan: Math.round(plans.reduce((s, p) => s + expectedArrivals(p.daily, span.from, span.to), 0)),
        scheduled,
      },
      rows,
      windows,
      generators: results.map((r) => ({
        scheduled: r.scheduled,
        unsent: r.unsent,
        recoveries: r.recoveries,
        clientDoubleCalls: r.clientDoubleCalls,
      })),
      loadAverage: { before: loadBefore, after: loadavg().map((v) => round(v, 2)) },
      invariants,
      setupSeconds,
    };
    return result;
  } finally {
    http.close();
    // A server's errors (a 5xx is a defect): the last of them, from the tail of its output.
    servers.forEach((s, i) => {
      const errors = s
        .stderr()
        .split('\n')
        .filter((l) => l.includes('"level":50') || l.includes('"level":60'));
      if (errors.length > 0) log(`province: server ${i + 1} logged errors:\n${errors.slice(-5).join('\n')}`);
    });
    for (const g of generators) await g.stop(5_000);
    for (const s of servers) await s.stop(15_000);
    await store?.close().catch(() => undefined);
    await redis?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const COLUMNS = ['operation', 'count', 'p50 ms', 'p99 ms', 'max ms', 'errors'] as const;

export function formatProvince(r: ProvinceResult): string {
  const widths = [20, 9, 9, 9, 9, 7];
  const cell = (s: string, i: number) => s.padEnd(widths[i] ?? 8);
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const lines = [
    COLUMNS.map(cell).join(' ').trimEnd(),
    '-'.repeat(widths.reduce((s, w) => s + w + 1, 0)),
    ...r.rows.map((row) =>
      [row.operation, String(row.count), f(row.p50), f(row.p99), f(row.max), String(row.errors)]
        .map(cell)
        .join(' ')
        .trimEnd(),
    ),
  ];
  const codes = r.rows
    .filter((row) => row.errors > 0)
    .map(
      (row) =>
        `  ${row.operation}: ${Object.entries(row.errorCodes)
          .map(([k, n]) => `${n}× ${k}`)
          .join(', ')}`,
    );
  const inv = r.invariants;
  const maxLoop = Math.max(...r.windows.map((w) => w.generatorLoopDelayMax));
  const p99Loop = Math.max(...r.windows.map((w) => w.generatorLoopDelayP99));
  const genCpu = Math.max(...r.windows.flatMap((w) => w.generatorCpu));
  return [
    `province: ${r.province.branches} branches, ${r.province.counters} counters, ${r.province.dailyVisitors} visitors a day; ` +
      `${r.settings.spanLabel} simulated at ${r.settings.speed}× (${r.settings.wallMinutes} wall minutes), ` +
      `${r.province.scheduled} visitors scheduled (expected ${r.province.expectedInSpan}), routing ${r.settings.routing}, ` +
      `${r.settings.servers} server processes on ${redisLabel(r.settings)}`,
    ...lines,
    ...(codes.length > 0 ? ['errors:', ...codes] : []),
    `invariants: ${inv.ok ? 'ok' : 'BROKEN'} — ${inv.ticketsInLogs} tickets in ${inv.branchDays} branch-day logs, ` +
      `${inv.acknowledged} acknowledged, ${inv.acknowledgedMissing.length} acknowledged but missing, ` +
      `${inv.numbersIssuedTwice.length} numbers issued twice, ${inv.calledTwice.length} tickets called twice at once, ` +
      `${inv.inLogNotAcknowledged} in the logs without an acknowledgement`,
    `generators: event-loop delay p99 ≤ ${p99Loop} ms (max ${maxLoop} ms) per window; CPU ≤ ${genCpu} of a core; ` +
      `${r.generators.reduce((s, g) => s + g.recoveries, 0)} tickets ended by the clients' repair after a lost answer`,
    `machine load average (1, 5, 15 min): ${r.loadAverage.before.join(', ')} at the start, ${r.loadAverage.after.join(', ')} at the end (${cpus().length} cores)`,
  ].join('\n');
}

export function provinceChart(r: ProvinceResult, path: string): void {
  const labels = r.windows.map((w) => w.at);
  const shown: Operation[] = ['issue', 'call-next', 'start', 'finish', 'recall', 'transfer', 'services (read)'];
  const panels: ChartPanel[] = [
    {
      title: 'Operations per second over each window (all generators), and waiting tickets province-wide at its end',
      yLabel: 'operations / s (wall)',
      series: [{ name: 'operations/s', values: r.windows.map((w) => w.opsPerSecond) }],
      right: {
        yLabel: 'waiting tickets',
        series: [{ name: 'waiting, province-wide', values: r.windows.map((w) => w.waiting) }],
      },
    },
    {
      title: 'p99 latency per operation in each window (log scale)',
      yLabel: 'ms',
      logarithmic: true,
      series: shown.map((op) => ({ name: op, values: r.windows.map((w) => w.p99[op] ?? null) })),
    },
    {
      title: 'Load generators’ event-loop delay, and CPU of the generators and servers',
      yLabel: 'event-loop delay, ms',
      series: [
        { name: 'generator loop delay p99 (worst)', values: r.windows.map((w) => w.generatorLoopDelayP99) },
        { name: 'generator loop delay max (worst)', values: r.windows.map((w) => w.generatorLoopDelayMax) },
      ],
      right: {
        yLabel: 'CPU, cores',
        series: [
          {
            name: 'generators CPU (sum)',
            values: r.windows.map((w) =>
              round(
                w.generatorCpu.reduce((s, c) => s + c, 0),
                2,
              ),
            ),
          },
          {
            name: 'servers CPU (sum)',
            values: r.windows.map((w) =>
              round(
                w.serverCpu.reduce((s, c) => s + c, 0),
                2,
              ),
            ),
          },
        ],
      },
    },
  ];
  writeChart(
    path,
    `A province’s day: ${r.province.branches} branches, ${r.settings.spanLabel} at ${r.settings.speed}×, ${r.settings.servers} server processes on ${redisLabel(r.settings)} (${cpus().length} cores)`,
    labels,
    panels,
  );
}

function redisLabel(s: ProvinceOptions): string {
  if (s.redisUrl) return s.redisUrl.includes('+cluster') ? 'a given Redis Cluster' : 'a given Redis';
  return s.topology === 'cluster' ? 'a 3-master Redis Cluster' : 'one redis-server';
}

/** Runs, prints, writes results/province.json and results/province.png. */
export async function runProvince(args: readonly string[], log: (s: string) => void): Promise<ProvinceResult> {
  const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
  const r = await provinceBench(provinceOptions(args), log);
  console.log(`\n${formatProvince(r)}\n`);
  writeJson(`${resultsDir}province.json`, {
    finishedAt: new Date().toISOString(),
    host: { cpus: cpus().length, node: process.version },
    ...r,
  });
  provinceChart(r, `${resultsDir}province.png`);
  log(`wrote ${resultsDir}province.json and province.png`);
  return r;
}
