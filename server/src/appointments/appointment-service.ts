// Bookings in the store (server/SPEC.md AP3–AP9). Every count that must hold across server
// processes is one record written with compare-and-set: a slot's bookings, a national ID's booking
// of a day, a code. A write that lost the race reads again and decides again.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  type AppointmentErrorCode,
  type AppointmentSettings,
  appointmentErrors,
  type BookingView,
  type Branch,
  type IssuedTicket,
  type RefusalCode,
  type SlotAvailability,
  toJalali,
  toPersianDigits,
} from '@nobat/protocol';
import {
  type BookingState,
  bookable,
  bookingCode,
  bookingState,
  checkInOutcome,
  daySlots,
  isBookingCode,
  isNationalId,
  latinDigits,
  slotProblem,
  slotStart,
} from '../domain/appointments.ts';
import { type IndexedConfig, type IssueSource, localDay } from '../domain/index.ts';
import type { Notifier } from '../notify/port.ts';
import type { QueueService } from '../queue/queue-service.ts';
import { roundEta, trackingUrl } from '../queue/views.ts';
import type { Store } from '../store/port.ts';

export interface Booking {
  id: string;
  branchId: string;
  serviceId: string;
  slot: string;
  mobile: string;
  nationalId: string;
  code: string;
  secret: string;
  createdAt: number;
  cancelled: boolean;
  ticketId: string | null;
  late: boolean;
}

interface SlotRecord {
  ids: string[];
}
interface Pointer {
  bookingId: string;
}

export class AppointmentError extends Error {
  constructor(
    readonly code: AppointmentErrorCode | 'not-found' | 'store-busy',
    readonly status: 400 | 403 | 404 | 409 | 422 | 503,
  ) {
    super(code);
  }
}

/** The queue refused the ticket (branch closed, daily cap, …): its own refusal. */
export class CheckInRefused extends Error {
  constructor(readonly refusal: { code: RefusalCode; message: { fa: string; en: string } }) {
    super(refusal.code);
  }
}

const err = (code: AppointmentErrorCode, status: 400 | 404 | 409 | 422) => new AppointmentError(code, status);

const MAX_TRIES = 200;
/** Records outlive their slot by two days, then the store reclaims them (codes can be given again). */
const KEEP_MS = 2 * 86_400_000;

export interface AppointmentServiceOptions {
  store: Store;
  queue: QueueService;
  clock: () => number;
  /** Read at each use: a server on port 0 learns its URL once listening. */
  publicUrl: string | (() => string);
  notify?: Notifier | undefined;
}

export interface BookRequest {
  serviceId: string;
  slot: string;
  mobile: string;
  nationalId: string;
}

export function maskMobile(m: string): string {
  return `${m.slice(0, 2)}*****${m.slice(-4)}`;
}

export class AppointmentService {
  constructor(private readonly o: AppointmentServiceOptions) {}

