// Commands decided against the current day: new events, or a named refusal. Pure: time and new ids
// come in with the command; nothing here reads a clock, a store or the network.
import {
  type BranchConfig,
  type Counter,
  formatTicketNumber,
  type KeypadOutcome,
  type ParkReason,
  type PriorityClass,
  Refusal,
  type RefusalCode,
  type SubService,
} from '@nobat/protocol';
import type { DomainEvent, IssueSource } from './events.ts';
import { type KeypadPressCommand, keypadMeaning } from './keypad.ts';
import { isOpen } from './local-time.ts';
import { type CounterView, counterView, type PolicyContext, pickNext, policyContext } from './policy.ts';
import { counterState, type DayState, heldCounter, type Ticket, todayWeights, waitingTickets } from './state.ts';
import { decideToday, isTodayCommand, type TodayCommand } from './today.ts';

export type Command =
  | {
      type: 'issue';
      /** Chosen by the caller (unguessable: it is the tracking id). */
      ticketId: string;
      serviceId: string;
      priorityId?: string;
      appointmentAt?: number;
      /** The same requestId twice issues one ticket (a double tap, a retried request). */
      requestId?: string;
      source: IssueSource;
      contact?: { mobile?: string; nationalId?: string };
    }
  // [SV2] `by`: the supervisor or admin acting on the clerk's behalf.
  | { type: 'open'; counterId: string; clerkId: string; by?: string }
  | { type: 'close'; counterId: string; clerkId: string; by?: string }
  // [T1] A requestId (the counter app's call-next, a keypad press) makes the command idempotent.
  | { type: 'pause'; counterId: string; clerkId: string; reason: string; requestId?: string; by?: string }
  | { type: 'resume'; counterId: string; clerkId: string; requestId?: string; by?: string }
  | { type: 'callNext'; counterId: string; clerkId: string; requestId?: string }
  | { type: 'callTicket'; counterId: string; clerkId: string; ticketId: string }
  | { type: 'recall'; counterId: string; clerkId: string; requestId?: string }
  | { type: 'start'; counterId: string; clerkId: string; requestId?: string }
  | { type: 'finish'; counterId: string; clerkId: string; requestId?: string }
  | { type: 'noShow'; counterId: string; clerkId: string; requestId?: string }
  | KeypadPressCommand
  | {
      type: 'transfer';
      counterId: string;
      clerkId: string;
      toServiceId?: string;
      toCounterId?: string;
      note?: string;
    }
  | { type: 'park'; counterId: string; clerkId: string; reason?: ParkReason; note?: string }
  | { type: 'checkDocuments'; counterId: string; clerkId: string; brought: string[] }
  | { type: 'unpark'; counterId: string; clerkId: string; ticketId: string }
  | { type: 'cancel'; ticketId: string; reason: string; by: CancelledBy }
  /** [SV1] A supervisor or admin (`by`, a user id) moves a waiting ticket. */
  | { type: 'move'; ticketId: string; toServiceId?: string; toCounterId?: string; by: string }
  /** [PH6] The visitor is late: move the waiting ticket back `places` places, once. */
  | { type: 'defer'; ticketId: string; places: number }
  | TodayCommand;

/** [T9] Who cancels: a clerk (only what their counter could call), or a supervisor or admin of the branch. */
export type CancelledBy = { role: 'clerk'; clerkId: string } | { role: 'supervisor' | 'admin'; userId: string };

export type Decision =
  | {
      ok: true;
      events: DomainEvent[];
      ticketId: string | null;
      /** For a keypad press: what it did (K1–K6). */
      keypad?: KeypadOutcome;
    }
  | { ok: false; code: RefusalCode; detail?: string };

