// One server process of the concurrency test: in each branch it serves (NOBAT_BRANCH, or the
// comma-separated NOBAT_BRANCHES), counters COUNTER_FROM..COUNTER_TO each open and loop
// call-next → start → finish, while KIOSKS kiosks each issue ISSUES_PER_KIOSK tickets, all at once.
// When its kiosks are done it prints `kiosks-done`; once the parent writes `drain` (every process's
// kiosks are done) the counters stop as soon as nothing is left waiting. Every command carries a
// requestId ([T1]): a command answered store-unavailable ([S6], e.g. while Redis fails over) is
// printed as such and sent again with the same requestId until it is answered, as a client would.
import { randomUUID } from 'node:crypto';
import { Refusal } from '@nobat/protocol';
import type { CommandInput, CommandResult } from '@nobat/server';
import { exitAfter, readCommands } from '../../support/child.ts';
import { clerkId, counterId, SERVICE_IDS } from '../../support/system-branch.ts';
import { branchId, emit, intEnv, main, queue, run, sleep, worker } from './common.ts';

const branches = (process.env.NOBAT_BRANCHES ?? branchId).split(',').filter(Boolean);
const counterFrom = intEnv('COUNTER_FROM', 1);
const counterTo = intEnv('COUNTER_TO', 10);
const kiosks = intEnv('KIOSKS', 25);
const issuesPerKiosk = intEnv('ISSUES_PER_KIOSK', 20);
const runLimitMs = intEnv('RUN_LIMIT_MS', 90_000);

exitAfter(worker, runLimitMs);

// The parent writes `go` once every process is ready, so they start hammering the branch together.
let draining = false;
let go: () => void = () => undefined;
const started = new Promise<void>((resolve) => {
  go = resolve;
});
readCommands((word) => {
  if (word === 'go') go();
  if (word === 'drain') draining = true;
});

const unavailable = (err: unknown) => err instanceof Error && err.name === 'StoreUnavailableError';

/**
 * Runs a command that must be accepted; `busy` (counted by run) is retried, as a client would, and
 * so is store-unavailable, with the same requestId so that a command that did land is not repeated.
 */
async function must(branch: string, command: CommandInput): Promise<Extract<CommandResult, { ok: true }>> {
  const sent = { ...command, requestId: randomUUID() } as CommandInput;
  for (;;) {
    let result: CommandResult;
    try {
      result = await run(sent, branch);
    } catch (err) {
      if (!unavailable(err)) throw err;
      emit({ kind: 'unavailable', worker, branchId: branch, command: command.type });
      await sleep(50);
      continue;
    }
    if (result.ok) return result;
    if (result.code !== Refusal.busy) throw new Error(`${command.type} refused: ${result.code} ${result.detail ?? ''}`);
    await sleep(5);
  }
}

async function kiosk(branch: string, k: number): Promise<void> {
  const kioskId = `${worker}-kiosk-${k}`;
  for (let n = 0; n < issuesPerKiosk; n++) {
    const serviceId = SERVICE_IDS[(k + n) % SERVICE_IDS.length] ?? 's1';
    await must(branch, {
      type: 'issue',
      serviceId,
      ...(n % 5 === 4 ? { priorityId: 'elderly' } : {}),
      source: { kind: 'kiosk', kioskId },
    });
  }
}

/** Nothing is left waiting in the branch (false while the store cannot be read). */
async function empty(branch: string): Promise<boolean> {
  try {
    const day = await queue.view(branch);
    return day !== undefined && day.state.waiting.size === 0;
  } catch (err) {
    if (unavailable(err)) return false;
    throw err;
  }
}

async function counter(branch: string, n: number): Promise<void> {
  const at = { counterId: counterId(n), clerkId: clerkId(n) };
  await must(branch, { type: 'open', ...at });
  for (;;) {
    const called = await must(branch, { type: 'callNext', ...at });
    if (called.ticket) {
      await must(branch, { type: 'start', ...at });
      await must(branch, { type: 'finish', ...at });
      continue;
    }
    if (draining && (await empty(branch))) return;
    await sleep(1 + Math.random() * 4);
  }
}

main(async () => {
  await started;
  const counters: Promise<void>[] = [];
  const issuing: Promise<void>[] = [];
  for (const branch of branches) {
    for (let n = counterFrom; n <= counterTo; n++) counters.push(counter(branch, n));
    for (let k = 0; k < kiosks; k++) issuing.push(kiosk(branch, k));
  }
  const kiosksDone = Promise.all(issuing).then(() => {
    emit({ kind: 'kiosks-done', worker });
  });
  await Promise.all([kiosksDone, ...counters]);
});
