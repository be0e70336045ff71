import { describe, expect, it } from 'vitest';
import { e5Config, simulateDay } from '../testing/day-sim.ts';
import { testConfig } from '../testing/fixtures.ts';
import { MIN, T0 } from '../testing/harness.ts';
import type { DomainEvent } from './events.ts';
import { recordedDay, replay, replayWaits, type SimTicket, waitStats, whatIf } from './what-if.ts';

const issued = (ticketId: string, serviceId: string, at: number): DomainEvent => ({
  type: 'TicketIssued',
  at,
  ticketId,
  number: ticketId,
  value: 1,
  serviceId,
  priorityId: 'normal',
  source: { kind: 'web' },
});
const at = (m: number) => T0 + m * MIN;
const visit = (
  type: 'TicketCalled' | 'ServiceFinished' | 'MarkedNoShow',
  ticketId: string,
  m: number,
  counterId = 'c1',
) =>
  ({
    type,
    at: at(m),
    ticketId,
    counterId,
    clerkId: 'k1',
    ...(type === 'TicketCalled' ? { how: 'next' } : {}),
    ...(type === 'MarkedNoShow' ? { auto: false } : {}),
  }) as DomainEvent;

describe('a recorded day', () => {
  it("[SA8] takes each ticket with its own occupancy, the day mean for the uncalled, and the counters' staffed windows", () => {
    const config = testConfig();
    const events: DomainEvent[] = [
      { type: 'CounterOpened', at: at(0), counterId: 'c1', clerkId: 'k1' },
      issued('a', 's1', at(1)),
      issued('b', 's1', at(2)),
      issued('c', 's1', at(3)),
      visit('TicketCalled', 'a', 4),
      visit('ServiceFinished', 'a', 10),
      visit('TicketCalled', 'b', 10),
      visit('MarkedNoShow', 'b', 12),
      { type: 'CounterPaused', at: at(12), counterId: 'c1', clerkId: 'k1', reason: 'x' },
      { type: 'CounterResumed', at: at(20), counterId: 'c1', clerkId: 'k1' },
      { type: 'CounterClosed', at: at(30), counterId: 'c1', clerkId: 'k1' },
    ];
    const day = recordedDay(config, events);
    expect(day.tickets.map((t) => [t.id, t.holdMs / MIN])).toEqual([
      ['a', 6],
      ['b', 2],
      ['c', 4], // never called: the day's mean for s1
    ]);
    expect(day.plan).toEqual([
      expect.objectContaining({
        id: 'c1',
        windows: [
          { from: at(0), until: at(12) },
          { from: at(20), until: at(30) },
        ],
      }),
    ]);
    expect(day.recordedOrder).toEqual(['a', 'b']);
    expect(day.recordedWaits.get('a')).toBe(3 * MIN);
  });
});

