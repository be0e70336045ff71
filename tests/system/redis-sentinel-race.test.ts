// [S9] ioredis ends a Sentinel client for good when its connect is cancelled while it asks a sentinel
// where the master is: what a failover detector left from a dead connection does when +switch-master
// arrives mid-reconnect (seen in CI: the concurrency-sentinel test's own store answered "Connection is
// closed" after the failover, and would have for ever). The connection factory connects such a client
// again; a client closed on purpose stays closed. Real Sentinel set, the race made on purpose.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedisClient, createRedisClient } from '../../server/src/store/redis/client.ts';
import { until } from '../support/redis-process.ts';
import { type RedisSentinelSet, startRedisSentinelSet } from '../support/redis-sentinel.ts';
import { redisAvailable } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))(
  '[S9] a Sentinel client through a failover race',
  () => {
    let set: RedisSentinelSet | undefined;
    beforeAll(async () => {
      set = await startRedisSentinelSet({ replicas: 1 });
    }, 60_000);
    afterAll(async () => {
      await set?.stop();
    });

    it('a connect cancelled while asking the sentinels ends the client; the factory connects it again', async () => {
      if (!set) throw new Error('the sentinel set did not start');
      const client = createRedisClient(set.url, { name: 'race', commandTimeoutMs: 2_000 }) as Redis;
      try {
        expect(await client.ping()).toBe('PONG');
        const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
        // As the failover detector does on +switch-master: the connector is disconnected while the
        // client's new connect is still asking a sentinel for the master.
        client.once('connecting', () => {
          (client as unknown as { connector: { disconnect(): void } }).connector.disconnect();
        });
        client.disconnect(true); // the connection drops (the master died); the client connects again
        await ended;
        await until(async () => (await client.ping().catch(() => null)) === 'PONG', 15_000, 'the client to be back');
        expect(client.status).toBe('ready');
      } finally {
        await closeRedisClient(client);
      }
      // Closed on purpose: it stays closed (the revival would wait 100 ms; this waits past it).
      await until(async () => client.status === 'end', 5_000, 'the client to close');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(client.status).toBe('end');
    });
  },
);
