// Staffing advice from the branch's own history (SPEC "Staffing advice", SA1–SA5, SA10–SA11): the
// same weekday of recent weeks gives, per sub-service and local hour, arrivals, serving time and
// no-show share; Erlang C (or Erlang A where visitors leave) turns them into counters needed; and the
// live advice replays the next hour with the real policy for each candidate move of a counter.
// Pure: the days' events, the configuration and the instant come in.
import type { Balancing, BranchConfig } from '@nobat/protocol';
import type { IndexedConfig } from './decide.ts';
import { averageServiceMs } from './estimate.ts';
import type { DomainEvent } from './events.ts';
import { localMoment } from './local-time.ts';
import { planHours } from './staffing.ts';
import { type DayState, waitingTickets } from './state.ts';
import { type PlanCounter, replay, type SimTicket } from './what-if.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** [SA3] A no-show share at or above this is "significant": the row is planned with Erlang A. */
export const NO_SHOW_SIGNIFICANT = 0.05;
/** [SA4] The share of visitors to be called within the target, unless asked otherwise. */
export const DEFAULT_PROBABILITY = 0.8;
/** [SA1] Weeks looked back by default, and at most. */
export const DEFAULT_WEEKS = 4;
export const MAX_WEEKS = 12;

const weekdayOf = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * [SA1] The days to learn from for `day`: its weekday in each of the `weeks` weeks before it that has
 * a log; if none has, the most recent `weeks` earlier days of that weekday with a log.
 */
export function adviceDays(logged: readonly string[], day: string, weeks = DEFAULT_WEEKS): string[] {
  const have = new Set(logged);
  const exact: string[] = [];
  for (let k = 1; k <= weeks; k++) {
    const d = addDays(day, -7 * k);
    if (have.has(d)) exact.push(d);
  }
  if (exact.length > 0) return exact;
  const wd = weekdayOf(day);
  return [...logged]
    .filter((d) => d < day && weekdayOf(d) === wd)
    .sort()
    .reverse()
    .slice(0, weeks);
}

/** One sub-service's demand in one local hour, averaged over the days learnt from. */
export interface HourHistory {
  serviceId: string;
  /** Start of the local hour (0–23). */
  hour: number;
  arrivalsPerHour: number;
  /** Mean counter occupancy (call → end of the visit), minutes: what the estimate's E1 averages. */
  meanServiceMinutes: number;
  /** Visits that ended as no-shows, of those called in the hour. */
  noShowShare: number;
  /** Mean wait (issue → first call) of the hour's arrivals that were called, minutes. */
  meanWaitMinutes: number;
}

/**
 * [SA2] Per sub-service and local hour: tickets issued in the hour divided by the number of days;
 * mean occupancy of the visits called in the hour (first call → finish, no-show, transfer, park or
 * cancel, as E1 counts it) — with no visit in that hour, the sub-service's mean over all hours, else
 * its configured average; the no-show share of those visits; the mean wait of the hour's arrivals.
 */
