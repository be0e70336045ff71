// SQLite adapter: one file, WAL, every append an IMMEDIATE transaction so the version check and the
// insert cannot interleave with another connection — in this process or in another one. Records
// written with an expiry carry it in a column: reads skip expired ones, and every record write
// deletes the expired ones (an index keeps that cheap).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditEntry } from '@nobat/protocol';
import Database from 'better-sqlite3';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import { assertExpiry, assertGroup, assertVersion, toJson } from '../codec.ts';
import type {
  AppendResult,
  AuditFilter,
  AuditInput,
  ListOptions,
  PutOptions,
  PutResult,
  RecordKind,
  Store,
  VersionedRecord,
} from '../port.ts';
import { pending } from '../schema.ts';
import { type WriteError, type WriteOp, type WriterReply, writerOps } from './sqlite-writer.mjs';

/**
 * The next turn, as it was when this module loaded: a write waits for the turn's other writes, not
 * for a timer, so a test's fake timers (which replace the global) do not hold the store's writes.
 */
const nextTurn = setImmediate;

export interface SqliteStoreOptions {
  /** FULL (default) fsyncs the WAL on every commit, which is what makes a resolved append durable. */
  synchronous?: 'full' | 'normal';
  /** Epoch ms for record expiry (tests pass a fake clock). */
  clock?: () => number;
  /** [S7] Where writes run: a worker thread (default for a file) or this thread (default for ':memory:'). */
  writer?: 'thread' | 'inline';
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly path: string;
  /** The connection's effective settings, for health checks and tests. */
  settings(): {
    journalMode: string;
    synchronous: 'full' | 'normal' | 'other';
    busyTimeoutMs: number;
    schemaVersion: number;
  };
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // The busy timeout goes first: switching to WAL and migrating take locks another process may hold.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  migrate(db);
  const clock = options.clock ?? Date.now;

  const q = {
    readEvents: db.prepare<[string, string, number], { seq: number; body: string }>(
      'SELECT seq, body FROM events WHERE branch = ? AND day = ? AND seq > ? ORDER BY seq',
    ),
    days: db.prepare<[string], { day: string }>('SELECT DISTINCT day FROM events WHERE branch = ? ORDER BY day'),
    getRecord: db.prepare<[string, string, number], { version: number; body: string }>(
      'SELECT version, body FROM records WHERE kind = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)',
    ),
    listRecords: db.prepare<[string, number], { id: string; version: number; body: string }>(
      'SELECT id, version, body FROM records WHERE kind = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id',
    ),
    // [UP9] Through records_group: only the group's rows are read.
    listGroup: db.prepare<[string, string, number], { id: string; version: number; body: string }>(
      'SELECT id, version, body FROM records WHERE kind = ? AND grp = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id',
    ),
    // A NULL parameter means "any": one statement serves every combination of filters.
    listAudit: db.prepare<
      [{ branch: string | null; kind: string | null; target: string | null; before: number | null; limit: number }],
      { seq: number; body: string }
    >(
      `SELECT seq, body FROM audit
       WHERE (@branch IS NULL OR branch = @branch) AND (@kind IS NULL OR kind = @kind)
         AND (@target IS NULL OR target = @target) AND (@before IS NULL OR seq < @before)
       ORDER BY seq DESC LIMIT @limit`,
    ),
  };

  // [S7] Every write goes through the writer (sqlite-writer.mjs): the writes asked for in one
  // event-loop turn are one transaction, one commit. On a file it runs on a worker thread with its own
  // connection, so the event loop never waits on the fsync; a write resolves after its commit (S3).
  // One message is in flight at a time: what is asked for meanwhile is the next transaction.
  interface Pending {
    op: WriteOp;
    resolve: (value: never) => void;
    reject: (err: unknown) => void;
  }
  const threaded = (options.writer ?? (path === ':memory:' ? 'inline' : 'thread')) === 'thread';
  const inline = threaded ? undefined : writerOps(db);
  let queue: Pending[] = [];
  let inFlight: Pending[] | undefined;
  let scheduled = false;
  let closed = false;
  let idleWaiters: (() => void)[] = [];
  let worker: Worker | undefined;

