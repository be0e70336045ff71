// [OP6–OP9] Backups of real SQLite files in temporary folders: a set taken while the store is being
// written holds every write that was acknowledged before it began; its manifest names what, when, the
// schema and the checksums; a damaged set is refused; retention keeps the newest sets; a restore refuses
// a held data directory, puts the set in place and keeps what it replaced.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION } from '@nobat/protocol';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/events.ts';
import { openSqliteHistory } from '../history/sqlite/sqlite-history.ts';
import { openSqliteStore, SQLITE_STORE_SCHEMA_VERSION } from '../store/sqlite/sqlite-store.ts';
import {
  BackupError,
  dataDirHolders,
  holdDataDir,
  listBackups,
  MANIFEST,
  pruneBackups,
  readManifest,
  restoreBackup,
  takeBackup,
  verifyBackup,
} from './backup.ts';

const root = mkdtempSync(join(tmpdir(), 'nobat-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => {
  const d = join(root, `${name}-${++n}`);
  return d;
};

const DAY = '2026-11-22';
const opened = (at: number): DomainEvent => ({ type: 'CounterOpened', at, counterId: 'c1', clerkId: 'u1' });

/** A data directory with a live store and a migrated history, as a server leaves it. */
async function dataDirWith(events: number): Promise<string> {
  const dataDir = fresh('data');
  const store = openSqliteStore(join(dataDir, 'nobat.sqlite'));
  for (let i = 0; i < events; i++) expect((await store.appendEvents('br', DAY, i, [opened(i)])).ok).toBe(true);
  await store.close();
  const history = openSqliteHistory(join(dataDir, 'history.sqlite'));
  await history.migrate();
  await history.close();
  return dataDir;
}

describe('taking a backup', () => {
  it('[OP6] copies while the store is written: every append acknowledged before it began is in the set', async () => {
    const dataDir = await dataDirWith(0);
    const store = openSqliteStore(join(dataDir, 'nobat.sqlite'));
    let version = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const r = await store.appendEvents('br', DAY, version, [opened(version)]);
        expect(r.ok).toBe(true);
        version++;
      }
    })();
    // Some writes first, then the backup while they go on.
    while (version < 50) await new Promise((r) => setImmediate(r));
    const acknowledgedBefore = version;
    const set = await takeBackup({ dataDir, into: fresh('backups') });
    const afterBackup = version;
    writing = false;
    await writer;
    await store.close();

    expect(afterBackup).toBeGreaterThan(acknowledgedBefore); // the writes really went on meanwhile
    const copy = openSqliteStore(join(set.dir, 'nobat.sqlite'));
    try {
      const seqs = (await copy.readEvents('br', DAY, 0)).map((e) => e.seq);
      expect(seqs.length).toBeGreaterThanOrEqual(acknowledgedBefore);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1)); // whole, in order, no gap
    } finally {
      await copy.close();
    }
  });

  it('[OP6] writes a manifest: what, when, schema and app versions, sizes and checksums; the copies stand alone', async () => {
    const dataDir = await dataDirWith(3);
    const into = fresh('backups');
    const set = await takeBackup({ dataDir, into, clock: () => Date.UTC(2026, 11, 3, 10, 0, 0, 5) });
    expect(set.dir).toBe(join(into, 'nobat-2026-12-03T10-00-00-005Z'));
    expect(readdirSync(set.dir).sort()).toEqual(['history.sqlite', MANIFEST, 'nobat.sqlite']);
    const m = readManifest(set.dir);
    expect(m).toEqual(set.manifest);
    expect(m).toMatchObject({
      format: 'nobat-backup/1',
      takenAt: '2026-12-03T10:00:00.005Z',
      app: { name: '@nobat/server', version: expect.stringMatching(/^\d+\.\d+\.\d+/), protocol: PROTOCOL_VERSION },
    });
    expect(m.files.map((f) => [f.name, f.store])).toEqual([
      ['nobat.sqlite', 'live'],
      ['history.sqlite', 'history'],
    ]);
    expect(m.files[0]?.schemaVersion).toBe(SQLITE_STORE_SCHEMA_VERSION);
    expect(m.files[1]?.schemaVersion).toBeGreaterThan(0);
    for (const f of m.files) {
      expect(f.bytes).toBe(readFileSync(join(set.dir, f.name)).length);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      // Self-contained: no WAL beside it, not in WAL mode.
      expect(existsSync(join(set.dir, `${f.name}-wal`))).toBe(false);
      const db = new Database(join(set.dir, f.name), { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      db.close();
    }
    expect(verifyBackup(set.dir).problems).toEqual([]);
  });

  it('refuses a data directory with no SQLite store, leaving no partial set', async () => {
    const into = fresh('backups');
    await expect(takeBackup({ dataDir: fresh('empty'), into })).rejects.toThrow(BackupError);
    expect(existsSync(into) ? readdirSync(into) : []).toEqual([]);
  });

  it('[OP7] retention keeps the newest sets', async () => {
    const dataDir = await dataDirWith(1);
    const into = fresh('backups');
    let t = Date.UTC(2026, 11, 3, 8);
    for (let i = 0; i < 5; i++) await takeBackup({ dataDir, into, clock: () => (t += 60_000) });
    const all = listBackups(into);
    expect(all).toHaveLength(5);
    expect(pruneBackups(into, 2)).toEqual(all.slice(0, 3));
    expect(listBackups(into)).toEqual(all.slice(3));
  });
});

