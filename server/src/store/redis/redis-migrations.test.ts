// [UP1–UP3] The Redis live store opened on keys written before schema versions were kept, and on a
// store of a newer schema. A real redis-server of this file's own.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  redisAvailable,
  requireOrSkip,
  startRedisServer,
} from '../../../../tests/support/redis-server.ts';
import { SchemaTooNewError } from '../schema.ts';
import { OLD_BRANCH, OLD_DAY, OLD_RECORDS, oldDay, writeRedisStoreV0 } from '../test-support/schema-fixtures.ts';
import { openRedisStore } from './redis-store.ts';

/** The Redis store's newest schema version (the last of its list in redis-store.ts). */
const LATEST = 2;

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('redis store schema versions', () => {
  let server: RedisServer;
  let raw: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    raw = new Redis(server.url);
  });
  afterAll(async () => {
    raw?.disconnect();
    await server?.stop();
  });

  it('[UP1][UP2] opens a store of schema 0: migrated to the latest, every event and record readable', async () => {
    const prefix = `nobat-v0-${randomUUID()}:`;
    await writeRedisStoreV0(raw, prefix);
    expect(await raw.exists(`${prefix}meta`)).toBe(0);
    const store = openRedisStore(server.url, { keyPrefix: prefix });
    try {
      expect(await store.migrate()).toBe(LATEST);
      expect(await raw.hget(`${prefix}meta`, 'schema')).toBe(String(LATEST));
      // Version 1 renamed the four record kinds' hashes to their hash-tagged names.
      expect(store.renamed()).toBe(4);
      expect(
        await raw.exists(`${prefix}rec:user`, `${prefix}rec:branch`, `${prefix}rec:session`, `${prefix}rec:request`),
      ).toBe(0);

      const day = oldDay();
      expect(await store.listDays(OLD_BRANCH)).toEqual([OLD_DAY]);
      expect(await store.readEvents(OLD_BRANCH, OLD_DAY, 0)).toEqual(day.map((event, i) => ({ seq: i + 1, event })));
      for (const r of OLD_RECORDS) {
        expect(await store.getRecord(r.kind, r.id)).toEqual({ id: r.id, version: r.version, value: r.value });
      }
      expect((await store.listRecords('user')).map((r) => r.id)).toEqual(['u1', 'u2']);
      // [UP9] The old requests are grouped by their branch.
      expect((await store.listRecords('request', { group: OLD_BRANCH })).map((r) => r.id)).toEqual(['rq-1', 'rq-3']);
      expect((await store.listRecords('request', { group: 'b2' })).map((r) => r.id)).toEqual(['rq-2']);
      const next = { type: 'CounterOpened', at: (day.at(-1)?.at ?? 0) + 1, counterId: 'c1', clerkId: 'k1' } as const;
      expect(await store.appendEvents(OLD_BRANCH, OLD_DAY, day.length, [next])).toEqual({
        ok: true,
        version: day.length + 1,
      });
      expect(await store.putRecord('user', 'u1', { name: 'new' }, 3)).toEqual({ ok: true, version: 4 });
    } finally {
      await store.close();
    }
    // A second server starting later finds it migrated and runs nothing.
    const again = openRedisStore(server.url, { keyPrefix: prefix });
    try {
      expect(await again.migrate()).toBe(LATEST);
      expect(again.renamed()).toBe(0);
    } finally {
      await again.close();
    }
  });

  it('[UP1] two servers starting at once on an old store: both reach the latest version, nothing lost', async () => {
    const prefix = `nobat-v0-${randomUUID()}:`;
    await writeRedisStoreV0(raw, prefix);
    const stores = [0, 1, 2].map(() => openRedisStore(server.url, { keyPrefix: prefix }));
    try {
      expect(await Promise.all(stores.map((s) => s.migrate()))).toEqual([LATEST, LATEST, LATEST]);
      expect(stores.reduce((n, s) => n + s.renamed(), 0)).toBe(4);
      for (const r of OLD_RECORDS) expect((await stores[1]?.getRecord(r.kind, r.id))?.version).toBe(r.version);
      expect((await stores[2]?.listRecords('request', { group: OLD_BRANCH }))?.map((r) => r.id)).toEqual([
        'rq-1',
        'rq-3',
      ]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('[UP3] refuses a store of a newer schema: every record call fails alike, nothing is renamed', async () => {
    const prefix = `nobat-new-${randomUUID()}:`;
    await writeRedisStoreV0(raw, prefix);
    await raw.hset(`${prefix}meta`, 'schema', String(LATEST + 1));
    const store = openRedisStore(server.url, { keyPrefix: prefix });
    try {
      const refused = store.migrate();
      await expect(refused).rejects.toBeInstanceOf(SchemaTooNewError);
      await expect(refused).rejects.toThrow(
        `redis store: schema version ${LATEST + 1} is newer than this server's ${LATEST}`,
      );
      await expect(store.getRecord('user', 'u1')).rejects.toBeInstanceOf(SchemaTooNewError);
      expect(await raw.exists(`${prefix}rec:user`)).toBe(1);
      expect(await raw.hget(`${prefix}meta`, 'schema')).toBe(String(LATEST + 1));
    } finally {
      await store.close();
    }
  });
});
