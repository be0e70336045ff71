// [SV4] The supervisor's floor: the staff snapshot plus per sub-service and per counter figures.
// Waiting counts and longest waits the console also folds from events; estimates and today's counts
// only the server knows, so they also go out throttled as `floor:stats`.
import type { FloorCounter, FloorService, FloorStats, SupervisorSnapshot } from '@nobat/protocol';
import { counterState, type DayState, estimate, type IndexedConfig, type Ticket } from '../domain/index.ts';
import { roundEta, staffSnapshot } from './views.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function floorStats(ix: IndexedConfig, state: DayState, now: number): FloorStats {
  const oldest = new Map<string, Ticket>();
  const last = new Map<string, Ticket>();
  const waiting = new Map<string, number>();
  const served = new Map<string, number>();
  const noShows = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const t of state.tickets.values()) {
    if (t.status === 'finished') bump(served, t.serviceId);
    else if (t.status === 'no-show') bump(noShows, t.serviceId);
    else if (t.status === 'waiting') {
      bump(waiting, t.serviceId);
      const o = oldest.get(t.serviceId);
      if (!o || t.issuedAt < o.issuedAt) oldest.set(t.serviceId, t);
      const l = last.get(t.serviceId);
      if (!l || t.order > l.order) last.set(t.serviceId, t);
    }
  }
  const services: FloorService[] = ix.config.services
    .filter((s) => s.active || waiting.has(s.id))
    .map((s) => {
      const o = oldest.get(s.id);
      const l = last.get(s.id);
      // The estimate of the last ticket in line; with nobody waiting, none.
      const e = l ? estimate(ix, state, now, { ticketId: l.id }) : null;
      return {
        serviceId: s.id,
        targetWaitMs: ix.policy.targetMs.get(s.id) ?? 0,
        waiting: waiting.get(s.id) ?? 0,
        longestWaitMs: o ? Math.max(0, now - o.issuedAt) : 0,
        longestSince: iso(o?.issuedAt),
        lastInLineEtaMinutes: e ? roundEta(e.etaMinutes) : null,
        etaUnknown: e?.etaUnknown ?? null,
        servedToday: served.get(s.id) ?? 0,
        noShowsToday: noShows.get(s.id) ?? 0,
      };
    });
  const names = new Map(ix.config.clerks.map((c) => [c.id, c.name]));
  const counters: FloorCounter[] = ix.config.counters
    .filter((c) => c.active)
    .sort((a, b) => a.number - b.number)
    .map((c) => {
      const s = counterState(state, c.id);
      const t = s.currentTicketId ? state.tickets.get(s.currentTicketId) : undefined;
      return {
        counterId: c.id,
        status: s.status,
        clerk: s.clerkId ? { id: s.clerkId, name: names.get(s.clerkId) ?? s.clerkId } : null,
        current: t
          ? {
              ticketId: t.id,
              number: t.number,
              serviceId: t.serviceId,
              status: t.status,
              calledAt: iso(t.calledAt),
              startedAt: iso(t.startedAt),
            }
          : null,
        pauseReason: s.status === 'paused' ? (s.pauseReason ?? null) : null,
        pausedSince: s.status === 'paused' ? iso(s.pausedAt) : null,
      };
    });
  return { branchId: ix.config.branch.id, version: state.version, serverTime: iso(now) ?? '', services, counters };
}

/** What the /supervisor namespace sends on connect. */
export function supervisorSnapshot(ix: IndexedConfig, state: DayState, now: number): SupervisorSnapshot {
  return {
    ...staffSnapshot(ix, state, now),
    floor: floorStats(ix, state, now),
    clerks: ix.config.clerks
      .filter((c) => c.active)
      .map((c) => ({ id: c.id, name: c.name, counters: c.counters ?? null })),
  };
}
