// Ticket issue: throughput (as fast as it answers) and latency at a fixed 1,000 tickets/s, on the bare
// Hono baseline and on the real server — the latter in one branch twice (with an office keeping the
// queue near a held size, and with the queue left to grow: the estimate replays the branch's whole
// queue, so one branch taking all the load is the worst case), and spread over many branches, as a
// server for a whole organisation would see it.
import { sleep } from '../support/child.ts';
import type { IssueTarget } from './api.ts';
import { createBranches, waitingPerBranch } from './branches.ts';
import { type LoadOptions, type LoadRun, runLoad } from './load.ts';
import { type Line, spawnBench } from './procs.ts';
import type { ProfileRequest, Store } from './targets.ts';
import { startTarget } from './targets.ts';

export const ISSUE = {
  /** Connections for the throughput runs (as fast as the server answers). */
  connections: 20,
  throughputSeconds: 8,
  /** The fixed-rate runs: autocannon overallRate over this many connections. */
  rate: 1000,
  rateConnections: 20,
  rateSeconds: 5,
  /**
   * One busy branch (issue 17): the office's counters open, tickets issued before the load, the queue
   * length the office holds, and the fixed rate and targets of its rows.
   */
  counters: 6,
  prefill: 500,
  target: 500,
  busyRate: 300,
  busyP99Ms: 20,
  busyRatio: 0.05,
  /** A real server is warmed up with this many issues (bare Hono with more) before measuring. */
  warmup: 200,
  bareWarmup: 5000,
  /** Seven uncapped sub-services × 999 numbers; an unbounded run stops before numbers run out. */
  unboundedCap: 6400,
  /** The organisation: this many branches made through the admin API, the load round-robin over them. */
  branches: 50,
  /** Issued to each branch before measuring (the warm-up): its queue at the start. */
  branchWarmup: 50,
  /** Counters of each branch with a clerk calling (together they serve every uncapped sub-service). */
  branchCounters: ['counter-1', 'counter-5', 'counter-6'],
  /** Each branch's counters call whenever more than this many wait in it (its share of the load). */
  branchTarget: 50,
  /** Issues a branch may take in a day in these runs (seven uncapped sub-services × 999, with room). */
  branchCap: 5000,
} as const;

export interface OfficeStats {
  called: number;
  calledPerSecond: number;
  emptyCalls: number;
  errors: number;
  lastError: string;
  waiting: { min: number; median: number; max: number; end: number };
}

export interface BareIssue {
  throughput: LoadRun;
  fixed: LoadRun;
}

export interface HeldIssue {
  throughput: LoadRun;
  fixed: LoadRun;
  officeDuringThroughput: OfficeStats;
  officeDuringFixed: OfficeStats;
}

export interface UnboundedRun {
  run: LoadRun;
  /** Waiting tickets when the run began and when it ended. */
  waitingBefore: number;
  waitingAfter: number;
}

const throughputRun = (extra: Partial<LoadOptions> = {}): LoadOptions => ({
  connections: ISSUE.connections,
  seconds: ISSUE.throughputSeconds,
  ...extra,
});
const fixedRun = (extra: Partial<LoadOptions> = {}): LoadOptions => ({
  connections: ISSUE.rateConnections,
  seconds: ISSUE.rateSeconds,
  rate: ISSUE.rate,
  ...extra,
});

export async function bareIssue(log: (s: string) => void): Promise<BareIssue> {
  const target = await startTarget('hono', 'sqlite');
  try {
    await runLoad(target.url, { connections: ISSUE.connections, seconds: 5, amount: ISSUE.bareWarmup });
    log('  bare Hono: throughput');
    const throughput = await runLoad(target.url, throughputRun());
    log('  bare Hono: fixed rate');
    const fixed = await runLoad(target.url, fixedRun());
    return { throughput, fixed };
  } finally {
    await target.stop();
  }
}

