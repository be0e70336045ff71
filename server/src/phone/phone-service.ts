// Tickets from the visitor's phone (PH1–PH8): a one-time code confirms the number, the ticket is
// issued through the queue like the web's, and "I'm late" defers it once. The code is never kept,
// only its salted hash, in a record that expires with it.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  type Message,
  type PhoneErrorCode,
  type PhoneSettings,
  phoneErrors,
  Refusal,
  refusalMessages,
  toPersianDigits,
} from '@nobat/protocol';
import type { IndexedConfig } from '../domain/decide.ts';
import { estimate } from '../domain/estimate.ts';
import { localDay } from '../domain/local-time.ts';
import type { Ticket } from '../domain/state.ts';
import { ApiError, fail, refused } from '../http/errors.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import type { Notifier } from '../notify/port.ts';
import { branchOfTicket, type QueueService } from '../queue/queue-service.ts';
import type { Store, VersionedRecord } from '../store/port.ts';
import type { RedisClient } from '../store/redis/client.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** [PH2] A challenge as stored: the code's hash, never the code. */
export interface ChallengeRecord {
  branchId: string;
  serviceId: string;
  mobile: string;
  hash: string;
  attempts: number;
  expiresAt: number;
  /** [PH5] The ticket it issued, once it has. */
  ticketId?: string;
}

/** [PH7] A ticket taken from the phone. */
export interface PhoneTicketRecord {
  branchId: string;
  challengeId: string;
}

/** [PH5] The challenges that took (or are taking) a ticket for a number at a branch on a day. */
interface NumberDayRecord {
  challenges: string[];
}

export interface PhoneServiceDeps {
  store: Store;
  queue: QueueService;
  notify?: Notifier | undefined;
  clock: () => number;
  /** [S12] Where the challenge limits count: Redis when the server runs on it, else memory. */
  rateLimitRedis?: RedisClient | undefined;
}

export const phoneError = (status: 400 | 403 | 409 | 410, code: PhoneErrorCode, message?: Message) =>
  new ApiError(status, code, message ?? phoneErrors[code]);

const hashOf = (challengeId: string, code: string) =>
  createHash('sha256').update(`${challengeId}:${code}`).digest('hex');

export class PhoneService {
  readonly #d: PhoneServiceDeps;
  /** [PH3][S12] Hits per key in each clock hour, counted where every process sees them. */
  readonly #limit: RateLimiter;

