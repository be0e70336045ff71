// PostgreSQL history adapter (DATABASE_URL): a pool; each branch-day's archive one transaction under an
// advisory lock of its own (two servers archiving the same day take turns); migrations under a
// database-wide advisory lock; streams read through a cursor, a chunk at a time, on a client of their own.

import pg from 'pg';
import Cursor from 'pg-cursor';
import type { ClerkLogArchiveRow, RollupRow, VisitRow } from '../../domain/archive.ts';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import { assertVersion, toJson } from '../../store/codec.ts';
import { SchemaTooNewError } from '../../store/schema.ts';
import type { ArchivedDay, HistoryFilter, HistoryStore } from '../port.ts';
import {
  CLERK_LOG_COLUMNS,
  fromRow,
  lastSeq,
  ORDER,
  type ReportRow,
  ROLLUP_COLUMNS,
  reportMeta,
  VISIT_COLUMNS,
  whereOf,
} from '../sql.ts';

/** [H7] The schema's versions, in order; each runs once, in the transaction that records it. */
export const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        branch text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, seq integer NOT NULL, event text COLLATE "C" NOT NULL,
        PRIMARY KEY (branch, day, seq)
      );
      CREATE TABLE visits (
        branch text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, ticket_id text COLLATE "C" NOT NULL, visit_no integer NOT NULL,
        number text COLLATE "C" NOT NULL, service_id text COLLATE "C" NOT NULL, counter_id text COLLATE "C" NOT NULL, clerk_id text COLLATE "C" NOT NULL,
        queued_at bigint NOT NULL, called_at bigint NOT NULL, started_at bigint, ended_at bigint,
        outcome text COLLATE "C" NOT NULL, recalls integer NOT NULL, wait_ms bigint NOT NULL, serve_ms bigint,
        hour integer NOT NULL, weekday integer NOT NULL,
        PRIMARY KEY (branch, day, ticket_id, visit_no)
      );
      CREATE INDEX visits_day_branch ON visits (day, branch, ticket_id, visit_no);
      CREATE TABLE clerk_log (
        branch text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, clerk_id text COLLATE "C" NOT NULL, row_no integer NOT NULL,
        receipt_number text COLLATE "C" NOT NULL, ticket_id text COLLATE "C" NOT NULL, service_id text COLLATE "C" NOT NULL,
        received_at bigint NOT NULL, promised_at bigint NOT NULL, handed_at bigint, responded_at bigint,
        delivered_at bigint, outcome text COLLATE "C" NOT NULL, serve_ms bigint,
        PRIMARY KEY (branch, day, clerk_id, row_no)
      );
      CREATE INDEX clerk_log_day_branch ON clerk_log (day, branch, clerk_id, row_no);
      CREATE TABLE rollups (
        branch text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, hour integer NOT NULL, weekday integer NOT NULL,
        service_id text COLLATE "C" NOT NULL, counter_id text COLLATE "C" NOT NULL, clerk_id text COLLATE "C" NOT NULL,
        issued integer NOT NULL, called integer NOT NULL, served integer NOT NULL, no_show integer NOT NULL,
        transferred integer NOT NULL, cancelled integer NOT NULL, parked integer NOT NULL, recalls integer NOT NULL,
        wait_count integer NOT NULL, wait_sum_ms bigint NOT NULL, within_target integer NOT NULL,
        wait_hist jsonb NOT NULL, serve_count integer NOT NULL, serve_sum_ms bigint NOT NULL, serve_hist jsonb NOT NULL,
        PRIMARY KEY (branch, day, hour, service_id, counter_id, clerk_id)
      );
      CREATE INDEX rollups_day_branch ON rollups (day, branch, hour, service_id, counter_id, clerk_id);
      CREATE TABLE archived_days (
        branch text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, seq integer NOT NULL, final boolean NOT NULL,
        PRIMARY KEY (branch, day)
      );
      CREATE TABLE reports (
        id text COLLATE "C" PRIMARY KEY, kind text COLLATE "C" NOT NULL, scope_level text COLLATE "C" NOT NULL, scope_id text COLLATE "C" NOT NULL,
        period_from text COLLATE "C" NOT NULL, period_to text COLLATE "C" NOT NULL, jalali text COLLATE "C" NOT NULL, generated_at text COLLATE "C" NOT NULL,
        data json NOT NULL
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

/** The advisory lock migrations run under (any fixed number; "nobat-hs"). */
const MIGRATION_LOCK = 0x6e6f_6261_7468;
/** Rows a cursor reads at a time. */
const CHUNK = 500;

// bigint columns hold epoch ms and durations: all well within a double.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgHistory extends HistoryStore {
  readonly kind: 'postgres';
}

