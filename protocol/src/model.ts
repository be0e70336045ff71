// The office's configuration: organisation → provincial office → branch, and for each branch its
// service groups, sub-services (with their information package and workflow table), counters,
// priority classes and clerks. Every client reads these shapes; the server validates them on write.
import { z } from 'zod';
import { MobileNumber } from './identity.ts';

// Objects are strict: a misspelt field ("dailycap") is refused, never silently dropped.

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "-" and "_" only');
export type Id = z.infer<typeof Id>;

/** Persian first; English optional (the UIs fall back to Persian). */
export const LocalizedText = z.strictObject({
  fa: z.string().trim().min(1).max(500),
  en: z.string().trim().max(500).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A text of the information package: Persian alone (a plain string), or in both languages. */
export const Phrase = z.union([z.string().max(500), LocalizedText]);
export type Phrase = z.infer<typeof Phrase>;

export const Organisation = z.strictObject({ id: Id, name: LocalizedText });
export type Organisation = z.infer<typeof Organisation>;

export const ProvincialOffice = z.strictObject({
  id: Id,
  organisationId: Id,
  name: LocalizedText,
  /**
   * [SY13] The office's numbers told by SMS when one of its branches' links to the centre goes down and
   * when it comes back (the IT unit on duty, say); none: nobody is texted, the alert is still raised.
   */
  alertMobiles: z
    .array(MobileNumber)
    .max(5)
    .refine((all) => new Set(all).size === all.length, { message: 'a number is listed twice' })
    .default([]),
});
export type ProvincialOffice = z.infer<typeof ProvincialOffice>;

export const Weekday = z.enum(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri']);
export type Weekday = z.infer<typeof Weekday>;

const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'time as HH:MM');

/** A span of opening time on some weekdays, in the branch's local time. */
export const OpeningHours = z
  .object({ days: z.array(Weekday).min(1), open: ClockTime, close: ClockTime })
  .refine((h) => h.open < h.close, { message: 'open must be before close', path: ['close'] });
export type OpeningHours = z.infer<typeof OpeningHours>;

/** A calendar day, ISO "YYYY-MM-DD" (Gregorian; the console shows it as a Jalali date). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'not a calendar date',
    },
  );

/** [B7–B9] How a counter weighs its sub-services against each other within their targets. */
export const Balancing = z.enum(['strict', 'proportional', 'longest-wait']);
export type Balancing = z.infer<typeof Balancing>;

/** [AL1–AL8] When the supervisor is alerted (server/SPEC.md, Alerts); every field has a default. */
export const AlertSettings = z.strictObject({
  /** [AL2] A sub-service with more than this many tickets waiting raises an alert. */
  queueLongerThan: z.number().int().min(1).max(1000).default(15),
  /** [AL3] A counter paused longer than this many minutes raises an alert. */
  pausedLongerThanMinutes: z.number().int().min(1).max(480).default(15),
  /** [AL4] A counter idle (open, no ticket) while tickets it could serve wait, for more than this many seconds. */
  idleGraceSeconds: z.number().int().min(10).max(3600).default(60),
  /** [AL5] A device offline for more than this many seconds raises an alert. */
  offlineGraceSeconds: z.number().int().min(0).max(3600).default(30),
});
export type AlertSettings = z.infer<typeof AlertSettings>;

/** [PH1–PH6] A branch's phone tickets: off unless turned on. */
export const PhoneSettings = z.strictObject({
  enabled: z.boolean().default(false),
  /** [PH5] Phone tickets per mobile number per branch-day. */
  perNumberDaily: z.number().int().min(1).max(50).default(2),
  /** [PH4] Wrong codes before a challenge is dead. */
  codeAttempts: z.number().int().min(1).max(10).default(5),
  /** [PH2] How long a code is good for. */
  codeMinutes: z.number().int().min(1).max(30).default(5),
  /** [PH3] Codes per number, and per client address, per hour. */
  challengesPerHour: z.number().int().min(1).max(100).default(5),
  /** [PH6] Places an "I'm late" moves a ticket back. */
  latePlaces: z.number().int().min(1).max(50).default(5),
});
export type PhoneSettings = z.infer<typeof PhoneSettings>;
/** [NT5][NT8] SMS to visitors: on or off, when "N ahead of you" goes, and the night window (local "HH:MM"). */
export const SmsSettings = z.strictObject({
  enabled: z.boolean().default(true),
  /** "N ahead of you" goes once when this many people (or fewer) are ahead of the ticket. */
  aheadAt: z.number().int().min(1).max(50).default(3),
  /** Non-urgent messages wait from nightFrom until nightUntil (local time; the window may cross midnight). */
  nightFrom: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('21:00'),
  nightUntil: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('07:00'),
});
export type SmsSettings = z.infer<typeof SmsSettings>;

export const BranchSettings = z.strictObject({
  /** [AL1–AL8] Alert thresholds. */
  alerts: AlertSettings.default(AlertSettings.parse({})),
  /** [B7–B9] The counters' balancing mode, unless a counter sets its own. */
  balancing: Balancing.default('strict'),
  /** A recall made when the ticket was already recalled this many times marks it no-show (0: never). */
  noShowAfterRecalls: z.number().int().min(0).max(10).default(2),
  /** At most this many priority-class calls in a row at one counter while normal tickets wait. */
  maxPriorityInRow: z.number().int().min(1).max(100).nullable().default(null),
  /** Score added to a waiting ticket per full target-wait it has waited (aging). */
  agingWeightPerTarget: z.number().min(0).max(100).default(2),
  /** An appointment ticket is due from this many minutes before its slot. */
  appointmentEarlyMinutes: z.number().int().min(0).max(240).default(10),
  /** How many recent serving times of a sub-service the estimate averages. */
  estimateWindow: z.number().int().min(1).max(200).default(20),
  /** [K1] A keypad press older than this when it reaches the server is dropped (`stale-press`). */
  keypadStaleSeconds: z.number().int().min(1).max(600).default(5),
  /** [K3] NEXT pressed within this many seconds of the counter's call (or recall) is ignored. */
  keypadNextGraceSeconds: z.number().int().min(0).max(60).default(3),
  /** Refuse anonymous web tickets: only kiosks with a device token may issue. */
  requireKioskToken: z.boolean().default(false),
  /** [PH1–PH6] Tickets from visitors' phones. */
  phone: PhoneSettings.default(PhoneSettings.parse({})),
  /** [NT5][NT8] SMS to visitors (absent: the defaults). */
  sms: SmsSettings.optional(),
});
export type BranchSettings = z.infer<typeof BranchSettings>;

export const Branch = z.strictObject({
  id: Id,
  organisationId: Id,
  provincialOfficeId: Id,
  name: LocalizedText,
  /** Branch type as the organisation grades it (SSO: 1–5). */
  type: z.number().int().min(1).max(9),
  address: z.string().max(500).optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'unknown IANA time zone (e.g. Asia/Tehran)' })
    .default('Asia/Tehran'),
  openingHours: z.array(OpeningHours).min(1),
  /** [N6] Days the branch is closed whatever its hours: local calendar days, ISO "YYYY-MM-DD". */
  holidays: z.array(IsoDate).max(366).default([]),
  settings: BranchSettings.default(BranchSettings.parse({})),
});
export type Branch = z.infer<typeof Branch>;

