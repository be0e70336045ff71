import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { MIN, T0 } from '../testing/harness.ts';
import { indexConfig } from './decide.ts';
import { type Candidate, type CounterView, counterView, noteCall, pickNext } from './policy.ts';
import { ReplayIndex } from './replay-index.ts';

describe('replay index', () => {
  it('[E4] [B7] [B8] [B9] picks exactly what pickNext picks, step by step, on random queues, under every balancing mode', () => {
    const mode = fc.constantFrom('strict' as const, 'proportional' as const, 'longest-wait' as const);
    const ticket = fc.record({
      serviceId: fc.constantFrom('s1', 's2', 's3'),
      priorityId: fc.constantFrom('normal', 'normal', 'elderly', 'disabled', 'veteran', 'pregnant', 'appointment'),
      // Mostly within target, so that the B4/B8/B9 orders are reached, not only B3's.
      waitedMin: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 45 })),
      slotInMin: fc.integer({ min: -30, max: 60 }),
      target: fc.option(fc.constantFrom('c1', 'c3'), { freq: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(ticket, { minLength: 1, maxLength: 40 }),
        fc.array(
          fc.tuple(fc.constantFrom('c1', 'c2', 'c3'), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 }))),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.option(fc.integer({ min: 1, max: 3 })),
        fc.integer({ min: 0, max: 5 }),
        mode,
        fc.array(fc.option(mode, { freq: 2 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.tuple(fc.constantFrom('c1', 'c2', 'c3'), fc.constantFrom('s1', 's2', 's3')), { maxLength: 50 }),
        (tickets, steps, ratio, aging, branchMode, counterModes, weights, earlier) => {
          const ix = indexConfig(
            testConfig((c) => {
              c.branch.settings = { maxPriorityInRow: ratio, agingWeightPerTarget: aging, balancing: branchMode };
              const s2 = c.services[1];
              if (s2) s2.targetWaitMinutes = 7.5;
              let w = 0;
              c.counters.forEach((counter, i) => {
                const own = counterModes[i];
                if (own) counter.balancing = own;
                for (const x of counter.services) x.weight = weights[w++ % weights.length] ?? 1;
              });
            }),
          );
          // The calls each counter made earlier in the day (B8's shares start from them).
          const views = new Map<string, CounterView>();
          for (const id of ['c1', 'c2', 'c3']) {
            const calls = earlier.filter(([c]) => c === id).map(([, s]) => s);
            views.set(id, counterView(ix.policy, id, 0, calls) as CounterView);
          }
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
          let now = now0;
          for (const [counterId, advance] of steps) {
            now += advance * MIN;
            const view = views.get(counterId) as CounterView;
            const expected = pickNext(ix.policy, view, remaining, now);
            const actual = index.pick(view, now);
            expect(actual?.id).toBe(expected?.id);
            if (!expected) continue;
            remaining.delete(expected);
            index.remove(expected);
            view.priorityStreak = ix.isPriorityClass(expected.priorityId) ? view.priorityStreak + 1 : 0;
            noteCall(view, expected.serviceId);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('[B9] a longest-wait counter finds a priority ticket behind an older normal one that aging put first', () => {
    const ix = indexConfig(
      testConfig((c) => {
        c.branch.settings = { agingWeightPerTarget: 5, balancing: 'longest-wait' };
      }),
    );
    const now = T0 + 60 * MIN;
    const all: Candidate[] = [
      { id: 'old', serviceId: 's2', priorityId: 'normal', queuedAt: now - 10 * MIN, order: 0 },
      { id: 'elderly', serviceId: 's2', priorityId: 'elderly', queuedAt: now, order: 1 },
    ];
    const view = counterView(ix.policy, 'c2', 0) as CounterView;
    expect(pickNext(ix.policy, view, all, now)?.id).toBe('elderly');
    expect(new ReplayIndex(ix.policy, all).pick(view, now)?.id).toBe('elderly');
  });
});