/** jsonb_to_recordset's column list for a table's columns. */
const recordsetOf = (columns: readonly (readonly [string, string])[], sqlTypes: Record<string, string>) =>
  columns.map(([column, field]) => `"${field}" ${sqlTypes[column] ?? 'text'}`).join(', ');
const BIGINTS = [
  'queued_at',
  'called_at',
  'started_at',
  'ended_at',
  'wait_ms',
  'serve_ms',
  'received_at',
  'promised_at',
  'handed_at',
  'responded_at',
  'delivered_at',
  'wait_sum_ms',
  'serve_sum_ms',
];
const INTS = [
  'visit_no',
  'hour',
  'weekday',
  'recalls',
  'issued',
  'called',
  'served',
  'no_show',
  'transferred',
  'cancelled',
  'parked',
  'wait_count',
  'within_target',
  'serve_count',
];
const SQL_TYPES: Record<string, string> = {
  ...Object.fromEntries(BIGINTS.map((c) => [c, 'bigint'])),
  ...Object.fromEntries(INTS.map((c) => [c, 'integer'])),
  wait_hist: 'jsonb',
  serve_hist: 'jsonb',
};
const names = (columns: readonly (readonly [string, string])[]) => columns.map(([c]) => c).join(', ');
const fields = (columns: readonly (readonly [string, string])[]) => columns.map(([, f]) => `x."${f}"`).join(', ');