export function hourlyHistory(config: BranchConfig, days: readonly (readonly DomainEvent[])[]): HourHistory[] {
  const tz = config.branch.timeZone;
  const hourOf = (at: number) => Number(localMoment(at, tz).time.slice(0, 2));
  type Acc = { issued: number; hold: number; holds: number; noShows: number; wait: number; waits: number };
  const acc = new Map<string, Acc>();
  const cell = (serviceId: string, hour: number) => {
    const key = `${serviceId}|${hour}`;
    let a = acc.get(key);
    if (!a) {
      a = { issued: 0, hold: 0, holds: 0, noShows: 0, wait: 0, waits: 0 };
      acc.set(key, a);
    }
    return a;
  };
  const perService = new Map<string, { hold: number; n: number }>();
  for (const events of days) {
    const issued = new Map<string, { serviceId: string; at: number }>();
    const called = new Map<string, { at: number; serviceId: string }>();
    const done = new Set<string>();
    for (const e of events) {
      if (e.type === 'TicketIssued') {
        issued.set(e.ticketId, { serviceId: e.serviceId, at: e.at });
        cell(e.serviceId, hourOf(e.at)).issued++;
      } else if (e.type === 'TicketCalled' && !called.has(e.ticketId)) {
        const t = issued.get(e.ticketId);
        if (!t) continue;
        called.set(e.ticketId, { at: e.at, serviceId: t.serviceId });
        const c = cell(t.serviceId, hourOf(t.at));
        c.wait += e.at - t.at;
        c.waits++;
      } else if (
        e.type === 'ServiceFinished' ||
        e.type === 'MarkedNoShow' ||
        e.type === 'Transferred' ||
        e.type === 'Parked' ||
        e.type === 'TicketCancelled'
      ) {
        const c = called.get(e.ticketId);
        if (!c || done.has(e.ticketId)) continue;
        done.add(e.ticketId);
        const x = cell(c.serviceId, hourOf(c.at));
        x.hold += e.at - c.at;
        x.holds++;
        if (e.type === 'MarkedNoShow') x.noShows++;
        const s = perService.get(c.serviceId) ?? { hold: 0, n: 0 };
        s.hold += e.at - c.at;
        s.n++;
        perService.set(c.serviceId, s);
      }
    }
  }
  const n = Math.max(1, days.length);
  const configured = new Map(config.services.map((s) => [s.id, s.averageServiceMinutes]));
  const rows: HourHistory[] = [];
  for (const [key, a] of acc) {
    const [serviceId = '', hour = '0'] = key.split('|');
    const all = perService.get(serviceId);
    const mean =
      a.holds > 0
        ? a.hold / a.holds / MINUTE
        : all && all.n > 0
          ? all.hold / all.n / MINUTE
          : (configured.get(serviceId) ?? 5);
    rows.push({
      serviceId,
      hour: Number(hour),
      arrivalsPerHour: a.issued / n,
      meanServiceMinutes: Math.max(mean, 1 / 60),
      noShowShare: a.holds > 0 ? a.noShows / a.holds : 0,
      meanWaitMinutes: a.waits > 0 ? a.wait / a.waits / MINUTE : 0,
    });
  }
  const order = new Map(config.services.map((s, i) => [s.id, i]));
  return rows.sort((x, y) => (order.get(x.serviceId) ?? 99) - (order.get(y.serviceId) ?? 99) || x.hour - y.hour);
}

export type StaffingModel = 'erlang-c' | 'erlang-a';

export interface AdviceRow extends HourHistory {
  targetWaitMinutes: number;
  targetProbability: number;
  /** Counters needed for the sub-service in that hour. */
  counters: number;
  model: StaffingModel;
  /** With Erlang A: the mean patience (minutes) it was computed with. */
  patienceMinutes: number | null;
  /** The share within target the model expects with `counters`. */
  serviceLevel: number;
}

/**
 * [SA3][SA4] Counters needed per row so the sub-service's visitors are called within its target wait
 * with probability `probability` (W6's planHours). Where the no-show share is significant (SA3) the row
 * uses Erlang A (W5), with the mean patience estimated as mean wait ÷ no-show share (for exponential
 * patience P(leave) = E[wait]/patience); elsewhere, or when no wait was seen, Erlang C (W4).
 */
