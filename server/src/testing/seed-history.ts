// Past days for a branch, written to its store as the server would have logged them: seeded arrivals
// per sub-service, every active counter staffed from `open` to `close` local time, calls as the real
// policy makes them (the what-if replay, SA6), each visit finished or marked a no-show. For tests of
// the staffing advice and what-if through HTTP and in Chromium.
import type { BranchConfig } from '@nobat/protocol';
import { localHourStart } from '../domain/advice.ts';
import type { DomainEvent } from '../domain/events.ts';
import { replay, type SimTicket } from '../domain/what-if.ts';
import type { Store } from '../store/port.ts';
import { rng } from './day-sim.ts';

const MIN = 60_000;

export interface SeedDayOptions {
  seed: number;
  /** Local hours the counters are staffed (default 8 to 13). */
  open?: number;
  close?: number;
  /** Arrivals per hour of each sub-service (default 6). */
  perHour?: (serviceId: string) => number;
  noShowShare?: number;
  /** Counters staffed that day (default every active one). */
  counters?: string[];
}

/** One past day's events for `day` (ISO, the branch's local calendar). */
export function seededDay(config: BranchConfig, day: string, opts: SeedDayOptions): DomainEvent[] {
  const random = rng(opts.seed);
  const tz = config.branch.timeZone;
  const from = localHourStart(day, opts.open ?? 8, tz);
  const until = localHourStart(day, opts.close ?? 13, tz);
  const tickets: SimTicket[] = [];
  const noShow = new Set<string>();
  for (const s of config.services.filter((x) => x.active)) {
    const rate = (opts.perHour?.(s.id) ?? 6) / 60;
    if (rate <= 0) continue;
    for (let t = from - (Math.log(1 - random()) / rate) * MIN; t < until; t += (-Math.log(1 - random()) / rate) * MIN) {
      const id = `${day}~${s.id}~${tickets.length}`;
      tickets.push({
        id,
        serviceId: s.id,
        priorityId: 'normal',
        queuedAt: Math.round(t),
        order: 0,
        holdMs: Math.round(s.averageServiceMinutes * MIN * (0.5 + random())),
      });
      if (random() < (opts.noShowShare ?? 0)) noShow.add(id);
    }
  }
  tickets.sort((a, b) => a.queuedAt - b.queuedAt);
  tickets.forEach((t, i) => {
    t.order = i;
    if (noShow.has(t.id)) t.holdMs = MIN;
  });
  const staffed = config.counters.filter((c) => c.active && (!opts.counters || opts.counters.includes(c.id)));
  const plan = staffed.map((c) => ({
    id: c.id,
    number: c.number,
    services: c.services.map((s) => ({ serviceId: s.serviceId, weight: s.weight })),
    windows: [{ from, until: until + 60 * MIN }],
  }));
  const calls = replay(config, tickets, plan);
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const events: DomainEvent[] = [];
  const clerkId = 'seeded';
  for (const c of staffed) events.push({ type: 'CounterOpened', at: from, counterId: c.id, clerkId });
  tickets.forEach((t, i) => {
    events.push({
      type: 'TicketIssued',
      at: t.queuedAt,
      ticketId: t.id,
      number: String(1000 + i),
      value: 1000 + i,
      serviceId: t.serviceId,
      priorityId: t.priorityId,
      source: { kind: 'web' },
    });
  });
  // A counter closes at the end of its window, or when its last visit ends if later.
  const closeAt = new Map(staffed.map((c) => [c.id, until + 60 * MIN]));
  for (const call of calls) {
    const t = byId.get(call.ticketId);
    if (!t) continue;
    const at = { ticketId: t.id, counterId: call.counterId, clerkId };
    const end = call.at + t.holdMs;
    closeAt.set(call.counterId, Math.max(closeAt.get(call.counterId) ?? 0, end));
    events.push({ type: 'TicketCalled', at: call.at, how: 'next', ...at });
    if (noShow.has(t.id)) events.push({ type: 'MarkedNoShow', at: end, auto: false, ...at });
    else {
      events.push({ type: 'ServiceStarted', at: call.at, ...at });
      events.push({ type: 'ServiceFinished', at: end, ...at });
    }
  }
  for (const c of staffed)
    events.push({ type: 'CounterClosed', at: closeAt.get(c.id) ?? until, counterId: c.id, clerkId });
  // Stable by time: an issue before the call at the same instant, a call before its start.
  return events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([e]) => e);
}

/** Writes seeded past days to the store (each day's log must be empty). */
export async function seedHistory(
  store: Store,
  config: BranchConfig,
  days: readonly string[],
  opts: Omit<SeedDayOptions, 'seed'> & { seed?: number } = {},
): Promise<void> {
  for (const [i, day] of days.entries()) {
    const events = seededDay(config, day, { ...opts, seed: (opts.seed ?? 1) * 1000 + i });
    const r = await store.appendEvents(config.branch.id, day, 0, events);
    if (!r.ok) throw new Error(`seedHistory: ${day} already has a log`);
  }
}
