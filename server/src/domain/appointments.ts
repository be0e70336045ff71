// Appointments (server/SPEC.md AP1–AP10): which slots a sub-service offers on a day, the national
// ID's check digit, booking codes, and what a check-in at a given moment gives. Pure: the instant
// and the configuration are passed in.
import {
  type AppointmentSettings,
  type Branch,
  isValidNationalId,
  type SubService,
  toAsciiDigits,
  type Weekday,
} from '@nobat/protocol';
import { localMoment } from './local-time.ts';

/** A slot names its local start: "YYYY-MM-DDTHH:MM" in the branch's time zone. */
export const SLOT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

const UTC_WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The weekday of an ISO calendar day. */
export function weekdayOf(day: string): Weekday {
  const w = UTC_WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
  if (!w) throw new RangeError(`not a day: ${day}`);
  return w;
}

/** The ISO day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** [AP2] The instant a local day and time ("HH:MM") of a time zone stand for. */
export function localToEpoch(day: string, time: string, timeZone: string): number {
  const wanted = Date.parse(`${day}T${time}:00Z`);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const m = localMoment(guess, timeZone);
    const seen = Date.parse(`${m.day}T${m.time}:00Z`);
    if (seen === wanted) return guess;
    guess += wanted - seen;
  }
  return guess;
}

/** [AP1] A sub-service's appointment settings, or undefined when it is not bookable. */
export function bookable(service: SubService): AppointmentSettings | undefined {
  return service.active ? service.appointments : undefined;
}

/**
 * [AP2] The slots a sub-service offers on a local day: every `slotMinutes` from each opening span's
 * start, each ending by the span's close; none on a holiday or a day with no hours. "HH:MM" starts.
 */
export function daySlots(branch: Branch, settings: AppointmentSettings, day: string): string[] {
  if (branch.holidays.includes(day)) return [];
  const weekday = weekdayOf(day);
  const out = new Set<string>();
  for (const h of branch.openingHours) {
    if (!h.days.includes(weekday)) continue;
    const close = toMinutes(h.close);
    for (let t = toMinutes(h.open); t + settings.slotMinutes <= close; t += settings.slotMinutes) out.add(hhmm(t));
  }
  return [...out].sort();
}

export type SlotProblem = 'bad-slot' | 'slot-closed' | 'slot-past' | 'slot-too-far';

/**
 * [AP2][AP3] Whether a slot ("YYYY-MM-DDTHH:MM") may be booked at `now`: one of the day's slots,
 * starting after now, on a day no later than `daysAhead` days from today.
 */
export function slotProblem(
  branch: Branch,
  settings: AppointmentSettings,
  slot: string,
  now: number,
): SlotProblem | undefined {
  const m = SLOT_RE.exec(slot);
  if (!m?.[1]) return 'bad-slot';
  const day = m[1];
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || !new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)) {
    return 'bad-slot';
  }
  if (!daySlots(branch, settings, day).includes(`${m[2]}:${m[3]}`)) return 'slot-closed';
  if (slotStart(branch, slot) <= now) return 'slot-past';
  const today = localMoment(now, branch.timeZone).day;
  if (day > addDays(today, settings.daysAhead)) return 'slot-too-far';
  return undefined;
}

/** [AP2] The instant a slot begins. */
export function slotStart(branch: Branch, slot: string): number {
  const m = SLOT_RE.exec(slot);
  if (!m?.[1]) throw new RangeError(`not a slot: ${slot}`);
  return localToEpoch(m[1], `${m[2]}:${m[3]}`, branch.timeZone);
}

/** The days a visitor may choose from at `now`: today … today + daysAhead (closed days included, marked). */
export function bookableDays(
  branch: Branch,
  settings: AppointmentSettings,
  now: number,
): { day: string; open: boolean }[] {
  const today = localMoment(now, branch.timeZone).day;
  const out: { day: string; open: boolean }[] = [];
  for (let i = 0; i <= settings.daysAhead; i++) {
    const day = addDays(today, i);
    const open = daySlots(branch, settings, day).some((t) => slotStart(branch, `${day}T${t}`) > now);
    out.push({ day, open });
  }
  return out;
}

/** Persian and Arabic-Indic digits as Latin ones; spaces and dashes dropped. */
export function latinDigits(s: string): string {
  return toAsciiDigits(s).replace(/[\s-]/g, '');
}

/**
 * [AP4] An Iranian national ID (کد ملی): ten digits, not all the same; with r = Σ dᵢ·(10−i) over the
 * first nine mod 11, the tenth is r when r < 2 and 11 − r otherwise (the protocol's one check).
 */
export function isNationalId(raw: string): boolean {
  return isValidNationalId(latinDigits(raw));
}

// Damm's quasigroup: one check digit that catches every single-digit error and every swap of two
// neighbouring digits.
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]?.[Number(ch)] ?? 0;
  return interim;
}

/** [AP5] A booking code from six random digits: the digits and their Damm check digit (7 digits). */
export function bookingCode(sixDigits: string): string {
  if (!/^\d{6}$/.test(sixDigits)) throw new RangeError('six digits');
  return `${sixDigits}${dammDigit(sixDigits)}`;
}

/** [AP5] Whether a typed code is a well-formed booking code (seven digits, the check digit right). */
export function isBookingCode(raw: string): boolean {
  const code = latinDigits(raw);
  return /^\d{7}$/.test(code) && dammDigit(code) === 0;
}

export type CheckInOutcome =
  /** [AP7] Within the window: the appointment ticket, due by its slot (B2). */
  | { kind: 'appointment' }
  /** [AP7] Later than the grace: a normal ticket of the sub-service; the booking counts as late. */
  | { kind: 'late' }
  | { kind: 'refused'; code: 'too-early' | 'not-today' };

/** [AP7] How long before the slot's start a check-in is taken. */
export const EARLY_CHECK_IN_MINUTES = 60;

/**
 * [AP7] What a check-in at `now` gives for a booked slot: from an hour before the start until
 * `graceMinutes` after it, the appointment ticket; later the same day, a normal ticket; another day
 * or earlier, nothing.
 */
export function checkInOutcome(
  branch: Branch,
  settings: AppointmentSettings,
  slot: string,
  now: number,
): CheckInOutcome {
  const day = slot.slice(0, 10);
  if (localMoment(now, branch.timeZone).day !== day) return { kind: 'refused', code: 'not-today' };
  const start = slotStart(branch, slot);
  if (now < start - EARLY_CHECK_IN_MINUTES * 60_000) return { kind: 'refused', code: 'too-early' };
  if (now <= start + settings.graceMinutes * 60_000) return { kind: 'appointment' };
  return { kind: 'late' };
}

export type BookingState = 'booked' | 'cancelled' | 'checked-in' | 'no-show';

/** [AP8] A booking never checked in is a no-show once its slot's grace has passed. */
export function bookingState(
  booking: { cancelled: boolean; ticketId: string | null; slot: string },
  branch: Branch,
  settings: AppointmentSettings,
  now: number,
): BookingState {
  if (booking.cancelled) return 'cancelled';
  if (booking.ticketId) return 'checked-in';
  if (now > slotStart(branch, booking.slot) + settings.graceMinutes * 60_000) return 'no-show';
  return 'booked';
}
