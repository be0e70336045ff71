// One redis-server (or sentinel) process of a test's topology: started with its arguments, ready once
// it answers PING, killed when the test process exits even if the test forgot to.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';

export interface RedisProcess {
  port: number;
  /** host:port, as redis-cli and the URLs name it. */
  address: string;
  /** Sends a signal (SIGKILL: the machine is gone). */
  signal(signal: NodeJS.Signals): void;
  exited(): boolean;
  /** SIGTERM (SIGKILL after 5 s), resolves once it has exited. */
  stop(): Promise<void>;
}

/** Spawns `redis-server …args` that listens on `port`; resolves once it answers PING. */
export async function spawnRedis(args: readonly string[], port: number): Promise<RedisProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exitedP = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!hasExited(child)) {
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitedP;
      clearTimeout(hard);
    }
  };
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (hasExited(child) || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server ${args.join(' ')} did not start on port ${port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    address: `127.0.0.1:${port}`,
    signal: (sig) => {
      if (!hasExited(child)) child.kill(sig);
    },
    exited: () => hasExited(child),
    stop,
  };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function answersPing(port: number): Promise<boolean> {
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

/** Polls `check` every 100 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
