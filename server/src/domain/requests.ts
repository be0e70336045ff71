// [RQ1–RQ16] The electronic desk's rules, pure: a request is a log of RequestEvents; its state is their
// fold; a move is decided against that state for a person and returns the new events or a refusal.
// No I/O, no clock: `now` is given. Who may do what is here too (RQ5–RQ14), so both transports share it.
// Working-day arithmetic (WD1–WD5) is in working-days.ts and re-exported here.
import {
  type Applicant,
  type BranchConfig,
  type CurrentStep,
  dammDigit,
  type LocalizedText,
  type RequestActor,
  type RequestErrorCode,
  type RequestEvent,
  type RequestState,
  type RequestStatus,
  type RequestStep,
  type RequestSummary,
  type RequestView,
  type ResponseNotice,
  type Role,
  type StepStatus,
} from '@nobat/protocol';
import { localDay } from './local-time.ts';
import { promisedDate, stepDueAt } from './working-days.ts';

export {
  addWorkingDays,
  isWorkingDay,
  openWeekdays,
  promisedDate,
  stepDueAt,
  stepWorkingDays,
  workflowWorkingDays,
  workingDayMinutes,
} from './working-days.ts';

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
export function actorOf(m: Mover): RequestActor {
  if (m.kind === 'user') {
    return { kind: 'user', id: m.id, name: m.name, role: m.role, unit: m.role === 'officer' ? m.unit : null };
  }
  return { kind: m.kind, id: null, name: m.kind, role: null, unit: null };
}

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

// ---- the fold [RQ2]

type Created = Extract<RequestEvent, { type: 'RequestCreated' }>;

/** Everything the rules and the views need of a request, folded from its log. */
export interface RequestFold {
  created: Created;
  state: RequestState;
  /** The current step (in-progress only). */
  current: {
    step: number;
    unit: string;
    status: StepStatus;
    since: string;
    assignee: { id: string; name: string } | null;
    inquiry: { agency: string; question: string; since: string } | null;
  } | null;
  brought: string[];
  missing: string[];
  returnedReason: string | null;
  response: ResponseNotice | null;
  respondedAt: string | null;
  deliveredAt: string | null;
  deliveryChannel: 'desk' | 'electronic' | null;
  responses: number;
  /** The last event's seq: the request's version. */
  version: number;
}

const reach = (step: number, unit: string, since: string): NonNullable<RequestFold['current']> => ({
  step,
  unit,
  status: 'pending',
  since,
  assignee: null,
  inquiry: null,
});

/** [RQ2] The request's state: the fold of its events in order. Error on a log not starting with RequestCreated. */
export function foldRequest(events: readonly RequestEvent[]): RequestFold {
  const created = events[0];
  if (created?.type !== 'RequestCreated') throw new Error('a request log starts with RequestCreated');
  const f: RequestFold = {
    created,
    state: 'in-progress',
    current: reach(0, created.steps[0]?.unit ?? '', created.at),
    brought: [...created.brought],
    missing: [...created.missing],
    returnedReason: null,
    response: null,
    respondedAt: null,
    deliveredAt: null,
    deliveryChannel: null,
    responses: 0,
    version: created.seq,
  };
  const unitOf = (step: number) => created.steps[step]?.unit ?? '';
  for (const e of events.slice(1)) {
    f.version = e.seq;
    const c = f.current;
    switch (e.type) {
      case 'RequestCreated':
        throw new Error('a request log has one RequestCreated');
      case 'StepAccepted':
        if (c) {
          c.status = 'accepted';
          c.assignee = { id: e.by.id ?? '', name: e.by.name };
        }
        break;
      case 'StepCompleted':
        f.current = reach(e.step + 1, unitOf(e.step + 1), e.at);
        break;
      case 'StepReturned':
        if (e.toStep === null) {
          f.state = 'returned';
          f.current = null;
          f.returnedReason = e.reason;
        } else {
          f.current = reach(e.toStep, unitOf(e.toStep), e.at);
        }
        break;
      case 'StepForwarded':
        f.current = reach(e.step, e.toUnit, e.at);
        break;
      case 'InquirySent':
        if (c) {
          c.status = 'inquiry';
          c.inquiry = { agency: e.agency, question: e.question, since: e.at };
        }
        break;
      case 'InquiryAnswered':
        if (c) {
          c.status = 'accepted';
          c.inquiry = null;
        }
        break;
      case 'Resubmitted':
        f.state = 'in-progress';
        f.current = reach(0, unitOf(0), e.at);
        f.brought = [...e.brought];
        f.missing = [...e.missing];
        f.returnedReason = null;
        break;
      case 'ResponseIssued':
        f.state = 'responded';
        f.current = null;
        f.response = e.response;
        f.respondedAt = e.at;
        f.responses += 1;
        break;
      case 'Delivered':
        f.state = 'delivered';
        f.deliveredAt = e.at;
        f.deliveryChannel = e.channel;
        break;
      case 'Withdrawn':
        f.state = 'withdrawn';
        f.current = null;
        f.returnedReason = null;
        break;
    }
  }
  return f;
}

