import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { mayReprint } from './state.ts';

const SUPERVISOR = { role: 'supervisor', userId: 'sup' } as const;

const withCounters = () => {
  const h = new Harness(testConfig());
  h.open('c1', 'k1');
  h.open('c2', 'k2');
  return h;
};

describe('ticket life', () => {
  it('[T1] a repeated requestId issues one ticket and calls one ticket', () => {
    const h = withCounters();
    const a = h.issue('s1', undefined, { requestId: 'tap-1' });
    const again = h.run({
      type: 'issue',
      serviceId: 's1',
      source: { kind: 'kiosk', kioskId: 'k' },
      requestId: 'tap-1',
      ticketId: 'other',
    });
    expect(again).toEqual({ ok: true, events: [], ticketId: a.id });
    h.issue('s1');
    const first = h.run({ type: 'callNext', counterId: 'c1', clerkId: 'k1', requestId: 'click-1' });
    const second = h.run({ type: 'callNext', counterId: 'c1', clerkId: 'k1', requestId: 'click-1' });
    expect(first.ok && first.ticketId).toBe(a.id);
    expect(second).toEqual({ ok: true, events: [], ticketId: a.id });
    expect(h.state.tickets.size).toBe(2);
    expect(h.log.filter((e) => e.type === 'TicketCalled')).toHaveLength(1);
  });

  it('[T2] the whole path: issue → call → start → finish', () => {
    const h = withCounters();
    const t = h.issue('s1');
    expect(t.status).toBe('waiting');
    h.advance(3);
    expect(h.next('c1', 'k1')?.status).toBe('called');
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    expect(h.state.tickets.get(t.id)?.status).toBe('serving');
    h.advance(4);
    h.ok({ type: 'finish', counterId: 'c1', clerkId: 'k1' });
    expect(h.state.tickets.get(t.id)).toMatchObject({ status: 'finished', recalls: 0 });
    expect(h.state.counters.get('c1')?.currentTicketId).toBeUndefined();
    expect(h.state.durations.get('s1')).toEqual([4 * MIN]);
  });

  it('[T2] moves that are not allowed are refused with a named code and change nothing', () => {
    const h = withCounters();
    const c = { counterId: 'c1', clerkId: 'k1' };
    expect(h.run({ type: 'start', ...c })).toMatchObject({ ok: false, code: 'no-current-ticket' });
    expect(h.run({ type: 'finish', ...c })).toMatchObject({ ok: false, code: 'no-current-ticket' });
    const t = h.issue('s1');
    h.next('c1', 'k1');
    expect(h.run({ type: 'finish', ...c })).toMatchObject({ ok: false, code: 'not-started' });
    h.ok({ type: 'start', ...c });
    expect(h.run({ type: 'start', ...c })).toMatchObject({ ok: false, code: 'already-started' });
    expect(h.run({ type: 'recall', ...c })).toMatchObject({ ok: false, code: 'already-started' });
    expect(h.run({ type: 'noShow', ...c })).toMatchObject({ ok: false, code: 'already-started' });
    expect(h.run({ type: 'cancel', ticketId: t.id, reason: 'x', by: SUPERVISOR })).toMatchObject({
      ok: false,
      code: 'ticket-not-cancellable',
    });
    expect(h.run({ type: 'callTicket', ...c, ticketId: 'nope' })).toMatchObject({
      ok: false,
      code: 'ticket-not-found',
    });
    const version = h.state.version;
    expect(h.run({ type: 'callTicket', counterId: 'c2', clerkId: 'k2', ticketId: t.id })).toMatchObject({
      ok: false,
      code: 'ticket-not-callable',
    });
    expect(h.state.version).toBe(version);
  });

  it('[T2] a waiting or parked ticket can be cancelled and leaves the queue', () => {
    const h = withCounters();
    const a = h.issue('s2');
    h.ok({ type: 'cancel', ticketId: a.id, reason: 'visitor left', by: SUPERVISOR });
    expect(h.state.tickets.get(a.id)?.status).toBe('cancelled');
    expect(h.next('c2', 'k2')).toBeNull();
    const b = h.issue('s2');
    h.next('c2', 'k2');
    h.ok({ type: 'park', counterId: 'c2', clerkId: 'k2' });
    h.ok({ type: 'cancel', ticketId: b.id, reason: 'gave up', by: { role: 'clerk', clerkId: 'k2' } });
    expect(h.state.tickets.get(b.id)?.status).toBe('cancelled');
  });

  it('[T9] a supervisor or admin cancels any waiting ticket; a clerk only one their counter could call', () => {
    const h = withCounters(); // k1 holds c1 (s1, s2), k2 holds c2 (s2); c3 (s1–s3) is closed
    const s3 = h.issue('s3');
    const s1 = h.issue('s1');
    const k1 = { role: 'clerk', clerkId: 'k1' } as const;
    const k2 = { role: 'clerk', clerkId: 'k2' } as const;
    const version = h.state.version;
    // No open counter serves s3: no clerk may cancel it. k2's counter does not serve s1.
    expect(h.run({ type: 'cancel', ticketId: s3.id, reason: 'x', by: k1 })).toMatchObject({
      ok: false,
      code: 'cancel-not-allowed',
    });
    expect(h.run({ type: 'cancel', ticketId: s1.id, reason: 'x', by: k2 })).toMatchObject({
      ok: false,
      code: 'cancel-not-allowed',
    });
    // A clerk with no counter open cancels nothing, even what any counter serves.
    expect(h.run({ type: 'cancel', ticketId: s1.id, reason: 'x', by: { role: 'clerk', clerkId: 'k3' } })).toMatchObject(
      {
        ok: false,
        code: 'cancel-not-allowed',
      },
    );
    expect(h.state.version).toBe(version);
    // k1's counter serves s1: k1 may, and the cancellation names k1 and their counter.
    h.ok({ type: 'cancel', ticketId: s1.id, reason: 'رفت', by: k1 });
    expect(h.log.at(-1)).toMatchObject({ type: 'TicketCancelled', ticketId: s1.id, counterId: 'c1', clerkId: 'k1' });
    // The supervisor and the admin cancel what no open counter serves.
    h.ok({ type: 'cancel', ticketId: s3.id, reason: 'رفت', by: { role: 'admin', userId: 'admin' } });
    expect(h.log.at(-1)).toMatchObject({ type: 'TicketCancelled', ticketId: s3.id, clerkId: 'admin' });
    expect(h.log.at(-1)).not.toHaveProperty('counterId');
    h.ok({ type: 'cancel', ticketId: h.issue('s3').id, reason: 'x', by: SUPERVISOR });
  });

  it('[T9] a ticket transferred to a counter is cancelled only by the clerk of that counter', () => {
    const h = withCounters();
    h.open('c3', 'k3');
    const t = h.issue('s2');
    expect(h.next('c2', 'k2')?.id).toBe(t.id);
    h.ok({ type: 'transfer', counterId: 'c2', clerkId: 'k2', toCounterId: 'c3' });
    expect(h.run({ type: 'cancel', ticketId: t.id, reason: 'x', by: { role: 'clerk', clerkId: 'k1' } })).toMatchObject({
      ok: false,
      code: 'cancel-not-allowed',
    });
    h.ok({ type: 'cancel', ticketId: t.id, reason: 'x', by: { role: 'clerk', clerkId: 'k3' } });
    expect(h.state.tickets.get(t.id)?.status).toBe('cancelled');
  });

  it('[T9] a paused counter still lets its clerk cancel what it serves; a parked ticket by any counter serving it', () => {
    const h = withCounters();
    const t = h.issue('s2');
    expect(h.next('c2', 'k2')?.id).toBe(t.id);
    h.ok({ type: 'park', counterId: 'c2', clerkId: 'k2' });
    h.ok({ type: 'pause', counterId: 'c1', clerkId: 'k1', reason: 'ناهار' });
    h.ok({ type: 'cancel', ticketId: t.id, reason: 'x', by: { role: 'clerk', clerkId: 'k1' } });
    expect(h.log.at(-1)).toMatchObject({ type: 'TicketCancelled', counterId: 'c1', clerkId: 'k1' });
  });

  it('[T3] call-next finishes a ticket being served, but refuses while one is only called', () => {
    const h = withCounters();
    const a = h.issue('s1');
    const b = h.issue('s1');
    h.next('c1', 'k1');
    expect(h.run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' })).toMatchObject({
      ok: false,
      code: 'current-ticket-open',
    });
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    const d = h.run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' });
    expect(d.ok && d.events.map((e) => e.type)).toEqual(['ServiceFinished', 'TicketCalled']);
    expect(h.state.tickets.get(a.id)?.status).toBe('finished');
    expect(h.state.tickets.get(b.id)?.status).toBe('called');
  });

  it('[T3] call-next on an empty queue is accepted and calls nothing', () => {
    const h = withCounters();
    expect(h.run({ type: 'callNext', counterId: 'c1', clerkId: 'k1' })).toEqual({
      ok: true,
      events: [],
      ticketId: null,
    });
  });

  it('[T4] recall re-announces; past noShowAfterRecalls the recall marks the ticket no-show', () => {
    const h = withCounters(); // default noShowAfterRecalls = 2
    const t = h.issue('s1');
    h.next('c1', 'k1');
    const c = { counterId: 'c1', clerkId: 'k1' };
    expect(h.run({ type: 'recall', ...c })).toMatchObject({
      ok: true,
      events: [{ type: 'TicketRecalled', recall: 1 }],
    });
    expect(h.run({ type: 'recall', ...c })).toMatchObject({
      ok: true,
      events: [{ type: 'TicketRecalled', recall: 2 }],
    });
    expect(h.run({ type: 'recall', ...c })).toMatchObject({ ok: true, events: [{ type: 'MarkedNoShow', auto: true }] });
    expect(h.state.tickets.get(t.id)?.status).toBe('no-show');
    expect(h.state.counters.get('c1')?.currentTicketId).toBeUndefined();
    // And by hand:
    const u = h.issue('s1');
    h.next('c1', 'k1');
    h.ok({ type: 'noShow', ...c });
    expect(h.state.tickets.get(u.id)?.status).toBe('no-show');
  });

  it('[T4] with noShowAfterRecalls 0 recalls never end the ticket', () => {
    const h = new Harness(
      testConfig((c) => {
        c.branch.settings = { noShowAfterRecalls: 0 };
      }),
    );
    h.open('c1', 'k1');
    h.issue('s1');
    h.next('c1', 'k1');
    for (let i = 1; i <= 6; i++) {
      expect(h.run({ type: 'recall', counterId: 'c1', clerkId: 'k1' })).toMatchObject({
        events: [{ type: 'TicketRecalled', recall: i }],
      });
    }
  });

  it('[T5] a transferred ticket keeps its id, number and place in time in the new queue', () => {
    const h = withCounters();
    const early = h.issue('s1'); // arrives first, in s1
    h.advance(5);
    const s2a = h.issue('s2');
    h.advance(5);
    h.next('c1', 'k1'); // c1 takes the s1 ticket
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.ok({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toServiceId: 's2', note: 'پرونده سابقه' });
    const moved = h.state.tickets.get(early.id);
    expect(moved).toMatchObject({ status: 'waiting', serviceId: 's2', number: early.number, transfers: 1 });
    expect(moved?.queuedAt).toBe(early.issuedAt);
    // In s2 it goes before s2a, which arrived later.
    expect(h.next('c2', 'k2')?.id).toBe(early.id);
    expect(h.next('c1', 'k1')?.id).toBe(s2a.id);
  });

  it('[T5] a ticket transferred to a counter is called only there; the counter must serve the service', () => {
    const h = withCounters();
    h.open('c3', 'k3');
    const t = h.issue('s2');
    h.next('c2', 'k2');
    const c = { counterId: 'c2', clerkId: 'k2' };
    expect(h.run({ type: 'transfer', ...c, toServiceId: 's3', toCounterId: 'c1' })).toMatchObject({
      ok: false,
      code: 'invalid-transfer',
    });
    expect(h.run({ type: 'transfer', ...c })).toMatchObject({ ok: false, code: 'invalid-transfer' });
    expect(h.run({ type: 'transfer', ...c, toServiceId: 'ghost' })).toMatchObject({
      ok: false,
      code: 'invalid-transfer',
    });
    h.ok({ type: 'transfer', ...c, toCounterId: 'c3' });
    expect(h.next('c1', 'k1')).toBeNull(); // c1 serves s2 but the ticket is for c3
    expect(h.run({ type: 'callTicket', counterId: 'c1', clerkId: 'k1', ticketId: t.id })).toMatchObject({
      ok: false,
      code: 'service-not-served',
    });
    expect(h.next('c3', 'k3')?.id).toBe(t.id);
    expect(h.state.tickets.get(t.id)?.targetCounterId).toBeUndefined();
  });

  it('[T6] a parked ticket is out of the queue; it comes back by number or at its old place', () => {
    const h = withCounters();
    const a = h.issue('s2');
    h.advance(1);
    const b = h.issue('s2');
    h.advance(1);
    const c = h.issue('s2');
    h.next('c2', 'k2');
    h.ok({ type: 'park', counterId: 'c2', clerkId: 'k2', note: 'رفت کپی بگیرد' });
    expect(h.state.tickets.get(a.id)?.status).toBe('parked');
    expect(h.next('c2', 'k2')?.id).toBe(b.id); // a is not called while parked
    h.ok({ type: 'noShow', counterId: 'c2', clerkId: 'k2' });
    // Brought back by number at another counter that serves s2.
    expect(h.ok({ type: 'callTicket', counterId: 'c1', clerkId: 'k1', ticketId: a.id })?.status).toBe('called');
    h.ok({ type: 'park', counterId: 'c1', clerkId: 'k1' });
    // Or unparked into the queue: it is ahead of c, which arrived later.
    h.ok({ type: 'unpark', counterId: 'c2', clerkId: 'k2', ticketId: a.id });
    expect(h.next('c2', 'k2')?.id).toBe(a.id);
    expect(h.state.tickets.get(c.id)?.status).toBe('waiting');
  });

  it('[T6] a park carries its reason; with none, documents when some were found missing, else other', () => {
    const h = withCounters();
    const a = h.issue('s2');
    const b = h.issue('s2');
    const c = h.issue('s2');
    const park = (reason?: 'documents' | 'payment' | 'other') => {
      h.next('c2', 'k2');
      h.ok({ type: 'park', counterId: 'c2', clerkId: 'k2', ...(reason ? { reason } : {}) });
    };
    park('payment');
    expect(h.state.tickets.get(a.id)?.parkReason).toBe('payment');
    park();
    expect(h.state.tickets.get(b.id)?.parkReason).toBe('other');
    h.next('c2', 'k2');
    h.ok({ type: 'checkDocuments', counterId: 'c2', clerkId: 'k2', brought: [] });
    h.ok({ type: 'park', counterId: 'c2', clerkId: 'k2' });
    const parked = h.state.tickets.get(c.id);
    expect(parked?.missingDocuments?.length ?? 0).toBeGreaterThan(0);
    expect(parked?.parkReason).toBe('documents');
    // Called back, it is no longer parked for any reason.
    h.ok({ type: 'callTicket', counterId: 'c2', clerkId: 'k2', ticketId: a.id });
    expect(h.state.tickets.get(a.id)?.parkReason).toBeUndefined();
  });

  it('[T7] every event carries its time, and counter events carry counter and clerk', () => {
    const h = withCounters();
    h.issue('s1');
    h.issue('s2');
    h.next('c1', 'k1');
    h.ok({ type: 'recall', counterId: 'c1', clerkId: 'k1' });
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.ok({ type: 'transfer', counterId: 'c1', clerkId: 'k1', toServiceId: 's2' });
    h.next('c2', 'k2');
    h.ok({ type: 'park', counterId: 'c2', clerkId: 'k2' });
    h.ok({ type: 'pause', counterId: 'c2', clerkId: 'k2', reason: 'نماز' });
    h.ok({ type: 'resume', counterId: 'c2', clerkId: 'k2' });
    for (const e of h.log) {
      expect(typeof e.at).toBe('number');
      if (e.type !== 'TicketIssued' && e.type !== 'TicketCancelled') {
        expect(e).toHaveProperty('counterId');
        expect(e).toHaveProperty('clerkId');
      }
    }
    expect(new Set(h.log.map((e) => e.type)).size).toBeGreaterThanOrEqual(9);
  });
});

