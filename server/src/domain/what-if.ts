// What-if on a real day (SPEC "Staffing advice", SA6–SA9): a past day's ACTUAL arrivals replayed
// under another balancing profile or another counter plan, with the real call-next policy (pickNext,
// B1–B9), and the waits compared with the replay of the day as configured and with the waits the log
// recorded. Pure and deterministic: the day's events and the configuration in, figures out.
import type { Balancing, BranchConfig } from '@nobat/protocol';
import type { DomainEvent } from './events.ts';
import { type Candidate, type CounterView, noteCall, type PolicyContext, pickNext, policyContext } from './policy.ts';

const MINUTE = 60_000;

/** A ticket to replay: when it came, for what, and how long it holds a counter once called. */
export interface SimTicket extends Candidate {
  /** Counter occupancy once called (call → end), ms. */
  holdMs: number;
}

/** A span of time a counter is staffed and may call, [from, until). */
export interface Window {
  from: number;
  until: number;
}

/** One counter of a plan: what it serves (weights) and when it is staffed. */
export interface PlanCounter {
  id: string;
  number: number;
  services: { serviceId: string; weight: number }[];
  balancing?: Balancing;
  windows: Window[];
}

/** A counter at the start of a replay that is still busy until `busyUntil` (the live advice). */
export interface CounterStart {
  busyUntil?: number;
  priorityStreak?: number;
  recentCalls?: readonly string[];
}

export interface ReplayOptions {
  /** [SA7] Every counter under this mode (a branch profile); absent: each counter's own, else the branch's. */
  balancing?: Balancing;
  /** Replay from this instant (default: the first window's or arrival's time). */
  start?: number;
  /** Stop calling at this instant; tickets still waiting are "uncalled". */
  end?: number;
  /** counterId → its state when the replay begins. */
  counters?: ReadonlyMap<string, CounterStart>;
  /** Tickets already waiting when the replay begins (their queuedAt may be earlier than start). */
  waiting?: readonly SimTicket[];
}

export interface ReplayCall {
  ticketId: string;
  counterId: string;
  at: number;
}

/**
 * [SA6] Replays arrivals against a counter plan with the real policy: at every instant something
 * changes (an arrival, a counter freed, a window opening), each staffed free counter in number order
 * calls what pickNext gives it among the tickets that have arrived, and holds it for its `holdMs`.
 * A counter starts no call outside its windows; one busy when its window ends finishes first.
 */
