// [UP1–UP3] The SQLite live store opened on a file written by an earlier schema, and on a newer one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../schema.ts';
import {
  OLD_BRANCH,
  OLD_DAY,
  OLD_RECORDS,
  oldDay,
  SHIPPED_MIGRATIONS,
  sqlHash,
  writeSqliteStoreV1,
} from '../test-support/schema-fixtures.ts';
import { openSqliteStore, SQLITE_STORE_MIGRATIONS, SQLITE_STORE_SCHEMA_VERSION } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-sqlite-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite store schema versions', () => {
  it('[UP1][UP2] opens a file of schema 1: migrated to the latest, every event and record readable, writable', async () => {
    const path = join(dir, 'v1.sqlite');
    writeSqliteStoreV1(path);
    const store = openSqliteStore(path);
    try {
      expect(SQLITE_STORE_SCHEMA_VERSION).toBeGreaterThan(1);
      expect(store.settings().schemaVersion).toBe(SQLITE_STORE_SCHEMA_VERSION);
      expect(await store.migrate()).toBe(SQLITE_STORE_SCHEMA_VERSION);

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

      // What later schemas added works on the migrated file: the next event, an expiring record, the audit log.
      const next = { type: 'CounterOpened', at: (day.at(-1)?.at ?? 0) + 1, counterId: 'c1', clerkId: 'k1' } as const;
      expect(await store.appendEvents(OLD_BRANCH, OLD_DAY, day.length, [next])).toEqual({
        ok: true,
        version: day.length + 1,
      });
      expect(await store.putRecord('session', 's1', { userId: 'u1' }, 1, { expiresAt: 8_000_000_000_000 })).toEqual({
        ok: true,
        version: 2,
      });
      const id = await store.appendAudit({
        at: new Date(0).toISOString(),
        actor: { id: 'admin', name: 'مدیر', role: 'admin' },
        address: '192.0.2.1',
        action: 'update',
        target: { kind: 'branch', id: OLD_BRANCH },
        branchId: OLD_BRANCH,
        fromVersion: 7,
        toVersion: 8,
        before: {},
        after: {},
        changes: [],
      });
      expect((await store.listAudit({ limit: 5 })).entries.map((e) => e.id)).toEqual([id]);
    } finally {
      await store.close();
    }
    // Opened again: nothing left to run, the same version.
    const again = openSqliteStore(path);
    expect(again.settings().schemaVersion).toBe(SQLITE_STORE_SCHEMA_VERSION);
    await again.close();
  });

  it('[UP3] refuses a file of a newer schema, naming both versions, and leaves it untouched', async () => {
    const path = join(dir, 'newer.sqlite');
    writeSqliteStoreV1(path);
    const raw = new Database(path);
    raw.pragma(`user_version = ${SQLITE_STORE_SCHEMA_VERSION + 1}`);
    const tablesBefore = raw.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all();
    raw.close();

    let refusal: unknown;
    try {
      openSqliteStore(path);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(SchemaTooNewError);
    expect((refusal as Error).message).toMatch(
      new RegExp(
        `sqlite store: schema version ${SQLITE_STORE_SCHEMA_VERSION + 1} is newer than this server's ${SQLITE_STORE_SCHEMA_VERSION}`,
      ),
    );
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SQLITE_STORE_SCHEMA_VERSION + 1);
    expect(after.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all()).toEqual(tablesBefore);
    after.close();
  });

  it('[UP2] the migrations run in order from 1, and none that shipped has been edited', () => {
    const versions = SQLITE_STORE_MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    const shipped = SHIPPED_MIGRATIONS['sqlite store'] ?? {};
    expect(Object.keys(shipped).map(Number)).toEqual(versions);
    for (const m of SQLITE_STORE_MIGRATIONS) expect(sqlHash(m.sql), `migration ${m.version}`).toBe(shipped[m.version]);
  });
});
