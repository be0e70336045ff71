// The electronic desk's requests in the store (server/SPEC.md RS1–RS8). A request is one record (kind
// `request`) holding its whole log, written with compare-and-set: a move reads the log, decides with the
// pure rules (domain/requests.ts), and writes the log one event longer only if no one wrote in between;
// else it reads again and decides again. A request's id is derived from its ticket's, so "one request per
// visit" is the store's own create-if-absent; its tracking code is reserved first (kind `request-code`,
// create-if-absent), so no two requests of the organisation ever share one.
import { createHash, randomInt } from 'node:crypto';
import type { RequestEvent, RequestStatus, RequestSummary, RequestView, SessionUser } from '@nobat/protocol';
import {
  type BranchConfig,
  type CreateRequestBody,
  errorMessages,
  type Message,
  normalizeTrackingCode,
  type RequestErrorCode,
  type RequestMove,
  RequestMoveBodies,
  refusalMessages,
  requestErrors,
} from '@nobat/protocol';
import {
  decideCreate,
  decideMove,
  foldRequest,
  type Mover,
  mayRead,
  newTrackingCode,
  type RequestCommand,
  type RequestPointer,
  type RequestRecord,
  requestStatus,
  requestSummary,
  requestView,
} from '../domain/requests.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { branchOfTicket } from '../queue/queue-service.ts';
import type { Store } from '../store/port.ts';

export type RequestFailure = RequestErrorCode | 'unknown-document' | 'forbidden' | 'store-busy';

/** A refusal, with the HTTP status the routes answer it with. */
export class RequestError extends Error {
  constructor(
    readonly code: RequestFailure,
    readonly status: 400 | 403 | 404 | 409 | 422 | 503,
  ) {
    super(code);
  }
}

/** [RS5] Each refusal's status: 404 unknown, 403 not yours, 422 a value that does not fit, 409 the request's state. */
const STATUS: Record<RequestFailure, RequestError['status']> = {
  'request-not-found': 404,
  forbidden: 403,
  'not-your-unit': 403,
  'ticket-not-served': 409,
  'ticket-has-request': 409,
  'no-workflow': 422,
  'not-assignee': 409,
  'already-accepted': 409,
  'not-accepted': 409,
  'move-not-allowed': 409,
  'not-last-step': 409,
  'last-step': 409,
  'no-inquiry': 409,
  'unknown-unit': 422,
  'same-unit': 422,
  'appeal-date-past': 422,
  'unknown-document': 422,
  'stale-request': 409,
  'no-response': 409,
  'store-busy': 503,
};

const refuse = (code: RequestFailure) => new RequestError(code, STATUS[code]);

/** [RS5] A refusal's code and words, as both transports answer it. */
export function refusalOf(e: RequestError): { code: string; message: Message } {
  if (e.code === 'store-busy') return { code: 'store-unavailable', message: errorMessages['store-unavailable'] };
  if (e.code === 'forbidden') return { code: 'forbidden', message: errorMessages.forbidden };
  if (e.code === 'unknown-document') return { code: e.code, message: refusalMessages['unknown-document'] };
  return { code: e.code, message: requestErrors[e.code] };
}

/** [RS5][RS9] A move's body checked by its own schema (both transports): the command and the version it names. */
export function parseMove(
  move: RequestMove,
  raw: unknown,
):
  | { ok: true; command: RequestCommand; version: number | undefined }
  | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = RequestMoveBodies[move].safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const { version, ...rest } = parsed.data as { version?: number } & Record<string, unknown>;
  return { ok: true, command: { type: move, ...rest } as RequestCommand, version };
}

/** [RS1] A request's id: derived from its ticket's (one-way), so a visit has at most one request. */
export function requestIdOf(ticketId: string): string {
  return `rq-${createHash('sha256').update(ticketId).digest('base64url').slice(0, 24)}`;
}

