// [AL1–AL8] What a supervisor is alerted to, as a pure function of the branch's day, its configuration,
// its devices' kept health, the thresholds and the time: the set of current causes, each with a key
// that stays the same while the cause lasts and is new when a cause begins again (SPEC.md, Alerts).
// The alert service raises one alert per key, ever, and resolves it when its key leaves the set.
import type { AlertRule, AlertSettings, BranchConfig, DeviceHealth, RequestEvent } from '@nobat/protocol';
import type { IndexedConfig } from './decide.ts';
import type { StoredEvent } from './events.ts';
import { type RequestRecord, requestView } from './requests.ts';
import type { DayState } from './state.ts';

export interface AlertSubject {
  ticketId?: string;
  number?: string;
  serviceId?: string;
  counterId?: string;
  deviceId?: string;
  deviceKind?: DeviceHealth['kind'];
  waiting?: number;
  /** request-overdue: the request, its tracking code, the unit holding it and the step's title. */
  requestId?: string;
  code?: string;
  unit?: string;
  stepTitle?: string;
}

export interface AlertCause {
  /** Stable while the cause lasts: e.g. `past-target:<ticketId>`, `paused-long:<counterId>:<pausedAt>`. */
  key: string;
  rule: AlertRule;
  /** Epoch ms the cause began (the moment it crossed its threshold, or the state it stems from). */
  since: number;
  subject: AlertSubject;
}

/** Per counter: when it last paused, and the time of its latest event (what made it idle, when it is). */
export interface CounterTimes {
  pausedAt?: number;
  lastAt: number;
}

/** Folds a day's events into each counter's times (in place; start from an empty map for a new day). */
export function foldCounterTimes(times: Map<string, CounterTimes>, events: readonly StoredEvent[]): void {
  for (const { event } of events) {
    const counterId = 'counterId' in event ? event.counterId : undefined;
    if (!counterId) continue;
    const t = times.get(counterId) ?? { lastAt: event.at };
    t.lastAt = event.at;
    if (event.type === 'CounterPaused') t.pausedAt = event.at;
    else if (event.type === 'CounterResumed' || event.type === 'CounterClosed' || event.type === 'CounterOpened') {
      delete t.pausedAt;
    }
    times.set(counterId, t);
  }
}

export interface AlertInput {
  ix: IndexedConfig;
  state: DayState;
  counterTimes: ReadonlyMap<string, CounterTimes>;
  devices: readonly DeviceHealth[];
  thresholds: AlertSettings;
  now: number;
  /** The causes found last time (AL2 keeps a long queue's key while it stays long). */
  previous?: readonly AlertCause[];
  /** [SY10] On the centre, for a branch linked to its branch server: the link's state (epoch ms since). */
  link?: { connected: boolean; since: number };
}

const MINUTE = 60_000;

