// Socket.IO event maps, one pair per namespace, shared by the server and every client. Every event
// a client sends is parsed with its schema on arrival, and answered with an Ack.
import { z } from 'zod';
import type { CounterSummary, EtaUnknown, ServiceSummary, StaffTicket, TicketTracking } from './api.ts';
import type { BridgeTestRequest, BridgeTestResult, BusReport } from './bus.ts';
import type { Message } from './errors.ts';
import type { Alert, DeviceHealth } from './health.ts';
import { Id, type LocalizedText, type PriorityClass, type ServiceGroup } from './model.ts';
import type { HallMessage } from './today.ts';

export type Ack<T> = { data: T } | { error: { code: string; message: Message } };

/** Why a namespace refused a connection: Socket.IO's connect_error carries it as `data`. */
export interface HandshakeRefusal {
  code: string;
}

/** The refusal code of a connect_error, if the server gave one. */
export function handshakeCode(err: Error): string | undefined {
  return (err as Error & { data?: Partial<HandshakeRefusal> }).data?.code;
}

/** A call (or recall) as displays show and speak it. No personal data. */
export interface CallPayload {
  ticketId: string;
  number: string;
  counterId: string;
  counterNumber: number;
  serviceId: string;
  calledAt: string;
  recall: boolean;
  /** Log version after the call: a client seeing a gap asks for a snapshot. */
  version: number;
  /** Live events only: the log version the command that made the call started from (see LogStep). */
  since?: number;
}

/**
 * Where a live event stands in the branch's log. Each command appends events after log version
 * `since`; everything a client receives about that command carries `since`, and its own `version`.
 * A client that has followed the log up to version K and receives `since > K` has missed something
 * and asks for a fresh snapshot (`snapshot:request`). Absent on old servers: no gap can be seen.
 */
export interface LogStep {
  since?: number;
  version: number;
}

/** A command that changed nothing this client shows: only the log moved from `since` to `version`. */
export interface LogAdvanced {
  since: number;
  version: number;
}

export interface QueueCounts {
  branchId: string;
  version: number;
  services: {
    serviceId: string;
    waiting: number;
    etaMinutes: number | null;
    etaUnknown: EtaUnknown | null;
    /** Why no ticket can be taken now (cap reached, inactive, branch closed), else null. */
    unavailable: ServiceSummary['unavailable'];
  }[];
}

export interface DisplaySnapshot {
  branchId: string;
  branchName: LocalizedText;
  day: string;
  version: number;
  serverTime: string;
  counters: CounterSummary[];
  services: { id: string; title: LocalizedText; waiting: number }[];
  /** The latest calls, newest first. */
  recentCalls: CallPayload[];
  /** [TD5] The supervisor's message to the hall, if one is up (absent from old servers). */
  hallMessage?: HallMessage | null;
}

// ---- /display: hall screens and counter signboards (public; a display token may pin the branch)
export const DisplayAuth = z.object({
  branchId: Id,
  counterId: Id.optional(),
  token: z.string().max(200).optional(),
});
export interface DisplayServerEvents {
  snapshot: (s: DisplaySnapshot) => void;
  'ticket:called': (c: CallPayload) => void;
  'counter:changed': (c: CounterSummary & LogStep) => void;
  'queue:changed': (q: QueueCounts) => void;
  'log:advanced': (a: LogAdvanced) => void;
  /** [TD5] The hall message set (or replaced), or cleared (null). */
  'hall:message': (m: HallMessage | null) => void;
}
/** Asks for the namespace's snapshot again (after a gap in the log versions), acked with it. */
export type SnapshotRequest<S> = (p: Record<string, never>, ack: (a: Ack<S>) => void) => void;
export interface DisplayClientEvents {
  'snapshot:request': SnapshotRequest<DisplaySnapshot>;
}

// ---- /counter and /supervisor: staff, signed in (session cookie or bearer token in auth.token)
export const StaffAuth = z.object({ branchId: Id, token: z.string().max(200).optional() });
export interface StaffSnapshot extends DisplaySnapshot {
  waiting: StaffTicket[];
  parked: StaffTicket[];
  /** Tickets called or being served at a counter (absent from old servers). */
  serving?: StaffTicket[];
  /** /supervisor only: every device of the branch as the server keeps it (absent from old servers). */
  devices?: DeviceHealth[];
  /** /supervisor only: the branch's open alerts, newest first (absent from old servers). */
  alerts?: Alert[];
}
export interface StaffServerEvents extends Omit<DisplayServerEvents, 'snapshot'> {
  snapshot: (s: StaffSnapshot) => void;
  /** Every ticket change, for live queues (staff only). */
  'ticket:changed': (t: StaffTicket & LogStep) => void;
  'device:status': (d: DeviceStatus) => void;
  /** /supervisor only: a device's kept health changed (status, last seen, counts). */
  'device:health': (d: DeviceHealth) => void;
  /** /supervisor only: an alert was raised (once per cause). */
  'alert:raised': (a: Alert) => void;
  /** /supervisor only: an alert was acknowledged or resolved. */
  'alert:changed': (a: Alert) => void;
}
export interface StaffClientEvents {
  'snapshot:request': SnapshotRequest<StaffSnapshot>;
}