export function advise(
  config: BranchConfig,
  history: readonly HourHistory[],
  probability = DEFAULT_PROBABILITY,
): AdviceRow[] {
  const targets = new Map(config.services.map((s) => [s.id, s.targetWaitMinutes]));
  return history.map((h) => {
    const target = targets.get(h.serviceId) ?? 20;
    const patience =
      h.noShowShare >= NO_SHOW_SIGNIFICANT && h.meanWaitMinutes > 0
        ? Math.max(1, h.meanWaitMinutes / h.noShowShare)
        : null;
    const [plan] = planHours(
      [{ hour: h.hour, arrivalsPerHour: h.arrivalsPerHour, meanServiceMinutes: h.meanServiceMinutes }],
      {
        targetWaitMinutes: target,
        targetProbability: probability,
        ...(patience !== null ? { meanPatienceMinutes: patience } : {}),
      },
    );
    const useA = patience !== null && plan?.countersWithAbandonment !== undefined;
    return {
      ...h,
      targetWaitMinutes: target,
      targetProbability: probability,
      counters: useA ? (plan?.countersWithAbandonment ?? 0) : (plan?.counters ?? 0),
      model: useA ? 'erlang-a' : 'erlang-c',
      patienceMinutes: patience,
      serviceLevel: plan?.serviceLevel ?? 1,
    };
  });
}

/** The instant a local hour of a local day begins in `timeZone`. */
export function localHourStart(day: string, hour: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const want = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hour);
  let t = want;
  for (let i = 0; i < 3; i++) {
    const lm = localMoment(t, timeZone);
    const [ly, lmo, ld] = lm.day.split('-').map(Number);
    const seen = Date.UTC(ly ?? 1970, (lmo ?? 1) - 1, ld ?? 1, Number(lm.time.slice(0, 2)), Number(lm.time.slice(3)));
    if (seen === want) break;
    t += want - seen;
  }
  return t;
}

/**
 * [SA5] The advice as a counter plan for `day`: for each sub-service and hour, as many counters as the
 * advice asks, each taking the sub-service as main (weight 2) and helping the others (weight 1),
 * numbered from 1; counter k of a sub-service is staffed in the hours that need more than k.
 */
export function planFromAdvice(
  config: BranchConfig,
  advice: readonly AdviceRow[],
  day: string,
  maxCounters?: number,
): PlanCounter[] {
  const tz = config.branch.timeZone;
  const services = config.services.map((s) => s.id);
  const rows = maxCounters === undefined ? advice : withinStaff(advice, maxCounters);
  const plan: PlanCounter[] = [];
  let number = 1;
  for (const serviceId of services) {
    const mine = rows.filter((r) => r.serviceId === serviceId);
    const most = Math.max(0, ...mine.map((r) => r.counters));
    for (let k = 0; k < most; k++) {
      const windows = mine
        .filter((r) => r.counters > k)
        .map((r) => ({ from: localHourStart(day, r.hour, tz), until: localHourStart(day, r.hour + 1, tz) }))
        .sort((a, b) => a.from - b.from);
      const merged: { from: number; until: number }[] = [];
      for (const w of windows) {
        const lastW = merged[merged.length - 1];
        if (lastW && lastW.until >= w.from) lastW.until = Math.max(lastW.until, w.until);
        else merged.push({ ...w });
      }
      plan.push({
        id: `advised-${serviceId}-${k + 1}`,
        number: number++,
        services: services.map((s) => ({ serviceId: s, weight: s === serviceId ? 2 : 1 })),
        windows: merged,
      });
    }
  }
  return plan;
}

/**
 * [SA5] The advice within a staff of `maxCounters` per hour: where the sub-services together need
 * more, the counters are shared in proportion to their needs (largest remainder, ties to the
 * sub-service listed first), every sub-service that needs one keeping at least one while counters last.
 */
export function withinStaff(rows: readonly AdviceRow[], maxCounters: number): AdviceRow[] {
  const out = rows.map((r) => ({ ...r }));
  const hours = [...new Set(out.map((r) => r.hour))];
  for (const hour of hours) {
    const mine = out.filter((r) => r.hour === hour && r.counters > 0);
    const total = mine.reduce((s, r) => s + r.counters, 0);
    if (total <= maxCounters) continue;
    const exact = mine.map((r) => (r.counters * maxCounters) / total);
    const given = exact.map((x) => Math.floor(x));
    let left = maxCounters - given.reduce((s, x) => s + x, 0);
    // First one each for those given none, then by the largest remainder.
    for (let i = 0; i < mine.length && left > 0; i++) {
      if (given[i] === 0) {
        given[i] = 1;
        left--;
      }
    }
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) {
      if (left <= 0) break;
      if ((given[i] ?? 0) > Math.floor(exact[i] ?? 0)) continue;
      given[i] = (given[i] ?? 0) + 1;
      left--;
    }
    mine.forEach((r, i) => {
      r.counters = given[i] ?? 0;
    });
  }
  return out;
}

