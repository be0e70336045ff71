// SQLite adapter: one file, WAL, every append an IMMEDIATE transaction so the version check and the
// insert cannot interleave with another connection — in this process or in another one. Records
// written with an expiry carry it in a column: reads skip expired ones, and every record write
// deletes the expired ones (an index keeps that cheap).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEntry } from '@nobat/protocol';
import Database from 'better-sqlite3';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import { assertExpiry, assertVersion, toJson } from '../codec.ts';
import type {
  AppendResult,
  AuditFilter,
  AuditInput,
  PutOptions,
  PutResult,
  RecordKind,
  Store,
  VersionedRecord,
} from '../port.ts';

const SCHEMA_VERSION = 3;

export interface SqliteStoreOptions {
  /** FULL (default) fsyncs the WAL on every commit, which is what makes a resolved append durable. */
  synchronous?: 'full' | 'normal';
  /** Epoch ms for record expiry (tests pass a fake clock). */
  clock?: () => number;
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
    version: db.prepare<[string, string], { v: number }>(
      'SELECT coalesce(max(seq), 0) AS v FROM events WHERE branch = ? AND day = ?',
    ),
    insertEvent: db.prepare<[string, string, number, number, string, string]>(
      'INSERT INTO events (branch, day, seq, at, type, body) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    readEvents: db.prepare<[string, string, number], { seq: number; body: string }>(
      'SELECT seq, body FROM events WHERE branch = ? AND day = ? AND seq > ? ORDER BY seq',
    ),
    days: db.prepare<[string], { day: string }>('SELECT DISTINCT day FROM events WHERE branch = ? ORDER BY day'),
    dropDay: db.prepare<[string, string]>('DELETE FROM events WHERE branch = ? AND day = ?'),
    getRecord: db.prepare<[string, string, number], { version: number; body: string }>(
      'SELECT version, body FROM records WHERE kind = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)',
    ),
    listRecords: db.prepare<[string, number], { id: string; version: number; body: string }>(
      'SELECT id, version, body FROM records WHERE kind = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id',
    ),
    insertRecord: db.prepare<[string, string, string, number | null]>(
      'INSERT INTO records (kind, id, version, body, expires_at) VALUES (?, ?, 1, ?, ?)',
    ),
    updateRecord: db.prepare<[number, string, number | null, string, string]>(
      'UPDATE records SET version = ?, body = ?, expires_at = ? WHERE kind = ? AND id = ?',
    ),
    deleteRecord: db.prepare<[string, string]>('DELETE FROM records WHERE kind = ? AND id = ?'),
    deleteExpired: db.prepare<[number]>('DELETE FROM records WHERE expires_at <= ?'),
    insertAudit: db.prepare<[string, string | null, string, string, string]>(
      'INSERT INTO audit (at, branch, kind, target, body) VALUES (?, ?, ?, ?, ?)',
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

  const append = db.transaction(
    (branchId: string, day: string, expected: number, events: readonly DomainEvent[]): AppendResult => {
      const current = q.version.get(branchId, day)?.v ?? 0;
      if (current !== expected) return { ok: false, version: current };
      events.forEach((event, i) => {
        q.insertEvent.run(branchId, day, expected + i + 1, event.at, event.type, toJson(event));
      });
      return { ok: true, version: expected + events.length };
    },
  );

  // Group commit across branches: every append asked for in one event-loop turn is written in one
  // transaction, so one fsync makes them all durable. Each keeps its own version check and its own
  // all-or-nothing (a savepoint each); a promise resolves only after the shared commit.
  interface PendingAppend {
    branchId: string;
    day: string;
    expected: number;
    events: readonly DomainEvent[];
    resolve: (r: AppendResult) => void;
    reject: (err: unknown) => void;
  }
  let pending: PendingAppend[] = [];
  let scheduled = false;
  const appendAll = db.transaction((items: PendingAppend[]) =>
    items.map((p) => {
      try {
        return { result: append(p.branchId, p.day, p.expected, p.events) };
      } catch (error) {
        return { error };
      }
    }),
  );
  const flush = () => {
    scheduled = false;
    const items = pending;
    pending = [];
    if (items.length === 0) return;
    let outcomes: ({ result: AppendResult } | { error: unknown })[];
    try {
      outcomes = appendAll.immediate(items);
    } catch (error) {
      for (const p of items) p.reject(error);
      return;
    }
    outcomes.forEach((o, i) => {
      const p = items[i];
      if (!p) return;
      if ('result' in o) p.resolve(o.result);
      else p.reject(o.error);
    });
  };

  const put = db.transaction(
    (kind: RecordKind, id: string, body: string, expected: number, expiresAt: number | null): PutResult => {
      const now = clock();
      // An expired record is gone: its row must not stand in the way of creating the id afresh.
      q.deleteExpired.run(now);
      const current = q.getRecord.get(kind, id, now)?.version ?? 0;
      if (current !== expected) return { ok: false, version: current };
      if (current === 0) q.insertRecord.run(kind, id, body, expiresAt);
      else q.updateRecord.run(current + 1, body, expiresAt, kind, id);
      return { ok: true, version: current + 1 };
    },
  );
  const drop = db.transaction((branchId: string, day: string, version: number | undefined): boolean => {
    if (version !== undefined && (q.version.get(branchId, day)?.v ?? 0) !== version) return false;
    return q.dropDay.run(branchId, day).changes > 0;
  });
  const remove = db.transaction((kind: RecordKind, id: string): boolean => {
    const live = q.getRecord.get(kind, id, clock()) !== undefined;
    q.deleteRecord.run(kind, id);
    return live;
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
      return new Promise<AppendResult>((resolve, reject) => {
        pending.push({ branchId, day, expected: expectedVersion, events, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async listDays(branchId) {
      return q.days.all(branchId).map((row) => row.day);
    },
    async dropDay(branchId, day, version) {
      if (version !== undefined) assertVersion(version, 'version');
      flush(); // an append asked for before is written first
      return drop.immediate(branchId, day, version);
    },
    async getRecord<T>(kind: RecordKind, id: string) {
      const row = q.getRecord.get(kind, id, clock());
      return row && { id, version: row.version, value: JSON.parse(row.body) as T };
    },
    async listRecords<T>(kind: RecordKind) {
      return q.listRecords
        .all(kind, clock())
        .map((row): VersionedRecord<T> => ({ id: row.id, version: row.version, value: JSON.parse(row.body) as T }));
    },
    async putRecord<T>(kind: RecordKind, id: string, value: T, expectedVersion: number, opts: PutOptions = {}) {
      assertVersion(expectedVersion, 'expectedVersion');
      assertExpiry(opts.expiresAt);
      return put.immediate(kind, id, toJson(value), expectedVersion, opts.expiresAt ?? null);
    },
    async deleteRecord(kind, id) {
      return remove.immediate(kind, id);
    },
    async appendAudit(entry: AuditInput) {
      const { lastInsertRowid } = q.insertAudit.run(
        entry.at,
        entry.branchId,
        entry.target.kind,
        entry.target.id,
        toJson(entry),
      );
      return String(lastInsertRowid);
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
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      flush(); // what was asked for before close is written
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  // IMMEDIATE so two processes opening a fresh file do not both try to create the schema.
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SCHEMA_VERSION) {
      throw new Error(`sqlite store: schema version ${version} is newer than this server's ${SCHEMA_VERSION}`);
    }
    if (version === SCHEMA_VERSION) return;
    if (version < 1) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS events (
          branch TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
          type TEXT NOT NULL, body TEXT NOT NULL,
          PRIMARY KEY (branch, day, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS records (
          kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
          PRIMARY KEY (kind, id)
        );
      `);
    }
    if (version < 2) {
      // 2: records may expire (epoch ms; NULL: never).
      db.exec(`
        ALTER TABLE records ADD COLUMN expires_at INTEGER;
        CREATE INDEX records_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
      `);
    }
    if (version < 3) {
      // 3: the audit log of admin changes (append-only; AUTOINCREMENT so an id is never reused).
      db.exec(`
        CREATE TABLE audit (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, branch TEXT, kind TEXT NOT NULL,
          target TEXT NOT NULL, body TEXT NOT NULL
        );
        CREATE INDEX audit_branch ON audit (branch, seq);
        CREATE INDEX audit_target ON audit (kind, target, seq);
      `);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
