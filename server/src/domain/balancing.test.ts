// Balancing modes B7–B9: how a counter weighs its sub-services against each other within target.
import type { Balancing } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness } from '../testing/harness.ts';

/** c1 serves s1 at weight 3 and s2 at weight 1 (the fixture); `own` is c1's own mode, if any. */
const harness = (branch?: Balancing, own?: Balancing) => {
  const h = new Harness(
    testConfig((c) => {
      if (branch) c.branch.settings = { balancing: branch };
      const c1 = c.counters[0];
      if (c1 && own) c1.balancing = own;
    }),
  );
  h.open('c1', 'k1');
  return h;
};

/** Serves `n` tickets at c1 and returns their sub-services in call order. */
const serviceOrder = (h: Harness, n: number) => {
  const order: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = h.next('c1', 'k1');
    if (!t) break;
    order.push(t.serviceId);
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.advance(0.1);
  }
  return order;
};

describe('balancing modes', () => {
  it('[B7] strict is the default: every s1 ticket (weight 3) before any s2 (weight 1)', () => {
    const h = harness();
    for (let i = 0; i < 3; i++) h.issue('s1');
    for (let i = 0; i < 2; i++) h.issue('s2');
    expect(serviceOrder(h, 5)).toEqual(['s1', 's1', 's1', 's2', 's2']);
  });

  it("[B7] a counter's own mode overrides the branch's", () => {
    const h = harness('proportional', 'strict');
    for (let i = 0; i < 6; i++) h.issue('s1');
    for (let i = 0; i < 2; i++) h.issue('s2');
    expect(serviceOrder(h, 6)).toEqual(['s1', 's1', 's1', 's1', 's1', 's1']);
  });

  it('[B8] proportional 3:1: of every four calls, three from s1 and one from s2 while both wait', () => {
    for (const h of [harness('proportional'), harness('strict', 'proportional')]) {
      for (let i = 0; i < 12; i++) h.issue('s1');
      for (let i = 0; i < 4; i++) h.issue('s2');
      expect(serviceOrder(h, 16)).toEqual([
        ...['s1', 's1', 's1', 's2'],
        ...['s1', 's1', 's1', 's2'],
        ...['s1', 's1', 's1', 's2'],
        ...['s1', 's1', 's1', 's2'],
      ]);
    }
  });

  it('[B8] within the sub-service whose turn it is, priority class goes first; equal shares go by B4 score', () => {
    const h = harness('proportional');
    const s1 = [h.issue('s1'), h.issue('s1'), h.issue('s1')];
    const s2normal = h.issue('s2');
    const s2elderly = h.issue('s2', 'elderly');
    const order = [];
    for (let i = 0; i < 5; i++) {
      const t = h.next('c1', 'k1');
      order.push(t?.id);
      h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    }
    // After two s1 calls both stand at 1 ((2+1)/3 = (0+1)/1): the elderly visitor's score (1) wins
    // the tie; s2's next turn comes after s1's third call.
    expect(order).toEqual([s1[0]?.id, s1[1]?.id, s2elderly.id, s1[2]?.id, s2normal.id]);
  });

  it('[B8] an overdue ticket still goes first (B3), and counts towards the shares', () => {
    const h = harness('proportional');
    const old = h.issue('s2');
    h.advance(25); // past s2's 20-minute target
    h.issue('s1');
    h.issue('s2');
    expect(h.next('c1', 'k1')?.id).toBe(old.id);
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    // s2 has had its one call: s1 (1/3) is below its share, s2 ((1+1)/1) is not.
    expect(h.next('c1', 'k1')?.serviceId).toBe('s1');
  });

  it('[B8] the shares come from the day’s events: a replayed day calls the same', () => {
    const h = harness('proportional');
    for (let i = 0; i < 4; i++) h.issue('s1');
    for (let i = 0; i < 2; i++) h.issue('s2');
    serviceOrder(h, 3);
    expect(h.state.counters.get('c1')?.recentCalls).toEqual(['s1', 's1', 's1']);
    expect(h.next('c1', 'k1')?.serviceId).toBe('s2');
  });

  it('[B9] longest wait: the ticket waiting longest across the sub-services, whatever the weight', () => {
    const h = harness('longest-wait');
    const s2 = h.issue('s2');
    h.advance(1);
    const s1 = h.issue('s1');
    expect(h.next('c1', 'k1')?.id).toBe(s2.id); // under strict, s1 (weight 3) would go first
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    expect(h.next('c1', 'k1')?.id).toBe(s1.id);
  });

  it('[B9] longest wait: a priority class still goes first, even before an older normal ticket', () => {
    const h = harness('strict', 'longest-wait');
    const normal = h.issue('s1');
    h.advance(15); // aging would not matter here: class weight comes first
    const elderly = h.issue('s2', 'elderly');
    expect(h.next('c1', 'k1')?.id).toBe(elderly.id);
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    expect(h.next('c1', 'k1')?.id).toBe(normal.id);
  });
});
