import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmsSettings, toPersianDigits } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { type CommandInput, QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/port.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { MIN, T0 } from '../testing/harness.ts';
import type { GatewayMessage, SmsGateway } from './gateways/port.ts';
import { Outbox } from './outbox.ts';
import { CURSOR_EVERY_MS, TicketMessages } from './ticket-messages.ts';

class RecordingGateway implements SmsGateway {
  readonly name = 'recording';
  readonly sent: GatewayMessage[] = [];
  async send(m: GatewayMessage) {
    this.sent.push(m);
    return {};
  }
}

const URL_BASE = 'http://sms.test';
const logger = createLogger('silent');

describe('messages from the queue events', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let queue: QueueService;
  let gateway: RecordingGateway;
  let outbox: Outbox;
  let follower: TicketMessages;

  const follow = () =>
    new TicketMessages({
      store,
      queue,
      notify: outbox,
      publicUrl: () => URL_BASE,
      logger,
      clock: () => now,
      intervalMs: 0,
    });
  const run = async (input: CommandInput) => {
    now += MIN;
    const r = await queue.execute('b1', input);
    if (!r.ok) throw new Error(`refused: ${r.code}`);
    return r;
  };
  const issue = (mobile?: string) =>
    run({ type: 'issue', serviceId: 's1', source: { kind: 'web' }, ...(mobile ? { contact: { mobile } } : {}) });
  const serveNext = async (counterId = 'c1', clerkId = 'k1') => {
    const r = await run({ type: 'callNext', counterId, clerkId });
    await run({ type: 'start', counterId, clerkId });
    await run({ type: 'finish', counterId, clerkId });
    return r.ticket;
  };
  const sentFor = async (ticketId: string) => {
    await follower.settled();
    await outbox.runOnce();
    return gateway.sent.filter((m) => m.key.startsWith(`${ticketId}:`));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-sms-'));
    now = T0;
    store = openSqliteStore(join(dir, 'nobat.sqlite'), { clock: () => now });
    await store.putRecord('branch', 'b1', testConfig(), 0);
    queue = new QueueService({ store, clock: () => now });
    gateway = new RecordingGateway();
    outbox = new Outbox({
      store,
      gateway,
      logger,
      clock: () => now,
      branchInfo: async (b) => {
        const ix = await queue.config(b);
        return (
          ix && { timeZone: ix.config.branch.timeZone, sms: ix.config.branch.settings.sms ?? SmsSettings.parse({}) }
        );
      },
    });
    follower = follow();
    follower.start();
  });
  afterEach(async () => {
    await follower.stop();
    await queue.drain();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[NT8] taken, "N ahead" once, called with the counter, then the survey link: exact Persian texts, only with a mobile', async () => {
    await run({ type: 'open', counterId: 'c1', clerkId: 'k1' });
    for (let i = 0; i < 4; i++) await issue();
    const taken = await issue('09121234567');
    const id = taken.ticket?.id as string;
    const eta = taken.estimate?.etaMinutes;
    expect(taken.estimate?.ahead).toBe(4);
    expect(typeof eta).toBe('number');
    expect((await sentFor(id)).map((m) => m.text)).toEqual([
      `شعبه آزمایشی\nنوبت شما: ۱۰۰۵\nنفرات جلوی شما: ۴\nزمان تقریبی انتظار: ${toPersianDigits(String(eta))} دقیقه\nپیگیری نوبت: ${URL_BASE}/t/${id}`,
    ]);
    await serveNext(); // 3 ahead now: the aheadAt default
    await serveNext(); // 2 ahead: no second message
    expect((await sentFor(id)).slice(1)).toEqual([
      {
        to: '09121234567',
        key: `${id}:ahead`,
        text: 'نوبت ۱۰۰۵: ۳ نفر جلوی شما هستند. لطفاً نزدیک باجه‌ها باشید.',
      },
    ]);
    await serveNext();
    await serveNext();
    const called = await run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' });
    expect(called.ticket?.id).toBe(id);
    await run({ type: 'recall', counterId: 'c1', clerkId: 'k1' });
    await run({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    await run({ type: 'finish', counterId: 'c1', clerkId: 'k1' });
    const all = await sentFor(id);
    expect(all.map((m) => [m.key, m.text])).toEqual([
      [`${id}:ticket-taken`, all[0]?.text],
      [`${id}:ahead`, 'نوبت ۱۰۰۵: ۳ نفر جلوی شما هستند. لطفاً نزدیک باجه‌ها باشید.'],
      [`${id}:called`, 'نوبت ۱۰۰۵: لطفاً به باجهٔ ۱ مراجعه کنید.'],
      [`${id}:survey`, `از مراجعهٔ شما به شعبه آزمایشی سپاسگزاریم. لطفاً در نظرسنجی شرکت کنید: ${URL_BASE}/s/${id}`],
    ]);
    // Tickets without a mobile got nothing.
    expect(gateway.sent.every((m) => m.to === '09121234567')).toBe(true);
    expect(gateway.sent).toHaveLength(4);
  });

  it('[MEM2] the follower keeps only the tickets still in play, and its messages stay the same', async () => {
    await run({ type: 'open', counterId: 'c1', clerkId: 'k1' });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await issue('09121234567')).ticket?.id as string);
    await serveNext();
    await serveNext();
    const called = await run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' });
    await run({ type: 'noShow', counterId: 'c1', clerkId: 'k1' });
    await follower.settled();
    // Two served and one no-show are forgotten; three waiting are kept.
    expect(follower.heldTickets('b1')).toBe(3);
    await serveNext();
    await serveNext();
    await serveNext();
    await run({ type: 'close', counterId: 'c1', clerkId: 'k1' });
    await follower.settled();
    expect(follower.heldTickets('b1')).toBe(0);
    // Every ticket got its messages all the same: taken, called, and (if served) the survey.
    for (const id of ids) {
      const kinds = (await sentFor(id)).map((m) => m.key.slice(id.length + 1));
      expect(kinds).toEqual(
        expect.arrayContaining(
          id === called.ticket?.id ? ['ticket-taken', 'called'] : ['ticket-taken', 'called', 'survey'],
        ),
      );
    }
  });

  it('[NT8] no "ahead" message when the taken one already said few; a call after a transfer is a message of its own', async () => {
    await run({ type: 'open', counterId: 'c1', clerkId: 'k1' });
    await run({ type: 'open', counterId: 'c2', clerkId: 'k2' });
    await issue();
    const id = (await issue('09121234567')).ticket?.id as string; // 1 ahead: within aheadAt
    await serveNext();
    const called = await run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' });
    expect(called.ticket?.id).toBe(id);
    await run({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toServiceId: 's2' });
    const again = await run({ type: 'callNext', counterId: 'c2', clerkId: 'k2' });
    expect(again.ticket?.id).toBe(id);
    expect((await sentFor(id)).map((m) => [m.key, m.text])).toEqual([
      [`${id}:ticket-taken`, expect.stringContaining('نفرات جلوی شما: ۱')],
      [`${id}:called`, 'نوبت ۱۰۰۲: لطفاً به باجهٔ ۱ مراجعه کنید.'],
      [`${id}:called:1`, 'نوبت ۱۰۰۲: لطفاً به باجهٔ ۲ مراجعه کنید.'],
    ]);
  });

  it('[NT7] after a restart the follower reads on from its cursor: the missed messages are queued, none twice', async () => {
    await run({ type: 'open', counterId: 'c1', clerkId: 'k1' });
    const first = (await issue('09120000001')).ticket?.id as string;
    await follower.settled();
    await follower.stop(); // the process "dies": its follower no longer runs
    const second = (await issue('09120000002')).ticket?.id as string;
    await run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' });
    expect(await store.getRecord('outbox', `${second}:ticket-taken`)).toBeUndefined();
    // A new process: a new follower (and even one with no cursor) over the same store.
    follower = follow();
    follower.start();
    await follower.settled();
    await store.deleteRecord('outbox-cursor', `b1/2026-11-22`);
    const fresh = follow();
    await fresh.catchUp();
    await fresh.settled();
    await outbox.runOnce();
    expect(gateway.sent.map((m) => m.key).sort()).toEqual(
      [`${first}:ticket-taken`, `${first}:called`, `${second}:ticket-taken`].sort(),
    );
  });

  it('[NT7] events that call for no message move the cursor at most every CURSOR_EVERY_MS; a message moves it at once', async () => {
    const cursor = async () => (await store.getRecord<{ seq: number }>('outbox-cursor', 'b1/2026-11-22'))?.value.seq;
    const quiet = async () => {
      const r = await queue.execute('b1', { type: 'issue', serviceId: 's1', source: { kind: 'web' } });
      await follower.settled();
      return r.ok ? r.version : -1;
    };
    await quiet();
    await quiet();
    expect(await cursor()).toBeUndefined(); // no message, and the follower started just now
    now += CURSOR_EVERY_MS;
    const third = await quiet();
    expect(await cursor()).toBe(third);
    await quiet();
    expect(await cursor()).toBe(third);
    const withMobile = await queue.execute('b1', {
      type: 'issue',
      serviceId: 's1',
      source: { kind: 'web' },
      contact: { mobile: '09120000003' },
    });
    await follower.settled();
    expect(await cursor()).toBe(withMobile.ok ? withMobile.version : -1);
  });

  it("[PF3] this process's appends are folded as they come, not read back; a gap (another process) is read from the log", async () => {
    await run({ type: 'open', counterId: 'c1', clerkId: 'k1' });
    await issue();
    await follower.settled();
    // Count the follower's log reads from here on (the store is shared with the queue: reads are
    // told apart by the caller's stack, the follower's own).
    const reads: number[] = [];
    const readEvents = store.readEvents.bind(store);
    store.readEvents = (branchId, day, after) => {
      if (new Error().stack?.includes('TicketMessages')) reads.push(after);
      return readEvents(branchId, day, after);
    };
    const taken = (await issue('09120000001')).ticket?.id as string;
    await serveNext();
    expect(await serveNext()).toMatchObject({ id: taken });
    await follower.settled();
    expect(reads).toEqual([]);
    // Another process appends (a queue of its own over the same store): this one's next append
    // leaves a gap, so the follower reads the log from where it was and misses nothing.
    const other = new QueueService({ store, clock: () => now });
    const byOther = await other.execute('b1', {
      type: 'issue',
      serviceId: 's1',
      source: { kind: 'web' },
      contact: { mobile: '09120000002' },
    });
    const otherId = byOther.ok ? (byOther.ticket?.id as string) : '';
    await issue();
    await follower.settled();
    expect(reads).toHaveLength(1);
    await outbox.runOnce();
    expect(gateway.sent.map((m) => m.key).sort()).toEqual(
      [`${taken}:ticket-taken`, `${taken}:called`, `${taken}:survey`, `${otherId}:ticket-taken`].sort(),
    );
    await other.drain();
  });

  it('[NT8] a branch with SMS turned off gets no messages', async () => {
    await store.putRecord(
      'branch',
      'b1',
      testConfig((c) => {
        c.branch.settings = { sms: { enabled: false } };
      }),
      1,
    );
    queue.invalidateConfig('b1');
    const id = (await issue('09121234567')).ticket?.id as string;
    expect(await sentFor(id)).toEqual([]);
  });
});
