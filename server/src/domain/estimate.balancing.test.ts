// [E4] under every balancing mode (B7–B9): the estimate's replay says when a ticket will be called,
// and driving the real day forward through call-next (pickNext) calls it exactly then.
import type { Balancing } from '@nobat/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { averageServiceMs, estimate } from './estimate.ts';
import { waitingTickets } from './state.ts';

const COUNTERS = [
  ['c1', 'k1', 1],
  ['c2', 'k2', 2],
  ['c3', 'k3', 3],
] as const;

/** [TD1] A counter's sub-services (service, weight) for today, for so many minutes. */
type Assign = { assign: [number, [string, number][], number] };
type Op = { issue: [string, string] } | { advance: number } | { serve: number } | Assign;

interface Day {
  branchMode: Balancing;
  modes: (Balancing | null)[];
  weights: number[];
  open: boolean[];
  ops: Op[];
}

/** The day up to now: counters open, tickets issued, some served (every counter left idle). */
function build(day: Day): Harness {
  const h = new Harness(
    testConfig((c) => {
      c.branch.settings = { balancing: day.branchMode, agingWeightPerTarget: 3 };
      let w = 0;
      c.counters.forEach((counter, i) => {
        const own = day.modes[i];
        if (own) counter.balancing = own;
        for (const x of counter.services) x.weight = day.weights[w++ % day.weights.length] ?? 1;
      });
    }),
  );
  const open = COUNTERS.filter((_, i) => day.open[i]);
  for (const [c, k] of open) h.open(c, k);
  for (const op of day.ops) {
    if ('issue' in op) h.issue(op.issue[0], op.issue[1]);
    else if ('advance' in op) h.advance(op.advance);
    else if ('assign' in op) {
      const [i, services, minutes] = op.assign;
      const counterId = COUNTERS[i % COUNTERS.length]?.[0] ?? 'c1';
      const list = [...new Map(services).entries()].map(([serviceId, weight]) => ({ serviceId, weight }));
      h.ok({ type: 'assignToday', counterId, services: list, until: h.now + minutes * MIN, by: 'sup' });
    } else {
      const at = open[op.serve % open.length];
      if (at && h.next(at[0], at[1])) {
        h.ok({ type: 'start', counterId: at[0], clerkId: at[1] });
        h.ok({ type: 'finish', counterId: at[0], clerkId: at[1] });
      }
    }
  }
  return h;
}

describe('estimates under balancing modes', () => {
  it('[E4] [B7] [B8] [B9] [TD2] property: the replay calls each ticket when the real call-next does, under every mode and today-assignments', () => {
    const mode = fc.constantFrom<Balancing>('strict', 'proportional', 'longest-wait');
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc
          .tuple(fc.constantFrom('s1', 's2', 's3'), fc.constantFrom('normal', 'normal', 'elderly', 'veteran'))
          .map((issue) => ({ issue })),
        weight: 4,
      },
      { arbitrary: fc.integer({ min: 0, max: 4 }).map((advance) => ({ advance })), weight: 2 },
      { arbitrary: fc.nat(5).map((serve) => ({ serve })), weight: 2 },
      {
        arbitrary: fc
          .tuple(
            fc.nat(2),
            fc.array(fc.tuple(fc.constantFrom('s1', 's2', 's3'), fc.integer({ min: 1, max: 5 })), {
              minLength: 1,
              maxLength: 3,
            }),
            fc.integer({ min: 1, max: 40 }),
          )
          .map((assign) => ({ assign })),
        weight: 1,
      },
    );
    fc.assert(
      fc.property(
        fc.record({
          branchMode: mode,
          modes: fc.array(fc.option(mode), { minLength: 3, maxLength: 3 }),
          weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 6, maxLength: 6 }),
          open: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }).filter((o) => o.some(Boolean)),
          ops: fc.array(op, { minLength: 1, maxLength: 40 }),
        }),
        fc.nat(),
        (day, pick) => {
          const before = build(day);
          const waiting = [...waitingTickets(before.state)];
          const target = waiting[pick % Math.max(1, waiting.length)];
          if (!target) return;
          const said = estimate(before.ix, before.state, before.now, { ticketId: target.id });

          // Forward, as the replay assumes: the earliest free counter (lowest number on a tie)
          // calls next, and each visit lasts its sub-service's average as it stood at the estimate.
          const h = build(day);
          const now0 = h.now;
          const avg = (sid: string) => averageServiceMs(before.ix, before.state, sid);
          const free = COUNTERS.filter((_, i) => day.open[i]).map(([c, k, n]) => ({ c, k, n, at: now0 }));
          let ahead = 0;
          let calledAt: number | undefined;
          while (free.length > 0 && calledAt === undefined) {
            free.sort((x, y) => x.at - y.at || x.n - y.n);
            const counter = free[0];
            if (!counter) break;
            h.now = counter.at;
            const t = h.next(counter.c, counter.k);
            if (!t) {
              // [TD2] Under today's assignment with nothing to call, it serves its own from `until`.
              const today = h.state.todayAssignments.get(counter.c);
              if (today && counter.at < today.until) counter.at = today.until;
              else free.shift();
              continue;
            }
            if (t.id === target.id) calledAt = counter.at;
            else {
              if (t.serviceId === target.serviceId) ahead++;
              h.ok({ type: 'start', counterId: counter.c, clerkId: counter.k });
              counter.at += avg(t.serviceId);
            }
          }
          if (calledAt === undefined) {
            expect(said.etaMinutes).toBeNull(); // [E2] no open counter calls it
            return;
          }
          expect(said.etaMinutes).toBeCloseTo((calledAt - now0) / MIN, 6);
          expect(said.ahead).toBe(ahead);
        },
      ),
      { numRuns: 300 },
    );
  });
});
