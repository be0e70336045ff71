// The electronic service desk (server/SPEC.md RQ1–RQ…, WD1–WD…, TC1–TC…): a visit the counter could
// not finish becomes a request with a tracking code, moves along its sub-service's workflow (جدول ۱)
// through the back-office units, and ends in a response notice (جدول ۴) delivered to the visitor.
// A request is a log of events (RequestEvent); everything shown is folded from it by the server.
import { z } from 'zod';
import { MobileNumber, NationalId, toAsciiDigits } from './identity.ts';
import { DurationUnit, Id, IsoDate, LocalizedText } from './model.ts';

// ---- the tracking code [TC1–TC3]

/** The tracking code's length: nine digits and a Damm check digit. */
export const TRACKING_CODE_LENGTH = 10;

// The Damm algorithm's quasigroup of order 10 (weakly totally anti-symmetric): the check digit it
// gives catches every single-digit error and every swap of two adjacent digits. No npm package for
// it is maintained (the ones there are 0.0.x, untouched for years), and it is this table and a loop.
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

/** [TC1] The Damm check digit of a string of ASCII digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) throw new RangeError(`not a digit: ${ch}`);
    interim = (DAMM[interim] as readonly number[])[d] as number;
  }
  return interim;
}

/** A code as typed or read out (Persian digits, spaces, dashes) to its ten ASCII digits; other text unchanged. */
export function normalizeTrackingCode(input: string): string {
  return toAsciiDigits(input).replace(/[\s\-_.\u200c]/g, '');
}

/** [TC1] Ten ASCII digits, not starting with 0, whose last is the Damm digit of the first nine. */
export function isValidTrackingCode(code: string): boolean {
  return /^[1-9]\d{9}$/.test(code) && dammDigit(code.slice(0, 9)) === Number(code[9]);
}

/** [TC2] How a code is written for people: groups of 3-3-4 ("123-456-7890"), read left to right. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;
}

export const TrackingCode = z
  .string()
  .max(40)
  .transform(normalizeTrackingCode)
  .refine(isValidTrackingCode, { message: 'کد رهگیری نامعتبر است / not a valid tracking code' });

// ---- the request's parts

export const Applicant = z.strictObject({
  fullName: z.string().trim().min(2).max(200),
  nationalId: NationalId,
  mobile: MobileNumber,
});
export type Applicant = z.infer<typeof Applicant>;

/** Who did something: a user (their name as it was then), or the visitor / the system. */
export const RequestActor = z.object({
  kind: z.enum(['user', 'visitor', 'system']),
  id: z.string().nullable(),
  name: z.string(),
  role: z.enum(['admin', 'supervisor', 'clerk', 'officer']).nullable(),
  /** An officer's unit when they acted. */
  unit: z.string().nullable(),
});
export type RequestActor = z.infer<typeof RequestActor>;

/** One step of the request's workflow, copied from the sub-service's جدول ۱ when the request was made. */
export const RequestStep = z.object({
  row: z.number().int(),
  title: z.string(),
  unit: z.string(),
  post: z.string(),
  duration: z.number(),
  durationUnit: DurationUnit,
});
export type RequestStep = z.infer<typeof RequestStep>;

/** The response notice (جدول ۴): what the officer at the last step writes. */
export const ResponseNotice = z.object({
  /** The notice's number (its request's tracking code and "-1", "-2" … if more are issued). */
  number: z.string(),
  /** When it was issued (ISO 8601). */
  issuedAt: z.string(),
  nationalId: z.string(),
  fullName: z.string(),
  /** مستندات قانونی و استدلال */
  legalBasis: z.string(),
  /** مضمون اصلی پاسخ */
  answer: z.string(),
  /** مرجع و مهلت اعتراض: where to appeal, and until when (local day). */
  appealTo: z.string(),
  appealUntil: IsoDate,
  remarks: z.string(),
  issuer: z.object({ name: z.string(), post: z.string() }),
});
export type ResponseNotice = z.infer<typeof ResponseNotice>;

// ---- the log [RQ1]: every move is an event with its time and person