export function openPgHistory(url: string, opts: { max?: number } = {}): PgHistory {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types });
  // An idle client's connection dropping (the database restarted) must not end the process.
  pool.on('error', () => undefined);

  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function* stream<T>(
    table: keyof typeof ORDER,
    columns: readonly (readonly [string, string])[],
    f: HistoryFilter,
  ) {
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = whereOf(f, table, param, (column, values) => `${column} = ANY(${param(values)}::text[])`);
    const client = await pool.connect();
    const cursor = client.query(
      new Cursor<Record<string, unknown>>(
        `SELECT ${names(columns)} FROM ${table} WHERE ${where} ORDER BY ${ORDER[table]}`,
        params,
      ),
    );
    let broken = false;
    try {
      for (;;) {
        const rows = await cursor.read(CHUNK);
        for (const row of rows) yield fromRow<T>(columns, row);
        if (rows.length < CHUNK) break;
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      await cursor.close().catch(() => {
        broken = true;
      });
      client.release(broken);
    }
  }

  return {
    kind: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await client.query(
            'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
          );
          const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
          const current = rows[0]?.v ?? 0;
          const latest = PG_MIGRATIONS.at(-1)?.version ?? 0;
          if (current > latest) throw new SchemaTooNewError('postgres history', current, latest);
          for (const m of PG_MIGRATIONS) {
            if (m.version <= current) continue;
            await client.query('BEGIN');
            try {
              await client.query(m.sql);
              await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
              await client.query('COMMIT');
            } catch (error) {
              await client.query('ROLLBACK');
              throw error;
            }
          }
          return Math.max(current, latest);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async archiveDay(batch) {
      const { branchId, day } = batch;
      const seq = lastSeq(batch.events);
      await inTransaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${branchId}\n${day}`]);
        await c.query(
          `INSERT INTO events (branch, day, seq, event)
           SELECT $1, $2, s, e FROM unnest($3::integer[], $4::text[]) AS t(s, e) ON CONFLICT DO NOTHING`,
          [branchId, day, batch.events.map((e) => e.seq), batch.events.map((e) => toJson(e.event))],
        );
        const rowsOf = (rows: readonly object[]) => toJson(rows.map((r) => ({ ...r, branchId, day })));
        await c.query(
          `INSERT INTO visits (${names(VISIT_COLUMNS)})
           SELECT ${fields(VISIT_COLUMNS)} FROM jsonb_to_recordset($1::jsonb) AS x(${recordsetOf(VISIT_COLUMNS, SQL_TYPES)})
           ON CONFLICT DO NOTHING`,
          [rowsOf(batch.visits)],
        );
        const before = await c.query<{ seq: number; final: boolean }>(
          'SELECT seq, final FROM archived_days WHERE branch = $1 AND day = $2',
          [branchId, day],
        );
        const was = before.rows[0];
        // An older pass (another process archiving today) must not replace a newer one's figures.
        if (was && (was.seq > seq || (was.final && !batch.final))) return;
        await c.query('DELETE FROM clerk_log WHERE branch = $1 AND day = $2', [branchId, day]);
        const rowNo = new Map<string, number>();
        const clerkRows = batch.clerkLog.map((r) => {
          const n = (rowNo.get(r.clerkId) ?? 0) + 1;
          rowNo.set(r.clerkId, n);
          return { ...r, rowNo: n };
        });
        await c.query(
          `INSERT INTO clerk_log (${names(CLERK_LOG_COLUMNS)}, row_no)
           SELECT ${fields(CLERK_LOG_COLUMNS)}, x."rowNo"
           FROM jsonb_to_recordset($1::jsonb) AS x(${recordsetOf(CLERK_LOG_COLUMNS, SQL_TYPES)}, "rowNo" integer)`,
          [rowsOf(clerkRows)],
        );
        await c.query('DELETE FROM rollups WHERE branch = $1 AND day = $2', [branchId, day]);
        await c.query(
          `INSERT INTO rollups (${names(ROLLUP_COLUMNS)})
           SELECT ${fields(ROLLUP_COLUMNS)} FROM jsonb_to_recordset($1::jsonb) AS x(${recordsetOf(ROLLUP_COLUMNS, SQL_TYPES)})`,
          [rowsOf(batch.rollups)],
        );
        await c.query(
          `INSERT INTO archived_days (branch, day, seq, final) VALUES ($1, $2, $3, $4)
           ON CONFLICT (branch, day) DO UPDATE SET seq = excluded.seq, final = excluded.final`,
          [branchId, day, seq, batch.final],
        );
      });
    },
    async archived(branchId, day): Promise<ArchivedDay | undefined> {
      const { rows } = await pool.query<{ seq: number; final: boolean }>(
        'SELECT seq, final FROM archived_days WHERE branch = $1 AND day = $2',
        [branchId, day],
      );
      const row = rows[0];
      return row && { branchId, day, seq: row.seq, final: row.final };
    },
    async archivedDays(branchId, range) {
      const { rows } = range
        ? await pool.query<{ day: string }>(
            'SELECT day FROM archived_days WHERE branch = $1 AND day >= $2 AND day <= $3 ORDER BY day',
            [branchId, range.from, range.to],
          )
        : await pool.query<{ day: string }>('SELECT day FROM archived_days WHERE branch = $1 ORDER BY day', [branchId]);
      return rows.map((r) => r.day);
    },
    async readEvents(branchId, day, afterSeq) {
      assertVersion(afterSeq, 'afterSeq');
      const { rows } = await pool.query<{ seq: number; event: string }>(
        'SELECT seq, event FROM events WHERE branch = $1 AND day = $2 AND seq > $3 ORDER BY seq',
        [branchId, day, afterSeq],
      );
      return rows.map((r): StoredEvent => ({ seq: r.seq, event: JSON.parse(r.event) as DomainEvent }));
    },
    rollups: (f) => stream<RollupRow>('rollups', ROLLUP_COLUMNS, f),
    visits: (f) => stream<VisitRow>('visits', VISIT_COLUMNS, f),
    clerkLog: (f) => stream<ClerkLogArchiveRow>('clerk_log', CLERK_LOG_COLUMNS, f),
    async putReport(report) {
      const r = await pool.query(
        `INSERT INTO reports (id, kind, scope_level, scope_id, period_from, period_to, jalali, generated_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::json) ON CONFLICT DO NOTHING`,
        [
          report.id,
          report.kind,
          report.scope.level,
          report.scope.id,
          report.period.from,
          report.period.to,
          report.period.jalali,
          report.generatedAt,
          toJson(report.data),
        ],
      );
      return r.rowCount === 1;
    },
    async getReport(id) {
      const { rows } = await pool.query<ReportRow>('SELECT * FROM reports WHERE id = $1', [id]);
      const row = rows[0];
      return row && { ...reportMeta(row), data: row.data };
    },
    async listReports(filter) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.kind) {
        params.push(filter.kind);
        where.push(`kind = $${params.length}`);
      }
      if (filter.scopeIds) {
        params.push(filter.scopeIds);
        where.push(`scope_id = ANY($${params.length}::text[])`);
      }
      params.push(filter.limit);
      const { rows } = await pool.query<ReportRow>(
        `SELECT id, kind, scope_level, scope_id, period_from, period_to, jalali, generated_at FROM reports
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period_from DESC, id LIMIT $${params.length}`,
        params,
      );
      return rows.map(reportMeta);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
