// Alerts: the causes of domain/alerts.ts (AL1–AL8), raised once per cause and kept. Evaluated after
// every branch event, after every device-health change, and on a timer (a ticket crosses its target
// with no event). An alert's record ('alert', id from the branch and the cause key) is created with version 0
// (compare-and-set), so one cause raises one alert, ever — across restarts and processes [AL9]. It is
// resolved when its cause leaves the set [AL10] and kept as history (for HISTORY_DAYS); a supervisor
// acknowledges it, audited [AL11]. Requests past their step's due time [RN5] are read on the timer
// (and a request told here when it moves), through a small port, so the service needs no request store.
import { createHash } from 'node:crypto';
import { type Alert, type AlertQuery, AlertSettings, type BranchConfig, type RequestView } from '@nobat/protocol';
import {
  type AlertCause,
  alertCauses,
  type CounterTimes,
  foldCounterTimes,
  requestOverdueCauses,
} from '../domain/alerts.ts';
import type { RequestRecord } from '../domain/requests.ts';
import type { Logger } from '../log.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { AuditInput, Store } from '../store/port.ts';
import type { DeviceHealthService } from './device-health.ts';

/**
 * [PF1] Evaluations asked for while one runs wait this long after it (ms): at most one per window, so
 * a stream of tickets costs one evaluation (O(waiting), with a log read) a second per branch.
 */
export const REPEAT_AFTER_MS = 1000;
/** The timer as it was at load: a test's fake timers must not hold an evaluation under way. */
const realSetTimeout = setTimeout;
const pause = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

export type AlertListener = (event: 'alert:raised' | 'alert:changed', alert: Alert) => void;

/** [RN5] Where the requests are read from, and told when one moves (RequestService has all three). */
export interface AlertRequests {
  all(): Promise<RequestRecord[]>;
  config(branchId: string): Promise<BranchConfig | undefined>;
  onChange?(listener: (view: RequestView) => void): () => void;
}

export interface AlertServiceOptions {
  store: Store;
  queue: QueueService;
  health: DeviceHealthService;
  clock: () => number;
  logger?: Logger;
  /** How often every branch seen is evaluated again (ms; default 15 s; 0: no timer). */
  intervalMs?: number;
  /** [RN5] The requests, read on each tick for steps past their due time (omitted: no request alerts). */
  requests?: AlertRequests;
  /** [SY10] A linked branch's link to its branch server (undefined: not linked). */
  linkState?: (branchId: string) => Promise<{ connected: boolean; since: number } | undefined>;
}

/** How long a resolved alert is kept in the history. */
export const HISTORY_DAYS = 90;

/** An alert's id: URL- and audit-safe, the same for the same cause of the same branch (one per cause). */
export const alertId = (branchId: string, cause: string) =>
  `al-${createHash('sha256').update(`${branchId}\n${cause}`).digest('base64url').slice(0, 24)}`;

interface BranchMemory {
  day: string;
  /** The log version folded into `times`. */
  version: number;
  times: Map<string, CounterTimes>;
  previous: AlertCause[];
  /**
   * The branch's open alerts by cause, read from the store once (then kept by this process), and
   * the causes known to have an alert that is no longer open: an evaluation lists nothing.
   */
  open?: Map<string, Alert>;
  closed: Set<string>;
}

export class AlertService {
  readonly #store: Store;
  readonly #queue: QueueService;
  readonly #health: DeviceHealthService;
  readonly #clock: () => number;
  readonly #logger: Logger | undefined;
  readonly #intervalMs: number;
  readonly #listeners = new Set<AlertListener>();
  readonly #memory = new Map<string, BranchMemory>();
  /** Per branch: the evaluation under way, and whether another is asked for after it. */
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #stops: (() => void)[] = [];
  readonly #requests: AlertRequests | undefined;
  readonly #linkState: AlertServiceOptions['linkState'];
  /** [RN5] Per branch, per request: its overdue causes as last read (on the tick, or when it moved). */
  readonly #requestCauses = new Map<string, Map<string, AlertCause[]>>();

