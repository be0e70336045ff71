import { AlertSettings, type DeviceHealth } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN, T0 } from '../testing/harness.ts';
import { type AlertCause, alertCauses, type CounterTimes, foldCounterTimes } from './alerts.ts';

const thresholds = AlertSettings.parse({
  queueLongerThan: 3,
  pausedLongerThanMinutes: 10,
  idleGraceSeconds: 60,
  offlineGraceSeconds: 30,
});

function causes(h: Harness, devices: DeviceHealth[] = [], previous?: AlertCause[]): AlertCause[] {
  const times = new Map<string, CounterTimes>();
  foldCounterTimes(
    times,
    h.log.map((event, i) => ({ seq: i + 1, event })),
  );
  return alertCauses({
    ix: h.ix,
    state: h.state,
    counterTimes: times,
    devices,
    thresholds,
    now: h.now,
    ...(previous ? { previous } : {}),
  });
}

const keys = (cs: AlertCause[]) => cs.map((c) => c.key);

function device(over: Partial<DeviceHealth>): DeviceHealth {
  return {
    branchId: 'b1',
    deviceId: 'led-c1',
    kind: 'led',
    status: 'online',
    since: new Date(T0).toISOString(),
    lastSeen: new Date(T0).toISOString(),
    connectedSince: null,
    firmware: null,
    day: '2026-11-22',
    offlineCount: 0,
    errorCount: 0,
    ...over,
  };
}