describe('counters', () => {
  it('[C1] only the clerk who opened a counter acts at it; a closed counter only opens', () => {
    const h = withCounters();
    h.issue('s1');
    expect(h.run({ type: 'callNext', counterId: 'c1', clerkId: 'k2' })).toMatchObject({
      ok: false,
      code: 'not-counter-clerk',
    });
    expect(h.run({ type: 'callNext', counterId: 'c3', clerkId: 'k3' })).toMatchObject({
      ok: false,
      code: 'counter-closed',
    });
    expect(h.run({ type: 'callNext', counterId: 'c9', clerkId: 'k1' })).toMatchObject({
      ok: false,
      code: 'unknown-counter',
    });
    expect(h.run({ type: 'open', counterId: 'c3', clerkId: 'ghost' })).toMatchObject({
      ok: false,
      code: 'unknown-clerk',
    });
  });

  it('[C2] one clerk per counter and one counter per clerk; reopening is a no-op', () => {
    const h = withCounters();
    expect(h.run({ type: 'open', counterId: 'c1', clerkId: 'k3' })).toMatchObject({ ok: false, code: 'counter-taken' });
    expect(h.run({ type: 'open', counterId: 'c3', clerkId: 'k1' })).toMatchObject({
      ok: false,
      code: 'clerk-at-another-counter',
    });
    expect(h.run({ type: 'open', counterId: 'c1', clerkId: 'k1' })).toEqual({ ok: true, events: [], ticketId: null });
    h.ok({ type: 'close', counterId: 'c1', clerkId: 'k1' });
    h.ok({ type: 'open', counterId: 'c3', clerkId: 'k1' });
    h.ok({ type: 'open', counterId: 'c1', clerkId: 'k3' });
  });

  it('[C4] a clerk limited to some counters opens only those', () => {
    const h = new Harness(
      testConfig((c) => {
        const k3 = c.clerks.find((k) => k.id === 'k3');
        if (k3) k3.counters = ['c2'];
      }),
    );
    expect(h.run({ type: 'open', counterId: 'c1', clerkId: 'k3' })).toMatchObject({
      ok: false,
      code: 'counter-not-allowed',
    });
    h.ok({ type: 'open', counterId: 'c2', clerkId: 'k3' });
    h.ok({ type: 'open', counterId: 'c1', clerkId: 'k1' }); // k1 has no list: any counter
    expect(() =>
      testConfig((c) => {
        const k1 = c.clerks.find((k) => k.id === 'k1');
        if (k1) k1.counters = ['c9'];
      }),
    ).toThrow(/clerk \\"k1\\" may staff unknown counter \\"c9\\"/);
  });

  it('[C3] pause and close need no open ticket; a paused counter calls nothing until resumed', () => {
    const h = withCounters();
    const c = { counterId: 'c1', clerkId: 'k1' };
    h.issue('s1');
    h.next('c1', 'k1');
    expect(h.run({ type: 'pause', ...c, reason: 'استراحت' })).toMatchObject({ ok: false, code: 'current-ticket-open' });
    expect(h.run({ type: 'close', ...c })).toMatchObject({ ok: false, code: 'current-ticket-open' });
    h.ok({ type: 'noShow', ...c });
    h.issue('s1');
    expect(h.run({ type: 'resume', ...c })).toMatchObject({ ok: false, code: 'counter-not-paused' });
    h.ok({ type: 'pause', ...c, reason: 'استراحت' });
    expect(h.state.counters.get('c1')).toMatchObject({ status: 'paused', pauseReason: 'استراحت' });
    expect(h.run({ type: 'callNext', ...c })).toMatchObject({ ok: false, code: 'counter-paused' });
    expect(h.run({ type: 'pause', ...c, reason: 'x' })).toMatchObject({ ok: false, code: 'counter-paused' });
    h.ok({ type: 'resume', ...c });
    expect(h.next('c1', 'k1')).not.toBeNull();
  });
});

