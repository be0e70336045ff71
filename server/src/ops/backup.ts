// [OP6–OP9] Online backups of the embedded SQLite files (the live store, nobat.sqlite, and the history,
// history.sqlite) and their restore. A backup reads each file through a connection of its own with
// SQLite's online backup API (better-sqlite3 `backup()`), all pages in one step: one read transaction,
// so the copy is the database as it was at one moment, every commit before it in, none after — while
// the server goes on writing (WAL: readers and the writer do not wait for each other), on a thread of
// its own so the server's event loop does not wait on it either. Each copy is made
// self-contained (journal_mode DELETE), checked (integrity_check) and summed (SHA-256) into a set: a
// timestamped folder with manifest.json, written as <name>.partial and renamed when whole, so a set
// that has a manifest and no .partial suffix is complete.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROTOCOL_VERSION } from '@nobat/protocol';
import serverPackage from '../../package.json' with { type: 'json' };

/** The files a set may hold, by the store they are. */
export const BACKUP_FILES = { live: 'nobat.sqlite', history: 'history.sqlite' } as const;
export type BackupStore = keyof typeof BACKUP_FILES;

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'nobat-backup/1';

export interface BackupFile {
  name: string;
  store: BackupStore;
  /** The file's schema version: the live store's user_version, the history's latest migration. */
  schemaVersion: number;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  /** ISO time the copies were begun (every commit acknowledged before it is in them). */
  takenAt: string;
  app: { name: string; version: string; protocol: number };
  host: string;
  files: BackupFile[];
}

export interface BackupSet {
  dir: string;
  manifest: BackupManifest;
}

/** A backup or restore refused or failed, with a code the CLI turns into its exit status. */
export class BackupError extends Error {
  constructor(
    readonly code: 'nothing-to-back-up' | 'not-a-set' | 'corrupt' | 'in-use',
    message: string,
  ) {
    super(message);
  }
}

/** A set's folder name: nobat-2026-12-03T14-05-01-123Z (sorts by time). */
export function setName(at: number): string {
  return `nobat-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
}
const SET_NAME = /^nobat-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?$/;

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** better-sqlite3 as this module resolves it (from the sources or from the build), for the copying thread. */
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

// The copy runs on a thread of its own (plain CommonJS, evaluated: the same from the sources and the
// build), so the server's event loop never waits on it, however large the file: the backup step, the
// integrity check and the checksum all read the whole file.
const COPY_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Database = require(workerData.driver);
(async () => {
  const src = new Database(workerData.source, { readonly: true, fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    // Every page in one step: one read transaction, one moment of the database.
    await src.backup(workerData.dest, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
  const copy = new Database(workerData.dest);
  let check;
  let schemaVersion = 0;
  try {
    copy.pragma('journal_mode = DELETE');
    check = copy.pragma('integrity_check', { simple: true });
    if (workerData.store === 'live') {
      schemaVersion = Number(copy.pragma('user_version', { simple: true }));
    } else if (copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()) {
      schemaVersion = copy.prepare('SELECT max(version) AS v FROM schema_migrations').get().v ?? 0;
    }
  } finally {
    copy.close();
  }
  const fd = fs.openSync(workerData.dest, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(workerData.dest)) hash.update(chunk);
  parentPort.postMessage({ check, schemaVersion, bytes: fs.statSync(workerData.dest).size, sha256: hash.digest('hex') });
})().catch((err) => parentPort.postMessage({ failed: String((err && err.message) || err) }));
`;

type CopyReply = { check: string; schemaVersion: number; bytes: number; sha256: string } | { failed: string };

/** [OP6] Copies one SQLite file online into `dest`, then makes the copy self-contained and checks it. */
function copyOnline(source: string, dest: string, store: BackupStore): Promise<BackupFile> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(COPY_THREAD, { eval: true, workerData: { driver: DRIVER, source, dest, store } });
    let replied = false;
    worker.once('message', (reply: CopyReply) => {
      replied = true;
      if ('failed' in reply) reject(new Error(`${basename(source)}: ${reply.failed}`));
      else if (reply.check !== 'ok') {
        reject(new BackupError('corrupt', `${basename(source)}: the copy fails its integrity check: ${reply.check}`));
      } else {
        const { schemaVersion, bytes, sha256 } = reply;
        resolvePromise({ name: basename(dest), store, schemaVersion, bytes, sha256 });
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`${basename(source)}: the copying thread ended (${code}) without an answer`));
    });
  });
}

