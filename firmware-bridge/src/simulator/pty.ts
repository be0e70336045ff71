// Pseudo-terminal pairs made by socat (`socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`): the
// bridge opens A as if it were a serial port, the simulator opens B. Killing socat is pulling the
// cable: both ends get I/O errors and the links disappear.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PtyPair {
  /** The link the bridge opens. */
  readonly a: string;
  /** The link the simulator opens. */
  readonly b: string;
  readonly pid: number;
  /** Kills socat and waits until it has gone (its links are removed). */
  stop(): Promise<void>;
}

export function socatAvailable(): boolean {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Starts socat with two linked ptys at paths `a` and `b`; resolves once both exist. */
export async function startPtyPair(a: string, b: string, timeoutMs = 5_000): Promise<PtyPair> {
  for (const p of [a, b]) {
    mkdirSync(dirname(p), { recursive: true });
    rmSync(p, { force: true }); // a link left by a socat that was killed hard
  }
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('socat could not be started');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socat did not set up ${a} and ${b} within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited (${code}) before setting up ${a} and ${b}:\n${log}`));
    });
  });
  child.stderr?.resume();
  return {
    a,
    b,
    pid,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      for (const p of [a, b]) rmSync(p, { force: true });
    },
  };
}
