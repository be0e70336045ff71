// The durable outbox (rules NT1–NT5 in server/SPEC.md): every message to a visitor's mobile is a store
// record keyed by its idempotency key, created only if none exists, and sent by a worker that claims it
// for a lease, sends it through the gateway, and marks it sent, queued again (with backoff) or failed.
import { type SendFailure, type SmsSettings, SmsSettings as SmsSettingsSchema } from '@nobat/protocol';
import { localMoment } from '../domain/local-time.ts';
import type { Logger } from '../log.ts';
import type { Store, VersionedRecord } from '../store/port.ts';
import { GatewayError, maskInText, maskMobile, type SmsGateway } from './gateways/port.ts';
import type { MessageKind, Notifier, OutgoingMessage } from './port.ts';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed' | 'dropped';

export interface OutboxEntry extends OutgoingMessage {
  state: OutboxState;
  createdAt: number;
  /** The branch's local day when it was queued ([NT5]: day-bound kinds are dropped once it is over). */
  day: string;
  attempts: number;
  /** Epoch ms from which the worker may (try to) send it. */
  nextAttemptAt: number;
  /** While 'sending': until when the claiming worker owns it ([NT3]). */
  leaseUntil?: number;
  lastError?: string;
  /** Why the last attempt failed, for the console to word (NT9). */
  lastReason?: SendFailure;
  sentAt?: number;
  /** When it reached its final state (sent, failed, dropped). */
  finishedAt?: number;
  /** The gateway's id of the sent message, if it gave one. */
  gatewayId?: string;
  gateway?: string;
}

/** [NT5] Kinds that make no sense once the day they were queued for is over. */
const FINAL: ReadonlySet<OutboxState> = new Set(['sent', 'failed', 'dropped']);

export const DAY_BOUND_KINDS: ReadonlySet<MessageKind> = new Set(['ticket-taken', 'ahead', 'called']);

/** What the outbox needs of a branch: its zone and SMS settings (undefined: unknown branch). */
export type BranchSmsInfo = (branchId: string) => Promise<{ timeZone: string; sms: SmsSettings } | undefined>;

export interface OutboxOptions {
  store: Store;
  gateway: SmsGateway;
  logger: Logger;
  clock?: () => number;
  branchInfo?: BranchSmsInfo;
  /** [NT2] Attempts before a message is failed (default 6). */
  maxAttempts?: number;
  /** [NT2] The first retry's delay; each next one doubles, up to maxBackoffMs (defaults 30 s, 30 min). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** [NT3] How long a claim lasts: a message still 'sending' after it is tried again (default 2 min). */
  leaseMs?: number;
  /** How often the worker looks for due messages (default 5 s). */
  intervalMs?: number;
  /** Sent, failed and dropped records are kept this long (by this clock), then a pass removes them (default 7 days). */
  keepMs?: number;
}

const DEFAULT_SMS: SmsSettings = SmsSettingsSchema.parse({});

/** [NT5] Whether local time "HH:MM" falls in the night window [from, until), which may cross midnight. */
export function inNightWindow(time: string, from: string, until: string): boolean {
  if (from === until) return false;
  return from < until ? from <= time && time < until : time >= from || time < until;
}

/** [NT2] The delay before attempt n+1 after n failed attempts: base · 2^(n−1), at most max. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** [NT9] A branch's messages in the store, newest first, optionally in one state. */
export async function listOutbox(
  store: Store,
  branchId: string,
  opts: { state?: OutboxState | undefined; limit?: number } = {},
): Promise<OutboxEntry[]> {
  const all = await store.listRecords<OutboxEntry>('outbox');
  return all
    .map((r) => r.value)
    .filter((e) => e.branchId === branchId && (!opts.state || e.state === opts.state))
    .sort((a, b) => b.createdAt - a.createdAt || (a.key < b.key ? 1 : -1))
    .slice(0, opts.limit ?? 100);
}

export class Outbox implements Notifier {
  readonly #store: Store;
  #gateway: SmsGateway;
  readonly #logger: Logger;
  readonly #clock: () => number;
  readonly #branchInfo: BranchSmsInfo;
  readonly #maxAttempts: number;
  readonly #baseBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #leaseMs: number;
  readonly #intervalMs: number;
  readonly #keepMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<number> | undefined;
  #again = false;
  #stopped = true;

