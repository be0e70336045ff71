import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/events.ts';
import { registerStoreContract } from '../contract.ts';
import { openSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

registerStoreContract('sqlite', async () => openSqliteStore(join(dir, 'contract.sqlite')));

const opened = (at: number): DomainEvent => ({ type: 'CounterOpened', at, counterId: 'c1', clerkId: 'u1' });

describe('sqlite store', () => {
  it('creates the parent directory and runs WAL, synchronous FULL, a busy timeout and a schema version', async () => {
    const path = join(dir, 'nested', 'deeper', 'settings.sqlite');
    const store = openSqliteStore(path);
    try {
      expect(store.settings()).toEqual({
        journalMode: 'wal',
        synchronous: 'full',
        busyTimeoutMs: 5000,
        schemaVersion: 1,
      });
    } finally {
      await store.close();
    }
    const relaxed = openSqliteStore(path, { synchronous: 'normal' });
    expect(relaxed.settings().synchronous).toBe('normal');
    await relaxed.close();
  });

  it('refuses a file whose schema is newer than it knows', async () => {
    const path = join(dir, 'future.sqlite');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(/schema version 99/);
  });

  it('lets two store objects on one file (as two processes would) see each other and conflict', async () => {
    const path = join(dir, 'shared.sqlite');
    const a = openSqliteStore(path);
    const b = openSqliteStore(path);
    try {
      expect(await a.appendEvents('br', '2025-03-21', 0, [opened(1)])).toEqual({ ok: true, version: 1 });
      expect(await b.readEvents('br', '2025-03-21', 0)).toEqual([{ seq: 1, event: opened(1) }]);
      expect(await b.appendEvents('br', '2025-03-21', 0, [opened(2)])).toEqual({ ok: false, version: 1 });
      expect(await b.appendEvents('br', '2025-03-21', 1, [opened(2)])).toEqual({ ok: true, version: 2 });
      expect(await a.appendEvents('br', '2025-03-21', 1, [opened(3)])).toEqual({ ok: false, version: 2 });
      expect((await a.readEvents('br', '2025-03-21', 0)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await a.putRecord('user', 'u1', { n: 1 }, 0)).toEqual({ ok: true, version: 1 });
      expect(await b.putRecord('user', 'u1', { n: 2 }, 0)).toEqual({ ok: false, version: 1 });
      expect(await b.getRecord('user', 'u1')).toEqual({ id: 'u1', version: 1, value: { n: 1 } });
    } finally {
      await a.close();
      await b.close();
    }
  });
});
