// A throwaway redis-server per test file: on a free port, without persistence, gone when stop() resolves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { type RedisProcess, spawnRedis } from './redis-process.ts';

// bridge.e2e and printer tests import it from here.
export { requireOrSkip } from './require.ts';

export interface RedisServer {
  url: string;
  port: number;
  /** Sends a signal to the server (SIGSTOP and SIGCONT make a Redis that hangs and comes back). */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Listen on this port (e.g. to start a stopped server again where its clients look for it). */
  port?: number;
  /** Keep the data in this directory (append-only file, fsync always), to survive a restart. */
  dir?: string;
}

export function redisAvailable(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServer> {
  if (opts.port !== undefined) return startOn(opts.port, opts.dir);
  // Another process may take the free port between our probe and redis binding it; try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, opts.dir);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOn(port: number, dir: string | undefined): Promise<RedisServer> {
  // Without a directory of the test's, a folder of its own all the same: a replica's full sync writes
  // an RDB file there, never into the working tree.
  const scratch = dir ? undefined : mkdtempSync(join(tmpdir(), 'nobat-redis-'));
  const persistence = dir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]
    : ['--appendonly', 'no', '--dir', scratch as string];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--daemonize', 'no'];
  const cleanUp = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  let redis: RedisProcess;
  try {
    redis = await spawnRedis(args, port);
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    signal: redis.signal,
    stop: async () => {
      await redis.stop();
      cleanUp();
    },
  };
}
