import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../server/src/domain/events.ts';
import { checkInvariants } from './invariants.ts';

const issued = (ticketId: string, number: string): DomainEvent => ({
  type: 'TicketIssued',
  at: 1,
  ticketId,
  number,
  value: Number(number),
  serviceId: 's',
  priorityId: 'normal',
  source: { kind: 'web' },
});
const at = (
  type: 'TicketCalled' | 'ServiceStarted' | 'ServiceFinished' | 'Transferred',
  ticketId: string,
  counterId: string,
) =>
  (type === 'TicketCalled'
    ? { type, at: 2, ticketId, counterId, clerkId: 'k', how: 'next' }
    : type === 'Transferred'
      ? { type, at: 2, ticketId, counterId, clerkId: 'k', toServiceId: 't' }
      : { type, at: 2, ticketId, counterId, clerkId: 'k' }) as DomainEvent;

describe('the province day’s invariants', () => {
  it('hold for a day where each ticket is called once at a time and every acknowledged issue is logged', () => {
    const events = [
      issued('a', '1001'),
      issued('b', '1002'),
      at('TicketCalled', 'a', 'c1'),
      at('ServiceStarted', 'a', 'c1'),
      at('Transferred', 'a', 'c1'),
      at('TicketCalled', 'a', 'c2'), // called again after the transfer put it back: fine
      at('TicketCalled', 'b', 'c1'),
    ];
    const r = checkInvariants([{ branchId: 'x', day: 'd', events }], new Map([['x', ['a', 'b']]]));
    expect(r).toMatchObject({ ok: true, ticketsInLogs: 2, acknowledged: 2, inLogNotAcknowledged: 0 });
  });

  it('find a number issued twice, a ticket called at two counters, and an acknowledged issue lost', () => {
    const events = [
      issued('a', '1001'),
      issued('b', '1001'),
      at('TicketCalled', 'a', 'c1'),
      at('TicketCalled', 'a', 'c2'),
    ];
    const r = checkInvariants([{ branchId: 'x', day: 'd', events }], new Map([['x', ['a', 'b', 'lost']]]));
    expect(r.ok).toBe(false);
    expect(r.numbersIssuedTwice).toEqual(['x/d 1001 ×2']);
    expect(r.calledTwice).toEqual(['x/d a at c2 while called at c1']);
    expect(r.acknowledgedMissing).toEqual(['lost']);
  });
});
