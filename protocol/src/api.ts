// REST bodies and answers. The server validates every body with these schemas and documents them in
// its OpenAPI; clients use the same types.
import { z } from 'zod';
import { MobileNumber, NationalId } from './identity.ts';
import { Id, LocalizedText, PriorityClass, SubService } from './model.ts';

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ fa: z.string(), en: z.string() }),
    /** Which fields were wrong, for validation errors. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** When a refusal is about time (too many attempts): whole seconds until trying again may succeed. */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    /** For a save made on a stale version (409 version-conflict): the record's version now, and who changed it when. */
    conflict: z
      .object({
        version: z.number().int(),
        changed: z.object({ by: z.object({ id: z.string(), name: z.string() }), at: z.string() }).nullable(),
      })
      .optional(),
    /** [UP6] For 426 protocol-outdated: the client's version, the oldest the server serves, the server's own. */
    protocol: z.object({ client: z.number().int(), oldest: z.number().int(), server: z.number().int() }).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The answer of a command that has nothing to tell but that it was done (sign-out, a delete). */
export const OkBody = z.object({ ok: z.literal(true) });

/** A client-chosen key that makes a retried request harmless (a double tap, a lost reply). */
export const RequestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** A fresh request id: a random UUID's 32 hex digits. */
export const newRequestId = (): string => crypto.randomUUID().replace(/-/g, '');

export const IssueTicketBody = z.strictObject({
  serviceId: Id,
  /** A priority class id (normal when absent). */
  priority: Id.optional(),
  mobile: MobileNumber.optional(),
  nationalId: NationalId.optional(),
  /** Appointment slot, ISO 8601, for the appointment class. */
  appointmentAt: z.iso.datetime({ offset: true }).optional(),
  requestId: RequestId.optional(),
});
export type IssueTicketBody = z.input<typeof IssueTicketBody>;

/**
 * [E2] Why a ticket has no estimated wait (`etaMinutes` null): no open counter serves its
 * sub-service, or it was sent to a counter that is not open. Never shown as a made-up time.
 */
export const EtaUnknown = z.enum(['no-counter-open', 'counter-closed']);
export type EtaUnknown = z.infer<typeof EtaUnknown>;

/** [T6] Why a ticket is parked: the visitor went to fetch documents, to pay a fee, or something else. */
export const ParkReason = z.enum(['documents', 'payment', 'other']);
export type ParkReason = z.infer<typeof ParkReason>;

