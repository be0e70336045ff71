import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { MIN, T0 } from '../testing/harness.ts';
import { indexConfig } from './decide.ts';
import { type Candidate, type CounterView, counterView, pickNext } from './policy.ts';
import { ReplayIndex } from './replay-index.ts';

describe('replay index', () => {
  it('[E4] picks exactly what pickNext picks, step by step, on random queues', () => {
    const ticket = fc.record({
      serviceId: fc.constantFrom('s1', 's2', 's3'),
      priorityId: fc.constantFrom('normal', 'normal', 'elderly', 'disabled', 'veteran', 'pregnant', 'appointment'),
      waitedMin: fc.integer({ min: 0, max: 45 }),
      slotInMin: fc.integer({ min: -30, max: 60 }),
      target: fc.option(fc.constantFrom('c1', 'c3'), { freq: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(ticket, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.constantFrom('c1', 'c2', 'c3'), fc.integer({ min: 0, max: 9 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.option(fc.integer({ min: 1, max: 3 })),
        fc.integer({ min: 0, max: 5 }),
        (tickets, steps, ratio, aging) => {
          const ix = indexConfig(
            testConfig((c) => {
              c.branch.settings = { maxPriorityInRow: ratio, agingWeightPerTarget: aging };
              const s2 = c.services[1];
              if (s2) s2.targetWaitMinutes = 7.5;
            }),
          );
          const now0 = T0 + 60 * MIN;
          const all: Candidate[] = tickets.map((t, i) => ({
            id: `t${i}`,
            serviceId: t.serviceId,
            priorityId: t.priorityId,
            queuedAt: now0 - t.waitedMin * MIN,
            order: i,
            ...(t.priorityId === 'appointment' ? { appointmentAt: now0 + t.slotInMin * MIN } : {}),
            ...(t.target && (t.target === 'c3' || t.serviceId !== 's3') ? { targetCounterId: t.target } : {}),
          }));
          const index = new ReplayIndex(ix.policy, all);
          const remaining = new Set(all);
          const streaks = new Map<string, number>();
          let now = now0;
          for (const [counterId, advance] of steps) {
            now += advance * MIN;
            const view = counterView(ix.policy, counterId, streaks.get(counterId) ?? 0) as CounterView;
            const expected = pickNext(ix.policy, view, remaining, now);
            const actual = index.pick(view, now);
            expect(actual?.id).toBe(expected?.id);
            if (!expected) continue;
            remaining.delete(expected);
            index.remove(expected);
            streaks.set(counterId, ix.isPriorityClass(expected.priorityId) ? (streaks.get(counterId) ?? 0) + 1 : 0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
