// [SV4] The live floor as the page shows it, from what the console follows: the /supervisor snapshot
// folded with the staff events by the shared fold (client/src/follow.ts followBranch), and the
// server's throttled `floor:stats`. Waiting counts, longest waits, counter states and current
// tickets come from the fold, so they move with each event; estimates, today's counts, clerks and
// pauses' start from the newest stats. Pure: `now` comes in.
import type { Followed } from '@nobat/client';
import type {
  CounterStatus,
  EtaUnknown,
  FloorStats,
  LocalizedText,
  StaffTicket,
  SupervisorSnapshot,
  TicketStatus,
} from '@nobat/protocol';

export type WaitTone = 'within' | 'near' | 'past';

/** [SV4] A wait against its target: within below 75 %, near up to the target, past beyond it. */
export function waitTone(waitMs: number, targetMs: number): WaitTone {
  if (targetMs <= 0) return waitMs > 0 ? 'past' : 'within';
  if (waitMs > targetMs) return 'past';
  return waitMs >= 0.75 * targetMs ? 'near' : 'within';
}

/** The stats to show: the newest by log version (a late, older push never replaces a newer one). */
export function newerStats(shown: FloorStats | null, arrived: FloorStats): FloorStats {
  if (!shown || shown.branchId !== arrived.branchId) return arrived;
  return arrived.version >= shown.version ? arrived : shown;
}

export interface ServiceRow {
  serviceId: string;
  title: LocalizedText;
  waiting: number;
  longestWaitMs: number;
  targetWaitMs: number;
  tone: WaitTone;
  etaMinutes: number | null;
  etaUnknown: EtaUnknown | null;
  /** The stats were computed for another queue than the one shown: their estimate is on its way. */
  etaPending: boolean;
  servedToday: number;
  noShowsToday: number;
}

export interface CounterRow {
  counterId: string;
  number: number;
  title: LocalizedText;
  status: CounterStatus;
  clerk: { id: string; name: string } | null;
  current: { ticketId: string; number: string; serviceId: string; status: TicketStatus; servingMs: number } | null;
  pauseReason: string | null;
  /** How long it has been paused; null when not paused or not yet known. */
  pausedMs: number | null;
  serviceIds: string[];
}

export interface WaitingRow {
  ticket: StaffTicket;
  waitedMs: number;
}

export interface FloorRows {
  services: ServiceRow[];
  counters: CounterRow[];
  /** Waiting tickets per sub-service, longest waiting first. */
  waiting: Map<string, WaitingRow[]>;
}

const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

export function floorRows(live: Followed<SupervisorSnapshot>, stats: FloorStats, now: number): FloorRows {
  const view = live.view;
  const waiting = new Map<string, WaitingRow[]>();
  for (const t of view.waiting) {
    const list = waiting.get(t.serviceId) ?? [];
    list.push({ ticket: t, waitedMs: Math.max(0, now - at(t.issuedAt)) });
    waiting.set(t.serviceId, list);
  }
  for (const list of waiting.values()) list.sort((a, b) => b.waitedMs - a.waitedMs);

  const titles = new Map(view.services.map((s) => [s.id, s.title]));
  const services: ServiceRow[] = stats.services.map((s) => {
    const list = waiting.get(s.serviceId) ?? [];
    const longestWaitMs = list[0]?.waitedMs ?? 0;
    return {
      serviceId: s.serviceId,
      title: titles.get(s.serviceId) ?? { fa: s.serviceId },
      waiting: list.length,
      longestWaitMs,
      targetWaitMs: s.targetWaitMs,
      tone: waitTone(longestWaitMs, s.targetWaitMs),
      etaMinutes: list.length > 0 ? s.lastInLineEtaMinutes : null,
      etaUnknown: list.length > 0 ? s.etaUnknown : null,
      etaPending: list.length !== s.waiting,
      servedToday: s.servedToday,
      noShowsToday: s.noShowsToday,
    };
  });

  const floorCounters = new Map(stats.counters.map((c) => [c.counterId, c]));
  const atCounter = new Map((view.serving ?? []).map((t) => [t.id, t]));
  const counters: CounterRow[] = view.counters.map((c) => {
    const f = floorCounters.get(c.id);
    // The clerk and the pause's start are the stats'; they hold while the stats saw the same state.
    const clerk = c.status === 'closed' || !f || f.status === 'closed' ? null : f.clerk;
    const pausedSince = c.status === 'paused' && f?.status === 'paused' ? at(f.pausedSince) : Number.NaN;
    let current: CounterRow['current'] = null;
    if (c.serving) {
      const t = atCounter.get(c.serving.ticketId);
      const since = at(t?.startedAt ?? t?.calledAt ?? null);
      current = {
        ticketId: c.serving.ticketId,
        number: c.serving.number,
        serviceId: c.serving.serviceId,
        status: t?.status ?? c.serving.status,
        servingMs: Number.isNaN(since) ? 0 : Math.max(0, now - since),
      };
    }
    return {
      counterId: c.id,
      number: c.number,
      title: c.title,
      status: c.status,
      clerk,
      current,
      pauseReason: c.status === 'paused' ? c.pauseReason : null,
      pausedMs: Number.isNaN(pausedSince) ? null : Math.max(0, now - pausedSince),
      serviceIds: c.services.map((s) => s.serviceId),
    };
  });
  return { services, counters, waiting };
}
