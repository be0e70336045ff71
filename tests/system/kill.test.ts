// [S3] A resolved append is durable against the process being killed. A worker issues tickets from
// several loops while a counter serves; after 200 acknowledgements it gets SIGKILL. Everything it
// acknowledged must be in the log, the log must be whole, and a new process on the same data must
// carry on from the log (its numbers continue after the last ones issued).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyAll,
  emptyDay,
  indexConfig,
  openRedisStore,
  openSqliteStore,
  type Store,
  type StoredEvent,
} from '@nobat/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issuedEvents,
  missingAcks,
  repeatedNumbers,
  runProblems,
  seqProblems,
  valuesByService,
} from '../support/log-checks.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import {
  BRANCH_ID,
  CLOCK_START,
  clerkId,
  counterId,
  DAY,
  RANGE_START,
  SERVICE_IDS,
  systemBranch,
} from '../support/system-branch.ts';
import { acksOfKind, isAck } from '../support/worker-lines.ts';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.ts';

const workerFile = fileURLToPath(new URL('./workers/issue-and-serve.ts', import.meta.url));
const KIOSK_LOOPS = 4;
const KILL_AFTER_ACKS = 200;
const HEIR_ISSUES_PER_LOOP = 15;
const HEIR_COUNTER_CYCLES = 10;
const COUNTER = counterId(1);

interface Backend {
  name: string;
  /** Environment naming the data for a worker. */
  env: Record<string, string>;
  /** A fresh store on the same data, as a restarted server would open it. */
  open(): Store;
}

const workers: WorkerProcess[] = [];
function start(name: string, env: Record<string, string>): WorkerProcess {
  const w = spawnWorker(name, workerFile, env);
  workers.push(w);
  return w;
}

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

function fold(log: readonly StoredEvent[]) {
  const ix = indexConfig(systemBranch());
  return applyAll(emptyDay(DAY), log, ix.isPriorityClass);
}