/** [SA10] A sub-service now: counters serving it, counters needed, and when it is back within target. */
export interface LiveService {
  serviceId: string;
  waiting: number;
  /** Open (or paused) counters that serve it. */
  serving: number;
  needed: number;
  /** When the queue is back within target with `needed` counters; null when it is already. */
  backWithinTargetAt: number | null;
}

/** [SA11] Moving a counter: serve `serviceId` as its main sub-service (highest weight) for the hour. */
export interface Move {
  counterId: string;
  serviceId: string;
  /** The counter's weights after the move. */
  weights: { serviceId: string; weight: number }[];
  /** Tickets past target over the next hour's replay, without and with the move(s) so far. */
  pastTargetBefore: number;
  pastTargetAfter: number;
}

export interface LiveAdvice {
  at: number;
  services: LiveService[];
  moves: Move[];
}

/**
 * [SA10][SA11] Advice for now. Per sub-service: its serving counters; the counters needed = the hour's
 * advised counters, or more while the backlog (tickets already past target, and the queue above what
 * the rate keeps) cannot drain within the hour at (N − A)/h tickets a minute; the time it is back.
 * Moves: each open counter taking each sub-service as its main one is replayed over the next hour
 * (E4's policy through `replay`, the branch's balancing; the waiting tickets; arrivals from the
 * history's rates, evenly spaced) and the move removing the most tickets past target is kept; then,
 * on top of it, the next best, up to `maxMoves`. Only moves that remove at least one are given.
 */
