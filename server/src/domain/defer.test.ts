import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness } from '../testing/harness.ts';
import { estimate } from './estimate.ts';
import { applyAll, emptyDay } from './state.ts';

const line = (n: number) => {
  const h = new Harness(testConfig());
  const tickets = [];
  for (let i = 0; i < n; i++) {
    tickets.push(h.issue('s1'));
    h.advance(1);
  }
  return { h, tickets };
};

/** The numbers called by one counter until the queue is empty. */
const callOrder = (h: Harness) => {
  h.open('c1', 'k1');
  const out: string[] = [];
  for (let n = h.serveNext('c1', 'k1'); n !== undefined; n = h.serveNext('c1', 'k1')) out.push(n);
  return out;
};

describe('I am late (PH6)', () => {
  it('[PH6] a waiting ticket goes back N places in its sub-service and is called there', () => {
    const { h, tickets } = line(8);
    const numbers = tickets.map((t) => t.number);
    const first = tickets[0];
    if (!first) throw new Error('no ticket');
    const d = h.run({ type: 'defer', ticketId: first.id, places: 5 });
    expect(d).toMatchObject({ ok: true, events: [{ type: 'TicketDeferred', places: 5, moved: 5 }] });
    expect(callOrder(h)).toEqual([...numbers.slice(1, 6), numbers[0], ...numbers.slice(6)]);
  });

  it('[PH6] with fewer than N behind it, it goes last; the estimate sees its new place', () => {
    const { h, tickets } = line(3);
    const second = tickets[1];
    if (!second) throw new Error('no ticket');
    expect(estimate(h.ix, h.state, h.now, { ticketId: second.id }).ahead).toBe(1);
    h.ok({ type: 'defer', ticketId: second.id, places: 5 });
    expect(h.log.at(-1)).toMatchObject({ moved: 1 });
    expect(estimate(h.ix, h.state, h.now, { ticketId: second.id }).ahead).toBe(2);
    expect(callOrder(h)).toEqual([tickets[0]?.number, tickets[2]?.number, second.number]);
  });

  it('[PH6] only once, and only while waiting', () => {
    const { h, tickets } = line(4);
    const [a, b] = tickets;
    if (!a || !b) throw new Error('no ticket');
    h.ok({ type: 'defer', ticketId: a.id, places: 1 });
    const version = h.state.version;
    expect(h.run({ type: 'defer', ticketId: a.id, places: 1 })).toMatchObject({ ok: false, code: 'already-deferred' });
    h.open('c1', 'k1');
    expect(h.next('c1', 'k1')?.id).toBe(b.id);
    expect(h.run({ type: 'defer', ticketId: b.id, places: 1 })).toMatchObject({
      ok: false,
      code: 'ticket-not-deferrable',
    });
    expect(h.run({ type: 'defer', ticketId: 'nope', places: 1 })).toMatchObject({
      ok: false,
      code: 'ticket-not-found',
    });
    expect(h.state.version).toBe(version + 2); // the open and the call only
  });

  it('[PH6] tickets of other sub-services do not count as places', () => {
    const h = new Harness(testConfig());
    const a = h.issue('s1');
    h.issue('s2');
    h.issue('s2');
    const c = h.issue('s1');
    h.ok({ type: 'defer', ticketId: a.id, places: 2 });
    expect(h.log.at(-1)).toMatchObject({ moved: 1 });
    expect(h.state.tickets.get(a.id)?.queuedAt).toBe(c.queuedAt);
  });

  it('[PH6] two deferred behind the same ticket keep a strict order, and a replay gives the same state', () => {
    const { h, tickets } = line(4);
    const [a, b, c, d] = tickets;
    if (!a || !b || !c || !d) throw new Error('no ticket');
    h.ok({ type: 'defer', ticketId: b.id, places: 1 }); // a c b d
    h.ok({ type: 'defer', ticketId: a.id, places: 2 }); // c b a d
    const replayed = emptyDay('2026-11-22');
    applyAll(
      replayed,
      h.log.map((event, i) => ({ seq: i + 1, event })),
      h.ix.isPriorityClass,
    );
    expect([...replayed.tickets.values()].map((t) => [t.id, t.queuedAt, t.order])).toEqual(
      [...h.state.tickets.values()].map((t) => [t.id, t.queuedAt, t.order]),
    );
    expect(callOrder(h)).toEqual([c.number, b.number, a.number, d.number]);
  });
});
