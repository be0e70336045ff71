// [UP3] The real server process started on data written by a newer Nobat: it says so in one line,
// naming both versions, and exits with status 2 — the file left as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SQLITE_STORE_SCHEMA_VERSION } from '../../server/src/store/sqlite/sqlite-store.ts';
import { writeSqliteStoreV1 } from '../../server/src/store/test-support/schema-fixtures.ts';
import { spawnServer } from '../support/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-schema-refusal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('[UP3] a server on a store of a newer schema', () => {
  it('does not start: one clear line, exit status 2, the store untouched', async () => {
    const path = join(dir, 'nobat.sqlite');
    writeSqliteStoreV1(path);
    const newer = SQLITE_STORE_SCHEMA_VERSION + 1;
    const raw = new Database(path);
    raw.pragma(`user_version = ${newer}`);
    raw.close();

    const server = spawnServer('server', process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: dir,
      NOBAT_DEMO: 'off',
      LOG_LEVEL: 'silent',
    });
    expect(await server.exited).toEqual({ code: 2, signal: null });
    expect(server.stderr().trim()).toBe(
      `nobat: sqlite store: schema version ${newer} is newer than this server's ${SQLITE_STORE_SCHEMA_VERSION}: the data was written by a newer Nobat; run that version (or a newer one), or restore a backup made before the upgrade`,
    );
    expect(server.stdout()).not.toMatch(/running at/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(newer);
    after.close();
  });
});