  get #publicUrl(): string {
    return typeof this.o.publicUrl === 'function' ? this.o.publicUrl() : this.o.publicUrl;
  }

  manageUrl(token: string): string {
    return `${this.#publicUrl.replace(/\/$/, '')}/a/${token}`;
  }

  async #config(branchId: string): Promise<IndexedConfig> {
    const ix = await this.o.queue.config(branchId);
    if (!ix) throw new AppointmentError('not-found', 404);
    return ix;
  }

  #settings(ix: IndexedConfig, serviceId: string): AppointmentSettings {
    const service = ix.services.get(serviceId);
    const settings = service && bookable(service);
    if (!settings) throw err('not-bookable', 404);
    return settings;
  }

  /** [AP2][AP3] A day's slots of a sub-service with their free places (past slots left out). */
  async slots(branchId: string, serviceId: string, day: string): Promise<SlotAvailability[]> {
    const ix = await this.#config(branchId);
    const settings = this.#settings(ix, serviceId);
    const now = this.o.clock();
    const out: SlotAvailability[] = [];
    for (const time of daySlots(ix.config.branch, settings, day)) {
      const slot = `${day}T${time}`;
      if (slotProblem(ix.config.branch, settings, slot, now)) continue;
      const rec = await this.o.store.getRecord<SlotRecord>('appointment-slot', slotId(branchId, serviceId, slot));
      out.push({ slot, time, free: Math.max(0, settings.perSlot - (rec?.value.ids.length ?? 0)) });
    }
    return out;
  }

  /** [AP3–AP6][AP9] Books a slot; the booking and its manage token. */
  async book(branchId: string, req: BookRequest): Promise<{ booking: Booking; token: string }> {
    const ix = await this.#config(branchId);
    const settings = this.#settings(ix, req.serviceId);
    const branch = ix.config.branch;
    if (!isNationalId(req.nationalId)) throw err('invalid-national-id', 400);
    const problem = slotProblem(branch, settings, req.slot, this.o.clock());
    if (problem) throw err(problem, 422);
    const id = randomBytes(12).toString('base64url');
    const expiresAt = slotStart(branch, req.slot) + KEEP_MS;
    await this.#claimPerson(branchId, req.serviceId, req.slot, req.nationalId, id, expiresAt);
    try {
      await this.#claimSlot(branchId, req.serviceId, req.slot, id, settings.perSlot, expiresAt);
    } catch (e) {
      await this.#releasePerson(branchId, req.serviceId, req.slot, req.nationalId, id);
      throw e;
    }
    const code = await this.#newCode(branchId, id, expiresAt);
    const booking: Booking = {
      id,
      branchId,
      serviceId: req.serviceId,
      slot: req.slot,
      mobile: req.mobile,
      nationalId: req.nationalId,
      code,
      secret: randomBytes(16).toString('base64url'),
      createdAt: this.o.clock(),
      cancelled: false,
      ticketId: null,
      late: false,
    };
    const put = await this.o.store.putRecord('appointment', id, booking, 0, { expiresAt });
    if (!put.ok) throw new AppointmentError('store-busy', 503); // a fresh random id: cannot happen
    const token = `${id}.${booking.secret}`;
    await this.#tell(ix, booking, 'appointment-booked', `appt:${id}:booked`, token);
    return { booking, token };
  }

  /** The booking a manage token names, or not-found (a wrong secret is told the same way). */
  async byToken(token: string): Promise<{ booking: Booking; version: number }> {
    const [id, secret] = token.split('.');
    if (!id || !secret) throw new AppointmentError('not-found', 404);
    const rec = await this.o.store.getRecord<Booking>('appointment', id);
    if (!rec) throw new AppointmentError('not-found', 404);
    const a = Buffer.from(rec.value.secret);
    const b = Buffer.from(secret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppointmentError('not-found', 404);
    return { booking: rec.value, version: rec.version };
  }

  async view(booking: Booking): Promise<BookingView> {
    const ix = await this.#config(booking.branchId);
    const service = ix.services.get(booking.serviceId);
    const settings = service?.appointments ?? { slotMinutes: 30, perSlot: 1, daysAhead: 0, graceMinutes: 15 };
    return {
      id: booking.id,
      branchId: booking.branchId,
      branchName: ix.config.branch.name,
      serviceId: booking.serviceId,
      serviceTitle: service?.title ?? { fa: booking.serviceId },
      slot: booking.slot,
      code: booking.code,
      state: bookingState(booking, ix.config.branch, settings, this.o.clock()),
      late: booking.late,
      mobile: maskMobile(booking.mobile),
      ticketId: booking.ticketId,
    };
  }

  /** [AP6] Cancels a booking that is still only booked; its slot's place and the ID's day are freed. */
  async cancel(token: string): Promise<Booking> {
    for (let i = 0; i < MAX_TRIES; i++) {
      const { booking, version } = await this.byToken(token);
      const ix = await this.#config(booking.branchId);
      await this.#mustBeOpen(ix, booking);
      const next = { ...booking, cancelled: true };
      const put = await this.o.store.putRecord('appointment', booking.id, next, version, {
        expiresAt: slotStart(ix.config.branch, booking.slot) + KEEP_MS,
      });
      if (!put.ok) continue;
      await this.#releaseSlot(booking.branchId, booking.serviceId, booking.slot, booking.id);
      await this.#releasePerson(booking.branchId, booking.serviceId, booking.slot, booking.nationalId, booking.id);
      await this.#tell(ix, next, 'appointment-cancelled', `appt:${booking.id}:cancelled`, token);
      return next;
    }
    throw new AppointmentError('store-busy', 503);
  }

  /** [AP6] Moves a booking to another slot of its sub-service: the new place first, then the old one freed. */
  async move(token: string, slot: string): Promise<Booking> {
    const { booking, version } = await this.byToken(token);
    const ix = await this.#config(booking.branchId);
    await this.#mustBeOpen(ix, booking);
    if (slot === booking.slot) return booking;
    const settings = this.#settings(ix, booking.serviceId);
    const branch = ix.config.branch;
    const problem = slotProblem(branch, settings, slot, this.o.clock());
    if (problem) throw err(problem, 422);
    const expiresAt = slotStart(branch, slot) + KEEP_MS;
    const otherDay = slot.slice(0, 10) !== booking.slot.slice(0, 10);
    if (otherDay) {
      await this.#claimPerson(booking.branchId, booking.serviceId, slot, booking.nationalId, booking.id, expiresAt);
    }
    try {
      await this.#claimSlot(booking.branchId, booking.serviceId, slot, booking.id, settings.perSlot, expiresAt);
    } catch (e) {
      if (otherDay)
        await this.#releasePerson(booking.branchId, booking.serviceId, slot, booking.nationalId, booking.id);
      throw e;
    }
    const next = { ...booking, slot };
    const put = await this.o.store.putRecord('appointment', booking.id, next, version, { expiresAt });
    if (!put.ok) {
      // Changed meanwhile (cancelled, moved, checked in): undo this move's claims and let the caller look again.
      await this.#releaseSlot(booking.branchId, booking.serviceId, slot, booking.id);
      if (otherDay)
        await this.#releasePerson(booking.branchId, booking.serviceId, slot, booking.nationalId, booking.id);
      throw err('booking-closed', 409);
    }
    await this.o.store.putRecord(
      'appointment-code',
      `${booking.branchId}/${booking.code}`,
      { bookingId: booking.id },
      (await this.o.store.getRecord('appointment-code', `${booking.branchId}/${booking.code}`))?.version ?? 0,
      { expiresAt },
    );
    await this.#releaseSlot(booking.branchId, booking.serviceId, booking.slot, booking.id);
    if (otherDay) {
      await this.#releasePerson(booking.branchId, booking.serviceId, booking.slot, booking.nationalId, booking.id);
    }
    await this.#tell(ix, next, 'appointment-changed', `appt:${booking.id}:moved:${put.version}`, token);
    return next;
  }

  /** [AP7][AP8] Checks a booking in by code or national ID: its one ticket. */
  async checkIn(
    branchId: string,
    by: { code?: string | undefined; nationalId?: string | undefined },
    source: IssueSource,
  ): Promise<{ ticket: IssuedTicket; late: boolean; slot: string }> {
    const ix = await this.#config(branchId);
    const found = by.code !== undefined ? await this.#byCode(branchId, by.code) : await this.#byNationalId(ix, by);
    for (let i = 0; i < MAX_TRIES; i++) {
      const rec = await this.o.store.getRecord<Booking>('appointment', found);
      if (!rec || rec.value.branchId !== branchId) throw err('booking-not-found', 404);
      const booking = rec.value;
      if (booking.cancelled) throw err('booking-cancelled', 409);
      const service = ix.services.get(booking.serviceId);
      const settings = service?.appointments;
      if (!service || !settings) throw err('not-bookable', 404);
      let late = booking.late;
      if (!booking.ticketId) {
        const outcome = checkInOutcome(ix.config.branch, settings, booking.slot, this.o.clock());
        if (outcome.kind === 'refused') throw err(outcome.code, 409);
        late = outcome.kind === 'late';
      }
      const appointmentClass = [...ix.priorities.values()].find((p) => p.kind === 'appointment');
      if (!late && !appointmentClass) throw err('no-appointment-class', 409);
      // [AP8] The request id makes the issue idempotent: a second check-in (here or at another
      // process) gets the ticket the first one got.
      const r = await this.o.queue.execute(branchId, {
        type: 'issue',
        serviceId: booking.serviceId,
        ...(late || !appointmentClass
          ? {}
          : { priorityId: appointmentClass.id, appointmentAt: slotStart(ix.config.branch, booking.slot) }),
        requestId: `appt:${booking.id}`,
        source,
        contact: { mobile: booking.mobile, nationalId: booking.nationalId },
      });
      if (!r.ok) throw new CheckInRefused(r);
      const t = r.ticket;
      if (!t) throw new AppointmentError('store-busy', 503);
      if (booking.ticketId !== t.id) {
        const put = await this.o.store.putRecord(
          'appointment',
          booking.id,
          { ...booking, ticketId: t.id, late },
          rec.version,
          {
            expiresAt: slotStart(ix.config.branch, booking.slot) + KEEP_MS,
          },
        );
        if (!put.ok) continue;
      }
      return {
        late,
        slot: booking.slot,
        ticket: {
          id: t.id,
          number: t.number,
          serviceId: t.serviceId,
          priority: t.priorityId,
          issuedAt: new Date(t.issuedAt).toISOString(),
          ahead: r.estimate?.ahead ?? 0,
          etaMinutes: roundEta(r.estimate?.etaMinutes ?? null),
          etaUnknown: r.estimate?.etaUnknown ?? null,
          trackingUrl: trackingUrl(this.#publicUrl, t.id),
        },
      };
    }
    throw new AppointmentError('store-busy', 503);
  }

  /** [AP8] The day's bookings of a branch's sub-service with their states (no-shows counted). */
  async day(
    branchId: string,
    serviceId: string,
    day: string,
  ): Promise<{ id: string; slot: string; state: BookingState; code: string }[]> {
    const ix = await this.#config(branchId);
    const settings = this.#settings(ix, serviceId);
    const out: { id: string; slot: string; state: BookingState; code: string }[] = [];
    for (const time of daySlots(ix.config.branch, settings, day)) {
      const slot = `${day}T${time}`;
      const rec = await this.o.store.getRecord<SlotRecord>('appointment-slot', slotId(branchId, serviceId, slot));
      for (const id of rec?.value.ids ?? []) {
        const b = await this.o.store.getRecord<Booking>('appointment', id);
        if (b) {
          out.push({
            id,
            slot,
            code: b.value.code,
            state: bookingState(b.value, ix.config.branch, settings, this.o.clock()),
          });
        }
      }
    }
    return out;
  }

  async slotRecord(branchId: string, serviceId: string, slot: string): Promise<string[]> {
    return (
      (await this.o.store.getRecord<SlotRecord>('appointment-slot', slotId(branchId, serviceId, slot)))?.value.ids ?? []
    );
  }

  async #mustBeOpen(ix: IndexedConfig, booking: Booking): Promise<void> {
    const settings = ix.services.get(booking.serviceId)?.appointments;
    const state = settings ? bookingState(booking, ix.config.branch, settings, this.o.clock()) : 'no-show';
    if (state === 'cancelled') throw err('booking-cancelled', 409);
    if (state !== 'booked' || slotStart(ix.config.branch, booking.slot) <= this.o.clock()) {
      throw err('booking-closed', 409);
    }
  }

  async #byCode(branchId: string, raw: string): Promise<string> {
    const code = latinDigits(raw);
    if (!isBookingCode(code)) throw err('invalid-code', 400);
    const rec = await this.o.store.getRecord<Pointer>('appointment-code', `${branchId}/${code}`);
    if (!rec) throw err('booking-not-found', 404);
    return rec.value.bookingId;
  }

  async #byNationalId(ix: IndexedConfig, by: { nationalId?: string | undefined }): Promise<string> {
    const nid = latinDigits(by.nationalId ?? '');
    const branchId = ix.config.branch.id;
    const today = localDayOf(ix.config.branch, this.o.clock());
    for (const service of ix.services.values()) {
      if (!service.appointments) continue;
      const rec = await this.o.store.getRecord<Pointer>(
        'appointment-person',
        personId(branchId, service.id, today, nid),
      );
      if (rec) return rec.value.bookingId;
    }
    throw err('booking-not-found', 404);
  }

  /** [AP6] One live booking per national ID, sub-service and day. */
  async #claimPerson(
    branchId: string,
    serviceId: string,
    slot: string,
    nationalId: string,
    bookingId: string,
    expiresAt: number,
  ): Promise<void> {
    const key = personId(branchId, serviceId, slot.slice(0, 10), nationalId);
    for (let i = 0; i < MAX_TRIES; i++) {
      const rec = await this.o.store.getRecord<Pointer>('appointment-person', key);
      if (rec && rec.value.bookingId !== bookingId) {
        const held = await this.o.store.getRecord<Booking>('appointment', rec.value.bookingId);
        // A claim whose booking was never written is another booking under way: it holds the day.
        if (!held?.value.cancelled) throw err('already-booked', 409);
      }
      const put = await this.o.store.putRecord('appointment-person', key, { bookingId }, rec?.version ?? 0, {
        expiresAt,
      });
      if (put.ok) return;
    }
    throw new AppointmentError('store-busy', 503);
  }

  async #releasePerson(branchId: string, serviceId: string, slot: string, nationalId: string, bookingId: string) {
    const key = personId(branchId, serviceId, slot.slice(0, 10), nationalId);
    const rec = await this.o.store.getRecord<Pointer>('appointment-person', key);
    if (rec?.value.bookingId === bookingId) await this.o.store.deleteRecord('appointment-person', key);
  }

  /** [AP3] A place in the slot, by compare-and-set on the slot's record. */
  async #claimSlot(
    branchId: string,
    serviceId: string,
    slot: string,
    bookingId: string,
    perSlot: number,
    expiresAt: number,
  ): Promise<void> {
    const key = slotId(branchId, serviceId, slot);
    for (let i = 0; i < MAX_TRIES; i++) {
      const rec = await this.o.store.getRecord<SlotRecord>('appointment-slot', key);
      const ids = rec?.value.ids ?? [];
      if (ids.includes(bookingId)) return;
      if (ids.length >= perSlot) throw err('slot-full', 409);
      const put = await this.o.store.putRecord(
        'appointment-slot',
        key,
        { ids: [...ids, bookingId] },
        rec?.version ?? 0,
        {
          expiresAt,
        },
      );
      if (put.ok) return;
      await new Promise((r) => setTimeout(r, randomInt(0, 5)));
    }
    throw new AppointmentError('store-busy', 503);
  }

  async #releaseSlot(branchId: string, serviceId: string, slot: string, bookingId: string): Promise<void> {
    const branch = (await this.#config(branchId)).config.branch;
    const expiresAt = slotStart(branch, slot) + KEEP_MS;
    const key = slotId(branchId, serviceId, slot);
    for (let i = 0; i < MAX_TRIES; i++) {
      const rec = await this.o.store.getRecord<SlotRecord>('appointment-slot', key);
      if (!rec?.value.ids.includes(bookingId)) return;
      const put = await this.o.store.putRecord(
        'appointment-slot',
        key,
        { ids: rec.value.ids.filter((x) => x !== bookingId) },
        rec.version,
        { expiresAt },
      );
      if (put.ok) return;
    }
  }

  async #newCode(branchId: string, bookingId: string, expiresAt: number): Promise<string> {
    for (let i = 0; i < MAX_TRIES; i++) {
      const code = bookingCode(String(randomInt(0, 1_000_000)).padStart(6, '0'));
      const put = await this.o.store.putRecord('appointment-code', `${branchId}/${code}`, { bookingId }, 0, {
        expiresAt,
      });
      if (put.ok) return code;
    }
    throw new AppointmentError('store-busy', 503);
  }

  /** [AP9] The visitor's SMS. */
  async #tell(
    ix: IndexedConfig,
    b: Booking,
    kind: 'appointment-booked' | 'appointment-changed' | 'appointment-cancelled',
    key: string,
    token: string,
  ): Promise<void> {
    if (!this.o.notify) return;
    const service = ix.services.get(b.serviceId);
    const j = toJalali(b.slot.slice(0, 10));
    const date = toPersianDigits(`${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`);
    const time = toPersianDigits(b.slot.slice(11));
    const what = service?.title.fa ?? b.serviceId;
    const head =
      kind === 'appointment-booked'
        ? 'نوبت شما ثبت شد'
        : kind === 'appointment-changed'
          ? 'نوبت شما تغییر کرد'
          : 'نوبت شما لغو شد';
    const text =
      kind === 'appointment-cancelled'
        ? `${ix.config.branch.name.fa}\n${head}: ${what}، ${date} ساعت ${time}.`
        : `${ix.config.branch.name.fa}\n${head}: ${what}، ${date} ساعت ${time}.\nکد پیگیری: ${toPersianDigits(b.code)}\nلغو یا تغییر: ${this.manageUrl(token)}`;
    await this.o.notify.enqueue({ key, branchId: b.branchId, kind, to: b.mobile, text });
  }

  static message(code: AppointmentErrorCode) {
    return appointmentErrors[code];
  }
}

function slotId(branchId: string, serviceId: string, slot: string): string {
  return `${branchId}/${serviceId}/${slot}`;
}
function personId(branchId: string, serviceId: string, day: string, nationalId: string): string {
  return `${branchId}/${serviceId}/${day}/${nationalId}`;
}

function localDayOf(branch: Branch, now: number): string {
  return localDay(now, branch.timeZone);
}
