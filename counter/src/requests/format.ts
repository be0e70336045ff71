// What the desk's request screens compute without a server: codes and dates as the reader writes
// them, the applicant's fields checked as the server will check them, the documents to tick first,
// the words of a refusal, and the addresses of the printable documents. Pure: unit-tested.
import { ApiError } from '@nobat/client';
import {
  type ClerkLogRow,
  formatTrackingCode,
  isValidNationalId,
  isValidTrackingCode,
  jalaliDate,
  type Lang,
  localDigits,
  normalizeMobile,
  normalizeTrackingCode,
  type ReceiptSize,
  type RequestState,
  requestErrors,
  type ServiceSummary,
  toAsciiDigits,
} from '@nobat/protocol';
import { type RequestWord, rt } from './words.ts';

/** [TC2] «۱۲۳-۴۵۶-۷۸۹۰»: the code in groups of 3-3-4, in the reader's digits (shown left to right). */
export const codeText = (lang: Lang, code: string): string => localDigits(lang, formatTrackingCode(code));

/** A local day (YYYY-MM-DD) as a Jalali date with its weekday: «سه‌شنبه ۱۵ مهر ۱۴۰۴». */
export const dayText = (lang: Lang, isoDay: string): string => jalaliDate(Date.parse(`${isoDay}T12:00:00Z`), lang);

export const stateText = (lang: Lang, state: RequestState): string => rt(lang, `state_${state}` as RequestWord);

/** «مرحلهٔ ۲ از ۳»-like: the stage's number among the steps. */
export const stageText = (lang: Lang, index: number, count: number): string =>
  `${rt(lang, 'stage')} ${localDigits(lang, index + 1)} ${rt(lang, 'of')} ${localDigits(lang, count)}`;

/** The sub-services a request can be made for: those with a workflow (RQ3: else `no-workflow`). */
export const workflowServices = (services: Iterable<ServiceSummary>): ServiceSummary[] =>
  [...services].filter((s) => s.workflow.length > 0);

/**
 * [T8] The documents to tick first: those recorded as brought at intake (the ticket's list minus
 * what was found missing). Documents never checked (`missing` null) are not assumed brought.
 */
export function prefillBrought(required: readonly { id: string }[], missing: readonly string[] | null): string[] {
  if (!missing) return [];
  return required.map((d) => d.id).filter((id) => !missing.includes(id));
}

/**
 * A row of the day's log offered as a request: a visit served (finished) today, of a sub-service with
 * a workflow (another may still be chosen with M while it is the last served), and no request made
 * from it yet (RD6 gives the row its request's code: the row shows that instead).
 */
export const mayMakeRequest = (
  row: Pick<ClerkLogRow, 'outcome' | 'requestCode'>,
  service: Pick<ServiceSummary, 'workflow'> | undefined,
): boolean => row.outcome === 'finished' && !row.requestCode && (service?.workflow.length ?? 0) > 0;

export interface ApplicantInput {
  fullName: string;
  nationalId: string;
  mobile: string;
  serviceId: string;
}
export type ApplicantField = keyof ApplicantInput;

/** The words for each field that the server would refuse (Persian digits accepted), none when all is well. */
export function applicantProblems(input: ApplicantInput): Partial<Record<ApplicantField, RequestWord>> {
  const problems: Partial<Record<ApplicantField, RequestWord>> = {};
  if (input.fullName.trim().length < 2) problems.fullName = 'badFullName';
  if (!isValidNationalId(input.nationalId)) problems.nationalId = 'badNationalId';
  if (!normalizeMobile(input.mobile)) problems.mobile = 'badMobile';
  if (!input.serviceId) problems.serviceId = 'badService';
  return problems;
}

/**
 * What to ask GET /api/v1/requests for: a tracking code typed in any digits and grouping, a
 * national ID, or part of a name. Ten digits that are neither a valid code nor a valid national ID
 * are a mistyped code, said at once.
 */
export function findQuery(typed: string): { q: string } | { problem: RequestWord } | null {
  const text = typed.trim();
  if (!text) return null;
  const digits = normalizeTrackingCode(text);
  if (/^\d+$/.test(digits)) {
    if (digits.length === 10 && !isValidTrackingCode(digits) && !isValidNationalId(digits)) {
      return { problem: 'badCode' };
    }
    return { q: digits };
  }
  return { q: toAsciiDigits(text) };
}

/** A refusal in words: the desk's own for request refusals (protocol's requestErrors), else the server's. */
export function requestErrorText(lang: Lang, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.network) return err.text[lang];
    if (err.code in requestErrors) return requestErrors[err.code as keyof typeof requestErrors][lang];
    if (err.code === 'unknown-document') return rt(lang, 'unknownDocument');
    if (err.status === 429) return rt(lang, 'rateLimited');
    return err.text[lang] || err.text.fa;
  }
  return String(err);
}

/** The receipt (جدول ۳) as a PDF, at a paper size, in a language (the session cookie goes with it). */
export const receiptUrl = (id: string, size: ReceiptSize, lang: Lang): string =>
  `/api/v1/requests/${encodeURIComponent(id)}/receipt?size=${size}&lang=${lang}`;

/** The response notice (جدول ۴) as a PDF. */
export const responseUrl = (id: string, lang: Lang): string =>
  `/api/v1/requests/${encodeURIComponent(id)}/response?lang=${lang}`;

/** The visitor's public status page (the receipt prints it too). */
export const statusPath = (code: string): string => `/r/${code}`;

/** The sizes the desk prints a receipt at: the two papers and the ticket printer's roll. */
export const RECEIPT_SIZES: readonly ReceiptSize[] = ['a5', 'a4', 'roll80'];
