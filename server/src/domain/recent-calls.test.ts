import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness } from '../testing/harness.ts';
import { addRecentCall, type RecentCall } from './state.ts';

const rows = (h: Harness) => h.state.recentCalls.map((c) => ({ ticketId: c.ticketId, recall: c.recall }));

describe('recent calls', () => {
  it('[D1] a recall moves its ticket’s row to the top, marked recalled, and adds no row', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    const a = h.issue('s2');
    const b = h.issue('s2');
    h.next('c1', 'k1'); // a
    h.next('c2', 'k2'); // b
    expect(rows(h)).toEqual([
      { ticketId: a.id, recall: false },
      { ticketId: b.id, recall: false },
    ]);
    h.ok({ type: 'recall', counterId: 'c1', clerkId: 'k1' });
    h.ok({ type: 'recall', counterId: 'c1', clerkId: 'k1' });
    // Newest last: a is on top again, once, as a recall with the version of its last recall.
    expect(rows(h)).toEqual([
      { ticketId: b.id, recall: false },
      { ticketId: a.id, recall: true },
    ]);
    expect(h.state.recentCalls.at(-1)?.version).toBe(h.state.version);
  });

  it('[D1] a ticket called again elsewhere (after a transfer) is listed once, at its new counter', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    h.open('c2', 'k2');
    const a = h.issue('s1');
    h.next('c1', 'k1');
    h.ok({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toServiceId: 's2' });
    h.next('c2', 'k2');
    expect(h.state.recentCalls.map((c) => [c.ticketId, c.counterId])).toEqual([[a.id, 'c2']]);
  });

  it('[D1] the list keeps the latest 20 tickets', () => {
    const list: RecentCall[] = [];
    for (let i = 0; i < 25; i++)
      addRecentCall(list, { ticketId: `t${i}`, counterId: 'c', at: i, recall: false, version: i });
    addRecentCall(list, { ticketId: 't10', counterId: 'c', at: 30, recall: true, version: 30 });
    expect(list).toHaveLength(20);
    expect(list.at(-1)?.ticketId).toBe('t10');
    expect(list.filter((c) => c.ticketId === 't10')).toHaveLength(1);
  });
});