/** The configuration indexed for quick look-ups; build once per configuration version. */
export interface IndexedConfig {
  config: BranchConfig;
  services: ReadonlyMap<string, SubService>;
  counters: ReadonlyMap<string, Counter>;
  priorities: ReadonlyMap<string, PriorityClass>;
  clerks: ReadonlySet<string>;
  /** [C4] The counters each clerk may staff, for clerks limited to some. */
  clerkCounters: ReadonlyMap<string, ReadonlySet<string>>;
  normalPriorityId: string;
  policy: PolicyContext;
  isPriorityClass: (priorityId: string) => boolean;
}

export function indexConfig(config: BranchConfig): IndexedConfig {
  const priorities = new Map(config.priorities.map((p) => [p.id, p]));
  const normal = config.priorities.find((p) => p.kind === 'normal');
  if (!normal) throw new Error('configuration has no normal priority class');
  return {
    config,
    services: new Map(config.services.map((s) => [s.id, s])),
    counters: new Map(config.counters.map((c) => [c.id, c])),
    priorities,
    clerks: new Set(config.clerks.filter((c) => c.active).map((c) => c.id)),
    clerkCounters: new Map(config.clerks.flatMap((c) => (c.counters ? [[c.id, new Set(c.counters)] as const] : []))),
    normalPriorityId: normal.id,
    policy: policyContext(config),
    isPriorityClass: (id) => priorities.get(id)?.kind === 'priority',
  };
}

const refuse = (code: RefusalCode, detail?: string): Decision => ({ ok: false, code, detail });
const accept = (ticketId: string | null, ...events: DomainEvent[]): Decision => ({ ok: true, events, ticketId });

/**
 * [N4][N5] Why a sub-service issues no ticket now — inactive, the branch closed by its hours, or
 * its daily cap reached — or null when it does. Kiosks show the same answer before anyone asks.
 */
export function issueBlocked(
  ix: IndexedConfig,
  state: DayState,
  service: SubService,
  now: number,
):
  | typeof Refusal.serviceInactive
  | typeof Refusal.branchClosed
  | typeof Refusal.capacityReached
  | typeof Refusal.serviceClosedToday
  | null {
  if (!service.active) return Refusal.serviceInactive;
  if (state.closedServices.has(service.id)) return Refusal.serviceClosedToday; // [TD4]
  const { branch } = ix.config;
  if (!isOpen(branch.openingHours, now, branch.timeZone, branch.holidays)) return Refusal.branchClosed;
  if (service.dailyCap !== null && (state.issuedPerService.get(service.id) ?? 0) >= service.dailyCap) {
    return Refusal.capacityReached;
  }
  return null;
}

/** [N3] The next free number of a sub-service: after the last one, wrapping past the range's end and
 * skipping numbers still held by a ticket in play. */
export function nextNumber(service: SubService, state: DayState): { value: number; number: string } | undefined {
  const { from, to } = service.numbering;
  const size = to - from + 1;
  const last = state.lastValue.get(service.id);
  let value = last === undefined ? from : last + 1;
  for (let i = 0; i < size; i++, value++) {
    if (value > to) value = from;
    const number = formatTicketNumber(service.numbering, value);
    if (!state.liveNumbers.has(number)) return { value, number };
  }
  return undefined;
}

function decideIssue(ix: IndexedConfig, state: DayState, cmd: Extract<Command, { type: 'issue' }>, now: number) {
  if (cmd.requestId) {
    const earlier = state.requests.get(cmd.requestId);
    if (earlier) return accept(earlier); // [T1] idempotent
  }
  const service = ix.services.get(cmd.serviceId);
  if (!service) return refuse(Refusal.unknownService);
  const priorityId = cmd.priorityId ?? ix.normalPriorityId;
  const priority = ix.priorities.get(priorityId);
  if (!priority) return refuse(Refusal.unknownPriority);
  if (priority.kind === 'appointment' && cmd.appointmentAt === undefined) {
    return refuse(Refusal.appointmentTimeRequired);
  }
  const blocked = issueBlocked(ix, state, service, now);
  if (blocked) return refuse(blocked);
  if (state.tickets.has(cmd.ticketId)) throw new Error('ticket id reused'); // caller's bug, not input
  const n = nextNumber(service, state);
  if (!n) return refuse(Refusal.rangeExhausted);
  return accept(cmd.ticketId, {
    type: 'TicketIssued',
    at: now,
    ticketId: cmd.ticketId,
    number: n.number,
    value: n.value,
    serviceId: service.id,
    priorityId,
    ...(priority.kind === 'appointment' ? { appointmentAt: cmd.appointmentAt } : {}),
    ...(cmd.requestId ? { requestId: cmd.requestId } : {}),
    source: cmd.source,
    ...(cmd.contact && (cmd.contact.mobile || cmd.contact.nationalId) ? { contact: cmd.contact } : {}),
  });
}

