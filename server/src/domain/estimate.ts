// How many are ahead of a ticket and how long it will wait (rules E1–E4 of server/SPEC.md).
// The estimate replays the real call-next policy forward on a copy of the queue: each counter takes
// the ticket the policy would give it when it next becomes free, each service lasting its recent
// average. So weights, priorities, aging and counters serving several sub-services are all counted
// exactly as they will be called, rather than approximated by a formula that could drift from them.
import type { EtaUnknown } from '@nobat/protocol';
import type { IndexedConfig } from './decide.ts';
import { assignedWeights, type Candidate, type CounterView, counterView, noteCall } from './policy.ts';
import { ReplayIndex } from './replay-index.ts';
import { counterState, type DayState } from './state.ts';

const MINUTE = 60_000;
/** [E1] The configured average counts as this many measurements. */
const PRIOR_WEIGHT = 2;

export type Estimate = {
  /** Waiting tickets of the same sub-service that will be called before this one. */
  ahead: number;
} & (
  | { /** Minutes until it is called. */ etaMinutes: number; etaUnknown: null }
  /** [E2] No estimate: no open counter serves the sub-service, or the ticket was sent to a closed counter. */
  | { etaMinutes: null; etaUnknown: EtaUnknown }
);

/** [E1] Recent average counter occupancy (call → end) of a sub-service, in ms. */
export function averageServiceMs(ix: IndexedConfig, state: DayState, serviceId: string): number {
  const service = ix.services.get(serviceId);
  const prior = (service?.averageServiceMinutes ?? 5) * MINUTE;
  const all = state.durations.get(serviceId) ?? [];
  const recent = all.slice(-ix.config.branch.settings.estimateWindow);
  let sum = prior * PRIOR_WEIGHT;
  for (const d of recent) sum += d;
  return sum / (recent.length + PRIOR_WEIGHT);
}

interface SimCounter {
  view: CounterView;
  number: number;
  freeAt: number;
  /** [TD2] Its configured weights, and today's assignment (in force while freeAt < until). */
  configured: ReadonlyMap<string, number>;
  today: { weights: ReadonlyMap<string, number>; until: number } | undefined;
}

export type EstimateTarget = { ticketId: string } | { serviceId: string; priorityId?: string };

const HYPOTHETICAL = '\u0000new';

export function estimate(ix: IndexedConfig, state: DayState, now: number, target: EstimateTarget): Estimate {
  // A plain loop rather than spreading the generator: this runs for every ticket issued.
  const candidates: Candidate[] = [];
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t) candidates.push(t);
  }
  let targetId: string;
  let serviceId: string;
  if ('ticketId' in target) {
    const t = state.tickets.get(target.ticketId);
    if (t?.status !== 'waiting') return { ahead: 0, etaMinutes: 0, etaUnknown: null };
    targetId = t.id;
    serviceId = t.serviceId;
  } else {
    targetId = HYPOTHETICAL;
    serviceId = target.serviceId;
    candidates.push({
      id: HYPOTHETICAL,
      serviceId,
      priorityId: target.priorityId ?? ix.normalPriorityId,
      queuedAt: now,
      order: Number.MAX_SAFE_INTEGER,
    });
  }

  const avg = new Map<string, number>();
  const avgOf = (sid: string) => {
    let v = avg.get(sid);
    if (v === undefined) {
      v = averageServiceMs(ix, state, sid);
      avg.set(sid, v);
    }
    return v;
  };

  // [E2] The counters that will call: those open or paused now. A closed counter may never open
  // today, so it is not assumed to: with none of them serving the sub-service there is no estimate.
  const counters: SimCounter[] = [];
  for (const c of state.counters.values()) {
    if (c.status === 'closed') continue;
    const config = ix.counters.get(c.id);
    const view = counterView(ix.policy, c.id, c.priorityStreak, c.recentCalls);
    if (!config?.active || !view) continue;
    const today = state.todayAssignments.get(c.id);
    const current = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
    // [E3] A counter busy with a ticket is free when that ticket's average time has passed.
    const since = current?.calledAt;
    const freeAt = current && since !== undefined ? Math.max(now, since + avgOf(current.serviceId)) : now;
    counters.push({ view, number: config.number, freeAt, configured: view.weights, today });
  }

  // [E4] Replay: the earliest free counter calls what the policy gives it (under its balancing mode,
  // B7–B9), until the target is called.
  let ahead = 0;
  // With no counter to replay (E2) the queue need not be indexed: only counted, below.
  const index = counters.length > 0 ? new ReplayIndex(ix.policy, candidates) : undefined;
  while (index && counters.length > 0) {
    let k = 0;
    for (let i = 1; i < counters.length; i++) {
      const c = counters[i];
      const best = counters[k];
      if (c && best && (c.freeAt < best.freeAt || (c.freeAt === best.freeAt && c.number < best.number))) k = i;
    }
    const counter = counters[k];
    if (!counter) break;
    // [TD2] Today's assignment while the replay's time is before its end, the configured weights after.
    counter.view.weights = assignedWeights(counter.today, counter.freeAt) ?? counter.configured;
    const pick = index.pick(counter.view, counter.freeAt);
    if (!pick) {
      // [TD2] Nothing for it under today's assignment: it serves its own sub-services from `until`.
      if (counter.today && counter.freeAt < counter.today.until) counter.freeAt = counter.today.until;
      else counters.splice(k, 1); // nothing left for it
      continue;
    }
    if (pick.id === targetId) return { ahead, etaMinutes: (counter.freeAt - now) / MINUTE, etaUnknown: null };
    index.remove(pick);
    if (pick.serviceId === serviceId) ahead++;
    counter.view.priorityStreak = ix.isPriorityClass(pick.priorityId) ? counter.view.priorityStreak + 1 : 0;
    noteCall(counter.view, pick.serviceId); // [B8] the shares move as the replay calls
    counter.freeAt += avgOf(pick.serviceId);
  }
  // No open counter will call it: say how many of its queue came before it, with no time.
  const self = candidates.find((t) => t.id === targetId);
  let before = 0;
  for (const t of candidates) {
    if (!self || t.serviceId !== serviceId || t.id === targetId) continue;
    if (t.queuedAt < self.queuedAt || (t.queuedAt === self.queuedAt && t.order < self.order)) before++;
  }
  const sentTo = state.tickets.get(targetId)?.targetCounterId;
  const closed = sentTo !== undefined && counterState(state, sentTo).status === 'closed';
  return { ahead: before, etaMinutes: null, etaUnknown: closed ? 'counter-closed' : 'no-counter-open' };
}
