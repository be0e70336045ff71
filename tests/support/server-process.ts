// Runs the real server as its own process group (`node --import tsx server/src/main.ts`, or `npm start`
// as a user would), reads what it prints, and stops it with a signal to the whole group.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { repoRoot } from './paths.ts';

/** Variables of the test runner's environment that would change how the server starts. */
const SERVER_VARIABLES = /^(PORT|HOST|REDIS_URL|PUBLIC_URL|LOG_LEVEL|NOBAT_.*)$/;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits or time runs out. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Waits for "… is running at <url>" and resolves with the URL as printed. */
  url(timeoutMs?: number): Promise<string>;
  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals): void;
  /** True while any process of the group is alive (zombies do not count). */
  groupAlive(): boolean;
  /** The command lines (argv) of the group's live processes (Linux: from /proc). */
  groupCommands(): string[][];
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves with the exit of the spawned process. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

/**
 * Spawns `command` in a new process group with the environment of this process minus the server's own
 * variables, plus `env`. Variables set to undefined in `env` are removed. `stdin: 'pipe'` keeps the
 * child's stdin open (`child.stdin`) for a process that reads commands there, such as the simulator.
 */
export function spawnServer(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd = repoRoot,
  stdin: 'ignore' | 'pipe' = 'ignore',
): ServerProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SERVER_VARIABLES.test(k)));
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...base, ...env })) if (v !== undefined) merged[k] = v;
  const child = spawn(command, args, { cwd, env: merged, detached: true, stdio: [stdin, 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not spawn ${command}`);

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  // A crashed test worker must not leave servers running.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);

  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of [...waiters]) check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  let hasExited = false;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('close', (code, signal) => {
      hasExited = true;
      for (const check of [...waiters]) check();
      resolve({ code, signal });
    });
  });

  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
    } catch {
      return false;
    }
    // Exited processes whose parent died before reaping them linger as zombies for a while: they do
    // not count. (Linux only; elsewhere the group counts as alive while any member exists.)
    return process.platform !== 'linux' || liveMembers(pid) > 0;
  };

  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      const check = () => {
        const m = pattern.exec(out);
        if (m) {
          finish();
          resolve(m);
        } else if (hasExited) {
          finish();
          reject(new Error(`${name} exited before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    name,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput,
    async url(timeoutMs) {
      const m = await waitForOutput(/is running at (http:\/\/\S+)/, timeoutMs);
      return m[1] ?? '';
    },
    signal: signalGroup,
    groupAlive,
    groupCommands: () =>
      liveMemberPids(pid).flatMap((p) => {
        const argv = commandLine(p);
        return argv ? [argv] : [];
      }),
    async stop(graceMs = 10_000) {
      if (!hasExited || groupAlive()) {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await exited;
        // npm may exit before the server under it: wait for the rest of the group too.
        const deadline = Date.now() + graceMs;
        while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        if (groupAlive()) signalGroup('SIGKILL');
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      return exited;
    },
  };
}

/** The processes of group `pgid` that are not zombies (from /proc). */
function liveMembers(pgid: number): number {
  return liveMemberPids(pgid).length;
}

function liveMemberPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
  }
  return pids;
}

/** A process's argv (Linux: /proc/<pid>/cmdline), or undefined once it is gone. */
export function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((a) => a !== '');
  } catch {
    return undefined;
  }
}

/** The server as `node --import tsx server/src/main.ts` (one process: a signal reaches the server itself). */
export function startServerProcess(name: string, env: Record<string, string | undefined>): ServerProcess {
  return spawnServer(name, process.execPath, ['--import', 'tsx', 'server/src/main.ts'], env);
}
