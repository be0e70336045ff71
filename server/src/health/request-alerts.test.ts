// [RN5] A request's step past its agreed duration raises one supervisor alert per request and arrival
// at the step, resolved when the step moves: the pure causes (domain/alerts.ts), then the alert service
// reading the requests through its port on a real store, with a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, RequestView } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arrivalSeq, requestOverdueCauses } from '../domain/alerts.ts';
import { requestView } from '../domain/requests.ts';
import { QueueService } from '../queue/queue-service.ts';
import {
  HOUR,
  MIN,
  people,
  RequestLife,
  requestConfig,
  respondBody,
  UNIT_REVENUE,
  UNIT_TECH,
} from '../requests/notices.fixtures.ts';
import type { Store } from '../store/port.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { AlertService } from './alert-service.ts';
import { DeviceHealthService } from './device-health.ts';

const T0 = Date.parse('2026-05-10T07:00:00Z');
const config = requestConfig();
const keys = (life: RequestLife) => requestOverdueCauses(config, [life.record], life.now).map((c) => c.key);

describe('[RN5] request-overdue causes', () => {
  it('[RN5] none before the step’s due time; after it one cause, since the due time, naming the request, code, unit and step', () => {
    const life = new RequestLife(config, T0);
    life.now = T0 + 2 * HOUR; // the first step's two hours end exactly now: not yet past
    expect(keys(life)).toEqual([]);
    life.now += 1;
    expect(requestOverdueCauses(config, [life.record], life.now)).toEqual([
      {
        key: 'request-overdue:rq-1:0:1',
        rule: 'request-overdue',
        since: T0 + 2 * HOUR,
        subject: { requestId: 'rq-1', code: life.record.code, unit: UNIT_REVENUE, stepTitle: 'بررسی سوابق' },
      },
    ]);
  });

  it('[RN5] taking the step or an inquiry keeps the cause; a completion ends it; arriving again is a new cause', () => {
    const life = new RequestLife(config, T0);
    life.move(people.revenue, { type: 'accept' }, 3 * HOUR);
    life.move(people.revenue, { type: 'inquiry', agency: 'ثبت', question: '؟' });
    expect(keys(life)).toEqual(['request-overdue:rq-1:0:1']);
    life.move(people.revenue, { type: 'inquiry-answer', answer: 'بله' });
    life.move(people.revenue, { type: 'complete', note: '' }); // seq 5: at step 1, due in 4 h
    expect(keys(life)).toEqual([]);
    life.move(people.tech, { type: 'accept' }, 5 * HOUR);
    expect(keys(life)).toEqual(['request-overdue:rq-1:1:5']);
    life.move(people.tech, { type: 'return', reason: 'ناقص' }); // seq 7: step 0 again, due in 2 h
    expect(keys(life)).toEqual([]);
    life.now += 3 * HOUR;
    expect(keys(life)).toEqual(['request-overdue:rq-1:0:7']);
    expect(arrivalSeq(life.events)).toBe(7);
  });

  it('[RN5] a forward restarts the step at the new unit (a new cause when it runs out there)', () => {
    const life = new RequestLife(config, T0);
    life.now += 3 * HOUR;
    expect(keys(life)).toEqual(['request-overdue:rq-1:0:1']);
    life.move(people.supervisor, { type: 'forward', unit: UNIT_TECH, note: '' });
    expect(keys(life)).toEqual([]);
    life.now += 2 * HOUR + MIN;
    expect(requestOverdueCauses(config, [life.record], life.now)[0]).toMatchObject({
      key: 'request-overdue:rq-1:0:2',
      subject: { unit: UNIT_TECH, stepTitle: 'بررسی سوابق' },
    });
  });

  it('[RN5] a request at the desk, answered, delivered or withdrawn is never overdue; another branch’s is not this one’s', () => {
    const returned = new RequestLife(config, T0);
    returned.move(people.revenue, { type: 'accept' });
    returned.move(people.revenue, { type: 'return', reason: 'مدرک' }, 10 * HOUR);
    const answered = new RequestLife(config, T0, { id: 'rq-2', ticketId: 't-2', seed: 0.2 });
    for (const [who, cmd] of [
      [people.revenue, { type: 'accept' }],
      [people.revenue, { type: 'complete', note: '' }],
      [people.tech, { type: 'accept' }],
      [people.tech, { type: 'complete', note: '' }],
      [people.legal, { type: 'accept' }],
      [people.legal, respondBody('2026-06-01')],
    ] as const) {
      answered.move(who, cmd);
    }
    const withdrawn = new RequestLife(config, T0, { id: 'rq-3', ticketId: 't-3', seed: 0.3 });
    withdrawn.move(people.clerk, { type: 'withdraw', reason: 'انصراف' });
    const elsewhere = new RequestLife(config, T0, { id: 'rq-4', ticketId: 't-4', seed: 0.4 });
    elsewhere.record.branchId = 'b2';
    const later = T0 + 30 * 24 * HOUR;
    expect(
      requestOverdueCauses(config, [returned.record, answered.record, withdrawn.record, elsewhere.record], later),
    ).toEqual([]);
  });
});

