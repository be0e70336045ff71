// Issues tickets as fast as it can from several kiosk loops while one counter calls, starts and finishes
// them. With ISSUES_PER_LOOP=0 it runs until it is killed (the kill test's victim); otherwise each loop
// issues that many tickets and the counter serves up to COUNTER_CYCLES tickets, then it exits.
import { Refusal } from '@nobat/protocol';
import { exitAfter } from '../../support/child.ts';
import { clerkId, counterId, SERVICE_IDS } from '../../support/system-branch.ts';
import { intEnv, main, run, sleep, worker } from './common.ts';

const loops = intEnv('KIOSK_LOOPS', 4);
const issuesPerLoop = intEnv('ISSUES_PER_LOOP', 0);
const counterCycles = intEnv('COUNTER_CYCLES', 0);
const counterNumber = intEnv('COUNTER_NUMBER', 1);
const runLimitMs = intEnv('RUN_LIMIT_MS', 90_000);
const bounded = issuesPerLoop > 0;

// Never outlive a test runner that died without killing us.
exitAfter(worker, runLimitMs);

let kiosksDone = false;

async function kiosk(loop: number): Promise<void> {
  for (let n = 0; !bounded || n < issuesPerLoop; n++) {
    const serviceId = SERVICE_IDS[(loop + n) % SERVICE_IDS.length] ?? 's1';
    await run({ type: 'issue', serviceId, source: { kind: 'kiosk', kioskId: `kiosk-${loop}` } });
  }
}

async function counter(): Promise<void> {
  const at = { counterId: counterId(counterNumber), clerkId: clerkId(counterNumber) };
  const opened = await run({ type: 'open', ...at });
  if (!opened.ok) throw new Error(`cannot open ${at.counterId}: ${opened.code}`);
  for (let served = 0; !bounded || served < counterCycles; ) {
    const called = await run({ type: 'callNext', ...at });
    if (!called.ok) {
      // A ticket left called (not started) at this counter, e.g. by a process that was killed: serve it.
      if (called.code !== Refusal.currentTicketOpen) throw new Error(`callNext refused: ${called.code}`);
    } else if (!called.ticket) {
      if (kiosksDone) return;
      await sleep(2);
      continue;
    }
    const started = await run({ type: 'start', ...at });
    if (!started.ok && started.code !== Refusal.alreadyStarted) throw new Error(`start refused: ${started.code}`);
    const finished = await run({ type: 'finish', ...at });
    if (!finished.ok) throw new Error(`finish refused: ${finished.code}`);
    served++;
  }
}

main(async () => {
  const issuing = Promise.all(Array.from({ length: loops }, (_, i) => kiosk(i))).then(() => {
    kiosksDone = true;
  });
  await Promise.all([issuing, counter()]);
});
