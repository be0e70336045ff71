// One real Nobat server of the province bench, started exactly as `../server-proc.ts` starts its `real`
// mode (same createServer and settings, REDIS_URL and DATABASE_URL passed through), but living as long
// as the run needs (BENCH_LIFETIME_MS): `../server-proc.ts` stops itself after 240 s, and a province's
// day runs 12 minutes or more. Once that file takes its lifetime from the environment, the runner can
// spawn it instead and this file can go.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../../server/src/config.ts';
import { createServer } from '../../../server/src/server.ts';
import { readCommands } from '../../support/child.ts';
import { BENCH_DEVICE_KEY, BENCH_PASSWORD, say } from '../shared.ts';

const lifetimeMs = Number(process.env.BENCH_LIFETIME_MS ?? '3600000');
const dataDir = mkdtempSync(join(tmpdir(), 'nobat-province-'));
const server = await createServer(
  readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    NOBAT_DATA_DIR: dataDir,
    NOBAT_DEMO_PASSWORD: BENCH_PASSWORD,
    NOBAT_DEMO_DEVICE_KEY: BENCH_DEVICE_KEY,
    LOG_LEVEL: 'silent',
    NOBAT_KIOSK_RATE: '100000000',
    NOBAT_MAX_CONN_PER_IP: '0',
    REDIS_URL: process.env.REDIS_URL,
    DATABASE_URL: process.env.DATABASE_URL,
  }),
);
say({ kind: 'ready', url: `http://127.0.0.1:${server.port}`, pid: process.pid });

let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await server.close().catch((error: unknown) => process.stderr.write(`close failed: ${String(error)}\n`));
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
};
readCommands(
  (word) => {
    if (word === 'stop') void shutdown(0);
  },
  () => void shutdown(0),
);
setTimeout(() => void shutdown(4), lifetimeMs).unref();