export const ServiceGroup = z.strictObject({ id: Id, title: LocalizedText, order: z.number().int().default(0) });
export type ServiceGroup = z.infer<typeof ServiceGroup>;

export const DurationUnit = z.enum(['minute', 'hour', 'day', 'week', 'month']);
export type DurationUnit = z.infer<typeof DurationUnit>;

/** One row of the workflow table (جدول ۱). */
export const WorkflowStep = z.strictObject({
  row: z.number().int().min(1),
  title: z.string().min(1).max(300),
  unit: z.string().max(200),
  post: z.string().max(200),
  duration: z.number().min(0),
  durationUnit: DurationUnit,
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const RequiredDocument = z.strictObject({ id: Id, title: LocalizedText, note: z.string().max(500).optional() });
export type RequiredDocument = z.infer<typeof RequiredDocument>;

export const Fee = z.strictObject({
  title: z.union([z.string().min(1).max(300), LocalizedText]),
  amountRials: z.number().int().min(0),
  account: Phrase,
  legalBasis: Phrase,
});
export type Fee = z.infer<typeof Fee>;

/** The information package of a sub-service (guide no. 2, step 4). */
export const InfoPackage = z.strictObject({
  addresses: z.array(Phrase).default([]),
  steps: z.array(Phrase).default([]),
  requiredDocuments: z.array(RequiredDocument).default([]),
  averageDuration: z.strictObject({ value: z.number().min(0), unit: DurationUnit }),
  inquiries: z.array(Phrase).default([]),
  fees: z.array(Fee).default([]),
  responsible: z.strictObject({
    name: Phrase,
    post: Phrase,
    phone: z.string().max(50).optional(),
    email: z.string().max(200).optional(),
  }),
  complaintRoute: Phrase.optional(),
});
export type InfoPackage = z.infer<typeof InfoPackage>;

/**
 * How a sub-service numbers its tickets: `prefix` + the number, zero-padded to `digits`.
 * {prefix:'', from:1001, to:1999} gives 1001…1999; {prefix:'A', from:1, to:999, digits:3} gives A001…A999.
 */
export const Numbering = z
  .object({
    prefix: z
      .string()
      .regex(/^[A-Z]{0,3}$/, 'prefix is up to three capital Latin letters')
      .default(''),
    from: z.number().int().min(0).max(99_999),
    to: z.number().int().min(0).max(99_999),
    digits: z.number().int().min(1).max(5).optional(),
  })
  .refine((n) => n.from <= n.to, { message: 'from must not exceed to', path: ['to'] });
export type Numbering = z.infer<typeof Numbering>;

/** [AP1] How a sub-service is booked: slots of `slotMinutes` inside opening hours, `perSlot` bookings each. */
export const AppointmentSettings = z.strictObject({
  slotMinutes: z.number().int().min(5).max(240),
  perSlot: z.number().int().min(1).max(100),
  /** Bookable from tomorrow… to this many days ahead (0: today only). */
  daysAhead: z.number().int().min(0).max(90).default(14),
  /** [AP7] A check-in up to this many minutes after the slot's start keeps the appointment priority. */
  graceMinutes: z.number().int().min(0).max(120).default(15),
});
export type AppointmentSettings = z.infer<typeof AppointmentSettings>;

export const SubService = z.strictObject({
  id: Id,
  groupId: Id,
  title: LocalizedText,
  numbering: Numbering,
  /** Tickets issued per day at most; null for no cap. */
  dailyCap: z.number().int().min(1).nullable().default(null),
  /** No ticket should wait longer than this before a counter calls it. */
  targetWaitMinutes: z.number().min(1).max(600).default(20),
  /** Serving time assumed until the day has its own measurements. */
  averageServiceMinutes: z.number().min(0.5).max(600).default(5),
  active: z.boolean().default(true),
  info: InfoPackage,
  workflow: z.array(WorkflowStep).default([]),
  /** [AP1] Appointments for this sub-service; absent: it cannot be booked. */
  appointments: AppointmentSettings.optional(),
});
export type SubService = z.infer<typeof SubService>;

export const CounterService = z.strictObject({
  serviceId: Id,
  /** Higher is called first at this counter (1 = "also serves", 10 = "mainly serves"). */
  weight: z.number().int().min(1).max(10).default(1),
});
export type CounterService = z.infer<typeof CounterService>;

export const Counter = z.strictObject({
  id: Id,
  number: z.number().int().min(1).max(999),
  title: LocalizedText,
  services: z.array(CounterService).min(1),
  active: z.boolean().default(true),
  /** [B7–B9] This counter's balancing mode; absent: the branch's. */
  balancing: Balancing.optional(),
});
export type Counter = z.infer<typeof Counter>;

export const PriorityKind = z.enum(['normal', 'priority', 'appointment']);
export type PriorityKind = z.infer<typeof PriorityKind>;

export const PriorityClass = z.strictObject({
  id: Id,
  title: LocalizedText,
  kind: PriorityKind,
  /** Added to the ticket's score at call time; normal is usually 0. */
  weight: z.number().min(0).max(100),
});
export type PriorityClass = z.infer<typeof PriorityClass>;

export const Clerk = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  active: z.boolean().default(true),
  /** The counters this clerk may staff (those whose sub-services they are trained for); absent: any. */
  counters: z.array(Id).min(1).optional(),
});
export type Clerk = z.infer<typeof Clerk>;