// ---- who [RQ5]

type User = Extract<Mover, { kind: 'user' }>;
const refuse = (code: RequestRefusal['code']): RequestRefusal => ({ ok: false, code });
const isUser = (m: Mover): m is User => m.kind === 'user';
/** [RQ5] Admins (branchId null) count as of every branch. */
const ofBranch = (m: Mover, branchId: string): m is User =>
  isUser(m) && (m.role === 'admin' || m.branchId === branchId);

/** [RQ3] Documents: given ids must be on the list (unknown-document); kept in the list's order, with the rest missing. */
function documents(
  list: readonly { id: string }[],
  given: readonly string[] | undefined,
  fallback: readonly string[],
): Decided<{ brought: string[]; missing: string[] }> {
  const ids = list.map((d) => d.id);
  if (given?.some((id) => !ids.includes(id))) return refuse('unknown-document');
  const chosen = new Set(given ?? fallback.filter((id) => ids.includes(id)));
  return {
    ok: true,
    value: { brought: ids.filter((id) => chosen.has(id)), missing: ids.filter((id) => !chosen.has(id)) },
  };
}

/** [RQ3] Decides a new request from a visit: the RequestCreated event (seq 1), or a refusal. */
export function decideCreate(input: CreateInput): Decided<RequestEvent> {
  const { config, mover } = input;
  if (mover.kind !== 'user' || mover.role !== 'clerk' || mover.branchId !== config.branch.id) {
    return refuse('forbidden');
  }
  const service = config.services.find((s) => s.id === input.serviceId);
  if (!service || service.workflow.length === 0) return refuse('no-workflow');
  const docs = documents(service.info.requiredDocuments, input.brought, input.visit.brought ?? []);
  if (!docs.ok) return docs;
  const steps: RequestStep[] = [...service.workflow]
    .sort((a, b) => a.row - b.row)
    .map((s) => ({
      row: s.row,
      title: s.title,
      unit: s.unit,
      post: s.post,
      duration: s.duration,
      durationUnit: s.durationUnit,
    }));
  return {
    ok: true,
    value: {
      type: 'RequestCreated',
      seq: 1,
      at: new Date(input.now).toISOString(),
      by: actorOf(mover),
      code: input.code,
      branchId: config.branch.id,
      serviceId: service.id,
      ticketId: input.visit.ticketId,
      ticketNumber: input.visit.number,
      applicant: input.applicant,
      brought: docs.value.brought,
      missing: docs.value.missing,
      notes: input.notes,
      steps,
      promisedDate: promisedDate(config.branch, steps, input.now),
    },
  };
}

// Events without the fields every event has (seq, at, by), as the move rules produce them.
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Draft = DistributiveOmit<Exclude<RequestEvent, Created>, 'seq' | 'at' | 'by'>;

type InProgress = RequestFold & { current: NonNullable<RequestFold['current']> };

/**
 * [RQ6] A step move by an officer of the current unit: a user of the request's branch (forbidden),
 * an officer (forbidden), the request in progress (move-not-allowed), at their unit (not-your-unit).
 */
function officerAtStep(f: RequestFold, mover: Mover): Decided<{ f: InProgress; officer: User }> {
  if (!ofBranch(mover, f.created.branchId) || mover.role !== 'officer') return refuse('forbidden');
  if (f.state !== 'in-progress' || !f.current) return refuse('move-not-allowed');
  if (mover.unit !== f.current.unit) return refuse('not-your-unit');
  return { ok: true, value: { f: f as InProgress, officer: mover } };
}