describe('verifying and restoring', () => {
  it('[OP8] finds a changed, truncated or missing file and a folder that is no set', async () => {
    const set = (await takeBackup({ dataDir: await dataDirWith(2), into: fresh('backups') })).dir;
    const live = join(set, 'nobat.sqlite');
    const bytes = readFileSync(live);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    writeFileSync(live, bytes);
    expect(verifyBackup(set).problems).toEqual(['nobat.sqlite: checksum differs from the manifest']);
    writeFileSync(live, bytes.subarray(0, 100));
    expect(verifyBackup(set).problems).toEqual([expect.stringMatching(/^nobat\.sqlite: 100 bytes, the manifest says/)]);
    rmSync(join(set, 'history.sqlite'));
    expect(verifyBackup(set).problems).toContain('history.sqlite: missing');
    expect(() => restoreBackup({ set, dataDir: fresh('target') })).toThrow(/checksum|bytes|missing/);
    expect(() => verifyBackup(fresh('nothing'))).toThrow(/not a Nobat backup set/);
  });

  it('[OP9] refuses while a server holds the data directory; then restores, keeping the replaced files', async () => {
    const source = await dataDirWith(4);
    const set = (await takeBackup({ dataDir: source, into: fresh('backups') })).dir;
    const target = await dataDirWith(1); // what the restore replaces

    const release = holdDataDir(target);
    expect(dataDirHolders(target)).toEqual([expect.objectContaining({ pid: process.pid })]);
    let refused: unknown;
    try {
      restoreBackup({ set, dataDir: target });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).code).toBe('in-use');
    release();
    expect(dataDirHolders(target)).toEqual([]);

    const r = restoreBackup({ set, dataDir: target, clock: () => Date.UTC(2026, 11, 3, 12) });
    expect(r.restored).toEqual(['nobat.sqlite', 'history.sqlite']);
    expect(r.replacedDir).toBe(join(target, 'replaced-2026-12-03T12-00-00-000Z'));
    expect(readdirSync(r.replacedDir as string)).toEqual(expect.arrayContaining(['nobat.sqlite', 'history.sqlite']));
    expect(readdirSync(target).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    const restored = openSqliteStore(join(target, 'nobat.sqlite'));
    const replaced = openSqliteStore(join(r.replacedDir as string, 'nobat.sqlite'));
    try {
      expect((await restored.readEvents('br', DAY, 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect((await replaced.readEvents('br', DAY, 0)).map((e) => e.seq)).toEqual([1]);
    } finally {
      await restored.close();
      await replaced.close();
    }
  });

  it('[OP9] a mark left by a process that is gone does not hold the directory', () => {
    const dir = fresh('stale');
    const release = holdDataDir(dir);
    const mine = readdirSync(dir)[0] as string;
    // A pid no process has (above the kernel's pid_max).
    writeFileSync(
      join(dir, 'nobat-server.99999999.pid'),
      JSON.stringify({ pid: 99999999, host: holderHost(dir, mine) }),
    );
    release();
    expect(dataDirHolders(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

function holderHost(dir: string, file: string): string {
  return (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { host: string }).host;
}