const Base = { seq: z.number().int().min(1), at: z.string(), by: RequestActor };
export const RequestEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RequestCreated'),
    ...Base,
    code: z.string(),
    branchId: Id,
    serviceId: Id,
    ticketId: z.string(),
    ticketNumber: z.string(),
    applicant: Applicant,
    /** Required documents (ids of the sub-service's list) received, and those missing (T8). */
    brought: z.array(Id),
    missing: z.array(Id),
    notes: z.string(),
    steps: z.array(RequestStep).min(1),
    /** [WD3] The promised response date, a local day. */
    promisedDate: IsoDate,
  }),
  z.object({ type: z.literal('StepAccepted'), ...Base, step: z.number().int() }),
  z.object({ type: z.literal('StepCompleted'), ...Base, step: z.number().int(), note: z.string() }),
  /** Back to the previous step, or (from the first) to the desk: the visitor must bring or fix something. */
  z.object({
    type: z.literal('StepReturned'),
    ...Base,
    step: z.number().int(),
    reason: z.string(),
    toStep: z.number().int().nullable(),
  }),
  /** The current step handed to another unit. */
  z.object({ type: z.literal('StepForwarded'), ...Base, step: z.number().int(), toUnit: z.string(), note: z.string() }),
  z.object({
    type: z.literal('InquirySent'),
    ...Base,
    step: z.number().int(),
    agency: z.string(),
    question: z.string(),
  }),
  z.object({ type: z.literal('InquiryAnswered'), ...Base, step: z.number().int(), answer: z.string() }),
  /** A request returned to the desk sent again to the first step. */
  z.object({ type: z.literal('Resubmitted'), ...Base, note: z.string(), brought: z.array(Id), missing: z.array(Id) }),
  z.object({ type: z.literal('ResponseIssued'), ...Base, step: z.number().int(), response: ResponseNotice }),
  z.object({ type: z.literal('Delivered'), ...Base, channel: z.enum(['desk', 'electronic']) }),
  z.object({ type: z.literal('Withdrawn'), ...Base, reason: z.string() }),
]);
export type RequestEvent = z.infer<typeof RequestEvent>;
export type RequestEventType = RequestEvent['type'];

/**
 * Where a request is:
 * - `in-progress`: at a workflow step (see `current`);
 * - `returned`: back at the desk; the visitor must bring or fix something, then the desk resubmits;
 * - `responded`: the response notice is issued, not yet delivered;
 * - `delivered`: the response reached the visitor (at the desk, or electronically);
 * - `withdrawn`: stopped at the visitor's wish.
 */
export const RequestState = z.enum(['in-progress', 'returned', 'responded', 'delivered', 'withdrawn']);
export type RequestState = z.infer<typeof RequestState>;

/** The current step's status: in the unit's inbox untaken, taken by an officer, or waiting for another agency. */
export const StepStatus = z.enum(['pending', 'accepted', 'inquiry']);
export type StepStatus = z.infer<typeof StepStatus>;

