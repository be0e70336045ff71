// What every system-test worker shares: the store and queue service built from the environment, a
// clock that starts at CLOCK_START, counted appends, and the one-JSON-line-per-fact output.
import { type CommandInput, type CommandResult, openStore, QueueService, type Store } from '@nobat/server';
import { sleep, writeLine } from '../../support/child.ts';
import { acksOf, type WorkerLine, type WorkerStats } from '../../support/worker-lines.ts';

export { sleep };

export const worker = process.env.WORKER_NAME ?? 'worker';
export const branchId = requiredEnv('NOBAT_BRANCH');

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${worker}: ${name} is not set`);
  return value;
}

export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${worker}: ${name} must be an integer, got ${raw}`);
  return n;
}

/** Writes one line (see writeLine: once this returns the line is in the pipe). */
export function emit(line: WorkerLine): void {
  writeLine(line);
}

export const stats: WorkerStats = { appends: 0, conflicts: 0, refusals: {} };

/** The store named by REDIS_URL or NOBAT_DATA_DIR, counting appends and lost compare-and-append races. */
function countingStore(store: Store): Store {
  const appendEvents: Store['appendEvents'] = async (...args) => {
    const result = await store.appendEvents(...args);
    stats.appends++;
    if (!result.ok) stats.conflicts++;
    return result;
  };
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'appendEvents') return appendEvents;
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const store = countingStore(
  openStore({
    REDIS_URL: process.env.REDIS_URL,
    NOBAT_DATA_DIR: process.env.NOBAT_DATA_DIR,
    NOBAT_REDIS_TIMEOUT_MS: intEnv('NOBAT_REDIS_TIMEOUT_MS', 0) || undefined,
    NOBAT_REDIS_MIN_REPLICAS: intEnv('NOBAT_REDIS_MIN_REPLICAS', 0),
    NOBAT_REDIS_REPLICA_TIMEOUT_MS: intEnv('NOBAT_REDIS_REPLICA_TIMEOUT_MS', 0) || undefined,
  }),
);

const clockStart = intEnv('NOBAT_CLOCK_START', 0);
const startedAt = Date.now();
const clock = clockStart ? () => clockStart + (Date.now() - startedAt) : Date.now;

export const queue = new QueueService({ store, clock });

/** Runs a command and prints an acknowledgement for each fact it appended, or the refusal. */
export async function run(command: CommandInput, branch: string = branchId): Promise<CommandResult> {
  const result = await queue.execute(branch, command);
  if (result.ok) {
    for (const ack of acksOf(worker, result)) emit(branch === branchId ? ack : { ...ack, branchId: branch });
  } else {
    stats.refusals[result.code] = (stats.refusals[result.code] ?? 0) + 1;
    emit({ kind: 'refused', worker, command: command.type, code: result.code });
  }
  return result;
}

/** Runs the worker's body, then reports its statistics and exits; any error is printed and fails the process. */
export function main(body: () => Promise<void>): void {
  emit({ kind: 'ready', worker });
  body().then(
    async () => {
      emit({ kind: 'done', worker, stats });
      await store.close();
      process.exit(0);
    },
    (error: unknown) => {
      emit({ kind: 'error', worker, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
}
