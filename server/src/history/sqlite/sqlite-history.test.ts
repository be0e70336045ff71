import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dayRows } from '../../domain/archive.ts';
import { testConfig } from '../../testing/fixtures.ts';
import { seededDay } from '../../testing/seed-history.ts';
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

describe('sqlite history streams', () => {
  it('let the event loop run between chunks while a long stream is read', async () => {
    const history = openSqliteHistory(join(dir, 'stream.sqlite'));
    try {
      await history.migrate();
      const config = testConfig();
      const days = Array.from({ length: 8 }, (_, i) => `2026-03-0${i + 1}`);
      let visits = 0;
      for (const [i, day] of days.entries()) {
        const events = seededDay(config, day, { seed: i, perHour: () => 60, open: 8, close: 14 });
        const rows = dayRows(config, events, { branchId: 'b1', day, final: true });
        visits += rows.visits.length;
        const stored = events.map((event, n) => ({ seq: n + 1, event }));
        await history.archiveDay({ branchId: 'b1', day, events: stored, ...rows, final: true });
      }
      expect(visits).toBeGreaterThan(1500);

      let turns = 0;
      let reading = true;
      const spin = () => {
        turns++;
        if (reading) setImmediate(spin);
      };
      setImmediate(spin);
      let read = 0;
      for await (const _ of history.visits({ from: '2026-03-01', to: '2026-03-08' })) read++;
      reading = false;
      expect(read).toBe(visits);
      // One turn a chunk of 500 rows at least (a stream that never yielded would allow none).
      expect(turns).toBeGreaterThanOrEqual(Math.floor(read / 500));
    } finally {
      await history.close();
    }
  });
});
