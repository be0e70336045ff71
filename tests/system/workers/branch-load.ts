// One server process of the concurrency test: counters COUNTER_FROM..COUNTER_TO each open and loop
// call-next → start → finish, while KIOSKS kiosks each issue ISSUES_PER_KIOSK tickets, all at once.
// When its kiosks are done it prints `kiosks-done`; once the parent writes `drain` (every process's
// kiosks are done) the counters stop as soon as nothing is left waiting.
import { Refusal } from '@nobat/protocol';
import type { CommandInput, CommandResult } from '@nobat/server';
import { exitAfter, readCommands } from '../../support/child.ts';
import { clerkId, counterId, SERVICE_IDS } from '../../support/system-branch.ts';
import { branchId, emit, intEnv, main, queue, run, sleep, worker } from './common.ts';

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

/** Runs a command that must be accepted; `busy` (counted by run) is retried, as a client would. */
async function must(command: CommandInput): Promise<Extract<CommandResult, { ok: true }>> {
  for (;;) {
    const result = await run(command);
    if (result.ok) return result;
    if (result.code !== Refusal.busy) throw new Error(`${command.type} refused: ${result.code} ${result.detail ?? ''}`);
    await sleep(5);
  }
}

async function kiosk(k: number): Promise<void> {
  const kioskId = `${worker}-kiosk-${k}`;
  for (let n = 0; n < issuesPerKiosk; n++) {
    const serviceId = SERVICE_IDS[(k + n) % SERVICE_IDS.length] ?? 's1';
    await must({
      type: 'issue',
      serviceId,
      ...(n % 5 === 4 ? { priorityId: 'elderly' } : {}),
      source: { kind: 'kiosk', kioskId },
    });
  }
}

async function counter(n: number): Promise<void> {
  const at = { counterId: counterId(n), clerkId: clerkId(n) };
  await must({ type: 'open', ...at });
  for (;;) {
    const called = await must({ type: 'callNext', ...at });
    if (called.ticket) {
      await must({ type: 'start', ...at });
      await must({ type: 'finish', ...at });
      continue;
    }
    if (draining) {
      const day = await queue.view(branchId);
      if (day && day.state.waiting.size === 0) return;
    }
    await sleep(1 + Math.random() * 4);
  }
}

main(async () => {
  await started;
  const counters: Promise<void>[] = [];
  for (let n = counterFrom; n <= counterTo; n++) counters.push(counter(n));
  const issuing = Promise.all(Array.from({ length: kiosks }, (_, k) => kiosk(k))).then(() => {
    emit({ kind: 'kiosks-done', worker });
  });
  await Promise.all([issuing, ...counters]);
});