  constructor(deps: PhoneServiceDeps) {
    this.#d = deps;
    this.#limit = new RateLimiter({
      name: 'phone-challenge',
      // The branch's own limit is applied per call (take's limit); this only bounds the count.
      limit: 1_000_000,
      windowMs: HOUR,
      clock: deps.clock,
      ...(deps.rateLimitRedis ? { redis: deps.rateLimitRedis } : {}),
    });
  }

  /** [PH1] The branch's configuration, when it takes phone tickets. */
  async #branch(branchId: string): Promise<{ ix: IndexedConfig; settings: PhoneSettings }> {
    const ix = await this.#d.queue.config(branchId);
    if (!ix) throw fail(404, 'not-found');
    const settings = ix.config.branch.settings.phone;
    if (!settings.enabled) throw phoneError(403, 'phone-disabled');
    return { ix, settings };
  }

  /** [PH2][PH3] Sends a code to the number; answers the challenge's id and expiry. */
  async challenge(
    branchId: string,
    mobile: string,
    serviceId: string,
    address: string,
  ): Promise<{ challengeId: string; expiresAt: number }> {
    const { ix, settings } = await this.#branch(branchId);
    const service = ix.services.get(serviceId);
    if (!service) throw refused({ code: Refusal.unknownService, message: refusalMessages['unknown-service'] });
    if (!service.active) throw refused({ code: Refusal.serviceInactive, message: refusalMessages['service-inactive'] });
    if (!this.#d.notify) throw new ApiError(503, 'sms-unavailable', SMS_UNAVAILABLE);
    const now = this.#d.clock();
    // The address first (a script trying many numbers), then the number (many addresses, one victim).
    const perHour = settings.challengesPerHour;
    if (!(await this.#limit.take(`a:${address}`, perHour))) throw fail(429, 'rate-limited');
    if (!(await this.#limit.take(`m:${mobile}`, perHour))) throw fail(429, 'rate-limited');
    const challengeId = randomBytes(16).toString('base64url');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + settings.codeMinutes * 60_000;
    const record: ChallengeRecord = {
      branchId,
      serviceId,
      mobile,
      hash: hashOf(challengeId, code),
      attempts: 0,
      expiresAt,
    };
    await this.#d.store.putRecord('phone-challenge', challengeId, record, 0, { expiresAt });
    const name = ix.config.branch.name.fa;
    await this.#d.notify.enqueue({
      key: `otp:${challengeId}`,
      branchId,
      kind: 'otp',
      to: mobile,
      text: `کد تأیید نوبت ${name}: ${toPersianDigits(code)}\nاین کد را به کسی ندهید.`,
      urgent: true,
    });
    return { challengeId, expiresAt };
  }

  /** [PH4][PH5] Checks the code and issues the ticket (the same one for the same challenge). */
  async issue(branchId: string, challengeId: string, code: string): Promise<{ ticket: Ticket; created: boolean }> {
    const { ix, settings } = await this.#branch(branchId);
    let rec = await this.#d.store.getRecord<ChallengeRecord>('phone-challenge', challengeId);
    // A challenge of another branch is not this branch's: the same answer as none.
    if (!rec || rec.value.branchId !== branchId) throw phoneError(410, 'challenge-expired');
    for (;;) {
      const c = rec.value;
      if (c.attempts >= settings.codeAttempts) throw phoneError(410, 'challenge-dead');
      const given = Buffer.from(hashOf(challengeId, code));
      if (timingSafeEqual(given, Buffer.from(c.hash))) break;
      // [PH4] A wrong code counts, compare-and-set: two at once count two.
      const attempts = c.attempts + 1;
      const put = await this.#d.store.putRecord('phone-challenge', challengeId, { ...c, attempts }, rec.version, {
        expiresAt: c.expiresAt,
      });
      if (put.ok) {
        const left = settings.codeAttempts - attempts;
        const base = phoneErrors['wrong-code'];
        throw phoneError(400, 'wrong-code', {
          fa: `${base.fa} ${toPersianDigits(String(left))} بار دیگر می‌توانید امتحان کنید.`,
          en: `${base.en} ${left} attempt${left === 1 ? '' : 's'} left.`,
        });
      }
      rec = await this.#d.store.getRecord<ChallengeRecord>('phone-challenge', challengeId);
      if (!rec) throw phoneError(410, 'challenge-expired');
    }
    const c = rec.value;
    if (c.ticketId) {
      const found = await this.#d.queue.findTicket(c.ticketId);
      if (found) return { ticket: found.ticket, created: false };
    }
    const now = this.#d.clock();
    const day = localDay(now, ix.config.branch.timeZone);
    const dayKey = `${branchId}/${day}/${c.mobile}`;
    await this.#reserve(dayKey, challengeId, settings.perNumberDaily, now);
    const r = await this.#d.queue.execute(branchId, {
      type: 'issue',
      serviceId: c.serviceId,
      // [PH5] One ticket per challenge, even for two requests at once (T1).
      requestId: `phone:${challengeId}`,
      source: { kind: 'web' },
      contact: { mobile: c.mobile },
    });
    if (!r.ok || !r.ticket) {
      await this.#release(dayKey, challengeId);
      if (!r.ok) throw refused(r);
      throw fail(404, 'not-found');
    }
    const ticket = r.ticket;
    await this.#d.store.putRecord<PhoneTicketRecord>('phone-ticket', ticket.id, { branchId, challengeId }, 0, {
      expiresAt: now + 2 * DAY,
    });
    // The challenge now answers this ticket when asked again, for a day.
    for (let cur: VersionedRecord<ChallengeRecord> | undefined = rec; cur; ) {
      const put = await this.#d.store.putRecord(
        'phone-challenge',
        challengeId,
        { ...cur.value, ticketId: ticket.id },
        cur.version,
        {
          expiresAt: now + DAY,
        },
      );
      if (put.ok) break;
      cur = await this.#d.store.getRecord<ChallengeRecord>('phone-challenge', challengeId);
    }
    return { ticket, created: r.events.length > 0 };
  }

  /** [PH5] Holds one of the number's daily places for the challenge (compare-and-set). */
  async #reserve(id: string, challengeId: string, limit: number, now: number): Promise<void> {
    for (;;) {
      const rec = await this.#d.store.getRecord<NumberDayRecord>('phone-number-day', id);
      const list = rec?.value.challenges ?? [];
      if (list.includes(challengeId)) return;
      if (list.length >= limit) throw phoneError(409, 'daily-limit');
      const put = await this.#d.store.putRecord(
        'phone-number-day',
        id,
        { challenges: [...list, challengeId] },
        rec?.version ?? 0,
        { expiresAt: now + 2 * DAY },
      );
      if (put.ok) return;
    }
  }

  async #release(id: string, challengeId: string): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const rec = await this.#d.store.getRecord<NumberDayRecord>('phone-number-day', id);
      if (!rec?.value.challenges.includes(challengeId)) return;
      const challenges = rec.value.challenges.filter((x) => x !== challengeId);
      const put = await this.#d.store.putRecord('phone-number-day', id, { challenges }, rec.version, {
        expiresAt: this.#d.clock() + 2 * DAY,
      });
      if (put.ok) return;
    }
  }

  /** [PH7] Whether the tracking page may offer "I'm late", and whether it was used. */
  async info(ticketId: string): Promise<{ late: { places: number; used: boolean } | null }> {
    const found = await this.#d.queue.findTicket(ticketId);
    if (!found) throw fail(404, 'not-found');
    const settings = found.day.ix.config.branch.settings.phone;
    const rec = await this.#d.store.getRecord<PhoneTicketRecord>('phone-ticket', ticketId);
    if (!rec || !settings.enabled) return { late: null };
    return { late: { places: settings.latePlaces, used: found.ticket.deferred === true } };
  }

  /** [PH6][PH7] "I'm late": the ticket goes back the branch's number of places, once. */
  async late(ticketId: string): Promise<{ moved: number; ahead: number }> {
    const branchId = branchOfTicket(ticketId);
    if (!branchId) throw fail(404, 'not-found');
    const found = await this.#d.queue.findTicket(ticketId);
    if (!found) throw fail(404, 'not-found');
    const { settings } = await this.#branch(branchId);
    const rec = await this.#d.store.getRecord<PhoneTicketRecord>('phone-ticket', ticketId);
    if (!rec) throw phoneError(403, 'not-phone-ticket');
    const r = await this.#d.queue.execute(branchId, { type: 'defer', ticketId, places: settings.latePlaces });
    if (!r.ok) throw refused(r);
    const e = r.events[0]?.event;
    const moved = e?.type === 'TicketDeferred' ? e.moved : 0;
    const after = await this.#d.queue.findTicket(ticketId);
    const ahead = after ? estimate(after.day.ix, after.day.state, this.#d.clock(), { ticketId }).ahead : 0;
    return { moved, ahead };
  }
}

const SMS_UNAVAILABLE: Message = {
  fa: 'ارسال پیامک اکنون ممکن نیست.',
  en: 'Text messages cannot be sent now.',
};
