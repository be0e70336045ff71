// The SMS kill test's worker: over the SQLite store in NOBAT_DATA_DIR, the queue, the outbox and the
// follower run as in the server, but the gateway never answers. A ticket is issued with a mobile: its
// message is queued and handed to the gateway (a line 'sms-sending'), where it hangs. Then the follower
// is stopped and a second ticket is issued: its event is in the log, its message nowhere yet. The
// parent SIGKILLs the process at that point. The clock is fixed at T0 (09:00 in Tehran, day hours).
import { createLogger } from '../../../server/src/log.ts';
import type { GatewayMessage, SmsGateway } from '../../../server/src/notify/gateways/port.ts';
import { Outbox } from '../../../server/src/notify/outbox.ts';
import { smsSettings, TicketMessages } from '../../../server/src/notify/ticket-messages.ts';
import { QueueService } from '../../../server/src/queue/queue-service.ts';
import { openStore } from '../../../server/src/store/open.ts';
import { testConfig } from '../../../server/src/testing/fixtures.ts';
import { T0 } from '../../../server/src/testing/harness.ts';
import { exitAfter, writeLine } from '../../support/child.ts';
import type { WorkerLine } from '../../support/worker-lines.ts';

const worker = process.env.WORKER_NAME ?? 'sms';
exitAfter(worker, 60_000);
const emit = (line: WorkerLine) => writeLine(line);
const clock = () => T0;

/** Takes the message and never answers: the process dies mid-send. */
class HangingGateway implements SmsGateway {
  readonly name = 'hanging';
  send(m: GatewayMessage): Promise<{ id?: string }> {
    emit({ kind: 'sms-sending', worker, key: m.key });
    return new Promise(() => undefined);
  }
}

try {
  const store = openStore({ NOBAT_DATA_DIR: process.env.NOBAT_DATA_DIR });
  await store.putRecord('branch', 'b1', testConfig(), 0);
  const queue = new QueueService({ store, clock });
  const outbox = new Outbox({
    store,
    gateway: new HangingGateway(),
    logger: createLogger('silent'),
    clock,
    leaseMs: 120_000,
    intervalMs: 50,
    branchInfo: async (b) => {
      const ix = await queue.config(b);
      return ix && { timeZone: ix.config.branch.timeZone, sms: smsSettings(ix) };
    },
  });
  const follower = new TicketMessages({
    store,
    queue,
    notify: outbox,
    publicUrl: () => 'http://nobat.test',
    logger: createLogger('silent'),
    clock,
    intervalMs: 0,
  });
  follower.start();
  outbox.start();
  const issue = (mobile: string) =>
    queue.execute('b1', { type: 'issue', serviceId: 's1', source: { kind: 'web' }, contact: { mobile } });
  const first = await issue('09121111111');
  if (!first.ok || !first.ticket) throw new Error('first ticket refused');
  emit({ kind: 'sms-issued', worker, ticketId: first.ticket.id, followed: true });
  await follower.settled();
  // From here the follower does not run: the next ticket's message exists only as its event.
  await follower.stop();
  const second = await issue('09122222222');
  if (!second.ok || !second.ticket) throw new Error('second ticket refused');
  emit({ kind: 'sms-issued', worker, ticketId: second.ticket.id, followed: false });
  // Wait to be killed (the run limit ends it otherwise).
  await new Promise(() => undefined);
} catch (error) {
  emit({ kind: 'error', worker, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
}
