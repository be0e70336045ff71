import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  redisAvailable,
  requireOrSkip,
  startRedisServer,
} from '../../../../tests/support/redis-server.ts';
import { registerStoreContract } from '../contract.ts';
import { openRedisStore } from './redis-store.ts';

const keyPrefix = `nobat-test-${randomUUID()}:`;

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('redis store', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  registerStoreContract('redis', async (opts) => openRedisStore(server.url, { keyPrefix, ...opts }));

  it('[S4] keeps a branch under one hash tag and numbers stream entries 0-<seq>', async () => {
    const store = openRedisStore(server.url, { keyPrefix });
    const raw = new Redis(server.url);
    try {
      const event = { type: 'CounterOpened', at: 1, counterId: 'c1', clerkId: 'u1' } as const;
      await store.appendEvents('b1', '2025-03-21', 0, [event, { ...event, at: 2 }]);
      const keys = (await raw.keys(`${keyPrefix}{b:b1}:*`)).sort();
      expect(keys).toEqual([
        `${keyPrefix}{b:b1}:days`,
        `${keyPrefix}{b:b1}:log:2025-03-21`,
        `${keyPrefix}{b:b1}:ver:2025-03-21`,
      ]);
      const entries = await raw.xrange(`${keyPrefix}{b:b1}:log:2025-03-21`, '-', '+');
      expect(entries.map(([id]) => id)).toEqual(['0-1', '0-2']);
      expect(await raw.get(`${keyPrefix}{b:b1}:ver:2025-03-21`)).toBe('2');
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it('removes expired records and their expiry entries at the next write of the kind', async () => {
    let now = 1_800_000_000_000;
    const store = openRedisStore(server.url, { keyPrefix, clock: () => now });
    const raw = new Redis(server.url);
    try {
      await store.putRecord('session', 'gone-1', { n: 1 }, 0, { expiresAt: now + 10 });
      await store.putRecord('session', 'stays', { n: 2 }, 0);
      expect(await raw.zscore(`${keyPrefix}exp:session`, 'gone-1')).toBe(String(now + 10));
      now += 10;
      await store.putRecord('session', 'next', { n: 3 }, 0, { expiresAt: now + 10 });
      expect(await raw.hexists(`${keyPrefix}rec:session`, 'gone-1')).toBe(0);
      expect(await raw.zscore(`${keyPrefix}exp:session`, 'gone-1')).toBeNull();
      expect(await raw.hexists(`${keyPrefix}rec:session`, 'stays')).toBe(1);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it('completes commands issued while the connection is re-established', async () => {
    const store = openRedisStore(server.url, { keyPrefix });
    const raw = new Redis(server.url);
    try {
      expect(await store.putRecord('device', 'd-reconnect', { n: 1 }, 0)).toEqual({ ok: true, version: 1 });
      // Kill the store's connection from the server side; its queued command must still land.
      await raw.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      expect(await store.putRecord('device', 'd-reconnect', { n: 2 }, 1)).toEqual({ ok: true, version: 2 });
      // After a reconnect the script cache may be cold (e.g. a failover); EVALSHA must fall back to EVAL.
      await raw.script('FLUSH');
      expect(await store.appendEvents('b-flush', '2025-03-21', 0, [])).toEqual({ ok: true, version: 0 });
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});
