// Appointments (server/SPEC.md AP1–AP10): what the booking and manage pages and the kiosk's
// check-in send and receive.
import { z } from 'zod';
import { IssuedTicket } from './api.ts';
import { MobileNumber, NationalId, toAsciiDigits } from './identity.ts';
import { Id, LocalizedText } from './model.ts';

/** A slot's local start in the branch's time zone: "YYYY-MM-DDTHH:MM". */
export const SlotKey = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a slot as YYYY-MM-DDTHH:MM');

export const BookableService = z.object({
  id: Id,
  title: LocalizedText,
  slotMinutes: z.number().int(),
  perSlot: z.number().int(),
  /** The days one may choose from, today first; `open: false` for closed days and days with no slot left. */
  days: z.array(z.object({ day: z.string(), open: z.boolean() })),
});
export type BookableService = z.infer<typeof BookableService>;

export const BookingBranch = z.object({
  id: Id,
  name: LocalizedText,
  services: z.array(BookableService),
});
export type BookingBranch = z.infer<typeof BookingBranch>;

export const SlotAvailability = z.object({
  slot: SlotKey,
  /** "HH:MM" */
  time: z.string(),
  free: z.number().int().min(0),
});
export type SlotAvailability = z.infer<typeof SlotAvailability>;

export const BookBody = z.strictObject({
  serviceId: Id,
  slot: SlotKey,
  mobile: MobileNumber,
  nationalId: NationalId,
});
export type BookBody = z.input<typeof BookBody>;

export const MoveBody = z.strictObject({ slot: SlotKey });

export const BookingState = z.enum(['booked', 'cancelled', 'checked-in', 'no-show']);
export type BookingState = z.infer<typeof BookingState>;

/** A booking as its holder sees it (the manage page): personal data masked. */
export const BookingView = z.object({
  id: z.string(),
  branchId: Id,
  branchName: LocalizedText,
  serviceId: Id,
  serviceTitle: LocalizedText,
  slot: SlotKey,
  code: z.string(),
  state: BookingState,
  late: z.boolean(),
  /** "09*****1234" */
  mobile: z.string(),
  ticketId: z.string().nullable(),
});
export type BookingView = z.infer<typeof BookingView>;

export const Booked = BookingView.extend({
  /** The manage link's token (also in the SMS). */
  token: z.string(),
  manageUrl: z.string(),
});
export type Booked = z.infer<typeof Booked>;

/** A check-in by the booking's code or the holder's national ID (one of them). */
export const CheckInBody = z
  .strictObject({
    code: z.string().trim().max(20).transform(toAsciiDigits).optional(),
    nationalId: NationalId.optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.nationalId === undefined), {
    message: 'a code or a national ID, one of them',
  });
export type CheckInBody = z.input<typeof CheckInBody>;

export const CheckedIn = z.object({
  ticket: IssuedTicket,
  /** The appointment's class (AP7), or normal for a late arrival. */
  late: z.boolean(),
  slot: SlotKey,
});
export type CheckedIn = z.infer<typeof CheckedIn>;

/** [AP8] A day's bookings of a sub-service for the branch's staff: each state, and the counts. */
export const AppointmentDay = z.object({
  date: z.string(),
  serviceId: Id,
  bookings: z.array(z.object({ id: z.string(), slot: SlotKey, state: BookingState, code: z.string() })),
  counts: z.record(BookingState, z.number().int()),
});
export type AppointmentDay = z.infer<typeof AppointmentDay>;

export const appointmentErrors = {
  'not-bookable': { fa: 'این خدمت نوبت اینترنتی ندارد.', en: 'This service cannot be booked.' },
  'bad-slot': { fa: 'زمان نوبت نامعتبر است.', en: 'Not a valid slot.' },
  'slot-closed': { fa: 'شعبه در این زمان باز نیست.', en: 'The branch is closed at that time.' },
  'slot-past': { fa: 'این زمان گذشته است.', en: 'That time has passed.' },
  'slot-too-far': { fa: 'این روز هنوز برای نوبت باز نشده است.', en: 'That day cannot be booked yet.' },
  'slot-full': { fa: 'ظرفیت این زمان پر شده است.', en: 'That slot is full.' },
  'already-booked': {
    fa: 'با این کد ملی برای این خدمت در این روز نوبت گرفته شده است.',
    en: 'This national ID already has a booking for this service that day.',
  },
  'booking-closed': { fa: 'این نوبت دیگر قابل تغییر نیست.', en: 'This booking can no longer be changed.' },
  'booking-cancelled': { fa: 'این نوبت لغو شده است.', en: 'This booking was cancelled.' },
  'booking-not-found': { fa: 'نوبتی با این مشخصات پیدا نشد.', en: 'No booking was found.' },
  'invalid-national-id': { fa: 'کد ملی نامعتبر است.', en: 'Not a valid national ID.' },
  'invalid-code': { fa: 'کد پیگیری نامعتبر است.', en: 'Not a valid booking code.' },
  'too-early': {
    fa: 'زود آمده‌اید؛ از یک ساعت پیش از نوبت می‌توانید حضور بزنید.',
    en: 'Too early: check in from an hour before your slot.',
  },
  'not-today': { fa: 'نوبت شما برای امروز نیست.', en: 'Your booking is not for today.' },
  'no-appointment-class': {
    fa: 'برای این شعبه ردهٔ نوبت اینترنتی تعریف نشده است.',
    en: 'This branch has no appointment priority class.',
  },
} as const;
export type AppointmentErrorCode = keyof typeof appointmentErrors;
