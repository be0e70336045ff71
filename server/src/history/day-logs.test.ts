// [H8] Past days read from the live store ∪ the history (real SQLite files).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/events.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { dayLogs } from './day-logs.ts';
import { openSqliteHistory, type SqliteHistory } from './sqlite/sqlite-history.ts';

const opened = (at: number): DomainEvent => ({ type: 'CounterOpened', at, counterId: 'c1', clerkId: 'k1' });
const stored = (events: DomainEvent[]) => events.map((event, i) => ({ seq: i + 1, event }));
const archive = (day: string, events: DomainEvent[], final = true) => ({
  branchId: 'b1',
  day,
  events: stored(events),
  visits: [],
  clerkLog: [],
  rollups: [],
  final,
});

let dir: string;
let store: SqliteStore;
let history: SqliteHistory;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nobat-day-logs-'));
  store = openSqliteStore(join(dir, 'nobat.sqlite'));
  history = openSqliteHistory(join(dir, 'history.sqlite'));
  await history.migrate();
  // 03-01 only archived (dropped), 03-02 archived and still live, 03-03 only live (today, part archived).
  await history.archiveDay(archive('2026-03-01', [opened(1), opened(2)]));
  await history.archiveDay(archive('2026-03-02', [opened(3)]));
  await store.appendEvents('b1', '2026-03-02', 0, [opened(3)]);
  await store.appendEvents('b1', '2026-03-03', 0, [opened(4), opened(5)]);
  await history.archiveDay(archive('2026-03-03', [opened(4)], false));
});
afterAll(async () => {
  await store.close();
  await history.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('day logs', () => {
  it('[H8] lists the days of both, ascending, each once', async () => {
    expect(await dayLogs(store, history).listDays('b1')).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(await dayLogs(store).listDays('b1')).toEqual(['2026-03-02', '2026-03-03']);
    expect(await dayLogs(store, history).listDays('b2')).toEqual([]);
  });

  it('[H8] reads a day from the live store while it has it, else from the archive', async () => {
    const logs = dayLogs(store, history);
    expect(await logs.readEvents('b1', '2026-03-01')).toEqual(stored([opened(1), opened(2)]));
    expect(await logs.readEvents('b1', '2026-03-03')).toEqual(stored([opened(4), opened(5)]));
    expect(await logs.readEvents('b1', '2026-03-04')).toEqual([]);
  });
});
