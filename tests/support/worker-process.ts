// Runs a system-test worker (a TypeScript file) as its own Node process and reads its JSON lines.
// Node runs the file with `--import tsx` directly, not through the tsx binary: that binary starts a
// second Node process, and a SIGKILL sent to it would leave the real worker running.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { testsDir } from './paths.ts';
import type { WorkerLine } from './worker-lines.ts';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Every line read so far, in order. */
  readonly lines: WorkerLine[];
  /** Lines that were not JSON (there should be none). */
  readonly garbage: string[];
  stderr(): string;
  /** Resolves once the process has exited and all its output has been read. */
  readonly exited: Promise<WorkerExit>;
  /** Resolves when `done(lines)` holds; rejects if the worker exits first or the time runs out. */
  waitFor(done: (lines: readonly WorkerLine[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  /** Writes a line to the worker's stdin. */
  send(line: string): void;
  /** SIGKILL unless it has already exited; resolves when it has. */
  stop(): Promise<WorkerExit>;
}

export function spawnWorker(name: string, file: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: testsDir,
    env: { ...process.env, ...env, WORKER_NAME: name },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const lines: WorkerLine[] = [];
  const garbage: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const waiters = new Set<() => void>();
  const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as WorkerLine);
    } catch {
      garbage.push(text);
    }
    for (const check of waiters) check();
  });
  const outputRead = new Promise<void>((resolve) => rl.once('close', () => resolve()));
  const processExited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let hasExited = false;
  const exited = Promise.all([processExited, outputRead]).then(([exit]) => {
    hasExited = true;
    process.removeListener('exit', killOnExit);
    for (const check of waiters) check();
    return exit;
  });
  // A worker that died must not crash the test runner when we write to its stdin.
  child.stdin?.on('error', () => undefined);

  const describeFailure = (what: string, why: string) =>
    new Error(
      `worker ${name}: ${why} while waiting for ${what}\nlast lines: ${JSON.stringify(lines.slice(-5))}\nstderr:\n${stderr}`,
    );

  return {
    name,
    child,
    lines,
    garbage,
    stderr: () => stderr,
    exited,
    waitFor(done, timeoutMs, what) {
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (done(lines)) finish();
          else if (hasExited) finish(describeFailure(what, 'it exited'));
        };
        const timer = setTimeout(() => finish(describeFailure(what, `no result in ${timeoutMs} ms`)), timeoutMs);
        waiters.add(check);
        check();
      });
    },
    send(line) {
      child.stdin?.write(`${line}\n`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
