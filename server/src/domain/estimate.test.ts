import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { averageServiceMs, estimate } from './estimate.ts';

describe('estimates', () => {
  it('[E1] serving time starts at the configured average and follows the day’s own measurements', () => {
    const h = new Harness(testConfig()); // s1 configured at 5 min
    h.open('c1', 'k1');
    expect(averageServiceMs(h.ix, h.state, 's1')).toBe(5 * MIN);
    for (let i = 0; i < 4; i++) {
      h.issue('s1');
      h.next('c1', 'k1');
      h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
      h.advance(11);
      h.ok({ type: 'finish', counterId: 'c1', clerkId: 'k1' });
    }
    // (2 × 5 + 4 × 11) / 6 = 9 min
    expect(averageServiceMs(h.ix, h.state, 's1')).toBeCloseTo(9 * MIN);
  });

  it('[E1] only the last estimateWindow measurements count', () => {
    const h = new Harness(
      testConfig((c) => {
        c.branch.settings = { estimateWindow: 2 };
      }),
    );
    h.open('c2', 'k2');
    for (const minutes of [30, 30, 30, 2, 2]) {
      h.issue('s2');
      h.next('c2', 'k2');
      h.advance(minutes);
      h.ok({ type: 'start', counterId: 'c2', clerkId: 'k2' });
      h.ok({ type: 'finish', counterId: 'c2', clerkId: 'k2' });
    }
    expect(averageServiceMs(h.ix, h.state, 's2')).toBeCloseTo(((2 * 5 + 2 + 2) / 4) * MIN);
  });

  it('[E2] before any counter serving the sub-service opens, there is no estimate: how many are ahead, no time', () => {
    const h = new Harness(testConfig());
    // Nothing open: a new ticket would be first, but "no wait" would be a guess.
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's3' })).toEqual({
      ahead: 0,
      etaMinutes: null,
      etaUnknown: 'no-counter-open',
    });
    const first = h.issue('s3');
    h.issue('s3');
    // Only c3 serves s3, closed. An open counter that does not serve s3 changes nothing.
    h.open('c2', 'k2');
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's3' })).toEqual({
      ahead: 2,
      etaMinutes: null,
      etaUnknown: 'no-counter-open',
    });
    // A waiting ticket counts only those of its queue who came before it.
    expect(estimate(h.ix, h.state, h.now, { ticketId: first.id })).toMatchObject({ ahead: 0, etaMinutes: null });
    // Once c3 opens, the replay gives a time.
    h.open('c3', 'k3');
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's3' })).toEqual({ ahead: 2, etaMinutes: 10, etaUnknown: null });
  });

  it('[E2] a paused counter still counts: it will resume', () => {
    const h = new Harness(testConfig());
    h.open('c2', 'k2');
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'نماز' });
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's2' })).toEqual({ ahead: 0, etaMinutes: 0, etaUnknown: null });
  });

  it('[E2] a ticket sent to a counter that is not open has no estimate, and says why', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    h.open('c3', 'k3');
    h.issue('s1');
    h.next('c1', 'k1');
    h.ok({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toCounterId: 'c3' });
    const sent = [...h.state.tickets.values()][0];
    if (!sent) throw new Error('no ticket');
    h.ok({ type: 'close', counterId: 'c3', clerkId: 'k3' });
    expect(estimate(h.ix, h.state, h.now, { ticketId: sent.id })).toEqual({
      ahead: 0,
      etaMinutes: null,
      etaUnknown: 'counter-closed',
    });
  });

  it('[E3] a counter busy with a ticket is counted free when that ticket’s average time has passed', () => {
    const h = new Harness(testConfig());
    h.open('c2', 'k2');
    h.issue('s2');
    h.next('c2', 'k2');
    h.advance(2);
    // c2 busy since 2 min ago with a 5-min service → free in 3 min.
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's2' })).toEqual({ ahead: 0, etaMinutes: 3, etaUnknown: null });
    h.advance(10); // over-running: free now
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's2' })).toEqual({ ahead: 0, etaMinutes: 0, etaUnknown: null });
  });

  it('[E4] the replay follows the policy: weights, priority and several counters', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    // c1 mainly s1, also s2; c2 only s2. Three s2 and two s1 waiting.
    const a = h.issue('s2');
    h.issue('s2');
    h.issue('s1');
    h.issue('s1');
    const e = h.issue('s2');
    // t=0: c1 takes s1#1, c2 takes s2#a; t=5: c1 takes s1#2, c2 takes s2#b; t=10: c1 takes s2#e.
    expect(estimate(h.ix, h.state, h.now, { ticketId: e.id })).toEqual({ ahead: 2, etaMinutes: 10, etaUnknown: null });
    expect(estimate(h.ix, h.state, h.now, { ticketId: a.id })).toEqual({ ahead: 0, etaMinutes: 0, etaUnknown: null });
    // A new elderly s2 ticket would go before the waiting normal s2 tickets.
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's2', priorityId: 'elderly' })).toEqual({
      ahead: 0,
      etaMinutes: 0,
      etaUnknown: null,
    });
    expect(estimate(h.ix, h.state, h.now, { serviceId: 's2' })).toEqual({ ahead: 3, etaMinutes: 10, etaUnknown: null });
  });

  it('[E4] a ticket that is no longer waiting has nothing ahead', () => {
    const h = new Harness(testConfig());
    h.open('c2', 'k2');
    const t = h.issue('s2');
    h.next('c2', 'k2');
    expect(estimate(h.ix, h.state, h.now, { ticketId: t.id })).toEqual({ ahead: 0, etaMinutes: 0, etaUnknown: null });
  });
});
