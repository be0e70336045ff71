// `npm run bench`: ticket issue and call→display on SQLite and on Redis, each as a ratio to a bare
// baseline measured in the same run, just before it or alongside it (the machine is shared and noisy;
// absolute numbers drift).
// Options: --store=sqlite|redis (one store only), --profile (CPU-profile the real server processes
// and print where their time went; profiling slows them, so read the ratios of a run without it),
// --only=held,unbounded,branches,display,displays10k,memory,history (only those scenarios, with the bare Hono baseline when an
// issue scenario runs; the JSON then goes to results/partial.json, not latest.json); --only=province runs
// a province's day alone (opt-in, never in the default run; its options in province/run-province.ts).
import { readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { redisAvailable } from '../support/redis-server.ts';
import { callToDisplay, DISPLAY, type DisplayPair, type DisplaySide } from './display-bench.ts';
import { DISPLAYS10K, type Displays10kRun, displays10kRows, displaysAtScale } from './displays10k-bench.ts';
import { type HistoryRun, historyBench, historyRows } from './history-bench.ts';
import {
  type BareIssue,
  bareIssue,
  type HeldIssue,
  heldIssue,
  ISSUE,
  type SpreadIssue,
  spreadIssue,
  type UnboundedRun,
  unboundedIssue,
} from './issue-bench.ts';
import { type MemoryRun, memoryBench, memoryRows } from './memory-bench.ts';
import { formatProfile, mainThreadProfile, summariseProfile } from './profile.ts';
import { runProvince } from './province/run-province.ts';
import { formatTable, type Row, writeJson } from './report.ts';
import { round } from './stats.ts';
import type { Store } from './targets.ts';

// The history scenario's first run writes a year of 200 branches into each history store.
const WATCHDOG_MS = 45 * 60_000;
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const profileDir = `${resultsDir}profiles`;

const args = process.argv.slice(2);
const profile = args.includes('--profile');
const only = args.find((a) => a.startsWith('--store='))?.slice('--store='.length);
const stores: Store[] = only === 'sqlite' || only === 'redis' ? [only] : ['sqlite', 'redis'];
const SCENARIOS = ['held', 'unbounded', 'branches', 'display', 'displays10k', 'memory', 'history'] as const;
type Scenario = (typeof SCENARIOS)[number];
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const chosen = new Set<Scenario>(
  onlyArg === undefined ? SCENARIOS : SCENARIOS.filter((x) => onlyArg.split(',').includes(x)),
);
// Opt-in only, never in the default run (it takes minutes): a province's day (province/run-province.ts).
const provinceChosen = onlyArg?.split(',').includes('province') ?? false;
if (chosen.size === 0 && !provinceChosen) {
  console.error(`bench: --only takes some of ${SCENARIOS.join(',')} (or province)`);
  process.exit(2);
}
const partial = onlyArg !== undefined;
const wanted = (x: Scenario) => chosen.has(x);

const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${s}`);

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 1000} s; giving up`);
  process.exit(2); // the 'exit' hooks SIGKILL every child process
}, WATCHDOG_MS);
watchdog.unref();

async function attempt<T>(what: string, f: () => Promise<T>, errors: string[]): Promise<T | undefined> {
  try {
    return await f();
  } catch (error) {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    errors.push(message);
    log(`FAILED ${message.split('\n')[0]}`);
    return undefined;
  }
}

const ratio = (v: number | undefined, b: number | undefined) =>
  v === undefined || b === undefined || b === 0 ? null : round(v / b, 3);
const queueNote = (w: { min: number; max: number; end: number }) => `waiting ${w.min}–${w.max} (end ${w.end})`;
const branchNote = (w: { min: number; median: number; max: number }) => `${w.min}–${w.max} (median ${w.median})`;
const statusNote = (codes: Record<string, number>) =>
  Object.entries(codes)
    .filter(([c]) => !c.startsWith('2'))
    .map(([c, n]) => `${n}×${c}`)
    .join(', ');

interface StoreRun {
  bare?: BareIssue;
  withCounters?: HeldIssue;
  noCounterThroughput?: UnboundedRun;
  noCounterFixed?: UnboundedRun;
  branches?: SpreadIssue;
  display?: DisplayPair;
  displays10k?: Displays10kRun;
  errors: string[];
}

