// SQLite history adapter: its own file beside the live store's (history.sqlite), WAL. Each branch-day's
// archive is one IMMEDIATE transaction. Streams read on a connection of their own (a paused iterator
// would hold the main one busy) and let the event loop run between chunks.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ClerkLogArchiveRow, RollupRow, VisitRow } from '../../domain/archive.ts';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import { assertVersion, toJson } from '../../store/codec.ts';
import { SchemaTooNewError } from '../../store/schema.ts';
import type { ArchivedDay, DayArchive, HistoryFilter, HistoryStore } from '../port.ts';
import {
  CLERK_LOG_COLUMNS,
  fromRow,
  lastSeq,
  ORDER,
  type ReportRow,
  ROLLUP_COLUMNS,
  reportMeta,
  toValues,
  VISIT_COLUMNS,
  whereOf,
} from '../sql.ts';

/** [H7] The schema's versions, in order; each runs once, in the transaction that records it. */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        branch TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL,
        PRIMARY KEY (branch, day, seq)
      ) WITHOUT ROWID;
      CREATE TABLE visits (
        branch TEXT NOT NULL, day TEXT NOT NULL, ticket_id TEXT NOT NULL, visit_no INTEGER NOT NULL,
        number TEXT NOT NULL, service_id TEXT NOT NULL, counter_id TEXT NOT NULL, clerk_id TEXT NOT NULL,
        queued_at INTEGER NOT NULL, called_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER,
        outcome TEXT NOT NULL, recalls INTEGER NOT NULL, wait_ms INTEGER NOT NULL, serve_ms INTEGER,
        hour INTEGER NOT NULL, weekday INTEGER NOT NULL,
        PRIMARY KEY (branch, day, ticket_id, visit_no)
      );
      CREATE INDEX visits_day_branch ON visits (day, branch, ticket_id, visit_no);
      CREATE TABLE clerk_log (
        branch TEXT NOT NULL, day TEXT NOT NULL, clerk_id TEXT NOT NULL, row_no INTEGER NOT NULL,
        receipt_number TEXT NOT NULL, ticket_id TEXT NOT NULL, service_id TEXT NOT NULL,
        received_at INTEGER NOT NULL, promised_at INTEGER NOT NULL, handed_at INTEGER, responded_at INTEGER,
        delivered_at INTEGER, outcome TEXT NOT NULL, serve_ms INTEGER,
        PRIMARY KEY (branch, day, clerk_id, row_no)
      );
      CREATE INDEX clerk_log_day_branch ON clerk_log (day, branch, clerk_id, row_no);
      CREATE TABLE rollups (
        branch TEXT NOT NULL, day TEXT NOT NULL, hour INTEGER NOT NULL, weekday INTEGER NOT NULL,
        service_id TEXT NOT NULL, counter_id TEXT NOT NULL, clerk_id TEXT NOT NULL,
        issued INTEGER NOT NULL, called INTEGER NOT NULL, served INTEGER NOT NULL, no_show INTEGER NOT NULL,
        transferred INTEGER NOT NULL, cancelled INTEGER NOT NULL, parked INTEGER NOT NULL, recalls INTEGER NOT NULL,
        wait_count INTEGER NOT NULL, wait_sum_ms INTEGER NOT NULL, within_target INTEGER NOT NULL,
        wait_hist TEXT NOT NULL, serve_count INTEGER NOT NULL, serve_sum_ms INTEGER NOT NULL, serve_hist TEXT NOT NULL,
        PRIMARY KEY (branch, day, hour, service_id, counter_id, clerk_id)
      );
      CREATE INDEX rollups_day_branch ON rollups (day, branch, hour, service_id, counter_id, clerk_id);
      CREATE TABLE archived_days (
        branch TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL, final INTEGER NOT NULL,
        PRIMARY KEY (branch, day)
      );
      CREATE TABLE reports (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, scope_level TEXT NOT NULL, scope_id TEXT NOT NULL,
        period_from TEXT NOT NULL, period_to TEXT NOT NULL, jalali TEXT NOT NULL, generated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX reports_period ON reports (period_from DESC, id);
    `,
  },
  {
    // [UP4] A branch's or an office's stored reports (listReports with scopeIds, newest first) are
    // read through this index instead of walking every report of the organisation by period.
    version: 2,
    sql: `
      CREATE INDEX reports_scope ON reports (scope_id, period_from DESC, id);
    `,
  },
];

/** Rows read from the file before the event loop gets a turn. */
const CHUNK = 500;

export interface SqliteHistory extends HistoryStore {
  readonly kind: 'sqlite';
  readonly path: string;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function openSqliteHistory(path: string): SqliteHistory {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  let q: ReturnType<typeof prepare> | undefined;
  const prepared = () => {
    q ??= prepare(db);
    return q;
  };

  const archive = db.transaction((batch: DayArchive) => {
    const s = prepared();
    const { branchId, day } = batch;
    const seq = lastSeq(batch.events);
    for (const e of batch.events) s.insertEvent.run(branchId, day, e.seq, toJson(e.event));
    for (const v of batch.visits) s.insertVisit.run(...toValues(VISIT_COLUMNS, { ...v, branchId, day }));
    const before = s.archived.get(branchId, day);
    // An older pass (another process archiving today) must not replace a newer one's figures.
    const stale = before !== undefined && (before.seq > seq || (before.final === 1 && !batch.final));
    if (!stale) {
      s.deleteClerkLog.run(branchId, day);
      const rowNo = new Map<string, number>();
      for (const r of batch.clerkLog) {
        const n = (rowNo.get(r.clerkId) ?? 0) + 1;
        rowNo.set(r.clerkId, n);
        s.insertClerkLog.run(...toValues(CLERK_LOG_COLUMNS, { ...r, branchId, day }), n);
      }
      s.deleteRollups.run(branchId, day);
      for (const r of batch.rollups) s.insertRollup.run(...toValues(ROLLUP_COLUMNS, { ...r, branchId, day }));
      s.upsertArchived.run(branchId, day, seq, batch.final ? 1 : 0);
    }
  });

  async function* stream<T>(
    table: keyof typeof ORDER,
    columns: readonly (readonly [string, string])[],
    f: HistoryFilter,
  ) {
    const params: unknown[] = [];
    const where = whereOf(
      f,
      table,
      (v) => {
        params.push(v);
        return '?';
      },
      (column, values) => {
        params.push(...values);
        return `${column} IN (${placeholders(values.length)})`;
      },
    );
    const reader = new Database(path, { readonly: true });
    try {
      reader.pragma('busy_timeout = 5000');
      const rows = reader
        .prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY ${ORDER[table]}`)
        .iterate(...params) as IterableIterator<Record<string, unknown>>;
      let n = 0;
      for (const row of rows) {
        yield fromRow<T>(columns, row);
        if (++n % CHUNK === 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      reader.close();
    }
  }

  return {
    kind: 'sqlite',
    path,
    async migrate() {
      return db
        .transaction(() => {
          db.exec(
            'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
          );
          const current =
            (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
          const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
          if (current > latest) throw new SchemaTooNewError('sqlite history', current, latest);
          for (const m of SQLITE_MIGRATIONS) {
            if (m.version <= current) continue;
            db.exec(m.sql);
            db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
              m.version,
              new Date().toISOString(),
            );
          }
          return Math.max(current, latest);
        })
        .immediate();
    },
    async archiveDay(batch) {
      archive.immediate(batch);
    },
    async archived(branchId, day): Promise<ArchivedDay | undefined> {
      const row = prepared().archived.get(branchId, day);
      return row && { branchId, day, seq: row.seq, final: row.final === 1 };
    },
    async archivedDays(branchId, range) {
      const s = prepared();
      const rows = range ? s.daysIn.all(branchId, range.from, range.to) : s.days.all(branchId);
      return rows.map((r) => r.day);
    },
    async readEvents(branchId, day, afterSeq) {
      assertVersion(afterSeq, 'afterSeq');
      return prepared()
        .events.all(branchId, day, afterSeq)
        .map((r): StoredEvent => ({ seq: r.seq, event: JSON.parse(r.event) as DomainEvent }));
    },
    rollups: (f) => stream<RollupRow>('rollups', ROLLUP_COLUMNS, f),
    visits: (f) => stream<VisitRow>('visits', VISIT_COLUMNS, f),
    clerkLog: (f) => stream<ClerkLogArchiveRow>('clerk_log', CLERK_LOG_COLUMNS, f),
    async putReport(report) {
      const r = prepared().insertReport.run(
        report.id,
        report.kind,
        report.scope.level,
        report.scope.id,
        report.period.from,
        report.period.to,
        report.period.jalali,
        report.generatedAt,
        toJson(report.data),
      );
      return r.changes === 1;
    },
    async getReport(id) {
      const row = prepared().getReport.get(id);
      return row && { ...reportMeta(row), data: JSON.parse(row.data as string) };
    },
    async listReports(filter) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.kind) {
        where.push('kind = ?');
        params.push(filter.kind);
      }
      if (filter.scopeIds) {
        where.push(filter.scopeIds.length ? `scope_id IN (${placeholders(filter.scopeIds.length)})` : 'FALSE');
        params.push(...filter.scopeIds);
      }
      const rows = db
        .prepare(
          `SELECT id, kind, scope_level, scope_id, period_from, period_to, jalali, generated_at FROM reports
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period_from DESC, id LIMIT ?`,
        )
        .all(...params, filter.limit) as ReportRow[];
      return rows.map(reportMeta);
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** The statements, prepared once the schema exists (after migrate). */
function prepare(db: Database.Database) {
  const cols = (c: readonly (readonly [string, string])[]) => c.map(([name]) => name).join(', ');
  return {
    insertEvent: db.prepare<[string, string, number, string]>(
      'INSERT INTO events (branch, day, seq, event) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    insertVisit: db.prepare<unknown[]>(
      `INSERT INTO visits (${cols(VISIT_COLUMNS)}) VALUES (${placeholders(VISIT_COLUMNS.length)}) ON CONFLICT DO NOTHING`,
    ),
    deleteClerkLog: db.prepare<[string, string]>('DELETE FROM clerk_log WHERE branch = ? AND day = ?'),
    insertClerkLog: db.prepare<unknown[]>(
      `INSERT INTO clerk_log (${cols(CLERK_LOG_COLUMNS)}, row_no) VALUES (${placeholders(CLERK_LOG_COLUMNS.length + 1)})`,
    ),
    deleteRollups: db.prepare<[string, string]>('DELETE FROM rollups WHERE branch = ? AND day = ?'),
    insertRollup: db.prepare<unknown[]>(
      `INSERT INTO rollups (${cols(ROLLUP_COLUMNS)}) VALUES (${placeholders(ROLLUP_COLUMNS.length)})`,
    ),
    archived: db.prepare<[string, string], { seq: number; final: number }>(
      'SELECT seq, final FROM archived_days WHERE branch = ? AND day = ?',
    ),
    upsertArchived: db.prepare<[string, string, number, number]>(
      `INSERT INTO archived_days (branch, day, seq, final) VALUES (?, ?, ?, ?)
       ON CONFLICT (branch, day) DO UPDATE SET seq = excluded.seq, final = excluded.final`,
    ),
    days: db.prepare<[string], { day: string }>('SELECT day FROM archived_days WHERE branch = ? ORDER BY day'),
    daysIn: db.prepare<[string, string, string], { day: string }>(
      'SELECT day FROM archived_days WHERE branch = ? AND day >= ? AND day <= ? ORDER BY day',
    ),
    events: db.prepare<[string, string, number], { seq: number; event: string }>(
      'SELECT seq, event FROM events WHERE branch = ? AND day = ? AND seq > ? ORDER BY seq',
    ),
    insertReport: db.prepare<[string, string, string, string, string, string, string, string, string]>(
      `INSERT INTO reports (id, kind, scope_level, scope_id, period_from, period_to, jalali, generated_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    getReport: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE id = ?'),
  };
}
