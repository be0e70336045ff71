// Every error leaves as {error:{code,message:{fa,en}}} with a 4xx status; a 500 only for a real bug.
import type { Message, RefusalCode } from '@nobat/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const httpMessages = {
  'invalid-input': { fa: 'ورودی نامعتبر است.', en: 'Invalid input.' },
  'malformed-json': { fa: 'بدنهٔ درخواست JSON معتبر نیست.', en: 'The request body is not valid JSON.' },
  unauthenticated: { fa: 'ابتدا وارد شوید.', en: 'Sign in first.' },
  forbidden: { fa: 'شما اجازهٔ این کار را ندارید.', en: 'You are not allowed to do that.' },
  'bad-credentials': { fa: 'نام کاربری یا گذرواژه نادرست است.', en: 'Wrong username or password.' },
  'not-found': { fa: 'پیدا نشد.', en: 'Not found.' },
  'rate-limited': {
    fa: 'درخواست‌ها بیش از حد مجاز است؛ لطفاً کمی بعد تلاش کنید.',
    en: 'Too many requests; please try again shortly.',
  },
  'kiosk-token-required': {
    fa: 'در این شعبه نوبت فقط از دستگاه نوبت‌دهی گرفته می‌شود.',
    en: 'This branch issues tickets from its kiosks only.',
  },
  'version-conflict': {
    fa: 'این مورد هم‌زمان تغییر کرده است؛ دوباره بارگذاری کنید.',
    en: 'This was changed meanwhile; reload and try again.',
  },
  exists: { fa: 'این شناسه پیش‌تر ثبت شده است.', en: 'That id already exists.' },
  'in-use': {
    fa: 'این مورد اکنون در حال استفاده است (باجهٔ باز یا نوبت در جریان)؛ ابتدا آن را آزاد کنید.',
    en: 'This is in use now (an open counter, or tickets in play); free it first.',
  },
  'invalid-config': { fa: 'پیکربندی نامعتبر است.', en: 'Invalid configuration.' },
  internal: { fa: 'خطای داخلی سامانه.', en: 'Internal error.' },
} as const satisfies Record<string, Message>;
export type HttpErrorCode = keyof typeof httpMessages;

export interface Issue {
  path: string;
  message: string;
}

export function errorBody(code: string, message: Message, issues?: Issue[]) {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/** Thrown by handlers and checks; the app's onError turns it into the JSON error answer. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messages: Message,
    readonly issues?: Issue[],
  ) {
    super(`${status} ${code}`);
  }
}

export const fail = (status: ContentfulStatusCode, code: HttpErrorCode, issues?: Issue[]) =>
  new ApiError(status, code, httpMessages[code], issues);

/** A domain refusal as an error to throw. */
export const refused = (r: { code: RefusalCode; message: Message }) =>
  new ApiError(refusalStatus(r.code), r.code, r.message);

export function errorResponse(c: Context, e: ApiError): Response {
  return c.json(errorBody(e.code, e.messages, e.issues), e.status);
}

const REFUSAL_STATUS: Partial<Record<RefusalCode, ContentfulStatusCode>> = {
  'unknown-branch': 404,
  'unknown-service': 404,
  'unknown-counter': 404,
  'ticket-not-found': 404,
  'not-counter-clerk': 403,
  'unknown-clerk': 403,
  'unknown-priority': 422,
  'appointment-time-required': 422,
  'invalid-transfer': 422,
  'unknown-document': 422,
  busy: 503,
};

/** A domain refusal's HTTP status: 404 for unknown things, 403 for the wrong clerk, else 409. */
export function refusalStatus(code: RefusalCode): ContentfulStatusCode {
  return REFUSAL_STATUS[code] ?? 409;
}
