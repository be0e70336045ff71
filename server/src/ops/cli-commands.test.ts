// The `nobat` command's answers in this process (the built command is run by tests/system/backup-restore):
// usage errors exit 2, a folder that is not a set 1, a damaged set 4, a held data directory 3.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { holdDataDir } from './backup.ts';
import { runCli } from './cli-commands.ts';

const root = mkdtempSync(join(tmpdir(), 'nobat-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
});
afterEach(() => vi.restoreAllMocks());

describe('nobat', () => {
  it('answers usage errors with 2 and the usage', async () => {
    expect(await runCli(['frobnicate'], {})).toBe(2);
    expect(err.join('\n')).toMatch(/unknown command: frobnicate[\s\S]*usage:/);
    expect(await runCli(['restore'], {})).toBe(2);
    expect(await runCli(['backup', '--keep', 'none'], {})).toBe(2);
    expect(await runCli(['backup', '--bogus'], {})).toBe(2);
    expect(await runCli([], {})).toBe(0);
    expect(out.join('\n')).toMatch(/nobat restore <set>/);
  });

  it('takes a set into NOBAT_BACKUP_DIR from NOBAT_DATA_DIR, lists and verifies it, refuses a damaged one', async () => {
    const dataDir = join(root, 'data');
    const into = join(root, 'sets');
    const store = openSqliteStore(join(dataDir, 'nobat.sqlite'));
    await store.putRecord('user', 'u1', { n: 1 }, 0);
    await store.close();
    const env = { NOBAT_DATA_DIR: dataDir, NOBAT_BACKUP_DIR: into };
    expect(await runCli(['backup', '--json'], env)).toBe(0);
    const { set } = JSON.parse(out.at(-1) as string) as { set: string };
    expect(set.startsWith(into)).toBe(true);
    expect(await runCli(['list'], env)).toBe(0);
    expect(out.at(-1)).toBe(set);
    expect(await runCli(['verify', set], env)).toBe(0);
    expect(await runCli(['verify', join(root, 'nowhere')], env)).toBe(1);

    // Held by a server: refused with 3, nothing changed; --force goes ahead.
    const release = holdDataDir(dataDir);
    try {
      expect(await runCli(['restore', set], env)).toBe(3);
      expect(err.at(-1)).toMatch(/held by a running server/);
      expect(await runCli(['restore', set, '--force'], env)).toBe(0);
    } finally {
      release();
    }

    writeFileSync(join(set, 'nobat.sqlite'), 'not a database');
    expect(await runCli(['verify', set], env)).toBe(4);
    expect(await runCli(['restore', set, '--data-dir', join(root, 'other')], env)).toBe(4);
  });
});