  constructor(opts: AlertServiceOptions) {
    this.#store = opts.store;
    this.#queue = opts.queue;
    this.#health = opts.health;
    this.#clock = opts.clock;
    this.#logger = opts.logger;
    this.#intervalMs = opts.intervalMs ?? 15_000;
    this.#requests = opts.requests;
    this.#linkState = opts.linkState;
  }

  onChange(listener: AlertListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Evaluates after each branch event and device change, and every intervalMs for the branches seen. */
  start(): void {
    this.#stops.push(this.#queue.onEvents((branchId) => void this.evaluate(branchId)));
    this.#stops.push(this.#health.onChange((h) => void this.evaluate(h.branchId)));
    const requests = this.#requests;
    if (requests?.onChange) {
      this.#stops.push(
        requests.onChange((view) => {
          const record = { id: view.id, branchId: view.branchId, code: view.code, events: view.events };
          void requests
            .config(view.branchId)
            .then((config) => config && this.requestChanged(record, config))
            .catch((err: unknown) => this.#logger?.error({ err }, 'request alert failed'));
        }),
      );
    }
    if (this.#intervalMs > 0) {
      this.#timer = setInterval(() => void this.tick(), this.#intervalMs);
      this.#timer.unref?.();
    }
  }

  /** Waits for the evaluations under way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  stop(): void {
    for (const s of this.#stops) s();
    this.#stops = [];
    if (this.#timer) clearInterval(this.#timer);
  }

  /**
   * The timer's round: the requests read again (RN5), then every branch seen — and every branch with a
   * request past due — evaluated. Never rejects (a failure is logged and tried again next round).
   */
  async tick(): Promise<void> {
    let touched: string[] = [];
    if (this.#requests) {
      try {
        touched = await this.#readRequests(this.#requests);
      } catch (err) {
        this.#logger?.error({ err }, 'reading requests for alerts failed');
      }
    }
    const branches = new Set([...this.#memory.keys(), ...touched]);
    await Promise.all([...branches].map((b) => this.evaluate(b)));
  }

  /**
   * [RN5] A request was made or moved (RequestService.onChange): its causes now, and its branch
   * evaluated, so an alert is resolved as soon as the step moves on.
   */
  requestChanged(record: RequestRecord, config: BranchConfig): Promise<void> {
    const causes = requestOverdueCauses(config, [record], this.#clock());
    const branch = this.#requestCauses.get(record.branchId);
    if (causes.length > 0) {
      if (branch) branch.set(record.id, causes);
      else this.#requestCauses.set(record.branchId, new Map([[record.id, causes]]));
    } else if (!branch?.delete(record.id)) {
      return Promise.resolve(); // it had no cause and has none: nothing to evaluate
    }
    return this.evaluate(record.branchId);
  }

  /** Reads every request's causes again; answers the branches that had or have one. */
  async #readRequests(source: AlertRequests): Promise<string[]> {
    const now = this.#clock();
    const byBranch = new Map<string, RequestRecord[]>();
    for (const r of await source.all()) {
      const list = byBranch.get(r.branchId);
      if (list) list.push(r);
      else byBranch.set(r.branchId, [r]);
    }
    const next = new Map<string, Map<string, AlertCause[]>>();
    for (const [branchId, records] of byBranch) {
      const config = await source.config(branchId);
      if (!config) continue;
      const perRequest = new Map<string, AlertCause[]>();
      for (const c of requestOverdueCauses(config, records, now)) {
        const id = c.subject.requestId as string;
        perRequest.set(id, [...(perRequest.get(id) ?? []), c]);
      }
      if (perRequest.size > 0) next.set(branchId, perRequest);
    }
    const touched = [...new Set([...this.#requestCauses.keys(), ...next.keys()])];
    this.#requestCauses.clear();
    for (const [b, m] of next) this.#requestCauses.set(b, m);
    return touched;
  }

  /**
   * [OP5] Tickets waiting past their sub-service's target (AL1), per branch and sub-service, as found by
   * each branch's latest evaluation (after every event, and on the timer).
   */
  pastTarget(): { branchId: string; serviceId: string; count: number }[] {
    const out: { branchId: string; serviceId: string; count: number }[] = [];
    for (const [branchId, mem] of this.#memory) {
      const perService = new Map<string, number>();
      for (const c of mem.previous) {
        if (c.rule !== 'past-target' || !c.subject.serviceId) continue;
        perService.set(c.subject.serviceId, (perService.get(c.subject.serviceId) ?? 0) + 1);
      }
      for (const [serviceId, count] of perService) out.push({ branchId, serviceId, count });
    }
    return out;
  }

  /** Evaluates a branch now; one evaluation at a time per branch (a request during one runs after it). */
  evaluate(branchId: string): Promise<void> {
    const running = this.#running.get(branchId);
    if (running) {
      this.#again.add(branchId);
      return running;
    }
    const run = (async () => {
      do {
        this.#again.delete(branchId);
        try {
          await this.#evaluate(branchId);
        } catch (err) {
          this.#logger?.error({ err, branchId }, 'alert evaluation failed'); // tried again next time
        }
        // Events that came meanwhile are evaluated together, a moment later: under a stream of
        // tickets the evaluation (O(waiting)) would otherwise run back to back.
        if (this.#again.has(branchId)) await pause(REPEAT_AFTER_MS);
      } while (this.#again.has(branchId));
    })().finally(() => this.#running.delete(branchId));
    this.#running.set(branchId, run);
    return run;
  }

  async #evaluate(branchId: string): Promise<void> {
    // [MEM1] A sweep does not keep a quiet day in memory: a released day comes back with an empty
    // state, which gives the same queue causes (none: nothing in play, every counter closed).
    const day = await this.#queue.view(branchId, { background: true });
    if (!day) return;
    const version = day.released?.version ?? day.state.version;
    const now = this.#clock();
    let mem = this.#memory.get(branchId);
    if (!mem || mem.day !== day.state.day || mem.version > version) {
      mem = { day: day.state.day, version: 0, times: new Map(), previous: [], closed: new Set() };
      this.#memory.set(branchId, mem);
    }
    if (mem.version < version) {
      const events = await this.#store.readEvents(branchId, mem.day, mem.version);
      foldCounterTimes(mem.times, events);
      mem.version = events.at(-1)?.seq ?? mem.version;
    }
    const devices = await this.#health.list(branchId);
    const thresholds = day.ix.config.branch.settings.alerts ?? AlertSettings.parse({});
    // [SY10] A branch linked to its branch server: whether that link is down.
    const link = await this.#linkState?.(branchId);
    const causes = alertCauses({
      ix: day.ix,
      state: day.state,
      counterTimes: mem.times,
      devices,
      thresholds,
      now,
      previous: mem.previous,
      ...(link ? { link: { connected: link.connected, since: link.since } } : {}),
    });
    // [RN5] Requests past their step's due time, as last read.
    for (const list of this.#requestCauses.get(branchId)?.values() ?? []) causes.push(...list);
    mem.previous = causes;
    const current = new Set(causes.map((c) => c.key));
    mem.open ??= new Map((await this.#list(branchId, 'open')).map((a) => [a.cause, a]));
    const open = mem.open;
    // [AL10] A cause that ended: its alert is resolved (kept as history).
    for (const a of [...open.values()]) {
      if (current.has(a.cause)) continue;
      const resolved = await this.#change(a.id, (x) =>
        x.state === 'open' ? { ...x, state: 'resolved', resolvedAt: new Date(now).toISOString() } : undefined,
      );
      open.delete(a.cause);
      mem.closed.add(a.cause);
      if (resolved) this.#emit('alert:changed', resolved);
    }
    // [AL9] A cause with no alert yet: raised, once (the record is created only if absent).
    for (const c of causes) {
      if (open.has(c.key) || mem.closed.has(c.key)) continue;
      const alert: Alert = {
        id: alertId(branchId, c.key),
        branchId,
        rule: c.rule,
        cause: c.key,
        subject: c.subject,
        since: new Date(c.since).toISOString(),
        raisedAt: new Date(now).toISOString(),
        state: 'open',
        resolvedAt: null,
        acked: null,
      };
      const put = await this.#store.putRecord('alert', alert.id, alert, 0);
      if (put.ok) {
        open.set(c.key, alert);
        this.#emit('alert:raised', alert);
        continue;
      }
      // Raised before (by another process, or before a restart): known from now on, not raised again.
      const existing = (await this.#store.getRecord<Alert>('alert', alert.id))?.value;
      if (existing?.state === 'open') open.set(c.key, existing);
      else mem.closed.add(c.key);
    }
  }

  /** The branch's alerts, newest raised first. */
  async list(
    branchId: string,
    q: Pick<AlertQuery, 'state' | 'limit' | 'before'>,
  ): Promise<{ alerts: Alert[]; next: string | null }> {
    const all = await this.#list(branchId, q.state);
    let from = 0;
    if (q.before) {
      const i = all.findIndex((a) => cursor(a) === q.before);
      if (i < 0) throw new RangeError('unknown cursor');
      from = i + 1;
    }
    const alerts = all.slice(from, from + q.limit);
    const last = alerts.at(-1);
    return { alerts, next: last && from + q.limit < all.length ? cursor(last) : null };
  }

  /** [AL11] A supervisor acknowledges an open alert: who and when, on the alert and in the audit log. */
  async acknowledge(
    branchId: string,
    id: string,
    actor: AuditInput['actor'],
    address: string | null,
  ): Promise<Alert | undefined> {
    const at = new Date(this.#clock()).toISOString();
    const record = await this.#store.getRecord<Alert>('alert', id);
    if (!record || record.value.branchId !== branchId) return undefined;
    if (record.value.acked) return record.value; // already: answered as it is, not audited twice
    const acked = await this.#change(id, (x) =>
      x.acked ? undefined : { ...x, acked: { by: { id: actor.id, name: actor.name }, at } },
    );
    if (!acked) return (await this.#store.getRecord<Alert>('alert', id))?.value;
    await this.#store.appendAudit({
      at,
      actor,
      address,
      action: 'acknowledge',
      target: { kind: 'alert', id },
      branchId,
      fromVersion: record.version,
      toVersion: record.version + 1,
      before: { cause: record.value.cause, rule: record.value.rule, state: record.value.state, acked: null },
      after: { cause: acked.cause, rule: acked.rule, state: acked.state, acked: acked.acked },
      changes: ['acked'],
    });
    this.#emit('alert:changed', acked);
    return acked;
  }

  async #list(branchId: string, state: 'open' | 'all'): Promise<Alert[]> {
    return (await this.#store.listRecords<Alert>('alert'))
      .filter((r) => r.value.branchId === branchId && (state === 'all' || r.value.state === 'open'))
      .map((r) => r.value)
      .sort((a, b) => (a.raisedAt === b.raisedAt ? (a.id < b.id ? 1 : -1) : a.raisedAt < b.raisedAt ? 1 : -1));
  }

  /** Compare-and-set on one alert; `edit` returns undefined for "nothing to do". */
  async #change(id: string, edit: (a: Alert) => Alert | undefined): Promise<Alert | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await this.#store.getRecord<Alert>('alert', id);
      if (!record) return undefined;
      const next = edit(record.value);
      if (!next) return undefined;
      const expiresAt = next.resolvedAt ? Date.parse(next.resolvedAt) + HISTORY_DAYS * 86_400_000 : undefined;
      const put = await this.#store.putRecord('alert', id, next, record.version, expiresAt ? { expiresAt } : {});
      if (put.ok) return next;
    }
    return undefined;
  }

  #emit(event: 'alert:raised' | 'alert:changed', alert: Alert): void {
    for (const l of this.#listeners) {
      try {
        l(event, alert);
      } catch (err) {
        this.#logger?.error({ err }, 'alert listener failed');
      }
    }
  }
}

/** A page's cursor: the alert's id (raised time first, so it stays valid as alerts are added). */
const cursor = (a: Alert) => a.id;
