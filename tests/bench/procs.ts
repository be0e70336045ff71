// The bench's child processes: a TypeScript file run by `node --import tsx` (not the tsx binary, which
// would put a second process between us and the one doing the work), talking JSON lines on stdout and
// taking commands on stdin; or the built server itself (`node server/dist/main.js`, spawnNode), which
// prints text and stops on SIGTERM.
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
  /** Resolves with the first match of `pattern` in what it printed that was not a JSON line. */
  text(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
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
  return spawnProcess(
    name,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(file, import.meta.url))],
    env,
    false,
  );
}

/** A JavaScript file run by plain `node` (no tsx in the process); `stop` sends it SIGTERM. */
export function spawnNode(
  name: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): BenchProcess {
  return spawnProcess(name, [...nodeArgs, script], env, true);
}

function spawnProcess(name: string, args: string[], env: Record<string, string>, stopBySignal: boolean): BenchProcess {
  const child = spawn(process.execPath, args, {
    cwd: testsDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.stdin?.on('error', () => undefined);

  const lines: Line[] = [];
  let text = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a chatty process must not grow without bound.
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const waiters = new Set<() => void>();
  const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Line);
    } catch {
      text = `${text}${line}\n`.slice(-20_000);
      stderr = `${stderr}\n[stdout] ${line}`.slice(-20_000);
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
    text(pattern, timeoutMs) {
      return new Promise<RegExpExecArray>((resolve, reject) => {
        const finish = (match?: RegExpExecArray, error?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (match) resolve(match);
          else reject(error);
        };
        const check = () => {
          const match = pattern.exec(text);
          if (match) finish(match);
          else if (exited)
            finish(undefined, new Error(`${name} exited before printing ${pattern}\nstderr:\n${stderr}`));
        };
        const timer = setTimeout(
          () => finish(undefined, new Error(`${name}: no ${pattern} within ${timeoutMs} ms\nstderr:\n${stderr}`)),
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
      if (stopBySignal) child.kill('SIGTERM');
      else child.stdin?.write('stop\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
