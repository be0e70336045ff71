// The requests workers (tests/system/requests-redis.test.ts), over the store named by REDIS_URL or
// NOBAT_DATA_DIR, on the demo office the parent seeded, with a clock from T0 (09:00 in Tehran, a
// working Sunday):
// - MODE=create: opens COUNTER as CLERK, then COUNT times issues a premium-debt ticket, calls and starts
//   it, and makes a request from it, its code drawn from POOL (a few valid codes, so two processes clash);
//   prints 'request-made' for each.
// - MODE=move: drives every request in IDS through its workflow from LOOPS racing loops — accept, complete,
//   return once from the second step, respond at the last — printing 'request-moved' once each move is
//   written, until every request is responded (a killed worker's heir picks up where the store says).
import { randomInt } from 'node:crypto';
import type { RequestView, SessionUser } from '@nobat/protocol';
import { DEMO_BRANCH, DEMO_OFFICERS } from '../../../server/src/demo.ts';
import { type Mover, type RequestCommand, requestView } from '../../../server/src/domain/requests.ts';
import { QueueService } from '../../../server/src/queue/queue-service.ts';
import { RequestError, RequestService } from '../../../server/src/requests/request-service.ts';
import { openStore } from '../../../server/src/store/open.ts';
import { T0 } from '../../../server/src/testing/harness.ts';
import { exitAfter, writeLine } from '../../support/child.ts';
import type { WorkerLine } from '../../support/worker-lines.ts';

const worker = process.env.WORKER_NAME ?? 'requests';
exitAfter(worker, Number(process.env.RUN_LIMIT_MS ?? 120_000));
const emit = (line: WorkerLine) => writeLine(line);
const startedAt = Date.now();
const clock = () => T0 + (Date.now() - startedAt);

const store = openStore({ REDIS_URL: process.env.REDIS_URL, NOBAT_DATA_DIR: process.env.NOBAT_DATA_DIR });
const queue = new QueueService({ store, clock });
const pool = (process.env.POOL ?? '').split(',').filter(Boolean);
const requests = new RequestService({
  store,
  queue,
  clock,
  maxAttempts: 500,
  ...(pool.length > 0 ? { drawCode: () => pool[randomInt(pool.length)] as string } : {}),
});

export const APPLICANT = { fullName: 'مریم احمدی', nationalId: '0084575948', mobile: '09121234567' };

async function must(label: string, work: Promise<{ ok: boolean; code?: string }>) {
  const r = await work;
  if (!r.ok) throw new Error(`${label}: ${r.code}`);
}

async function create(): Promise<void> {
  const counterId = process.env.COUNTER ?? 'counter-1';
  const clerkId = process.env.CLERK ?? 'clerk1';
  const count = Number(process.env.COUNT ?? 10);
  const clerk: SessionUser = { id: clerkId, username: clerkId, name: clerkId, role: 'clerk', branchId: DEMO_BRANCH };
  await must('open', queue.execute(DEMO_BRANCH, { type: 'open', counterId, clerkId }));
  for (let i = 0; i < count; i++) {
    const issued = await queue.execute(DEMO_BRANCH, {
      type: 'issue',
      serviceId: 'premium-debt',
      source: { kind: 'kiosk', kioskId: 'kiosk-1' },
    });
    if (!issued.ok || !issued.ticket) throw new Error(`issue: ${issued.ok ? 'no ticket' : issued.code}`);
    const ticketId = issued.ticket.id;
    await must('call', queue.execute(DEMO_BRANCH, { type: 'callTicket', counterId, clerkId, ticketId }));
    await must('start', queue.execute(DEMO_BRANCH, { type: 'start', counterId, clerkId }));
    const view = await requests.create(clerk, { ticketId, applicant: APPLICANT, notes: '' });
    emit({ kind: 'request-made', worker, id: view.id, code: view.code });
  }
}

const officers = new Map(
  DEMO_OFFICERS.map(([id, name, unit]): [string, Mover] => [
    unit,
    { kind: 'user', id, name, role: 'officer', branchId: DEMO_BRANCH, unit },
  ]),
);

/** The next move of the script, from the request as it is: null once responded. */
function next(view: RequestView): RequestCommand | null {
  const c = view.current;
  if (view.state !== 'in-progress' || !c) return null;
  if (c.status === 'pending') return { type: 'accept' };
  const returned = view.events.some((e) => e.type === 'StepReturned');
  if (c.step === 0) return { type: 'complete', note: 'بدهی استعلام شد' };
  if (c.step === 1 && !returned) return { type: 'return', reason: 'مبلغ با لیست‌ها نمی‌خواند' };
  if (c.step === 1) return { type: 'complete', note: 'اقساط محاسبه شد' };
  return {
    type: 'respond',
    legalBasis: 'مادهٔ ۲۸ قانون تأمین اجتماعی',
    answer: 'بدهی در ۱۲ قسط پرداخت می‌شود.',
    appealTo: 'هیئت تشخیص مطالبات',
    appealUntil: '2099-01-01',
    remarks: '',
  };
}

async function drive(id: string): Promise<void> {
  for (;;) {
    const record = await requests.read(id);
    const config = record && (await requests.config(record.branchId));
    if (!record || !config) throw new Error(`no request ${id}`);
    const view = requestView(config, record, clock());
    const command = next(view);
    if (!command) return;
    const officer = officers.get(view.current?.unit ?? '');
    if (!officer) throw new Error(`no officer for ${view.current?.unit}`);
    try {
      const after = await requests.move(officer, id, command, view.version);
      emit({ kind: 'request-moved', worker, id, seq: after.version, type: after.events.at(-1)?.type ?? '' });
    } catch (e) {
      // Another loop or process moved it first: look again.
      if (!(e instanceof RequestError && e.code === 'stale-request')) throw e;
    }
  }
}

async function move(): Promise<void> {
  const ids = (process.env.IDS ?? '').split(',').filter(Boolean);
  const loops = Number(process.env.LOOPS ?? 4);
  // Every loop drives every request, each starting elsewhere: loops race on the same requests.
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let i = 0; i < ids.length; i++) await drive(ids[(i + loop) % ids.length] as string);
    }),
  );
}

emit({ kind: 'ready', worker });
try {
  await (process.env.MODE === 'move' ? move() : create());
  emit({ kind: 'done', worker, stats: { appends: 0, conflicts: 0, refusals: {} } });
  await store.close();
  process.exit(0);
} catch (e) {
  emit({ kind: 'error', worker, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exit(1);
}
