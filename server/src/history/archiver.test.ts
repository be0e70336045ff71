// The archiver over a real SQLite live store and a real SQLite history (files in a temp dir), with an
// injected clock. A history or store that fails is a wrapper around the real one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localHourStart } from '../domain/advice.ts';
import { dayRows } from '../domain/archive.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Store } from '../store/port.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { seededDay } from '../testing/seed-history.ts';
import { Archiver, type ArchiverOptions, PAST_DAY_GRACE_MS } from './archiver.ts';
import type { HistoryStore } from './port.ts';
import { openSqliteHistory, type SqliteHistory } from './sqlite/sqlite-history.ts';

const config = testConfig();
const B = config.branch.id;
const TZ = config.branch.timeZone;
const TODAY = '2026-11-22';
const PAST = ['2026-11-19', '2026-11-20', '2026-11-21'];
/** 10:30 Tehran time, today. */
const NOW = localHourStart(TODAY, 10, TZ) + 30 * 60_000;

const day = (d: string, seed: number) => seededDay(config, d, { seed, noShowShare: 0.15, open: 8, close: 12 });
const count = async <T>(rows: AsyncIterable<T>) => {
  let n = 0;
  for await (const _ of rows) n++;
  return n;
};
const quiet = () => ({ debug: vi.fn(), warn: vi.fn(), error: vi.fn() });

let dir: string;
let store: SqliteStore;
let history: SqliteHistory;
let now: number;
let logs: Record<string, DomainEvent[]>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nobat-archiver-'));
  store = openSqliteStore(join(dir, 'nobat.sqlite'), { synchronous: 'normal' });
  history = openSqliteHistory(join(dir, 'history.sqlite'));
  await history.migrate();
  now = NOW;
  logs = {};
  for (const [i, d] of PAST.entries()) logs[d] = day(d, i + 1);
  // Today so far: what happened before now.
  logs[TODAY] = day(TODAY, 9).filter((e) => e.at <= NOW);
  for (const [d, events] of Object.entries(logs)) await store.appendEvents(B, d, 0, events);
});
afterEach(async () => {
  await store.close();
  await history.close();
  rmSync(dir, { recursive: true, force: true });
});

const archiver = (over: Partial<ArchiverOptions> = {}) =>
  new Archiver({
    store,
    history,
    clock: () => now,
    configOf: async (id) => (id === B ? config : undefined),
    branches: async () => [B],
    logger: quiet(),
    intervalMs: 60_000,
    ...over,
  });