/** The real server with an office: 6 counters calling whenever more than ISSUE.target tickets wait. */
export async function heldIssue(store: Store, log: (s: string) => void, profileDir?: string): Promise<HeldIssue> {
  const profile: ProfileRequest | undefined = profileDir ? { dir: profileDir, name: `${store}-issue-held` } : undefined;
  const target = await startTarget('real', store, profile);
  const office = spawnBench(`office-${store}`, './office-proc.ts', {
    BENCH_URL: target.url,
    COUNTERS: String(ISSUE.counters),
    PREFILL: String(ISSUE.prefill),
    TARGET: String(ISSUE.target),
  });
  // The office learns how many tickets the load issued, to know how long the queue is.
  let issued = 0;
  let told = 0;
  const teller = setInterval(() => {
    if (issued !== told) office.send(`issued ${issued}`);
    told = issued;
  }, 20);
  const counting = (before: number) => (ok: number) => {
    issued = before + ok;
  };
  try {
    await office.next('ready', 60_000);
    await runLoad(target.url, { connections: 10, seconds: 10, amount: ISSUE.warmup, onOk: counting(0) });
    office.send('go');
    await sleep(1000);
    office.send('mark');
    await office.next('stats', 10_000);

    // The fixed rate first, while the queue has the size the office holds; then as fast as it answers.
    log(`  real ${store}, busy branch, ${ISSUE.counters} counters calling: ${ISSUE.busyRate}/s`);
    const fixed = await runLoad(target.url, fixedRun({ rate: ISSUE.busyRate, onOk: counting(issued) }));
    office.send('mark');
    const officeDuringFixed = officeStats(await office.next('stats', 10_000));

    log(`  real ${store}, busy branch, ${ISSUE.counters} counters calling: throughput`);
    // Numbers are never reused in a day (seven sub-services × 999): stop before they run out.
    const left = Math.max(ISSUE.connections, ISSUE.unboundedCap - ISSUE.prefill - issued);
    const throughput = await runLoad(target.url, throughputRun({ amount: left, onOk: counting(issued) }));
    office.send('mark');
    const officeDuringThroughput = officeStats(await office.next('stats', 10_000));
    return { throughput, fixed, officeDuringThroughput, officeDuringFixed };
  } finally {
    clearInterval(teller);
    await office.stop(5_000);
    await target.stop();
  }
}

/** The real server with no counter open: every issued ticket stays waiting. */
export async function unboundedIssue(
  store: Store,
  which: 'throughput' | 'fixed',
  log: (s: string) => void,
  profileDir?: string,
): Promise<UnboundedRun> {
  const profile = profileDir ? { dir: profileDir, name: `${store}-issue-unbounded-${which}` } : undefined;
  const target = await startTarget('real', store, profile);
  try {
    const warm = await runLoad(target.url, { connections: 10, seconds: 10, amount: ISSUE.warmup });
    log(`  real ${store}, no counter (queue grows): ${which === 'throughput' ? 'throughput' : `${ISSUE.rate}/s`}`);
    const cap = { amount: ISSUE.unboundedCap - warm.ok };
    const run = await runLoad(target.url, which === 'throughput' ? throughputRun(cap) : fixedRun(cap));
    return { run, waitingBefore: warm.ok, waitingAfter: warm.ok + run.ok };
  } finally {
    await target.stop();
  }
}

/** Waiting tickets per branch at one moment. */
export interface BranchWaiting {
  min: number;
  median: number;
  max: number;
}

export interface SpreadIssue {
  branches: number;
  counters: number;
  officeDuringFixed: OfficeStats;
  officeDuringThroughput: OfficeStats;
  fixed: LoadRun;
  throughput: LoadRun;
  /** Per branch: after the warm-up, after the fixed-rate run, after the throughput run. */
  waiting: { start: BranchWaiting; afterFixed: BranchWaiting; afterThroughput: BranchWaiting };
  setupSeconds: number;
}

