// Following a branch's live state: the one fold of a snapshot and the events after it, used by the
// hall display, the clerk's desk, the kiosk and the firmware bridge alike. Every event says where it
// stands in the branch's log (protocol's LogStep): one already known (older than what the state
// holds of its counter, ticket or call) is ignored, and one that follows a version this client never
// saw is a gap, answered by a fresh snapshot (followLive asks for it). Pure: no socket, no clock.
import type {
  CallPayload,
  CounterSummary,
  DisplaySnapshot,
  KioskSnapshot,
  LogAdvanced,
  LogStep,
  QueueCounts,
  StaffSnapshot,
  StaffTicket,
} from '@nobat/protocol';

/** The snapshots a namespace sends: the display's and bridge's, staff's, a kiosk's. */
export type BranchSnapshot = DisplaySnapshot | StaffSnapshot | KioskSnapshot;

/** Each live event as it arrives, with its name. */
export type BranchEvent<S extends BranchSnapshot = BranchSnapshot> =
  | { type: 'snapshot'; payload: S }
  | { type: 'ticket:called'; payload: CallPayload }
  | { type: 'counter:changed'; payload: CounterSummary & LogStep }
  | { type: 'ticket:changed'; payload: StaffTicket & LogStep }
  | { type: 'queue:changed'; payload: QueueCounts }
  | { type: 'log:advanced'; payload: LogAdvanced };

export type BranchEventName = BranchEvent['type'];
export const BRANCH_EVENTS: readonly BranchEventName[] = [
  'snapshot',
  'ticket:called',
  'counter:changed',
  'ticket:changed',
  'queue:changed',
  'log:advanced',
];

export interface Followed<S extends BranchSnapshot> {
  /** The branch as it is now, in the shape of the namespace's snapshot. */
  view: S;
  /** The log version this client has followed up to, without a gap. */
  version: number;
  /** The version of the last snapshot: everything in it is known as of then. */
  base: number;
  /** The version each counter and ticket was last changed at, when an event changed it. */
  counters: Readonly<Record<string, number>>;
  tickets: Readonly<Record<string, number>>;
  /** The version of the queue counts shown (from the snapshot or the last queue:changed). */
  queue: number;
}

/**
 * What an event did: `applied`; `ignored` (old, a duplicate, or nothing to change); `gap` (a fresh
 * snapshot is needed: the state is left as it was); `waiting` (no snapshot yet to apply it to).
 */
export type Outcome = 'applied' | 'ignored' | 'gap' | 'waiting';

export interface Step<S extends BranchSnapshot> {
  state: Followed<S> | null;
  outcome: Outcome;
}

/** Recent calls kept, as many as the server keeps (state.ts RECENT_CALLS). */
const RECENT_CALLS = 20;

/** Applies one event to the followed state; returns the new state (never mutates the old one). */
export function followBranch<S extends BranchSnapshot>(state: Followed<S> | null, event: BranchEvent<S>): Step<S> {
  if (event.type === 'snapshot') return { state: fromSnapshot(event.payload), outcome: 'applied' };
  if (!state) return { state, outcome: 'waiting' };
  switch (event.type) {
    case 'queue:changed':
      return applyCounts(state, event.payload);
    case 'log:advanced':
      return advance(state, event.payload, undefined, () => state.view);
    case 'ticket:called': {
      const call = event.payload;
      const known = recentCalls(state.view)?.some((c) => c.ticketId === call.ticketId && c.version >= call.version);
      const counterKnown = state.counters[call.counterId] ?? state.base;
      const step = advance(state, call, known ? call.version : undefined, (view) =>
        counterKnown < call.version ? withCalledCounter(withCall(view, call), call) : withCall(view, call),
      );
      // The counter is known up to just before the call: an older change of it arriving late is
      // ignored, while the command's own counter:changed (the call's version or later) still applies.
      if (step.outcome !== 'applied' || !step.state || counterKnown >= call.version) return step;
      return {
        ...step,
        state: { ...step.state, counters: { ...step.state.counters, [call.counterId]: call.version - 1 } },
      };
    }
    case 'counter:changed': {
      const { version: _, since: __, ...counter } = event.payload;
      return advance(state, event.payload, state.counters[counter.id], (view) => withCounter(view, counter), {
        counters: { ...state.counters, [counter.id]: event.payload.version },
      });
    }
    case 'ticket:changed': {
      const { version: _, since: __, ...ticket } = event.payload;
      return advance(state, event.payload, state.tickets[ticket.id], (view) => withTicket(view, ticket), {
        tickets: { ...state.tickets, [ticket.id]: event.payload.version },
      });
    }
  }
}

