// What the system-test workers print, one JSON object a line. An acknowledgement is printed only after
// QueueService.execute resolved ok, i.e. after the store's append resolved (durable by [S3]).
import type { CommandResult } from '@nobat/server';

interface AckBase {
  worker: string;
  /** The seq the fact was appended at. */
  seq: number;
  /** The branch, when a worker serves several (the Cluster run). */
  branchId?: string;
  ticketId: string;
}
export type IssuedAck = AckBase & { kind: 'issued'; number: string; value: number; serviceId: string };
export type CounterAck = AckBase & { kind: 'called' | 'started' | 'finished'; counterId: string };
export type Ack = IssuedAck | CounterAck;

/** The acknowledgements of one kind, typed as such. */
export function acksOfKind(acks: readonly Ack[], kind: 'issued'): IssuedAck[];
export function acksOfKind(acks: readonly Ack[], kind: CounterAck['kind']): CounterAck[];
export function acksOfKind(acks: readonly Ack[], kind: Ack['kind']): Ack[] {
  return acks.filter((a) => a.kind === kind);
}

export interface WorkerStats {
  /** appendEvents calls, and how many of them lost the compare-and-append race ([S2]). */
  appends: number;
  conflicts: number;
  /** Refused commands by code (e.g. busy). */
  refusals: Record<string, number>;
}

export type WorkerLine =
  | Ack
  | { kind: 'ready'; worker: string }
  | { kind: 'kiosks-done'; worker: string }
  | { kind: 'refused'; worker: string; command: string; code: string }
  /** [S6] A command answered store-unavailable (its outcome unknown); the worker sends it again with its requestId. */
  | { kind: 'unavailable'; worker: string; branchId: string; command: string }
  | { kind: 'done'; worker: string; stats: WorkerStats }
  | { kind: 'error'; worker: string; message: string }
  /** The archive worker: a branch-day written to the history (and dropped from the live store or not). */
  | { kind: 'archived'; worker: string; branchId: string; day: string; dropped: boolean }
  | { kind: 'archive-done'; worker: string; archived: number; dropped: number; failed: number }
  /** The SMS kill test's worker: a ticket issued, or a message handed to its (blocking) gateway. */
  | { kind: 'sms-issued'; worker: string; ticketId: string; followed: boolean }
  | { kind: 'sms-sending'; worker: string; key: string }
  /** The requests workers: a request made (its code), or a move acknowledged (the request's version after it). */
  | { kind: 'request-made'; worker: string; id: string; code: string }
  | { kind: 'request-moved'; worker: string; id: string; seq: number; type: string };

export const isAck = (line: WorkerLine): line is Ack =>
  line.kind === 'issued' || line.kind === 'called' || line.kind === 'started' || line.kind === 'finished';

/** The acknowledgements a successful command result gives: one per event of interest it appended. */
export function acksOf(worker: string, result: CommandResult): Ack[] {
  if (!result.ok) return [];
  const acks: Ack[] = [];
  for (const { seq, event } of result.events) {
    switch (event.type) {
      case 'TicketIssued':
        acks.push({
          kind: 'issued',
          worker,
          seq,
          ticketId: event.ticketId,
          number: event.number,
          value: event.value,
          serviceId: event.serviceId,
        });
        break;
      case 'TicketCalled':
        acks.push({ kind: 'called', worker, seq, ticketId: event.ticketId, counterId: event.counterId });
        break;
      case 'ServiceStarted':
        acks.push({ kind: 'started', worker, seq, ticketId: event.ticketId, counterId: event.counterId });
        break;
      case 'ServiceFinished':
        acks.push({ kind: 'finished', worker, seq, ticketId: event.ticketId, counterId: event.counterId });
        break;
      default:
        break;
    }
  }
  return acks;
}
