// The memory scenario's branches, written straight into the store the server under test uses
// (NOBAT_DATA_DIR or REDIS_URL) while it runs: two template days made by the real queue service in
// this process — a *busy* one (TICKETS issued by kiosks with request ids, all but WAITING served by
// 6 counters, which stay open) and a *quiet* one (all served, counters closed) — then copied to
// BRANCHES branches (mem-001…), the first BUSY of them busy, the rest quiet. Each copy is the
// template's log with its ticket ids renamed to the branch, appended as the branch's day; its
// configuration is the demo branch's under the new id. Prints {"kind":"seeded",…}.
import { randomUUID } from 'node:crypto';
import { type DomainEvent, localDay, openSqliteStore, openStore, QueueService } from '@nobat/server';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { say, UNCAPPED_SERVICES } from './shared.ts';

const branches = Number(process.env.BRANCHES ?? '200');
const busy = Number(process.env.BUSY ?? String(branches));
const tickets = Number(process.env.TICKETS ?? '3000');
const waitingLeft = Number(process.env.WAITING ?? '500');
const COUNTERS = 6;

export const memBranchId = (i: number): string => `mem-${String(i).padStart(3, '0')}`;

// Bench data, not an office's: SQLite need not fsync every batch.
const store = process.env.REDIS_URL
  ? openStore({ REDIS_URL: process.env.REDIS_URL })
  : openSqliteStore(`${process.env.NOBAT_DATA_DIR ?? ''}/nobat.sqlite`, { synchronous: 'normal' });
const demo = await store.getRecord<{ branch: { id: string; name: { fa: string; en?: string }; timeZone: string } }>(
  'branch',
  DEMO_BRANCH,
);
if (!demo) throw new Error('memory-seed: the demo branch is not in the store (start the server first)');
const timeZone = demo.value.branch.timeZone;

async function putConfig(id: string, n: number): Promise<void> {
  const config = structuredClone(demo?.value) as NonNullable<typeof demo>['value'];
  config.branch.id = id;
  config.branch.name = { fa: `${config.branch.name.fa} (${n})`, en: `Branch (${n})` };
  const put = await store.putRecord('branch', id, config, 0);
  if (!put.ok) throw new Error(`memory-seed: branch ${id} exists already`);
}

// The day runs over the last two hours (or since local midnight, if that is later), on a clock
// that moves a step per command, so every event lands in today's log.
const realNow = Date.now();
let start = realNow - 2 * 3600_000;
while (localDay(start, timeZone) !== localDay(realNow, timeZone)) start += 60_000;
const day = localDay(realNow, timeZone);

async function template(id: string, leaveWaiting: number, close: boolean): Promise<DomainEvent[]> {
  await putConfig(id, 0);
  let now = start;
  const commands = tickets * 4 + COUNTERS * 2;
  const step = Math.max(1, Math.floor((realNow - start) / commands));
  const queue = new QueueService({ store, clock: () => now });
  const run = async (branchCommand: Parameters<QueueService['execute']>[1]) => {
    now += step;
    const r = await queue.execute(id, branchCommand);
    if (!r.ok) throw new Error(`memory-seed: ${branchCommand.type} refused: ${r.code}`);
    return r;
  };
  const at = (c: number) => ({ counterId: `counter-${c}`, clerkId: `clerk${c}` });
  for (let c = 1; c <= COUNTERS; c++) await run({ type: 'open', ...at(c) });
  let served = 0;
  let turn = 0;
  /** The next counter with something to call calls, starts and finishes it; false when none has. */
  const serveOne = async (): Promise<boolean> => {
    for (let tries = 0; tries < COUNTERS; tries++) {
      const c = (turn++ % COUNTERS) + 1;
      const called = await run({ type: 'callNext', ...at(c) });
      if (!called.ticket) continue;
      await run({ type: 'start', ...at(c) });
      await run({ type: 'finish', ...at(c) });
      return true;
    }
    return false;
  };
  for (let i = 0; i < tickets; i++) {
    await run({
      type: 'issue',
      serviceId: UNCAPPED_SERVICES[i % UNCAPPED_SERVICES.length] ?? 'premium-list',
      requestId: randomUUID(),
      source: { kind: 'kiosk', kioskId: 'kiosk-1' },
    });
    // The counters keep pace, leaving `leaveWaiting` behind at the end.
    while (served < i + 1 - leaveWaiting && (await serveOne())) served++;
  }
  // Quiet: whatever a counter could not take, another does.
  if (leaveWaiting === 0) while (await serveOne()) served++;
  if (close) for (let c = 1; c <= COUNTERS; c++) await run({ type: 'close', ...at(c) });
  await queue.drain();
  return (await store.readEvents(id, day, 0)).map((e) => e.event);
}

const busyDay = await template('mem-tpl-busy', waitingLeft, false);
const quietDay = await template('mem-tpl-quiet', 0, true);
for (let i = 1; i <= branches; i++) {
  const id = memBranchId(i);
  await putConfig(id, i);
  const [tpl, events] = i <= busy ? ['mem-tpl-busy', busyDay] : ['mem-tpl-quiet', quietDay];
  const renamed = JSON.parse(JSON.stringify(events).replaceAll(`"${tpl}~`, `"${id}~`)) as DomainEvent[];
  const appended = await store.appendEvents(id, day, 0, renamed);
  if (!appended.ok) throw new Error(`memory-seed: ${id}'s day exists already`);
}
await store.close();
say({ kind: 'seeded', branches, busy, tickets, waiting: waitingLeft, day, busyEvents: busyDay.length });
process.exit(0);