export function replay(
  config: BranchConfig,
  tickets: readonly SimTicket[],
  plan: readonly PlanCounter[],
  opts: ReplayOptions = {},
): ReplayCall[] {
  const ctx = planContext(config, plan, opts.balancing);
  const arrivals = [...tickets].sort((a, b) => a.queuedAt - b.queuedAt || a.order - b.order);
  const counters = [...plan]
    .sort((a, b) => a.number - b.number)
    .map((p) => {
      const s = opts.counters?.get(p.id);
      const view: CounterView = {
        id: p.id,
        weights: ctx.counterWeights.get(p.id) ?? new Map(),
        priorityStreak: s?.priorityStreak ?? 0,
        balancing: ctx.counterBalancing.get(p.id) ?? 'strict',
        recent: new Map(),
        recentOrder: [],
      };
      for (const sid of s?.recentCalls ?? []) noteCall(view, sid);
      const windows = [...p.windows].sort((a, b) => a.from - b.from);
      return { plan: p, view, windows, freeAt: s?.busyUntil ?? Number.NEGATIVE_INFINITY };
    });
  const waiting: SimTicket[] = [...(opts.waiting ?? [])];
  const calls: ReplayCall[] = [];
  const end = opts.end ?? Number.POSITIVE_INFINITY;
  const priority = (id: string) => ctx.classKind.get(id) === 'priority';
  const staffed = (ws: Window[], t: number) => ws.some((w) => w.from <= t && t < w.until);
  const nextOpening = (ws: Window[], t: number) => {
    for (const w of ws) if (w.from > t) return w.from;
    return Number.POSITIVE_INFINITY;
  };
  let i = 0;
  let now = Math.min(
    opts.start ?? Number.POSITIVE_INFINITY,
    arrivals[0]?.queuedAt ?? Number.POSITIVE_INFINITY,
    ...counters.map((c) => c.windows[0]?.from ?? Number.POSITIVE_INFINITY),
  );
  if (opts.start !== undefined) now = Math.max(now, opts.start);
  while (now < end && Number.isFinite(now)) {
    while (i < arrivals.length && (arrivals[i]?.queuedAt ?? 0) <= now) waiting.push(arrivals[i++] as SimTicket);
    for (const c of counters) {
      if (c.freeAt > now || !staffed(c.windows, now) || waiting.length === 0) continue;
      const pick = pickNext(ctx, c.view, waiting, now);
      if (!pick) continue;
      waiting.splice(waiting.indexOf(pick), 1);
      calls.push({ ticketId: pick.id, counterId: c.plan.id, at: now });
      c.view.priorityStreak = priority(pick.priorityId) ? c.view.priorityStreak + 1 : 0;
      noteCall(c.view, pick.serviceId);
      c.freeAt = now + Math.max(1, pick.holdMs);
    }
    // The next instant anything can change.
    let next = arrivals[i]?.queuedAt ?? Number.POSITIVE_INFINITY;
    if (waiting.length > 0) {
      for (const c of counters) {
        if (c.freeAt > now)
          next = Math.min(next, staffed(c.windows, c.freeAt) ? c.freeAt : nextOpening(c.windows, c.freeAt));
        else next = Math.min(next, nextOpening(c.windows, now));
      }
    }
    if (!(next > now)) break;
    now = next;
  }
  return calls;
}

/** The policy's context with the plan's counters in place of the configured ones (SA7). */
export function planContext(config: BranchConfig, plan: readonly PlanCounter[], balancing?: Balancing): PolicyContext {
  const base = policyContext(config);
  return {
    ...base,
    counterWeights: new Map(plan.map((c) => [c.id, new Map(c.services.map((s) => [s.serviceId, s.weight]))])),
    counterBalancing: new Map(
      plan.map((c) => [c.id, balancing ?? c.balancing ?? config.branch.settings.balancing ?? 'strict']),
    ),
  };
}

/** What a past day's log holds for a replay: its tickets with their holds, its counter plan, its recorded waits. */
export interface RecordedDay {
  tickets: SimTicket[];
  /** The counters as they were staffed that day (open → pause/close, resume → pause/close). */
  plan: PlanCounter[];
  /** ticketId → its recorded wait (issue → first call), for those called. */
  recordedWaits: Map<string, number>;
  /** ticketId → the counter that first called it. */
  recordedCounter: Map<string, string>;
  /** The ticket ids in their recorded first-call order. */
  recordedOrder: string[];
  /** The day's first and last event. */
  from: number;
  until: number;
}

/**
 * [SA8] A day from its log: each issued ticket with its own occupancy (first call → the end of that
 * visit: finish, no-show, transfer, park or cancel), or, if it was never called, its sub-service's
 * mean that day (else its configured average); each counter's staffed windows; the recorded waits.
 */
