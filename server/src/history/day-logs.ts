// [H8] Branch-days' logs wherever they are: a past day leaves the live store once archived (H6), so
// readers of past days (the staffing advice, the what-if replay, a clerk's day) read live ∪ history.
import type { StoredEvent } from '../domain/events.ts';
import type { Store } from '../store/port.ts';
import type { HistoryStore } from './port.ts';

export interface DayLogs {
  /** The days with a log, live or archived, ascending, each once. */
  listDays(branchId: string): Promise<string[]>;
  /** A day's whole log: the live store's while it has it, else the archive's. */
  readEvents(branchId: string, day: string): Promise<StoredEvent[]>;
}

/** Without a history store (a test's bare store): the live store alone. */
export function dayLogs(store: Store, history?: HistoryStore): DayLogs {
  return {
    async listDays(branchId) {
      const [live, archived] = await Promise.all([
        store.listDays(branchId),
        history ? history.archivedDays(branchId) : Promise.resolve([]),
      ]);
      return [...new Set([...live, ...archived])].sort();
    },
    async readEvents(branchId, day) {
      const live = await store.readEvents(branchId, day, 0);
      if (live.length > 0 || !history) return live;
      const archived = await history.readEvents(branchId, day, 0);
      // Dropped between the two reads: the live store read empty before the archive was confirmed.
      return archived.length > 0 ? archived : store.readEvents(branchId, day, 0);
    },
  };
}
