// [H5][H6] The archive is crash-safe. A worker archives many seeded branch-days from the live store
// into the history and is SIGKILLed half way (after it reported a quarter of them archived); then the
// archiver runs again to completion. Every visit, clerk-log row and rollup is in the history exactly
// once, every day's log whole, and no day ever left the live store without its archive — on the
// SQLite history and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dayRows } from '../../server/src/domain/archive.ts';
import { Archiver } from '../../server/src/history/archiver.ts';
import { openHistory } from '../../server/src/history/open.ts';
import type { HistoryStore } from '../../server/src/history/port.ts';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { ARCHIVE_BRANCHES, ARCHIVE_DAYS, ARCHIVE_NOW, archiveConfig, archiveDayLog } from '../support/archive-days.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.ts';
import { requireOrSkip } from '../support/require.ts';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.ts';

const workerFile = fileURLToPath(new URL('./workers/archive.ts', import.meta.url));
const TOTAL = ARCHIVE_BRANCHES.length * ARCHIVE_DAYS.length;
const KILL_AFTER = Math.floor(TOTAL / 4);
const pgUp = requireOrSkip('PostgreSQL on 127.0.0.1:5432', await postgresAvailable());

const workers: WorkerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  for (const c of cleanups.reverse()) await c();
});

const all = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
};
const key = (r: object) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

interface HistoryUnderTest {
  /** The worker's environment naming the history. */
  env: Record<string, string>;
  open(): HistoryStore;
}

async function killHalfWayThenFinish(historyIn: (dir: string) => HistoryUnderTest) {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-archive-kill-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const history = historyIn(dir);
  const live = openSqliteStore(join(dir, 'nobat.sqlite'), { synchronous: 'normal' });
  const logs = new Map<string, ReturnType<typeof archiveDayLog>>();
  for (const b of ARCHIVE_BRANCHES) {
    for (const d of ARCHIVE_DAYS) {
      const events = archiveDayLog(b, d);
      logs.set(`${b}/${d}`, events);
      expect(await live.appendEvents(b, d, 0, events)).toMatchObject({ ok: true });
    }
  }
  await live.close();

  // 1. The worker archives; once it has reported a quarter of the days, SIGKILL.
  const w = spawnWorker('archiver', workerFile, { NOBAT_DATA_DIR: dir, ...history.env });
  workers.push(w);
  await w.waitFor(
    (lines) => lines.filter((l) => l.kind === 'archived').length >= KILL_AFTER,
    60_000,
    `${KILL_AFTER} days archived`,
  );
  const exit = await w.stop();
  expect(exit.signal).toBe('SIGKILL');
  expect(w.lines.some((l) => l.kind === 'archive-done')).toBe(false);
  expect(w.garbage).toEqual([]);

  // 2. Right after the kill: a day absent from the live store has its whole archive (final, last seq).
  const store = openSqliteStore(join(dir, 'nobat.sqlite'));
  const hist = history.open();
  cleanups.push(async () => {
    await store.close();
    await hist.close();
  });
  let stillLive = 0;
  for (const b of ARCHIVE_BRANCHES) {
    const liveDays = new Set(await store.listDays(b));
    for (const d of ARCHIVE_DAYS) {
      if (liveDays.has(d)) {
        stillLive++;
        continue;
      }
      expect(await hist.archived(b, d), `${b} ${d} dropped without its archive`).toEqual({
        branchId: b,
        day: d,
        seq: logs.get(`${b}/${d}`)?.length,
        final: true,
      });
    }
  }
  // The kill came half way: some days were still live, some gone.
  expect(stillLive).toBeGreaterThan(0);
  expect(stillLive).toBeLessThan(TOTAL);

  // 3. The archiver runs again, to completion.
  const pass = await new Archiver({
    store,
    history: hist,
    clock: () => ARCHIVE_NOW,
    configOf: async (id) => archiveConfig(id),
    branches: async () => ARCHIVE_BRANCHES,
    logger: { debug: () => undefined, warn: () => undefined, error: () => undefined },
    intervalMs: 60_000,
  }).runOnce();
  expect(pass).toEqual({ archived: stillLive, dropped: stillLive, today: 0, failed: 0 });

  // 4. Everything once: the live store is empty, and each day's rows are exactly what dayRows gives.
  const from = ARCHIVE_DAYS[0] ?? '';
  const to = ARCHIVE_DAYS.at(-1) ?? '';
  const visits = await all(hist.visits({ from, to, branchIds: ARCHIVE_BRANCHES }));
  const clerkLog = await all(hist.clerkLog({ from, to, branchIds: ARCHIVE_BRANCHES }));
  const rollups = await all(hist.rollups({ from, to, branchIds: ARCHIVE_BRANCHES }));
  const expected = { visits: [] as object[], clerkLog: [] as object[], rollups: [] as object[] };
  for (const b of ARCHIVE_BRANCHES) {
    expect(await store.listDays(b)).toEqual([]);
    expect(await hist.archivedDays(b)).toEqual(ARCHIVE_DAYS);
    for (const d of ARCHIVE_DAYS) {
      const events = logs.get(`${b}/${d}`) ?? [];
      expect((await hist.readEvents(b, d, 0)).map((e) => e.event)).toStrictEqual(events);
      const rows = dayRows(archiveConfig(b), events, { branchId: b, day: d, final: true });
      expected.visits.push(...rows.visits);
      expected.clerkLog.push(...rows.clerkLog);
      expected.rollups.push(...rows.rollups);
    }
  }
  expect(expected.visits.length).toBeGreaterThan(TOTAL * 50);
  const visitKeys = visits.map((v) => `${v.branchId}/${v.day}/${v.ticketId}/${v.visitNo}`);
  expect(new Set(visitKeys).size).toBe(visitKeys.length);
  expect(visits.map(key).sort()).toEqual(expected.visits.map(key).sort());
  expect(clerkLog.map(key).sort()).toEqual(expected.clerkLog.map(key).sort());
  expect(rollups.map(key).sort()).toEqual(expected.rollups.map(key).sort());
}

describe('archive kill test', () => {
  it('[H5][H6] SQLite history: killed half way, then run again: nothing lost, nothing doubled', async () => {
    await killHalfWayThenFinish((dir) => ({ env: {}, open: () => openHistory({ NOBAT_DATA_DIR: dir }) }));
  });

  describe.skipIf(!pgUp)('on PostgreSQL', () => {
    it('[H5][H6] PostgreSQL history: killed half way, then run again: nothing lost, nothing doubled', async () => {
      const db: TestDatabase = await createTestDatabase('archive_kill');
      cleanups.push(() => db.drop());
      await killHalfWayThenFinish(() => ({
        env: { DATABASE_URL: db.url },
        open: () => openHistory({ DATABASE_URL: db.url }),
      }));
    });
  });
});
