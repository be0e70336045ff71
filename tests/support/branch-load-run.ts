// [S2] The two-process concurrency scenario, run on whatever Redis topology a test file starts
// ([S9] Sentinel, [S10] Cluster, or one Redis): two worker processes each run 10 counters calling
// (call-next → start → finish) and kiosks issuing in every branch, all at once, so their
// compare-and-appends collide. Whatever the interleaving, each branch's log must come out whole: no
// number issued twice, no ticket called twice, nothing acknowledged lost, every ticket served to the
// end. `duringLoad` may do harm meanwhile (kill the Redis master); then commands answered
// store-unavailable are sent again by the workers with their requestIds, and the checks allow for
// what such a command may have left in the log (its outcome was unknown, [S6]).
import { fileURLToPath } from 'node:url';
import { applyAll, type DomainEvent, emptyDay, indexConfig, openStore, QueueService } from '@nobat/server';
import { expect } from 'vitest';
import { missingAcks, repeatedNumbers, runProblems, seqProblems, valuesByService } from './log-checks.ts';
import {
  CLOCK_START,
  COUNTER_COUNT,
  clerkId,
  counterId,
  DAY,
  RANGE_START,
  SERVICE_IDS,
  systemBranch,
} from './system-branch.ts';
import { type Ack, acksOfKind, isAck, type WorkerLine, type WorkerStats } from './worker-lines.ts';
import { spawnWorker, type WorkerProcess } from './worker-process.ts';

const workerFile = fileURLToPath(new URL('../system/workers/branch-load.ts', import.meta.url));
const PROCESSES = 2;
const COUNTERS_PER_PROCESS = COUNTER_COUNT / PROCESSES; // 10
const LIFE: readonly DomainEvent['type'][] = ['TicketIssued', 'TicketCalled', 'ServiceStarted', 'ServiceFinished'];

export interface BranchLoadOptions {
  /** REDIS_URL of the topology. */
  url: string;
  /** The branches every worker serves (their keys spread over a Cluster's masters). */
  branches: readonly string[];
  kiosksPerProcess: number;
  issuesPerKiosk: number;
  /** More environment for the workers (e.g. NOBAT_REDIS_MIN_REPLICAS). */
  env?: Record<string, string>;
  /** Runs once both workers are going; the workers' lines so far are passed in. */
  duringLoad?: (workers: readonly WorkerProcess[]) => Promise<void>;
  /** Whether commands may be answered store-unavailable (a failover): they are retried, and allowed for. */
  outages?: boolean;
}

export interface BranchLoadOutcome {
  workers: WorkerProcess[];
  acks: Ack[];
  stats: WorkerStats[];
  /** Commands answered store-unavailable (and sent again). */
  unavailable: Extract<WorkerLine, { kind: 'unavailable' }>[];
  seconds: number;
}

/** Runs the scenario and checks every branch's log; the caller stops `workers` in afterAll. */
export async function runBranchLoad(opts: BranchLoadOptions, workers: WorkerProcess[]): Promise<BranchLoadOutcome> {
  const tickets = PROCESSES * opts.kiosksPerProcess * opts.issuesPerKiosk; // per branch
  const store = openStore({ REDIS_URL: opts.url });
  try {
    for (const b of opts.branches) {
      expect(await store.putRecord('branch', b, systemBranch(b), 0)).toEqual({ ok: true, version: 1 });
    }
    const started = Date.now();
    for (let p = 0; p < PROCESSES; p++) {
      workers.push(
        spawnWorker(`P${p + 1}`, workerFile, {
          REDIS_URL: opts.url,
          NOBAT_BRANCH: opts.branches[0] ?? '',
          NOBAT_BRANCHES: opts.branches.join(','),
          NOBAT_CLOCK_START: String(CLOCK_START),
          COUNTER_FROM: String(p * COUNTERS_PER_PROCESS + 1),
          COUNTER_TO: String((p + 1) * COUNTERS_PER_PROCESS),
          KIOSKS: String(opts.kiosksPerProcess),
          ISSUES_PER_KIOSK: String(opts.issuesPerKiosk),
          RUN_LIMIT_MS: '90000',
          ...opts.env,
        }),
      );
    }
    // Start them together, drain once every kiosk everywhere is done, then wait for both to finish.
    await Promise.all(workers.map((w) => w.waitFor((l) => l.some((x) => x.kind === 'ready'), 30_000, 'ready')));
    for (const w of workers) w.send('go');
    await opts.duringLoad?.(workers);
    await Promise.all(
      workers.map((w) => w.waitFor((l) => l.some((x) => x.kind === 'kiosks-done'), 80_000, 'kiosks-done')),
    );
    for (const w of workers) w.send('drain');
    const exits = await Promise.all(workers.map((w) => w.exited));
    const seconds = (Date.now() - started) / 1000;
    workers.forEach((w, i) => {
      expect(exits[i], `${w.name} exit\n${w.stderr()}`).toEqual({ code: 0, signal: null });
      expect(w.garbage).toEqual([]);
      // No refusal of any kind: not busy, not counter-taken, not current-ticket-open, …
      expect(w.lines.filter((l) => l.kind === 'refused' || l.kind === 'error')).toEqual([]);
    });
    const unavailable = workers.flatMap((w) => w.lines.flatMap((l) => (l.kind === 'unavailable' ? [l] : [])));
    if (!opts.outages) expect(unavailable).toEqual([]);

    const acks: Ack[] = workers.flatMap((w) => w.lines.filter(isAck));
    const stats: WorkerStats[] = workers.map((w) => {
      const done = w.lines.find((l) => l.kind === 'done');
      if (done?.kind !== 'done') throw new Error(`${w.name} reported no statistics`);
      return done.stats;
    });
    // Both processes really collided.
    const conflicts = stats.reduce((n, s) => n + s.conflicts, 0);
    expect(conflicts, 'compare-and-append conflicts between the processes').toBeGreaterThan(0);
    expect(stats.map((s) => s.refusals.busy ?? 0)).toEqual(stats.map(() => 0));

    const first = opts.branches[0];
    for (const branchId of opts.branches) {
      const mine = acks.filter((a) => (a.branchId ?? first) === branchId);
      const outages = unavailable.filter((u) => u.branchId === branchId).length;
      await checkBranch(store, branchId, mine, tickets, outages, workers);
    }
    return { workers, acks, stats, unavailable, seconds };
  } finally {
    await store.close();
  }
}