async function killAndRestart(backend: Backend): Promise<void> {
  const seed = backend.open();
  expect(await seed.putRecord('branch', BRANCH_ID, systemBranch(), 0)).toEqual({ ok: true, version: 1 });
  await seed.close();

  // 1. Work until 200 acknowledgements, then SIGKILL, right after a call (so the counter most likely
  // dies holding a ticket the next process must deal with).
  const env = { ...backend.env, NOBAT_BRANCH: BRANCH_ID, KIOSK_LOOPS: String(KIOSK_LOOPS), RUN_LIMIT_MS: '60000' };
  const victim = start('victim', { ...env, NOBAT_CLOCK_START: String(CLOCK_START), ISSUES_PER_LOOP: '0' });
  await victim.waitFor(
    (lines) => lines.filter(isAck).length >= KILL_AFTER_ACKS && lines.at(-1)?.kind === 'called',
    60_000,
    `${KILL_AFTER_ACKS} acknowledgements and a call`,
  );
  victim.child.kill('SIGKILL');
  const killed = await victim.exited;
  expect(killed.signal).toBe('SIGKILL');
  expect(victim.garbage).toEqual([]);
  expect(victim.lines.filter((l) => l.kind === 'error' || l.kind === 'done' || l.kind === 'refused')).toEqual([]);

  const victimAcks = victim.lines.filter(isAck);
  expect(victimAcks.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  const victimIssued = acksOfKind(victimAcks, 'issued');
  expect(victimIssued.length).toBeGreaterThan(0);
  expect(acksOfKind(victimAcks, 'called').length).toBeGreaterThan(0); // the counter was serving too

  // 2. A fresh store on the same data: nothing acknowledged is missing, and the log is whole.
  const reader = backend.open();
  expect(await reader.listDays(BRANCH_ID)).toEqual([DAY]);
  const afterKill = await reader.readEvents(BRANCH_ID, DAY, 0);
  expect(seqProblems(afterKill)).toEqual([]);
  expect(missingAcks(afterKill, victimAcks)).toEqual([]);
  expect(repeatedNumbers(afterKill)).toEqual([]);
  const issuedAfterKill = issuedEvents(afterKill);
  // Each loop has at most one command in flight, so at most one append per loop may be unacknowledged.
  expect(issuedAfterKill.length - victimIssued.length).toBeGreaterThanOrEqual(0);
  expect(issuedAfterKill.length - victimIssued.length).toBeLessThanOrEqual(KIOSK_LOOPS);
  const valuesAfterKill = valuesByService(afterKill);
  for (const serviceId of SERVICE_IDS) {
    expect(runProblems(serviceId, valuesAfterKill.get(serviceId) ?? [], RANGE_START[serviceId] ?? -1)).toEqual([]);
  }
  const stateAfterKill = fold(afterKill); // the server's own fold accepts the log
  expect(stateAfterKill.version).toBe(afterKill.length);
  expect(stateAfterKill.tickets.size).toBe(issuedAfterKill.length);
  const leftAtCounter = stateAfterKill.counters.get(COUNTER)?.currentTicketId;
  await reader.close();

  // 3. A new process on the same data carries on from the log.
  const heir = start('heir', {
    ...env,
    NOBAT_CLOCK_START: String(CLOCK_START + 10 * 60_000),
    ISSUES_PER_LOOP: String(HEIR_ISSUES_PER_LOOP),
    COUNTER_CYCLES: String(HEIR_COUNTER_CYCLES),
  });
  const heirExit = await heir.exited;
  expect(heirExit, heir.stderr()).toEqual({ code: 0, signal: null });
  expect(heir.garbage).toEqual([]);
  expect(heir.lines.filter((l) => l.kind === 'error')).toEqual([]);
  // Its one expected refusal: call-next while the victim's ticket is only called ([T3]), which it then serves.
  const leftCalled = leftAtCounter !== undefined && stateAfterKill.tickets.get(leftAtCounter)?.status === 'called';
  expect(heir.lines.filter((l) => l.kind === 'refused')).toEqual(
    leftCalled ? [{ kind: 'refused', worker: 'heir', command: 'callNext', code: 'current-ticket-open' }] : [],
  );
  const heirAcks = heir.lines.filter(isAck);
  const heirIssued = acksOfKind(heirAcks, 'issued');
  expect(heirIssued.length).toBe(KIOSK_LOOPS * HEIR_ISSUES_PER_LOOP);
  expect(acksOfKind(heirAcks, 'finished').length).toBeGreaterThanOrEqual(HEIR_COUNTER_CYCLES);

  const final = backend.open();
  try {
    const log = await final.readEvents(BRANCH_ID, DAY, 0);
    expect(seqProblems(log)).toEqual([]);
    expect(log.slice(0, afterKill.length)).toEqual(afterKill); // the heir appended; it rewrote nothing
    expect(missingAcks(log, [...victimAcks, ...heirAcks])).toEqual([]);
    expect(repeatedNumbers(log)).toEqual([]);
    expect(issuedEvents(log).length).toBe(issuedAfterKill.length + heirIssued.length);

    // The heir's numbers continue right after the last ones in the log when it started.
    for (const serviceId of SERVICE_IDS) {
      const before = valuesAfterKill.get(serviceId) ?? [];
      const last = before.at(-1) ?? (RANGE_START[serviceId] ?? 0) - 1;
      const heirValues = heirIssued.filter((a) => a.serviceId === serviceId).map((a) => a.value);
      expect(heirValues.length).toBeGreaterThan(0);
      expect(runProblems(serviceId, heirValues, last + 1)).toEqual([]);
      expect(runProblems(serviceId, valuesByService(log).get(serviceId) ?? [], RANGE_START[serviceId] ?? -1)).toEqual(
        [],
      );
    }

    // The counter the victim left is served on: whatever ticket it held is finished, and it ends free.
    const state = fold(log);
    const counter = state.counters.get(COUNTER);
    expect(counter?.status).toBe('open');
    expect(counter?.clerkId).toBe(clerkId(1));
    expect(counter?.currentTicketId).toBeUndefined();
    if (leftAtCounter) expect(state.tickets.get(leftAtCounter)?.status).toBe('finished');
    console.info(
      `[S3] ${backend.name}: SIGKILL after ${victimAcks.length} acknowledgements; the log then held ` +
        `${afterKill.length} events (${issuedAfterKill.length - victimIssued.length} issue(s) appended but not ` +
        `acknowledged); ${COUNTER} held ${leftAtCounter ? `a ${stateAfterKill.tickets.get(leftAtCounter)?.status} ticket` : 'nothing'}; ` +
        `the heir issued ${heirIssued.length} more, numbers continuing, log now ${log.length} events`,
    );
  } finally {
    await final.close();
  }
}

describe('[S3] killed with SIGKILL (sqlite)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-kill-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('[S3] nothing acknowledged is lost when the process is killed (sqlite)', async () => {
    await killAndRestart({
      name: 'sqlite',
      env: { NOBAT_DATA_DIR: dir },
      open: () => openSqliteStore(join(dir, 'nobat.sqlite')),
    });
  });
});

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('[S3] killed with SIGKILL (redis)', () => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('[S3] nothing acknowledged is lost when the process is killed (redis)', async () => {
    const url = redis?.url;
    if (!url) throw new Error('redis-server did not start');
    await killAndRestart({ name: 'redis', env: { REDIS_URL: url }, open: () => openRedisStore(url) });
  });
});
