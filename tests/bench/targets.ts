// Starting what the bench measures: the real server and the bare baselines (each in its own
// process, see server-proc.ts), and a private redis-server per real-server run so every run starts
// from an empty store.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startRedisServer } from '../support/redis-server.ts';
import { type BenchProcess, spawnBench } from './procs.ts';

export type Store = 'sqlite' | 'redis';
export type TargetKind = 'real' | 'hono' | 'io';

export interface Target {
  url: string;
  proc: BenchProcess;
  stop(): Promise<void>;
}

export interface ProfileRequest {
  dir: string;
  name: string;
}

/** Starts a server process; a real one on Redis gets a redis-server of its own, stopped with it. */
export async function startTarget(kind: TargetKind, store: Store, profile?: ProfileRequest): Promise<Target> {
  const redis = kind === 'real' && store === 'redis' ? await startRedisServer() : undefined;
  const nodeArgs: string[] = [];
  if (profile && kind === 'real') {
    // One directory per run: Node writes a profile per thread (tsx's loader runs in one of its own).
    const dir = join(profile.dir, profile.name);
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
  }
  const proc = spawnBench(
    `${kind}-${store}`,
    './server-proc.ts',
    { BENCH_MODE: kind, ...(redis ? { REDIS_URL: redis.url } : {}) },
    nodeArgs,
  );
  try {
    const ready = await proc.next('ready', 30_000);
    return {
      url: String(ready.url),
      proc,
      async stop() {
        await proc.stop(15_000);
        await redis?.stop();
      },
    };
  } catch (error) {
    await proc.stop(1_000);
    await redis?.stop();
    throw error;
  }
}