describe('alert causes', () => {
  it('[SY10] a linked branch whose link is down past the offline grace raises branch-offline:<since>, gone once it is up', () => {
    const h = new Harness(testConfig());
    const base = { ix: h.ix, state: h.state, counterTimes: new Map(), devices: [], thresholds, now: T0 };
    const down = { connected: false, since: T0 - 30_000 };
    // The grace is 30 s: not yet at 29 s, raised at 30 s, with the moment it went down in its key.
    expect(alertCauses({ ...base, now: T0 - 1_000, link: down })).toEqual([]);
    expect(alertCauses({ ...base, link: down })).toEqual([
      { key: `branch-offline:${T0 - 30_000}`, rule: 'branch-offline', since: T0 - 30_000, subject: {} },
    ]);
    expect(alertCauses({ ...base, link: { connected: true, since: T0 - 1_000 } })).toEqual([]);
    // A grace of 0: at once.
    const now = { ...base, thresholds: { ...thresholds, offlineGraceSeconds: 0 } };
    expect(keys(alertCauses({ ...now, link: { connected: false, since: T0 } }))).toEqual([`branch-offline:${T0}`]);
  });

  it('[AL1] a waiting ticket past its sub-service target raises past-target:<ticketId>, once, until it is called', () => {
    const h = new Harness(testConfig());
    const t = h.issue('s1'); // target 20 minutes (the default)
    h.advance(20);
    expect(keys(causes(h)).filter((k) => k.startsWith('past-target'))).toEqual([]);
    h.advance(1);
    const first = causes(h).filter((c) => c.rule === 'past-target');
    expect(first).toEqual([
      {
        key: `past-target:${t.id}`,
        rule: 'past-target',
        since: T0 + 20 * MIN,
        subject: { ticketId: t.id, number: t.number, serviceId: 's1' },
      },
    ]);
    h.advance(30);
    // Still the same cause: the same key, not a second one.
    expect(keys(causes(h)).filter((k) => k.startsWith('past-target'))).toEqual([`past-target:${t.id}`]);
    h.open('c1', 'k1');
    h.next('c1', 'k1');
    expect(keys(causes(h)).filter((k) => k.startsWith('past-target'))).toEqual([]);
  });

  it('[AL2] more than N waiting for a sub-service raises queue-long, keeping its key while it stays long', () => {
    const h = new Harness(testConfig());
    for (let i = 0; i < 3; i++) h.issue('s2');
    expect(causes(h).filter((c) => c.rule === 'queue-long')).toEqual([]);
    h.issue('s2');
    const first = causes(h).filter((c) => c.rule === 'queue-long');
    expect(first).toEqual([
      { key: `queue-long:s2:${T0}`, rule: 'queue-long', since: T0, subject: { serviceId: 's2', waiting: 4 } },
    ]);
    h.advance(5);
    h.issue('s2');
    const still = causes(h, [], first).filter((c) => c.rule === 'queue-long');
    expect(keys(still)).toEqual([`queue-long:s2:${T0}`]);
    expect(still[0]?.subject.waiting).toBe(5);
    // It ends, and a new long queue later is a new cause with a new key.
    h.open('c2', 'k2');
    h.serveNext('c2', 'k2');
    h.serveNext('c2', 'k2');
    expect(causes(h, [], still).filter((c) => c.rule === 'queue-long')).toEqual([]);
    h.advance(10);
    h.issue('s2');
    expect(keys(causes(h, []).filter((c) => c.rule === 'queue-long'))).toEqual([`queue-long:s2:${T0 + 15 * MIN}`]);
  });

  it('[AL3] a counter paused longer than M minutes raises paused-long:<counterId>:<pausedAt>; a new pause is a new key', () => {
    const h = new Harness(testConfig());
    h.open('c2', 'k2');
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'prayer' });
    h.advance(10);
    expect(causes(h).filter((c) => c.rule === 'paused-long')).toEqual([]);
    h.advance(1);
    expect(keys(causes(h))).toEqual([`paused-long:c2:${T0}`]);
    h.ok({ type: 'resume', counterId: 'c2', clerkId: 'k2' });
    expect(causes(h)).toEqual([]);
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'prayer' });
    const pausedAgain = h.now;
    h.advance(11);
    expect(keys(causes(h))).toEqual([`paused-long:c2:${pausedAgain}`]);
  });

  it('[AL4] an open counter with no ticket while a ticket it serves waits, past the grace, raises counter-idle', () => {
    const h = new Harness(testConfig());
    h.open('c2', 'k2'); // serves s2 only
    h.issue('s1'); // not for c2
    h.advance(5);
    expect(causes(h).filter((c) => c.rule === 'counter-idle')).toEqual([]);
    h.issue('s2');
    h.advance(1);
    expect(causes(h).filter((c) => c.rule === 'counter-idle')).toEqual([]);
    h.now += 1000; // 61 s since the s2 ticket came
    expect(causes(h).filter((c) => c.rule === 'counter-idle')).toEqual([
      { key: `counter-idle:c2:${T0}`, rule: 'counter-idle', since: T0, subject: { counterId: 'c2' } },
    ]);
    // Calling ends it; being idle again later (after finishing) is a new key.
    h.serveNext('c2', 'k2');
    const freeAt = h.now;
    expect(causes(h).filter((c) => c.rule === 'counter-idle')).toEqual([]);
    h.issue('s2');
    h.advance(2);
    expect(keys(causes(h).filter((c) => c.rule === 'counter-idle'))).toEqual([`counter-idle:c2:${freeAt}`]);
  });

  it('[AL4] a paused or closed counter is not idle', () => {
    const h = new Harness(testConfig());
    h.open('c2', 'k2');
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'prayer' });
    h.issue('s2');
    h.advance(5);
    expect(causes(h).filter((c) => c.rule === 'counter-idle')).toEqual([]);
  });

  it('[AL5] a device offline (or in error) past the grace raises device-offline:<deviceId>:<since>', () => {
    const h = new Harness(testConfig());
    const since = new Date(T0).toISOString();
    const off = device({ status: 'offline', since, counterId: 'c1' });
    h.now = T0 + 30_000;
    expect(causes(h, [off])).toEqual([]);
    h.now = T0 + 31_000;
    expect(causes(h, [off])).toEqual([
      {
        key: `device-offline:led-c1:${T0}`,
        rule: 'device-offline',
        since: T0,
        subject: { deviceId: 'led-c1', deviceKind: 'led', counterId: 'c1' },
      },
    ]);
    expect(keys(causes(h, [device({ status: 'error', since })]))).toEqual([`device-offline:led-c1:${T0}`]);
    expect(causes(h, [device({ status: 'online', since })])).toEqual([]);
  });

  it.each([
    ['AL6', 'paper-out', 'printer-paper-out'],
    ['AL7', 'paper-near-end', 'printer-paper-near-end'],
    ['AL8', 'cover-open', 'printer-cover-open'],
  ] as const)('[%s] a printer reporting %s raises %s at once', (_id, status, rule) => {
    const h = new Harness(testConfig());
    const p = device({ deviceId: 'printer-kiosk-1', kind: 'printer', kioskId: 'kiosk-1', status });
    expect(causes(h, [p])).toEqual([
      {
        key: `${rule}:printer-kiosk-1:${T0}`,
        rule,
        since: T0,
        subject: { deviceId: 'printer-kiosk-1', deviceKind: 'printer' },
      },
    ]);
  });

  it('[AL1–AL8] the causes are sorted by key, with no key twice', () => {
    const h = new Harness(testConfig());
    for (let i = 0; i < 5; i++) h.issue('s2');
    h.advance(30);
    const cs = causes(h, [
      device({ status: 'offline' }),
      device({ deviceId: 'p', kind: 'printer', status: 'paper-out' }),
    ]);
    const ks = keys(cs);
    expect(new Set(ks).size).toBe(ks.length);
    expect([...ks].sort()).toEqual(ks);
    expect(ks.length).toBe(5 + 1 + 2);
  });
});
