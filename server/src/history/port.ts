// The history port: finished days (and today's finished visits) archived from the live store into a
// store built for queries — SQLite by default, PostgreSQL with DATABASE_URL. Adapters know nothing of
// the queue rules: they keep the rows domain/archive.ts makes, the day's log verbatim, and the
// directives' generated reports, and stream rows back by filter. Every behaviour here is proven for
// each adapter by contract.ts (rules H3–H8 in server/SPEC.md).

import type { Report, ReportQuery } from '@nobat/protocol';
import type { ClerkLogArchiveRow, RollupRow, VisitRow } from '../domain/archive.ts';
import type { StoredEvent } from '../domain/events.ts';

/** One archive write of a branch-day: all of it in one transaction, or nothing. */
export interface DayArchive {
  branchId: string;
  day: string;
  /** The day's log so far, in seq order from 1: rows already kept (same branch, day, seq) are left as they are. */
  events: readonly StoredEvent[];
  /** Visits that can no longer change (every visit when final): kept once by (branch, day, ticket, visitNo). */
  visits: readonly VisitRow[];
  /** The clerks' daily log rows of the day so far: they replace the day's earlier ones. */
  clerkLog: readonly ClerkLogArchiveRow[];
  /** The day's rollups: they replace the day's earlier ones. */
  rollups: readonly RollupRow[];
  /** The day is over: once written, the live store may drop its log (H6). */
  final: boolean;
}

/** What is archived of a branch-day. */
export interface ArchivedDay {
  branchId: string;
  day: string;
  /** The last seq of the log kept. */
  seq: number;
  final: boolean;
}

/** Which rows a query reads. Days are local "YYYY-MM-DD", inclusive. Absent lists: all. */
export interface HistoryFilter {
  from: string;
  to: string;
  branchIds?: readonly string[];
  serviceIds?: readonly string[];
  counterIds?: readonly string[];
  clerkIds?: readonly string[];
}

/** A report the directives ask for, generated and stored (see directive-reports.ts). */
export interface StoredReport {
  /** e.g. `crm-monthly/1405-08/branch/<id>`: one per kind, period and scope, ever. */
  id: string;
  kind: 'crm-monthly' | 'quarterly';
  scope: { level: 'branch' | 'province'; id: string };
  /** Local days, inclusive, and the Jalali period's name (`1405-08`, `1405-Q3`). */
  period: { from: string; to: string; jalali: string };
  generatedAt: string;
  /** The report's content (JSON), rendered to CSV, XLSX or PDF when downloaded. */
  data: unknown;
}
export type StoredReportMeta = Omit<StoredReport, 'data'>;

export interface HistoryStore {
  readonly kind: 'sqlite' | 'postgres';

  /** Runs the versioned schema migrations not yet applied (idempotent, safe with several processes); the schema's version. */
  migrate(): Promise<number>;

  /** [H5] Writes a branch-day's archive in one transaction (idempotent: run twice, nothing doubled). */
  archiveDay(batch: DayArchive): Promise<void>;
  /** What is archived of a branch-day, if anything. */
  archived(branchId: string, day: string): Promise<ArchivedDay | undefined>;
  /** The archived days of a branch, ascending, within [from, to] when given. */
  archivedDays(branchId: string, range?: { from: string; to: string }): Promise<string[]>;
  /** An archived day's log, seq > afterSeq, in seq order. */
  readEvents(branchId: string, day: string, afterSeq: number): Promise<StoredEvent[]>;

  /** Streams rows in (day, branch) order without holding them all: reports fold them as they come. */
  rollups(filter: HistoryFilter): AsyncIterable<RollupRow>;
  visits(filter: HistoryFilter): AsyncIterable<VisitRow>;
  clerkLog(filter: HistoryFilter): AsyncIterable<ClerkLogArchiveRow>;

  /** Stores a generated report if none has its id yet; false when one had. */
  putReport(report: StoredReport): Promise<boolean>;
  getReport(id: string): Promise<StoredReport | undefined>;
  /** Newest period first. */
  listReports(filter: {
    kind?: StoredReport['kind'];
    scopeIds?: readonly string[];
    limit: number;
  }): Promise<StoredReportMeta[]>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Which branches an asker may see in reports: all (admin, the generator), or some (a supervisor's). */
export type ReportReach = { all: true } | { branchIds: readonly string[] };

/** Runs a report query over the history (history/reports.ts); the directives' reports are made with it. */
export interface ReportRunner {
  run(query: ReportQuery, reach: ReportReach): Promise<Report>;
}
