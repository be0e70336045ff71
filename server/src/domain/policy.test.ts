import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { counterView, eligible, pickNext } from './policy.ts';

const open = (h: Harness, ...counters: [string, string][]) => {
  for (const [c, k] of counters) h.open(c, k);
  return h;
};

describe('balancing', () => {
  it('[B1] a counter calls only the sub-services it serves, even when idle', () => {
    const h = open(new Harness(testConfig()), ['c2', 'k2']);
    h.issue('s1');
    h.issue('s3');
    expect(h.next('c2', 'k2')).toBeNull(); // c2 serves s2 only
    const s2 = h.issue('s2');
    expect(h.next('c2', 'k2')?.id).toBe(s2.id);
  });

  it('[B2] due appointments are called first, earliest slot first; not-yet-due ones wait', () => {
    const h = open(new Harness(testConfig()), ['c1', 'k1']);
    h.issue('s1', 'disabled');
    const late = h.issue('s1', 'appointment', { appointmentAt: h.now + 8 * MIN }); // due (10 min early)
    const early = h.issue('s1', 'appointment', { appointmentAt: h.now + 2 * MIN });
    const future = h.issue('s1', 'appointment', { appointmentAt: h.now + 60 * MIN });
    expect(h.serveNext('c1', 'k1')).toBe(early.number);
    expect(h.serveNext('c1', 'k1')).toBe(late.number);
    // The future appointment is not due: the disabled visitor (weight 1.5) goes before it (weight 0.5).
    const third = h.next('c1', 'k1');
    expect(third?.priorityId).toBe('disabled');
    expect(h.state.tickets.get(future.id)?.status).toBe('waiting');
  });

  it('[B3] a ticket past its target is called before anything within target, even at a low weight', () => {
    const h = open(new Harness(testConfig()), ['c1', 'k1']);
    // c1 serves s1 at weight 3 and s2 at weight 1.
    const s2 = h.issue('s2');
    h.advance(19);
    h.issue('s1', 'veteran');
    h.issue('s1');
    // s2 has waited 19 min (target 20): c1 still prefers its main sub-service.
    expect(h.next('c1', 'k1')?.serviceId).toBe('s1');
    h.ok({ type: 'noShow', counterId: 'c1', clerkId: 'k1' });
    h.advance(2); // now 21 min: overdue
    expect(h.next('c1', 'k1')?.id).toBe(s2.id);
  });

  it('[B3] among overdue tickets, the one furthest past its own target goes first', () => {
    const h = new Harness(
      testConfig((c) => {
        const s2 = c.services[1];
        if (s2) s2.targetWaitMinutes = 5;
      }),
    );
    open(h, ['c3', 'k3']);
    const s1 = h.issue('s1'); // target 20
    h.advance(3);
    const s2 = h.issue('s2'); // target 5
    h.advance(23); // s1 waited 26 (6 past), s2 waited 23 (18 past)
    expect(h.next('c3', 'k3')?.id).toBe(s2.id);
    h.ok({ type: 'noShow', counterId: 'c3', clerkId: 'k3' });
    expect(h.next('c3', 'k3')?.id).toBe(s1.id);
  });

  it('[B3] property: whenever an eligible ticket is overdue, the pick is overdue too', () => {
    const config = testConfig();
    const h0 = new Harness(config);
    const ctx = h0.ix.policy;
    const targetMs = 20 * MIN;
    const ticket = fc.record({
      serviceId: fc.constantFrom('s1', 's2', 's3'),
      priorityId: fc.constantFrom('normal', 'elderly', 'disabled', 'veteran', 'pregnant'),
      waitedMin: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(
        fc.array(ticket, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('c1', 'c2', 'c3'),
        fc.integer({ min: 0, max: 5 }),
        (tickets, counterId, streak) => {
          const now = h0.now + 120 * MIN;
          const candidates = tickets.map((t, i) => ({
            id: `t${i}`,
            serviceId: t.serviceId,
            priorityId: t.priorityId,
            queuedAt: now - t.waitedMin * MIN,
            order: i,
          }));
          const view = counterView(ctx, counterId, streak);
          if (!view) throw new Error('no counter');
          const pick = pickNext(ctx, view, candidates, now);
          const overdue = candidates.filter((t) => eligible(view, t) && now - t.queuedAt > targetMs);
          if (overdue.length > 0) {
            expect(pick).toBeDefined();
            expect(now - (pick?.queuedAt ?? now)).toBeGreaterThan(targetMs);
          }
          if (pick) expect(eligible(view, pick)).toBe(true);
          else expect(candidates.some((t) => eligible(view, t))).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("[B4] the counter's weight for a sub-service comes before priority class", () => {
    const h = open(new Harness(testConfig()), ['c1', 'k1']);
    h.issue('s2', 'pregnant'); // weight 1 at c1
    const main = h.issue('s1'); // weight 3 at c1
    expect(h.next('c1', 'k1')?.id).toBe(main.id);
  });

  it('[B4] within a weight, a priority class goes first, but a long-waiting normal ticket overtakes it', () => {
    const h = open(new Harness(testConfig()), ['c2', 'k2']);
    const normal = h.issue('s2');
    h.advance(2);
    const elderly = h.issue('s2', 'elderly'); // weight 1
    // normal: 0 + 2×2/20 = 0.2 < elderly 1 + 0 → elderly first.
    expect(h.next('c2', 'k2')?.id).toBe(elderly.id);
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });
    h.advance(10);
    const elderly2 = h.issue('s2', 'elderly');
    // normal has waited 12 min: 0 + 2×12/20 = 1.2 > fresh elderly 1.0 → normal first.
    expect(h.next('c2', 'k2')?.id).toBe(normal.id);
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });
    expect(h.next('c2', 'k2')?.id).toBe(elderly2.id);
  });

  it('[B5] otherwise, arrival order; a transferred ticket competes with its original arrival', () => {
    const h = open(new Harness(testConfig()), ['c2', 'k2']);
    const a = h.issue('s2');
    const b = h.issue('s2'); // same instant: issue order decides
    h.advance(1);
    const c = h.issue('s2');
    expect([h.serveNext('c2', 'k2'), h.serveNext('c2', 'k2'), h.serveNext('c2', 'k2')]).toEqual([
      a.number,
      b.number,
      c.number,
    ]);
  });

  it('[B6] with a ratio of N, after N priority calls in a row a waiting normal ticket is called', () => {
    const h = new Harness(
      testConfig((c) => {
        c.branch.settings = { maxPriorityInRow: 2 };
      }),
    );
    open(h, ['c2', 'k2']);
    const normal = h.issue('s2');
    const p = [h.issue('s2', 'elderly'), h.issue('s2', 'veteran'), h.issue('s2', 'pregnant')];
    const order = [h.serveNext('c2', 'k2'), h.serveNext('c2', 'k2'), h.serveNext('c2', 'k2'), h.serveNext('c2', 'k2')];
    // veteran & pregnant (1.5) before elderly (1); two in a row, then the normal one, then elderly.
    expect(order).toEqual([p[1]?.number, p[2]?.number, normal.number, p[0]?.number]);
  });

  it('[B6] without the ratio, priority tickets keep going first', () => {
    const h = open(new Harness(testConfig()), ['c2', 'k2']);
    const normal = h.issue('s2');
    h.issue('s2', 'elderly');
    h.issue('s2', 'veteran');
    h.issue('s2', 'pregnant');
    h.serveNext('c2', 'k2');
    h.serveNext('c2', 'k2');
    h.serveNext('c2', 'k2');
    expect(h.serveNext('c2', 'k2')).toBe(normal.number);
  });

  it('[B6] the ratio does not hold back an overdue ticket', () => {
    const h = new Harness(
      testConfig((c) => {
        c.branch.settings = { maxPriorityInRow: 1 };
      }),
    );
    open(h, ['c2', 'k2']);
    h.issue('s2', 'elderly');
    h.serveNext('c2', 'k2');
    const overdue = h.issue('s2', 'veteran');
    h.advance(25);
    const fresh = h.issue('s2');
    expect(h.next('c2', 'k2')?.id).toBe(overdue.id);
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });
    expect(h.next('c2', 'k2')?.id).toBe(fresh.id);
  });
});
