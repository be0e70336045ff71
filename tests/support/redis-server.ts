// A throwaway redis-server per test file: on a free port, without persistence, gone when stop() resolves.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

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
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A crashed test worker must not leave the server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };

  const deadline = Date.now() + 5_000;
  while (!(await answersPing(port))) {
    if (hasExited(child) || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server on port ${port} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const signal = (sig: NodeJS.Signals) => {
    if (!hasExited(child)) child.kill(sig);
  };
  return { url: `redis://127.0.0.1:${port}`, port, signal, stop };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