/** [RQ7] The assignee of an accepted step: pending (not-accepted), another's (not-assignee), in inquiry (move-not-allowed). */
function assigneeOf(f: InProgress, officer: User): RequestRefusal | null {
  if (f.current.status === 'pending') return refuse('not-accepted');
  if (f.current.assignee?.id !== officer.id) return refuse('not-assignee');
  if (f.current.status === 'inquiry') return refuse('move-not-allowed');
  return null;
}

function decide(
  config: BranchConfig,
  f: RequestFold,
  mover: Mover,
  command: RequestCommand,
  now: number,
): Decided<Draft> {
  const last = f.created.steps.length - 1;
  const ok = (value: Draft): Decided<Draft> => ({ ok: true, value });
  switch (command.type) {
    case 'accept': {
      const at = officerAtStep(f, mover);
      if (!at.ok) return at;
      if (at.value.f.current.status !== 'pending') return refuse('already-accepted');
      return ok({ type: 'StepAccepted', step: at.value.f.current.step });
    }
    case 'complete': {
      const at = officerAtStep(f, mover);
      if (!at.ok) return at;
      const no = assigneeOf(at.value.f, at.value.officer);
      if (no) return no;
      if (at.value.f.current.step >= last) return refuse('last-step');
      return ok({ type: 'StepCompleted', step: at.value.f.current.step, note: command.note });
    }
    case 'return': {
      const at = officerAtStep(f, mover);
      if (!at.ok) return at;
      const no = assigneeOf(at.value.f, at.value.officer);
      if (no) return no;
      const step = at.value.f.current.step;
      return ok({ type: 'StepReturned', step, reason: command.reason, toStep: step === 0 ? null : step - 1 });
    }
    case 'forward': {
      if (!ofBranch(mover, f.created.branchId)) return refuse('forbidden');
      const manager = mover.role === 'supervisor' || mover.role === 'admin';
      if (!manager && mover.role !== 'officer') return refuse('forbidden');
      if (f.state !== 'in-progress' || !f.current) return refuse('move-not-allowed');
      const c = f.current;
      if (!manager) {
        if (mover.unit !== c.unit) return refuse('not-your-unit');
        const no = assigneeOf(f as InProgress, mover);
        if (no) return no;
      } else if (c.status === 'inquiry') {
        return refuse('move-not-allowed');
      }
      if (!branchUnits(config).includes(command.unit)) return refuse('unknown-unit');
      if (command.unit === c.unit) return refuse('same-unit');
      return ok({ type: 'StepForwarded', step: c.step, toUnit: command.unit, note: command.note });
    }
    case 'inquiry': {
      const at = officerAtStep(f, mover);
      if (!at.ok) return at;
      const no = assigneeOf(at.value.f, at.value.officer);
      if (no) return no;
      return ok({
        type: 'InquirySent',
        step: at.value.f.current.step,
        agency: command.agency,
        question: command.question,
      });
    }
    case 'inquiry-answer': {
      // [RQ10] The other agency's answer through a connector (RS10): the system types it in.
      if (mover.kind === 'system') {
        if (f.state !== 'in-progress' || !f.current) return refuse('move-not-allowed');
        if (f.current.status !== 'inquiry') return refuse('no-inquiry');
        return ok({ type: 'InquiryAnswered', step: f.current.step, answer: command.answer });
      }
      const at = officerAtStep(f, mover);
      if (!at.ok) return at;
      if (at.value.f.current.status !== 'inquiry') return refuse('no-inquiry');
      return ok({ type: 'InquiryAnswered', step: at.value.f.current.step, answer: command.answer });
    }
    case 'respond': {
      const at = officerAtStep(f, mover);
      if (!at.ok) return at;
      const no = assigneeOf(at.value.f, at.value.officer);
      if (no) return no;
      const step = at.value.f.current.step;
      if (step !== last) return refuse('not-last-step');
      if (command.appealUntil < localDay(now, config.branch.timeZone)) return refuse('appeal-date-past');
      const { applicant, code, steps } = f.created;
      return ok({
        type: 'ResponseIssued',
        step,
        response: {
          number: `${code}-${f.responses + 1}`,
          issuedAt: new Date(now).toISOString(),
          nationalId: applicant.nationalId,
          fullName: applicant.fullName,
          legalBasis: command.legalBasis,
          answer: command.answer,
          appealTo: command.appealTo,
          appealUntil: command.appealUntil,
          remarks: command.remarks,
          issuer: { name: at.value.officer.name, post: command.issuerPost?.trim() || (steps[step]?.post ?? '') },
        },
      });
    }
    case 'deliver': {
      if (command.channel === 'desk') {
        if (!ofBranch(mover, f.created.branchId) || mover.role === 'officer') return refuse('forbidden');
      } else if (mover.kind === 'user') {
        return refuse('forbidden');
      }
      if (f.state !== 'responded') return refuse('move-not-allowed');
      return ok({ type: 'Delivered', channel: command.channel });
    }
    case 'resubmit': {
      if (!ofBranch(mover, f.created.branchId) || mover.role !== 'clerk') return refuse('forbidden');
      if (f.state !== 'returned') return refuse('move-not-allowed');
      const service = config.services.find((s) => s.id === f.created.serviceId);
      const docs = documents(service?.info.requiredDocuments ?? [], command.brought, f.brought);
      if (!docs.ok) return docs;
      return ok({ type: 'Resubmitted', note: command.note, ...docs.value });
    }
    case 'withdraw': {
      if (!ofBranch(mover, f.created.branchId) || mover.role === 'officer') return refuse('forbidden');
      if (f.state !== 'in-progress' && f.state !== 'returned') return refuse('move-not-allowed');
      return ok({ type: 'Withdrawn', reason: command.reason });
    }
  }
}

