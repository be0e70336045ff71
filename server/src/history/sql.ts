// What the SQLite and PostgreSQL history adapters share: the tables' columns (the same names in both),
// rows to objects and back, the filters as WHERE clauses, and the order rows stream in.
import type { ClerkLogArchiveRow, Histogram, RollupRow, VisitRow } from '../domain/archive.ts';
import type { HistoryFilter, StoredReport, StoredReportMeta } from './port.ts';

/** Visit columns, in the order of VisitRow's fields. */
export const VISIT_COLUMNS = [
  ['branch', 'branchId'],
  ['day', 'day'],
  ['ticket_id', 'ticketId'],
  ['visit_no', 'visitNo'],
  ['number', 'number'],
  ['service_id', 'serviceId'],
  ['counter_id', 'counterId'],
  ['clerk_id', 'clerkId'],
  ['queued_at', 'queuedAt'],
  ['called_at', 'calledAt'],
  ['started_at', 'startedAt'],
  ['ended_at', 'endedAt'],
  ['outcome', 'outcome'],
  ['recalls', 'recalls'],
  ['wait_ms', 'waitMs'],
  ['serve_ms', 'serveMs'],
  ['hour', 'hour'],
  ['weekday', 'weekday'],
] as const satisfies readonly (readonly [string, keyof VisitRow])[];

/** Clerk-log columns besides row_no (the row's place in the clerk's day). */
export const CLERK_LOG_COLUMNS = [
  ['branch', 'branchId'],
  ['day', 'day'],
  ['clerk_id', 'clerkId'],
  ['receipt_number', 'receiptNumber'],
  ['ticket_id', 'ticketId'],
  ['service_id', 'serviceId'],
  ['received_at', 'receivedAt'],
  ['promised_at', 'promisedAt'],
  ['handed_at', 'handedAt'],
  ['responded_at', 'respondedAt'],
  ['delivered_at', 'deliveredAt'],
  ['outcome', 'outcome'],
  ['serve_ms', 'serveMs'],
] as const satisfies readonly (readonly [string, keyof ClerkLogArchiveRow])[];

/** Rollup columns; the two histograms are JSON (text in SQLite, jsonb in PostgreSQL). */
export const ROLLUP_COLUMNS = [
  ['branch', 'branchId'],
  ['day', 'day'],
  ['hour', 'hour'],
  ['weekday', 'weekday'],
  ['service_id', 'serviceId'],
  ['counter_id', 'counterId'],
  ['clerk_id', 'clerkId'],
  ['issued', 'issued'],
  ['called', 'called'],
  ['served', 'served'],
  ['no_show', 'noShow'],
  ['transferred', 'transferred'],
  ['cancelled', 'cancelled'],
  ['parked', 'parked'],
  ['recalls', 'recalls'],
  ['wait_count', 'waitCount'],
  ['wait_sum_ms', 'waitSumMs'],
  ['within_target', 'withinTarget'],
  ['wait_hist', 'waitHist'],
  ['serve_count', 'serveCount'],
  ['serve_sum_ms', 'serveSumMs'],
  ['serve_hist', 'serveHist'],
] as const satisfies readonly (readonly [string, keyof RollupRow])[];

export const HISTOGRAM_COLUMNS = new Set(['wait_hist', 'serve_hist']);

/** Streams read in (day, branch) order, then by the rest of the table's key (its index's order). */
export const ORDER = {
  visits: 'day, branch, ticket_id, visit_no',
  clerk_log: 'day, branch, clerk_id, row_no',
  rollups: 'day, branch, hour, service_id, counter_id, clerk_id',
} as const;

type Columns = readonly (readonly [string, string])[];

/** A database row (snake_case) as the object it was written from; histograms parsed when text. */
export function fromRow<T>(columns: Columns, row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [column, field] of columns) {
    const v = row[column];
    out[field] = HISTOGRAM_COLUMNS.has(column) && typeof v === 'string' ? (JSON.parse(v) as Histogram) : v;
  }
  return out as T;
}

/** An object's values in the columns' order (histograms as JSON text). */
export function toValues(columns: Columns, value: object): unknown[] {
  const o = value as Record<string, unknown>;
  return columns.map(([column, field]) =>
    HISTOGRAM_COLUMNS.has(column) ? JSON.stringify(o[field] ?? {}) : (o[field] ?? null),
  );
}

/**
 * The WHERE clause of a filter. `param(value)` adds a parameter and returns its placeholder;
 * `list(values)` the same for a list (`IN (…)` in SQLite, `= ANY(…)` in PostgreSQL). The clerk log has
 * no counter: a counter filter does not apply to it.
 */
export function whereOf(
  filter: HistoryFilter,
  table: keyof typeof ORDER,
  param: (v: unknown) => string,
  inList: (column: string, values: readonly string[]) => string,
): string {
  const parts = [`day >= ${param(filter.from)}`, `day <= ${param(filter.to)}`];
  const lists: [string, readonly string[] | undefined][] = [
    ['branch', filter.branchIds],
    ['service_id', filter.serviceIds],
    ['counter_id', table === 'clerk_log' ? undefined : filter.counterIds],
    ['clerk_id', filter.clerkIds],
  ];
  for (const [column, values] of lists) {
    if (values === undefined) continue;
    parts.push(values.length === 0 ? 'FALSE' : inList(column, values));
  }
  return parts.join(' AND ');
}

export interface ReportRow {
  id: string;
  kind: string;
  scope_level: string;
  scope_id: string;
  period_from: string;
  period_to: string;
  jalali: string;
  generated_at: string;
  data?: unknown;
}

export function reportMeta(row: ReportRow): StoredReportMeta {
  return {
    id: row.id,
    kind: row.kind as StoredReport['kind'],
    scope: { level: row.scope_level as StoredReport['scope']['level'], id: row.scope_id },
    period: { from: row.period_from, to: row.period_to, jalali: row.jalali },
    generatedAt: row.generated_at,
  };
}

/** The last seq of a day's log (0 when empty), checked to run 1, 2, 3, … as the port asks. */
export function lastSeq(events: readonly { seq: number }[]): number {
  events.forEach((e, i) => {
    if (e.seq !== i + 1) throw new RangeError(`archiveDay: events must run in seq order from 1 (got ${e.seq} at ${i})`);
  });
  return events.length;
}
