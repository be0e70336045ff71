// Device health and alerts, as the server keeps them per branch and tells supervisors (the /supervisor
// snapshot and events, and REST). The rules that raise alerts are server/SPEC.md's AL1–AL8.
import { z } from 'zod';
import { Id } from './model.ts';
import { DeviceStatusKind } from './realtime.ts';

/** Kiosks, hall/counter displays and bridges connect themselves; LEDs, keypads and printers are reported by bridges. */
export const DeviceHealthKind = z.enum(['kiosk', 'display', 'bridge', 'led', 'keypad', 'printer']);
export type DeviceHealthKind = z.infer<typeof DeviceHealthKind>;

export const DeviceHealth = z.object({
  branchId: Id,
  deviceId: z.string().min(1).max(64),
  kind: DeviceHealthKind,
  /** The counter a display, LED or keypad belongs to; the kiosk a printer belongs to. */
  counterId: Id.optional(),
  kioskId: Id.optional(),
  /** The bridge that reported it (LEDs, keypads, printers). */
  bridgeId: z.string().max(64).optional(),
  /** Sockets: online/offline; bridge-reported devices: what the bridge last said. */
  status: DeviceStatusKind,
  detail: z.string().max(300).optional(),
  /** When the status became what it is (ISO). */
  since: z.string(),
  /** When the server last heard of the device (ISO). */
  lastSeen: z.string(),
  /** Sockets: when the current connection began (ISO); null while offline. */
  connectedSince: z.string().nullable(),
  firmware: z.string().nullable(),
  /** Counts of today (`day`, the branch's local day): times it went offline, times it reported a fault. */
  day: z.string(),
  offlineCount: z.number().int().min(0),
  errorCount: z.number().int().min(0),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const DeviceHealthList = z.object({ branchId: Id, devices: z.array(DeviceHealth) });
export type DeviceHealthList = z.infer<typeof DeviceHealthList>;

/** [AL1–AL8] What raised an alert. */
export const AlertRule = z.enum([
  'past-target',
  'queue-long',
  'paused-long',
  'counter-idle',
  'device-offline',
  'printer-paper-out',
  'printer-paper-near-end',
  'printer-cover-open',
  /** [RN5] A request's workflow step past its agreed duration. */
  'request-overdue',
  /** [SY10] A branch server's link to the centre down longer than the offline grace. */
  'branch-offline',
]);
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertState = z.enum(['open', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

export const Alert = z.object({
  id: z.string(),
  branchId: Id,
  rule: AlertRule,
  /** The cause's stable key (one alert per cause, ever): e.g. `past-target:<ticketId>`. */
  cause: z.string(),
  /** What it is about, for showing it. */
  subject: z.object({
    ticketId: z.string().optional(),
    number: z.string().optional(),
    serviceId: z.string().optional(),
    counterId: z.string().optional(),
    deviceId: z.string().optional(),
    deviceKind: DeviceHealthKind.optional(),
    /** Waiting tickets (queue-long). */
    waiting: z.number().int().optional(),
    /** request-overdue: the request, its tracking code, the unit holding it and the step's title. */
    requestId: z.string().optional(),
    code: z.string().optional(),
    unit: z.string().optional(),
    stepTitle: z.string().optional(),
  }),
  /** When the cause began (ISO): the ticket's arrival, the pause, the device going offline … */
  since: z.string(),
  raisedAt: z.string(),
  state: AlertState,
  resolvedAt: z.string().nullable(),
  acked: z.object({ by: z.object({ id: z.string(), name: z.string() }), at: z.string() }).nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertQuery = z.object({
  state: z.enum(['open', 'all']).default('open'),
  /** The `next` of the previous page. */
  before: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

/** Alerts, newest first; `next` is the cursor of the following page, null at the end. */
export const AlertPage = z.object({ alerts: z.array(Alert), next: z.string().nullable() });
export type AlertPage = z.infer<typeof AlertPage>;
