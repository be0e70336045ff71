// The server wires the history: migrated at start (SQLite beside the live store, or PostgreSQL with
// DATABASE_URL), the archiver running, past days moved out of the live store, both closed on shutdown.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchConfig } from '@nobat/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, requireOrSkip } from '../../../tests/support/postgres.ts';
import { readConfig } from '../config.ts';
import { DEMO_BRANCH, demoConfigInput } from '../demo.ts';
import { localHourStart } from '../domain/advice.ts';
import { createServer } from '../server.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { seededDay } from '../testing/seed-history.ts';

const config = BranchConfig.parse(demoConfigInput());
const PAST = '2026-11-21';
const NOW = localHourStart('2026-11-22', 10, config.branch.timeZone);
const pgUp = requireOrSkip('PostgreSQL on 127.0.0.1:5432', await postgresAvailable());

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A data directory whose live store already has a past day of the demo branch. */
async function dataDirWithPastDay(): Promise<{ dir: string; events: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-server-history-'));
  dirs.push(dir);
  const store = openSqliteStore(join(dir, 'nobat.sqlite'));
  const events = seededDay(config, PAST, { seed: 3 });
  await store.appendEvents(DEMO_BRANCH, PAST, 0, events);
  await store.close();
  return { dir, events: events.length };
}

async function startAndArchive(env: Record<string, string>) {
  const { dir, events } = await dataDirWithPastDay();
  const server = await createServer(
    readConfig({ PORT: '0', HOST: '127.0.0.1', NOBAT_DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }),
    { clock: () => NOW },
  );
  try {
    await server.archiver.runOnce();
    expect(await server.history.archived(DEMO_BRANCH, PAST)).toEqual({
      branchId: DEMO_BRANCH,
      day: PAST,
      seq: events,
      final: true,
    });
    const live = openSqliteStore(join(dir, 'nobat.sqlite'));
    expect(await live.listDays(DEMO_BRANCH)).toEqual([]);
    await live.close();
    return { server, dir };
  } finally {
    await server.close();
  }
}

describe('the server and its history', () => {
  it('[H6][H7] SQLite: history.sqlite migrated at start, a past day archived and dropped, closed on shutdown', async () => {
    const { server, dir } = await startAndArchive({});
    expect(server.history.kind).toBe('sqlite');
    expect(existsSync(join(dir, 'history.sqlite'))).toBe(true);
    await expect(server.history.ping()).rejects.toThrow(); // closed with the server
  });

  it.skipIf(!pgUp)('[H6][H7] PostgreSQL with DATABASE_URL: migrated at start, a past day archived there', async () => {
    const db = await createTestDatabase('server');
    try {
      const { server, dir } = await startAndArchive({ DATABASE_URL: db.url });
      expect(server.history.kind).toBe('postgres');
      expect(existsSync(join(dir, 'history.sqlite'))).toBe(false);
    } finally {
      await db.drop();
    }
  });
});