/** The person asking, as the rules take them. */
export function moverOf(user: SessionUser): Mover {
  return {
    kind: 'user',
    id: user.id,
    name: user.name,
    role: user.role,
    branchId: user.branchId,
    unit: user.unit ?? null,
  };
}

export interface RequestListFilter {
  branchId?: string | undefined;
  state?: RequestView['state'] | undefined;
  unit?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  limit: number;
}

export type ChangeListener = (view: RequestView, fresh: RequestEvent[]) => void;

export interface RequestServiceOptions {
  store: Store;
  queue: QueueService;
  clock: () => number;
  /** Random numbers in [0, 1) for tracking codes (default: a cryptographic source). */
  random?: () => number;
  /** Draws a candidate tracking code (default: TC3's from `random`); tests draw from a small pool to force clashes. */
  drawCode?: () => string;
  /** How many times a write that lost a race is decided again (default 50). */
  maxAttempts?: number;
  onListenerError?: (err: unknown) => void;
}

const cryptoRandom = () => randomInt(0, 2 ** 47) / 2 ** 47;

export class RequestService {
  readonly #store: Store;
  readonly #queue: QueueService;
  readonly #clock: () => number;
  readonly #drawCode: () => string;
  readonly #maxAttempts: number;
  readonly #listeners = new Set<ChangeListener>();
  readonly #onListenerError: (err: unknown) => void;

  constructor(opts: RequestServiceOptions) {
    this.#store = opts.store;
    this.#queue = opts.queue;
    this.#clock = opts.clock;
    const random = opts.random ?? cryptoRandom;
    this.#drawCode = opts.drawCode ?? (() => newTrackingCode(random));
    this.#maxAttempts = opts.maxAttempts ?? 50;
    this.#onListenerError = opts.onListenerError ?? ((err) => console.error('request listener failed', err));
  }

