import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/events.ts';
import { registerStoreContract } from '../contract.ts';
import { openSqliteStore, SQLITE_STORE_SCHEMA_VERSION } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

registerStoreContract('sqlite', async (opts) => openSqliteStore(join(dir, 'contract.sqlite'), opts));

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
        schemaVersion: SQLITE_STORE_SCHEMA_VERSION,
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

describe('sqlite records that expire', () => {
  it('deletes expired rows at the next record write, whoever writes it', async () => {
    const path = join(dir, 'expiry.sqlite');
    let now = 1_800_000_000_000;
    const store = openSqliteStore(path, { clock: () => now });
    try {
      await store.putRecord('session', 's1', { n: 1 }, 0, { expiresAt: now + 10 });
      await store.putRecord('session', 's2', { n: 2 }, 0, { expiresAt: now + 10 });
      await store.putRecord('user', 'u1', { n: 3 }, 0);
      const rows = () =>
        new Database(path, { readonly: true }).prepare('SELECT id FROM records ORDER BY id').pluck().all();
      expect(rows()).toEqual(['s1', 's2', 'u1']);
      now += 10;
      await store.putRecord('device', 'd1', { n: 4 }, 0);
      expect(rows()).toEqual(['d1', 'u1']);
    } finally {
      await store.close();
    }
  });

  it('migrates a schema-1 file: its records stay, and lasting', async () => {
    const path = join(dir, 'schema1.sqlite');
    const raw = new Database(path);
    raw.exec(`
      CREATE TABLE events (branch TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
        type TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (branch, day, seq)) WITHOUT ROWID;
      CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (kind, id));
      INSERT INTO records VALUES ('session', 'old', 3, '{"userId":"u1"}');
    `);
    raw.pragma('user_version = 1');
    raw.close();
    const store = openSqliteStore(path, { clock: () => Number.MAX_SAFE_INTEGER });
    try {
      expect(store.settings().schemaVersion).toBe(SQLITE_STORE_SCHEMA_VERSION);
      expect(await store.getRecord('session', 'old')).toEqual({ id: 'old', version: 3, value: { userId: 'u1' } });
    } finally {
      await store.close();
    }
  });
});

describe('sqlite group commit across branches', () => {
  const event = (n: number): DomainEvent => ({ type: 'CounterOpened', at: n, counterId: 'c1', clerkId: 'k1' });

  it('appends asked for in one turn share a transaction, each with its own version check and all-or-nothing', async () => {
    const path = join(dir, 'group.sqlite');
    const store = openSqliteStore(path);
    // A broken event (no JSON form) in one branch's append, a stale version in another's.
    const broken = { ...event(3), extra: 1n } as unknown as DomainEvent;
    const [a, b, c, d] = await Promise.allSettled([
      store.appendEvents('A', '2026-11-22', 0, [event(1), event(2)]),
      store.appendEvents('B', '2026-11-22', 5, [event(1)]),
      store.appendEvents('C', '2026-11-22', 0, [event(1), broken]),
      store.appendEvents('D', '2026-11-22', 0, [event(1)]),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: { ok: true, version: 2 } });
    expect(b).toEqual({ status: 'fulfilled', value: { ok: false, version: 0 } });
    expect(c.status).toBe('rejected');
    expect(d).toEqual({ status: 'fulfilled', value: { ok: true, version: 1 } });
    await store.close();

    // What was acknowledged is in the file; what was refused or broken left nothing behind.
    const reopened = openSqliteStore(path);
    expect(await reopened.readEvents('A', '2026-11-22', 0)).toHaveLength(2);
    expect(await reopened.readEvents('B', '2026-11-22', 0)).toEqual([]);
    expect(await reopened.readEvents('C', '2026-11-22', 0)).toEqual([]);
    expect(await reopened.readEvents('D', '2026-11-22', 0)).toHaveLength(1);
    await reopened.close();
  });

  it('appends of one turn are written in one transaction (one commit for many branches)', async () => {
    // Every commit writes its own frames to the write-ahead log: twenty commits write far more than one.
    const walGrowth = async (name: string, write: (store: ReturnType<typeof openSqliteStore>) => Promise<void>) => {
      const path = join(dir, name);
      const store = openSqliteStore(path);
      await store.appendEvents('warm', '2026-11-22', 0, [event(0)]);
      const before = statSync(`${path}-wal`).size;
      await write(store);
      const grown = statSync(`${path}-wal`).size - before;
      await store.close();
      return grown;
    };
    const together = await walGrowth('together.sqlite', async (store) => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.appendEvents(`branch-${i}`, '2026-11-22', 0, [event(i)])),
      );
    });
    const apart = await walGrowth('apart.sqlite', async (store) => {
      for (let i = 0; i < 20; i++) await store.appendEvents(`branch-${i}`, '2026-11-22', 0, [event(i)]);
    });
    expect(together).toBeGreaterThan(0);
    expect(together * 5).toBeLessThan(apart);
  });

  it('[S7] a write waits for its commit on the writer thread while the event loop runs on; [S3] acknowledged after it', async () => {
    const path = join(dir, 'writer-thread.sqlite');
    const store = openSqliteStore(path);
    await store.appendEvents('b1', '2026-11-22', 0, [event(1)]);
    // Another connection holds the write lock, as a long commit (an fsync) would hold the writer.
    const blocker = new Database(path);
    blocker.prepare('BEGIN IMMEDIATE').run();
    let answered = false;
    const append = store.appendEvents('b1', '2026-11-22', 1, [event(2)]).then((r) => {
      answered = true;
      return r;
    });
    // Turns pass and reads are answered on this thread; the append is not answered before its commit.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(await store.readEvents('b1', '2026-11-22', 0)).toHaveLength(1);
    expect(await store.getRecord('branch', 'none')).toBeUndefined();
    expect(answered).toBe(false);
    blocker.prepare('COMMIT').run();
    blocker.close();
    expect(await append).toEqual({ ok: true, version: 2 });
    expect(await store.readEvents('b1', '2026-11-22', 0)).toHaveLength(2);
    await store.close();
  });

  it('[S7] records, audit entries and appends of one turn keep their order and their own outcomes', async () => {
    const path = join(dir, 'writer-order.sqlite');
    const store = openSqliteStore(path);
    const [put, stale, audit, appended, dropped] = await Promise.all([
      store.putRecord('branch', 'b1', { n: 1 }, 0),
      store.putRecord('branch', 'b1', { n: 2 }, 0),
      store.appendAudit({
        at: '2026-11-22T08:00:00.000Z',
        branchId: 'b1',
        actor: { id: 'admin', name: 'admin' },
        action: 'create',
        target: { kind: 'branch', id: 'b1' },
      } as never),
      store.appendEvents('b1', '2026-11-22', 0, [event(1)]),
      store.dropDay('b1', '2026-11-22', 1),
    ]);
    expect(put).toEqual({ ok: true, version: 1 });
    expect(stale).toEqual({ ok: false, version: 1 });
    expect(audit).toMatch(/^[1-9]\d*$/);
    expect(appended).toEqual({ ok: true, version: 1 });
    expect(dropped).toBe(true); // asked for after the append, so written after it
    expect(await store.readEvents('b1', '2026-11-22', 0)).toEqual([]);
    expect(await store.getRecord('branch', 'b1')).toEqual({ id: 'b1', version: 1, value: { n: 1 } });
    await store.close();
    await expect(store.putRecord('branch', 'b2', {}, 0)).rejects.toThrow(/closed/);
  });
});