export function recordedDay(config: BranchConfig, events: readonly DomainEvent[]): RecordedDay {
  const tickets = new Map<string, SimTicket>();
  const calledAt = new Map<string, number>();
  const holds = new Map<string, number>();
  const recordedWaits = new Map<string, number>();
  const recordedCounter = new Map<string, string>();
  const recordedOrder: string[] = [];
  const windows = new Map<string, Window[]>();
  const openSince = new Map<string, number>();
  const first = events[0]?.at ?? 0;
  const last = events[events.length - 1]?.at ?? first;
  const endVisit = (ticketId: string, at: number) => {
    const c = calledAt.get(ticketId);
    if (c !== undefined && !holds.has(ticketId)) holds.set(ticketId, at - c);
  };
  const startWindow = (counterId: string, at: number) => {
    if (!openSince.has(counterId)) openSince.set(counterId, at);
  };
  const endWindow = (counterId: string, at: number) => {
    const from = openSince.get(counterId);
    if (from === undefined) return;
    openSince.delete(counterId);
    const list = windows.get(counterId) ?? [];
    list.push({ from, until: at });
    windows.set(counterId, list);
  };
  for (const e of events) {
    switch (e.type) {
      case 'TicketIssued':
        tickets.set(e.ticketId, {
          id: e.ticketId,
          serviceId: e.serviceId,
          priorityId: e.priorityId,
          queuedAt: e.at,
          order: tickets.size,
          ...(e.appointmentAt !== undefined ? { appointmentAt: e.appointmentAt } : {}),
          holdMs: 0,
        });
        break;
      case 'TicketCalled':
        if (!calledAt.has(e.ticketId) && tickets.has(e.ticketId)) {
          calledAt.set(e.ticketId, e.at);
          recordedWaits.set(e.ticketId, e.at - (tickets.get(e.ticketId)?.queuedAt ?? e.at));
          recordedCounter.set(e.ticketId, e.counterId);
          recordedOrder.push(e.ticketId);
        }
        break;
      case 'ServiceFinished':
      case 'MarkedNoShow':
      case 'Transferred':
      case 'Parked':
      case 'TicketCancelled':
        endVisit(e.ticketId, e.at);
        break;
      case 'CounterOpened':
      case 'CounterResumed':
        startWindow(e.counterId, e.at);
        break;
      case 'CounterPaused':
      case 'CounterClosed':
        endWindow(e.counterId, e.at);
        break;
      default:
        break;
    }
  }
  for (const id of [...openSince.keys()]) endWindow(id, last + 1);
  // Means of the day per sub-service, for tickets the day never called.
  const sums = new Map<string, { sum: number; n: number }>();
  for (const [id, h] of holds) {
    const sid = tickets.get(id)?.serviceId;
    if (!sid) continue;
    const s = sums.get(sid) ?? { sum: 0, n: 0 };
    s.sum += h;
    s.n++;
    sums.set(sid, s);
  }
  const configured = new Map(config.services.map((s) => [s.id, s.averageServiceMinutes * MINUTE]));
  for (const t of tickets.values()) {
    const own = holds.get(t.id);
    const s = sums.get(t.serviceId);
    t.holdMs = own ?? (s && s.n > 0 ? s.sum / s.n : (configured.get(t.serviceId) ?? 5 * MINUTE));
  }
  const byId = new Map(config.counters.map((c) => [c.id, c]));
  const plan: PlanCounter[] = [];
  for (const [id, ws] of windows) {
    const c = byId.get(id);
    if (!c) continue;
    plan.push({
      id,
      number: c.number,
      services: c.services.map((s) => ({ serviceId: s.serviceId, weight: s.weight })),
      ...(c.balancing ? { balancing: c.balancing } : {}),
      windows: ws,
    });
  }
  plan.sort((a, b) => a.number - b.number);
  return {
    tickets: [...tickets.values()],
    plan,
    recordedWaits,
    recordedCounter,
    recordedOrder,
    from: first,
    until: last + 1,
  };
}

/** Waits of a set of tickets: how many, mean and 90th percentile (minutes), how many past target. */
export interface WaitStats {
  tickets: number;
  /** Of them, never called in the replay (their wait counts up to the end of the replay). */
  uncalled: number;
  meanMinutes: number;
  p90Minutes: number;
  pastTarget: number;
}

export interface WaitComparison {
  overall: WaitStats;
  services: { serviceId: string; stats: WaitStats }[];
}

/**
 * [SA9] Wait figures: per sub-service and overall, the mean, the 90th percentile (nearest rank) and
 * the tickets whose wait passed the sub-service's target. A ticket never called counts with its
 * wait up to `end` (so a plan that leaves people waiting is not flattered).
 */
