// The history store the report tests use (one factory, a real SQLite file in a temporary directory),
// and a day's log archived as the archiver would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BranchConfig } from '@nobat/protocol';
import { dayRows } from '../../domain/archive.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { HistoryStore } from '../port.ts';
import { openSqliteHistory } from '../sqlite/sqlite-history.ts';

/** The history store of the report tests: a real SQLite history in a temporary directory, removed on close. */
export async function openTestHistory(): Promise<HistoryStore> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-history-test-'));
  const store = openSqliteHistory(join(dir, 'history.sqlite'));
  await store.migrate();
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return store;
}

/** Archives a whole day's log as a final day (the rows domain/archive.ts makes of it). */
export async function archiveLog(
  history: HistoryStore,
  config: BranchConfig,
  day: string,
  events: readonly DomainEvent[],
): Promise<void> {
  const branchId = config.branch.id;
  const rows = dayRows(config, events, { branchId, day, final: true });
  await history.archiveDay({
    branchId,
    day,
    events: events.map((event, i) => ({ seq: i + 1, event })),
    ...rows,
    final: true,
  });
}
