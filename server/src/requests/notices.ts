// [RN1–RN4] The visitor of a request hears of it by SMS: after every write of the request service,
// the events just written are turned into messages (notify/request-messages.ts) and queued in the
// outbox, one per event, keyed `request:<requestId>:<seq>` — a request's events are never rewritten,
// so the key names one message forever and a second enqueue (a retry, a catch-up, another process)
// queues nothing. A process killed between the write and the enqueue queues it at its next start
// (catchUp: the events of the last day read again).
import { type BranchConfig, type RequestEvent, type RequestView, SmsSettings } from '@nobat/protocol';
import type { RequestRecord } from '../domain/requests.ts';
import type { Logger } from '../log.ts';
import type { Notifier, OutgoingMessage } from '../notify/port.ts';
import { requestMessage } from '../notify/request-messages.ts';

/** What the catch-up reads: every request, and a branch's configuration (RequestService has both). */
export interface RequestSource {
  all(): Promise<RequestRecord[]>;
  config(branchId: string): Promise<BranchConfig | undefined>;
}

export interface RequestNoticesOptions {
  notify: Notifier;
  /** Base of the status links (known once the server listens). */
  publicUrl: () => string;
  logger?: Logger;
  clock?: () => number;
  /** For catchUp: where the requests are read from. */
  requests?: RequestSource;
  /** How far back catchUp reads events (ms; default one day, well inside the outbox's 7 days of keys, NT1). */
  catchUpWindowMs?: number;
}

/** A request service's change feed (RequestService.onChange and config). */
export interface RequestChanges {
  onChange(listener: (view: RequestView, fresh: RequestEvent[]) => void): () => void;
  config(branchId: string): Promise<BranchConfig | undefined>;
}

/** The stored record a staff view was folded from (a view carries its whole log). */
export const recordOf = (view: RequestView): RequestRecord => ({
  id: view.id,
  branchId: view.branchId,
  code: view.code,
  events: view.events,
});

/** [RN3] The idempotency key of an event's message. */
export const noticeKey = (requestId: string, seq: number) => `request:${requestId}:${seq}`;

const DAY = 86_400_000;

export class RequestNotices {
  readonly #o: RequestNoticesOptions;
  readonly #clock: () => number;
  readonly #pending = new Set<Promise<void>>();

  constructor(opts: RequestNoticesOptions) {
    this.#o = opts;
    this.#clock = opts.clock ?? Date.now;
  }

  /** [RN1] The messages the events call for (pure: nothing queued). */
  messages(record: RequestRecord, fresh: readonly RequestEvent[], config: BranchConfig): OutgoingMessage[] {
    const created = record.events[0];
    if (created?.type !== 'RequestCreated') return [];
    // [RN4] The branch's switch for SMS to visitors (NT8) holds for requests too.
    if (!(config.branch.settings.sms ?? SmsSettings.parse({})).enabled) return [];
    const ctx = { branchName: config.branch.name.fa, publicUrl: this.#o.publicUrl() };
    const out: OutgoingMessage[] = [];
    for (const e of fresh) {
      const m = requestMessage(created, e, ctx);
      if (!m) continue;
      out.push({
        key: noticeKey(record.id, e.seq),
        branchId: created.branchId,
        kind: m.kind,
        to: created.applicant.mobile,
        text: m.text,
      });
    }
    return out;
  }

  /** [RN1][RN3] Queues the messages of the events just written; resolves once they are durable. */
  async onEvents(record: RequestRecord, fresh: readonly RequestEvent[], config: BranchConfig): Promise<void> {
    for (const m of this.messages(record, fresh, config)) await this.#o.notify.enqueue(m);
  }

  /**
   * [RN1] Follows a request service: each write's events are queued (not awaited by the write; a
   * failure is logged, and the catch-up at the next start queues what it missed). Answers the unsubscribe.
   */
  follow(service: RequestChanges): () => void {
    return service.onChange((view, fresh) => {
      const run = (async () => {
        const config = await service.config(view.branchId);
        if (config) await this.onEvents(recordOf(view), fresh, config);
      })()
        .catch((err: unknown) => this.#o.logger?.error({ err, requestId: view.id }, 'request notices failed'))
        .finally(() => this.#pending.delete(run));
      this.#pending.add(run);
    });
  }

  /** Waits for the messages being queued (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  /**
   * [RN3] Every request's events of the last day queued again (a start after a kill between a write
   * and its enqueue); what was queued before is not queued twice (NT1). Never rejects: failures are logged.
   */
  async catchUp(): Promise<void> {
    const source = this.#o.requests;
    if (!source) return;
    const since = this.#clock() - (this.#o.catchUpWindowMs ?? DAY);
    try {
      const configs = new Map<string, BranchConfig | undefined>();
      for (const record of await source.all()) {
        const recent = record.events.filter((e) => Date.parse(e.at) >= since);
        if (recent.length === 0) continue;
        if (!configs.has(record.branchId)) configs.set(record.branchId, await source.config(record.branchId));
        const config = configs.get(record.branchId);
        if (config) await this.onEvents(record, recent, config);
      }
    } catch (err) {
      this.#o.logger?.error({ err }, 'request notices catch-up failed');
    }
  }
}
