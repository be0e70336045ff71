// Projections of a branch's day into the shapes of the protocol: what staff, displays, kiosks and the
// tracking page see. HTTP routes and Socket.IO namespaces both use these, so they never disagree.
import type {
  CallPayload,
  CounterSummary,
  DisplaySnapshot,
  LocalizedText,
  QueueCounts,
  ServiceSummary,
  StaffTicket,
  SubService,
  TicketTracking,
} from '@nobat/protocol';
import {
  counterState,
  type DayState,
  estimate,
  type IndexedConfig,
  issueBlocked,
  type RecentCall,
  type Ticket,
} from '../domain/index.ts';

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function staffTicket(t: Ticket): StaffTicket {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    priority: t.priorityId,
    status: t.status,
    issuedAt: new Date(t.issuedAt).toISOString(),
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    recalls: t.recalls,
    transfers: t.transfers,
    counterId: t.counterId ?? null,
    missingDocuments: t.missingDocuments ?? null,
    note: t.note ?? null,
    targetCounterId: t.targetCounterId ?? null,
  };
}

export function counterSummary(ix: IndexedConfig, state: DayState, counterId: string): CounterSummary | undefined {
  const c = ix.counters.get(counterId);
  if (!c) return undefined;
  const s = counterState(state, counterId);
  const current = s.currentTicketId ? state.tickets.get(s.currentTicketId) : undefined;
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    services: c.services.map((x) => ({
      serviceId: x.serviceId,
      title: ix.services.get(x.serviceId)?.title ?? { fa: x.serviceId },
      weight: x.weight,
    })),
    status: s.status,
    pauseReason: s.pauseReason ?? null,
    serving: current
      ? { ticketId: current.id, number: current.number, serviceId: current.serviceId, status: current.status }
      : null,
  };
}

export function counterSummaries(ix: IndexedConfig, state: DayState): CounterSummary[] {
  const out: CounterSummary[] = [];
  for (const c of ix.config.counters) {
    if (!c.active) continue;
    const s = counterSummary(ix, state, c.id);
    if (s) out.push(s);
  }
  return out.sort((a, b) => a.number - b.number);
}

export function waitingCounts(state: DayState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t) counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
  }
  return counts;
}

const UNAVAILABLE = {
  'service-inactive': 'inactive',
  'branch-closed': 'branch-closed',
  'capacity-reached': 'capacity-reached',
} as const;

/** The domain's answer to "can a ticket be taken now?", in the words of ServiceSummary. */
function unavailability(ix: IndexedConfig, state: DayState, s: SubService, now: number): ServiceSummary['unavailable'] {
  const blocked = issueBlocked(ix, state, s, now);
  return blocked ? UNAVAILABLE[blocked] : null;
}

/** What changes minute to minute for each sub-service: waiting count, estimate, availability. */
function liveFigures(ix: IndexedConfig, state: DayState, now: number) {
  const counts = waitingCounts(state);
  return ix.config.services.map((s) => ({
    service: s,
    waiting: counts.get(s.id) ?? 0,
    etaMinutes: roundEta(estimate(ix, state, now, { serviceId: s.id }).etaMinutes),
    unavailable: unavailability(ix, state, s, now),
  }));
}

export function serviceSummaries(ix: IndexedConfig, state: DayState, now: number): ServiceSummary[] {
  return liveFigures(ix, state, now).map(({ service, ...live }) => ({ ...service, ...live }));
}

export function queueCounts(ix: IndexedConfig, state: DayState, branchId: string, now: number): QueueCounts {
  return {
    branchId,
    version: state.version,
    services: liveFigures(ix, state, now).map(({ service, ...live }) => ({ serviceId: service.id, ...live })),
  };
}

/** Whole minutes, never below zero; null stays null. */
export function roundEta(minutes: number | null): number | null {
  return minutes === null ? null : Math.max(0, Math.round(minutes));
}

export function tracking(ix: IndexedConfig, state: DayState, t: Ticket, now: number): TicketTracking {
  const e = t.status === 'waiting' ? estimate(ix, state, now, { ticketId: t.id }) : { ahead: 0, etaMinutes: 0 };
  const counter =
    t.counterId && (t.status === 'called' || t.status === 'serving') ? ix.counters.get(t.counterId) : undefined;
  return {
    id: t.id,
    branchId: ix.config.branch.id,
    number: t.number,
    serviceId: t.serviceId,
    serviceTitle: ix.services.get(t.serviceId)?.title ?? { fa: t.serviceId },
    status: t.status,
    issuedAt: new Date(t.issuedAt).toISOString(),
    ahead: e.ahead,
    etaMinutes: t.status === 'waiting' ? roundEta(e.etaMinutes) : null,
    counterNumber: counter?.number ?? null,
    calledAt: iso(t.calledAt),
    missingDocuments: missingTitles(ix, t),
  };
}

/** [T8] The titles of the documents found missing at intake, so the visitor's own page lists them. */
function missingTitles(ix: IndexedConfig, t: Ticket): LocalizedText[] | null {
  if (!t.missingDocuments) return null;
  const docs = ix.services.get(t.serviceId)?.info.requiredDocuments ?? [];
  return t.missingDocuments.map((id) => docs.find((d) => d.id === id)?.title ?? { fa: id });
}

export function callPayload(ix: IndexedConfig, state: DayState, call: RecentCall): CallPayload | undefined {
  const t = state.tickets.get(call.ticketId);
  const c = ix.counters.get(call.counterId);
  if (!t || !c) return undefined;
  return {
    ticketId: t.id,
    number: t.number,
    counterId: c.id,
    counterNumber: c.number,
    serviceId: t.serviceId,
    calledAt: new Date(call.at).toISOString(),
    recall: call.recall,
    version: call.version,
  };
}

export function displaySnapshot(ix: IndexedConfig, state: DayState, now: number): DisplaySnapshot {
  const counts = waitingCounts(state);
  const recentCalls: CallPayload[] = [];
  for (let i = state.recentCalls.length - 1; i >= 0; i--) {
    const call = state.recentCalls[i];
    const p = call && callPayload(ix, state, call);
    if (p) recentCalls.push(p);
  }
  return {
    branchId: ix.config.branch.id,
    branchName: ix.config.branch.name,
    day: state.day,
    version: state.version,
    serverTime: new Date(now).toISOString(),
    counters: counterSummaries(ix, state),
    services: ix.config.services
      .filter((s) => s.active)
      .map((s) => ({ id: s.id, title: s.title, waiting: counts.get(s.id) ?? 0 })),
    recentCalls,
  };
}