/** [RQ5–RQ14] Decides a move on a request's log: the new events (seq after the last), or a refusal. */
export function decideMove(
  config: BranchConfig,
  events: readonly RequestEvent[],
  mover: Mover,
  command: RequestCommand,
  now: number,
): Decided<RequestEvent[]> {
  const f = foldRequest(events);
  const d = decide(config, f, mover, command, now);
  if (!d.ok) return d;
  const event = { ...d.value, seq: f.version + 1, at: new Date(now).toISOString(), by: actorOf(mover) } as RequestEvent;
  return { ok: true, value: [event] };
}

/**
 * [RQ15] May this person read the request (staff view)? Admins: yes; supervisors and clerks: of its
 * branch; officers: of its branch, and it is at their unit now or they acted on it; visitors and the
 * system: no (the public status is asked with the code and the national ID, RS).
 */
export function mayRead(mover: Mover, events: readonly RequestEvent[]): boolean {
  if (!isUser(mover)) return false;
  if (mover.role === 'admin') return true;
  if (events[0]?.type !== 'RequestCreated') return false;
  const f = foldRequest(events);
  if (mover.branchId !== f.created.branchId) return false;
  if (mover.role !== 'officer') return true;
  if (f.current && mover.unit !== null && f.current.unit === mover.unit) return true;
  return events.some((e) => e.by.kind === 'user' && e.by.id === mover.id);
}

// ---- views [RQ16]

const fallbackText = (id: string): LocalizedText => ({ fa: id, en: id });

/** The staff view of a request, folded from its log. */
export function requestView(config: BranchConfig, record: RequestRecord, now: number): RequestView {
  const f = foldRequest(record.events);
  const { created } = f;
  let current: CurrentStep | null = null;
  if (f.state === 'in-progress' && f.current) {
    const step = created.steps[f.current.step];
    const since = Date.parse(f.current.since);
    const due = step ? stepDueAt(config.branch, step, since) : since;
    current = {
      step: f.current.step,
      title: step?.title ?? '',
      unit: f.current.unit,
      post: step?.post ?? '',
      status: f.current.status,
      since: f.current.since,
      dueAt: new Date(due).toISOString(),
      overdue: now > due,
      assignee: f.current.assignee,
      inquiry: f.current.inquiry,
    };
  }
  return {
    id: record.id,
    code: created.code,
    branchId: created.branchId,
    serviceId: created.serviceId,
    serviceTitle: config.services.find((s) => s.id === created.serviceId)?.title ?? fallbackText(created.serviceId),
    applicantName: created.applicant.fullName,
    state: f.state,
    current,
    createdAt: created.at,
    promisedDate: created.promisedDate,
    version: f.version,
    ticketId: created.ticketId,
    ticketNumber: created.ticketNumber,
    applicant: created.applicant,
    brought: f.brought,
    missing: f.missing,
    notes: created.notes,
    steps: created.steps,
    handedAt: created.at,
    respondedAt: f.respondedAt,
    deliveredAt: f.deliveredAt,
    deliveryChannel: f.deliveryChannel,
    returnedReason: f.state === 'returned' ? f.returnedReason : null,
    response: f.response,
    events: [...record.events],
  };
}