/**
 * [OP6] Takes a set now of the SQLite files found in `dataDir` (or those named in `stores`) into a new
 * folder under `into`. Resolves once the set is complete (renamed from .partial).
 */
export async function takeBackup(opts: {
  dataDir: string;
  into: string;
  stores?: readonly BackupStore[];
  clock?: () => number;
}): Promise<BackupSet> {
  const now = (opts.clock ?? Date.now)();
  const wanted = (opts.stores ?? (Object.keys(BACKUP_FILES) as BackupStore[])).filter((s) =>
    existsSync(join(opts.dataDir, BACKUP_FILES[s])),
  );
  if (wanted.length === 0) {
    throw new BackupError('nothing-to-back-up', `no SQLite store in ${resolve(opts.dataDir)}`);
  }
  mkdirSync(opts.into, { recursive: true });
  let name = setName(now);
  for (let i = 1; existsSync(join(opts.into, name)) || existsSync(join(opts.into, `${name}.partial`)); i++) {
    name = `${setName(now)}-${i}`;
  }
  const partial = join(opts.into, `${name}.partial`);
  mkdirSync(partial);
  try {
    const takenAt = new Date(now).toISOString();
    const files: BackupFile[] = [];
    for (const store of wanted) {
      const file = BACKUP_FILES[store];
      files.push(await copyOnline(join(opts.dataDir, file), join(partial, file), store));
    }
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      takenAt,
      app: { name: serverPackage.name, version: serverPackage.version, protocol: PROTOCOL_VERSION },
      host: hostname(),
      files,
    };
    writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncPath(join(partial, MANIFEST));
    fsyncPath(partial);
    const dir = join(opts.into, name);
    renameSync(partial, dir);
    fsyncPath(opts.into);
    return { dir, manifest };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** The complete sets under `root`, oldest first. */
export function listBackups(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => SET_NAME.test(n) && existsSync(join(root, n, MANIFEST)))
    .sort()
    .map((n) => join(root, n));
}

/** [OP7] Keeps the newest `keep` complete sets under `root`; answers the ones removed. */
export function pruneBackups(root: string, keep: number): string[] {
  const sets = listBackups(root);
  const old = sets.slice(0, Math.max(0, sets.length - keep));
  for (const dir of old) rmSync(dir, { recursive: true, force: true });
  return old;
}

/** Reads a set's manifest; throws not-a-set when it is not one. */
export function readManifest(dir: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    throw new BackupError('not-a-set', `${dir}: no readable ${MANIFEST} (not a Nobat backup set)`);
  }
  const m = raw as Partial<BackupManifest>;
  const known = new Set<string>(Object.values(BACKUP_FILES));
  if (
    m?.format !== MANIFEST_FORMAT ||
    !Array.isArray(m.files) ||
    m.files.length === 0 ||
    !m.files.every((f) => known.has(f?.name) && typeof f.sha256 === 'string' && typeof f.bytes === 'number')
  ) {
    throw new BackupError('not-a-set', `${dir}: ${MANIFEST} is not a ${MANIFEST_FORMAT} manifest`);
  }
  return m as BackupManifest;
}

/** [OP8] Every file of the set is there with its size and checksum; answers the problems (none: whole). */
export function verifyBackup(dir: string): { manifest: BackupManifest; problems: string[] } {
  const manifest = readManifest(dir);
  const problems: string[] = [];
  for (const f of manifest.files) {
    const path = join(dir, f.name);
    if (!existsSync(path)) {
      problems.push(`${f.name}: missing`);
      continue;
    }
    const bytes = statSync(path).size;
    if (bytes !== f.bytes) problems.push(`${f.name}: ${bytes} bytes, the manifest says ${f.bytes}`);
    else if (sha256File(path) !== f.sha256) problems.push(`${f.name}: checksum differs from the manifest`);
  }
  return { manifest, problems };
}

