import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { registerHistoryContract } from '../contract.ts';
import { openSqliteHistory, SQLITE_MIGRATIONS } from './sqlite-history.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

registerHistoryContract('sqlite', async () => openSqliteHistory(join(dir, 'contract', 'history.sqlite')));

describe('sqlite history', () => {
  it('[H7] records each migration once in schema_migrations, runs WAL, and refuses a newer schema', async () => {
    const path = join(dir, 'migrations.sqlite');
    const a = openSqliteHistory(path);
    const b = openSqliteHistory(path);
    try {
      const [va, vb] = await Promise.all([a.migrate(), b.migrate()]);
      expect(va).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
      expect(vb).toBe(va);
    } finally {
      await a.close();
      await b.close();
    }
    const raw = new Database(path);
    expect(raw.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(
      SQLITE_MIGRATIONS.map((m) => m.version),
    );
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'later')").run();
    raw.close();
    const newer = openSqliteHistory(path);
    await expect(newer.migrate()).rejects.toThrow(/schema version 99/);
    await newer.close();
  });
});
