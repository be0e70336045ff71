// Checks of a branch-day log against what workers acknowledged. Each returns the problems it found
// (empty when sound), so a failing test prints what exactly is wrong, not just "expected false".
import type { StoredEvent } from '@nobat/server';
import type { Ack } from './worker-lines.ts';

/** Seq runs 1, 2, …, n with no gap and no repeat. */
export function seqProblems(log: readonly StoredEvent[]): string[] {
  const problems: string[] = [];
  log.forEach((stored, i) => {
    if (stored.seq !== i + 1) problems.push(`position ${i} holds seq ${stored.seq}, expected ${i + 1}`);
  });
  return problems.slice(0, 20);
}

const ackEventType = {
  issued: 'TicketIssued',
  called: 'TicketCalled',
  started: 'ServiceStarted',
  finished: 'ServiceFinished',
};

/** Every acknowledged fact is in the log at the seq it was acknowledged with, as acknowledged. */
export function missingAcks(log: readonly StoredEvent[], acks: readonly Ack[]): string[] {
  const problems: string[] = [];
  for (const ack of acks) {
    const stored = log[ack.seq - 1];
    const event = stored?.event;
    const found =
      stored?.seq === ack.seq &&
      event?.type === ackEventType[ack.kind] &&
      'ticketId' in event &&
      event.ticketId === ack.ticketId &&
      (ack.kind === 'issued'
        ? event.type === 'TicketIssued' && event.number === ack.number && event.serviceId === ack.serviceId
        : 'counterId' in event && event.counterId === ack.counterId);
    if (!found) problems.push(`acknowledged ${JSON.stringify(ack)} but the log has ${JSON.stringify(stored ?? null)}`);
  }
  return problems.slice(0, 20);
}

export type IssuedEvent = Extract<StoredEvent['event'], { type: 'TicketIssued' }>;

export function issuedEvents(log: readonly StoredEvent[]): IssuedEvent[] {
  return log.flatMap(({ event }) => (event.type === 'TicketIssued' ? [event] : []));
}

/** Printed numbers that appear on more than one TicketIssued. */
export function repeatedNumbers(log: readonly StoredEvent[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const e of issuedEvents(log)) {
    if (seen.has(e.number)) repeated.push(e.number);
    seen.add(e.number);
  }
  return repeated;
}

/** Number values issued per sub-service, in log order. */
export function valuesByService(log: readonly StoredEvent[]): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const e of issuedEvents(log)) {
    const list = by.get(e.serviceId) ?? [];
    list.push(e.value);
    by.set(e.serviceId, list);
  }
  return by;
}

/** `values` are exactly from, from+1, …, in this order (nothing skipped, nothing repeated, no wrap). */
export function runProblems(serviceId: string, values: readonly number[], from: number): string[] {
  const problems: string[] = [];
  values.forEach((v, i) => {
    if (v !== from + i) problems.push(`${serviceId}: value #${i} is ${v}, expected ${from + i}`);
  });
  return problems.slice(0, 20);
}