/** Everything the queue rules of one branch need, stored as one versioned record. */
export const BranchConfig = z
  .object({
    branch: Branch,
    groups: z.array(ServiceGroup),
    services: z.array(SubService),
    counters: z.array(Counter),
    priorities: z.array(PriorityClass).min(1),
    clerks: z.array(Clerk),
  })
  .superRefine((cfg, ctx) => {
    for (const { path, message } of branchConfigIssues(cfg)) ctx.addIssue({ code: 'custom', path, message });
  });
export type BranchConfig = z.infer<typeof BranchConfig>;
export type BranchConfigInput = z.input<typeof BranchConfig>;

/** A cross-record problem, at the path of the field that causes it (as a zod issue path). */
export interface ConfigIssue {
  path: (string | number)[];
  message: string;
}

/** Cross-record rules a schema of one record cannot see. Empty when the configuration is sound. */
export function branchConfigProblems(cfg: Parameters<typeof branchConfigIssues>[0]): string[] {
  return branchConfigIssues(cfg).map((i) => i.message);
}

/** [M1] The cross-record problems, each at the field to fix (the later of two duplicates). */
export function branchConfigIssues(cfg: {
  groups: readonly { id: string }[];
  services: readonly { id: string; groupId: string; numbering: Numbering }[];
  counters: readonly { id: string; number: number; services: readonly { serviceId: string }[] }[];
  priorities: readonly { id: string; kind: PriorityKind }[];
  clerks: readonly { id: string; counters?: readonly string[] | undefined }[];
}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (message: string, ...path: (string | number)[]) => issues.push({ path, message });
  for (const [what, key, list] of [
    ['group', 'groups', cfg.groups],
    ['service', 'services', cfg.services],
    ['counter', 'counters', cfg.counters],
    ['priority class', 'priorities', cfg.priorities],
    ['clerk', 'clerks', cfg.clerks],
  ] as const) {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) add(`duplicate ${what} id "${x.id}"`, key, i, 'id');
      seen.add(x.id);
    });
  }
  const numbers = new Set<number>();
  cfg.counters.forEach((c, i) => {
    if (numbers.has(c.number)) add(`duplicate counter number ${c.number}`, 'counters', i, 'number');
    numbers.add(c.number);
  });
  const groupIds = new Set(cfg.groups.map((g) => g.id));
  const serviceIds = new Set(cfg.services.map((s) => s.id));
  cfg.services.forEach((s, i) => {
    if (!groupIds.has(s.groupId)) add(`service "${s.id}" names unknown group "${s.groupId}"`, 'services', i, 'groupId');
  });
  cfg.counters.forEach((c, i) => {
    const served = new Set<string>();
    c.services.forEach((s, j) => {
      const at = ['counters', i, 'services', j, 'serviceId'] as const;
      if (served.has(s.serviceId)) add(`counter "${c.id}" lists service "${s.serviceId}" twice`, ...at);
      served.add(s.serviceId);
      if (!serviceIds.has(s.serviceId)) add(`counter "${c.id}" serves unknown service "${s.serviceId}"`, ...at);
    });
  });
  const counterIds = new Set(cfg.counters.map((c) => c.id));
  cfg.clerks.forEach((k, i) => {
    (k.counters ?? []).forEach((id, j) => {
      if (!counterIds.has(id)) add(`clerk "${k.id}" may staff unknown counter "${id}"`, 'clerks', i, 'counters', j);
    });
  });
  const normals = cfg.priorities.filter((p) => p.kind === 'normal').length;
  if (normals !== 1) add(`exactly one priority class must be "normal" (found ${normals})`, 'priorities');
  // Numbers must be unique in the branch: two sub-services may not share a prefix with overlapping ranges.
  for (let i = 0; i < cfg.services.length; i++) {
    for (let j = i + 1; j < cfg.services.length; j++) {
      const a = cfg.services[i];
      const b = cfg.services[j];
      if (!a || !b) continue;
      if (numberingsOverlap(a.numbering, b.numbering)) {
        add(`services "${a.id}" and "${b.id}" have overlapping ticket numbers`, 'services', j, 'numbering');
      }
    }
  }
  return issues;
}

function numberingsOverlap(a: Numbering, b: Numbering): boolean {
  if (a.prefix !== b.prefix) return false;
  // Different zero-padding still prints the same number for values wide enough, so compare values.
  return a.from <= b.to && b.from <= a.to;
}

/** The printed form of a ticket number. */
export function formatTicketNumber(numbering: Pick<Numbering, 'prefix' | 'digits'>, value: number): string {
  const digits = numbering.digits ?? 0;
  return `${numbering.prefix}${String(value).padStart(digits, '0')}`;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
