import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN, T0 } from '../testing/harness.ts';
import { adviceDays, advise, hourlyHistory, liveAdvice, localHourStart, planFromAdvice } from './advice.ts';
import type { DomainEvent } from './events.ts';
import { planHours } from './staffing.ts';

const at = (m: number) => T0 + m * MIN; // T0 is 09:00 in Tehran
const issued = (ticketId: string, serviceId: string, m: number): DomainEvent => ({
  type: 'TicketIssued',
  at: at(m),
  ticketId,
  number: ticketId,
  value: 1,
  serviceId,
  priorityId: 'normal',
  source: { kind: 'web' },
});
const ev = (type: string, ticketId: string, m: number) =>
  ({ type, at: at(m), ticketId, counterId: 'c1', clerkId: 'k1', how: 'next', auto: false }) as unknown as DomainEvent;

describe('the days learnt from', () => {
  it('[SA1] the same weekday of the last K weeks that have a log', () => {
    const logged = ['2026-11-04', '2026-11-11', '2026-11-17', '2026-11-18', '2026-10-21', '2026-10-28'];
    expect(adviceDays(logged, '2026-11-25')).toEqual(['2026-11-18', '2026-11-11', '2026-11-04', '2026-10-28']);
    expect(adviceDays(logged, '2026-11-25', 2)).toEqual(['2026-11-18', '2026-11-11']);
  });
  it('[SA1] with none in those weeks, the most recent earlier days of that weekday', () => {
    const logged = ['2026-06-03', '2026-06-10', '2026-06-17', '2026-06-16', '2026-12-02'];
    expect(adviceDays(logged, '2026-11-25', 2)).toEqual(['2026-06-17', '2026-06-10']);
    expect(adviceDays([], '2026-11-25')).toEqual([]);
  });
});

describe('history per sub-service and hour', () => {
  it('[SA2] arrivals per hour averaged over the days, occupancy call → end, no-show share, wait', () => {
    const config = testConfig();
    const day1: DomainEvent[] = [
      issued('a', 's1', 0),
      issued('b', 's1', 10),
      ev('TicketCalled', 'a', 2),
      ev('ServiceFinished', 'a', 8),
      ev('TicketCalled', 'b', 14),
      ev('MarkedNoShow', 'b', 16),
      issued('c', 's2', 70), // 10:10
    ];
    const day2: DomainEvent[] = [issued('d', 's1', 5), ev('TicketCalled', 'd', 5), ev('ServiceFinished', 'd', 15)];
    const rows = hourlyHistory(config, [day1, day2]);
    expect(rows).toEqual([
      { serviceId: 's1', hour: 9, arrivalsPerHour: 1.5, meanServiceMinutes: 6, noShowShare: 1 / 3, meanWaitMinutes: 2 },
      // No visit of s2 ended: its configured average stands in.
      { serviceId: 's2', hour: 10, arrivalsPerHour: 0.5, meanServiceMinutes: 5, noShowShare: 0, meanWaitMinutes: 0 },
    ]);
  });
});

describe('counters needed', () => {
  const config = testConfig((c) => {
    for (const s of c.services) s.targetWaitMinutes = 10;
  });
  const base = { serviceId: 's1', hour: 9, arrivalsPerHour: 60, meanServiceMinutes: 6, meanWaitMinutes: 8 };
  it("[SA3][SA4] Erlang C where few leave: planHours' counters at 80% within target", () => {
    const [row] = advise(config, [{ ...base, noShowShare: 0.01 }]);
    const [plan] = planHours([base], { targetWaitMinutes: 10, targetProbability: 0.8 });
    expect(row?.model).toBe('erlang-c');
    expect(row?.counters).toBe(plan?.counters);
    expect(row?.patienceMinutes).toBeNull();
  });
  it('[SA3] Erlang A where the no-show share is significant, with patience = wait ÷ share; never more counters', () => {
    const [c] = advise(config, [{ ...base, noShowShare: 0.01 }]);
    const [a] = advise(config, [{ ...base, noShowShare: 0.2 }]);
    expect(a?.model).toBe('erlang-a');
    expect(a?.patienceMinutes).toBeCloseTo(40);
    const [plan] = planHours([base], { targetWaitMinutes: 10, targetProbability: 0.8, meanPatienceMinutes: 40 });
    expect(a?.counters).toBe(plan?.countersWithAbandonment);
    expect(a?.counters ?? 99).toBeLessThanOrEqual(c?.counters ?? 0);
    expect(advise(config, [{ ...base, noShowShare: 0.2 }], 0.95)[0]?.counters ?? 0).toBeGreaterThanOrEqual(
      a?.counters ?? 99,
    );
  });
});

