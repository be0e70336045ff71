// An in-memory HistoryStore for the report tests, until the SQLite and PostgreSQL adapters are in
// this branch. Every test of reports takes its store from `openTestHistory` alone, so switching them
// to a real adapter is one change here.
import type { BranchConfig } from '@nobat/protocol';
import type { ClerkLogArchiveRow, RollupRow, VisitRow } from '../../domain/archive.ts';
import { dayRows } from '../../domain/archive.ts';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import type { ArchivedDay, DayArchive, HistoryFilter, HistoryStore, StoredReport, StoredReportMeta } from '../port.ts';

interface Day {
  archived: ArchivedDay;
  events: StoredEvent[];
  visits: Map<string, VisitRow>;
  clerkLog: ClerkLogArchiveRow[];
  rollups: RollupRow[];
}

const within = (f: HistoryFilter, row: { branchId: string; day: string }) =>
  row.day >= f.from && row.day <= f.to && (!f.branchIds || f.branchIds.includes(row.branchId));
const has = (list: readonly string[] | undefined, v: string) => !list || list.includes(v);

export class MemoryHistoryStore implements HistoryStore {
  /** Stands in for the SQLite adapter (the port names only the real kinds). */
  readonly kind = 'sqlite' as const;
  readonly #days = new Map<string, Day>();
  readonly #reports = new Map<string, StoredReport>();
  /** Rows handed out by the streams so far (a test can see a stream was read). */
  rowsStreamed = 0;

  async migrate(): Promise<number> {
    return 1;
  }

  async archiveDay(batch: DayArchive): Promise<void> {
    const key = `${batch.branchId}\n${batch.day}`;
    const day: Day = this.#days.get(key) ?? {
      archived: { branchId: batch.branchId, day: batch.day, seq: 0, final: false },
      events: [],
      visits: new Map(),
      clerkLog: [],
      rollups: [],
    };
    for (const e of batch.events) if (e.seq > day.archived.seq) day.events.push(structuredClone(e));
    day.archived = {
      ...day.archived,
      seq: Math.max(day.archived.seq, ...batch.events.map((e) => e.seq)),
      final: day.archived.final || batch.final,
    };
    for (const v of batch.visits) {
      const k = `${v.ticketId}\n${v.visitNo}`;
      if (!day.visits.has(k)) day.visits.set(k, structuredClone(v));
    }
    day.clerkLog = structuredClone([...batch.clerkLog]);
    day.rollups = structuredClone([...batch.rollups]);
    this.#days.set(key, day);
  }

  async archived(branchId: string, day: string): Promise<ArchivedDay | undefined> {
    return this.#days.get(`${branchId}\n${day}`)?.archived;
  }

  async archivedDays(branchId: string, range?: { from: string; to: string }): Promise<string[]> {
    return [...this.#days.values()]
      .map((d) => d.archived)
      .filter((a) => a.branchId === branchId && (!range || (a.day >= range.from && a.day <= range.to)))
      .map((a) => a.day)
      .sort();
  }

  async readEvents(branchId: string, day: string, afterSeq: number): Promise<StoredEvent[]> {
    return (this.#days.get(`${branchId}\n${day}`)?.events ?? []).filter((e) => e.seq > afterSeq);
  }

  /** The days within the filter, in (day, branch) order. */
  #daysFor(f: HistoryFilter): Day[] {
    return [...this.#days.values()]
      .filter((d) => within(f, d.archived))
      .sort((a, b) =>
        a.archived.day !== b.archived.day
          ? a.archived.day < b.archived.day
            ? -1
            : 1
          : a.archived.branchId < b.archived.branchId
            ? -1
            : 1,
      );
  }

  async *rollups(f: HistoryFilter): AsyncIterable<RollupRow> {
    for (const d of this.#daysFor(f)) {
      for (const r of d.rollups) {
        if (has(f.serviceIds, r.serviceId) && has(f.counterIds, r.counterId) && has(f.clerkIds, r.clerkId)) {
          this.rowsStreamed++;
          yield structuredClone(r);
        }
      }
    }
  }

  async *visits(f: HistoryFilter): AsyncIterable<VisitRow> {
    for (const d of this.#daysFor(f)) {
      for (const v of d.visits.values()) {
        if (has(f.serviceIds, v.serviceId) && has(f.counterIds, v.counterId) && has(f.clerkIds, v.clerkId)) {
          this.rowsStreamed++;
          yield structuredClone(v);
        }
      }
    }
  }

  async *clerkLog(f: HistoryFilter): AsyncIterable<ClerkLogArchiveRow> {
    for (const d of this.#daysFor(f)) {
      for (const r of d.clerkLog) {
        if (has(f.serviceIds, r.serviceId) && has(f.clerkIds, r.clerkId)) {
          this.rowsStreamed++;
          yield structuredClone(r);
        }
      }
    }
  }

  async putReport(report: StoredReport): Promise<boolean> {
    if (this.#reports.has(report.id)) return false;
    this.#reports.set(report.id, structuredClone(report));
    return true;
  }

  async getReport(id: string): Promise<StoredReport | undefined> {
    const r = this.#reports.get(id);
    return r && structuredClone(r);
  }

  async listReports(filter: {
    kind?: StoredReport['kind'];
    scopeIds?: readonly string[];
    limit: number;
  }): Promise<StoredReportMeta[]> {
    return [...this.#reports.values()]
      .filter((r) => (!filter.kind || r.kind === filter.kind) && has(filter.scopeIds, r.scope.id))
      .sort((a, b) => (a.period.from > b.period.from ? -1 : a.period.from < b.period.from ? 1 : 0))
      .slice(0, filter.limit)
      .map(({ data: _data, ...meta }) => meta);
  }

  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

/** The history store of the report tests: the one place to switch them to a real adapter. */
export async function openTestHistory(): Promise<HistoryStore> {
  const store = new MemoryHistoryStore();
  await store.migrate();
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
