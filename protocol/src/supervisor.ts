// The supervisor's live floor of a branch (/supervisor namespace) and the actions they take on it
// (rules SV1–SV4 of server/SPEC.md). The snapshot is staff's, plus the floor's figures; the events are
// staff's, plus a throttled `floor:stats` carrying what only the server can compute (estimates,
// today's counts). Everything else (waiting counts, longest waits, counters) the console folds from
// the events staff already get.
import { z } from 'zod';
import { CounterStatus, type EtaUnknown, StaffTicket, type TicketStatus } from './api.ts';
import { Id } from './model.ts';
import type { SnapshotRequest, StaffServerEvents, StaffSnapshot } from './realtime.ts';

/** [SV4] One sub-service on the floor. */
export interface FloorService {
  serviceId: string;
  /** Its target wait (the policy's), in ms. */
  targetWaitMs: number;
  waiting: number;
  /** The longest current wait, in ms as of the stats' serverTime; 0 when nobody waits. */
  longestWaitMs: number;
  /** Since when the longest waiting ticket waits (its issue time), so a client ticks it; null when none. */
  longestSince: string | null;
  /** The estimate for a ticket taken now: the last in line (E-rules), whole minutes. */
  lastInLineEtaMinutes: number | null;
  etaUnknown: EtaUnknown | null;
  servedToday: number;
  noShowsToday: number;
}

/** [SV4] One counter on the floor. */
export interface FloorCounter {
  counterId: string;
  status: CounterStatus;
  clerk: { id: string; name: string } | null;
  /** Its current ticket (called or being served), with when it was called and started. */
  current: {
    ticketId: string;
    number: string;
    serviceId: string;
    status: TicketStatus;
    calledAt: string | null;
    startedAt: string | null;
  } | null;
  pauseReason: string | null;
  /** [SV3] Since when it is paused; null unless paused. */
  pausedSince: string | null;
}

/** The floor's figures at log version `version`; the newest wins. */
export interface FloorStats {
  branchId: string;
  version: number;
  serverTime: string;
  services: FloorService[];
  counters: FloorCounter[];
}

/** A clerk of the branch, for opening a counter on their behalf. */
export interface FloorClerk {
  id: string;
  name: string;
  /** The counters they may staff (C4); null: any. */
  counters: string[] | null;
}

export interface SupervisorSnapshot extends StaffSnapshot {
  floor: FloorStats;
  clerks: FloorClerk[];
}

export interface SupervisorServerEvents extends Omit<StaffServerEvents, 'snapshot'> {
  snapshot: (s: SupervisorSnapshot) => void;
  /** [SV4] The floor's server-computed figures, throttled per branch. */
  'floor:stats': (s: FloorStats) => void;
}
export interface SupervisorClientEvents {
  'snapshot:request': SnapshotRequest<SupervisorSnapshot>;
}

// ---- REST: /api/v1/branches/{branchId}/supervise/…
/** [SV2] Open a counter for a clerk. */
export const SuperviseOpenBody = z.strictObject({ clerkId: Id });
export type SuperviseOpenBody = z.input<typeof SuperviseOpenBody>;
/** [SV1] Move a waiting ticket: another sub-service, a counter, or both. */
export const MoveTicketBody = z
  .strictObject({ toServiceId: Id.optional(), toCounterId: Id.optional() })
  .refine((b) => b.toServiceId !== undefined || b.toCounterId !== undefined, {
    message: 'name a target service or counter',
  });
export type MoveTicketBody = z.input<typeof MoveTicketBody>;
/** The answer of a move: the ticket as it is now. */
export const MovedTicket = StaffTicket;
/** The answer of a counter action: the counter as the floor shows it now. */
export const FloorCounterAnswer = z.object({
  counterId: Id,
  status: CounterStatus,
  clerk: z.object({ id: z.string(), name: z.string() }).nullable(),
  pauseReason: z.string().nullable(),
  pausedSince: z.string().nullable(),
});
export type FloorCounterAnswer = z.infer<typeof FloorCounterAnswer>;