function rowsOf(store: Store, r: StoreRun): Row[] {
  const rows: Row[] = [];
  const bareThr = r.bare?.throughput.okPerSecond;
  const bareP99 = r.bare?.fixed.latency.p99;
  const thrRow = (scenario: string, value: number | undefined, note: string, min = 0.25): Row => {
    const q = ratio(value, bareThr);
    return {
      scenario,
      store,
      unit: 'req/s',
      value: value ?? null,
      baseline: bareThr ?? null,
      ratio: q,
      target: `≥${min}`,
      ok: q === null ? null : q >= min,
      note,
    };
  };
  /** p99 at a fixed rate: within limitMs while answering at least 95% of the rate. */
  const fixedRow = (
    scenario: string,
    run: { okPerSecond: number; latency: { p99: number } } | undefined,
    note: string,
    rate: number = ISSUE.rate,
    limitMs = 10,
  ) => {
    const p99 = run?.latency.p99;
    const rateOk = run ? run.okPerSecond >= rate * 0.95 : false;
    return {
      scenario,
      store,
      unit: 'ms',
      value: p99 ?? null,
      // Bare Hono's p99 is measured at ISSUE.rate: for information only.
      baseline: bareP99 ?? null,
      ratio: ratio(p99, bareP99),
      target: `≤${limitMs} ms`,
      ok: p99 === undefined ? null : p99 <= limitMs && rateOk,
      note: run
        ? `answered ${Math.round(run.okPerSecond)}/s of ${rate}/s${rateOk ? '' : ' (rate not reached)'}; ${note}`
        : note,
    } satisfies Row;
  };

  const h = r.withCounters;
  const busyLabel = `1 busy branch (~${ISSUE.target} waiting), ${ISSUE.counters} counters calling`;
  rows.push(
    thrRow(
      `issue throughput, ${busyLabel}`,
      h?.throughput.okPerSecond,
      h
        ? `office called ${h.officeDuringThroughput.calledPerSecond}/s, ${queueNote(h.officeDuringThroughput.waiting)}; p99 ${h.throughput.latency.p99.toFixed(1)} ms at ${ISSUE.connections} connections${statusNote(h.throughput.statusCodes) ? `; ${statusNote(h.throughput.statusCodes)}` : ''}`
        : '',
      ISSUE.busyRatio,
    ),
  );
  const sp = r.branches;
  const spreadLabel = `${ISSUE.branches} branches, ${ISSUE.branchCounters.length} counters each calling`;
  const ut = r.noCounterThroughput;
  rows.push(
    thrRow(
      'issue throughput, 1 branch, no counter (queue grows)',
      ut?.run.okPerSecond,
      ut
        ? `waiting ${ut.waitingBefore} → ${ut.waitingAfter} in ${ut.run.seconds} s${statusNote(ut.run.statusCodes) ? `; ${statusNote(ut.run.statusCodes)}` : ''}`
        : '',
    ),
  );
  rows.push(
    thrRow(
      `issue throughput, ${spreadLabel}`,
      sp?.throughput.okPerSecond,
      sp
        ? `office called ${sp.officeDuringThroughput.calledPerSecond}/s; waiting per branch ${branchNote(sp.waiting.afterFixed)} → ${branchNote(sp.waiting.afterThroughput)} in ${sp.throughput.seconds} s; p99 ${sp.throughput.latency.p99.toFixed(1)} ms at ${ISSUE.connections} connections${statusNote(sp.throughput.statusCodes) ? `; ${statusNote(sp.throughput.statusCodes)}` : ''}`
        : '',
    ),
  );
  rows.push(
    fixedRow(
      `issue p99 @${ISSUE.busyRate}/s, ${busyLabel}`,
      h?.fixed,
      h
        ? `office called ${h.officeDuringFixed.calledPerSecond}/s, ${queueNote(h.officeDuringFixed.waiting)}; p50 ${h.fixed.latency.p50.toFixed(2)} ms`
        : '',
      ISSUE.busyRate,
      ISSUE.busyP99Ms,
    ),
  );
  const uf = r.noCounterFixed;
  rows.push(
    fixedRow(
      `issue p99 @${ISSUE.rate}/s, 1 branch, no counter (queue grows)`,
      uf?.run,
      uf ? `waiting ${uf.waitingBefore} → ${uf.waitingAfter}; p50 ${uf.run.latency.p50.toFixed(2)} ms` : '',
    ),
  );
  rows.push(
    fixedRow(
      `issue p99 @${ISSUE.rate}/s, ${spreadLabel}`,
      sp?.fixed,
      sp
        ? `office called ${sp.officeDuringFixed.calledPerSecond}/s; waiting per branch ${branchNote(sp.waiting.start)} → ${branchNote(sp.waiting.afterFixed)}; p50 ${sp.fixed.latency.p50.toFixed(2)} ms${statusNote(sp.fixed.statusCodes) ? `; ${statusNote(sp.fixed.statusCodes)}` : ''}`
        : '',
    ),
  );
  const d = r.display;
  const sideNote = (x: DisplaySide) =>
    `${x.received}/${x.expected} receipts over ${x.rounds} calls, request p50 ${x.request.p50.toFixed(1)} ms (max ${x.request.max.toFixed(0)})`;
  rows.push({
    scenario: `call→display p50, ${DISPLAY.sockets} sockets`,
    store,
    unit: 'ms',
    value: d?.real.latency.p50 ?? null,
    baseline: d?.bare.latency.p50 ?? null,
    ratio: ratio(d?.real.latency.p50, d?.bare.latency.p50),
    target: '',
    ok: null,
    note: '',
  });
  const complete =
    d !== undefined &&
    d.real.connected === DISPLAY.sockets &&
    d.bare.connected === DISPLAY.sockets &&
    d.real.received === d.real.expected;
  const dq = ratio(d?.real.latency.p99, d?.bare.latency.p99);
  rows.push({
    scenario: `call→display p99, ${DISPLAY.sockets} sockets`,
    store,
    unit: 'ms',
    value: d?.real.latency.p99 ?? null,
    baseline: d?.bare.latency.p99 ?? null,
    ratio: dq,
    target: '≤1.5×',
    ok: dq === null ? null : dq <= 1.5 && complete,
    note: d
      ? `real: ${sideNote(d.real)}; bare: ${sideNote(d.bare)}${d.failedToConnect ? `; ${d.failedToConnect} sockets failed to connect (${d.lastConnectError})` : ''}`
      : '',
  });
  // The pooled p99 is decided by the slowest call or two; each call's p99, median over calls, is not.
  const mq = ratio(d?.real.perCallP99Median, d?.bare.perCallP99Median);
  rows.push({
    scenario: 'call→display p99 of the median call',
    store,
    unit: 'ms',
    value: d?.real.perCallP99Median ?? null,
    baseline: d?.bare.perCallP99Median ?? null,
    ratio: mq,
    target: '≤1.5×',
    ok: mq === null ? null : mq <= 1.5 && complete,
    note: d
      ? `per-call p99s, real: ${d.real.perCallP99.map((v) => v.toFixed(0)).join(' ')}; bare: ${d.bare.perCallP99.map((v) => v.toFixed(0)).join(' ')}`
      : '',
  });
  return rows;
}