/** [AL1–AL8] The current causes, sorted by key. */
export function alertCauses(input: AlertInput): AlertCause[] {
  const { ix, state, counterTimes, devices, thresholds, now } = input;
  const causes: AlertCause[] = [];
  const waitingPerService = new Map<string, number>();

  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t?.status !== 'waiting') continue;
    waitingPerService.set(t.serviceId, (waitingPerService.get(t.serviceId) ?? 0) + 1);
    // [AL1] A ticket waiting past its sub-service's target wait.
    const target = ix.services.get(t.serviceId)?.targetWaitMinutes;
    if (target !== undefined && now - t.queuedAt > target * MINUTE) {
      causes.push({
        key: `past-target:${t.id}`,
        rule: 'past-target',
        since: t.queuedAt + target * MINUTE,
        subject: { ticketId: t.id, number: t.number, serviceId: t.serviceId },
      });
    }
  }

  // [AL2] A sub-service with more than N waiting; the key keeps the moment it became long.
  const before = new Map(
    (input.previous ?? []).filter((c) => c.rule === 'queue-long').map((c) => [c.subject.serviceId, c]),
  );
  for (const [serviceId, waiting] of waitingPerService) {
    if (waiting <= thresholds.queueLongerThan) continue;
    const since = before.get(serviceId)?.since ?? now;
    causes.push({
      key: `queue-long:${serviceId}:${since}`,
      rule: 'queue-long',
      since,
      subject: { serviceId, waiting },
    });
  }

  for (const counter of ix.counters.values()) {
    const c = state.counters.get(counter.id);
    if (!c) continue;
    const times = counterTimes.get(counter.id);
    // [AL3] Paused longer than M minutes.
    if (c.status === 'paused') {
      const pausedAt = times?.pausedAt;
      if (pausedAt !== undefined && now - pausedAt > thresholds.pausedLongerThanMinutes * MINUTE) {
        causes.push({
          key: `paused-long:${counter.id}:${pausedAt}`,
          rule: 'paused-long',
          since: pausedAt,
          subject: { counterId: counter.id },
        });
      }
      continue;
    }
    // [AL4] Open with no ticket while a ticket it could call waits, for longer than the grace.
    if (c.status !== 'open' || c.currentTicketId || !times) continue;
    const serves = new Set(counter.services.map((s) => s.serviceId));
    let oldest: number | undefined;
    for (const id of state.waiting) {
      const t = state.tickets.get(id);
      if (t?.status !== 'waiting' || !serves.has(t.serviceId)) continue;
      if (t.targetCounterId && t.targetCounterId !== counter.id) continue;
      if (oldest === undefined || t.queuedAt < oldest) oldest = t.queuedAt;
    }
    if (oldest === undefined) continue;
    const idleSince = times.lastAt;
    if (now - Math.max(idleSince, oldest) > thresholds.idleGraceSeconds * 1000) {
      causes.push({
        key: `counter-idle:${counter.id}:${idleSince}`,
        rule: 'counter-idle',
        since: idleSince,
        subject: { counterId: counter.id },
      });
    }
  }

  for (const d of devices) {
    const since = Date.parse(d.since);
    const subject: AlertSubject = {
      deviceId: d.deviceId,
      deviceKind: d.kind,
      ...(d.counterId ? { counterId: d.counterId } : {}),
    };
    // [AL5] Offline (or in error) for longer than the grace.
    if ((d.status === 'offline' || d.status === 'error') && now - since > thresholds.offlineGraceSeconds * 1000) {
      causes.push({ key: `device-offline:${d.deviceId}:${since}`, rule: 'device-offline', since, subject });
    }
    // [AL6–AL8] A printer out of paper, near its roll's end, or with its cover open: at once.
    const rule: AlertRule | undefined =
      d.status === 'paper-out'
        ? 'printer-paper-out'
        : d.status === 'paper-near-end'
          ? 'printer-paper-near-end'
          : d.status === 'cover-open'
            ? 'printer-cover-open'
            : undefined;
    if (rule) causes.push({ key: `${rule}:${d.deviceId}:${since}`, rule, since, subject });
  }

  // [SY10] The branch server's link down longer than the offline grace (0: at once).
  const { link } = input;
  if (link && !link.connected && now - link.since >= thresholds.offlineGraceSeconds * 1000) {
    causes.push({ key: `branch-offline:${link.since}`, rule: 'branch-offline', since: link.since, subject: {} });
  }

  return causes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The seq of the event that put a request where it is now (its creation, a completion, a return to a
 * step, a forward, a resubmission): a step reached again is a new arrival with a new due time (WD4).
 */
export function arrivalSeq(events: readonly RequestEvent[]): number {
  let seq = 0;
  for (const e of events) {
    if (
      e.type === 'RequestCreated' ||
      e.type === 'StepCompleted' ||
      e.type === 'Resubmitted' ||
      e.type === 'StepForwarded' ||
      (e.type === 'StepReturned' && e.toStep !== null)
    ) {
      seq = e.seq;
    }
  }
  return seq;
}

/**
 * [RN5] The branch's requests whose current step is past its agreed duration (RQ16's `overdue`): one
 * cause per request and arrival at its step, `request-overdue:<requestId>:<step>:<arrival seq>`, since
 * the step's due time. The cause ends when the step moves on, back, to another unit, or the request
 * leaves the workflow; arriving again later is a new cause. Sorted by key.
 */
export function requestOverdueCauses(
  config: BranchConfig,
  records: readonly RequestRecord[],
  now: number,
): AlertCause[] {
  const causes: AlertCause[] = [];
  for (const record of records) {
    if (record.branchId !== config.branch.id || record.events[0]?.type !== 'RequestCreated') continue;
    const current = requestView(config, record, now).current;
    if (!current?.overdue) continue;
    causes.push({
      key: `request-overdue:${record.id}:${current.step}:${arrivalSeq(record.events)}`,
      rule: 'request-overdue',
      since: Date.parse(current.dueAt),
      subject: { requestId: record.id, code: record.code, unit: current.unit, stepTitle: current.title },
    });
  }
  return causes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
