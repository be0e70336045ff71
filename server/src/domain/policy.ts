// The call-next policy: which waiting ticket a counter calls. Rules B1–B9 of server/SPEC.md.
// It is written over small views (not DayState) so the estimator can run it on a simulated queue.
import type { Balancing, BranchConfig, PriorityKind } from '@nobat/protocol';

const MINUTE = 60_000;
/** [B8] A proportional counter balances over this many of its latest calls. */
export const RECENT_CALLS = 40;

export interface Candidate {
  id: string;
  serviceId: string;
  priorityId: string;
  queuedAt: number;
  order: number;
  appointmentAt?: number;
  targetCounterId?: string;
}

export interface CounterView {
  id: string;
  /** serviceId → the counter's weight for it. */
  weights: ReadonlyMap<string, number>;
  priorityStreak: number;
  /** [B7–B9] How its sub-services are weighed against each other within their targets. */
  balancing: Balancing;
  /** [B8] serviceId → how many of the counter's last RECENT_CALLS calls were of it. */
  recent: Map<string, number>;
  /** [B8] Those calls' sub-services, oldest first. */
  recentOrder: string[];
}

/** Configuration facts the policy needs, indexed once per configuration. */
export interface PolicyContext {
  targetMs: ReadonlyMap<string, number>;
  classWeight: ReadonlyMap<string, number>;
  classKind: ReadonlyMap<string, PriorityKind>;
  agingWeightPerTarget: number;
  appointmentEarlyMs: number;
  maxPriorityInRow: number | null;
  /** counterId → its weight for each sub-service it serves. */
  counterWeights: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** counterId → its balancing mode (its own, else the branch's). */
  counterBalancing: ReadonlyMap<string, Balancing>;
}

export function policyContext(config: BranchConfig): PolicyContext {
  const s = config.branch.settings;
  return {
    targetMs: new Map(config.services.map((x) => [x.id, x.targetWaitMinutes * MINUTE])),
    classWeight: new Map(config.priorities.map((p) => [p.id, p.weight])),
    classKind: new Map(config.priorities.map((p) => [p.id, p.kind])),
    agingWeightPerTarget: s.agingWeightPerTarget,
    appointmentEarlyMs: s.appointmentEarlyMinutes * MINUTE,
    maxPriorityInRow: s.maxPriorityInRow,
    counterWeights: new Map(
      config.counters.map((c) => [c.id, new Map(c.services.map((x) => [x.serviceId, x.weight]))]),
    ),
    counterBalancing: new Map(config.counters.map((c) => [c.id, c.balancing ?? s.balancing])),
  };
}

/**
 * [TD1][TD2] Today's assignment of a counter replaces its configured sub-services and weights while
 * `now < until`, and from `until` on counts for nothing: no timer reverts it, the rules read `now`.
 */
export function assignedWeights(
  a: { weights: ReadonlyMap<string, number>; until: number } | undefined,
  now: number,
): ReadonlyMap<string, number> | undefined {
  return a && now < a.until ? a.weights : undefined;
}

/**
 * A counter as the policy sees it; `recentCalls` are its latest calls' sub-services, oldest first;
 * `today`: [TD1] the weights of today's assignment in force, replacing the configured ones.
 */
export function counterView(
  ctx: PolicyContext,
  counterId: string,
  priorityStreak: number,
  recentCalls: readonly string[] = [],
  today?: ReadonlyMap<string, number>,
): CounterView | undefined {
  const configured = ctx.counterWeights.get(counterId);
  if (!configured) return undefined;
  const weights = today ?? configured;
  const view: CounterView = {
    id: counterId,
    weights,
    priorityStreak,
    balancing: ctx.counterBalancing.get(counterId) ?? 'strict',
    recent: new Map(),
    recentOrder: [],
  };
  for (const serviceId of recentCalls.slice(-RECENT_CALLS)) noteCall(view, serviceId);
  return view;
}

/** [B8] Counts a call of `serviceId` at the counter, forgetting the oldest beyond RECENT_CALLS. */
export function noteCall(view: CounterView, serviceId: string): void {
  view.recentOrder.push(serviceId);
  view.recent.set(serviceId, (view.recent.get(serviceId) ?? 0) + 1);
  if (view.recentOrder.length > RECENT_CALLS) {
    const old = view.recentOrder.shift() as string;
    view.recent.set(old, (view.recent.get(old) ?? 1) - 1);
  }
}

/** [B1] A counter calls only sub-services it serves, and a ticket sent to one counter only there. */
export function eligible(counter: CounterView, t: Candidate): boolean {
  if (!counter.weights.has(t.serviceId)) return false;
  return t.targetCounterId === undefined || t.targetCounterId === counter.id;
}

// Tiers, called lowest first: [B2] due appointments, [B3] tickets past their target, [B4] the rest.
export const DUE = 0;
export const OVERDUE = 1;
export const REST = 2;

export interface Ranked {
  t: Candidate;
  tier: number;
  /** Within a tier, higher is called first. */
  a: number;
  b: number;
  isPriority: boolean;
  /** Two tickets of one sub-service in tier B4 compare by staticScore (B4, B8), not by `b` (B9). */
  scored: boolean;
}

/** A sub-service's target wait in ms (20 minutes if it has none configured). */
export function targetOf(ctx: PolicyContext, serviceId: string): number {
  return ctx.targetMs.get(serviceId) ?? 20 * MINUTE;
}

/**
 * Within one sub-service the B4 score `w + A·(now − queuedAt)/target` orders tickets exactly as
 * `w − A·queuedAt/target`, whatever the time: the replay index sorts by this once.
 */
export function staticScore(ctx: PolicyContext, t: Candidate): number {
  const target = targetOf(ctx, t.serviceId);
  return (ctx.classWeight.get(t.priorityId) ?? 0) - (ctx.agingWeightPerTarget * t.queuedAt) / target;
}

export function rank(ctx: PolicyContext, counter: CounterView, t: Candidate, now: number): Ranked {
  const isPriority = ctx.classKind.get(t.priorityId) === 'priority';
  if (t.appointmentAt !== undefined && ctx.classKind.get(t.priorityId) === 'appointment') {
    if (t.appointmentAt - ctx.appointmentEarlyMs <= now) {
      return { t, tier: DUE, a: -t.appointmentAt, b: 0, isPriority, scored: true };
    }
  }
  const target = targetOf(ctx, t.serviceId);
  const waited = now - t.queuedAt;
  if (waited > target) return { t, tier: OVERDUE, a: waited - target, b: 0, isPriority, scored: true };
  const classWeight = ctx.classWeight.get(t.priorityId) ?? 0;
  // [B9] Longest wait: class weight first, then the earliest place in time, whatever the sub-service.
  if (counter.balancing === 'longest-wait') {
    return { t, tier: REST, a: classWeight, b: -t.queuedAt, isPriority, scored: false };
  }
  const score = classWeight + (ctx.agingWeightPerTarget * waited) / target;
  return { t, tier: REST, a: shareRank(counter, t.serviceId), b: score, isPriority, scored: true };
}

/**
 * [B4] Strict: the counter's weight. [B8] Proportional: the sub-service whose next call leaves it
 * least served against its weight among the counter's recent calls, (calls + 1) / weight lowest
 * first. Equal rationals divide to equal doubles, so ties are exact.
 */
function shareRank(counter: CounterView, serviceId: string): number {
  const weight = counter.weights.get(serviceId) ?? 0;
  if (counter.balancing !== 'proportional') return weight;
  if (weight <= 0) return Number.NEGATIVE_INFINITY;
  return -((counter.recent.get(serviceId) ?? 0) + 1) / weight;
}

/** True when `x` is called before `y`. */
export function before(ctx: PolicyContext, x: Ranked, y: Ranked): boolean {
  if (x.tier !== y.tier) return x.tier < y.tier;
  if (x.a !== y.a) return x.a > y.a;
  if (x.tier === REST && x.scored && x.t.serviceId === y.t.serviceId) {
    // Same sub-service: compare the time-free form, so rounding at a given instant cannot reorder them.
    const sx = staticScore(ctx, x.t);
    const sy = staticScore(ctx, y.t);
    if (sx !== sy) return sx > sy;
  } else if (x.b !== y.b) return x.b > y.b;
  // [B5] then arrival: earlier place in time first, then issue order.
  if (x.t.queuedAt !== y.t.queuedAt) return x.t.queuedAt < y.t.queuedAt;
  return x.t.order < y.t.order;
}

/**
 * The ticket `counter` calls next among `candidates`, or undefined when none is eligible.
 * [B6] With a ratio N, after N priority calls in a row the counter calls the best ticket that is
 * not of a priority class, if one is waiting among the ordinary (tier B4) candidates.
 */
export function pickNext<T extends Candidate>(
  ctx: PolicyContext,
  counter: CounterView,
  candidates: Iterable<T>,
  now: number,
): T | undefined {
  const found: Found = { best: undefined, ordinary: undefined };
  for (const t of candidates) if (eligible(counter, t)) consider(ctx, counter, now, found, t);
  return choose(ctx, counter, found) as T | undefined;
}

/** The best candidate seen so far, and the best ordinary (tier B4, not priority) one for [B6]. */
export interface Found {
  best: Ranked | undefined;
  ordinary: Ranked | undefined;
}

/** Offers one eligible candidate to the pick under way. */
export function consider(
  ctx: PolicyContext,
  counter: CounterView,
  now: number,
  found: Found,
  t: Candidate | undefined,
): void {
  if (!t) return;
  const r = rank(ctx, counter, t, now);
  if (!found.best || before(ctx, r, found.best)) found.best = r;
  if (r.tier === REST && !r.isPriority && (!found.ordinary || before(ctx, r, found.ordinary))) found.ordinary = r;
}

/** [B6] The pick: the best, unless N priority calls in a row make way for the best ordinary ticket. */
export function choose(ctx: PolicyContext, counter: CounterView, found: Found): Candidate | undefined {
  const { best, ordinary } = found;
  if (!best) return undefined;
  const ratioBlocks =
    ctx.maxPriorityInRow !== null &&
    counter.priorityStreak >= ctx.maxPriorityInRow &&
    best.tier === REST &&
    best.isPriority;
  return ratioBlocks && ordinary ? ordinary.t : best.t;
}

/** Every eligible candidate in call order (for queue views); the ratio rule is not applied here. */
export function callOrder<T extends Candidate>(
  ctx: PolicyContext,
  counter: CounterView,
  candidates: Iterable<T>,
  now: number,
): T[] {
  const ranked: Ranked[] = [];
  for (const t of candidates) if (eligible(counter, t)) ranked.push(rank(ctx, counter, t, now));
  ranked.sort((x, y) => (before(ctx, x, y) ? -1 : before(ctx, y, x) ? 1 : 0));
  return ranked.map((r) => r.t as T);
}
