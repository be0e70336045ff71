// [NT3][NT7] Notifications survive a crash. A worker process issues two tickets with a mobile: the
// first one's message is handed to a gateway that never answers (left 'sending'), the second one's
// event is written but its message never queued; the process is SIGKILLed. A new process over the same
// SQLite store sends each of them exactly once: the first after its lease expires, the second derived
// from the log — and nothing more however often it runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../../server/src/log.ts';
import type { GatewayMessage, SmsGateway } from '../../server/src/notify/gateways/port.ts';
import { Outbox } from '../../server/src/notify/outbox.ts';
import { smsSettings, TicketMessages } from '../../server/src/notify/ticket-messages.ts';
import { QueueService } from '../../server/src/queue/queue-service.ts';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { T0 } from '../../server/src/testing/harness.ts';
import { spawnWorker, type WorkerProcess } from '../support/worker-process.ts';

const workerFile = fileURLToPath(new URL('./workers/sms.ts', import.meta.url));
const workers: WorkerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  for (const c of cleanups.reverse()) await c();
});

class RecordingGateway implements SmsGateway {
  readonly name = 'recording';
  readonly sent: GatewayMessage[] = [];
  async send(m: GatewayMessage) {
    this.sent.push(m);
    return { id: String(this.sent.length) };
  }
}

it('[NT3][NT7] a message written but not sent when the process is killed is sent once after restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-sms-kill-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

  const w = spawnWorker('sms', workerFile, { NOBAT_DATA_DIR: dir });
  workers.push(w);
  await w.waitFor(
    (lines) => lines.some((l) => l.kind === 'sms-sending') && lines.filter((l) => l.kind === 'sms-issued').length === 2,
    30_000,
    'a message hanging at the gateway and a second ticket issued',
  );
  const exit = await w.stop();
  expect(exit.signal).toBe('SIGKILL');
  expect(w.garbage).toEqual([]);
  const issued = w.lines.flatMap((l) => (l.kind === 'sms-issued' ? [l.ticketId] : []));
  const [first, second] = issued as [string, string];
  expect(w.lines.filter((l) => l.kind === 'sms-sending').map((l) => l.kind === 'sms-sending' && l.key)).toEqual([
    `${first}:ticket-taken`,
  ]);

  // The new process: same store file, the lease not yet over.
  let now = T0 + 60_000;
  const store = openSqliteStore(join(dir, 'nobat.sqlite'), { clock: () => now });
  cleanups.push(() => store.close());
  expect(await store.getRecord('outbox', `${first}:ticket-taken`)).toMatchObject({
    value: { state: 'sending', attempts: 1 },
  });
  expect(await store.getRecord('outbox', `${second}:ticket-taken`)).toBeUndefined();
  const queue = new QueueService({ store, clock: () => now });
  const gateway = new RecordingGateway();
  const outbox = new Outbox({
    store,
    gateway,
    logger: createLogger('silent'),
    clock: () => now,
    leaseMs: 120_000,
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
    clock: () => now,
    intervalMs: 0,
  });
  await follower.catchUp();
  await follower.settled();
  await outbox.runOnce();
  // The second ticket's message, derived from the log, goes at once; the first waits for its lease.
  expect(gateway.sent.map((m) => m.key)).toEqual([`${second}:ticket-taken`]);
  now = T0 + 120_000;
  await outbox.runOnce();
  expect(gateway.sent.map((m) => [m.key, m.to])).toEqual([
    [`${second}:ticket-taken`, '09122222222'],
    [`${first}:ticket-taken`, '09121111111'],
  ]);
  // Running again, and reading the whole log again, sends nothing more.
  await store.deleteRecord('outbox-cursor', 'b1/2026-11-22');
  await new TicketMessages({
    store,
    queue,
    notify: outbox,
    publicUrl: () => 'http://nobat.test',
    logger: createLogger('silent'),
    clock: () => now,
    intervalMs: 0,
  }).catchUp();
  now += 3_600_000;
  await outbox.runOnce();
  expect(gateway.sent).toHaveLength(2);
  expect(await outbox.get(`${first}:ticket-taken`)).toMatchObject({ state: 'sent', attempts: 2 });
  expect(await outbox.get(`${second}:ticket-taken`)).toMatchObject({ state: 'sent', attempts: 1 });
  await queue.drain();
});