export function fromSnapshot<S extends BranchSnapshot>(snapshot: S): Followed<S> {
  return {
    view: snapshot,
    version: snapshot.version,
    base: snapshot.version,
    counters: {},
    tickets: {},
    queue: snapshot.version,
  };
}

/**
 * The common rule of every log event: old (its entity is known at its version or later) is ignored;
 * one after a version never seen, or the first of a new day's log, is a gap; else it is applied.
 */
function advance<S extends BranchSnapshot>(
  state: Followed<S>,
  step: LogStep,
  entityVersion: number | undefined,
  apply: (view: S) => S,
  seen: Partial<Pick<Followed<S>, 'counters' | 'tickets'>> = {},
): Step<S> {
  const since = step.since;
  // A new day's log starts again at 0: its first versions look old, so it is a gap, not a duplicate.
  if (since === 0 && state.base > 0 && step.version <= state.base) return { state, outcome: 'gap' };
  if (step.version <= Math.max(entityVersion ?? 0, state.base)) return { state, outcome: 'ignored' };
  if (since !== undefined && since > state.version) return { state, outcome: 'gap' };
  const view = apply(state.view);
  const version = Math.max(state.version, step.version);
  if (view === state.view && version === state.version) return { state, outcome: 'ignored' };
  return { state: { ...state, ...seen, view, version }, outcome: 'applied' };
}

function recentCalls(view: BranchSnapshot): CallPayload[] | undefined {
  return 'recentCalls' in view ? view.recentCalls : undefined;
}

/** [D1] A call (or a recall, or a new call of the same ticket) goes to the top: one row a number. */
function withCall<S extends BranchSnapshot>(view: S, call: CallPayload): S {
  const calls = recentCalls(view);
  if (!calls) return view;
  const { since: _, ...kept } = call;
  const others = calls.filter((c) => c.ticketId !== call.ticketId);
  return { ...view, recentCalls: [kept, ...others].slice(0, RECENT_CALLS) };
}

/**
 * A call tells what its counter shows at once: open, not paused, calling that number. Screens get no
 * counter:changed for a command that only called (PF4); staff and bridges get it after.
 */
function withCalledCounter<S extends BranchSnapshot>(view: S, call: CallPayload): S {
  if (!('counters' in view)) return view;
  const serving = {
    ticketId: call.ticketId,
    number: call.number,
    serviceId: call.serviceId,
    status: 'called' as const,
  };
  return {
    ...view,
    counters: view.counters.map((c) =>
      c.id === call.counterId ? { ...c, status: 'open', pauseReason: null, serving } : c,
    ),
  };
}

function withCounter<S extends BranchSnapshot>(view: S, counter: CounterSummary): S {
  if (!('counters' in view)) return view;
  const has = view.counters.some((c) => c.id === counter.id);
  const counters = has ? view.counters.map((c) => (c.id === counter.id ? counter : c)) : [...view.counters, counter];
  return { ...view, counters };
}

/** A ticket goes to the list of its status (staff only), in place when it was already there. */
function withTicket<S extends BranchSnapshot>(view: S, ticket: StaffTicket): S {
  if (!('waiting' in view)) return view;
  const place = (list: StaffTicket[] | undefined, wanted: boolean): StaffTicket[] => {
    const rest = (list ?? []).filter((t) => t.id !== ticket.id);
    if (!wanted) return rest;
    const at = (list ?? []).findIndex((t) => t.id === ticket.id);
    return at < 0 ? [...rest, ticket] : [...rest.slice(0, at), ticket, ...rest.slice(at)];
  };
  const atCounter = ticket.status === 'called' || ticket.status === 'serving';
  return {
    ...view,
    waiting: place(view.waiting, ticket.status === 'waiting'),
    parked: place(view.parked, ticket.status === 'parked'),
    serving: place(view.serving, atCounter),
  };
}

/** Queue counts are a full recount: the newest wins, and they move no log version (throttled). */
function applyCounts<S extends BranchSnapshot>(state: Followed<S>, q: QueueCounts): Step<S> {
  if (q.version < state.queue || q.version < state.base) return { state, outcome: 'ignored' };
  const byId = new Map(q.services.map((x) => [x.serviceId, x]));
  const view = state.view as BranchSnapshot;
  const services = view.services.map((s) => {
    const c = byId.get(s.id);
    if (!c) return s;
    // A kiosk shows the estimate and why a service cannot be taken; screens only the count.
    return 'etaMinutes' in s
      ? { ...s, waiting: c.waiting, etaMinutes: c.etaMinutes, etaUnknown: c.etaUnknown, unavailable: c.unavailable }
      : { ...s, waiting: c.waiting };
  });
  return { state: { ...state, view: { ...state.view, services } as S, queue: q.version }, outcome: 'applied' };
}
