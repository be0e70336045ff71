// The current state of a branch's day: the fold of its event log. `applyEvent` is the fold's step; it
// updates the state in place (a day holds thousands of tickets, and copying them per event would make
// every command O(day)); `decide` never mutates, so a refused or conflicting append needs no undo.
import type { ParkReason } from '@nobat/protocol';
import type { DomainEvent, StoredEvent } from './events.ts';
import { assignedWeights, RECENT_CALLS as BALANCING_WINDOW } from './policy.ts';

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'parked' | 'finished' | 'no-show' | 'cancelled';

export interface Ticket {
  id: string;
  number: string;
  value: number;
  serviceId: string;
  /** The sub-service it was issued for; differs from serviceId after a transfer. */
  issuedServiceId: string;
  priorityId: string;
  issuedAt: number;
  /** Its place in time: arrival order, kept through transfers and parking. */
  queuedAt: number;
  /** Issue order within the day: the last tie-breaker. */
  order: number;
  appointmentAt?: number;
  /** The kiosk that issued it, if a kiosk did (it alone may print it). */
  kioskId?: string;
  status: TicketStatus;
  /** The counter it is at (called, serving) or was last at. */
  counterId?: string;
  clerkId?: string;
  /** Only this counter may call it (set by a transfer to a counter). */
  targetCounterId?: string;
  firstCalledAt?: number;
  calledAt?: number;
  /** The last call or recall of it: when its number was last announced (K3). */
  announcedAt?: number;
  startedAt?: number;
  endedAt?: number;
  recalls: number;
  transfers: number;
  /** [T8] Required documents found missing at intake (empty when all were brought). */
  missingDocuments?: string[];
  /** The note left by the last transfer or park, for the next clerk. */
  note?: string;
  /** [T6] Why it is parked, while it is. */
  parkReason?: ParkReason;
  /** [PH6] Set once the visitor has said "I'm late" (a ticket is deferred at most once). */
  deferred?: true;
}

export type CounterStatus = 'closed' | 'open' | 'paused';

export interface CounterState {
  id: string;
  status: CounterStatus;
  clerkId?: string;
  currentTicketId?: string;
  pauseReason?: string;
  /** [SV3] When it was paused, while it is. */
  pausedAt?: number;
  /** Priority-class calls in a row (the ratio rule). */
  priorityStreak: number;
  /** [B8] The sub-services of its latest calls today (at most the policy's RECENT_CALLS), oldest first. */
  recentCalls: string[];
}

export interface DayState {
  day: string;
  /** Seq of the last applied event; 0 for an empty day. */
  version: number;
  tickets: Map<string, Ticket>;
  /** Tickets waiting to be called (status 'waiting'), for quick scans. */
  waiting: Set<string>;
  counters: Map<string, CounterState>;
  /** Tickets issued today per sub-service (the daily cap). */
  issuedPerService: Map<string, number>;
  /** The last number value used per sub-service. */
  lastValue: Map<string, number>;
  /** Printed numbers held by tickets still in play (waiting, called, serving, parked). */
  liveNumbers: Map<string, string>;
  /** [T1] Idempotency: client request id → the ticket it concerned ('' for none). */
  requests: Map<string, string>;
  /** Recent counter occupancy (call → end) per sub-service in ms, newest last. */
  durations: Map<string, number[]>;
  /** [D1] The latest call of each recently called ticket, newest last (what a hall screen lists). */
  recentCalls: RecentCall[];
  /** [TD1] counterId → its assignment for today (in force while now < until). */
  todayAssignments: Map<string, TodayAssignment>;
  /** [TD4] Sub-services closed for the rest of the day: serviceId → when and by whom. */
  closedServices: Map<string, { at: number; by: string }>;
}

/** [TD1] A counter's sub-services and weights for today, until `until` (epoch ms). */
export interface TodayAssignment {
  services: { serviceId: string; weight: number }[];
  weights: ReadonlyMap<string, number>;
  until: number;
  at: number;
  by: string;
}

/** [TD1][TD2] The weights a counter calls by at `now` if today's assignment is in force, else undefined. */
export function todayWeights(state: DayState, counterId: string, now: number): ReadonlyMap<string, number> | undefined {
  return assignedWeights(state.todayAssignments.get(counterId), now);
}

export interface RecentCall {
  ticketId: string;
  counterId: string;
  at: number;
  recall: boolean;
  /** The log version right after the call. */
  version: number;
}

const RECENT_CALLS = 20;

const DURATION_MEMORY = 200;

export function emptyDay(day: string): DayState {
  return {
    day,
    version: 0,
    tickets: new Map(),
    waiting: new Set(),
    counters: new Map(),
    issuedPerService: new Map(),
    lastValue: new Map(),
    liveNumbers: new Map(),
    requests: new Map(),
    durations: new Map(),
    recentCalls: [],
    todayAssignments: new Map(),
    closedServices: new Map(),
  };
}

