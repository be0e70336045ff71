// Every error leaves as {error:{code,message:{fa,en}}} with a 4xx status; a 500 only for a real bug.
import { errorMessages, type Message, type RefusalCode } from '@nobat/protocol';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StoreUnavailableError } from '../store/port.ts';

type HttpErrorCode = keyof typeof errorMessages;

export interface Issue {
  path: string;
  message: string;
}

/** A save refused for a stale version: the record's version now, and who changed it when. */
export interface Conflict {
  version: number;
  changed: { by: { id: string; name: string }; at: string } | null;
}

export function errorBody(
  code: string,
  message: Message,
  issues?: Issue[],
  retryAfterSeconds?: number,
  conflict?: Conflict,
) {
  return {
    error: {
      code,
      message,
      ...(issues ? { issues } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(conflict ? { conflict } : {}),
    },
  };
}

/** Thrown by handlers and checks; the app's onError turns it into the JSON error answer. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly messages: Message,
    readonly issues?: Issue[],
    /** Sent as Retry-After and as error.retryAfterSeconds. */
    readonly retryAfterSeconds?: number,
    readonly conflict?: Conflict,
  ) {
    super(`${status} ${code}`);
  }
}

export const fail = (status: ContentfulStatusCode, code: HttpErrorCode, issues?: Issue[]) =>
  new ApiError(status, code, errorMessages[code], issues);

/** An error's own answer: an ApiError, or the store being down (503, nothing was written). */
export function asApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreUnavailableError) return fail(503, 'store-unavailable');
  return undefined;
}

/** A domain refusal as an error to throw. */
export const refused = (r: { code: RefusalCode; message: Message }) =>
  new ApiError(refusalStatus(r.code), r.code, r.message);

export function errorResponse(c: Context, e: ApiError): Response {
  if (e.retryAfterSeconds !== undefined) c.header('Retry-After', String(e.retryAfterSeconds));
  return c.json(errorBody(e.code, e.messages, e.issues, e.retryAfterSeconds, e.conflict), e.status);
}

const REFUSAL_STATUS: Partial<Record<RefusalCode, ContentfulStatusCode>> = {
  'unknown-branch': 404,
  'unknown-service': 404,
  'unknown-counter': 404,
  'ticket-not-found': 404,
  'not-counter-clerk': 403,
  'cancel-not-allowed': 403,
  'unknown-clerk': 403,
  'unknown-priority': 422,
  'appointment-time-required': 422,
  'invalid-transfer': 422,
  'invalid-move': 422,
  'unknown-document': 422,
  'until-passed': 422,
  'invalid-assignment': 422,
  busy: 503,
};

/** A domain refusal's HTTP status: 404 for unknown things, 403 for the wrong clerk, else 409. */
export function refusalStatus(code: RefusalCode): ContentfulStatusCode {
  return REFUSAL_STATUS[code] ?? 409;
}