// [OP9] A server holding a data directory leaves a file there naming its process while it runs.
const HOLDER = /^nobat-server\.(\d+)(?:\.[0-9a-f]+)?\.pid$/;

export interface DataDirHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Marks `dataDir` as held by this process; answers the release. */
export function holdDataDir(dataDir: string, clock: () => number = Date.now): () => void {
  mkdirSync(dataDir, { recursive: true });
  // One mark per server (two in one process, as tests make, each release their own).
  const path = join(dataDir, `nobat-server.${process.pid}.${randomBytes(4).toString('hex')}.pid`);
  const me: DataDirHolder = { pid: process.pid, host: hostname(), startedAt: new Date(clock()).toISOString() };
  writeFileSync(path, `${JSON.stringify(me)}\n`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The servers holding `dataDir` now. A file left by a process of this host that is gone (killed) is
 * removed; one from another host (a shared volume) counts, as nothing here can tell whether it runs.
 */
export function dataDirHolders(dataDir: string): DataDirHolder[] {
  if (!existsSync(dataDir)) return [];
  const holders: DataDirHolder[] = [];
  for (const name of readdirSync(dataDir)) {
    const m = HOLDER.exec(name);
    if (!m) continue;
    let h: DataDirHolder;
    try {
      h = JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as DataDirHolder;
    } catch {
      h = { pid: Number(m[1]), host: hostname(), startedAt: '' };
    }
    if (h.host === hostname() && !alive(h.pid)) {
      rmSync(join(dataDir, name), { force: true });
      continue;
    }
    holders.push(h);
  }
  return holders;
}

/**
 * [OP9] Restores a set into `dataDir`: verified first, refused while a server holds the directory
 * (unless `force`), each file copied beside its place and renamed over it (rename is atomic), the files
 * it replaces (with their -wal and -shm) moved into replaced-<time>/ rather than deleted.
 */
export function restoreBackup(opts: { set: string; dataDir: string; force?: boolean; clock?: () => number }): {
  manifest: BackupManifest;
  restored: string[];
  replacedDir?: string;
} {
  const { manifest, problems } = verifyBackup(opts.set);
  if (problems.length > 0) throw new BackupError('corrupt', `${opts.set}: ${problems.join('; ')}`);
  const holders = opts.force ? [] : dataDirHolders(opts.dataDir);
  if (holders.length > 0) {
    const who = holders.map((h) => `pid ${h.pid} on ${h.host}`).join(', ');
    throw new BackupError('in-use', `${resolve(opts.dataDir)} is held by a running server (${who}); stop it first`);
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const stamp = setName((opts.clock ?? Date.now)()).slice('nobat-'.length);
  const staging = join(opts.dataDir, `.restore-${stamp}`);
  mkdirSync(staging);
  try {
    for (const f of manifest.files) {
      const staged = join(staging, f.name);
      copyFileSync(join(opts.set, f.name), staged);
      fsyncPath(staged);
      if (sha256File(staged) !== f.sha256) throw new BackupError('corrupt', `${f.name}: the copy differs from the set`);
    }
    const aside = join(opts.dataDir, `replaced-${stamp}`);
    let replaced = false;
    for (const f of manifest.files) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) {
        const current = join(opts.dataDir, f.name + suffix);
        if (!existsSync(current)) continue;
        mkdirSync(aside, { recursive: true });
        renameSync(current, join(aside, f.name + suffix));
        replaced = true;
      }
      renameSync(join(staging, f.name), join(opts.dataDir, f.name));
    }
    fsyncPath(opts.dataDir);
    return { manifest, restored: manifest.files.map((f) => f.name), ...(replaced ? { replacedDir: aside } : {}) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