export function counterState(state: DayState, counterId: string): CounterState {
  return state.counters.get(counterId) ?? { id: counterId, status: 'closed', priorityStreak: 0, recentCalls: [] };
}

function mutableCounter(state: DayState, counterId: string): CounterState {
  let c = state.counters.get(counterId);
  if (!c) {
    c = { id: counterId, status: 'closed', priorityStreak: 0, recentCalls: [] };
    state.counters.set(counterId, c);
  }
  return c;
}

function ticketOf(state: DayState, id: string): Ticket {
  const t = state.tickets.get(id);
  if (!t) throw new Error(`event names unknown ticket ${id}`);
  return t;
}

function leaveCounter(state: DayState, t: Ticket): void {
  if (!t.counterId) return;
  const c = mutableCounter(state, t.counterId);
  if (c.currentTicketId === t.id) c.currentTicketId = undefined;
}

function end(state: DayState, t: Ticket, status: TicketStatus, at: number): void {
  t.status = status;
  t.endedAt = at;
  state.waiting.delete(t.id);
  if (state.liveNumbers.get(t.number) === t.id) state.liveNumbers.delete(t.number);
  leaveCounter(state, t);
}

function requeue(state: DayState, t: Ticket): void {
  leaveCounter(state, t);
  t.status = 'waiting';
  t.parkReason = undefined;
  t.recalls = 0;
  t.calledAt = undefined;
  t.announcedAt = undefined;
  t.startedAt = undefined;
  state.waiting.add(t.id);
}

/**
 * The fold step. `priorityKindOf` says whether a priority class counts for the ratio rule; the
 * reducer takes it as a function so it need not know the configuration's shape.
 */
