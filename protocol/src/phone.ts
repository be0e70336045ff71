// Tickets from the visitor's phone (issue 15, rules PH1–PH8 in server/SPEC.md): a one-time code
// confirms the mobile number, the ticket follows, and "I'm late" moves it back once.
import { z } from 'zod';
import type { Message } from './errors.ts';
import { MobileNumber, toAsciiDigits } from './identity.ts';
import { Id } from './model.ts';

export const PhoneChallengeBody = z.strictObject({ mobile: MobileNumber, serviceId: Id });
export type PhoneChallengeBody = z.input<typeof PhoneChallengeBody>;

export const PhoneChallenge = z.object({ challengeId: z.string(), expiresAt: z.string() });
export type PhoneChallenge = z.infer<typeof PhoneChallenge>;

export const PhoneTicketBody = z.strictObject({
  challengeId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** Six digits, Persian or Latin. */
  code: z
    .string()
    .trim()
    .transform(toAsciiDigits)
    .pipe(z.string().regex(/^\d{6}$/)),
});
export type PhoneTicketBody = z.input<typeof PhoneTicketBody>;

/** [PH7] What the tracking page needs to offer "I'm late". */
export const PhoneTicketInfo = z.object({
  late: z.object({ places: z.number().int(), used: z.boolean() }).nullable(),
});
export type PhoneTicketInfo = z.infer<typeof PhoneTicketInfo>;

export const PhoneLateResult = z.object({ moved: z.number().int(), ahead: z.number().int() });
export type PhoneLateResult = z.infer<typeof PhoneLateResult>;

export const phoneErrors = {
  'phone-disabled': {
    fa: 'این شعبه نوبت از راه تلفن همراه نمی‌دهد.',
    en: 'This branch does not issue tickets by phone.',
  },
  'wrong-code': { fa: 'کد تأیید نادرست است.', en: 'The code is wrong.' },
  'challenge-dead': {
    fa: 'کد بیش از حد نادرست وارد شد؛ کد تازه‌ای بخواهید.',
    en: 'Too many wrong codes; ask for a new code.',
  },
  'challenge-expired': {
    fa: 'کد منقضی شده است؛ کد تازه‌ای بخواهید.',
    en: 'The code has expired; ask for a new one.',
  },
  'daily-limit': {
    fa: 'با این شماره امروز بیش از این نوبت گرفته نمی‌شود.',
    en: 'This number cannot take more tickets today.',
  },
  'not-phone-ticket': {
    fa: 'این امکان فقط برای نوبتِ گرفته‌شده با تلفن همراه است.',
    en: 'This is only for tickets taken by phone.',
  },
} as const satisfies Record<string, Message>;
export type PhoneErrorCode = keyof typeof phoneErrors;
