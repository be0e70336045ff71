// [UP2] Stores as earlier schemas wrote them, for the migration tests: the version-1 DDL of the SQLite
// live store kept here as it shipped (frozen: never edited with the code), the keys a Redis store of
// version 0 held, and a small day of events and records to write into them and read back.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Redis } from 'ioredis';
import type { DomainEvent } from '../../domain/events.ts';
import { testConfig } from '../../testing/fixtures.ts';
import { seededDay } from '../../testing/seed-history.ts';

export const OLD_BRANCH = 'b1';
export const OLD_DAY = '2026-11-22';

/** A busy morning of branch b1 as the old store kept it (the same events on every call). */
export function oldDay(): DomainEvent[] {
  return seededDay(testConfig(), OLD_DAY, { seed: 18, perHour: () => 30, open: 8, close: 10 });
}

/** Records as the old store kept them: kind, id, version, value. */
export const OLD_RECORDS: readonly {
  kind: 'user' | 'branch' | 'session' | 'request';
  id: string;
  version: number;
  value: object;
}[] = [
  { kind: 'user', id: 'u1', version: 3, value: { name: 'مریم احمدی', role: 'clerk' } },
  { kind: 'user', id: 'u2', version: 1, value: { name: 'علی رضایی', role: 'supervisor' } },
  { kind: 'branch', id: OLD_BRANCH, version: 7, value: { title: { fa: 'شعبهٔ مرکزی' } } },
  { kind: 'session', id: 's1', version: 1, value: { userId: 'u1' } },
  // Requests of two branches, written before records had groups ([UP9]: grouped by branch on migration).
  { kind: 'request', id: 'rq-1', version: 2, value: { id: 'rq-1', branchId: OLD_BRANCH, code: 'K1', events: [] } },
  { kind: 'request', id: 'rq-2', version: 1, value: { id: 'rq-2', branchId: 'b2', code: 'K2', events: [] } },
  { kind: 'request', id: 'rq-3', version: 1, value: { id: 'rq-3', branchId: OLD_BRANCH, code: 'K3', events: [] } },
];

/** The SQLite live store's schema 1, as it shipped. */
export const SQLITE_STORE_V1_DDL = `
  CREATE TABLE events (
    branch TEXT NOT NULL, day TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL,
    type TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (branch, day, seq)
  ) WITHOUT ROWID;
  CREATE TABLE records (
    kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
`;

/** Writes a SQLite live store file of schema 1 holding oldDay() and OLD_RECORDS. */
export function writeSqliteStoreV1(path: string): void {
  const db = new Database(path);
  try {
    db.exec(SQLITE_STORE_V1_DDL);
    const insertEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)');
    const insertRecord = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      oldDay().forEach((e, i) => {
        insertEvent.run(OLD_BRANCH, OLD_DAY, i + 1, e.at, e.type, JSON.stringify(e));
      });
      for (const r of OLD_RECORDS) insertRecord.run(r.kind, r.id, r.version, JSON.stringify(r.value));
    })();
    db.pragma('user_version = 1');
  } finally {
    db.close();
  }
}

/**
 * Writes what a Redis store held before schema versions were kept (schema 0): record hashes under
 * `<prefix>rec:<kind>` (no hash tag), a branch-day log as a stream `0-<seq>`, its version and days.
 */
export async function writeRedisStoreV0(raw: Redis, prefix: string): Promise<void> {
  const events = oldDay();
  const log = `${prefix}{b:${OLD_BRANCH}}:log:${OLD_DAY}`;
  const multi = raw.multi();
  events.forEach((e, i) => {
    multi.xadd(log, `0-${i + 1}`, 'e', JSON.stringify(e));
  });
  multi.set(`${prefix}{b:${OLD_BRANCH}}:ver:${OLD_DAY}`, String(events.length));
  multi.zadd(`${prefix}{b:${OLD_BRANCH}}:days`, 0, OLD_DAY);
  for (const r of OLD_RECORDS) {
    multi.hset(`${prefix}rec:${r.kind}`, r.id, JSON.stringify({ version: r.version, value: r.value }));
  }
  await multi.exec();
}

/**
 * [UP2] The SQL of every migration that has shipped, by store and version, as a hash: a migration is
 * never edited once shipped (a store that ran it would not run it again). A new migration adds a line.
 */
export const SHIPPED_MIGRATIONS: Record<string, Record<number, string>> = {
  'sqlite store': { 1: '9cfb020ee29ee216', 2: 'f6c011d72dec946f', 3: '52cbc302067cf08d', 4: '3efac0244e3c6107' },
  'sqlite history': { 1: '44911614d25a2309', 2: '8c06d2012ebc6d79' },
  'postgres history': { 1: 'c9ee718e9e541701', 2: '8c06d2012ebc6d79' },
};

export const sqlHash = (sql: string): string =>
  createHash('sha256').update(sql.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
