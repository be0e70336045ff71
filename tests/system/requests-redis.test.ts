// [TC4][RS1–RS3] Requests across processes on one Redis, and a kill in the middle of moves.
// 1. Two worker processes make requests at once, their codes drawn from a pool of 30: clashes are
//    certain, yet every request gets a code of its own and every code names its request.
// 2. A worker drives the requests through their workflows from racing loops and is SIGKILLed after
//    25 acknowledged moves: every acknowledged move is in the store, each log is whole, and an heir
//    process takes every request on to its response.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dammDigit } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/demo.ts';
import { foldRequest, type RequestPointer, type RequestRecord } from '../../server/src/domain/requests.ts';
import { openStore } from '../../server/src/store/open.ts';
import type { Store } from '../../server/src/store/port.ts';
import { RESPONDED_WALK } from '../../server/src/testing/request-walk.ts';
import { type RedisServer, redisAvailable, requireOrSkip, startRedisServer } from '../support/redis-server.ts';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.ts';

const workerFile = fileURLToPath(new URL('./workers/requests.ts', import.meta.url));
const PER_WORKER = 12;
const KILL_AFTER_MOVES = 25;

/** 30 valid codes: far fewer than two processes' 24 requests would need to never clash. */
const POOL = Array.from({ length: 30 }, (_, i) => {
  const nine = String(400_000_000 + i * 7);
  return `${nine}${dammDigit(nine)}`;
});

const workers: WorkerProcess[] = [];
function start(name: string, env: Record<string, string>): WorkerProcess {
  const w = spawnWorker(name, workerFile, env);
  workers.push(w);
  return w;
}
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

async function finished(w: WorkerProcess): Promise<void> {
  const exit = await w.exited;
  const errors = w.lines.filter((l) => l.kind === 'error');
  expect(errors, `${w.child.pid}: ${JSON.stringify(errors)}`).toEqual([]);
  expect(exit.code).toBe(0);
}

interface Backend {
  name: string;
  env: Record<string, string>;
  open(): Store;
}

async function twoProcessesMakeRequests(backend: Backend): Promise<string[]> {
  const seed = backend.open();
  expect(await seedDemo(seed, { password: 'test-password-1' })).toBeDefined();
  await seed.close();
  const a = start('maker A', {
    ...backend.env,
    MODE: 'create',
    COUNTER: 'counter-1',
    CLERK: 'clerk1',
    COUNT: String(PER_WORKER),
    POOL: POOL.join(','),
  });
  const b = start('maker B', {
    ...backend.env,
    MODE: 'create',
    COUNTER: 'counter-2',
    CLERK: 'clerk2',
    COUNT: String(PER_WORKER),
    POOL: POOL.join(','),
  });
  await Promise.all([finished(a), finished(b)]);
  const made = [...a.lines, ...b.lines].flatMap((l) => (l.kind === 'request-made' ? [l] : []));
  expect(made).toHaveLength(2 * PER_WORKER);
  expect(new Set(made.map((m) => m.code)).size).toBe(2 * PER_WORKER);
  // In the store: every code names its own request, and every request holds its code.
  const store = backend.open();
  try {
    for (const m of made) {
      expect((await store.getRecord<RequestPointer>('request-code', m.code))?.value.requestId).toBe(m.id);
      expect((await store.getRecord<RequestRecord>('request', m.id))?.value.code).toBe(m.code);
    }
    expect(await store.listRecords('request')).toHaveLength(2 * PER_WORKER);
  } finally {
    await store.close();
  }
  return made.map((m) => m.id);
}

async function killDuringMoves(backend: Backend, ids: string[]): Promise<void> {
  const env = { ...backend.env, MODE: 'move', IDS: ids.join(','), LOOPS: '4' };
  const victim = start('mover', env);
  await victim.waitFor(
    (lines) => lines.filter((l) => l.kind === 'request-moved').length >= KILL_AFTER_MOVES,
    60_000,
    `${KILL_AFTER_MOVES} moves`,
  );
  victim.child.kill('SIGKILL');
  expect((await victim.exited).signal).toBe('SIGKILL');
  const acked = victim.lines.flatMap((l) => (l.kind === 'request-moved' ? [l] : []));
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_MOVES);

  const check = async (expectDone: boolean) => {
    const store = backend.open();
    try {
      for (const id of ids) {
        const events = (await store.getRecord<RequestRecord>('request', id))?.value.events ?? [];
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // whole, in order
        const state = foldRequest(events).state;
        if (expectDone) expect(state).toBe('responded');
        for (const a of acked.filter((x) => x.id === id)) expect(events[a.seq - 1]?.type).toBe(a.type);
      }
    } finally {
      await store.close();
    }
  };
  // Nothing acknowledged is lost, and no log is torn.
  await check(false);
  // An heir process takes every request on to its response, from where the store says it is.
  const heir = start('heir', env);
  await finished(heir);
  await check(true);
  const store = backend.open();
  try {
    for (const id of ids) {
      const events = (await store.getRecord<RequestRecord>('request', id))?.value.events ?? [];
      // The script: 2 at step 1, 2 at step 2 then a return, 2 at step 1 again, 2 at step 2, 2 at step 3.
      expect(events.map((e) => e.type)).toEqual(RESPONDED_WALK);
    }
  } finally {
    await store.close();
  }
}

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('[TC4][RS1–RS3] requests on Redis', () => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('[TC4] two processes, 24 requests, 30 possible codes: every code unique; [RS3] a kill during moves loses nothing', async () => {
    const url = redis?.url ?? '';
    const backend: Backend = { name: 'redis', env: { REDIS_URL: url }, open: () => openStore({ REDIS_URL: url }) };
    const ids = await twoProcessesMakeRequests(backend);
    await killDuringMoves(backend, ids);
  }, 180_000);
});

describe('[RS3] requests on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-requests-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('[TC4] two processes on one file: every code unique; [RS3] a kill during moves loses nothing', async () => {
    const backend: Backend = {
      name: 'sqlite',
      env: { NOBAT_DATA_DIR: dir },
      open: () => openStore({ NOBAT_DATA_DIR: dir }),
    };
    const ids = await twoProcessesMakeRequests(backend);
    await killDuringMoves(backend, ids);
  }, 180_000);
});
