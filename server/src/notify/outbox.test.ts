import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SmsSettings } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log.ts';
import type { Store } from '../store/port.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { MIN, T0 } from '../testing/harness.ts';
import { GatewayError, type GatewayMessage, maskMobile, type SmsGateway } from './gateways/port.ts';
import { backoffMs, inNightWindow, Outbox, type OutboxOptions } from './outbox.ts';
import type { OutgoingMessage } from './port.ts';

/** A gateway that answers as told: ok, or throws the next queued error. */
class ScriptedGateway implements SmsGateway {
  readonly name = 'scripted';
  readonly sent: GatewayMessage[] = [];
  readonly errors: Error[] = [];
  async send(m: GatewayMessage) {
    const err = this.errors.shift();
    if (err) throw err;
    this.sent.push(m);
    return { id: `gw-${this.sent.length}` };
  }
}

function logSink() {
  const lines: string[] = [];
  const dest = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger('info', dest) };
}

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  key: 'b1~t1:called',
  branchId: 'b1',
  kind: 'called',
  to: '09121234567',
  text: 'شماره ۱۰۰۱، باجهٔ ۲',
  ticketId: 'b1~t1',
  ...over,
});

describe('outbox', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let gateway: ScriptedGateway;
  let logs: ReturnType<typeof logSink>;
  const make = (opts: Partial<OutboxOptions> = {}) =>
    new Outbox({
      store,
      gateway,
      logger: logs.logger,
      clock: () => now,
      branchInfo: async () => ({ timeZone: 'Asia/Tehran', sms: SmsSettings.parse({}) }),
      ...opts,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-outbox-'));
    now = T0; // 09:00 in Tehran
    store = openSqliteStore(join(dir, 'nobat.sqlite'), { clock: () => now });
    gateway = new ScriptedGateway();
    logs = logSink();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[NT1] one key is one message ever: a second enqueue with the key is refused and nothing is sent twice', async () => {
    const outbox = make();
    expect(await outbox.enqueue(msg())).toBe(true);
    expect(await outbox.enqueue(msg({ text: 'another text' }))).toBe(false);
    expect(await outbox.runOnce()).toBe(1);
    expect(await outbox.enqueue(msg())).toBe(false);
    expect(await outbox.runOnce()).toBe(0);
    expect(gateway.sent).toEqual([{ to: '09121234567', text: 'شماره ۱۰۰۱، باجهٔ ۲', key: 'b1~t1:called' }]);
    const e = await outbox.get('b1~t1:called');
    expect(e).toMatchObject({ state: 'sent', attempts: 1, gatewayId: 'gw-1', gateway: 'scripted', sentAt: T0 });
    // Two outboxes (two processes) on one store: the key is still taken.
    expect(await make().enqueue(msg())).toBe(false);
  });

  it('[NT1] a final record is kept keepMs by the outbox clock, then removed (the key is free again)', async () => {
    const outbox = make({ keepMs: 3_600_000 });
    await outbox.enqueue(msg());
    await outbox.runOnce();
    now += 3_599_999;
    await outbox.runOnce();
    expect(await outbox.enqueue(msg())).toBe(false);
    now += 1;
    await outbox.runOnce();
    expect(await outbox.get('b1~t1:called')).toBeUndefined();
  });

  it('[NT2] a retryable error is tried again after a doubling delay, and failed after the last attempt', async () => {
    const outbox = make({ maxAttempts: 3, baseBackoffMs: 30_000, maxBackoffMs: 600_000 });
    gateway.errors.push(
      new GatewayError('HTTP 503', true),
      new GatewayError('timeout', true),
      new GatewayError('HTTP 502', true),
    );
    await outbox.enqueue(msg());
    await outbox.runOnce();
    expect(await outbox.get('b1~t1:called')).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'HTTP 503',
      nextAttemptAt: T0 + 30_000,
    });
    now = T0 + 29_999;
    await outbox.runOnce();
    expect((await outbox.get('b1~t1:called'))?.attempts).toBe(1);
    now = T0 + 30_000;
    await outbox.runOnce();
    expect(await outbox.get('b1~t1:called')).toMatchObject({
      state: 'queued',
      attempts: 2,
      nextAttemptAt: now + 60_000,
    });
    now += 60_000;
    await outbox.runOnce();
    expect(await outbox.get('b1~t1:called')).toMatchObject({ state: 'failed', attempts: 3, lastError: 'HTTP 502' });
    now += 3_600_000;
    await outbox.runOnce();
    expect(gateway.sent).toEqual([]);
    expect(backoffMs(1, 30_000, 600_000)).toBe(30_000);
    expect(backoffMs(4, 30_000, 600_000)).toBe(240_000);
    expect(backoffMs(9, 30_000, 600_000)).toBe(600_000);
  });

  it('[NT2] a retry succeeds: sent once, with the attempts counted', async () => {
    const outbox = make();
    gateway.errors.push(new Error('socket hang up')); // not a GatewayError: counted retryable
    await outbox.enqueue(msg());
    await outbox.runOnce();
    now += 30_000;
    expect(await outbox.runOnce()).toBe(1);
    const sent = await outbox.get('b1~t1:called');
    expect(sent).toMatchObject({ state: 'sent', attempts: 2, lastError: 'socket hang up' });
    expect(sent?.lastReason).toBeUndefined(); // not a gateway's answer: no reason to word
    expect(gateway.sent).toHaveLength(1);
  });

  it('[NT2] a permanent error fails the message at once, with the reason', async () => {
    const outbox = make();
    gateway.errors.push(new GatewayError('invalid receptor 09121234567', false, 'bad-number'));
    await outbox.enqueue(msg());
    await outbox.runOnce();
    now += 3_600_000;
    await outbox.runOnce();
    expect(await outbox.get('b1~t1:called')).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'invalid receptor 0912***4567',
      lastReason: 'bad-number',
    });
    expect(gateway.sent).toEqual([]);
  });

  it('[NT3] a message left sending by a dead worker is sent after its lease expires, not before', async () => {
    const dead = make({ leaseMs: 120_000 });
    await dead.enqueue(msg());
    // The dead worker's claim, as it stood when the process died mid-send.
    const r = await store.getRecord<Record<string, unknown>>('outbox', 'b1~t1:called');
    await store.putRecord(
      'outbox',
      'b1~t1:called',
      { ...r?.value, state: 'sending', attempts: 1, leaseUntil: now + 120_000 },
      1,
    );
    const next = make();
    now += 119_999;
    expect(await next.runOnce()).toBe(0);
    now += 1;
    expect(await next.runOnce()).toBe(1);
    expect(await next.get('b1~t1:called')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('[NT2] the worker retries by itself under fake timers: backoff then sent', async () => {
    vi.useFakeTimers({ now: T0 });
    now = T0;
    const outbox = make({ intervalMs: 1_000, baseBackoffMs: 10_000 });
    gateway.errors.push(new GatewayError('HTTP 500', true));
    outbox.start();
    await outbox.enqueue(msg());
    await vi.advanceTimersByTimeAsync(0);
    await vi.waitFor(async () => expect((await outbox.get('b1~t1:called'))?.attempts).toBe(1));
    now = T0 + 9_000;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(gateway.sent).toHaveLength(0);
    now = T0 + 11_000;
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(async () => expect((await outbox.get('b1~t1:called'))?.state).toBe('sent'));
    expect(gateway.sent).toHaveLength(1);
    await outbox.stop();
  });

  it('[NT5] in the night window non-urgent messages wait; urgent ones go; day-bound ones are dropped the next day', async () => {
    expect(inNightWindow('21:00', '21:00', '07:00')).toBe(true);
    expect(inNightWindow('06:59', '21:00', '07:00')).toBe(true);
    expect(inNightWindow('07:00', '21:00', '07:00')).toBe(false);
    expect(inNightWindow('13:00', '12:00', '14:00')).toBe(true);
    expect(inNightWindow('14:00', '12:00', '14:00')).toBe(false);
    const outbox = make();
    now = T0 + 13 * 60 * MIN; // 22:00 in Tehran
    await outbox.enqueue(msg());
    await outbox.enqueue(msg({ key: 'b1~t1:survey', kind: 'survey', text: 'survey' }));
    await outbox.enqueue(msg({ key: 'otp:1', kind: 'otp', text: 'code', urgent: true }));
    expect(await outbox.runOnce()).toBe(1);
    expect(gateway.sent.map((m) => m.key)).toEqual(['otp:1']);
    expect((await outbox.get('b1~t1:called'))?.state).toBe('queued');
    now = T0 + 24 * 60 * MIN - 2 * 60 * MIN; // 07:00 the next morning
    expect(await outbox.runOnce()).toBe(1);
    expect(gateway.sent.map((m) => m.key)).toEqual(['otp:1', 'b1~t1:survey']);
    expect(await outbox.get('b1~t1:called')).toMatchObject({
      state: 'dropped',
      lastError: 'the day it was for is over',
      lastReason: 'day-over',
    });
    expect(await outbox.list('b1', { state: 'dropped' })).toHaveLength(1);
  });

  it('[NT4] mobile numbers are masked in every log line', async () => {
    const outbox = make();
    gateway.errors.push(new GatewayError('receptor 09121234567 is blocked', true));
    await outbox.enqueue(msg());
    await outbox.runOnce();
    now += MIN;
    await outbox.runOnce();
    const all = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThanOrEqual(3);
    expect(all).not.toContain('09121234567');
    expect(all).toContain('0912***4567');
    expect(maskMobile('09121234567')).toBe('0912***4567');
  });
});
