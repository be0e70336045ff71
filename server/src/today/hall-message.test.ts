// [TD5] The hall message record on both stores: kept, replaced, gone by itself at its end, cleared.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  redisAvailable,
  requireOrSkip,
  startRedisServer,
} from '../../../tests/support/redis-server.ts';
import type { Store } from '../store/port.ts';
import { openRedisStore } from '../store/redis/redis-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { deleteHallMessage, readHallMessage, writeHallMessage } from './hall-message.ts';

const T = 1_800_000_000_000;
const MIN = 60_000;

function behaves(open: (clock: () => number) => Promise<Store> | Store) {
  it('[TD5] set, replaced, read back; gone at its end on the store and by the reader; cleared by hand', async () => {
    let now = T;
    const store = await open(() => now);
    try {
      expect(await readHallMessage(store, 'b', now)).toBeNull();
      const by = { id: 'sup', name: 'ناظر' };
      await writeHallMessage(store, 'b', { text: { fa: 'یک' }, setAt: now, until: now + 10 * MIN, by });
      await writeHallMessage(store, 'b', { text: { fa: 'دو', en: 'two' }, setAt: now, until: now + 10 * MIN, by });
      expect(await readHallMessage(store, 'b', now)).toEqual({
        text: { fa: 'دو', en: 'two' },
        setAt: new Date(T).toISOString(),
        until: new Date(T + 10 * MIN).toISOString(),
      });
      expect(await readHallMessage(store, 'other', now)).toBeNull();
      now += 10 * MIN;
      expect(await store.getRecord('hall-message', 'b')).toBeUndefined(); // expired on the store itself
      expect(await readHallMessage(store, 'b', now)).toBeNull();
      await writeHallMessage(store, 'b', { text: { fa: 'سه' }, setAt: now, until: null, by });
      now += 24 * 60 * MIN;
      expect((await readHallMessage(store, 'b', now))?.text.fa).toBe('سه');
      expect(await deleteHallMessage(store, 'b')).toBe(true);
      expect(await readHallMessage(store, 'b', now)).toBeNull();
      expect(await deleteHallMessage(store, 'b')).toBe(false);
    } finally {
      await store.close();
    }
  });
}

describe('hall message on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-hall-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  behaves((clock) => openSqliteStore(join(dir, `${randomUUID()}.sqlite`), { clock }));
});

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('hall message on Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  behaves((clock) => openRedisStore(server.url, { keyPrefix: `nobat-hall-${randomUUID()}:`, clock }));
});
