// [UP1–UP4] The history stores opened on data written by schema 1 (SQLite file, PostgreSQL database),
// and on a newer schema. Schema 1's DDL is the first migration as it shipped (its hash is checked).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, requireOrSkip } from '../../../tests/support/postgres.ts';
import { dayRows } from '../domain/archive.ts';
import { SchemaTooNewError } from '../store/schema.ts';
import { OLD_BRANCH, OLD_DAY, oldDay, SHIPPED_MIGRATIONS, sqlHash } from '../store/test-support/schema-fixtures.ts';
import { testConfig } from '../testing/fixtures.ts';
import type { HistoryStore, StoredReport } from './port.ts';
import { openPgHistory, PG_MIGRATIONS } from './postgres/pg-history.ts';
import { openSqliteHistory, SQLITE_MIGRATIONS } from './sqlite/sqlite-history.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-history-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REPORT: StoredReport = {
  id: `crm-monthly/1405-08/branch/${OLD_BRANCH}`,
  kind: 'crm-monthly',
  scope: { level: 'branch', id: OLD_BRANCH },
  period: { from: '2026-10-23', to: '2026-11-21', jalali: '1405-08' },
  generatedAt: '2026-11-22T05:00:00.000Z',
  data: { visits: 1234 },
};

/** Writes the old day's archive and a report through a store whose schema is still version 1. */
async function writeOldData(history: HistoryStore): Promise<number> {
  const events = oldDay();
  const rows = dayRows(testConfig(), events, { branchId: OLD_BRANCH, day: OLD_DAY, final: true });
  await history.archiveDay({
    branchId: OLD_BRANCH,
    day: OLD_DAY,
    events: events.map((event, i) => ({ seq: i + 1, event })),
    ...rows,
    final: true,
  });
  expect(await history.putReport(REPORT)).toBe(true);
  return rows.visits.length;
}

/** Everything written by writeOldData reads back from the migrated store. */
async function expectOldData(history: HistoryStore, visits: number): Promise<void> {
  const events = oldDay();
  expect(await history.archived(OLD_BRANCH, OLD_DAY)).toEqual({
    branchId: OLD_BRANCH,
    day: OLD_DAY,
    seq: events.length,
    final: true,
  });
  expect(await history.readEvents(OLD_BRANCH, OLD_DAY, 0)).toEqual(events.map((event, i) => ({ seq: i + 1, event })));
  let read = 0;
  for await (const _ of history.visits({ from: OLD_DAY, to: OLD_DAY })) read++;
  expect(read).toBe(visits);
  expect(visits).toBeGreaterThan(10);
  expect(await history.getReport(REPORT.id)).toEqual(REPORT);
  const { data: _data, ...meta } = REPORT;
  expect(await history.listReports({ scopeIds: [OLD_BRANCH], limit: 10 })).toEqual([meta]);
}

describe('sqlite history schema versions', () => {
  const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;

  function writeV1(path: string): Database.Database {
    const raw = new Database(path);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    raw.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    raw.prepare("INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00.000Z')").run();
    return raw;
  }

  it('[UP1][UP4] a file of schema 1 is migrated to the latest; every day, visit and report reads back', async () => {
    const path = join(dir, 'v1.sqlite');
    writeV1(path).close();
    const old = openSqliteHistory(path);
    const visits = await writeOldData(old);
    await old.close();

    const history = openSqliteHistory(path);
    try {
      expect(latest).toBeGreaterThan(1);
      expect(await history.migrate()).toBe(latest);
      await expectOldData(history, visits);
    } finally {
      await history.close();
    }
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
        SQLITE_MIGRATIONS.map((m) => m.version),
      );
      // [UP4] A scope's reports are found through the index of version 2, not by walking every report.
      const plan = raw
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM reports WHERE scope_id IN (?) ORDER BY period_from DESC, id LIMIT ?`,
        )
        .all(OLD_BRANCH, 10) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/reports_scope/);
    } finally {
      raw.close();
    }
  });

  it('[UP3] a file of a newer schema is refused', async () => {
    const path = join(dir, 'newer.sqlite');
    const raw = writeV1(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (?, 'later')").run(latest + 1);
    raw.close();
    const history = openSqliteHistory(path);
    try {
      const refused = history.migrate();
      await expect(refused).rejects.toBeInstanceOf(SchemaTooNewError);
      await expect(refused).rejects.toThrow(
        `sqlite history: schema version ${latest + 1} is newer than this server's ${latest}`,
      );
    } finally {
      await history.close();
    }
  });

  it('[UP2] none of its shipped migrations has been edited', () => {
    const shipped = SHIPPED_MIGRATIONS['sqlite history'] ?? {};
    expect(Object.keys(shipped).map(Number)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    for (const m of SQLITE_MIGRATIONS) expect(sqlHash(m.sql), `migration ${m.version}`).toBe(shipped[m.version]);
  });
});

const pgUp = requireOrSkip('PostgreSQL on 127.0.0.1:5432', await postgresAvailable());

describe.skipIf(!pgUp)('postgres history schema versions', () => {
  const latest = PG_MIGRATIONS.at(-1)?.version ?? 0;

  async function writeV1(url: string, extra?: number): Promise<void> {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      await raw.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      await raw.query(PG_MIGRATIONS[0]?.sql ?? '');
      await raw.query('INSERT INTO schema_migrations (version) VALUES (1)');
      if (extra !== undefined) await raw.query('INSERT INTO schema_migrations (version) VALUES ($1)', [extra]);
    } finally {
      await raw.end();
    }
  }

  it('[UP1][UP4] a database of schema 1 is migrated to the latest (three servers at once); everything reads back', async () => {
    const db = await createTestDatabase('upgrade');
    try {
      await writeV1(db.url);
      const old = openPgHistory(db.url);
      const visits = await writeOldData(old);
      await old.close();

      const servers = [0, 1, 2].map(() => openPgHistory(db.url, { max: 2 }));
      try {
        expect(latest).toBeGreaterThan(1);
        expect(await Promise.all(servers.map((s) => s.migrate()))).toEqual([latest, latest, latest]);
        await expectOldData(servers[0] as HistoryStore, visits);
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
      const raw = new pg.Client({ connectionString: db.url });
      await raw.connect();
      try {
        const { rows } = await raw.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
        const idx = await raw.query("SELECT indexname FROM pg_indexes WHERE tablename = 'reports' ORDER BY indexname");
        expect(idx.rows.map((r) => r.indexname)).toContain('reports_scope');
      } finally {
        await raw.end();
      }
    } finally {
      await db.drop();
    }
  });

  it('[UP3] a database of a newer schema is refused', async () => {
    const db = await createTestDatabase('upgrade_newer');
    try {
      await writeV1(db.url, latest + 1);
      const history = openPgHistory(db.url);
      try {
        const refused = history.migrate();
        await expect(refused).rejects.toBeInstanceOf(SchemaTooNewError);
        await expect(refused).rejects.toThrow(
          `postgres history: schema version ${latest + 1} is newer than this server's ${latest}`,
        );
      } finally {
        await history.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('[UP2] none of its shipped migrations has been edited', () => {
    const shipped = SHIPPED_MIGRATIONS['postgres history'] ?? {};
    expect(Object.keys(shipped).map(Number)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    for (const m of PG_MIGRATIONS) expect(sqlHash(m.sql), `migration ${m.version}`).toBe(shipped[m.version]);
  });
});
