// [OP6–OP9] A backup taken under load restores every acknowledged ticket. A real server process (the
// build, node server/dist/main.js) on SQLite takes tickets from four loops over HTTP; while they go on,
// the built `nobat backup` (node server/dist/cli.js) takes a set. Every ticket acknowledged before the
// backup began is noted. The server is stopped; `nobat restore` puts the set into a fresh data directory
// (and refuses the live one while its server runs); the restored log replays whole, holds every noted
// ticket with its number, and a server started on it continues the numbering without giving a number
// twice. Then the scheduled backups of a server keep the newest NOBAT_BACKUP_KEEP sets.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BranchConfig, IssuedTicket } from '@nobat/protocol';
import { applyAll, emptyDay, indexConfig, openSqliteStore, type StoredEvent } from '@nobat/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { createServer } from '../../server/src/server.ts';
import { cleanupsAfterAll } from '../support/cleanup.ts';
import { DEMO_DEVICE_KEY, demoToken } from '../support/demo-server.ts';
import { issuedEvents, repeatedNumbers, runProblems, seqProblems, valuesByService } from '../support/log-checks.ts';
import { repoRoot } from '../support/paths.ts';
import { type ServerProcess, spawnServer } from '../support/server-process.ts';
import { api, issueTicket } from '../support/socket.ts';

const PASSWORD = 'test-password-1';
const SERVICES = ['premium-list', 'booklet-renewal'] as const;
const LOOPS = 4;
/** Tickets acknowledged before the backup is begun, and after it is done, before the server stops. */
const BEFORE = 80;
const AFTER = 40;

const cleanups = cleanupsAfterAll();
const tempDir = cleanups.tempDir;