  const settle = (items: Pending[], reply: WriterReply) => {
    if ('failed' in reply) {
      for (const p of items) p.reject(writeError(reply.failed));
      return;
    }
    items.forEach((p, i) => {
      const o = reply.outcomes[i];
      if (o && 'value' in o) p.resolve(o.value as never);
      else p.reject(writeError(o?.error ?? { message: 'sqlite writer: no outcome', code: undefined }));
    });
  };
  const afterWrite = () => {
    if (queue.length > 0) schedule();
    else if (!inFlight && !scheduled) {
      worker?.unref(); // an idle writer does not keep the process alive
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };
  const startWorker = (): Worker => {
    const w = new Worker(new URL('./sqlite-writer.mjs', import.meta.url), {
      workerData: { nobatSqliteWriter: true, path, synchronous: options.synchronous ?? 'full' },
    });
    w.unref();
    w.on('message', (reply: WriterReply) => {
      const items = inFlight ?? [];
      inFlight = undefined;
      settle(items, reply);
      afterWrite();
    });
    const lost = (err: unknown) => {
      if (worker !== w) return;
      worker = undefined;
      const items = inFlight ?? [];
      inFlight = undefined;
      // Its outcome is unknown: the commit may or may not have happened.
      for (const p of items) p.reject(err);
      afterWrite();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`sqlite writer thread exited (${code})`)));
    return w;
  };
  if (threaded) worker = startWorker();

  const flush = () => {
    scheduled = false;
    if (inFlight || queue.length === 0) return afterWrite();
    const items = queue;
    queue = [];
    const ops = items.map((p) => p.op);
    if (inline) {
      let reply: WriterReply;
      try {
        reply = { outcomes: inline.run(ops) };
      } catch (error) {
        for (const p of items) p.reject(error);
        return afterWrite();
      }
      settle(items, reply);
      return afterWrite();
    }
    worker ??= startWorker();
    inFlight = items;
    worker.ref(); // a write under way keeps the process alive until it is answered
    worker.postMessage(ops);
  };
  function schedule() {
    if (scheduled || inFlight) return;
    scheduled = true;
    nextTurn(flush);
  }
  const write = <T>(op: WriteOp): Promise<T> => {
    if (closed) return Promise.reject(new Error('sqlite store is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ op, resolve: resolve as (value: never) => void, reject });
      schedule();
    });
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      if (!inFlight && !scheduled && queue.length === 0) resolve();
      else idleWaiters.push(resolve);
    });

  return {
    kind: 'sqlite',
    path,
    settings() {
      const sync = db.pragma('synchronous', { simple: true });
      return {
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous: sync === 2 ? 'full' : sync === 1 ? 'normal' : 'other',
        busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
        schemaVersion: Number(db.pragma('user_version', { simple: true })),
      };
    },
    async readEvents(branchId, day, afterSeq) {
      assertVersion(afterSeq, 'afterSeq');
      return q.readEvents
        .all(branchId, day, afterSeq)
        .map((row): StoredEvent => ({ seq: row.seq, event: JSON.parse(row.body) as DomainEvent }));
    },
    async appendEvents(branchId, day, expectedVersion, events) {
      assertVersion(expectedVersion, 'expectedVersion');
      const rows = events.map((event) => ({ at: event.at, type: event.type, body: toJson(event) }));
      return write<AppendResult>({ op: 'append', branchId, day, expected: expectedVersion, events: rows });
    },
    async listDays(branchId) {
      return q.days.all(branchId).map((row) => row.day);
    },
    async dropDay(branchId, day, version) {
      if (version !== undefined) assertVersion(version, 'version');
      // In order: an append asked for before is written first.
      return write<boolean>({ op: 'drop', branchId, day, version: version ?? null });
    },
    async getRecord<T>(kind: RecordKind, id: string) {
      const row = q.getRecord.get(kind, id, clock());
      return row && { id, version: row.version, value: JSON.parse(row.body) as T };
    },
    async listRecords<T>(kind: RecordKind, opts: ListOptions = {}) {
      assertGroup(opts.group);
      const rows =
        opts.group === undefined ? q.listRecords.all(kind, clock()) : q.listGroup.all(kind, opts.group, clock());
      return rows.map(
        (row): VersionedRecord<T> => ({ id: row.id, version: row.version, value: JSON.parse(row.body) as T }),
      );
    },
    async putRecord<T>(kind: RecordKind, id: string, value: T, expectedVersion: number, opts: PutOptions = {}) {
      assertVersion(expectedVersion, 'expectedVersion');
      assertExpiry(opts.expiresAt);
      assertGroup(opts.group);
      return write<PutResult>({
        op: 'put',
        kind,
        id,
        body: toJson(value),
        expected: expectedVersion,
        expiresAt: opts.expiresAt ?? null,
        group: opts.group ?? null,
        now: clock(),
      });
    },
    async deleteRecord(kind, id) {
      return write<boolean>({ op: 'delete', kind, id, now: clock() });
    },
    async appendAudit(entry: AuditInput) {
      return write<string>({
        op: 'audit',
        at: entry.at,
        branchId: entry.branchId,
        kind: entry.target.kind,
        target: entry.target.id,
        body: toJson(entry),
      });
    },
    async listAudit(filter: AuditFilter) {
      let before: number | null = null;
      if (filter.before !== undefined) {
        if (!/^[1-9]\d{0,15}$/.test(filter.before)) throw new RangeError(`unknown audit cursor ${filter.before}`);
        before = Number(filter.before);
      }
      const rows = q.listAudit.all({
        branch: filter.branchId ?? null,
        kind: filter.kind ?? null,
        target: filter.targetId ?? null,
        before,
        limit: filter.limit + 1,
      });
      const entries = rows
        .slice(0, filter.limit)
        .map((row): AuditEntry => ({ id: String(row.seq), ...(JSON.parse(row.body) as AuditInput) }));
      return { entries, next: rows.length > filter.limit ? (entries.at(-1)?.id ?? null) : null };
    },
    async migrate() {
      // Done at open (synchronously, before the first statement is prepared): the version it left.
      return Number(db.pragma('user_version', { simple: true }));
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      // What was asked for before close is written; then the writer's connection, then this one.
      await idle();
      closed = true;
      const w = worker;
      worker = undefined;
      if (w) {
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.ref();
        w.postMessage('close');
        await exited;
      }
      if (db.open) db.close();
    },
  };
}