/** [C1] Counter commands come from the clerk who holds the counter. */
function atCounter(ix: IndexedConfig, state: DayState, counterId: string, clerkId: string) {
  if (!ix.counters.has(counterId)) return { refusal: refuse(Refusal.unknownCounter) };
  const c = counterState(state, counterId);
  if (c.status === 'closed') return { refusal: refuse(Refusal.counterClosed) };
  if (c.clerkId !== clerkId) return { refusal: refuse(Refusal.notCounterClerk) };
  return { counter: c };
}

function currentTicket(state: DayState, ticketId: string | undefined): Ticket | undefined {
  return ticketId ? state.tickets.get(ticketId) : undefined;
}

/** [K1–K6] A keypad press: its meaning, then that command, with what it did. */
function decideKeypad(ix: IndexedConfig, state: DayState, press: KeypadPressCommand, now: number): Decision {
  const m = keypadMeaning(ix.config.branch.settings, ix.counters.has(press.counterId), state, press, now);
  if (m.kind === 'refuse') return refuse(m.code);
  if (m.kind === 'repeated') return { ok: true, events: [], ticketId: m.ticketId, keypad: 'repeated' };
  if (m.kind === 'ignored') return { ok: true, events: [], ticketId: m.ticketId, keypad: 'ignored' };
  const d = decide(ix, state, m.command, now);
  if (!d.ok) return d;
  const outcome: Record<typeof m.command.type, KeypadOutcome> = {
    callNext: d.ticketId ? 'called' : 'nobody-waiting',
    start: 'started',
    finish: 'finished',
    recall: d.events.some((e) => e.type === 'MarkedNoShow') ? 'no-show' : 'recalled',
    noShow: 'no-show',
    pause: 'paused',
    resume: 'resumed',
  };
  return { ...d, keypad: outcome[m.command.type] };
}

