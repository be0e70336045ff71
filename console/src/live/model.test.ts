// [SV4] The live floor from the snapshot and the events after it: the shared fold moves the waiting
// counts, longest waits and counters with each event, no refetch; the stats fill in the rest.
import { type Followed, followBranch, fromSnapshot } from '@nobat/client';
import type { CounterSummary, FloorStats, StaffTicket, SupervisorSnapshot } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { floorRows, newerStats, waitTone } from './model.ts';

const T0 = Date.UTC(2026, 11, 2, 6, 0);
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const ticket = (id: string, serviceId: string, issuedAt: number, extra: Partial<StaffTicket> = {}): StaffTicket => ({
  id,
  number: id.toUpperCase(),
  serviceId,
  priority: 'normal',
  status: 'waiting',
  issuedAt: iso(issuedAt),
  calledAt: null,
  startedAt: null,
  recalls: 0,
  transfers: 0,
  counterId: null,
  missingDocuments: null,
  note: null,
  parkReason: null,
  targetCounterId: null,
  ...extra,
});

const counter = (id: string, number: number, extra: Partial<CounterSummary> = {}): CounterSummary => ({
  id,
  number,
  title: { fa: `باجه ${number}`, en: `Counter ${number}` },
  services: [{ serviceId: 'pension', title: { fa: 'مستمری' }, weight: 1 }],
  status: 'open',
  pauseReason: null,
  serving: null,
  ...extra,
});

function stats(version: number, extra: Partial<FloorStats> = {}): FloorStats {
  return {
    branchId: 'b',
    version,
    serverTime: iso(T0),
    services: [
      {
        serviceId: 'pension',
        targetWaitMs: 20 * MIN,
        waiting: 2,
        longestWaitMs: 0,
        longestSince: null,
        lastInLineEtaMinutes: 12,
        etaUnknown: null,
        servedToday: 7,
        noShowsToday: 1,
      },
      {
        serviceId: 'finance',
        targetWaitMs: 10 * MIN,
        waiting: 0,
        longestWaitMs: 0,
        longestSince: null,
        lastInLineEtaMinutes: null,
        etaUnknown: null,
        servedToday: 0,
        noShowsToday: 0,
      },
    ],
    counters: [
      {
        counterId: 'c1',
        status: 'open',
        clerk: { id: 'k1', name: 'کارمند یک' },
        current: null,
        pauseReason: null,
        pausedSince: null,
      },
      { counterId: 'c2', status: 'closed', clerk: null, current: null, pauseReason: null, pausedSince: null },
    ],
    ...extra,
  };
}

function snapshot(): SupervisorSnapshot {
  return {
    branchId: 'b',
    branchName: { fa: 'شعبه' },
    day: '2026-12-02',
    version: 10,
    serverTime: iso(T0),
    counters: [counter('c1', 1), counter('c2', 2, { status: 'closed' })],
    services: [
      { id: 'pension', title: { fa: 'مستمری', en: 'Pensions' }, waiting: 2 },
      { id: 'finance', title: { fa: 'مالی', en: 'Finance' }, waiting: 0 },
    ],
    recentCalls: [],
    waiting: [ticket('p1', 'pension', T0 - 16 * MIN), ticket('p2', 'pension', T0 - 2 * MIN)],
    parked: [],
    serving: [],
    floor: stats(10),
    clerks: [{ id: 'k1', name: 'کارمند یک', counters: null }],
  };
}

/** Applies events through the shared fold, each of which must be applied. */
function fold(
  state: Followed<SupervisorSnapshot>,
  ...events: Parameters<typeof followBranch<SupervisorSnapshot>>[1][]
) {
  let s = state;
  for (const e of events) {
    const step = followBranch(s, e);
    expect(step.outcome).toBe('applied');
    if (step.state) s = step.state;
  }
  return s;
}

