// The device-health and alert services against real stores (a SQLite file; Redis when it can be
// started): what they keep survives a restart and is seen by another instance, one alert per cause.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '@nobat/protocol';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RedisServer, redisAvailable, startRedisServer } from '../../../tests/support/redis-server.ts';
import { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/port.ts';
import { openRedisStore } from '../store/redis/redis-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { MIN, T0 } from '../testing/harness.ts';
import { AlertService } from './alert-service.ts';
import { DeviceHealthService } from './device-health.ts';

let redis: RedisServer | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  if (redisAvailable()) redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Open = (clock: () => number) => Store;
const stores: [string, () => Open][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nobat-health-'));
      dirs.push(dir);
      return (clock) => openSqliteStore(join(dir, 'nobat.sqlite'), { clock });
    },
  ],
  [
    'redis',
    () => {
      const keyPrefix = `nobat-health-${randomUUID()}:`;
      return (clock) => {
        if (!redis) throw new Error('no redis');
        return openRedisStore(redis.url, { keyPrefix, clock });
      };
    },
  ],
];

describe.each(stores)('health and alerts on %s', (kind, makeOpen) => {
  let now = T0;
  const clock = () => now;
  let open: Open;
  const opened: Store[] = [];

  /** One "process": a store connection, the queue, the health and alert services. */
  function boot(opts: { intervalMs?: number } = {}) {
    const store = open(clock);
    opened.push(store);
    const queue = new QueueService({ store, clock, dayIdleMs: 10 * 60_000 });
    const health = new DeviceHealthService({ store, clock });
    const alerts = new AlertService({ store, queue, health, clock, intervalMs: opts.intervalMs ?? 0 });
    const heard: [string, Alert][] = [];
    alerts.onChange((e, a) => heard.push([e, a]));
    return { store, queue, health, alerts, heard };
  }

  beforeEach(async (ctx) => {
    if (kind === 'redis' && !redis) ctx.skip();
    now = T0;
    open = makeOpen();
    const s = open(clock);
    await s.putRecord('branch', 'b1', testConfig(), 0);
    await s.close();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  const issue = (p: ReturnType<typeof boot>, serviceId: string) =>
    p.queue.execute('b1', { type: 'issue', serviceId, source: { kind: 'kiosk', kioskId: 'k' } });

  it('[AL9] a cause raises one alert, not again on a second evaluation, after a restart, or in another process', async () => {
    const a = boot();
    const t = await issue(a, 's1');
    if (!t.ok || !t.ticket) throw new Error('not issued');
    now += 21 * MIN;
    await a.alerts.evaluate('b1');
    await a.alerts.evaluate('b1');
    expect(a.heard.map(([e, x]) => [e, x.cause])).toEqual([['alert:raised', `past-target:${t.ticket.id}`]]);
    // A restart (a new process on the same store), and the first one again: nothing raised twice.
    const b = boot();
    await b.alerts.evaluate('b1');
    await Promise.all([a.alerts.evaluate('b1'), b.alerts.evaluate('b1')]);
    expect(b.heard).toEqual([]);
    expect(a.heard).toHaveLength(1);
    const listed = await b.alerts.list('b1', { state: 'all', limit: 50 });
    expect(listed.alerts.map((x) => x.cause)).toEqual([`past-target:${t.ticket.id}`]);
  });

  it('[AL10] an alert whose cause ended is resolved and kept; only a new cause raises again', async () => {
    const p = boot();
    await p.queue.execute('b1', { type: 'open', counterId: 'c2', clerkId: 'k2' });
    await p.queue.execute('b1', { type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'prayer' });
    const pausedAt = now;
    now += 16 * MIN; // the default threshold: 15 minutes
    await p.alerts.evaluate('b1');
    await p.queue.execute('b1', { type: 'resume', counterId: 'c2', clerkId: 'k2' });
    now += MIN;
    await p.alerts.evaluate('b1');
    await p.alerts.evaluate('b1');
    expect(p.heard.map(([e, x]) => [e, x.cause, x.state])).toEqual([
      ['alert:raised', `paused-long:c2:${pausedAt}`, 'open'],
      ['alert:changed', `paused-long:c2:${pausedAt}`, 'resolved'],
    ]);
    await p.queue.execute('b1', { type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'prayer' });
    const again = now;
    now += 16 * MIN;
    await p.alerts.evaluate('b1');
    expect(p.heard.map(([e, x]) => [e, x.cause]).slice(2)).toEqual([['alert:raised', `paused-long:c2:${again}`]]);
    const all = await p.alerts.list('b1', { state: 'all', limit: 50 });
    expect(all.alerts.map((x) => [x.cause, x.state])).toEqual([
      [`paused-long:c2:${again}`, 'open'],
      [`paused-long:c2:${pausedAt}`, 'resolved'],
    ]);
  });

  it('[AL9] started, it evaluates after each branch event and on its timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const p = boot({ intervalMs: 10_000 });
    p.alerts.start();
    for (let i = 0; i < 16; i++) await issue(p, 's3'); // the default: more than 15 waiting
    // [PF1] The events after the first evaluation's are evaluated together REPEAT_AFTER_MS later.
    await vi.waitFor(() => expect(p.heard.map(([, x]) => x.rule)).toEqual(['queue-long']), { timeout: 10_000 });
    await p.alerts.settled();
    // No event: a ticket crosses its target with time alone, seen on the timer's next round.
    now += 21 * MIN;
    await p.alerts.settled();
    expect(p.heard).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    await vi.waitFor(() => expect(p.heard.filter(([, x]) => x.rule === 'past-target')).toHaveLength(16));
    p.alerts.stop();
  });

  it('[AL12] health is kept: connections, reports with firmware, the day counts; a restart and another process see it', async () => {
    const p = boot();
    await p.health.connected('b1', 'bridge-1', 'bridge');
    await p.health.connected('b1', 'kiosk-1', 'kiosk');
    const report = { deviceId: 'led-c1', kind: 'led', counterId: 'c1', firmware: '1.4.2' } as const;
    await p.health.reported('b1', 'bridge-1', { ...report, status: 'online' });
    now += MIN;
    await p.health.reported('b1', 'bridge-1', { ...report, status: 'error', detail: 'no answer' });
    now += MIN;
    await p.health.reported('b1', 'bridge-1', { ...report, status: 'online' });
    now += MIN;
    await p.health.disconnected('b1', 'bridge-1', 'bridge');
    await p.health.bridgeGone('b1', 'bridge-1');
    const other = boot();
    const seen = await other.health.list('b1');
    expect(seen.map((d) => [d.deviceId, d.kind, d.status, d.offlineCount, d.errorCount, d.firmware])).toEqual([
      ['bridge-1', 'bridge', 'offline', 1, 0, null],
      ['kiosk-1', 'kiosk', 'online', 0, 0, null],
      ['led-c1', 'led', 'offline', 1, 1, '1.4.2'],
    ]);
    const led = seen.find((d) => d.deviceId === 'led-c1');
    expect(led).toMatchObject({ bridgeId: 'bridge-1', since: new Date(now).toISOString(), detail: 'bridge offline' });
    // The kiosk's socket was the first process's: a process starting marks it offline.
    await other.health.sweep();
    expect((await other.health.list('b1')).find((d) => d.deviceId === 'kiosk-1')).toMatchObject({
      status: 'offline',
      connectedSince: null,
      offlineCount: 1,
    });
  });

  it('[AL5][AL12] a device offline past the grace raises device-offline once; back online resolves it', async () => {
    const p = boot();
    await p.health.connected('b1', 'kiosk-1', 'kiosk');
    await p.health.connected('b1', 'kiosk-1', 'kiosk'); // a second socket of the same kiosk
    await p.health.disconnected('b1', 'kiosk-1', 'kiosk');
    expect((await p.health.list('b1'))[0]?.status).toBe('online');
    await p.health.disconnected('b1', 'kiosk-1', 'kiosk');
    const wentAt = now;
    now += 31_000;
    await p.alerts.evaluate('b1');
    await p.alerts.evaluate('b1');
    await p.health.connected('b1', 'kiosk-1', 'kiosk');
    await p.alerts.evaluate('b1');
    expect(p.heard.map(([e, x]) => [e, x.cause, x.state])).toEqual([
      ['alert:raised', `device-offline:kiosk-1:${wentAt}`, 'open'],
      ['alert:changed', `device-offline:kiosk-1:${wentAt}`, 'resolved'],
    ]);
  });

  it('[MEM1][AL5] the sweep of a released quiet day raises device alerts without holding the day again', async () => {
    const p = boot();
    const at = { counterId: 'c1', clerkId: 'k1' };
    await issue(p, 's1');
    for (const type of ['open', 'callNext', 'start', 'finish', 'close'] as const) {
      expect(await p.queue.execute('b1', { type, ...at })).toMatchObject({ ok: true });
    }
    await p.health.connected('b1', 'kiosk-1', 'kiosk');
    await p.alerts.evaluate('b1'); // seen: the timer's sweep takes it from now on
    now += 10 * 60_000;
    expect(p.queue.releaseIdle()).toEqual(['b1']);
    await p.health.disconnected('b1', 'kiosk-1', 'kiosk');
    const wentAt = now;
    now += 31_000;
    await p.alerts.tick();
    await p.alerts.settled();
    expect(p.heard.map(([e, x]) => [e, x.cause])).toEqual([['alert:raised', `device-offline:kiosk-1:${wentAt}`]]);
    expect(p.queue.held()).toEqual({ days: 0, released: 1 });
    // A ticket issued by another process: the next sweep reads the day in full, and sees it waiting.
    const other = boot();
    await issue(other, 's1');
    await p.alerts.tick();
    await p.alerts.settled();
    expect(p.queue.held()).toEqual({ days: 1, released: 0 });
  });
});