describe('archiver', () => {
  it('[SY9] a branch server keeps a past day, archived, until the centre has it whole and closed', async () => {
    const synced = new Set<string>();
    const a = archiver({ mayDrop: async (_b, d, seq) => synced.has(d) && seq === logs[d]?.length });
    expect(await a.runOnce()).toEqual({ archived: 3, dropped: 0, today: 1, failed: 0 });
    expect(await store.listDays(B)).toEqual([...PAST, TODAY]);
    for (const d of PAST) expect(await history.archived(B, d)).toMatchObject({ final: true });
    synced.add(PAST[0] as string);
    expect(await a.runOnce()).toEqual({ archived: 3, dropped: 1, today: 0, failed: 0 });
    expect(await store.listDays(B)).toEqual([...PAST.slice(1), TODAY]);
  });

  it('[SY9] the centre archives a synced past day as under way until its branch server has closed it', async () => {
    const closed = new Set<string>();
    const a = archiver({ mayFinalise: async (_b, d) => closed.has(d) });
    expect(await a.runOnce()).toEqual({ archived: 0, dropped: 0, today: 4, failed: 0 });
    for (const d of PAST) {
      expect(await history.archived(B, d)).toMatchObject({ seq: logs[d]?.length, final: false });
    }
    expect(await store.listDays(B)).toEqual([...PAST, TODAY]);
    closed.add(PAST[1] as string);
    expect(await a.runOnce()).toEqual({ archived: 1, dropped: 1, today: 0, failed: 0 });
    expect(await history.archived(B, PAST[1] as string)).toMatchObject({ final: true });
    expect(await store.listDays(B)).toEqual([PAST[0], PAST[2], TODAY]);
  });

  it('[H3][H6] archives past days whole and drops them; today only its finished visits, and keeps it', async () => {
    const pass = await archiver().runOnce();
    expect(pass).toEqual({ archived: 3, dropped: 3, today: 1, failed: 0 });
    expect(await store.listDays(B)).toEqual([TODAY]);
    expect(await store.readEvents(B, TODAY, 0)).toHaveLength(logs[TODAY]?.length ?? -1);
    for (const d of PAST) {
      const events = logs[d] ?? [];
      expect(await history.archived(B, d)).toEqual({ branchId: B, day: d, seq: events.length, final: true });
      expect((await history.readEvents(B, d, 0)).map((e) => e.event)).toStrictEqual(events);
      const rows = dayRows(config, events, { branchId: B, day: d, final: true });
      expect(await count(history.visits({ from: d, to: d }))).toBe(rows.visits.length);
      expect(await count(history.rollups({ from: d, to: d }))).toBe(rows.rollups.length);
    }
    const todayRows = dayRows(config, logs[TODAY] ?? [], { branchId: B, day: TODAY, final: false });
    const todayAll = dayRows(config, logs[TODAY] ?? [], { branchId: B, day: TODAY, final: true });
    expect(todayRows.visits.length).toBeLessThan(todayAll.visits.length); // some visits are still open
    expect(await count(history.visits({ from: TODAY, to: TODAY }))).toBe(todayRows.visits.length);
    expect(await history.archived(B, TODAY)).toEqual({
      branchId: B,
      day: TODAY,
      seq: logs[TODAY]?.length,
      final: false,
    });

    // Nothing new: the next pass writes nothing and drops nothing.
    expect(await archiver().runOnce()).toEqual({ archived: 0, dropped: 0, today: 0, failed: 0 });
  });

  it('[H6] while the history fails, nothing is dropped; once it works, the days go', async () => {
    const failing: HistoryStore = {
      ...history,
      archiveDay: async () => {
        throw new Error('history down');
      },
    };
    const logger = quiet();
    expect(await archiver({ history: failing, logger }).runOnce()).toEqual({
      archived: 0,
      dropped: 0,
      today: 0,
      failed: 4,
    });
    expect(logger.warn).toHaveBeenCalledTimes(4);
    expect(await store.listDays(B)).toEqual([...PAST, TODAY]);
    expect(await archiver().runOnce()).toMatchObject({ dropped: 3, failed: 0 });
    expect(await store.listDays(B)).toEqual([TODAY]);
  });

  it('[H6] an archive that does not read back final with the log’s last seq is not trusted: the day stays', async () => {
    const short: HistoryStore = {
      ...history,
      archived: async (b, d) => {
        const a = await history.archived(b, d);
        return a && { ...a, seq: a.seq - 1 };
      },
    };
    expect(await archiver({ history: short }).runOnce()).toMatchObject({ dropped: 0, failed: 3 });
    expect(await store.listDays(B)).toEqual([...PAST, TODAY]);
  });

  it('[H6] an event appended after the day was read is not dropped with it; the next pass takes it', async () => {
    const late: DomainEvent = {
      type: 'CounterClosed',
      at: localHourStart(PAST[2] ?? '', 23, TZ),
      counterId: 'c1',
      clerkId: 'k1',
    };
    let appended = false;
    const racing: Store = {
      ...store,
      readEvents: async (b, d, after) => {
        const read = await store.readEvents(b, d, after);
        if (d === PAST[2] && !appended) {
          appended = true;
          await store.appendEvents(b, d, read.length, [late]);
        }
        return read;
      },
    };
    expect(await archiver({ store: racing }).runOnce()).toMatchObject({ archived: 3, dropped: 2 });
    expect((await store.readEvents(B, PAST[2] ?? '', 0)).at(-1)?.event).toEqual(late);
    expect(await archiver().runOnce()).toMatchObject({ archived: 1, dropped: 1 });
    expect((await history.readEvents(B, PAST[2] ?? '', 0)).at(-1)?.event).toEqual(late);
    expect(await store.listDays(B)).toEqual([TODAY]);
  });

  it('[H6] yesterday stays live for a few minutes after midnight, and is archived as today until then', async () => {
    now = localHourStart('2026-11-23', 0, TZ) + PAST_DAY_GRACE_MS - 1;
    expect(await archiver().runOnce()).toMatchObject({ archived: 3, dropped: 3, today: 0 });
    expect(await store.listDays(B)).toEqual([TODAY]);
    now += 1;
    expect(await archiver().runOnce()).toMatchObject({ archived: 1, dropped: 1 });
    expect(await store.listDays(B)).toEqual([]);
    expect((await history.archived(B, TODAY))?.final).toBe(true);
  });

  it('runs one pass at a time, on a timer from start() until stop()', async () => {
    const seen: string[] = [];
    let told: (() => void) | undefined;
    const a = archiver({
      onArchived: (e) => {
        seen.push(e.day);
        told?.();
      },
      intervalMs: 10,
    });
    const [p1, p2] = [a.runOnce(), a.runOnce()];
    expect(p1).toBe(p2);
    await p1;
    expect(seen.sort()).toEqual([...PAST, TODAY]);

    // A new event today: a pass of the timer archives it.
    await store.appendEvents(B, TODAY, logs[TODAY]?.length ?? 0, [
      { type: 'CounterClosed', at: NOW, counterId: 'c2', clerkId: 'k2' },
    ]);
    const archivedAgain = new Promise<void>((resolve) => {
      told = resolve;
    });
    a.start();
    await archivedAgain;
    await a.stop();
    expect(seen).toHaveLength(5);
    expect(seen.at(-1)).toBe(TODAY);
    expect((await history.archived(B, TODAY))?.seq).toBe((logs[TODAY]?.length ?? 0) + 1);
  });

  it('stop() ends the pass under way after the day it is on, and waits for it', async () => {
    let stopped: Promise<void> | undefined;
    const a = archiver({
      onArchived: () => {
        stopped ??= a.stop();
      },
    });
    const pass = a.runOnce();
    expect(await pass).toMatchObject({ archived: 1, dropped: 1 });
    await stopped;
    expect(await store.listDays(B)).toEqual([...PAST.slice(1), TODAY]);
    // A pass asked for afterwards runs whole.
    expect(await a.runOnce()).toMatchObject({ archived: 2, dropped: 2, today: 1 });
  });
});
