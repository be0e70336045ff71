// What must hold after a province's day, whatever the load: read from the stored logs themselves.
// - no number issued twice in a branch-day (the model never issues more of a sub-service in a day than
//   its range holds, so no number may come round again, N3);
// - no ticket called while it is already called or being served (two counters with one visitor);
// - every issue the server acknowledged is in the log (none lost); issues in the log that no client
//   saw acknowledged (a request that timed out after it was written) are counted, not an error.
// Pure: the caller reads the logs (store port) and passes them in.
import type { DomainEvent } from '../../../server/src/domain/events.ts';

export interface DayLog {
  branchId: string;
  day: string;
  events: readonly DomainEvent[];
}

export interface InvariantReport {
  branchDays: number;
  ticketsInLogs: number;
  acknowledged: number;
  /** "<branch>/<day> <number> ×n" */
  numbersIssuedTwice: string[];
  /** "<branch>/<day> <ticket> at <counter> while <state> at <counter>" */
  calledTwice: string[];
  /** Acknowledged ticket ids not found in their branch's logs. */
  acknowledgedMissing: string[];
  inLogNotAcknowledged: number;
  ok: boolean;
}

type Held = { state: 'waiting' | 'called' | 'serving' | 'parked' | 'done'; counterId?: string };

export function checkInvariants(
  logs: readonly DayLog[],
  acknowledged: ReadonlyMap<string, readonly string[]>,
): InvariantReport {
  const numbersIssuedTwice: string[] = [];
  const calledTwice: string[] = [];
  const inLogs = new Map<string, Set<string>>();
  let tickets = 0;
  for (const log of logs) {
    const ids = inLogs.get(log.branchId) ?? new Set<string>();
    inLogs.set(log.branchId, ids);
    const numbers = new Map<string, number>();
    const held = new Map<string, Held>();
    const where = `${log.branchId}/${log.day}`;
    for (const e of log.events) {
      switch (e.type) {
        case 'TicketIssued':
          tickets++;
          ids.add(e.ticketId);
          numbers.set(e.number, (numbers.get(e.number) ?? 0) + 1);
          held.set(e.ticketId, { state: 'waiting' });
          break;
        case 'TicketCalled': {
          const h = held.get(e.ticketId);
          if (h && (h.state === 'called' || h.state === 'serving')) {
            calledTwice.push(`${where} ${e.ticketId} at ${e.counterId} while ${h.state} at ${h.counterId ?? '?'}`);
          }
          held.set(e.ticketId, { state: 'called', counterId: e.counterId });
          break;
        }
        case 'ServiceStarted':
          held.set(e.ticketId, { state: 'serving', counterId: e.counterId });
          break;
        case 'ServiceFinished':
        case 'MarkedNoShow':
        case 'TicketCancelled':
          held.set(e.ticketId, { state: 'done' });
          break;
        case 'Transferred':
        case 'Unparked':
        case 'TicketMoved':
          held.set(e.ticketId, { state: 'waiting' });
          break;
        case 'Parked':
          held.set(e.ticketId, { state: 'parked' });
          break;
        default:
          break;
      }
    }
    for (const [number, n] of numbers) if (n > 1) numbersIssuedTwice.push(`${where} ${number} ×${n}`);
  }
  const acknowledgedMissing: string[] = [];
  let acked = 0;
  let seen = 0;
  for (const [branchId, ids] of acknowledged) {
    const logged = inLogs.get(branchId) ?? new Set<string>();
    for (const id of ids) {
      acked++;
      if (logged.has(id)) seen++;
      else acknowledgedMissing.push(id);
    }
  }
  return {
    branchDays: logs.length,
    ticketsInLogs: tickets,
    acknowledged: acked,
    numbersIssuedTwice,
    calledTwice,
    acknowledgedMissing,
    inLogNotAcknowledged: tickets - seen,
    ok: numbersIssuedTwice.length === 0 && calledTwice.length === 0 && acknowledgedMissing.length === 0,
  };
}
