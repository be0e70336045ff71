// A branch's day is a log of these events. Each is stamped with its time (`at`, epoch ms) and, when a
// counter acted, with the counter and the clerk, so every report is computed from the log alone.
import type { ParkReason } from '@nobat/protocol';

/** Who issued a ticket: a kiosk (device id), the web, or a counter on a visitor's behalf. */
export type IssueSource =
  | { kind: 'kiosk'; kioskId: string }
  | { kind: 'web' }
  | { kind: 'counter'; counterId: string; clerkId: string };

interface AtCounter {
  at: number;
  ticketId: string;
  counterId: string;
  clerkId: string;
  /** [T1] The request that caused it (call-next, a keypad press), so a retry is answered, not redone. */
  requestId?: string;
}

export type DomainEvent =
  | {
      type: 'TicketIssued';
      at: number;
      ticketId: string;
      /** The printed number, e.g. "1042" or "A007". */
      number: string;
      /** The number's value inside the sub-service's range. */
      value: number;
      serviceId: string;
      priorityId: string;
      appointmentAt?: number;
      requestId?: string;
      source: IssueSource;
      /** Personal data for SMS and receipts; never sent to displays, kiosks or tracking pages. */
      contact?: { mobile?: string; nationalId?: string };
    }
  | (AtCounter & { type: 'TicketCalled'; how: 'next' | 'specific' })
  | (AtCounter & { type: 'TicketRecalled'; recall: number })
  | (AtCounter & { type: 'ServiceStarted' })
  | (AtCounter & { type: 'ServiceFinished' })
  | (AtCounter & { type: 'MarkedNoShow'; auto: boolean })
  | (AtCounter & { type: 'Transferred'; toServiceId: string; toCounterId?: string; note?: string })
  | (AtCounter & { type: 'Parked'; reason?: ParkReason; note?: string })
  /** [T8] The documents the visitor brought, checked at intake against the sub-service's list. */
  | (AtCounter & { type: 'DocumentsChecked'; brought: string[]; missing: string[] })
  | (AtCounter & { type: 'Unparked' })
  | {
      type: 'TicketCancelled';
      at: number;
      ticketId: string;
      counterId?: string;
      clerkId?: string;
      reason: string;
    }
  | (CounterAct & { type: 'CounterOpened' })
  | (CounterAct & { type: 'CounterClosed' })
  | (CounterAct & { type: 'CounterPaused'; reason: string; requestId?: string })
  | (CounterAct & { type: 'CounterResumed'; requestId?: string })
  /** [SV1] A supervisor or admin (`by`) sent a waiting ticket to another sub-service or counter. */
  | { type: 'TicketMoved'; at: number; ticketId: string; toServiceId: string; toCounterId?: string; by: string }
  /**
   * [PH6] The visitor said "I'm late": the waiting ticket goes back `moved` places (of the `places`
   * asked) in its sub-service's arrival order, once. `queuedAt` and `order` are its new place in time.
   */
  | {
      type: 'TicketDeferred';
      at: number;
      ticketId: string;
      places: number;
      moved: number;
      queuedAt: number;
      order: number;
    }
  // [TD1–TD6] Today's changes by a supervisor or admin (`by`: their user id); they end with the day.
  | TodayEvent;

/** [TD1] A counter's sub-services and weights for today until `until` (epoch ms); [TD4] a sub-service closed. */
export type TodayEvent =
  | {
      type: 'CounterAssignedForToday';
      at: number;
      counterId: string;
      services: { serviceId: string; weight: number }[];
      until: number;
      by: string;
    }
  | { type: 'CounterAssignmentCleared'; at: number; counterId: string; by: string }
  | { type: 'ServiceClosedForDay'; at: number; serviceId: string; by: string }
  | { type: 'ServiceReopened'; at: number; serviceId: string; by: string };

/** A counter opened, paused, resumed or closed: by its clerk, or by a supervisor or admin (`by`, SV2). */
interface CounterAct {
  at: number;
  counterId: string;
  clerkId: string;
  /** [SV2] The supervisor's or admin's user id, when they acted on the clerk's behalf. */
  by?: string;
}

/** An event as stored: its position in the branch-day log (1, 2, 3, …). */
export interface StoredEvent {
  seq: number;
  event: DomainEvent;
}
