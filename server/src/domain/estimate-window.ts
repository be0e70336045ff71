// [E6] The estimate at issue, shared within a short window. Each issue's estimate replays the queue
// (E4, O(waiting)); when tickets of one sub-service and class come in quick succession, the first
// one's replay answers the next ones: each later ticket of that chain has every earlier one ahead of
// it (same sub-service, same class, later arrival: ahead of it under every balancing mode, B2–B9), so
// it waits one more of the chain's slots per ticket that joined since, less the time gone by, and has
// one fewer ahead per ticket of its sub-service called since. Only while nothing else moved the
// replay's counters (an open, close, pause, transfer, park, no-show, cancel, move, assignment, or a
// sub-service closed resets the window), and only for queues long enough that the replay is worth
// saving. estimate.sim.test.ts measures E5's error with and without the window on days of bursts.

import type { IndexedConfig } from './decide.ts';
import { type Estimate, estimate } from './estimate.ts';
import type { StoredEvent } from './events.ts';
import type { DayState, Ticket } from './state.ts';

const MINUTE = 60_000;
/** [E6] How long a replay answers for the tickets of its chain (ms). */
export const SHARED_ESTIMATE_MS = 1_000;
/** [E6] A chain starts only from a ticket with at least this many ahead: shorter queues replay fast. */
export const SHARED_ESTIMATE_MIN_AHEAD = 10;

interface Chain {
  /** When its replay ran, and what it gave the chain's first ticket. */
  at: number;
  ahead: number;
  etaMs: number;
  /** The replay's time per place of the chain: its wait over the number ahead of it. */
  slotMs: number;
  /** Tickets of the chain issued since. */
  joined: number;
  /** Calls of the sub-service counted when the chain began. */
  callsAtStart: number;
}

/** Events that leave the replay's counters as they were: an issue, a call, a start, a finish, a recall. */
const KEEPS = new Set<StoredEvent['event']['type']>([
  'TicketIssued',
  'TicketCalled',
  'TicketRecalled',
  'ServiceStarted',
  'ServiceFinished',
  'DocumentsChecked',
]);

export class EstimateWindow {
  readonly #windowMs: number;
  readonly #minAhead: number;
  #day = '';
  readonly #chains = new Map<string, Chain>();
  /** Calls per sub-service since the window was last reset. */
  readonly #calls = new Map<string, number>();

  constructor(windowMs = SHARED_ESTIMATE_MS, minAhead = SHARED_ESTIMATE_MIN_AHEAD) {
    this.#windowMs = windowMs;
    this.#minAhead = minAhead;
  }

  /** Events just applied to `state` (this process's or another's). */
  applied(state: DayState, events: readonly StoredEvent[]): void {
    for (const { event } of events) {
      if (!KEEPS.has(event.type)) {
        this.reset();
        continue;
      }
      if (event.type === 'TicketCalled') {
        const serviceId = state.tickets.get(event.ticketId)?.serviceId;
        if (serviceId !== undefined) this.#calls.set(serviceId, (this.#calls.get(serviceId) ?? 0) + 1);
      }
    }
  }

  /** Forget every chain (a configuration change, a new day, a day read again). */
  reset(): void {
    this.#chains.clear();
    this.#calls.clear();
  }

  /** The estimate of a ticket just issued (and applied to `state`): shared within its chain, or replayed. */
  atIssue(ix: IndexedConfig, state: DayState, now: number, ticket: Ticket): Estimate {
    if (state.day !== this.#day) {
      this.reset();
      this.#day = state.day;
    }
    const plain = ticket.status === 'waiting' && ticket.appointmentAt === undefined && !ticket.targetCounterId;
    const key = plain ? `${ticket.serviceId}\u0000${ticket.priorityId}` : undefined;
    const chain = key === undefined ? undefined : this.#chains.get(key);
    if (chain && now >= chain.at && now - chain.at <= this.#windowMs) {
      chain.joined++;
      const called = (this.#calls.get(ticket.serviceId) ?? 0) - chain.callsAtStart;
      const etaMs = chain.etaMs + chain.joined * chain.slotMs - (now - chain.at);
      return {
        ahead: Math.max(0, chain.ahead + chain.joined - called),
        etaMinutes: Math.max(0, etaMs) / MINUTE,
        etaUnknown: null,
      };
    }
    const e = estimate(ix, state, now, { ticketId: ticket.id });
    if (key === undefined) return e;
    if (e.etaUnknown === null && e.ahead >= this.#minAhead) {
      const etaMs = e.etaMinutes * MINUTE;
      this.#chains.set(key, {
        at: now,
        ahead: e.ahead,
        etaMs,
        slotMs: etaMs / e.ahead,
        joined: 0,
        callsAtStart: this.#calls.get(ticket.serviceId) ?? 0,
      });
    } else this.#chains.delete(key);
    return e;
  }
}