export function waitStats(
  config: BranchConfig,
  tickets: readonly SimTicket[],
  waits: ReadonlyMap<string, number>,
  end: number,
): WaitComparison {
  const targets = new Map(config.services.map((s) => [s.id, s.targetWaitMinutes * MINUTE]));
  const groups = new Map<string, { w: number[]; uncalled: number; past: number }>();
  const all = { w: [] as number[], uncalled: 0, past: 0 };
  for (const t of tickets) {
    const recorded = waits.get(t.id);
    const w = recorded ?? Math.max(0, end - t.queuedAt);
    const g = groups.get(t.serviceId) ?? { w: [], uncalled: 0, past: 0 };
    groups.set(t.serviceId, g);
    const past = w > (targets.get(t.serviceId) ?? 20 * MINUTE);
    for (const x of [g, all]) {
      x.w.push(w);
      if (recorded === undefined) x.uncalled++;
      if (past) x.past++;
    }
  }
  const stats = (x: { w: number[]; uncalled: number; past: number }): WaitStats => {
    const sorted = [...x.w].sort((a, b) => a - b);
    const n = sorted.length;
    const p90 = n === 0 ? 0 : (sorted[Math.max(0, Math.ceil(0.9 * n) - 1)] ?? 0);
    return {
      tickets: n,
      uncalled: x.uncalled,
      meanMinutes: n === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / n / MINUTE,
      p90Minutes: p90 / MINUTE,
      pastTarget: x.past,
    };
  };
  const order = config.services.map((s) => s.id).filter((id) => groups.has(id));
  for (const id of groups.keys()) if (!order.includes(id)) order.push(id);
  return {
    overall: stats(all),
    services: order.map((serviceId) => ({ serviceId, stats: stats(groups.get(serviceId) ?? all) })),
  };
}

/** The waits a replay gives each ticket (first call − arrival). */
export function replayWaits(tickets: readonly SimTicket[], calls: readonly ReplayCall[]): Map<string, number> {
  const arrived = new Map(tickets.map((t) => [t.id, t.queuedAt]));
  const out = new Map<string, number>();
  for (const c of calls) out.set(c.ticketId, c.at - (arrived.get(c.ticketId) ?? c.at));
  return out;
}

export interface WhatIfInput {
  /** [SA7] Another balancing profile for every counter. */
  balancing?: Balancing;
  /** [SA7] Another counter plan (which counters are staffed when, serving what). */
  counters?: PlanCounter[];
}

export interface WhatIfResult {
  /** The waits the log recorded. */
  recorded: WaitComparison;
  /** The replay of the day as it was configured and staffed. */
  configured: WaitComparison;
  /** The replay under the change. */
  changed: WaitComparison;
  tickets: number;
}

/**
 * [SA7] A what-if: the day's arrivals replayed as configured and under the change, side by side with
 * what was recorded. Uncalled tickets count up to the end of the day's log, or of the replay if later.
 */
export function whatIf(config: BranchConfig, events: readonly DomainEvent[], change: WhatIfInput): WhatIfResult {
  const day = recordedDay(config, events);
  const asConfigured = replay(config, day.tickets, day.plan);
  const changed = replay(config, day.tickets, change.counters ?? day.plan, {
    ...(change.balancing ? { balancing: change.balancing } : {}),
  });
  const endOf = (calls: readonly ReplayCall[]) => Math.max(day.until, calls[calls.length - 1]?.at ?? 0);
  return {
    recorded: waitStats(config, day.tickets, day.recordedWaits, day.until),
    configured: waitStats(config, day.tickets, replayWaits(day.tickets, asConfigured), endOf(asConfigured)),
    changed: waitStats(config, day.tickets, replayWaits(day.tickets, changed), endOf(changed)),
    tickets: day.tickets.length,
  };
}