function spread(counts: readonly number[]): BranchWaiting {
  const sorted = [...counts].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/**
 * The real server with ISSUE.branches more branches and the load spread round-robin over them, each
 * request with its own branch's kiosk token. In every branch the clerks of ISSUE.branchCounters
 * call (office-proc.ts, one process for all branches) whenever more than ISSUE.branchTarget wait
 * there: the fixed rate first, then as fast as it answers, on one server.
 */
export async function spreadIssue(store: Store, log: (s: string) => void, profileDir?: string): Promise<SpreadIssue> {
  const n = ISSUE.branches;
  const profile = profileDir ? { dir: profileDir, name: `${store}-issue-${n}-branches` } : undefined;
  const target = await startTarget('real', store, profile);
  let office: ReturnType<typeof spawnBench> | undefined;
  let stopTeller = () => {};
  try {
    const t0 = performance.now();
    const branches = await createBranches(target.url, n, ISSUE.branchCounters, target.storeEnv);
    const targets: IssueTarget[] = branches.map(({ branchId, token }) => ({ branchId, token }));
    const setupSeconds = Math.round((performance.now() - t0) / 100) / 10;
    office = spawnBench(`office-${store}-${n}-branches`, './office-proc.ts', {
      BENCH_URL: target.url,
      OFFICES: JSON.stringify(branches.map(({ branchId, clerks }) => ({ branchId, clerks }))),
      PREFILL: '0',
      TARGET: String(ISSUE.branchTarget),
    });
    const theOffice = office;
    await theOffice.next('ready', 120_000);
    let issued = 0;
    let told = 0;
    const teller = setInterval(() => {
      if (issued !== told) theOffice.send(`issued ${issued}`);
      told = issued;
    }, 20);
    stopTeller = () => clearInterval(teller);
    const counting = (before: number) => (ok: number) => {
      issued = before + ok;
    };
    const warm = await runLoad(target.url, {
      connections: 10,
      seconds: 20,
      amount: n * ISSUE.branchWarmup,
      targets,
      onOk: counting(0),
    });
    theOffice.send('go');
    await sleep(1000);
    theOffice.send('mark');
    await theOffice.next('stats', 10_000);
    const start = spread(await waitingPerBranch(target.url, targets));
    log(
      `  real ${store}, ${n} branches, ${ISSUE.branchCounters.length} counters each calling: ${ISSUE.rate}/s (set-up ${setupSeconds} s, ${warm.ok} issued to warm up)`,
    );
    const fixed = await runLoad(target.url, fixedRun({ targets, onOk: counting(issued) }));
    theOffice.send('mark');
    const officeDuringFixed = officeStats(await theOffice.next('stats', 10_000));
    const afterFixed = spread(await waitingPerBranch(target.url, targets));
    log(`  real ${store}, ${n} branches, ${ISSUE.branchCounters.length} counters each calling: throughput`);
    const throughput = await runLoad(
      target.url,
      throughputRun({ targets, amount: Math.max(n, n * ISSUE.branchCap - issued), onOk: counting(issued) }),
    );
    theOffice.send('mark');
    const officeDuringThroughput = officeStats(await theOffice.next('stats', 10_000));
    const afterThroughput = spread(await waitingPerBranch(target.url, targets));
    return {
      branches: n,
      counters: ISSUE.branchCounters.length,
      officeDuringFixed,
      officeDuringThroughput,
      fixed,
      throughput,
      waiting: { start, afterFixed, afterThroughput },
      setupSeconds,
    };
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nserver:\n${target.proc.stderr().slice(-2000)}\n${target.proc.lines
        .map((l) => JSON.stringify(l))
        .join('\n')
        .slice(-3000)}`,
    );
  } finally {
    stopTeller();
    await office?.stop(5_000);
    await target.stop();
  }
}

function officeStats(line: Line): OfficeStats {
  const { kind: _kind, ...rest } = line;
  return rest as unknown as OfficeStats;
}