describe('[RN5] the alert service reads the requests on its tick', () => {
  let dir: string;
  let now: number;
  const stores: Store[] = [];
  let records: RequestLife[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-request-alerts-'));
    now = T0;
    records = [];
    const s = openSqliteStore(join(dir, 'nobat.sqlite'), { clock: () => now });
    await s.putRecord('branch', 'b1', config, 0);
    await s.close();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(stores.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** One process: a store connection and its services, the requests read from the test's lives. */
  function boot(opts: { intervalMs?: number } = {}) {
    const clock = () => now;
    const store = openSqliteStore(join(dir, 'nobat.sqlite'), { clock });
    stores.push(store);
    const queue = new QueueService({ store, clock });
    const health = new DeviceHealthService({ store, clock });
    const listeners = new Set<(v: RequestView) => void>();
    const requests = {
      all: async () => records.map((l) => structuredClone(l.record)),
      config: async (branchId: string) => (branchId === 'b1' ? config : undefined),
      onChange(l: (v: RequestView) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    /** What the request service does after a write. */
    const wrote = (life: RequestLife) => {
      for (const l of listeners) l(requestView(config, life.record, now));
    };
    const alerts = new AlertService({ store, queue, health, clock, intervalMs: opts.intervalMs ?? 0, requests });
    const heard: [string, Alert][] = [];
    alerts.onChange((e, a) => heard.push([e, a]));
    return { alerts, heard, wrote };
  }
  const seen = (heard: [string, Alert][]) => heard.map(([e, a]) => [e, a.cause, a.state]);

  it('[RN5] raised once past due (not again next round, nor after a restart); resolved as soon as the step moves', async () => {
    const p = boot();
    const life = new RequestLife(config, T0);
    records.push(life);
    now = T0 + HOUR;
    await p.alerts.tick();
    expect(p.heard).toEqual([]);
    now = T0 + 3 * HOUR;
    await p.alerts.tick();
    await p.alerts.tick();
    expect(seen(p.heard)).toEqual([['alert:raised', 'request-overdue:rq-1:0:1', 'open']]);
    expect(p.heard[0]?.[1]).toMatchObject({
      branchId: 'b1',
      rule: 'request-overdue',
      since: new Date(T0 + 2 * HOUR).toISOString(),
      subject: { requestId: 'rq-1', code: life.record.code, unit: UNIT_REVENUE, stepTitle: 'بررسی سوابق' },
    });
    // A restart: the same cause is known, not raised again.
    const q = boot();
    await q.alerts.tick();
    expect(q.heard).toEqual([]);

    // The officer takes it: still overdue, the same alert. Then completes it: resolved at once.
    life.now = now;
    life.move(people.revenue, { type: 'accept' }, 0);
    await p.alerts.requestChanged(life.record, config);
    expect(p.heard).toHaveLength(1);
    life.move(people.revenue, { type: 'complete', note: '' }, 0);
    await p.alerts.requestChanged(life.record, config);
    expect(seen(p.heard)).toEqual([
      ['alert:raised', 'request-overdue:rq-1:0:1', 'open'],
      ['alert:changed', 'request-overdue:rq-1:0:1', 'resolved'],
    ]);
    // The other process's next round: already resolved (told by the first, whose emit reaches every process).
    await q.alerts.tick();
    expect(q.heard).toEqual([]);
    const listed = await q.alerts.list('b1', { state: 'all', limit: 10 });
    expect(listed.alerts.map((a) => [a.cause, a.state])).toEqual([['request-overdue:rq-1:0:1', 'resolved']]);
    await p.alerts.tick();
    expect(p.heard).toHaveLength(2);

    // Overdue at the next step: a new alert.
    now += 4 * HOUR + MIN;
    await p.alerts.tick();
    expect(seen(p.heard).slice(2)).toEqual([['alert:raised', 'request-overdue:rq-1:1:3', 'open']]);
  });

  it('[RN5] started, the timer finds a request that ran past due with no event at all', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const p = boot({ intervalMs: 10_000 });
    records.push(new RequestLife(config, T0));
    p.alerts.start();
    now = T0 + 2 * HOUR + MIN;
    expect(p.heard).toEqual([]);
    vi.advanceTimersByTime(10_000);
    await vi.waitFor(() => expect(seen(p.heard)).toEqual([['alert:raised', 'request-overdue:rq-1:0:1', 'open']]));
    await p.alerts.settled();
    p.alerts.stop();
  });

  it('[RN5] started, it follows the request service: a completion resolves the alert with no tick', async () => {
    const p = boot();
    const life = new RequestLife(config, T0);
    records.push(life);
    p.alerts.start();
    now = T0 + 3 * HOUR;
    await p.alerts.tick();
    expect(seen(p.heard)).toEqual([['alert:raised', 'request-overdue:rq-1:0:1', 'open']]);
    life.now = now;
    life.move(people.revenue, { type: 'accept' }, 0);
    life.move(people.revenue, { type: 'complete', note: '' }, 0);
    p.wrote(life);
    await vi.waitFor(() => expect(p.heard).toHaveLength(2));
    expect(seen(p.heard)[1]).toEqual(['alert:changed', 'request-overdue:rq-1:0:1', 'resolved']);
    p.alerts.stop();
  });

  it('[RN5] without a requests port (as before): no request alert, nothing read', async () => {
    const clock = () => now;
    const store = openSqliteStore(join(dir, 'nobat.sqlite'), { clock });
    stores.push(store);
    const alerts = new AlertService({
      store,
      queue: new QueueService({ store, clock }),
      health: new DeviceHealthService({ store, clock }),
      clock,
      intervalMs: 0,
    });
    const heard: Alert[] = [];
    alerts.onChange((_, a) => heard.push(a));
    records.push(new RequestLife(config, T0));
    now = T0 + 10 * HOUR;
    await alerts.tick();
    await alerts.evaluate('b1');
    expect(heard).toEqual([]);
  });
});