if (provinceChosen && chosen.size > 0) {
  console.error('bench: --only=province runs alone (it takes minutes of both cores)');
  process.exit(2);
}
if (provinceChosen) {
  const r = await runProvince(args, log).catch((error: unknown) => {
    console.error(error);
    return undefined;
  });
  process.exit(r?.invariants.ok ? 0 : 1);
}

const runs: Partial<Record<Store, StoreRun>> = {};
const rows: Row[] = [];
const haveRedis = redisAvailable();
const profDir = profile ? profileDir : undefined;
if (profDir) rmSync(profDir, { recursive: true, force: true });
for (const store of stores) {
  const r: StoreRun = { errors: [] };
  runs[store] = r;
  if (store === 'redis' && !haveRedis) {
    log('redis-server not found: skipping the Redis rows');
    r.errors.push('redis-server not found');
    continue;
  }
  if (wanted('held') || wanted('unbounded') || wanted('branches')) {
    log(`== ${store}: ticket issue`);
    r.bare = await attempt('bare Hono', () => bareIssue(log), r.errors);
  }
  if (wanted('held')) {
    r.withCounters = await attempt('issue, counters calling', () => heldIssue(store, log, profDir), r.errors);
  }
  if (wanted('unbounded')) {
    r.noCounterThroughput = await attempt(
      'issue throughput, unbounded',
      () => unboundedIssue(store, 'throughput', log, profDir),
      r.errors,
    );
    r.noCounterFixed = await attempt(
      'issue fixed rate, unbounded',
      () => unboundedIssue(store, 'fixed', log, profDir),
      r.errors,
    );
  }
  if (wanted('branches')) {
    r.branches = await attempt(`issue, ${ISSUE.branches} branches`, () => spreadIssue(store, log, profDir), r.errors);
  }
  if (wanted('display')) {
    log(`== ${store}: call → display`);
    r.display = await attempt('call→display', () => callToDisplay(store, log), r.errors);
  }
  // [issue 17.3] Two processes on one Redis: the Redis rows only.
  if (wanted('displays10k') && store === 'redis') {
    log(`== ${store}: call → display, ${DISPLAYS10K.sockets} sockets on 2 processes`);
    r.displays10k = await attempt('call→display at scale', () => displaysAtScale(log, profDir), r.errors);
  }
  // A partial run leaves out the rows of the scenarios it did not run.
  rows.push(...rowsOf(store, r).filter((row) => !partial || row.value !== null));
  if (store === 'redis' && (wanted('displays10k') || !partial)) rows.push(...displays10kRows(r.displays10k));
}