export const IssuedTicket = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: Id,
  priority: Id,
  issuedAt: z.string(),
  ahead: z.number().int(),
  etaMinutes: z.number().nullable(),
  /** Why there is no estimate, when etaMinutes is null. */
  etaUnknown: EtaUnknown.nullable(),
  trackingUrl: z.string(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

export const TicketStatus = z.enum(['waiting', 'called', 'serving', 'parked', 'finished', 'no-show', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** What the public tracking page shows: no personal data. */
export const TicketTracking = z.object({
  id: z.string(),
  branchId: Id,
  number: z.string(),
  serviceId: Id,
  serviceTitle: LocalizedText,
  status: TicketStatus,
  issuedAt: z.string(),
  ahead: z.number().int(),
  /** For a waiting ticket; null otherwise, or when there is no estimate (etaUnknown says why). */
  etaMinutes: z.number().nullable(),
  etaUnknown: EtaUnknown.nullable(),
  /** Why a parked ticket is on hold; null unless parked. */
  parkReason: ParkReason.nullable(),
  counterNumber: z.number().int().nullable(),
  calledAt: z.string().nullable(),
  /** [T8] Documents found missing at intake, told to the visitor at once; null until checked. */
  missingDocuments: z.array(LocalizedText).nullable(),
});
export type TicketTracking = z.infer<typeof TicketTracking>;

/** A ticket as staff see it. */
export const StaffTicket = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: Id,
  priority: Id,
  status: TicketStatus,
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  recalls: z.number().int(),
  transfers: z.number().int(),
  counterId: Id.nullable(),
  /** Required documents found missing at intake; null until the documents were checked. */
  missingDocuments: z.array(Id).nullable(),
  /** The note left by the last transfer or park, for the clerk who takes it next. */
  note: z.string().nullable(),
  /** Why it was parked (set while parked). */
  parkReason: ParkReason.nullable(),
  /** Set by a transfer to a counter: only that counter may call it. */
  targetCounterId: Id.nullable(),
});
export type StaffTicket = z.infer<typeof StaffTicket>;

export const CounterStatus = z.enum(['closed', 'open', 'paused']);
export type CounterStatus = z.infer<typeof CounterStatus>;

export const CounterSummary = z.object({
  id: Id,
  number: z.number().int(),
  title: LocalizedText,
  services: z.array(z.object({ serviceId: Id, title: LocalizedText, weight: z.number().int() })),
  status: CounterStatus,
  pauseReason: z.string().nullable(),
  /** The number it is calling or serving now. */
  serving: z.object({ ticketId: z.string(), number: z.string(), serviceId: Id, status: TicketStatus }).nullable(),
});
export type CounterSummary = z.infer<typeof CounterSummary>;

export const ServiceSummary = SubService.extend({
  waiting: z.number().int(),
  /** For a ticket taken now; null when there is no estimate (etaUnknown says why). */
  etaMinutes: z.number().nullable(),
  etaUnknown: EtaUnknown.nullable(),
  /** Why no ticket can be taken now, if so. */
  unavailable: z.enum(['inactive', 'capacity-reached', 'branch-closed', 'closed-today']).nullable(),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const BranchSummary = z.object({ id: Id, name: LocalizedText, type: z.number().int(), open: z.boolean() });
export type BranchSummary = z.infer<typeof BranchSummary>;

/** `officer`: back-office staff of one unit of a branch, who work the requests in its inbox (RQ…). */
export const Role = z.enum(['admin', 'supervisor', 'clerk', 'officer']);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  role: Role,
  /** The branch a clerk or supervisor belongs to (admins: null, every branch). */
  branchId: Id.nullable(),
  /** An officer's unit (a unit named in the branch's workflows); null for everyone else. */
  unit: z.string().nullable().optional(),
  /** The password is one-time (a new office's first admin): nothing but changing it is allowed. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;
export const LoginResponse = z.object({
  token: z.string(),
  user: SessionUser,
  expiresAt: z.string(),
  /** True: the password must be changed (POST /api/v1/auth/password) before anything else. */
  mustChangePassword: z.boolean(),
});
/** The shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 10;
export const ChangePasswordBody = z.strictObject({
  current: z.string().min(1).max(200),
  new: z.string().min(MIN_PASSWORD_LENGTH).max(200),
});
export type ChangePasswordBody = z.input<typeof ChangePasswordBody>;
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CallNextBody = z.strictObject({ requestId: RequestId.optional() });
export type CallNextBody = z.input<typeof CallNextBody>;
export const TicketId = z.string().min(1).max(140);
export const CallTicketBody = z.strictObject({ ticketId: TicketId });
export type CallTicketBody = z.input<typeof CallTicketBody>;
export const TransferBody = z
  .strictObject({ toServiceId: Id.optional(), toCounterId: Id.optional(), note: z.string().max(500).optional() })
  .refine((b) => b.toServiceId !== undefined || b.toCounterId !== undefined, {
    message: 'name a target service or counter',
  });
export type TransferBody = z.input<typeof TransferBody>;
export const PauseBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export type PauseBody = z.input<typeof PauseBody>;
export const ParkBody = z.strictObject({ reason: ParkReason.optional(), note: z.string().max(500).optional() });
export type ParkBody = z.input<typeof ParkBody>;
export const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });
/** A reprint of a ticket (marked as a copy) on the printer of a kiosk of its branch. */
export const ReprintBody = z.strictObject({ kioskId: Id });
export type ReprintBody = z.input<typeof ReprintBody>;
/** The documents the visitor brought (ids from the sub-service's list); the rest are missing. */
export const DocumentsBody = z.strictObject({ brought: z.array(Id).max(50) });
export type DocumentsBody = z.input<typeof DocumentsBody>;

/** One row of the clerk's daily log (جدول ۲). Times are ISO 8601. */
export const ClerkLogRow = z.object({
  receiptNumber: z.string(),
  ticketId: z.string(),
  serviceId: Id,
  receivedAt: z.string(),
  promisedAt: z.string(),
  handedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  outcome: z.enum(['finished', 'no-show', 'cancelled', 'transferred', 'open']),
  serveMinutes: z.number().nullable(),
  /** [RD6] The tracking code of the request made from this visit, if one was. */
  requestCode: z.string().nullable().optional(),
});
export type ClerkLogRow = z.infer<typeof ClerkLogRow>;

/** A clerk's day: their tally and their daily log. */
export const ClerkDay = z.object({
  clerkId: Id,
  day: z.string(),
  served: z.number().int(),
  noShows: z.number().int(),
  averageServeMinutes: z.number().nullable(),
  log: z.array(ClerkLogRow),
});
export type ClerkDay = z.infer<typeof ClerkDay>;

/** The signed-in clerk's desk as they left it: the counter they hold, its current ticket, queue and parked tickets. */
export const ClerkDesk = z.object({
  branchName: LocalizedText,
  /** The branch's priority classes, to name a ticket's priority. */
  priorities: z.array(PriorityClass),
  /** The counters this clerk may staff (rule C4), by id. */
  mayStaff: z.array(Id),
  counter: CounterSummary.nullable(),
  current: StaffTicket.nullable(),
  /** Waiting tickets this counter may call, in the order it would call them. */
  queue: z.array(StaffTicket),
  /** Tickets parked at this counter. */
  parked: z.array(StaffTicket),
});
export type ClerkDesk = z.infer<typeof ClerkDesk>;

export const CounterActionResult = z.object({ ticket: StaffTicket.nullable(), counter: CounterSummary });
export type CounterActionResult = z.infer<typeof CounterActionResult>;

export const DeviceKind = z.enum(['kiosk', 'display', 'bridge']);
export type DeviceKind = z.infer<typeof DeviceKind>;