export const CurrentStep = z.object({
  /** Index into `steps` (0-based). */
  step: z.number().int(),
  title: z.string(),
  /** The unit holding it now (the step's own, or where it was forwarded). */
  unit: z.string(),
  post: z.string(),
  status: StepStatus,
  /** When it reached this unit (ISO 8601). */
  since: z.string(),
  /** [WD4] When its agreed duration runs out (ISO 8601). */
  dueAt: z.string(),
  overdue: z.boolean(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  inquiry: z.object({ agency: z.string(), question: z.string(), since: z.string() }).nullable(),
});
export type CurrentStep = z.infer<typeof CurrentStep>;

/** A request in a list (an inbox, the branch's requests): no documents, notes or history. */
export const RequestSummary = z.object({
  id: z.string(),
  code: z.string(),
  branchId: Id,
  serviceId: Id,
  serviceTitle: LocalizedText,
  applicantName: z.string(),
  state: RequestState,
  current: CurrentStep.nullable(),
  createdAt: z.string(),
  promisedDate: IsoDate,
  version: z.number().int(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

/** A request as staff see it: everything, with its whole history. */
export const RequestView = RequestSummary.extend({
  ticketId: z.string(),
  ticketNumber: z.string(),
  applicant: Applicant,
  brought: z.array(Id),
  missing: z.array(Id),
  notes: z.string(),
  steps: z.array(RequestStep),
  /** جدول ۲: handed to the first stage, response back from the last stage, delivered (ISO 8601 or null). */
  handedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deliveryChannel: z.enum(['desk', 'electronic']).nullable(),
  /** The reason of the last return to the desk, while it is returned. */
  returnedReason: z.string().nullable(),
  response: ResponseNotice.nullable(),
  events: z.array(RequestEvent),
});
export type RequestView = z.infer<typeof RequestView>;

/** [RQ…] What the visitor sees at /r/<code> once they give the national ID: no staff names, no internal notes. */
export const RequestStatus = z.object({
  code: z.string(),
  branchName: LocalizedText,
  serviceTitle: LocalizedText,
  state: RequestState,
  createdAt: z.string(),
  promisedDate: IsoDate,
  /** The step it is at, by title, and since when; null when it is not in progress. */
  current: z
    .object({
      /** The step's place in the workflow (0-based): «stage step+1 of stepCount». */
      step: z.number().int(),
      title: z.string(),
      since: z.string(),
      inquiry: z.boolean(),
    })
    .nullable(),
  stepCount: z.number().int(),
  /** The visitor's view of the history: what happened when (a returned request's reason included). */
  history: z.array(
    z.object({
      at: z.string(),
      type: z.enum([
        'created',
        'stage',
        'returned',
        'inquiry',
        'inquiry-answered',
        'resubmitted',
        'responded',
        'delivered',
        'withdrawn',
      ]),
      /** The step's title for `stage` (reached a new step), the reason for `returned` and `withdrawn`. */
      text: z.string().nullable(),
    }),
  ),
  missingDocuments: z.array(LocalizedText),
  /** True once a response is issued: the visitor may download the notice (which records electronic delivery). */
  responseReady: z.boolean(),
});
export type RequestStatus = z.infer<typeof RequestStatus>;

// ---- bodies

export const CreateRequestBody = z.strictObject({
  /** The visit: a ticket of the clerk's branch that was served today. */
  ticketId: z.string().min(1).max(140),
  /** The sub-service requested (default: the ticket's). */
  serviceId: Id.optional(),
  applicant: Applicant,
  /** Documents received (ids from the sub-service's list); absent: as recorded on the ticket (T8). */
  brought: z.array(Id).max(50).optional(),
  notes: z.string().trim().max(2000).default(''),
});
export type CreateRequestBody = z.input<typeof CreateRequestBody>;

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Every move may name the version it was decided on: a move on a stale version is refused (409). */
const Expected = { version: z.number().int().min(1).optional() };

export const AcceptBody = z.strictObject({ ...Expected });
export const CompleteBody = z.strictObject({ ...Expected, note: z.string().trim().max(2000).default('') });
export const ReturnBody = z.strictObject({ ...Expected, reason: Text(1000) });
export const ForwardBody = z.strictObject({
  ...Expected,
  unit: Text(200),
  note: z.string().trim().max(2000).default(''),
});
export const InquiryBody = z.strictObject({ ...Expected, agency: Text(300), question: Text(2000) });
export const InquiryAnswerBody = z.strictObject({ ...Expected, answer: Text(4000) });
export const RespondBody = z.strictObject({
  ...Expected,
  legalBasis: Text(4000),
  answer: Text(8000),
  appealTo: Text(500),
  appealUntil: IsoDate,
  remarks: z.string().trim().max(2000).default(''),
  /** The issuer's post (default: the last step's post). */
  issuerPost: z.string().trim().max(200).optional(),
});
export const DeliverBody = z.strictObject({ ...Expected, channel: z.enum(['desk', 'electronic']).default('desk') });
export const ResubmitBody = z.strictObject({
  ...Expected,
  note: z.string().trim().max(2000).default(''),
  /** Documents received now (ids from the list); absent: unchanged. */
  brought: z.array(Id).max(50).optional(),
});
export const WithdrawBody = z.strictObject({ ...Expected, reason: Text(1000) });

/** The moves, by their path segment: POST /api/v1/requests/{id}/{move}. */
export const RequestMoveBodies = {
  accept: AcceptBody,
  complete: CompleteBody,
  return: ReturnBody,
  forward: ForwardBody,
  inquiry: InquiryBody,
  'inquiry-answer': InquiryAnswerBody,
  respond: RespondBody,
  deliver: DeliverBody,
  resubmit: ResubmitBody,
  withdraw: WithdrawBody,
} as const;
export type RequestMove = keyof typeof RequestMoveBodies;
export const RequestMoveName = z.enum(Object.keys(RequestMoveBodies) as [RequestMove, ...RequestMove[]]);

/** GET /api/v1/requests: filters. An officer always gets their own unit's inbox. */
export const RequestListQuery = z.object({
  state: RequestState.optional(),
  unit: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** A tracking code, a national ID, or part of the applicant's name. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The visitor's status page asks with the code and the national ID (POST: the ID stays out of URLs and logs). */
export const RequestStatusBody = z.strictObject({ code: TrackingCode, nationalId: NationalId });
export type RequestStatusBody = z.input<typeof RequestStatusBody>;

/** Sizes a receipt prints at: A4 or A5 paper, or an 80 / 58 mm receipt roll (the desk's ticket printer). */
export const ReceiptSize = z.enum(['a4', 'a5', 'roll80', 'roll58']);
export type ReceiptSize = z.infer<typeof ReceiptSize>;
export const DocQuery = z.object({ lang: z.enum(['fa', 'en']).default('fa'), size: ReceiptSize.default('a5') });

// ---- unit evaluation [RQ…] (guide no. 2, steps 5–6 and 9)

export const UnitEvaluationRow = z.object({
  unit: z.string(),
  post: z.string(),
  /** Steps this unit and post finished in the period (completed, or answered at the last step). */
  handled: z.number().int(),
  /** Of those, finished within the agreed duration. */
  onTime: z.number().int(),
  /** onTime / handled, null when nothing was handled. */
  onTimeShare: z.number().nullable(),
  /** Mean delay past the agreed duration over the late ones, in hours; null when none was late. */
  meanDelayHours: z.number().nullable(),
  /** Steps returned by this unit, and steps still open there now, overdue now. */
  returned: z.number().int(),
  open: z.number().int(),
  overdueNow: z.number().int(),
});
export type UnitEvaluationRow = z.infer<typeof UnitEvaluationRow>;

export const UnitEvaluation = z.object({
  branchIds: z.array(Id),
  from: IsoDate,
  to: IsoDate,
  rows: z.array(UnitEvaluationRow),
  /** Requests made in the period, and of those responded on or before their promised date. */
  requests: z.object({ created: z.number().int(), responded: z.number().int(), respondedOnTime: z.number().int() }),
});
export type UnitEvaluation = z.infer<typeof UnitEvaluation>;

// ---- real time: the Socket.IO namespace of the requests

/** Officers join their unit's room; clerks, supervisors and admins their branch's (session cookie, like /supervisor). */
export const REQUESTS_NAMESPACE = '/requests';
export interface RequestsServerEvents {
  /** A request was made or moved: its summary now (an inbox adds, moves or drops it). */
  'request:changed': (s: RequestSummary) => void;
}
/** [RS9] A move over the socket: the same move, body and rules as POST /api/v1/requests/{id}/{move}. */
export const RequestMoveMessage = z.strictObject({
  id: z.string().min(1).max(80),
  move: RequestMoveName,
  body: z.unknown().optional(),
});
export type RequestMoveMessage = z.input<typeof RequestMoveMessage>;
export interface RequestsClientEvents {
  /** Acked with the request after the move, or the refusal (the HTTP route's code and words). */
  'request:move': (
    m: RequestMoveMessage,
    ack: (a: { data: RequestView } | { error: { code: string; message: { fa: string; en: string } } }) => void,
  ) => void;
}

// ---- refusals

export const requestErrors = {
  'request-not-found': { fa: 'درخواستی با این مشخصات پیدا نشد.', en: 'No request was found.' },
  'ticket-not-served': {
    fa: 'این نوبت امروز در این شعبه خدمت نگرفته است.',
    en: 'This ticket was not served at this branch today.',
  },
  'ticket-has-request': {
    fa: 'برای این نوبت پیش‌تر درخواست ثبت شده است.',
    en: 'A request was already made for this ticket.',
  },
  'no-workflow': {
    fa: 'برای این زیرخدمت گردش کار تعریف نشده است.',
    en: 'This sub-service has no workflow.',
  },
  'not-your-unit': { fa: 'این درخواست در کارتابل واحد شما نیست.', en: 'This request is not in your unit’s inbox.' },
  'not-assignee': { fa: 'این درخواست را همکار دیگری پذیرفته است.', en: 'Another officer has taken this request.' },
  'already-accepted': { fa: 'این درخواست پیش‌تر پذیرفته شده است.', en: 'This request was already taken.' },
  'not-accepted': { fa: 'نخست درخواست را بپذیرید.', en: 'Take the request first.' },
  'move-not-allowed': {
    fa: 'این اقدام در وضعیت کنونی درخواست ممکن نیست.',
    en: 'That move is not possible in the request’s current state.',
  },
  'not-last-step': { fa: 'پاسخ تنها در آخرین مرحله صادر می‌شود.', en: 'The response is issued at the last step only.' },
  'last-step': {
    fa: 'این آخرین مرحله است؛ پاسخ را صادر کنید.',
    en: 'This is the last step: issue the response.',
  },
  'no-inquiry': { fa: 'استعلامی در انتظار پاسخ نیست.', en: 'No inquiry is waiting for an answer.' },
  'unknown-unit': { fa: 'چنین واحدی در این شعبه نیست.', en: 'No such unit in this branch.' },
  'same-unit': { fa: 'درخواست هم‌اکنون در همین واحد است.', en: 'The request is already at that unit.' },
  'appeal-date-past': { fa: 'مهلت اعتراض گذشته است.', en: 'The appeal date has passed.' },
  'no-response': {
    fa: 'پاسخ این درخواست هنوز صادر نشده است.',
    en: 'No response has been issued for this request yet.',
  },
  'stale-request': {
    fa: 'درخواست در این میان تغییر کرده است؛ دوباره ببینید.',
    en: 'The request changed meanwhile: look again.',
  },
} as const;
export type RequestErrorCode = keyof typeof requestErrors;