export function requestSummary(view: RequestView): RequestSummary {
  return {
    id: view.id,
    code: view.code,
    branchId: view.branchId,
    serviceId: view.serviceId,
    serviceTitle: view.serviceTitle,
    applicantName: view.applicantName,
    state: view.state,
    current: view.current,
    createdAt: view.createdAt,
    promisedDate: view.promisedDate,
    version: view.version,
  };
}

type HistoryEntry = RequestStatus['history'][number];

/**
 * [RQ16] The visitor's view (public /r/ page): the stage by title, the history without staff names,
 * internal notes, forwards, acceptances or inquiry texts; a return to the desk and a withdrawal show
 * their reason; the missing documents by title.
 */
export function requestStatus(config: BranchConfig, record: RequestRecord, now: number): RequestStatus {
  const view = requestView(config, record, now);
  const f = foldRequest(record.events);
  const steps = f.created.steps;
  const title = (step: number) => steps[step]?.title ?? '';
  const history: HistoryEntry[] = [];
  const add = (at: string, type: HistoryEntry['type'], text: string | null = null) => history.push({ at, type, text });
  for (const e of record.events) {
    switch (e.type) {
      case 'RequestCreated':
        add(e.at, 'created');
        add(e.at, 'stage', title(0));
        break;
      case 'StepCompleted':
        add(e.at, 'stage', title(e.step + 1));
        break;
      case 'StepReturned':
        if (e.toStep === null) add(e.at, 'returned', e.reason);
        else add(e.at, 'stage', title(e.toStep));
        break;
      case 'InquirySent':
        add(e.at, 'inquiry');
        break;
      case 'InquiryAnswered':
        add(e.at, 'inquiry-answered');
        break;
      case 'Resubmitted':
        add(e.at, 'resubmitted');
        add(e.at, 'stage', title(0));
        break;
      case 'ResponseIssued':
        add(e.at, 'responded');
        break;
      case 'Delivered':
        add(e.at, 'delivered');
        break;
      case 'Withdrawn':
        add(e.at, 'withdrawn', e.reason);
        break;
      default:
        break; // accepted and forwarded are the office's own business
    }
  }
  const docs = config.services.find((s) => s.id === f.created.serviceId)?.info.requiredDocuments ?? [];
  return {
    code: view.code,
    branchName: config.branch.name,
    serviceTitle: view.serviceTitle,
    state: view.state,
    createdAt: view.createdAt,
    promisedDate: view.promisedDate,
    current: view.current
      ? {
          step: view.current.step,
          title: view.current.title,
          since: view.current.since,
          inquiry: view.current.status === 'inquiry',
        }
      : null,
    stepCount: steps.length,
    history,
    missingDocuments: f.missing.map((id) => docs.find((d) => d.id === id)?.title ?? fallbackText(id)),
    responseReady: f.state === 'responded' || f.state === 'delivered',
  };
}

/** The response notice's data, if issued (the last one). */
export function responseOf(events: readonly RequestEvent[]): ResponseNotice | null {
  let found: ResponseNotice | null = null;
  for (const e of events) if (e.type === 'ResponseIssued') found = e.response;
  return found;
}

/** [RQ9] The units of a branch: every unit named in its sub-services' workflows, sorted, distinct (empty names left out). */
export function branchUnits(config: BranchConfig): string[] {
  const units = new Set<string>();
  for (const s of config.services) for (const w of s.workflow) if (w.unit.trim()) units.add(w.unit);
  return [...units].sort();
}

/** [TC3] A new tracking code from a source of random numbers in [0, 1): nine digits (first not 0) and a Damm digit. */
export function newTrackingCode(random: () => number): string {
  const digit = (from: number) => Math.min(9, from + Math.floor(random() * (10 - from)));
  let body = String(digit(1));
  for (let i = 1; i < 9; i++) body += String(digit(0));
  return body + String(dammDigit(body));
}