// ---- /kiosk: kiosks with a device token
export interface KioskSnapshot {
  branchId: string;
  branchName: LocalizedText;
  version: number;
  serverTime: string;
  groups: ServiceGroup[];
  services: ServiceSummary[];
  /** Classes a visitor may choose at the kiosk (appointments come from the booking system). */
  priorities: PriorityClass[];
  /** The kiosk's printer as its bridge last reported it; null when no bridge has said. */
  printer?: DeviceStatus['status'] | null;
}
export interface KioskServerEvents {
  snapshot: (s: KioskSnapshot) => void;
  'queue:changed': (q: QueueCounts) => void;
  'print:result': (r: PrintResult) => void;
  /** The kiosk's printer changed (paper out, refilled, …), so the kiosk can say so before a tap. */
  'printer:status': (p: { status: DeviceStatus['status'] }) => void;
}
export const PrintRequest = z.strictObject({ ticketId: z.string().min(1).max(140) });
export interface KioskClientEvents {
  'snapshot:request': SnapshotRequest<KioskSnapshot>;
  /** Print a ticket this kiosk issued on its printer, via the bridge bound to it; acked with the
   * bridge's answer, or `offline` when no bridge answers in time. */
  'ticket:print': (p: z.infer<typeof PrintRequest>, ack: (a: Ack<PrintResult>) => void) => void;
}

// ---- /track: the visitor's phone follows one ticket by its unguessable id
export const TrackAuth = z.object({ ticketId: z.string().min(1).max(140) });
export interface TrackServerEvents {
  'ticket:tracking': (t: TicketTracking) => void;
}
export type TrackClientEvents = Record<string, never>;

// ---- /bridge: the firmware bridge beside the devices, with a bridge device token
/** The keys of a clerk's keypad, as pressed: what a key means is the server's rule (SPEC.md, K1–K6). */
export const KeypadKey = z.enum(['next', 'recall', 'no-show', 'pause', 'start', 'finish']);
export type KeypadKey = z.infer<typeof KeypadKey>;
export const KeypadPress = z.strictObject({
  counterId: Id,
  key: KeypadKey,
  /** How long ago the key was pressed, in ms, as the bridge sends it (0 when not given). [K1] */
  ageMs: z.number().int().min(0).max(86_400_000).default(0),
  requestId: z.string().max(64).optional(),
});
export type KeypadPress = z.input<typeof KeypadPress>;
/**
 * What a press did: a command it ran (`called` with `ticket` null is `nobody-waiting`), `ignored`
 * (NEXT right after a call, K3), or `repeated` (a retried press whose first try was done, T1).
 */
export type KeypadOutcome =
  | 'called'
  | 'nobody-waiting'
  | 'started'
  | 'finished'
  | 'recalled'
  | 'no-show'
  | 'paused'
  | 'resumed'
  | 'ignored'
  | 'repeated';
export interface KeypadAnswer {
  /** The counter's ticket the press concerned, as it is now. */
  ticket: StaffTicket | null;
  outcome: KeypadOutcome;
}

/** `paper-near-end`: a printer that prints, but whose roll is nearly empty (supervisors refill it). */
export const DeviceStatusKind = z.enum(['online', 'paper-near-end', 'offline', 'paper-out', 'cover-open', 'error']);
export const DeviceStatus = z.strictObject({
  deviceId: z.string().min(1).max(64),
  kind: z.enum(['led', 'keypad', 'printer']),
  counterId: Id.optional(),
  kioskId: Id.optional(),
  status: DeviceStatusKind,
  detail: z.string().max(300).optional(),
  /** The device's firmware version, when the bridge knows it (kept in its health record). */
  firmware: z.string().min(1).max(64).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** The device id of a kiosk's printer, as bridges name it and as the server reports it. */
export const printerDeviceId = (kioskId: string): string => `printer-${kioskId}`;

export interface PrintJob {
  jobId: string;
  kioskId: string;
  ticketId: string;
  number: string;
  serviceTitle: LocalizedText;
  branchName: LocalizedText;
  ahead: number;
  etaMinutes: number | null;
  /** Why there is no estimate, when etaMinutes is null. */
  etaUnknown: EtaUnknown | null;
  issuedAt: string;
  trackingUrl: string;
  /** A reprint, marked on the slip as a copy («المثنی», COPY); absent (old servers) is an original. */
  copy?: boolean;
  /**
   * A supervisor's test print (the bridge makes it, firmware-bridge PROTOCOL.md BUS4): marked as a test,
   * with the printer's device id and its status as read just before; absent on every real ticket.
   */
  test?: { deviceId: string; status: z.infer<typeof DeviceStatusKind> };
}
export const PrintResult = z.strictObject({
  // A ticket id (up to 140) and the time it was sent.
  jobId: z.string().min(1).max(160),
  kioskId: Id,
  ticketId: z.string().min(1).max(140),
  ok: z.boolean(),
  status: DeviceStatusKind.optional(),
});
export type PrintResult = z.infer<typeof PrintResult>;

export interface BridgeServerEvents {
  snapshot: (s: DisplaySnapshot) => void;
  'ticket:called': (c: CallPayload) => void;
  'counter:changed': (c: CounterSummary & LogStep) => void;
  'log:advanced': (a: LogAdvanced) => void;
  /** A ticket to print on the printer of `job.kioskId`; the bridge acks with the printer's answer. */
  'print:job': (j: PrintJob, ack: (r: PrintResult) => void) => void;
  /** A supervisor's test (an LED's test pattern, a test ticket, a scan); the bridge acks with the outcome. */
  'bridge:test': (t: BridgeTestRequest, ack: (r: BridgeTestResult) => void) => void;
}
export interface BridgeClientEvents {
  'snapshot:request': SnapshotRequest<DisplaySnapshot>;
  'keypad:press': (p: KeypadPress, ack: (a: Ack<KeypadAnswer>) => void) => void;
  'device:status': (d: DeviceStatus, ack: (a: Ack<null>) => void) => void;
  'print:result': (r: PrintResult, ack: (a: Ack<null>) => void) => void;
  /** The bridge's bus (which addresses answer, which do not, collisions), on connect and on change. */
  'bus:report': (r: BusReport, ack: (a: Ack<null>) => void) => void;
}
