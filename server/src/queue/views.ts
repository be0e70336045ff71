// Projections of a branch's day into the shapes of the protocol: what staff, displays, kiosks and the
// tracking page see. HTTP routes and Socket.IO namespaces both use these, so they never disagree.
import type {
  CallPayload,
  ClerkDay,
  ClerkDesk,
  CounterSummary,
  DisplaySnapshot,
  KioskSnapshot,
  LocalizedText,
  QueueCounts,
  ServiceSummary,
  StaffSnapshot,
  StaffTicket,
  SubService,
  TicketTracking,
} from '@nobat/protocol';
import { clerkDay } from '../domain/history.ts';
import {
  callOrder,
  counterState,
  counterView,
  type DayState,
  type DomainEvent,
  estimate,
  heldCounter,
  type IndexedConfig,
  issueBlocked,
  mayStaff,
  type RecentCall,
  type Ticket,
  todayWeights,
  waitingTickets,
} from '../domain/index.ts';
import { withRequestDates } from '../domain/request-log.ts';
import type { RequestRecord } from '../domain/requests.ts';

const MINUTE = 60_000;
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
    parkReason: t.status === 'parked' ? (t.parkReason ?? 'other') : null,
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
  for (const t of waitingTickets(state)) counts.set(t.serviceId, (counts.get(t.serviceId) ?? 0) + 1);
  return counts;
}

/** The tickets waiting for a counter, in the order it would call them; undefined for an unknown counter. */
export function counterQueue(
  ix: IndexedConfig,
  state: DayState,
  counterId: string,
  now: number,
): StaffTicket[] | undefined {
  const today = todayWeights(state, counterId, now); // [TD1]
  const view = counterView(ix.policy, counterId, 0, counterState(state, counterId).recentCalls, today);
  return view && callOrder(ix.policy, view, waitingTickets(state), now).map(staffTicket);
}

/** A clerk's desk as they left it: the counter they hold, its current ticket, its queue, what it parked. */
export function clerkDesk(ix: IndexedConfig, state: DayState, clerkId: string, now: number): ClerkDesk {
  const branch = {
    branchName: ix.config.branch.name,
    priorities: ix.config.priorities,
    mayStaff: ix.config.counters.map((k) => k.id).filter((id) => mayStaff(ix, clerkId, id)),
  };
  const held = heldCounter(state, clerkId);
  const counter = held === undefined ? undefined : counterSummary(ix, state, held);
  if (held === undefined || !counter) return { ...branch, counter: null, current: null, queue: [], parked: [] };
  const current = state.tickets.get(counterState(state, held).currentTicketId ?? '');
  const parked = [...state.tickets.values()].filter((t) => t.status === 'parked' && t.counterId === held);
  return {
    ...branch,
    counter,
    current: current ? staffTicket(current) : null,
    queue: counterQueue(ix, state, held, now) ?? [],
    parked: parked.sort((a, b) => a.queuedAt - b.queuedAt).map(staffTicket),
  };
}

/**
 * [H2] A clerk's day (tally and جدول ۲) from the day's log, as the protocol gives it; [RD6] with the
 * back-office dates of the requests made from its tickets, when given.
 */
export function clerkDayView(
  ix: IndexedConfig,
  day: string,
  events: readonly DomainEvent[],
  clerkId: string,
  requests: readonly RequestRecord[] = [],
): ClerkDay {
  const tally = clerkDay(ix.config, events, clerkId);
  const d = { ...tally, log: withRequestDates(tally.log, requests, ix.config.branch.timeZone) };
  return {
    clerkId,
    day,
    served: d.served,
    noShows: d.noShows,
    averageServeMinutes: d.averageServeMs === null ? null : d.averageServeMs / MINUTE,
    log: d.log.map(({ serveMs, ...r }) => ({
      ...r,
      receivedAt: new Date(r.receivedAt).toISOString(),
      promisedAt: new Date(r.promisedAt).toISOString(),
      handedAt: iso(r.handedAt ?? undefined),
      respondedAt: iso(r.respondedAt ?? undefined),
      deliveredAt: iso(r.deliveredAt ?? undefined),
      serveMinutes: serveMs === null ? null : serveMs / MINUTE,
    })),
  };
}

const UNAVAILABLE = {
  'service-inactive': 'inactive',
  'branch-closed': 'branch-closed',
  'capacity-reached': 'capacity-reached',
  'service-closed-today': 'closed-today',
} as const;

/** The domain's answer to "can a ticket be taken now?", in the words of ServiceSummary. */
function unavailability(ix: IndexedConfig, state: DayState, s: SubService, now: number): ServiceSummary['unavailable'] {
  const blocked = issueBlocked(ix, state, s, now);
  return blocked ? UNAVAILABLE[blocked] : null;
}

/** What changes minute to minute for each sub-service: waiting count, estimate, availability. */
function liveFigures(ix: IndexedConfig, state: DayState, now: number) {
  const counts = waitingCounts(state);
  return ix.config.services.map((s) => {
    const e = estimate(ix, state, now, { serviceId: s.id });
    return {
      service: s,
      waiting: counts.get(s.id) ?? 0,
      etaMinutes: roundEta(e.etaMinutes),
      etaUnknown: e.etaUnknown,
      unavailable: unavailability(ix, state, s, now),
    };
  });
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
  const e = t.status === 'waiting' ? estimate(ix, state, now, { ticketId: t.id }) : undefined;
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
    ahead: e?.ahead ?? 0,
    etaMinutes: roundEta(e?.etaMinutes ?? null),
    etaUnknown: e?.etaUnknown ?? null,
    parkReason: t.status === 'parked' ? (t.parkReason ?? 'other') : null,
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

/** The visitor's tracking page of a ticket (the QR code on the slip). */
export function trackingUrl(publicUrl: string, ticketId: string): string {
  return `${publicUrl}/t/${encodeURIComponent(ticketId)}`;
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

/** What staff screens get on connect: the display snapshot plus the waiting and parked tickets. */
export function staffSnapshot(ix: IndexedConfig, state: DayState, now: number): StaffSnapshot {
  const tickets = [...state.tickets.values()];
  return {
    ...displaySnapshot(ix, state, now),
    waiting: tickets.filter((t) => t.status === 'waiting').map(staffTicket),
    parked: tickets.filter((t) => t.status === 'parked').map(staffTicket),
    serving: tickets.filter((t) => t.status === 'called' || t.status === 'serving').map(staffTicket),
  };
}

/** What a kiosk gets on connect: groups, sub-services with their live figures, and the priority
 * classes a visitor may choose (appointments come from the booking system, not the kiosk). */
export function kioskSnapshot(ix: IndexedConfig, state: DayState, now: number): KioskSnapshot {
  const { config } = ix;
  return {
    branchId: config.branch.id,
    branchName: config.branch.name,
    version: state.version,
    serverTime: new Date(now).toISOString(),
    groups: [...config.groups].sort((a, b) => a.order - b.order),
    services: serviceSummaries(ix, state, now),
    priorities: config.priorities.filter((p) => p.kind !== 'appointment'),
  };
}
