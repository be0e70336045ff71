// [NT1][NT3] Two outboxes (two processes) on one store — a SQLite file, and Redis — racing: one
// enqueue of a key wins, and two workers passing at once send each message once.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisAvailable, startRedisServer } from '../../../tests/support/redis-server.ts';
import { createLogger } from '../log.ts';
import type { Store } from '../store/port.ts';
import { openRedisStore } from '../store/redis/redis-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { T0 } from '../testing/harness.ts';
import type { GatewayMessage, SmsGateway } from './gateways/port.ts';
import { Outbox } from './outbox.ts';

let redis: RedisServer | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  if (redisAvailable()) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const stores: [string, () => () => Store][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nobat-outbox-proc-'));
      dirs.push(dir);
      return () => openSqliteStore(join(dir, 'nobat.sqlite'), { clock: () => T0 });
    },
  ],
  [
    'redis',
    () => {
      const keyPrefix = `nobat-outbox-${randomUUID()}:`;
      return () => {
        if (!redis) throw new Error('no redis');
        return openRedisStore(redis.url, { keyPrefix, clock: () => T0 });
      };
    },
  ],
];

/** All the messages any process's gateway was given (the one SMSC they share). */
const shared: GatewayMessage[] = [];
class SharedGateway implements SmsGateway {
  readonly name = 'shared';
  async send(m: GatewayMessage) {
    await new Promise((r) => setImmediate(r));
    shared.push(m);
    return {};
  }
}

describe.each(stores)('[NT1][NT3] two outboxes on one %s store', (kind, makeOpen) => {
  it.skipIf(kind === 'redis' && !redisAvailable())('one enqueue per key wins; each message is sent once', async () => {
    shared.length = 0;
    const open = makeOpen();
    const [a, b] = [open(), open()];
    const outbox = (store: Store) =>
      new Outbox({ store, gateway: new SharedGateway(), logger: createLogger('silent'), clock: () => T0 });
    const [oa, ob] = [outbox(a), outbox(b)];
    const keys = Array.from({ length: 20 }, (_, i) => `b1~t${i}:called`);
    const results = await Promise.all(
      keys.flatMap((key) =>
        [oa, ob].map((o) => o.enqueue({ key, branchId: 'b1', kind: 'called', to: '09121234567', text: key })),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(keys.length);
    const [sa, sb] = await Promise.all([oa.runOnce(), ob.runOnce()]);
    expect(sa + sb).toBe(keys.length);
    expect(shared.map((m) => m.key).sort()).toEqual([...keys].sort());
    expect(await Promise.all([oa.runOnce(), ob.runOnce()])).toEqual([0, 0]);
    expect((await oa.list('b1', { state: 'sent', limit: 500 })).length).toBe(keys.length);
    await a.close();
    await b.close();
  });
});