  /** [RS7] Called after every write (made here) with the request's view and the events just written. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async config(branchId: string): Promise<BranchConfig | undefined> {
    return (await this.#queue.config(branchId))?.config;
  }

  async #configOrFail(branchId: string): Promise<BranchConfig> {
    const config = await this.config(branchId);
    if (!config) throw refuse('request-not-found');
    return config;
  }

  async read(id: string): Promise<RequestRecord | undefined> {
    return (await this.#store.getRecord<RequestRecord>('request', id))?.value;
  }

  async byCode(code: string): Promise<RequestRecord | undefined> {
    const pointer = await this.#store.getRecord<RequestPointer>('request-code', code);
    return pointer ? this.read(pointer.value.requestId) : undefined;
  }

  byTicket(ticketId: string): Promise<RequestRecord | undefined> {
    return this.read(requestIdOf(ticketId));
  }

  /** Every request of the organisation (reports, alerts), or [UP9] of one branch (read through its group). */
  async all(branchId?: string): Promise<RequestRecord[]> {
    const opts = branchId === undefined ? {} : { group: branchId };
    return (await this.#store.listRecords<RequestRecord>('request', opts)).map((r) => r.value);
  }

  async view(record: RequestRecord): Promise<RequestView> {
    return requestView(await this.#configOrFail(record.branchId), record, this.#clock());
  }

  /** [RQ3][RS1–RS2] A request from a visit served today at the clerk's branch. */
  async create(user: SessionUser, body: CreateRequestBody & { notes: string }): Promise<RequestView> {
    const mover = moverOf(user);
    const branchId = branchOfTicket(body.ticketId);
    if (user.role !== 'clerk') throw refuse('forbidden');
    if (!branchId) throw refuse('ticket-not-served');
    if (branchId !== user.branchId) throw refuse('forbidden'); // another branch's visit
    const found = await this.#queue.findTicket(body.ticketId);
    // Served: being served now, or finished (not called, waiting, parked, a no-show or cancelled).
    if (!found || (found.ticket.status !== 'serving' && found.ticket.status !== 'finished')) {
      throw refuse('ticket-not-served');
    }
    const { ticket } = found;
    const config = found.day.ix.config;
    const id = requestIdOf(ticket.id);
    if (await this.#store.getRecord('request', id)) throw refuse('ticket-has-request');
    const list = config.services.find((s) => s.id === (body.serviceId ?? ticket.serviceId))?.info.requiredDocuments;
    const intakeMissing = ticket.missingDocuments;
    const visit = {
      ticketId: ticket.id,
      number: ticket.number,
      serviceId: ticket.serviceId,
      brought: intakeMissing && list ? list.map((d) => d.id).filter((d) => !intakeMissing.includes(d)) : null,
    };
    const decide = (code: string) =>
      decideCreate({
        config,
        now: this.#clock(),
        mover,
        code,
        visit,
        serviceId: body.serviceId ?? ticket.serviceId,
        applicant: body.applicant,
        brought: body.brought,
        notes: body.notes,
      });
    const first = decide('1000000000');
    if (!first.ok) throw refuse(first.code);
    // [TC4] Reserve a code no request has ever had: create-if-absent, a clash draws again.
    let code = '';
    for (let attempt = 0; ; attempt++) {
      if (attempt >= this.#maxAttempts) throw refuse('store-busy');
      const candidate = this.#drawCode();
      const put = await this.#store.putRecord<RequestPointer>('request-code', candidate, { requestId: id }, 0);
      if (put.ok) {
        code = candidate;
        break;
      }
    }
    const decided = decide(code);
    if (!decided.ok) throw refuse(decided.code);
    const record: RequestRecord = { id, branchId: config.branch.id, code, events: [decided.value] };
    // [UP9] Grouped by branch: a branch's inbox reads its own requests only.
    const put = await this.#store.putRecord('request', id, record, 0, { group: record.branchId });
    if (!put.ok) {
      // Another clerk made this visit's request first: the code goes back unused.
      await this.#store.deleteRecord('request-code', code);
      throw refuse('ticket-has-request');
    }
    const view = requestView(config, record, this.#clock());
    this.#emit(view, record.events);
    return view;
  }

  /** [RQ4–RQ14][RS3–RS4] A move, decided on the request as stored now and written with compare-and-set. */
  async move(
    mover: Mover,
    id: string,
    command: RequestCommand,
    expectedVersion?: number | undefined,
  ): Promise<RequestView> {
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const saved = await this.#store.getRecord<RequestRecord>('request', id);
      if (!saved) throw refuse('request-not-found');
      const record = saved.value;
      // [RS4] Someone outside the request's branch learns nothing of it, not even that it exists.
      if (mover.kind === 'user' && mover.role !== 'admin' && mover.branchId !== record.branchId) {
        throw refuse('request-not-found');
      }
      const version = record.events.length;
      if (expectedVersion !== undefined && expectedVersion !== version) throw refuse('stale-request');
      const config = await this.#configOrFail(record.branchId);
      const now = this.#clock();
      const decided = decideMove(config, record.events, mover, command, now);
      if (!decided.ok) throw refuse(decided.code);
      const next: RequestRecord = { ...record, events: [...record.events, ...decided.value] };
      const put = await this.#store.putRecord('request', id, next, saved.version, { group: next.branchId });
      if (!put.ok) {
        if (expectedVersion !== undefined) throw refuse('stale-request');
        continue; // someone moved it meanwhile: decide again on what they wrote
      }
      const view = requestView(config, next, now);
      this.#emit(view, decided.value);
      return view;
    }
    throw refuse('store-busy');
  }

  /** [RQ15] The staff view, for those who may read it; anyone else is told there is no such request. */
  async get(user: SessionUser, id: string): Promise<RequestView> {
    const record = await this.read(id);
    if (!record || !mayRead(moverOf(user), record.events)) throw refuse('request-not-found');
    return this.view(record);
  }

  /**
   * [RS6] The requests a person may list: an officer their unit's inbox (requests of their branch at
   * their unit now); clerks and supervisors their branch's; admins every branch's (or one).
   */
  async list(user: SessionUser, filter: RequestListFilter): Promise<RequestSummary[]> {
    const now = this.#clock();
    const configs = new Map<string, BranchConfig | undefined>();
    const out: RequestView[] = [];
    const wanted = user.role === 'admin' ? filter.branchId : (user.branchId ?? undefined);
    if (user.role !== 'admin' && filter.branchId !== undefined && filter.branchId !== user.branchId) {
      throw refuse('forbidden');
    }
    if (user.role !== 'admin' && !user.branchId) return [];
    const q = filter.q?.trim() ? normalise(filter.q) : undefined;
    for (const record of await this.all(wanted)) {
      if (wanted !== undefined && record.branchId !== wanted) continue;
      if (!configs.has(record.branchId)) configs.set(record.branchId, await this.config(record.branchId));
      const config = configs.get(record.branchId);
      if (!config) continue;
      const view = requestView(config, record, now);
      if (user.role === 'officer' && (!view.current || view.current.unit !== user.unit)) continue;
      if (filter.state && view.state !== filter.state) continue;
      if (filter.unit && view.current?.unit !== filter.unit) continue;
      if (filter.overdue !== undefined && (view.current?.overdue ?? false) !== filter.overdue) continue;
      if (q && !matches(view, q)) continue;
      out.push(view);
    }
    // Most urgent first: the soonest due among those in progress, then the newest of the rest.
    out.sort((a, b) => {
      const da = a.current ? Date.parse(a.current.dueAt) : Number.POSITIVE_INFINITY;
      const db = b.current ? Date.parse(b.current.dueAt) : Number.POSITIVE_INFINITY;
      return da !== db ? da - db : b.createdAt.localeCompare(a.createdAt);
    });
    return out.slice(0, filter.limit).map(requestSummary);
  }

  /** [RS8] The visitor's status, asked with the code and the national ID; any mismatch is "not found". */
  async status(code: string, nationalId: string): Promise<RequestStatus> {
    const record = await this.#visitorsRecord(code, nationalId);
    return requestStatus(await this.#configOrFail(record.branchId), record, this.#clock());
  }

  /**
   * [RQ12] The visitor downloads the response notice: it is delivered electronically (once; a later
   * download changes nothing). Answers the request as it is after that.
   */
  async deliverToVisitor(code: string, nationalId: string): Promise<RequestView> {
    const record = await this.#visitorsRecord(code, nationalId);
    const state = foldRequest(record.events).state;
    if (state === 'responded') {
      try {
        return await this.move({ kind: 'visitor' }, record.id, { type: 'deliver', channel: 'electronic' });
      } catch (e) {
        // Delivered at the desk meanwhile: the notice is still theirs to download.
        if (!(e instanceof RequestError && e.code === 'move-not-allowed')) throw e;
      }
    } else if (state !== 'delivered') {
      throw refuse('move-not-allowed');
    }
    const now = (await this.read(record.id)) ?? record;
    return this.view(now);
  }

  async #visitorsRecord(code: string, nationalId: string): Promise<RequestRecord> {
    const record = await this.byCode(code);
    const created = record?.events[0];
    if (!record || created?.type !== 'RequestCreated' || created.applicant.nationalId !== nationalId) {
      throw refuse('request-not-found');
    }
    return record;
  }

  #emit(view: RequestView, fresh: RequestEvent[]): void {
    for (const listener of this.#listeners) {
      try {
        listener(view, fresh);
      } catch (err) {
        this.#onListenerError(err);
      }
    }
  }
}

/** A search as typed (Persian digits, spaces, dashes, ZWNJ) to what the views are compared with. */
const normalise = (s: string) => normalizeTrackingCode(s).toLowerCase();

/** A search matches the tracking code, the national ID, or part of the applicant's name. */
function matches(view: RequestView, q: string): boolean {
  return (
    view.code.includes(q) || view.applicant.nationalId.includes(q) || normalise(view.applicant.fullName).includes(q)
  );
}