describe('live floor model', () => {
  it('[SV4] a wait is within below 75 % of its target, near up to it, past beyond it', () => {
    expect(waitTone(14 * MIN, 20 * MIN)).toBe('within');
    expect(waitTone(15 * MIN, 20 * MIN)).toBe('near');
    expect(waitTone(20 * MIN, 20 * MIN)).toBe('near');
    expect(waitTone(20 * MIN + 1, 20 * MIN)).toBe('past');
    expect(waitTone(0, 0)).toBe('within');
  });

  it('[SV4] from the snapshot: waiting, longest wait ticking with the clock, estimate and today’s counts', () => {
    const live = fromSnapshot(snapshot());
    const rows = floorRows(live, live.view.floor, T0);
    expect(rows.services[0]).toMatchObject({
      serviceId: 'pension',
      title: { en: 'Pensions' },
      waiting: 2,
      longestWaitMs: 16 * MIN,
      tone: 'near',
      etaMinutes: 12,
      servedToday: 7,
      noShowsToday: 1,
    });
    // Time passes, no event: the same ticket crosses the target.
    expect(floorRows(live, live.view.floor, T0 + 5 * MIN).services[0]).toMatchObject({
      longestWaitMs: 21 * MIN,
      tone: 'past',
    });
    expect(rows.services[1]).toMatchObject({ waiting: 0, longestWaitMs: 0, tone: 'within', etaMinutes: null });
    expect(rows.waiting.get('pension')?.map((r) => r.ticket.id)).toEqual(['p1', 'p2']);
  });

  it('[SV4] ticket events move the counts at once: issued, moved to another service, cancelled', () => {
    let live = fromSnapshot(snapshot());
    live = fold(live, {
      type: 'ticket:changed',
      payload: { ...ticket('f1', 'finance', T0), version: 11, since: 10 },
    });
    let rows = floorRows(live, live.view.floor, T0 + MIN);
    expect(rows.services.map((s) => [s.serviceId, s.waiting])).toEqual([
      ['pension', 2],
      ['finance', 1],
    ]);
    // Finance's estimate was computed for an empty queue: it is on its way, not "no counter open".
    expect(rows.services.map((s) => s.etaPending)).toEqual([false, true]);
    // The oldest pension ticket is moved to finance (SV1): it keeps its issue time, and with it the
    // longest wait goes with it.
    live = fold(live, {
      type: 'ticket:changed',
      payload: { ...ticket('p1', 'finance', T0 - 16 * MIN), version: 12, since: 11 },
    });
    rows = floorRows(live, live.view.floor, T0);
    expect(rows.services.map((s) => [s.serviceId, s.waiting, s.longestWaitMs / MIN, s.tone])).toEqual([
      ['pension', 1, 2, 'within'],
      ['finance', 2, 16, 'past'],
    ]);
    live = fold(live, {
      type: 'ticket:changed',
      payload: { ...ticket('p2', 'pension', T0 - 2 * MIN, { status: 'cancelled' }), version: 13, since: 12 },
    });
    rows = floorRows(live, live.view.floor, T0);
    expect(rows.services[0]).toMatchObject({ waiting: 0, longestWaitMs: 0, etaMinutes: null });
  });

  it('[SV4] a counter calls and serves: its current ticket and a running serving time from the events', () => {
    let live = fromSnapshot(snapshot());
    const called = ticket('p1', 'pension', T0 - 16 * MIN, {
      status: 'called',
      counterId: 'c1',
      calledAt: iso(T0),
    });
    live = fold(
      live,
      { type: 'ticket:changed', payload: { ...called, version: 11, since: 10 } },
      {
        type: 'counter:changed',
        payload: {
          ...counter('c1', 1, { serving: { ticketId: 'p1', number: 'P1', serviceId: 'pension', status: 'called' } }),
          version: 11,
          since: 10,
        },
      },
    );
    const rows = floorRows(live, live.view.floor, T0 + 90_000);
    expect(rows.counters[0]).toMatchObject({
      counterId: 'c1',
      status: 'open',
      clerk: { id: 'k1' },
      current: { number: 'P1', status: 'called', servingMs: 90_000 },
    });
    expect(rows.services[0]?.waiting).toBe(1);
    // Started two minutes later: the serving time counts from the start.
    live = fold(live, {
      type: 'ticket:changed',
      payload: { ...called, status: 'serving', startedAt: iso(T0 + 2 * MIN), version: 12, since: 11 },
    });
    expect(floorRows(live, live.view.floor, T0 + 5 * MIN).counters[0]?.current).toMatchObject({
      status: 'serving',
      servingMs: 3 * MIN,
    });
  });

  it('[SV3][SV4] a pause shows at once from counter:changed; its start comes with the stats', () => {
    let live = fromSnapshot(snapshot());
    live = fold(live, {
      type: 'counter:changed',
      payload: { ...counter('c1', 1, { status: 'paused', pauseReason: 'ناهار' }), version: 11, since: 10 },
    });
    let rows = floorRows(live, live.view.floor, T0 + MIN);
    expect(rows.counters[0]).toMatchObject({
      status: 'paused',
      pauseReason: 'ناهار',
      pausedMs: null,
      clerk: { id: 'k1' },
    });
    const pushed = stats(11, {
      counters: [
        {
          counterId: 'c1',
          status: 'paused',
          clerk: { id: 'k1', name: 'کارمند یک' },
          current: null,
          pauseReason: 'ناهار',
          pausedSince: iso(T0),
        },
      ],
    });
    rows = floorRows(live, newerStats(live.view.floor, pushed), T0 + 4 * MIN);
    expect(rows.counters[0]).toMatchObject({ pausedMs: 4 * MIN });
    // Closed: no clerk, whatever older stats said.
    live = fold(live, {
      type: 'counter:changed',
      payload: { ...counter('c1', 1, { status: 'closed' }), version: 12, since: 11 },
    });
    expect(floorRows(live, pushed, T0).counters[0]).toMatchObject({ status: 'closed', clerk: null, pausedMs: null });
  });

  it('[SV4] the newest stats win: a late, older push never replaces a newer one', () => {
    const a = stats(11);
    const b = stats(12);
    expect(newerStats(a, b)).toBe(b);
    expect(newerStats(b, a)).toBe(b);
    expect(newerStats(null, a)).toBe(a);
    expect(newerStats({ ...b, branchId: 'other' }, a)).toBe(a);
  });
});
