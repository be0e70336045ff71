// Starting what the bench measures: the real server and the bare baselines (each in its own
// process), and a private redis-server per real-server run so every run starts from an empty store.
// The real server is the build `npm start` runs (`node server/dist/main.js`, built first when stale),
// configured through its environment like any installation; the bare baselines are server-proc.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { type BenchProcess, spawnBench, spawnNode } from './procs.ts';
import { BENCH_DEVICE_KEY, BENCH_PASSWORD } from './shared.ts';

export type Store = 'sqlite' | 'redis';
export type TargetKind = 'real' | 'hono' | 'io';

export interface Target {
  url: string;
  proc: BenchProcess;
  stop(): Promise<void>;
  /** A real server's store, for openStore (the bench seeds clerks' sessions through it). */
  storeEnv?: { REDIS_URL?: string; NOBAT_DATA_DIR?: string };
}

export interface ProfileRequest {
  dir: string;
  name: string;
}

/** The built server, as `npm start` runs it. */
export const SERVER_BUILD = join(repoRoot, 'server', 'dist', 'main.js');
let built = false;

/** Builds the server (server/scripts/build.mjs) unless its build is newer than its sources. */
export function ensureServerBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, [join(repoRoot, 'server', 'scripts', 'build.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  built = true;
}

export interface RealServerOptions {
  /** Extra environment (REDIS_URL, DATABASE_URL). */
  env?: Record<string, string>;
  /** A data directory prepared before (the history scenario's), kept afterwards; default a fresh one, removed. */
  dataDir?: string;
  nodeArgs?: readonly string[];
}

/** The built server (`node server/dist/main.js`) with the demo office, on 127.0.0.1, port 0. */
export async function startRealServer(name: string, o: RealServerOptions = {}): Promise<Target> {
  ensureServerBuilt();
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'nobat-bench-'));
  const removeData = () => {
    if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const proc = spawnNode(
    name,
    SERVER_BUILD,
    {
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: dataDir,
      NOBAT_DEMO_PASSWORD: BENCH_PASSWORD,
      NOBAT_DEMO_DEVICE_KEY: BENCH_DEVICE_KEY,
      // BENCH_LOG_LEVEL=warn shows the server's warnings in a failed scenario's error.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      NOBAT_KIOSK_RATE: '100000000',
      NOBAT_MAX_CONN_PER_IP: '0', // thousands of display sockets from this one address
      ...o.env,
    },
    o.nodeArgs,
  );
  try {
    // main.ts prints "… is running at http://localhost:<port>"; it listens on 127.0.0.1 only.
    const [, port] = await proc.text(/is running at http:\/\/localhost:(\d+)/, 60_000);
    return {
      url: `http://127.0.0.1:${port}`,
      proc,
      storeEnv: { NOBAT_DATA_DIR: dataDir, ...(o.env?.REDIS_URL ? { REDIS_URL: o.env.REDIS_URL } : {}) },
      async stop() {
        await proc.stop(15_000);
        removeData();
      },
    };
  } catch (error) {
    await proc.stop(1_000);
    removeData();
    throw error;
  }
}

/** Starts a server process; a real one on Redis gets a redis-server of its own, stopped with it. */
export async function startTarget(kind: TargetKind, store: Store, profile?: ProfileRequest): Promise<Target> {
  if (kind !== 'real') {
    const proc = spawnBench(`${kind}-${store}`, './server-proc.ts', { BENCH_MODE: kind });
    try {
      const ready = await proc.next('ready', 30_000);
      return { url: String(ready.url), proc, stop: () => proc.stop(15_000) };
    } catch (error) {
      await proc.stop(1_000);
      throw error;
    }
  }
  const nodeArgs: string[] = [];
  if (profile) {
    // One directory per run: Node writes a profile per thread.
    const dir = join(profile.dir, profile.name);
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
  }
  const redis = store === 'redis' ? await startRedisServer() : undefined;
  try {
    const target = await startRealServer(`real-${store}`, { env: redis ? { REDIS_URL: redis.url } : {}, nodeArgs });
    return {
      ...target,
      async stop() {
        await target.stop();
        await redis?.stop();
      },
    };
  } catch (error) {
    await redis?.stop();
    throw error;
  }
}