describe('replay of a day', () => {
  it('[SA6] a day replayed under its own configuration reproduces its recorded call order and waits', () => {
    // Tolerance: the order exactly, each wait within 1 ms. The simulated clerks call the moment they
    // are free, as the replay does, so only floating-point rounding of (call + hold) may differ. On a
    // real day clerks take a moment between visits, so the replay is only as close as they are quick.
    for (const seed of [11, 12, 13]) {
      const config = e5Config();
      const events = simulateDay({ seed, start: T0, config, noShowShare: 0.08 });
      const day = recordedDay(config, events);
      const calls = replay(config, day.tickets, day.plan);
      expect(day.tickets.length).toBeGreaterThan(200);
      expect(calls.map((c) => c.ticketId)).toEqual(day.recordedOrder);
      const waits = replayWaits(day.tickets, calls);
      for (const [id, w] of day.recordedWaits) expect(Math.abs((waits.get(id) ?? -1) - w)).toBeLessThan(1);
      expect(calls.map((c) => c.counterId)).toEqual(day.recordedOrder.map((id) => day.recordedCounter.get(id)));
    }
  });

  it('[SA6] a counter calls nothing outside its windows, and finishes a visit its window ends during', () => {
    const config = testConfig();
    const tickets: SimTicket[] = ['a', 'b', 'c'].map((id, i) => ({
      id,
      serviceId: 's2',
      priorityId: 'normal',
      queuedAt: at(i),
      order: i,
      holdMs: 10 * MIN,
    }));
    const calls = replay(config, tickets, [
      {
        id: 'c2',
        number: 2,
        services: [{ serviceId: 's2', weight: 1 }],
        windows: [
          { from: at(5), until: at(16) },
          { from: at(40), until: at(60) },
        ],
      },
    ]);
    expect(calls.map((c) => [c.ticketId, (c.at - T0) / MIN])).toEqual([
      ['a', 5],
      ['b', 15],
      ['c', 40],
    ]);
  });

  it('[SA7] the balancing profile of the what-if is the one the policy replays', () => {
    const config = testConfig();
    // c1 serves s1 (weight 3) and s2: strict calls every s1 first; longest-wait the oldest first.
    const tickets: SimTicket[] = [
      { id: 'x2', serviceId: 's2', priorityId: 'normal', queuedAt: at(0), order: 0, holdMs: MIN },
      { id: 'x1', serviceId: 's1', priorityId: 'normal', queuedAt: at(1), order: 1, holdMs: MIN },
    ];
    const plan = [
      {
        id: 'c1',
        number: 1,
        services: [
          { serviceId: 's1', weight: 3 },
          { serviceId: 's2', weight: 1 },
        ],
        windows: [{ from: at(2), until: at(60) }],
      },
    ];
    expect(replay(config, tickets, plan).map((c) => c.ticketId)).toEqual(['x1', 'x2']);
    expect(replay(config, tickets, plan, { balancing: 'longest-wait' }).map((c) => c.ticketId)).toEqual(['x2', 'x1']);
  });
});

describe('what-if', () => {
  it('[SA9] mean, p90 (nearest rank) and past target per sub-service and overall; the uncalled count to the end', () => {
    const config = testConfig((c) => {
      for (const s of c.services) s.targetWaitMinutes = 10;
    });
    const tickets: SimTicket[] = Array.from({ length: 10 }, (_, i) => ({
      id: `t${i}`,
      serviceId: i < 8 ? 's1' : 's2',
      priorityId: 'normal',
      queuedAt: at(0),
      order: i,
      holdMs: MIN,
    }));
    const waits = new Map(tickets.slice(0, 9).map((t, i) => [t.id, (i + 1) * 2 * MIN])); // 2, 4, …, 18
    const r = waitStats(config, tickets, waits, at(30)); // t9 uncalled: 30
    expect(r.overall).toEqual({ tickets: 10, uncalled: 1, meanMinutes: (90 + 30) / 10, p90Minutes: 18, pastTarget: 5 });
    expect(r.services.map((s) => [s.serviceId, s.stats.tickets, s.stats.pastTarget])).toEqual([
      ['s1', 8, 3],
      ['s2', 2, 2],
    ]);
  });

  it('[SA7] a day under another plan: a sixth counter lowers the waits; no counters leave everyone uncalled', () => {
    const config = e5Config();
    const events = simulateDay({ seed: 21, start: T0, config });
    const day = recordedDay(config, events);
    const same = whatIf(config, events, {});
    expect(same.changed).toEqual(same.configured);
    // As configured, the replay agrees with the record (SA6's sanity, here on the figures).
    expect(same.configured.overall.pastTarget).toBe(same.recorded.overall.pastTarget);
    const more = whatIf(config, events, {
      counters: [
        ...day.plan,
        {
          id: 'c6',
          number: 6,
          services: [
            { serviceId: 's1', weight: 1 },
            { serviceId: 's2', weight: 1 },
            { serviceId: 's3', weight: 1 },
          ],
          windows: day.plan[0]?.windows ?? [],
        },
      ],
    });
    expect(more.changed.overall.meanMinutes).toBeLessThan(same.configured.overall.meanMinutes);
    expect(more.changed.overall.pastTarget).toBeLessThan(same.configured.overall.pastTarget);
    const none = whatIf(config, events, { counters: [] });
    expect(none.changed.overall.uncalled).toBe(day.tickets.length);
  });
});
