// [RQ1–RQ…] The electronic desk's rules, pure: a request is a log of RequestEvents; its state is their
// fold; a move is decided against that state for a person and returns the new events or a refusal.
// No I/O, no clock: `now` is given. Who may do what is here too (RQ…), so both transports share it.
//
// SHAPES FIRST: the bodies below are being written (helper H1); the signatures are the contract the
// service (server/src/requests/) codes against. Do not change a signature without telling everyone.
import type {
  Applicant,
  BranchConfig,
  RequestActor,
  RequestErrorCode,
  RequestEvent,
  RequestStatus,
  RequestStep,
  RequestSummary,
  RequestView,
  ResponseNotice,
  Role,
} from '@nobat/protocol';

/** What the store keeps per request (record kind `request`, id: the request id): its log. */
export interface RequestRecord {
  id: string;
  branchId: string;
  code: string;
  events: RequestEvent[];
}

/** Record kind `request-code` (id: the code) and `request-ticket` (id: the ticket id): which request holds it. */
export interface RequestPointer {
  requestId: string;
}

/** The person asking, as the rules need them. */
export type Mover =
  | { kind: 'user'; id: string; name: string; role: Role; branchId: string | null; unit: string | null }
  | { kind: 'visitor' }
  | { kind: 'system' };

/** The actor written into an event for a mover. */
export declare function actorOf(m: Mover): RequestActor;

/** A move, as the rules take it (the bodies of protocol's RequestMoveBodies, without `version`). */
export type RequestCommand =
  | { type: 'accept' }
  | { type: 'complete'; note: string }
  | { type: 'return'; reason: string }
  | { type: 'forward'; unit: string; note: string }
  | { type: 'inquiry'; agency: string; question: string }
  | { type: 'inquiry-answer'; answer: string }
  | {
      type: 'respond';
      legalBasis: string;
      answer: string;
      appealTo: string;
      appealUntil: string;
      remarks: string;
      issuerPost?: string | undefined;
    }
  | { type: 'deliver'; channel: 'desk' | 'electronic' }
  | { type: 'resubmit'; note: string; brought?: string[] | undefined }
  | { type: 'withdraw'; reason: string };

/** A refusal: a request error, an unknown document (T8's code), or not allowed at all (403). */
export type RequestRefusal = { ok: false; code: RequestErrorCode | 'unknown-document' | 'forbidden' };
export type Decided<T> = { ok: true; value: T } | RequestRefusal;

/** What the rules know of the visit a request is made from (the service reads it from the day's log). */
export interface VisitFacts {
  ticketId: string;
  number: string;
  serviceId: string;
  /** Documents the clerk recorded as brought at intake (T8), null if never checked. */
  brought: string[] | null;
}

export interface CreateInput {
  config: BranchConfig;
  now: number;
  mover: Mover;
  code: string;
  visit: VisitFacts;
  serviceId: string;
  applicant: Applicant;
  brought?: string[] | undefined;
  notes: string;
}

/** [RQ…] Decides a new request from a visit: the RequestCreated event (seq 1), or a refusal. */
export declare function decideCreate(input: CreateInput): Decided<RequestEvent>;

/** [RQ…] Decides a move on a request's log: the new events (seq after the last), or a refusal. */
export declare function decideMove(
  config: BranchConfig,
  events: readonly RequestEvent[],
  mover: Mover,
  command: RequestCommand,
  now: number,
): Decided<RequestEvent[]>;

/** [RQ…] May this person read the request at all (staff view)? An officer: only their unit's inbox and what they acted on. */
export declare function mayRead(mover: Mover, events: readonly RequestEvent[]): boolean;

/** The staff view of a request, folded from its log. */
export declare function requestView(config: BranchConfig, record: RequestRecord, now: number): RequestView;
export declare function requestSummary(view: RequestView): RequestSummary;
/** The visitor's view (public /r/ page). */
export declare function requestStatus(config: BranchConfig, record: RequestRecord, now: number): RequestStatus;
/** The response notice's data, if issued. */
export declare function responseOf(events: readonly RequestEvent[]): ResponseNotice | null;

/** [RQ…] The units of a branch: every unit named in its sub-services' workflows, sorted, distinct. */
export declare function branchUnits(config: BranchConfig): string[];

/** [TC…] A new tracking code from a source of random numbers in [0, 1): nine digits (first not 0) and a Damm digit. */
export declare function newTrackingCode(random: () => number): string;

// ---- working days [WD1–WD…]

/** [WD1] A local day ("YYYY-MM-DD") is a working day when the branch has opening hours that weekday and it is not a holiday. */
export declare function isWorkingDay(branch: BranchConfig['branch'], day: string): boolean;
/** [WD2] The n-th working day after `day` (n = 0: `day` itself if working, else the next working day). */
export declare function addWorkingDays(branch: BranchConfig['branch'], day: string, n: number): string;
/** [WD3] The promised response date of a request made at `createdAt` along `steps`. */
export declare function promisedDate(
  branch: BranchConfig['branch'],
  steps: readonly RequestStep[],
  createdAt: number,
): string;
/** [WD4] When a step reached at `since` runs past its agreed duration (epoch ms). */
export declare function stepDueAt(branch: BranchConfig['branch'], step: RequestStep, since: number): number;
