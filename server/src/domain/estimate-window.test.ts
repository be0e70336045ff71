// [E6] The estimate at issue shared within a short window: what is shared, and what replays.
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { estimate } from './estimate.ts';
import { EstimateWindow, SHARED_ESTIMATE_MIN_AHEAD, SHARED_ESTIMATE_MS } from './estimate-window.ts';

function office() {
  const h = new Harness(testConfig());
  const window = new EstimateWindow();
  let fed = 0;
  const feed = () => {
    window.applied(
      h.state,
      h.log.slice(fed).map((event) => ({ seq: 0, event })),
    );
    fed = h.log.length;
  };
  h.open('c1', 'k1');
  for (let i = 0; i < SHARED_ESTIMATE_MIN_AHEAD + 5; i++) h.issue('s1');
  /** Issues a ticket and gives its estimate through the window, with the replayed one beside it. */
  const issue = (serviceId = 's1', priorityId?: string) => {
    const t = h.issue(serviceId, priorityId);
    feed();
    return {
      shared: window.atIssue(h.ix, h.state, h.now, t),
      replayed: estimate(h.ix, h.state, h.now, { ticketId: t.id }),
    };
  };
  return { h, issue, feed };
}

describe('[E6] estimates shared within a short window', () => {
  it('the first ticket of a chain is replayed; the next ones within the window get one more place and slot each', () => {
    const { h, issue } = office();
    const first = issue();
    expect(first.shared).toEqual(first.replayed);
    const slot = ((first.replayed.etaMinutes ?? 0) * MIN) / first.replayed.ahead;
    h.now += 200;
    const second = issue();
    expect(second.shared.ahead).toBe(first.replayed.ahead + 1);
    expect(second.shared.etaMinutes).toBeCloseTo(((first.replayed.etaMinutes ?? 0) * MIN + slot - 200) / MIN, 9);
    // Here (one counter, one sub-service) the replay agrees to the second.
    expect(second.shared.ahead).toBe(second.replayed.ahead);
    expect(Math.abs((second.shared.etaMinutes ?? 0) - (second.replayed.etaMinutes ?? 0))).toBeLessThan(1 / 60);
  });

  it('a call of the sub-service takes one from ahead; another class or sub-service replays', () => {
    const { h, issue, feed } = office();
    issue();
    h.next('c1', 'k1');
    feed();
    const after = issue();
    expect(after.shared.ahead).toBe(after.replayed.ahead);
    const priority = issue('s1', 'elderly');
    expect(priority.shared).toEqual(priority.replayed);
  });

  it('replays after the window, after a counter changes, and for a short queue', () => {
    const { h, issue, feed } = office();
    issue();
    h.now += SHARED_ESTIMATE_MS + 1;
    const late = issue();
    expect(late.shared).toEqual(late.replayed);
    h.open('c3', 'k3'); // a counter opening resets the window
    feed();
    const opened = issue();
    expect(opened.shared).toEqual(opened.replayed);

    const short = new Harness(testConfig());
    short.open('c1', 'k1');
    const window = new EstimateWindow();
    for (let i = 0; i < 3; i++) {
      const t = short.issue('s1');
      expect(window.atIssue(short.ix, short.state, short.now, t)).toEqual(
        estimate(short.ix, short.state, short.now, { ticketId: t.id }),
      );
    }
  });
});