const memoryRuns: MemoryRun[] = [];
if (wanted('memory')) {
  for (const store of stores) {
    if (store === 'redis' && !haveRedis) continue;
    log(`== ${store}: memory`);
    const run = await memoryBench(store, log);
    memoryRuns.push(run);
    rows.push(...memoryRows(run));
    runs[store]?.errors.push(...run.errors.map((e) => `memory: ${e}`));
  }
}

const historyRuns: HistoryRun[] = [];
const historyErrors: string[] = [];
if (wanted('history')) {
  const historyStores =
    only === 'redis' ? [] : only === 'sqlite' ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const);
  for (const h of historyStores) {
    log(`== history: ${h}`);
    const run = await attempt(`history on ${h}`, () => historyBench(h, log), historyErrors);
    if (!run) continue;
    historyRuns.push(run);
    rows.push(...historyRows(run));
    historyErrors.push(...run.errors.map((e) => `history on ${h}: ${e}`));
  }
}

const table = formatTable(rows);
console.log(`\n${table}\n`);
const errors = [
  ...Object.entries(runs).flatMap(([store, r]) => (r?.errors ?? []).map((e) => `${store}: ${e}`)),
  ...historyErrors,
];
if (errors.length > 0) console.log(`errors:\n${errors.map((e) => `  ${e.split('\n')[0]}`).join('\n')}\n`);

let profiles: Record<string, ReturnType<typeof summariseProfile>> | undefined;
if (profDir) {
  profiles = {};
  for (const name of readdirSync(profDir).sort()) {
    const file = mainThreadProfile(`${profDir}/${name}`);
    if (!file) continue;
    const summary = summariseProfile(file);
    profiles[name] = summary;
    console.log(`${formatProfile(`CPU profile of the server, ${name} (${file})`, summary)}\n`);
  }
}

const jsonPath = `${resultsDir}${partial ? 'partial' : 'latest'}.json`;
writeJson(
  jsonPath,
  {
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    host: { cpus: cpus().length, node: process.version, profiled: profile },
    ...(partial ? { only: [...chosen] } : {}),
    settings: { issue: ISSUE, display: DISPLAY, displays10k: DISPLAYS10K },
    rows,
    details: {
      ...runs,
      ...(memoryRuns.length > 0 ? { memory: memoryRuns } : {}),
      ...(historyRuns.length > 0 ? { history: historyRuns } : {}),
    },
    ...(profiles ? { profiles } : {}),
  },
  !partial,
);
log(`wrote ${jsonPath}`);
clearTimeout(watchdog);
// Missed targets are the answer, not a failure; a scenario that could not run is.
process.exit(errors.length > 0 ? 1 : 0);
