// The history the tests of the directives' reports use, made by ONE factory: a real SQLite history in
// a temporary directory (removed on close), with `archiveFinal` writing an empty final day through
// archiveDay as the archiver does once a day is over.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportHistory } from '../directive-reports.ts';
import type { StoredReport } from '../port.ts';
import { openSqliteHistory } from '../sqlite/sqlite-history.ts';

export interface TestReportHistory extends ReportHistory {
  /** Marks a branch-day as archived final (what the archiver does once the day is over). */
  archiveFinal(branchId: string, day: string): Promise<void>;
  /** Every stored report, in no order (for counting what was made). */
  all(): Promise<StoredReport[]>;
  close(): Promise<void>;
}

export async function createTestReportHistory(): Promise<TestReportHistory> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-directive-test-'));
  const history = openSqliteHistory(join(dir, 'history.sqlite'));
  await history.migrate();
  return {
    putReport: (r) => history.putReport(r),
    getReport: (id) => history.getReport(id),
    listReports: (f) => history.listReports(f),
    archived: (b, d) => history.archived(b, d),
    archivedDays: (b, r) => history.archivedDays(b, r),
    async archiveFinal(branchId, day) {
      await history.archiveDay({ branchId, day, events: [], visits: [], clerkLog: [], rollups: [], final: true });
    },
    async all() {
      const metas = await history.listReports({ limit: 100_000 });
      const out: StoredReport[] = [];
      for (const m of metas) {
        const r = await history.getReport(m.id);
        if (r) out.push(r);
      }
      return out;
    },
    async close() {
      await history.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
