// [S2] Two worker processes, each running the queue service as a server would, share one Redis. Each
// runs 10 counters calling (call-next → start → finish) and 25 kiosks issuing, all at once, so their
// compare-and-appends collide. Whatever the interleaving, the log must come out whole: no number
// issued twice, no ticket called twice, nothing acknowledged lost, every ticket served to the end.
import { fileURLToPath } from 'node:url';
import { applyAll, type DomainEvent, emptyDay, indexConfig, openRedisStore, QueueService } from '@nobat/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingAcks, repeatedNumbers, runProblems, seqProblems, valuesByService } from '../support/log-checks.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import {
  BRANCH_ID,
  CLOCK_START,
  COUNTER_COUNT,
  clerkId,
  counterId,
  DAY,
  RANGE_START,
  SERVICE_IDS,
  systemBranch,
} from '../support/system-branch.ts';
import { type Ack, acksOfKind, isAck, type WorkerStats } from '../support/worker-lines.ts';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.ts';

const workerFile = fileURLToPath(new URL('./workers/branch-load.ts', import.meta.url));
const PROCESSES = 2;
const COUNTERS_PER_PROCESS = COUNTER_COUNT / PROCESSES; // 10
const KIOSKS_PER_PROCESS = 25;
const ISSUES_PER_KIOSK = 20;
const TICKETS = PROCESSES * KIOSKS_PER_PROCESS * ISSUES_PER_KIOSK; // 1000