/** An error of a write, as the writer reported it (with SQLite's code, e.g. SQLITE_BUSY). */
export class SqliteWriteError extends Error {
  readonly code: string | undefined;
  constructor(e: WriteError) {
    super(e.message);
    this.name = 'SqliteWriteError';
    this.code = e.code;
  }
}

const writeError = (e: WriteError) => new SqliteWriteError(e);

/**
 * [UP1][UP2] The live store's schema versions, in order (the file's `PRAGMA user_version` says which
 * ran). Each runs once, at open, in the IMMEDIATE transaction that also sets the version, so a crash
 * or a second process starting at the same moment leaves the file at one version or the next.
 */
export const SQLITE_STORE_MIGRATIONS: readonly { version: number; why: string; sql: string }[] = [
  {
    version: 1,
    why: 'branch-day logs and versioned records',
    sql: `
      CREATE TABLE IF NOT EXISTS events (
        branch TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
        type TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (branch, day, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS records (
        kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
    `,
  },
  {
    version: 2,
    why: 'records may expire (epoch ms; NULL: never)',
    sql: `
      ALTER TABLE records ADD COLUMN expires_at INTEGER;
      CREATE INDEX records_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
    `,
  },
  {
    version: 3,
    why: 'the audit log of admin changes (append-only; AUTOINCREMENT so an id is never reused)',
    sql: `
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, branch TEXT, kind TEXT NOT NULL,
        target TEXT NOT NULL, body TEXT NOT NULL
      );
      CREATE INDEX audit_branch ON audit (branch, seq);
      CREATE INDEX audit_target ON audit (kind, target, seq);
    `,
  },
  {
    version: 4,
    why: "[UP9] records carry a group (requests: their branch), so one branch's are read without the others'",
    sql: `
      ALTER TABLE records ADD COLUMN grp TEXT;
      CREATE INDEX records_group ON records (kind, grp, id) WHERE grp IS NOT NULL;
      UPDATE records SET grp = json_extract(body, '$.branchId')
        WHERE kind = 'request' AND json_valid(body) AND json_type(body, '$.branchId') = 'text';
    `,
  },
];

/** [UP1] The schema version this code writes. */
export const SQLITE_STORE_SCHEMA_VERSION = SQLITE_STORE_MIGRATIONS.at(-1)?.version ?? 0;

function migrate(db: Database.Database): void {
  // IMMEDIATE so two processes opening a fresh file do not both try to create the schema.
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    for (const m of pending('sqlite store', SQLITE_STORE_MIGRATIONS, version)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}
