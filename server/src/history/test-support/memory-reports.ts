// The report part of the history for tests of the directives' reports, made by ONE factory: an
// in-memory one now (the SQLite and PostgreSQL adapters are built in their own slice); at merge the
// factory may open the real SQLite adapter in a temp dir instead, and `archiveFinal` write an empty
// final day through archiveDay — the tests do not change.
import type { ReportHistory } from '../directive-reports.ts';
import type { ArchivedDay, StoredReport, StoredReportMeta } from '../port.ts';

export interface TestReportHistory extends ReportHistory {
  /** Marks a branch-day as archived final (what the archiver does once the day is over). */
  archiveFinal(branchId: string, day: string): Promise<void>;
  /** Every stored report, in no order (for counting what was made). */
  all(): Promise<StoredReport[]>;
  close(): Promise<void>;
}

/** Lets other promises run first, so two callers interleave as they would over a real database. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function createTestReportHistory(): Promise<TestReportHistory> {
  const reports = new Map<string, StoredReport>();
  const days = new Map<string, ArchivedDay>();
  const meta = ({ data: _data, ...m }: StoredReport): StoredReportMeta => structuredClone(m);
  return {
    async putReport(report) {
      await yieldTurn();
      // Insert-if-absent in one step, as the adapters' INSERT … ON CONFLICT DO NOTHING.
      if (reports.has(report.id)) return false;
      reports.set(report.id, structuredClone(report));
      return true;
    },
    async getReport(id) {
      await yieldTurn();
      const r = reports.get(id);
      return r && structuredClone(r);
    },
    async listReports(filter) {
      await yieldTurn();
      return [...reports.values()]
        .filter((r) => !filter.kind || r.kind === filter.kind)
        .filter((r) => !filter.scopeIds || filter.scopeIds.includes(r.scope.id))
        .sort((a, b) =>
          a.period.from !== b.period.from ? (a.period.from < b.period.from ? 1 : -1) : a.id < b.id ? -1 : 1,
        )
        .slice(0, filter.limit)
        .map(meta);
    },
    async archived(branchId, day) {
      await yieldTurn();
      return days.get(`${branchId}/${day}`);
    },
    async archiveFinal(branchId, day) {
      days.set(`${branchId}/${day}`, { branchId, day, seq: 0, final: true });
    },
    async all() {
      return [...reports.values()].map((r) => structuredClone(r));
    },
    async close() {},
  };
}