async function checkBranch(
  store: ReturnType<typeof openStore>,
  branchId: string,
  acks: Ack[],
  tickets: number,
  outages: number,
  workers: readonly WorkerProcess[],
): Promise<void> {
  const at = `branch ${branchId}`;
  const issued = acksOfKind(acks, 'issued');
  const called = acksOfKind(acks, 'called');
  // Both processes really worked in this branch.
  for (const w of workers) {
    const mine = issued.filter((a) => a.worker === w.name).length;
    if (outages === 0) expect(mine, `${at}: ${w.name}`).toBe(tickets / PROCESSES);
    else expect(mine, `${at}: ${w.name}`).toBeGreaterThan(0);
    expect(called.filter((a) => a.worker === w.name).length, `${at}: ${w.name}`).toBeGreaterThan(0);
  }

  // The log: whole, and holding every acknowledgement exactly where it was acknowledged.
  expect(await store.listDays(branchId)).toEqual([DAY]);
  const log = await store.readEvents(branchId, DAY, 0);
  expect(seqProblems(log), at).toEqual([]);
  expect(log.length, at).toBe(COUNTER_COUNT + LIFE.length * tickets); // opens + four events per ticket
  expect(missingAcks(log, acks), at).toEqual([]);
  // Every append was acknowledged by exactly one process. Unacknowledged: the opens, and at most one
  // command's events for each answer store-unavailable (it landed; its retry found it done).
  const ackedSeqs = new Set(acks.map((a) => a.seq));
  expect(ackedSeqs.size, at).toBe(acks.length);
  const unacked = log.filter((s) => !ackedSeqs.has(s.seq) && s.event.type !== 'CounterOpened');
  if (outages === 0)
    expect(
      unacked.map((s) => s.event.type),
      at,
    ).toEqual([]);
  else expect(unacked.length, at).toBeLessThanOrEqual(outages);
  expect(log.filter((s) => s.event.type === 'CounterOpened').length, at).toBe(COUNTER_COUNT);

  // No number issued twice; each sub-service's numbers run on from its range's start with no gap.
  expect(new Set(issued.map((a) => a.ticketId)).size, at).toBe(issued.length);
  expect(repeatedNumbers(log), at).toEqual([]);
  const values = valuesByService(log);
  expect(
    SERVICE_IDS.reduce((n, s) => n + (values.get(s)?.length ?? 0), 0),
    at,
  ).toBe(tickets);
  for (const serviceId of SERVICE_IDS) {
    expect(runProblems(serviceId, values.get(serviceId) ?? [], RANGE_START[serviceId] ?? -1), at).toEqual([]);
  }

  // Each ticket's life is exactly issued → called → started → finished, all at one counter:
  // no ticket called twice, none lost, none stuck.
  const lives = new Map<string, { types: string[]; counters: Set<string> }>();
  for (const { event } of log) {
    if (!('ticketId' in event)) continue;
    const life = lives.get(event.ticketId) ?? { types: [], counters: new Set<string>() };
    life.types.push(event.type);
    if ('counterId' in event && event.counterId) life.counters.add(event.counterId);
    lives.set(event.ticketId, life);
  }
  expect(lives.size, at).toBe(tickets);
  const badLives = [...lives].filter(([, l]) => l.types.join() !== LIFE.join() || l.counters.size !== 1);
  expect(badLives.slice(0, 5), at).toEqual([]);
  const calledTwice = [...lives].filter(([, l]) => l.types.filter((t) => t === 'TicketCalled').length > 1);
  expect(calledTwice, at).toEqual([]);
  // Every acknowledged call is the log's call; without outages every one of them was acknowledged.
  expect(new Set(called.map((a) => a.ticketId)).size, at).toBe(called.length);
  if (outages === 0) {
    expect(issued.length, at).toBe(tickets);
    expect(called.length, at).toBe(tickets);
    expect(acksOfKind(acks, 'started').length, at).toBe(tickets);
    expect(acksOfKind(acks, 'finished').length, at).toBe(tickets);
  }

  // A counter holds one ticket at a time, and only the clerk who opened it acts there.
  const holding = new Map<string, string | undefined>();
  const counterProblems: string[] = [];
  for (const { seq, event } of log) {
    if (!('counterId' in event) || !event.counterId) continue;
    const n = Number(event.counterId.slice(1));
    if ('clerkId' in event && event.clerkId !== clerkId(n)) counterProblems.push(`${seq}: wrong clerk`);
    if (event.type === 'TicketCalled') {
      if (holding.get(event.counterId)) counterProblems.push(`${seq}: ${event.counterId} called while busy`);
      holding.set(event.counterId, event.ticketId);
    } else if (event.type === 'ServiceStarted' && holding.get(event.counterId) !== event.ticketId) {
      counterProblems.push(`${seq}: ${event.counterId} started a ticket it does not hold`);
    } else if (event.type === 'ServiceFinished') {
      if (holding.get(event.counterId) !== event.ticketId) counterProblems.push(`${seq}: foreign finish`);
      holding.set(event.counterId, undefined);
    }
  }
  expect(counterProblems.slice(0, 10), at).toEqual([]);
  // Counters of both processes served (the calls were not all taken by one side's counters).
  const callsByCounter = new Map<string, number>();
  for (const a of called) callsByCounter.set(a.counterId, (callsByCounter.get(a.counterId) ?? 0) + 1);
  expect(callsByCounter.size, at).toBeGreaterThan(COUNTERS_PER_PROCESS);

  // The server's own fold of the log agrees: everything finished, nothing waiting or held.
  const ix = indexConfig(systemBranch(branchId));
  const state = applyAll(emptyDay(DAY), log, ix.isPriorityClass);
  expect(state.version, at).toBe(log.length);
  expect(state.tickets.size, at).toBe(tickets);
  expect(
    [...state.tickets.values()].filter((t) => t.status !== 'finished'),
    at,
  ).toEqual([]);
  expect(state.waiting.size, at).toBe(0);
  expect(state.liveNumbers.size, at).toBe(0);
  const issuedPerService = new Map<string, number>();
  for (const e of log) {
    if (e.event.type === 'TicketIssued')
      issuedPerService.set(e.event.serviceId, (issuedPerService.get(e.event.serviceId) ?? 0) + 1);
  }
  for (const serviceId of SERVICE_IDS) {
    const count = issuedPerService.get(serviceId) ?? 0;
    if (outages === 0) expect(issued.filter((a) => a.serviceId === serviceId).length, at).toBe(count);
    expect(state.issuedPerService.get(serviceId), at).toBe(count);
    expect(state.lastValue.get(serviceId), at).toBe((RANGE_START[serviceId] ?? 0) + count - 1);
  }
  for (let n = 1; n <= COUNTER_COUNT; n++) {
    const c = state.counters.get(counterId(n));
    expect({ status: c?.status, clerkId: c?.clerkId, current: c?.currentTicketId }, at).toEqual({
      status: 'open',
      clerkId: clerkId(n),
      current: undefined,
    });
  }
  for (const a of called) expect(state.tickets.get(a.ticketId)?.counterId, at).toBe(a.counterId);

  // And a third queue service, started fresh on the same Redis, sees the same day.
  const fresh = new QueueService({ store, clock: () => CLOCK_START + 60 * 60_000 });
  const view = await fresh.view(branchId);
  expect(view?.state.version, at).toBe(log.length);
  expect(view?.state.tickets.size, at).toBe(tickets);
  expect(view?.state.waiting.size, at).toBe(0);
}
