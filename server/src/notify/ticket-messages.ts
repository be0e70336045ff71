// [NT7][NT8] Messages derived from the branch-day logs: the follower reads each log from its cursor
// (a store record per branch-day), folds it, and queues in the outbox the messages its events call
// for, only for tickets issued with a mobile number. The log is durable and every message's key is
// idempotent, so after a restart reading on from the cursor loses none and doubles none.
import { type SmsSettings, SmsSettings as SmsSettingsSchema, toPersianDigits } from '@nobat/protocol';
import {
  applyAll,
  type DayState,
  emptyDay,
  estimate,
  type IndexedConfig,
  localDay,
  type StoredEvent,
  type Ticket,
} from '../domain/index.ts';
import type { Logger } from '../log.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { Store } from '../store/port.ts';
import type { Notifier, OutgoingMessage } from './port.ts';

const DEFAULT_SMS: SmsSettings = SmsSettingsSchema.parse({});

export function smsSettings(ix: IndexedConfig): SmsSettings {
  return ix.config.branch.settings.sms ?? DEFAULT_SMS;
}

const fa = (n: number | string) => toPersianDigits(String(n));

/** [NT8] The texts, Persian with Persian digits; links stay Latin (a phone must open them). */
export const texts = {
  taken: (p: { branch: string; number: string; ahead: number; etaMinutes: number | null; link: string }) =>
    `${p.branch}\nنوبت شما: ${fa(p.number)}\nنفرات جلوی شما: ${fa(p.ahead)}\n` +
    `زمان تقریبی انتظار: ${p.etaMinutes === null ? 'نامعلوم' : `${fa(p.etaMinutes)} دقیقه`}\nپیگیری نوبت: ${p.link}`,
  ahead: (p: { number: string; ahead: number }) =>
    p.ahead === 0
      ? `نوبت ${fa(p.number)}: نفر بعدی شما هستید. لطفاً نزدیک باجه‌ها باشید.`
      : `نوبت ${fa(p.number)}: ${fa(p.ahead)} نفر جلوی شما هستند. لطفاً نزدیک باجه‌ها باشید.`,
  called: (p: { number: string; counter: number }) =>
    `نوبت ${fa(p.number)}: لطفاً به باجهٔ ${fa(p.counter)} مراجعه کنید.`,
  survey: (p: { branch: string; link: string }) =>
    `از مراجعهٔ شما به ${p.branch} سپاسگزاریم. لطفاً در نظرسنجی شرکت کنید: ${p.link}`,
};

interface Cursor {
  seq: number;
}

interface Followed {
  day: string;
  state: DayState;
  /** Read up to here with messages queued (the cursor record's value). */
  cursor: number;
  cursorVersion: number;
  /** When the cursor record was last written (clock ms). */
  cursorWrittenAt: number;
  mobiles: Map<string, string>;
  /** People ahead when the ticket was taken (the taken message told them). */
  takenAhead: Map<string, number>;
  aheadDone: Set<string>;
}

export interface TicketMessagesOptions {
  store: Store;
  queue: QueueService;
  notify: Notifier;
  /** Base of the tracking and survey links (known once the server listens). */
  publicUrl: () => string;
  logger: Logger;
  clock?: () => number;
  /** How often every branch's log is read with no local event (other processes' events; ms; default 10 s; 0: never). */
  intervalMs?: number;
}

/** [NT7] Over events that call for no message, the cursor is written at most this often (ms). */
export const CURSOR_EVERY_MS = 5_000;

/** Events after which a waiting ticket may have fewer people ahead of it. */
const MOVES_QUEUE = new Set([
  'TicketCalled',
  'TicketCancelled',
  'TicketMoved',
  'Transferred',
  'MarkedNoShow',
  'Parked',
  'ServiceFinished',
]);

export class TicketMessages {
  readonly #o: TicketMessagesOptions;
  readonly #clock: () => number;
  readonly #followed = new Map<string, Followed>();
  readonly #locks = new Map<string, Promise<void>>();
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(opts: TicketMessagesOptions) {
    this.#o = opts;
    this.#clock = opts.clock ?? Date.now;
  }