export function decide(ix: IndexedConfig, state: DayState, cmd: Command, now: number): Decision {
  if (cmd.type === 'issue') return decideIssue(ix, state, cmd, now);
  if (cmd.type === 'keypad') return decideKeypad(ix, state, cmd, now);
  if (isTodayCommand(cmd)) return decideToday(ix, state, cmd, now);
  if (cmd.type === 'cancel') {
    const t = state.tickets.get(cmd.ticketId);
    if (!t) return refuse(Refusal.ticketNotFound);
    if (t.status !== 'waiting' && t.status !== 'parked') return refuse(Refusal.ticketNotCancellable);
    const by = cmd.by;
    let stamp: { counterId?: string; clerkId: string };
    if (by.role === 'clerk') {
      const counterId = cancellingCounter(ix, state, t, by.clerkId);
      if (!counterId) return refuse(Refusal.cancelNotAllowed);
      stamp = { counterId, clerkId: by.clerkId };
    } else {
      stamp = { clerkId: by.userId };
    }
    return accept(t.id, { type: 'TicketCancelled', at: now, ticketId: t.id, reason: cmd.reason, ...stamp });
  }

  if (cmd.type === 'move') return decideMove(ix, state, cmd, now);
  if (cmd.type === 'defer') return decideDefer(state, cmd, now);

  const { counterId, clerkId } = cmd;
  const by = 'by' in cmd && cmd.by ? { by: cmd.by } : {}; // [SV2]
  if (cmd.type === 'open') {
    if (!ix.counters.has(counterId)) return refuse(Refusal.unknownCounter);
    if (!ix.clerks.has(clerkId)) return refuse(Refusal.unknownClerk);
    if (!mayStaff(ix, clerkId, counterId)) return refuse(Refusal.counterNotAllowed); // [C4]
    const c = counterState(state, counterId);
    if (c.status !== 'closed') {
      if (c.clerkId === clerkId) return accept(null); // already theirs: opening again changes nothing
      return refuse(Refusal.counterTaken); // [C2]
    }
    if (heldCounter(state, clerkId) !== undefined) return refuse(Refusal.clerkAtAnotherCounter);
    return accept(null, { type: 'CounterOpened', at: now, counterId, clerkId, ...by });
  }

  const held = atCounter(ix, state, counterId, clerkId);
  if (held.refusal) return held.refusal;
  const counter = held.counter;
  const current = currentTicket(state, counter.currentTicketId);
  const requestId = 'requestId' in cmd ? cmd.requestId : undefined;
  if (requestId) {
    // [T1] Done already (a double click, a retried press): the same answer, nothing new.
    const earlier = state.requests.get(requestId);
    if (earlier !== undefined) return accept(earlier || null);
  }
  // Every event of a command with a requestId carries it, so the log remembers what it did.
  const stamp = { at: now, counterId, clerkId, ...(requestId ? { requestId } : {}) };

  switch (cmd.type) {
    case 'close':
      if (current) return refuse(Refusal.currentTicketOpen);
      return accept(null, { type: 'CounterClosed', ...stamp, ...by });
    case 'pause':
      if (counter.status === 'paused') return refuse(Refusal.counterPaused);
      if (current) return refuse(Refusal.currentTicketOpen);
      return accept(null, { type: 'CounterPaused', ...stamp, ...by, reason: cmd.reason });
    case 'resume':
      if (counter.status !== 'paused') return refuse(Refusal.counterNotPaused);
      return accept(null, { type: 'CounterResumed', ...stamp, ...by });
    case 'callNext':
    case 'callTicket': {
      if (counter.status === 'paused') return refuse(Refusal.counterPaused);
      const before: DomainEvent[] = [];
      if (current) {
        // [T3] Calling the next ticket finishes the one being served; one only called must be ended
        // explicitly (finish, no-show, transfer or park) so its outcome is never guessed.
        if (current.status !== 'serving') return refuse(Refusal.currentTicketOpen);
        before.push({ type: 'ServiceFinished', ...stamp, ticketId: current.id });
      }
      // Known: atCounter refused an unknown counter.
      // [TD1][TD2] Today's assignment, while in force, is what the counter serves.
      const today = todayWeights(state, counterId, now);
      const view = counterView(ix.policy, counterId, counter.priorityStreak, counter.recentCalls, today) as CounterView;
      let ticket: Ticket | undefined;
      if (cmd.type === 'callNext') {
        ticket = pickNext(ix.policy, view, waitingTickets(state), now);
        if (!ticket) return accept(null, ...before); // nothing waiting: not a refusal
      } else {
        ticket = state.tickets.get(cmd.ticketId);
        if (!ticket) return refuse(Refusal.ticketNotFound);
        if (ticket.status !== 'waiting' && ticket.status !== 'parked') return refuse(Refusal.ticketNotCallable);
        if (!view.weights.has(ticket.serviceId)) return refuse(Refusal.serviceNotServed);
        if (ticket.status === 'waiting' && ticket.targetCounterId && ticket.targetCounterId !== counterId) {
          return refuse(Refusal.serviceNotServed);
        }
      }
      return accept(ticket.id, ...before, {
        type: 'TicketCalled',
        ...stamp,
        ticketId: ticket.id,
        how: cmd.type === 'callNext' ? 'next' : 'specific',
      });
    }
    case 'unpark': {
      const t = state.tickets.get(cmd.ticketId);
      if (!t) return refuse(Refusal.ticketNotFound);
      if (t.status !== 'parked') return refuse(Refusal.ticketNotCallable);
      return accept(t.id, { type: 'Unparked', ...stamp, ticketId: t.id });
    }
    default:
      break;
  }

  if (!current) return refuse(Refusal.noCurrentTicket);
  const ticketId = current.id;
  switch (cmd.type) {
    case 'recall': {
      if (current.status !== 'called') return refuse(Refusal.alreadyStarted);
      const limit = ix.config.branch.settings.noShowAfterRecalls;
      if (limit > 0 && current.recalls >= limit) {
        return accept(ticketId, { type: 'MarkedNoShow', ...stamp, ticketId, auto: true }); // [T4]
      }
      return accept(ticketId, { type: 'TicketRecalled', ...stamp, ticketId, recall: current.recalls + 1 });
    }
    case 'start':
      if (current.status !== 'called') return refuse(Refusal.alreadyStarted);
      return accept(ticketId, { type: 'ServiceStarted', ...stamp, ticketId });
    case 'finish':
      if (current.status !== 'serving') return refuse(Refusal.notStarted);
      return accept(ticketId, { type: 'ServiceFinished', ...stamp, ticketId });
    case 'noShow':
      if (current.status !== 'called') return refuse(Refusal.alreadyStarted);
      return accept(ticketId, { type: 'MarkedNoShow', ...stamp, ticketId, auto: false });
    case 'park':
      return accept(ticketId, {
        type: 'Parked',
        ...stamp,
        ticketId,
        ...(cmd.reason ? { reason: cmd.reason } : {}),
        ...(cmd.note ? { note: cmd.note } : {}),
      });
    case 'checkDocuments': {
      // [T8] Against the list of the sub-service the ticket is now for; what is not ticked is missing.
      const required = ix.services.get(current.serviceId)?.info.requiredDocuments.map((d) => d.id) ?? [];
      const unknown = cmd.brought.filter((id) => !required.includes(id));
      if (unknown.length > 0) return refuse(Refusal.unknownDocument, unknown.join(','));
      const brought = required.filter((id) => cmd.brought.includes(id));
      const missing = required.filter((id) => !cmd.brought.includes(id));
      return accept(ticketId, { type: 'DocumentsChecked', ...stamp, ticketId, brought, missing });
    }
    case 'transfer': {
      const toServiceId = cmd.toServiceId ?? current.serviceId;
      const service = ix.services.get(toServiceId);
      if (!service?.active) return refuse(Refusal.invalidTransfer, 'target service');
      if (cmd.toCounterId !== undefined) {
        const weights = todayWeights(state, cmd.toCounterId, now) ?? ix.policy.counterWeights.get(cmd.toCounterId);
        if (!weights?.has(toServiceId)) {
          return refuse(Refusal.invalidTransfer, 'target counter does not serve the service');
        }
      } else if (toServiceId === current.serviceId) {
        return refuse(Refusal.invalidTransfer, 'a transfer names another service or a counter');
      }
      return accept(ticketId, {
        type: 'Transferred',
        ...stamp,
        ticketId,
        toServiceId,
        ...(cmd.toCounterId ? { toCounterId: cmd.toCounterId } : {}),
        ...(cmd.note ? { note: cmd.note } : {}),
      });
    }
    default: {
      const never: never = cmd;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}

/**
 * [SV1] Move a waiting ticket to another sub-service, or to a counter (optionally with another
 * sub-service): it keeps its number and its place in time (queuedAt), like a transfer (T5).
 */
function decideMove(ix: IndexedConfig, state: DayState, cmd: Extract<Command, { type: 'move' }>, now: number) {
  const t = state.tickets.get(cmd.ticketId);
  if (!t) return refuse(Refusal.ticketNotFound);
  if (t.status !== 'waiting') return refuse(Refusal.ticketNotMovable);
  const toServiceId = cmd.toServiceId ?? t.serviceId;
  if (!ix.services.get(toServiceId)?.active) return refuse(Refusal.invalidMove, 'target service');
  if (cmd.toCounterId !== undefined) {
    if (!ix.counters.get(cmd.toCounterId)?.active) return refuse(Refusal.invalidMove, 'target counter');
    if (!ix.policy.counterWeights.get(cmd.toCounterId)?.has(toServiceId)) {
      return refuse(Refusal.invalidMove, 'target counter does not serve the service');
    }
    if (cmd.toCounterId === t.targetCounterId && toServiceId === t.serviceId) {
      return refuse(Refusal.invalidMove, 'already there');
    }
  } else if (toServiceId === t.serviceId) {
    return refuse(Refusal.invalidMove, 'a move names another service or a counter');
  }
  return accept(t.id, {
    type: 'TicketMoved',
    at: now,
    ticketId: t.id,
    toServiceId,
    ...(cmd.toCounterId ? { toCounterId: cmd.toCounterId } : {}),
    by: cmd.by,
  });
}

const byArrival = (a: Ticket, b: Ticket) => a.queuedAt - b.queuedAt || a.order - b.order;

/**
 * [PH6] "I'm late": a waiting ticket lands right after the `places`-th ticket behind it among the
 * waiting tickets of its sub-service in arrival order (queuedAt, then issue order), or last when
 * fewer wait behind it; once per ticket. It takes that ticket's place in time and an issue order
 * just after it, so every rule that orders by arrival (B3–B5, estimates) sees it there.
 */
function decideDefer(state: DayState, cmd: Extract<Command, { type: 'defer' }>, now: number): Decision {
  const t = state.tickets.get(cmd.ticketId);
  if (!t) return refuse(Refusal.ticketNotFound);
  if (t.status !== 'waiting') return refuse(Refusal.ticketNotDeferrable);
  if (t.deferred) return refuse(Refusal.alreadyDeferred);
  if (!Number.isInteger(cmd.places) || cmd.places < 1) return refuse(Refusal.ticketNotDeferrable, 'places');
  const line: Ticket[] = [];
  for (const id of state.waiting) {
    const w = state.tickets.get(id);
    if (w && w.serviceId === t.serviceId) line.push(w);
  }
  line.sort(byArrival);
  const at = line.indexOf(t);
  const behind = line.length - 1 - at;
  const moved = Math.min(cmd.places, behind);
  let queuedAt = t.queuedAt;
  let order = t.order;
  if (moved > 0) {
    const after = line[at + moved] as Ticket;
    const next = line[at + moved + 1];
    queuedAt = after.queuedAt;
    // Between `after` and the one that follows it when they share a place in time, else just after.
    order = next && next.queuedAt === after.queuedAt ? (after.order + next.order) / 2 : after.order + 0.5;
  }
  return accept(t.id, {
    type: 'TicketDeferred',
    at: now,
    ticketId: t.id,
    places: cmd.places,
    moved,
    queuedAt,
    order,
  });
}

/** [C4] Whether a clerk may staff a counter: any of the branch's, unless their record names some. */
export function mayStaff(ix: IndexedConfig, clerkId: string, counterId: string): boolean {
  return ix.clerkCounters.get(clerkId)?.has(counterId) !== false;
}

/**
 * [T9] The counter through which a clerk may cancel a waiting or parked ticket: the counter they
 * hold (open or paused), when it could call that ticket — it serves the ticket's sub-service, and a
 * ticket sent to another counter is that counter's. Undefined when the clerk may not cancel it
 * (supervisors and admins cancel any ticket of their branch).
 */
export function cancellingCounter(ix: IndexedConfig, state: DayState, t: Ticket, clerkId: string): string | undefined {
  const counterId = heldCounter(state, clerkId);
  if (counterId === undefined) return undefined;
  if (!ix.policy.counterWeights.get(counterId)?.has(t.serviceId)) return undefined;
  if (t.status === 'waiting' && t.targetCounterId && t.targetCounterId !== counterId) return undefined;
  return counterId;
}