  constructor(opts: OutboxOptions) {
    this.#store = opts.store;
    this.#gateway = opts.gateway;
    this.#logger = opts.logger;
    this.#clock = opts.clock ?? Date.now;
    this.#branchInfo = opts.branchInfo ?? (async () => undefined);
    this.#maxAttempts = opts.maxAttempts ?? 6;
    this.#baseBackoffMs = opts.baseBackoffMs ?? 30_000;
    this.#maxBackoffMs = opts.maxBackoffMs ?? 30 * 60_000;
    this.#leaseMs = opts.leaseMs ?? 120_000;
    this.#intervalMs = opts.intervalMs ?? 5_000;
    this.#keepMs = opts.keepMs ?? 7 * 24 * 3_600_000;
  }

  get gateway(): SmsGateway {
    return this.#gateway;
  }

  /** [NT1] Queues the message unless one with its key exists (then false); durable once resolved. */
  async enqueue(message: OutgoingMessage): Promise<boolean> {
    const now = this.#clock();
    const info = await this.#branchInfo(message.branchId);
    const day = localMoment(now, info?.timeZone ?? 'Asia/Tehran').day;
    const entry: OutboxEntry = {
      ...message,
      state: 'queued',
      createdAt: now,
      day,
      attempts: 0,
      nextAttemptAt: now,
    };
    const put = await this.#store.putRecord('outbox', message.key, entry, 0);
    if (!put.ok) return false;
    this.#logger.info(
      { key: message.key, kind: message.kind, to: maskMobile(message.to), branchId: message.branchId },
      'sms queued',
    );
    this.kick();
    return true;
  }

  async get(key: string): Promise<OutboxEntry | undefined> {
    return (await this.#store.getRecord<OutboxEntry>('outbox', key))?.value;
  }

  /** A branch's messages, newest first, optionally in one state. */
  list(branchId: string, opts: { state?: OutboxState | undefined; limit?: number } = {}): Promise<OutboxEntry[]> {
    return listOutbox(this.#store, branchId, opts);
  }

  /**
   * [OP5] The backlog per branch: messages waiting to be sent (queued or being sent), those that failed
   * for good, and when the oldest waiting one was queued (epoch ms).
   */
  async backlog(): Promise<{ branchId: string; pending: number; failed: number; oldestPendingAt?: number }[]> {
    const per = new Map<string, { branchId: string; pending: number; failed: number; oldestPendingAt?: number }>();
    for (const { value: e } of await this.#store.listRecords<OutboxEntry>('outbox')) {
      let b = per.get(e.branchId);
      if (!b) {
        b = { branchId: e.branchId, pending: 0, failed: 0 };
        per.set(e.branchId, b);
      }
      if (e.state === 'queued' || e.state === 'sending') {
        b.pending++;
        b.oldestPendingAt = Math.min(b.oldestPendingAt ?? e.createdAt, e.createdAt);
      } else if (e.state === 'failed') b.failed++;
    }
    return [...per.values()];
  }

  /** Starts the worker: a pass now, then every intervalMs (the timer does not keep the process alive). */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops the worker and waits for the pass under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
    await this.#gateway.close?.();
  }

  /** Asks for a pass soon (after an enqueue), when the worker runs. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.runOnce()
        .catch((err) => this.#logger.error({ err: maskInText(String(err)) }, 'sms outbox pass failed'))
        .finally(() => {
          const again = this.#again;
          this.#again = false;
          this.#schedule(again ? 0 : this.#intervalMs);
        });
    }, ms);
    this.#timer.unref?.();
  }

  /** One pass: every due message tried once. Resolves with how many were sent. */
  runOnce(): Promise<number> {
    if (this.#running) return this.#running;
    const run = this.#pass().finally(() => {
      this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  async #pass(): Promise<number> {
    const now = this.#clock();
    const records = await this.#store.listRecords<OutboxEntry>('outbox');
    // [NT1] A final record older than keepMs (by this clock, the one that wrote it) is removed.
    for (const r of records) {
      const e = r.value;
      if (FINAL.has(e.state) && (e.finishedAt ?? e.createdAt) + this.#keepMs <= now) {
        await this.#store.deleteRecord('outbox', r.id);
      }
    }
    const due = records
      .filter(
        (r) =>
          (r.value.state === 'queued' && r.value.nextAttemptAt <= now) ||
          (r.value.state === 'sending' && (r.value.leaseUntil ?? 0) <= now),
      )
      .sort(
        (a, b) =>
          Number(b.value.urgent ?? false) - Number(a.value.urgent ?? false) || a.value.createdAt - b.value.createdAt,
      );
    let sent = 0;
    for (const r of due) {
      if (await this.#attempt(r)) sent++;
    }
    return sent;
  }

  /** [NT2][NT3][NT5] Claims one message, sends it, records the outcome. */
  async #attempt(r: VersionedRecord<OutboxEntry>): Promise<boolean> {
    const now = this.#clock();
    const e = r.value;
    if (!e.urgent) {
      const info = await this.#branchInfo(e.branchId);
      const tz = info?.timeZone ?? 'Asia/Tehran';
      const sms = info?.sms ?? DEFAULT_SMS;
      const m = localMoment(now, tz);
      if (DAY_BOUND_KINDS.has(e.kind) && m.day !== e.day) {
        await this.#finish(r, {
          ...e,
          state: 'dropped',
          lastError: 'the day it was for is over',
          lastReason: 'day-over',
        });
        this.#logger.info({ key: e.key, to: maskMobile(e.to) }, 'sms dropped: its day is over');
        return false;
      }
      if (inNightWindow(m.time, sms.nightFrom, sms.nightUntil)) return false; // held until morning
    }
    const claimed: OutboxEntry = { ...e, state: 'sending', attempts: e.attempts + 1, leaseUntil: now + this.#leaseMs };
    const claim = await this.#store.putRecord('outbox', e.key, claimed, r.version);
    if (!claim.ok) return false; // another worker has it
    const mine: VersionedRecord<OutboxEntry> = { id: r.id, version: claim.version, value: claimed };
    try {
      const res = await this.#gateway.send({ to: e.to, text: e.text, key: e.key });
      const done: OutboxEntry = { ...claimed, state: 'sent', sentAt: this.#clock(), gateway: this.#gateway.name };
      delete done.leaseUntil;
      if (res.id !== undefined) done.gatewayId = res.id;
      await this.#finish(mine, done);
      this.#logger.info(
        { key: e.key, kind: e.kind, to: maskMobile(e.to), attempts: claimed.attempts, gateway: this.#gateway.name },
        'sms sent',
      );
      return true;
    } catch (err) {
      const retryable = err instanceof GatewayError ? err.retryable : true;
      const reason = maskInText(err instanceof Error ? err.message : String(err));
      const after = this.#clock();
      const next: OutboxEntry = { ...claimed, lastError: reason, gateway: this.#gateway.name };
      if (err instanceof GatewayError) next.lastReason = err.reason;
      else delete next.lastReason;
      delete next.leaseUntil;
      if (retryable && claimed.attempts < this.#maxAttempts) {
        next.state = 'queued';
        next.nextAttemptAt = after + backoffMs(claimed.attempts, this.#baseBackoffMs, this.#maxBackoffMs);
        await this.#write(mine, next);
      } else {
        next.state = 'failed';
        await this.#finish(mine, next);
      }
      this.#logger.warn(
        { key: e.key, to: maskMobile(e.to), attempts: claimed.attempts, retryable, state: next.state, reason },
        'sms not sent',
      );
      return false;
    }
  }

  async #write(r: VersionedRecord<OutboxEntry>, value: OutboxEntry): Promise<void> {
    const res = await this.#store.putRecord('outbox', r.id, value, r.version);
    // The lease ran out and another worker took it: its outcome is the one kept.
    if (!res.ok) this.#logger.warn({ key: r.id }, 'sms outbox record changed under this worker');
  }

  /** A final state: kept keepMs from now, then removed by a worker's pass (the key stays taken meanwhile). */
  #finish(r: VersionedRecord<OutboxEntry>, value: OutboxEntry): Promise<void> {
    return this.#write(r, { ...value, finishedAt: this.#clock() });
  }
}
