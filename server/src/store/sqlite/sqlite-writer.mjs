// [S7] The SQLite store's writes, run on a connection of their own. Every write the store is asked for
// in one event-loop turn (appends of every branch, records, audit entries, dropped days) is one
// transaction here, so one commit — with synchronous=FULL, one fsync — makes them all durable; each
// keeps its own all-or-nothing (a savepoint each) and its own compare-and-set. Run as a worker thread
// (the store's default for a file), the fsync never holds the server's event loop: the store answers
// a write only after this thread's commit returned. Plain JavaScript, so that the same file runs as
// the worker from the sources (tests) and from the build (server/dist/, copied by scripts/build.mjs).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** A connection for writing: WAL, a busy timeout (another process may hold the lock), the sync level. */
export function openWriterDb(path, synchronous) {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  return db;
}

/** The write operations on `db`; `run(ops)` runs them in one IMMEDIATE transaction, in order. */
export function writerOps(db) {
  const q = {
    version: db.prepare('SELECT coalesce(max(seq), 0) AS v FROM events WHERE branch = ? AND day = ?'),
    insertEvent: db.prepare('INSERT INTO events (branch, day, seq, at, type, body) VALUES (?, ?, ?, ?, ?, ?)'),
    dropDay: db.prepare('DELETE FROM events WHERE branch = ? AND day = ?'),
    getRecord: db.prepare(
      'SELECT version FROM records WHERE kind = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)',
    ),
    insertRecord: db.prepare(
      'INSERT INTO records (kind, id, version, body, expires_at, grp) VALUES (?, ?, 1, ?, ?, ?)',
    ),
    updateRecord: db.prepare(
      'UPDATE records SET version = ?, body = ?, expires_at = ?, grp = ? WHERE kind = ? AND id = ?',
    ),
    deleteRecord: db.prepare('DELETE FROM records WHERE kind = ? AND id = ?'),
    deleteExpired: db.prepare('DELETE FROM records WHERE expires_at <= ?'),
    insertAudit: db.prepare('INSERT INTO audit (at, branch, kind, target, body) VALUES (?, ?, ?, ?, ?)'),
  };

  // One operation, in a savepoint of its own: a failure undoes it alone.
  const one = db.transaction((op) => {
    switch (op.op) {
      case 'append': {
        // [S2] Written as seq expected+1… only if the log's version is `expected`.
        const current = q.version.get(op.branchId, op.day)?.v ?? 0;
        if (current !== op.expected) return { ok: false, version: current };
        for (let i = 0; i < op.events.length; i++) {
          const e = op.events[i];
          q.insertEvent.run(op.branchId, op.day, op.expected + i + 1, e.at, e.type, e.body);
        }
        return { ok: true, version: op.expected + op.events.length };
      }
      case 'put': {
        // An expired record is gone: its row must not stand in the way of creating the id afresh.
        q.deleteExpired.run(op.now);
        const current = q.getRecord.get(op.kind, op.id, op.now)?.version ?? 0;
        if (current !== op.expected) return { ok: false, version: current };
        if (current === 0) q.insertRecord.run(op.kind, op.id, op.body, op.expiresAt, op.group ?? null);
        else q.updateRecord.run(current + 1, op.body, op.expiresAt, op.group ?? null, op.kind, op.id);
        return { ok: true, version: current + 1 };
      }
      case 'delete': {
        const live = q.getRecord.get(op.kind, op.id, op.now) !== undefined;
        q.deleteRecord.run(op.kind, op.id);
        return live;
      }
      case 'drop': {
        if (op.version !== null && (q.version.get(op.branchId, op.day)?.v ?? 0) !== op.version) return false;
        return q.dropDay.run(op.branchId, op.day).changes > 0;
      }
      case 'audit':
        return String(q.insertAudit.run(op.at, op.branchId, op.kind, op.target, op.body).lastInsertRowid);
      default:
        throw new Error(`sqlite writer: unknown operation ${op.op}`);
    }
  });

  const all = db.transaction((ops) =>
    ops.map((op) => {
      try {
        return { value: one(op) };
      } catch (error) {
        return { error: describe(error) };
      }
    }),
  );

  return {
    /** Outcomes in the order of `ops`; throws only if the transaction itself could not commit. */
    run: (ops) => all.immediate(ops),
  };
}

/** An error as it crosses to the other thread (message and SQLite code). */
function describe(error) {
  return {
    message: error instanceof Error ? error.message : String(error),
    code: typeof error?.code === 'string' ? error.code : undefined,
  };
}

if (!isMainThread && workerData?.nobatSqliteWriter && parentPort) {
  const port = parentPort;
  const db = openWriterDb(workerData.path, workerData.synchronous);
  const writer = writerOps(db);
  port.on('message', (message) => {
    if (message === 'close') {
      db.close();
      port.close();
      return;
    }
    try {
      port.postMessage({ outcomes: writer.run(message) });
    } catch (error) {
      port.postMessage({ failed: describe(error) });
    }
  });
}