export function applyEvent(state: DayState, e: DomainEvent, isPriorityClass: (priorityId: string) => boolean): void {
  if ('requestId' in e && e.requestId) state.requests.set(e.requestId, 'ticketId' in e ? e.ticketId : '');
  switch (e.type) {
    case 'TicketIssued': {
      const t: Ticket = {
        id: e.ticketId,
        number: e.number,
        value: e.value,
        serviceId: e.serviceId,
        issuedServiceId: e.serviceId,
        priorityId: e.priorityId,
        issuedAt: e.at,
        queuedAt: e.at,
        order: state.tickets.size,
        appointmentAt: e.appointmentAt,
        ...(e.source.kind === 'kiosk' ? { kioskId: e.source.kioskId } : {}),
        status: 'waiting',
        recalls: 0,
        transfers: 0,
      };
      state.tickets.set(t.id, t);
      state.waiting.add(t.id);
      state.issuedPerService.set(e.serviceId, (state.issuedPerService.get(e.serviceId) ?? 0) + 1);
      state.lastValue.set(e.serviceId, e.value);
      state.liveNumbers.set(e.number, t.id);
      return;
    }
    case 'TicketCalled': {
      const t = ticketOf(state, e.ticketId);
      state.waiting.delete(t.id);
      t.status = 'called';
      t.counterId = e.counterId;
      t.clerkId = e.clerkId;
      t.targetCounterId = undefined;
      t.parkReason = undefined;
      t.calledAt = e.at;
      t.announcedAt = e.at;
      t.firstCalledAt ??= e.at;
      t.recalls = 0;
      const c = mutableCounter(state, e.counterId);
      c.currentTicketId = t.id;
      c.priorityStreak = isPriorityClass(t.priorityId) ? c.priorityStreak + 1 : 0;
      c.recentCalls.push(t.serviceId);
      if (c.recentCalls.length > BALANCING_WINDOW) c.recentCalls.shift();
      return;
    }
    case 'TicketRecalled': {
      const t = ticketOf(state, e.ticketId);
      t.recalls = e.recall;
      t.announcedAt = e.at;
      return;
    }
    case 'ServiceStarted': {
      const t = ticketOf(state, e.ticketId);
      t.status = 'serving';
      t.startedAt = e.at;
      return;
    }
    case 'ServiceFinished':
    case 'MarkedNoShow': {
      const t = ticketOf(state, e.ticketId);
      if (e.type === 'ServiceFinished' && t.calledAt !== undefined) {
        const list = state.durations.get(t.serviceId) ?? [];
        list.push(e.at - t.calledAt);
        if (list.length > DURATION_MEMORY) list.shift();
        state.durations.set(t.serviceId, list);
      }
      end(state, t, e.type === 'ServiceFinished' ? 'finished' : 'no-show', e.at);
      return;
    }
    case 'Transferred': {
      const t = ticketOf(state, e.ticketId);
      requeue(state, t);
      t.serviceId = e.toServiceId;
      t.targetCounterId = e.toCounterId;
      t.transfers += 1;
      t.note = e.note;
      return;
    }
    case 'TicketMoved': {
      // [SV1] Its place in time (queuedAt) is kept.
      const t = ticketOf(state, e.ticketId);
      t.serviceId = e.toServiceId;
      t.targetCounterId = e.toCounterId;
      return;
    }
    case 'TicketDeferred': {
      // [PH6] Its new place in time; everything else stays.
      const t = ticketOf(state, e.ticketId);
      t.queuedAt = e.queuedAt;
      t.order = e.order;
      t.deferred = true;
      return;
    }
    case 'DocumentsChecked':
      ticketOf(state, e.ticketId).missingDocuments = e.missing;
      return;
    case 'Parked': {
      const t = ticketOf(state, e.ticketId);
      leaveCounter(state, t);
      t.status = 'parked';
      t.note = e.note;
      // [T6] A park that names no reason is for documents when some were found missing, else "other".
      t.parkReason = e.reason ?? (t.missingDocuments?.length ? 'documents' : 'other');
      return;
    }
    case 'Unparked':
      requeue(state, ticketOf(state, e.ticketId));
      return;
    case 'TicketCancelled':
      end(state, ticketOf(state, e.ticketId), 'cancelled', e.at);
      return;
    case 'CounterOpened': {
      const c = mutableCounter(state, e.counterId);
      c.status = 'open';
      c.clerkId = e.clerkId;
      c.pauseReason = undefined;
      return;
    }
    case 'CounterClosed': {
      const c = mutableCounter(state, e.counterId);
      c.status = 'closed';
      c.clerkId = undefined;
      c.pauseReason = undefined;
      c.pausedAt = undefined;
      c.priorityStreak = 0;
      return;
    }
    case 'CounterPaused': {
      const c = mutableCounter(state, e.counterId);
      c.status = 'paused';
      c.pauseReason = e.reason;
      c.pausedAt = e.at;
      return;
    }
    case 'CounterResumed': {
      const c = mutableCounter(state, e.counterId);
      c.status = 'open';
      c.pauseReason = undefined;
      c.pausedAt = undefined;
      return;
    }
    case 'CounterAssignedForToday': {
      const { services, until, at, by } = e;
      const weights = new Map(services.map((x) => [x.serviceId, x.weight]));
      state.todayAssignments.set(e.counterId, { services, weights, until, at, by });
      return;
    }
    case 'CounterAssignmentCleared':
      state.todayAssignments.delete(e.counterId);
      return;
    case 'ServiceClosedForDay':
      state.closedServices.set(e.serviceId, { at: e.at, by: e.by });
      return;
    case 'ServiceReopened':
      state.closedServices.delete(e.serviceId);
      return;
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

export function applyAll(
  state: DayState,
  events: readonly StoredEvent[],
  isPriorityClass: (priorityId: string) => boolean,
): DayState {
  for (const { seq, event } of events) {
    if (seq !== state.version + 1) throw new Error(`log gap: expected seq ${state.version + 1}, got ${seq}`);
    applyEvent(state, event, isPriorityClass);
    state.version = seq;
    const call = recentCallOf(seq, event);
    if (call) addRecentCall(state.recentCalls, call);
  }
  return state;
}

/**
 * [D1] A call goes to the top of the recent calls; a recall (or a later call) of a ticket already
 * listed replaces its row rather than adding another, so a number is listed once, where it is called
 * now. Works in place on a list kept newest last.
 */
export function addRecentCall(list: RecentCall[], call: RecentCall): void {
  const old = list.findIndex((c) => c.ticketId === call.ticketId);
  if (old !== -1) list.splice(old, 1);
  list.push(call);
  if (list.length > RECENT_CALLS) list.shift();
}

const IN_PLAY = new Set<TicketStatus>(['waiting', 'called', 'serving', 'parked']);

/**
 * [T10] A ticket may be reprinted (a copy, for a visitor who lost the slip) only while it is in
 * play: waiting, called, being served or parked. A finished, no-show or cancelled one is refused.
 */
export function mayReprint(t: Pick<Ticket, 'status'>): boolean {
  return IN_PLAY.has(t.status);
}

/** A counter is in use while a clerk holds it (open or paused). */
export function counterInUse(state: DayState, counterId: string): boolean {
  return counterState(state, counterId).status !== 'closed';
}

/** A sub-service is in use while any ticket of it is in play today. */
export function serviceInUse(state: DayState, serviceId: string): boolean {
  for (const t of state.tickets.values()) if (t.serviceId === serviceId && IN_PLAY.has(t.status)) return true;
  return false;
}

/** The waiting tickets of the day. */
export function* waitingTickets(state: DayState): Iterable<Ticket> {
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t) yield t;
  }
}

/** [C2] The counter a clerk holds (open or paused) now, if any: at most one. */
export function heldCounter(state: DayState, clerkId: string): string | undefined {
  for (const [id, c] of state.counters) if (c.status !== 'closed' && c.clerkId === clerkId) return id;
  return undefined;
}

/** The call a logged event makes, if it is a call or a recall. */
export function recentCallOf(seq: number, event: DomainEvent): RecentCall | undefined {
  if (event.type !== 'TicketCalled' && event.type !== 'TicketRecalled') return undefined;
  return {
    ticketId: event.ticketId,
    counterId: event.counterId,
    at: event.at,
    recall: event.type === 'TicketRecalled',
    version: seq,
  };
}