beforeAll(() => {
  // The CLI and the server as they ship: built, run by node with no tsx.
  execFileSync(process.execPath, ['server/scripts/build.mjs', '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
}, 120_000);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `nobat …args` as built (dist/cli.js), without the test runner's NOBAT_ variables. */
function nobat(...args: string[]): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NOBAT_')));
  return new Promise((resolve) => {
    execFile(process.execPath, ['server/dist/cli.js', ...args], { cwd: repoRoot, env }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function startBuiltServer(name: string, dataDir: string): ServerProcess {
  const server = spawnServer(name, process.execPath, ['server/dist/main.js'], {
    PORT: '0',
    HOST: '127.0.0.1',
    NOBAT_DATA_DIR: dataDir,
    NOBAT_DEMO_PASSWORD: PASSWORD,
    NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
    NOBAT_KIOSK_RATE: '1000000',
    LOG_LEVEL: 'warn',
  });
  cleanups.add(() => server.stop());
  return server;
}

/** The demo branch's log of its one day, read from a data directory's live store (no server on it). */
async function readDay(dataDir: string): Promise<{ day: string; log: StoredEvent[]; config: BranchConfig }> {
  const store = openSqliteStore(join(dataDir, 'nobat.sqlite'));
  try {
    const days = await store.listDays(DEMO_BRANCH);
    expect(days).toHaveLength(1);
    const day = days[0] as string;
    const config = (await store.getRecord<BranchConfig>('branch', DEMO_BRANCH))?.value;
    if (!config) throw new Error('the demo branch is not in the store');
    return { day, log: await store.readEvents(DEMO_BRANCH, day, 0), config };
  } finally {
    await store.close();
  }
}

describe('[OP6–OP9] backup under load, restore', () => {
  it('restores every ticket acknowledged before the backup began; the day replays and numbering goes on', async () => {
    const dataDir = tempDir('restore-live');
    const backupDir = tempDir('restore-sets');
    const kiosk = demoToken('kiosk-1');

    const server = startBuiltServer('server under load', dataDir);
    const url = (await server.url()).replace('//localhost:', '//127.0.0.1:');

    // The load: four loops issuing tickets until told to stop; every acknowledgement in order.
    const acked: IssuedTicket[] = [];
    let stop = false;
    const loops = Array.from({ length: LOOPS }, async (_, i) => {
      while (!stop) acked.push(await issueTicket(url, kiosk, SERVICES[i % SERVICES.length] as string));
    });
    const ackedAtLeast = async (n: number) => {
      while (acked.length < n) await new Promise((r) => setTimeout(r, 5));
    };

    await ackedAtLeast(BEFORE);
    const beforeBackup = acked.slice(); // acknowledged before the backup began
    const backup = await nobat('backup', '--data-dir', dataDir, '--into', backupDir, '--json');
    const duringBackup = acked.length - beforeBackup.length;
    const afterBackupFrom = acked.length; // acknowledged after the backup was done
    await ackedAtLeast(afterBackupFrom + AFTER);

    // A restore into the live data directory is refused while its server runs.
    expect(backup, backup.stderr).toMatchObject({ code: 0 });
    const { set, manifest } = JSON.parse(backup.stdout) as { set: string; manifest: { files: { name: string }[] } };
    expect(manifest.files.map((f) => f.name)).toEqual(['nobat.sqlite', 'history.sqlite']);
    const refused = await nobat('restore', set, '--data-dir', dataDir);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/held by a running server/);

    stop = true;
    await Promise.all(loops);
    await server.stop();
    // The load really ran while the backup was taken.
    expect(duringBackup).toBeGreaterThan(0);
    const afterBackup = acked.slice(afterBackupFrom);

    // The set is whole; restored into a fresh directory.
    expect((await nobat('verify', set)).code).toBe(0);
    const restoredDir = join(tempDir('restore-fresh'), 'data');
    const restored = await nobat('restore', set, '--data-dir', restoredDir, '--json');
    expect(restored, restored.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(restored.stdout)).toMatchObject({
      restored: ['nobat.sqlite', 'history.sqlite'],
      replacedDir: null,
    });

    // The day replays: seq whole, every event applies, every ticket acknowledged before the backup is
    // there with its number; those acknowledged after the backup was done are not (it is a moment's copy).
    const { log, config, day } = await readDay(restoredDir);
    expect(seqProblems(log)).toEqual([]);
    const ix = indexConfig(config);
    const state = applyAll(emptyDay(day), log, ix.isPriorityClass);
    expect(state.version).toBe(log.length);
    const missing = beforeBackup.filter((t) => state.tickets.get(t.id)?.number !== t.number);
    expect(missing.map((t) => `${t.id} ${t.number}`)).toEqual([]);
    expect(afterBackup.filter((t) => state.tickets.has(t.id))).toEqual([]);
    expect(repeatedNumbers(log)).toEqual([]);
    const restoredCount = issuedEvents(log).length;
    expect(restoredCount).toBeGreaterThanOrEqual(beforeBackup.length);

    // A server on the restored data: the tickets are tracked, and numbering continues.
    const heir = startBuiltServer('server on the restored data', restoredDir);
    const heirUrl = (await heir.url()).replace('//localhost:', '//127.0.0.1:');
    for (const t of beforeBackup.slice(0, 10)) {
      const r = await api<{ number: string }>(heirUrl, 'GET', `/api/v1/tickets/${t.id}`);
      expect(r.status).toBe(200);
      expect(r.body.number).toBe(t.number);
    }
    for (let i = 0; i < 10; i++) await issueTicket(heirUrl, kiosk, SERVICES[i % SERVICES.length] as string);
    await heir.stop();

    const after = await readDay(restoredDir);
    expect(issuedEvents(after.log)).toHaveLength(restoredCount + 10);
    expect(repeatedNumbers(after.log)).toEqual([]);
    for (const [service, values] of valuesByService(after.log)) {
      expect(runProblems(service, values, values[0] as number)).toEqual([]);
    }
  });
});

describe('[OP7] scheduled backups', () => {
  it('take a set each period into NOBAT_BACKUP_DIR and keep the newest NOBAT_BACKUP_KEEP', async () => {
    const dataDir = tempDir('schedule-data');
    const into = tempDir('schedule-sets');
    const server = await createServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        NOBAT_DATA_DIR: dataDir,
        NOBAT_DEMO_PASSWORD: PASSWORD,
        NOBAT_BACKUP_DIR: into,
        NOBAT_BACKUP_EVERY_MINUTES: '60',
        NOBAT_BACKUP_KEEP: '2',
        LOG_LEVEL: 'silent',
      }),
    );
    cleanups.add(() => server.close());
    const backups = server.backups;
    if (!backups) throw new Error('no backup schedule');
    const sets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const set = await backups.runOnce();
      if (!set) throw new Error('the backup failed');
      sets.push(set.dir);
    }
    expect(readdirSync(into).sort()).toEqual(sets.slice(1).map((s) => s.slice(into.length + 1)));
    expect(existsSync(join(sets[2] as string, 'nobat.sqlite'))).toBe(true);
    const metrics = await (await fetch(`${server.url.replace('localhost', '127.0.0.1')}/metrics`)).text();
    expect(metrics).toMatch(/^nobat_backup_last_success_timestamp_seconds \d+(\.\d+)?$/m);
    expect(metrics).toMatch(/^nobat_backup_failures_total 0$/m);
  });
});