  /** Follows the queue's appends, and catches every branch up with today's log now. */
  start(): void {
    // [PF3] The queue's own appends are folded as they come, not read back from the store.
    this.#unsubscribe = this.#o.queue.onEvents(
      (branchId, day, events) => void this.follow(branchId, day.state.day, events),
    );
    void this.catchUp();
    const every = this.#o.intervalMs ?? 10_000;
    if (every > 0) {
      this.#timer = setInterval(() => void this.catchUp(), every);
      this.#timer.unref?.();
    }
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#timer) clearInterval(this.#timer);
    await this.settled();
  }

  /** Waits for the reading under way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#locks.size > 0) await Promise.all(this.#locks.values());
  }

  /** Every branch's today read on from its cursor. Never rejects (a failure is logged). */
  async catchUp(): Promise<void> {
    let branches: { id: string }[];
    try {
      branches = await this.#o.store.listRecords<unknown>('branch');
    } catch (err) {
      this.#o.logger.error({ err }, 'sms follower cannot list the branches');
      return;
    }
    await Promise.all(
      branches.map(async (b) => {
        const ix = await this.#o.queue.config(b.id).catch(() => undefined);
        if (ix) await this.follow(b.id, localDay(this.#clock(), ix.config.branch.timeZone));
      }),
    );
  }

  /** [MEM2] How many tickets the follower keeps of the branch's day (none followed: 0). */
  heldTickets(branchId: string): number {
    return this.#followed.get(branchId)?.state.tickets.size ?? 0;
  }

  /**
   * Reads the branch-day's log on from the cursor and queues the messages its events call for. Never
   * rejects: a failure (the store unavailable) is logged, the cursor stays, and the next reading retries.
   */
  follow(branchId: string, day: string, appended?: readonly StoredEvent[]): Promise<void> {
    const previous = this.#locks.get(branchId) ?? Promise.resolve();
    const settled = previous
      .then(() => this.#follow(branchId, day, appended))
      .catch((err) => {
        // The fold may be ahead of what was queued: read the day again from its cursor next time.
        this.#followed.delete(branchId);
        this.#o.logger.error({ err, branchId }, 'sms follower failed');
      });
    this.#locks.set(branchId, settled);
    void settled.then(() => {
      if (this.#locks.get(branchId) === settled) this.#locks.delete(branchId);
    });
    return settled;
  }

  async #follow(branchId: string, day: string, appended?: readonly StoredEvent[]): Promise<void> {
    const ix = await this.#o.queue.config(branchId);
    if (!ix) return;
    let f = this.#followed.get(branchId);
    if (!f || f.day !== day) {
      if (f && f.day > day) return; // an old day's late notice
      const rec = await this.#o.store.getRecord<Cursor>('outbox-cursor', `${branchId}/${day}`);
      f = {
        day,
        state: emptyDay(day),
        cursor: rec?.value.seq ?? 0,
        cursorVersion: rec?.version ?? 0,
        cursorWrittenAt: this.#clock(),
        mobiles: new Map(),
        takenAhead: new Map(),
        aheadDone: new Set(),
      };
      this.#followed.set(branchId, f);
    }
    const events = fresh(appended, f.state.version) ?? (await this.#o.store.readEvents(branchId, day, f.state.version));
    if (events.length === 0) return;
    const sms = smsSettings(ix);
    let queued = 0;
    for (const stored of events) {
      applyAll(f.state, [stored], ix.isPriorityClass);
      const messages = this.#messagesOf(ix, sms, f, stored);
      if (stored.seq <= f.cursor || !sms.enabled) continue;
      for (const m of messages) await this.#o.notify.enqueue(m);
      queued += messages.length;
    }
    forgetFinished(f);
    const seq = f.state.version;
    // [NT7] Moved after a reading that queued a message; over events that call for none, at most every
    // CURSOR_EVERY_MS (a cursor left behind only costs reading them again after a restart, and NT1
    // makes a message read twice one): not a store write, an fsync on SQLite, for every ticket issued.
    const now = this.#clock();
    if (seq > f.cursor && (queued > 0 || now - f.cursorWrittenAt >= CURSOR_EVERY_MS)) {
      f.cursorWrittenAt = now;
      const put = await this.#o.store.putRecord<Cursor>(
        'outbox-cursor',
        `${branchId}/${day}`,
        { seq },
        f.cursorVersion,
        // A day's cursor is of no use after a few days.
        { expiresAt: this.#clock() + 7 * 24 * 3_600_000 },
      );
      if (put.ok) {
        f.cursor = seq;
        f.cursorVersion = put.version;
      } else {
        // Another process moved it: take its value (messages meanwhile were queued idempotently).
        const rec = await this.#o.store.getRecord<Cursor>('outbox-cursor', `${branchId}/${day}`);
        f.cursor = Math.max(seq, rec?.value.seq ?? 0);
        f.cursorVersion = rec?.version ?? 0;
      }
    }
  }

  /** [NT8] The messages one event calls for (with the follower's memory updated as it goes). */
  #messagesOf(ix: IndexedConfig, sms: SmsSettings, f: Followed, stored: StoredEvent): OutgoingMessage[] {
    const e = stored.event;
    const branchId = ix.config.branch.id;
    const branch = ix.config.branch.name.fa;
    const base = this.#o.publicUrl();
    const out: OutgoingMessage[] = [];
    const message = (t: Ticket, kind: OutgoingMessage['kind'], key: string, text: string) => {
      const to = f.mobiles.get(t.id);
      if (to) out.push({ key, branchId, kind, to, text, ticketId: t.id });
    };
    if (e.type === 'TicketIssued') {
      const mobile = e.contact?.mobile;
      const t = f.state.tickets.get(e.ticketId);
      if (mobile && t) {
        f.mobiles.set(t.id, mobile);
        const est = estimate(ix, f.state, e.at, { ticketId: t.id });
        f.takenAhead.set(t.id, est.ahead);
        message(
          t,
          'ticket-taken',
          `${t.id}:ticket-taken`,
          texts.taken({
            branch,
            number: t.number,
            ahead: est.ahead,
            etaMinutes: est.etaMinutes,
            link: `${base}/t/${t.id}`,
          }),
        );
      }
    } else if (e.type === 'TicketCalled') {
      const t = f.state.tickets.get(e.ticketId);
      const counter = ix.counters.get(e.counterId);
      if (t && counter) {
        f.aheadDone.add(t.id);
        // A transferred ticket is called again elsewhere: that call is a message of its own.
        const key = t.transfers === 0 ? `${t.id}:called` : `${t.id}:called:${t.transfers}`;
        message(t, 'called', key, texts.called({ number: t.number, counter: counter.number }));
      }
    } else if (e.type === 'ServiceFinished') {
      const t = f.state.tickets.get(e.ticketId);
      if (t) message(t, 'survey', `${t.id}:survey`, texts.survey({ branch, link: `${base}/s/${t.id}` }));
    }
    if (MOVES_QUEUE.has(e.type)) {
      for (const [id, taken] of f.takenAhead) {
        if (f.aheadDone.has(id) || taken <= sms.aheadAt) continue;
        const t = f.state.tickets.get(id);
        if (t?.status !== 'waiting') continue;
        const { ahead } = estimate(ix, f.state, e.at, { ticketId: id });
        if (ahead > sms.aheadAt) continue;
        f.aheadDone.add(id);
        message(t, 'ahead', `${id}:ahead`, texts.ahead({ number: t.number, ahead }));
      }
    }
    return out;
  }
}

/** Statuses no later event leaves: such a ticket gets no more messages. */
const ENDED: ReadonlySet<Ticket['status']> = new Set(['finished', 'no-show', 'cancelled']);

/**
 * [MEM2] The follower's fold keeps only what its messages can still need: tickets in play, and none
 * of the request ids (it never decides). A busy day is then held once, by the queue, not twice.
 */
function forgetFinished(f: Followed): void {
  for (const [id, t] of f.state.tickets) {
    if (!ENDED.has(t.status)) continue;
    f.state.tickets.delete(id);
    f.mobiles.delete(id);
    f.takenAhead.delete(id);
    f.aheadDone.delete(id);
  }
  f.state.requests.clear();
}

/**
 * [PF3] Events this process just appended, when they follow on from `version` with no gap (those
 * already folded left out); undefined when they do not (another process appended between): read the log.
 */
function fresh(appended: readonly StoredEvent[] | undefined, version: number): readonly StoredEvent[] | undefined {
  if (!appended || appended.length === 0) return undefined;
  const rest = appended.filter((e) => e.seq > version);
  if (rest.length === 0) return rest;
  return rest[0]?.seq === version + 1 ? rest : undefined;
}