describe('the advice as a plan', () => {
  it('[SA5] counter k of a sub-service is staffed in the local hours needing more than k, main weight 2', () => {
    const config = testConfig();
    const row = (serviceId: string, hour: number, counters: number) => ({
      serviceId,
      hour,
      counters,
      arrivalsPerHour: 0,
      meanServiceMinutes: 5,
      noShowShare: 0,
      meanWaitMinutes: 0,
      targetWaitMinutes: 20,
      targetProbability: 0.8,
      model: 'erlang-c' as const,
      patienceMinutes: null,
      serviceLevel: 1,
    });
    const plan = planFromAdvice(
      config,
      [row('s1', 9, 2), row('s1', 10, 1), row('s1', 11, 2), row('s3', 9, 1)],
      '2026-11-22',
    );
    expect(localHourStart('2026-11-22', 9, 'Asia/Tehran')).toBe(T0);
    const h = (n: number) => T0 + (n - 9) * 60 * MIN;
    expect(plan.map((p) => [p.id, p.number, p.windows])).toEqual([
      ['advised-s1-1', 1, [{ from: h(9), until: h(12) }]],
      [
        'advised-s1-2',
        2,
        [
          { from: h(9), until: h(10) },
          { from: h(11), until: h(12) },
        ],
      ],
      ['advised-s3-1', 3, [{ from: h(9), until: h(10) }]],
    ]);
    expect(plan[2]?.services).toEqual([
      { serviceId: 's1', weight: 1 },
      { serviceId: 's2', weight: 1 },
      { serviceId: 's3', weight: 2 },
    ]);
  });
});

describe('live advice', () => {
  function busyMorning() {
    const h = new Harness(
      testConfig((c) => {
        for (const s of c.services) s.targetWaitMinutes = 10;
      }),
    );
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    for (let i = 0; i < 8; i++) h.issue('s1');
    h.advance(15); // all eight past their 10-minute target
    return h;
  }
  const rows = (counters: number) =>
    ['s1', 's2'].map((serviceId) => ({
      serviceId,
      hour: 9,
      counters,
      arrivalsPerHour: serviceId === 's1' ? 6 : 0,
      meanServiceMinutes: 5,
      noShowShare: 0,
      meanWaitMinutes: 0,
      targetWaitMinutes: 10,
      targetProbability: 0.8,
      model: 'erlang-c' as const,
      patienceMinutes: null,
      serviceLevel: 1,
    }));

  it('[SA10] per sub-service: counters serving it, needed to drain the backlog within the hour, and when', () => {
    const h = busyMorning();
    const live = liveAdvice(h.ix, h.state, h.now, rows(1));
    const s1 = live.services.find((s) => s.serviceId === 's1');
    // c1 serves s1 (c2 only s2); 8 waiting × 5 min with load 0.5: 1 counter drains in 80 min, 2 in 27.
    expect(s1).toMatchObject({ waiting: 8, serving: 1, needed: 2 });
    expect(s1?.backWithinTargetAt).toBe(h.now + Math.round(((8 * 5) / 1.5) * MIN));
    expect(live.services.find((s) => s.serviceId === 's2')).toMatchObject({
      waiting: 0,
      serving: 2,
      needed: 1,
      backWithinTargetAt: null,
    });
  });

  it('[SA11] the move found by replaying the next hour: counter 2 takes s1 as main, fewer past target', () => {
    const h = busyMorning();
    const live = liveAdvice(h.ix, h.state, h.now, rows(1));
    expect(live.moves[0]).toMatchObject({ counterId: 'c2', serviceId: 's1' });
    expect(live.moves[0]?.weights).toEqual([
      { serviceId: 's2', weight: 1 },
      { serviceId: 's1', weight: 2 },
    ]);
    expect(live.moves[0]?.pastTargetAfter ?? 99).toBeLessThan(live.moves[0]?.pastTargetBefore ?? 0);
    // Deterministic: the same state gives the same advice.
    expect(liveAdvice(h.ix, h.state, h.now, rows(1))).toEqual(live);
  });

  it('[SA11] no move is advised when none lowers the tickets past target', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    expect(liveAdvice(h.ix, h.state, h.now, []).moves).toEqual([]);
  });
});