export function liveAdvice(
  ix: IndexedConfig,
  state: DayState,
  now: number,
  rows: readonly AdviceRow[],
  maxMoves = 2,
): LiveAdvice {
  const config = ix.config;
  const tz = config.branch.timeZone;
  const hour = Number(localMoment(now, tz).time.slice(0, 2));
  const open = [...state.counters.values()].filter(
    (c) => c.status !== 'closed' && ix.counters.get(c.id)?.active !== false && ix.counters.has(c.id),
  );
  const waiting = [...waitingTickets(state)];
  const rowOf = (serviceId: string) => rows.find((r) => r.serviceId === serviceId && r.hour === hour);

  const services: LiveService[] = config.services
    .filter((s) => s.active)
    .map((s) => {
      const queue = waiting.filter((t) => t.serviceId === s.id).length;
      const serving = open.filter((c) => ix.counters.get(c.id)?.services.some((x) => x.serviceId === s.id)).length;
      const row = rowOf(s.id);
      const h = averageServiceMs(ix, state, s.id) / MINUTE;
      const load = ((row?.arrivalsPerHour ?? 0) / 60) * h;
      let needed = row?.counters ?? 0;
      if (queue > 0) needed = Math.max(needed, 1);
      const drain = (n: number) => (n > load ? (queue * h) / (n - load) : Number.POSITIVE_INFINITY);
      while (queue > 0 && drain(needed) > 60 && needed < 200) needed++;
      const targetMs = s.targetWaitMinutes * MINUTE;
      const late = waiting.some((t) => t.serviceId === s.id && now - t.queuedAt > targetMs);
      const backAt = late ? now + Math.round(drain(needed) * MINUTE) : null;
      return { serviceId: s.id, waiting: queue, serving, needed, backWithinTargetAt: backAt };
    });

  // The next hour's arrivals from the history's rates, evenly spaced, normal class.
  const arrivals: SimTicket[] = [];
  const hold = (serviceId: string) => averageServiceMs(ix, state, serviceId);
  for (const s of config.services) {
    const rate = rowOf(s.id)?.arrivalsPerHour ?? 0;
    const count = Math.round(rate);
    for (let k = 0; k < count; k++) {
      arrivals.push({
        id: `~next-${s.id}-${k}`,
        serviceId: s.id,
        priorityId: ix.normalPriorityId,
        queuedAt: now + Math.round(((k + 0.5) * HOUR) / count),
        order: Number.MAX_SAFE_INTEGER - arrivals.length,
        holdMs: hold(s.id),
      });
    }
  }
  const present: SimTicket[] = waiting.map((t) => ({
    id: t.id,
    serviceId: t.serviceId,
    priorityId: t.priorityId,
    queuedAt: t.queuedAt,
    order: t.order,
    ...(t.appointmentAt !== undefined ? { appointmentAt: t.appointmentAt } : {}),
    ...(t.targetCounterId !== undefined ? { targetCounterId: t.targetCounterId } : {}),
    holdMs: hold(t.serviceId),
  }));
  const starts = new Map(
    open.map((c) => {
      const cur = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
      const busy = cur?.calledAt !== undefined ? Math.max(now, cur.calledAt + hold(cur.serviceId)) : now;
      return [c.id, { busyUntil: busy, priorityStreak: c.priorityStreak, recentCalls: c.recentCalls }];
    }),
  );
  const basePlan: PlanCounter[] = open.flatMap((c) => {
    const cfg = ix.counters.get(c.id);
    if (!cfg) return [];
    return [
      {
        id: c.id,
        number: cfg.number,
        services: cfg.services.map((x) => ({ serviceId: x.serviceId, weight: x.weight })),
        ...(cfg.balancing ? { balancing: cfg.balancing as Balancing } : {}),
        windows: [{ from: now, until: now + HOUR }],
      },
    ];
  });
  const targets = new Map(config.services.map((s) => [s.id, s.targetWaitMinutes * MINUTE]));
  const all = [...present, ...arrivals];
  const end = now + HOUR;
  const pastTarget = (plan: PlanCounter[]) => {
    const calls = replay(config, arrivals, plan, { start: now, end, counters: starts, waiting: present });
    const calledAt = new Map(calls.map((c) => [c.ticketId, c.at]));
    let past = 0;
    for (const t of all) {
      const at = calledAt.get(t.id) ?? end;
      if (at - t.queuedAt > (targets.get(t.serviceId) ?? 20 * MINUTE)) past++;
    }
    return past;
  };

  const moves: Move[] = [];
  let plan = basePlan;
  let current = pastTarget(plan);
  for (let round = 0; round < maxMoves; round++) {
    let best: { plan: PlanCounter[]; move: Move } | undefined;
    for (const c of plan) {
      if (moves.some((m) => m.counterId === c.id)) continue;
      const top = Math.max(...c.services.map((x) => x.weight));
      for (const s of config.services) {
        if (!s.active) continue;
        const mine = c.services.find((x) => x.serviceId === s.id);
        if (mine && mine.weight === top && c.services.filter((x) => x.weight === top).length === 1) continue;
        const weight = Math.min(10, top + 1);
        const weights = [
          ...c.services
            .filter((x) => x.serviceId !== s.id)
            .map((x) => ({ ...x, weight: Math.min(x.weight, weight - 1) })),
          { serviceId: s.id, weight },
        ].map((x) => ({ serviceId: x.serviceId, weight: Math.max(1, x.weight) }));
        const trial = plan.map((p) => (p.id === c.id ? { ...p, services: weights } : p));
        const after = pastTarget(trial);
        if (after < current && (!best || after < best.move.pastTargetAfter)) {
          best = {
            plan: trial,
            move: { counterId: c.id, serviceId: s.id, weights, pastTargetBefore: current, pastTargetAfter: after },
          };
        }
      }
    }
    if (!best) break;
    moves.push(best.move);
    plan = best.plan;
    current = best.move.pastTargetAfter;
  }
  return { at: now, services, moves };
}
