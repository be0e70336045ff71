import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresAvailable,
  requireOrSkip,
  type TestDatabase,
} from '../../../../tests/support/postgres.ts';
import { registerHistoryContract } from '../contract.ts';
import { openPgHistory, PG_MIGRATIONS } from './pg-history.ts';

const available = requireOrSkip('PostgreSQL on 127.0.0.1:5432', await postgresAvailable());

describe.skipIf(!available)('postgres history', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('history');
  });
  afterAll(async () => {
    await db?.drop();
  });

  registerHistoryContract('postgres', async () => openPgHistory(db.url));

  it('[H7] two processes migrating at once: both succeed, one set of tables, each version recorded once', async () => {
    const fresh = await createTestDatabase('migrate');
    const stores = Array.from({ length: 3 }, () => openPgHistory(fresh.url, { max: 2 }));
    try {
      const versions = await Promise.all(stores.map((s) => s.migrate()));
      const latest = PG_MIGRATIONS.at(-1)?.version;
      expect(versions).toEqual([latest, latest, latest]);
      expect(await stores[0]?.migrate()).toBe(latest);
      const raw = new pg.Client({ connectionString: fresh.url });
      await raw.connect();
      try {
        const { rows } = await raw.query('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
        const tables = await raw.query(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        );
        expect(tables.rows.map((r) => r.tablename)).toEqual([
          'archived_days',
          'clerk_log',
          'events',
          'reports',
          'rollups',
          'schema_migrations',
          'visits',
        ]);
        await raw.query('INSERT INTO schema_migrations (version) VALUES (99)');
      } finally {
        await raw.end();
      }
      await expect(stores[1]?.migrate()).rejects.toThrow(/schema version 99/);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await fresh.drop();
    }
  });
});