const LIFE: readonly DomainEvent['type'][] = ['TicketIssued', 'TicketCalled', 'ServiceStarted', 'ServiceFinished'];

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))(
  '[S2] two worker processes on one Redis store',
  () => {
    let redis: RedisServer | undefined;
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await redis?.stop();
    });

    it('[S2] 20 counters calling and 50 kiosks issuing at once from two processes: no number issued twice, no ticket called twice, none lost', async () => {
      const url = redis?.url;
      if (!url) throw new Error('redis-server did not start');
      const store = openRedisStore(url);
      try {
        expect(await store.putRecord('branch', BRANCH_ID, systemBranch(), 0)).toEqual({ ok: true, version: 1 });

        const started = Date.now();
        for (let p = 0; p < PROCESSES; p++) {
          workers.push(
            spawnWorker(`P${p + 1}`, workerFile, {
              REDIS_URL: url,
              NOBAT_BRANCH: BRANCH_ID,
              NOBAT_CLOCK_START: String(CLOCK_START),
              COUNTER_FROM: String(p * COUNTERS_PER_PROCESS + 1),
              COUNTER_TO: String((p + 1) * COUNTERS_PER_PROCESS),
              KIOSKS: String(KIOSKS_PER_PROCESS),
              ISSUES_PER_KIOSK: String(ISSUES_PER_KIOSK),
              RUN_LIMIT_MS: '60000',
            }),
          );
        }
        // Start them together, drain once every kiosk everywhere is done, then wait for both to finish.
        await Promise.all(workers.map((w) => w.waitFor((l) => l.some((x) => x.kind === 'ready'), 30_000, 'ready')));
        for (const w of workers) w.send('go');
        await Promise.all(
          workers.map((w) => w.waitFor((l) => l.some((x) => x.kind === 'kiosks-done'), 60_000, 'kiosks-done')),
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

        const acks: Ack[] = workers.flatMap((w) => w.lines.filter(isAck));
        const stats: WorkerStats[] = workers.map((w) => {
          const done = w.lines.find((l) => l.kind === 'done');
          if (done?.kind !== 'done') throw new Error(`${w.name} reported no statistics`);
          return done.stats;
        });
        const issued = acksOfKind(acks, 'issued');
        const called = acksOfKind(acks, 'called');

        // Both processes really worked, and really collided.
        for (const w of workers) {
          const mine = acks.filter((a) => a.worker === w.name);
          expect(mine.filter((a) => a.kind === 'issued').length, w.name).toBe(KIOSKS_PER_PROCESS * ISSUES_PER_KIOSK);
          expect(mine.filter((a) => a.kind === 'called').length, w.name).toBeGreaterThan(0);
        }
        const conflicts = stats.reduce((n, s) => n + s.conflicts, 0);
        expect(conflicts, 'compare-and-append conflicts between the processes').toBeGreaterThan(0);
        expect(stats.map((s) => s.refusals.busy ?? 0)).toEqual(stats.map(() => 0));

        // The log: whole, and holding every acknowledgement exactly where it was acknowledged.
        expect(await store.listDays(BRANCH_ID)).toEqual([DAY]);
        const log = await store.readEvents(BRANCH_ID, DAY, 0);
        expect(seqProblems(log)).toEqual([]);
        expect(log.length).toBe(COUNTER_COUNT + LIFE.length * TICKETS); // opens + four events per ticket
        expect(missingAcks(log, acks)).toEqual([]);
        // Every append was acknowledged by exactly one process: the only unacknowledged events are the opens.
        const ackedSeqs = new Set(acks.map((a) => a.seq));
        expect(ackedSeqs.size).toBe(acks.length);
        const unacked = log.filter((s) => !ackedSeqs.has(s.seq)).map((s) => s.event.type);
        expect(unacked).toEqual(Array.from({ length: COUNTER_COUNT }, () => 'CounterOpened'));

        // No number issued twice; each sub-service's numbers run on from its range's start with no gap.
        expect(issued.length).toBe(TICKETS);
        expect(new Set(issued.map((a) => a.ticketId)).size).toBe(TICKETS);
        expect(repeatedNumbers(log)).toEqual([]);
        const values = valuesByService(log);
        expect(SERVICE_IDS.reduce((n, s) => n + (values.get(s)?.length ?? 0), 0)).toBe(TICKETS);
        for (const serviceId of SERVICE_IDS) {
          expect(runProblems(serviceId, values.get(serviceId) ?? [], RANGE_START[serviceId] ?? -1)).toEqual([]);
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
        expect(lives.size).toBe(TICKETS);
        const badLives = [...lives].filter(([, l]) => l.types.join() !== LIFE.join() || l.counters.size !== 1);
        expect(badLives.slice(0, 5)).toEqual([]);
        const calledTwice = [...lives].filter(([, l]) => l.types.filter((t) => t === 'TicketCalled').length > 1);
        expect(calledTwice).toEqual([]);

        // Every acknowledged call is the log's call, at the same counter; all 1000 were acknowledged.
        expect(called.length).toBe(TICKETS);
        expect(new Set(called.map((a) => a.ticketId)).size).toBe(TICKETS);
        expect(acksOfKind(acks, 'started').length).toBe(TICKETS);
        expect(acksOfKind(acks, 'finished').length).toBe(TICKETS);

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
        expect(counterProblems.slice(0, 10)).toEqual([]);
        // Counters of both processes served (the calls were not all taken by one side's counters).
        const callsByCounter = new Map<string, number>();
        for (const a of called) callsByCounter.set(a.counterId, (callsByCounter.get(a.counterId) ?? 0) + 1);
        expect(callsByCounter.size).toBeGreaterThan(COUNTERS_PER_PROCESS);

        // The server's own fold of the log agrees: everything finished, nothing waiting or held.
        const ix = indexConfig(systemBranch());
        const state = applyAll(emptyDay(DAY), log, ix.isPriorityClass);
        expect(state.version).toBe(log.length);
        expect(state.tickets.size).toBe(TICKETS);
        expect([...state.tickets.values()].filter((t) => t.status !== 'finished')).toEqual([]);
        expect(state.waiting.size).toBe(0);
        expect(state.liveNumbers.size).toBe(0);
        for (const serviceId of SERVICE_IDS) {
          const count = issued.filter((a) => a.serviceId === serviceId).length;
          expect(state.issuedPerService.get(serviceId)).toBe(count);
          expect(state.lastValue.get(serviceId)).toBe((RANGE_START[serviceId] ?? 0) + count - 1);
        }
        for (let n = 1; n <= COUNTER_COUNT; n++) {
          const c = state.counters.get(counterId(n));
          expect({ status: c?.status, clerkId: c?.clerkId, current: c?.currentTicketId }).toEqual({
            status: 'open',
            clerkId: clerkId(n),
            current: undefined,
          });
        }
        for (const a of called) expect(state.tickets.get(a.ticketId)?.counterId).toBe(a.counterId);

        // And a third queue service, started fresh on the same Redis, sees the same day.
        const fresh = new QueueService({ store, clock: () => CLOCK_START + 60 * 60_000 });
        const view = await fresh.view(BRANCH_ID);
        expect(view?.state.version).toBe(log.length);
        expect(view?.state.tickets.size).toBe(TICKETS);
        expect(view?.state.waiting.size).toBe(0);

        console.info(
          `[S2] ${TICKETS} tickets through ${COUNTER_COUNT} counters in two processes in ${seconds.toFixed(1)} s; ` +
            `${stats.reduce((n, s) => n + s.appends, 0)} appends, ${conflicts} lost the race and were decided again`,
        );
      } finally {
        await store.close();
      }
    });
  },
);