describe('documents at intake', () => {
  it('[T8] what is not ticked from the sub-service’s list is recorded as missing; unknown ids are refused', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    const t = h.issue('s1'); // requires id-card
    h.next('c1', 'k1');
    const c = { counterId: 'c1', clerkId: 'k1' };
    expect(h.run({ type: 'checkDocuments', ...c, brought: [] })).toMatchObject({
      ok: true,
      events: [{ type: 'DocumentsChecked', brought: [], missing: ['id-card'] }],
    });
    expect(h.state.tickets.get(t.id)?.missingDocuments).toEqual(['id-card']);
    expect(h.run({ type: 'checkDocuments', ...c, brought: ['passport'] })).toMatchObject({
      ok: false,
      code: 'unknown-document',
    });
    h.ok({ type: 'checkDocuments', ...c, brought: ['id-card'] });
    expect(h.state.tickets.get(t.id)?.missingDocuments).toEqual([]);
  });

  it('[T10] a ticket is reprinted only while in play: waiting, called, serving or parked', () => {
    const h = withCounters();
    const t = h.issue('s1');
    const status = () => h.state.tickets.get(t.id) ?? expect.fail('no ticket');
    expect(mayReprint(status())).toBe(true); // waiting
    h.next('c1', 'k1');
    expect(mayReprint(status())).toBe(true); // called
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    expect(mayReprint(status())).toBe(true); // serving
    h.ok({ type: 'finish', counterId: 'c1', clerkId: 'k1' });
    expect(mayReprint(status())).toBe(false); // finished
    const parked = h.issue('s1');
    h.next('c1', 'k1');
    h.ok({ type: 'park', counterId: 'c1', clerkId: 'k1' });
    expect(mayReprint(h.state.tickets.get(parked.id) ?? expect.fail('no ticket'))).toBe(true);
    const cancelled = h.issue('s1');
    h.ok({ type: 'cancel', ticketId: cancelled.id, reason: 'x', by: SUPERVISOR });
    expect(mayReprint(h.state.tickets.get(cancelled.id) ?? expect.fail('no ticket'))).toBe(false);
    expect(mayReprint({ status: 'no-show' })).toBe(false);
  });
});
