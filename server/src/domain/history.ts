// Reports computed from the event log alone (rules H1–H2): never from counters kept on the side.
import type { BranchConfig, DurationUnit } from '@nobat/protocol';
import type { DomainEvent } from './events.ts';

export type Outcome = 'finished' | 'no-show' | 'cancelled' | 'transferred' | 'open';

/** One visit of a ticket to a counter: from its call to what ended it there. */
export interface Visit {
  ticketId: string;
  number: string;
  serviceId: string;
  counterId: string;
  clerkId: string;
  /** When the ticket entered the queue it was called from (issue, or its transfer). */
  queuedAt: number;
  calledAt: number;
  startedAt?: number;
  endedAt?: number;
  outcome: Outcome;
  recalls: number;
  /** Call minus entry into that queue. */
  waitMs: number;
  /** Start to end, when served. */
  serveMs?: number;
}

/** [H1] Every counter visit of the day, with its waiting and serving times, from the log. */
export function visits(events: Iterable<DomainEvent>): Visit[] {
  const tickets = new Map<string, { number: string; serviceId: string; queuedAt: number }>();
  const open = new Map<string, Visit>();
  /** Tickets parked, and when: their visit ended there, whatever closes it later. */
  const parkedAt = new Map<string, number>();
  const out: Visit[] = [];
  const close = (ticketId: string, when: number, outcome: Outcome) => {
    const v = open.get(ticketId);
    if (!v) return;
    const at = parkedAt.get(ticketId) ?? when;
    parkedAt.delete(ticketId);
    v.endedAt = at;
    v.outcome = outcome;
    if (v.startedAt !== undefined && outcome !== 'no-show') v.serveMs = at - v.startedAt;
    open.delete(ticketId);
  };
  for (const e of events) {
    switch (e.type) {
      case 'TicketIssued':
        tickets.set(e.ticketId, { number: e.number, serviceId: e.serviceId, queuedAt: e.at });
        break;
      case 'TicketCalled': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        // Called straight from a park: the parked visit is handed on to this one, whose wait runs
        // from the park (the ticket left the counter then).
        const parked = parkedAt.get(e.ticketId);
        if (parked !== undefined) {
          close(e.ticketId, parked, 'transferred');
          t.queuedAt = parked;
        }
        const v: Visit = {
          ticketId: e.ticketId,
          number: t.number,
          serviceId: t.serviceId,
          counterId: e.counterId,
          clerkId: e.clerkId,
          queuedAt: t.queuedAt,
          calledAt: e.at,
          outcome: 'open',
          recalls: 0,
          waitMs: e.at - t.queuedAt,
        };
        open.set(e.ticketId, v);
        out.push(v);
        break;
      }
      case 'TicketRecalled': {
        const v = open.get(e.ticketId);
        if (v) v.recalls = e.recall;
        break;
      }
      case 'ServiceStarted': {
        const v = open.get(e.ticketId);
        if (v) v.startedAt = e.at;
        break;
      }
      case 'ServiceFinished':
        close(e.ticketId, e.at, 'finished');
        break;
      case 'MarkedNoShow':
        close(e.ticketId, e.at, 'no-show');
        break;
      case 'TicketCancelled':
        close(e.ticketId, e.at, 'cancelled');
        break;
      case 'Parked':
        // A parked ticket's visit ends at the park, but stays open until what follows names its
        // outcome: called again or unparked (handed on, 'transferred'), or cancelled.
        if (open.has(e.ticketId)) parkedAt.set(e.ticketId, e.at);
        break;
      case 'Transferred': {
        close(e.ticketId, e.at, 'transferred');
        const t = tickets.get(e.ticketId);
        // Waiting in the new queue is measured from the transfer, though its place is kept.
        if (t) tickets.set(e.ticketId, { ...t, serviceId: e.toServiceId, queuedAt: e.at });
        break;
      }
      case 'TicketMoved': {
        const t = tickets.get(e.ticketId);
        if (t) tickets.set(e.ticketId, { ...t, serviceId: e.toServiceId });
        break;
      }
      case 'Unparked': {
        close(e.ticketId, e.at, 'transferred');
        const t = tickets.get(e.ticketId);
        if (t) tickets.set(e.ticketId, { ...t, queuedAt: e.at });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

const UNIT_MS: Record<DurationUnit, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};

/** One row of the clerk's daily log (جدول ۲). */
export interface ClerkLogRow {
  /** Receipt number: the ticket's number. */
  receiptNumber: string;
  ticketId: string;
  serviceId: string;
  /** Date the request was received: when service started. */
  receivedAt: number;
  /** Promised response date: received plus the sub-service's published average duration. */
  promisedAt: number;
  /** Handed to the first workflow stage: done at the desk, so when service ended. */
  handedAt: number | null;
  /** Response back from the last stage. Not known to the queue; filled by the workflow later. */
  respondedAt: number | null;
  /** Delivered to the visitor: when service ended at the desk. */
  deliveredAt: number | null;
  /** [RD6] The tracking code of the request made from the visit (set by withRequestDates). */
  requestCode?: string | null;
  outcome: Outcome;
  serveMs: number | null;
}

/** [H2] A clerk's daily log (جدول ۲) from the day's events: every ticket they started, in order. */
export function clerkDailyLog(config: BranchConfig, events: Iterable<DomainEvent>, clerkId: string): ClerkLogRow[] {
  return logRows(
    config,
    visits(events).filter((v) => v.clerkId === clerkId),
  );
}

/** [H2] A clerk's day from one fold of the log: their tally (served, no-shows, serving time) and جدول ۲. */
export function clerkDay(config: BranchConfig, events: Iterable<DomainEvent>, clerkId: string) {
  const mine = visits(events).filter((v) => v.clerkId === clerkId);
  const served = mine.filter((v) => v.outcome === 'finished');
  const serveMs = served.flatMap((v) => (v.serveMs === undefined ? [] : [v.serveMs]));
  return {
    served: served.length,
    noShows: mine.filter((v) => v.outcome === 'no-show').length,
    averageServeMs: serveMs.length ? serveMs.reduce((a, b) => a + b, 0) / serveMs.length : null,
    log: logRows(config, mine),
  };
}

function logRows(config: BranchConfig, mine: readonly Visit[]): ClerkLogRow[] {
  const services = new Map(config.services.map((s) => [s.id, s]));
  const rows: ClerkLogRow[] = [];
  for (const v of mine) {
    if (v.startedAt === undefined) continue;
    const d = services.get(v.serviceId)?.info.averageDuration;
    const promise = d ? d.value * UNIT_MS[d.unit] : 0;
    const ended = v.outcome === 'finished' || v.outcome === 'transferred' ? (v.endedAt ?? null) : null;
    rows.push({
      receiptNumber: v.number,
      ticketId: v.ticketId,
      serviceId: v.serviceId,
      receivedAt: v.startedAt,
      promisedAt: v.startedAt + promise,
      handedAt: ended,
      respondedAt: null,
      deliveredAt: v.outcome === 'finished' ? (v.endedAt ?? null) : null,
      outcome: v.outcome,
      serveMs: v.serveMs ?? null,
    });
  }
  return rows;
}
