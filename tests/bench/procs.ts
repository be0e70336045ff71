// The bench's child processes: a TypeScript file run by `node --import tsx` (not the tsx binary, which
// would put a second process between us and the one doing the work), talking JSON lines on stdout and
// taking commands on stdin.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { testsDir } from '../support/paths.ts';

export type Line = { kind: string } & Record<string, unknown>;

export interface BenchProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: Line[];
  stderr(): string;
  /** Takes the oldest line of that kind not taken yet (waiting up to timeoutMs for it). */
  next(kind: string, timeoutMs: number): Promise<Line>;
  send(line: string): void;
  /** Asks it to stop (`stop` on stdin), then SIGKILLs it if it has not exited within graceMs. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnBench(
  name: string,
  file: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): BenchProcess {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(file, import.meta.url))],
    {
      cwd: testsDir,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.stdin?.on('error', () => undefined);

  const lines: Line[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a chatty process must not grow without bound.
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const waiters = new Set<() => void>();
  const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as Line);
    } catch {
      stderr = `${stderr}\n[stdout] ${text}`.slice(-20_000);
    }
    for (const w of waiters) w();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      process.removeListener('exit', killOnExit);
      for (const w of waiters) w();
      resolve();
    }),
  );

  return {
    name,
    child,
    lines,
    stderr: () => stderr,
    next(kind, timeoutMs) {
      return new Promise<Line>((resolve, reject) => {
        const finish = (line?: Line, error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (line) resolve(line);
          else reject(error);
        };
        const check = () => {
          const i = lines.findIndex((l) => l.kind === kind);
          const found = lines[i];
          if (found) {
            lines.splice(i, 1);
            finish(found);
          } else if (exited) finish(undefined, new Error(`${name} exited before "${kind}"\nstderr:\n${stderr}`));
        };
        const timer = setTimeout(
          () => finish(undefined, new Error(`${name}: no "${kind}" within ${timeoutMs} ms\nstderr:\n${stderr}`)),
          timeoutMs,
        );
        waiters.add(check);
        check();
      });
    },
    send(line) {
      if (!exited) child.stdin?.write(`${line}\n`);
    },
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.stdin?.write('stop\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
