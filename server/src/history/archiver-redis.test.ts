// [H6] On Redis a day's log leaves memory only once its archive is confirmed: the keys are read
// straight from a real redis-server of the test's own. The history is a real SQLite history, made to
// fail (its writes rejected) for the first passes.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  redisAvailable,
  requireOrSkip,
  startRedisServer,
} from '../../../tests/support/redis-server.ts';
import { localHourStart } from '../domain/advice.ts';
import { openRedisStore, type RedisStore } from '../store/redis/redis-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { seededDay } from '../testing/seed-history.ts';
import { Archiver } from './archiver.ts';
import type { HistoryStore } from './port.ts';
import { openSqliteHistory, type SqliteHistory } from './sqlite/sqlite-history.ts';

const config = testConfig();
const B = config.branch.id;
const TZ = config.branch.timeZone;
const TODAY = '2026-11-22';
const PAST = ['2026-11-20', '2026-11-21'];

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('archiver on Redis', () => {
  let server: RedisServer;
  let raw: Redis;
  let store: RedisStore;
  let history: SqliteHistory;
  let dir: string;
  const prefix = `nobat-test-${randomUUID()}:`;
  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url);
    store = openRedisStore(server.url, { keyPrefix: prefix });
    dir = mkdtempSync(join(tmpdir(), 'nobat-archiver-redis-'));
    history = openSqliteHistory(join(dir, 'history.sqlite'));
    await history.migrate();
  });
  afterAll(async () => {
    raw?.disconnect();
    await store?.close();
    await history?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const keysOf = async (day: string) => ({
    log: await raw.xlen(`${prefix}{b:${B}}:log:${day}`),
    ver: await raw.exists(`${prefix}{b:${B}}:ver:${day}`),
    listed: (await raw.zscore(`${prefix}{b:${B}}:days`, day)) !== null,
  });

  it('[H6] a past day stays in Redis while the history fails, and is removed once its archive is confirmed; today stays', async () => {
    const lengths: Record<string, number> = {};
    for (const [i, day] of [...PAST, TODAY].entries()) {
      const events = seededDay(config, day, { seed: i + 1, open: 8, close: 12 }).filter(
        (e) => e.at <= localHourStart(TODAY, 10, TZ),
      );
      lengths[day] = events.length;
      await store.appendEvents(B, day, 0, events);
    }
    let now = localHourStart(TODAY, 10, TZ);
    let failing = true;
    const flaky: HistoryStore = {
      ...history,
      archiveDay: async (batch) => {
        if (failing) throw new Error('history unreachable');
        return history.archiveDay(batch);
      },
    };
    const archiver = new Archiver({
      store,
      history: flaky,
      clock: () => now,
      configOf: async () => config,
      branches: async () => [B],
      logger: { debug: () => undefined, warn: () => undefined, error: () => undefined },
      intervalMs: 60_000,
    });

    // The history fails: every day's log is still in Redis, whole.
    expect(await archiver.runOnce()).toMatchObject({ dropped: 0, failed: 3 });
    for (const day of [...PAST, TODAY]) {
      expect(await keysOf(day)).toEqual({ log: lengths[day], ver: 1, listed: true });
    }

    // It works again: the past days are archived, confirmed and gone from Redis; today stays.
    failing = false;
    expect(await archiver.runOnce()).toEqual({ archived: 2, dropped: 2, today: 1, failed: 0 });
    for (const day of PAST) {
      expect(await keysOf(day)).toEqual({ log: 0, ver: 0, listed: false });
      expect(await history.archived(B, day)).toEqual({ branchId: B, day, seq: lengths[day], final: true });
    }
    expect(await keysOf(TODAY)).toEqual({ log: lengths[TODAY], ver: 1, listed: true });
    expect((await history.archived(B, TODAY))?.final).toBe(false);

    // Late in the evening, today is still today: archived again as it grew, never removed.
    now = localHourStart(TODAY, 23, TZ) + 59 * 60_000;
    await store.appendEvents(B, TODAY, lengths[TODAY] ?? 0, [
      { type: 'CounterClosed', at: now, counterId: 'c1', clerkId: 'k1' },
    ]);
    expect(await archiver.runOnce()).toEqual({ archived: 0, dropped: 0, today: 1, failed: 0 });
    expect(await keysOf(TODAY)).toEqual({ log: (lengths[TODAY] ?? 0) + 1, ver: 1, listed: true });
  });
});
