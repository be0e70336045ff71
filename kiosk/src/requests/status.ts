// What the status page computes without the server: the code and the national ID checked as typed,
// the stage's number, each history entry and each refusal in words, dates in Jalali. Pure: unit-tested.
import { ApiError } from '@nobat/client';
import {
  clockTime,
  formatTrackingCode,
  isValidNationalId,
  isValidTrackingCode,
  jalaliDate,
  jalaliShortDate,
  type Lang,
  localDigits,
  normalizeTrackingCode,
  type RequestStatus,
  toAsciiDigits,
} from '@nobat/protocol';
import { type StatusWord, sw } from './words.ts';

/** A code as typed or taken from the address to its ten digits, or null when it is not a valid code. */
export function codeOf(typed: string): string | null {
  const code = normalizeTrackingCode(typed.trim());
  return isValidTrackingCode(code) ? code : null;
}

/** The ten digits of a national ID typed in any digits, or null when its check digit does not match. */
export function nationalIdOf(typed: string): string | null {
  const id = toAsciiDigits(typed.trim());
  return isValidNationalId(id) ? id : null;
}

/** [TC2] «۱۲۳-۴۵۶-۷۸۹۰». */
export const codeText = (lang: Lang, code: string): string => localDigits(lang, formatTrackingCode(code));

/** A local day (YYYY-MM-DD) as a Jalali date with its weekday. */
export const dayText = (lang: Lang, isoDay: string): string => jalaliDate(Date.parse(`${isoDay}T12:00:00Z`), lang);

/** A moment as «۱۴۰۴/۰۷/۱۲ ۱۰:۳۰». */
export const momentText = (lang: Lang, at: string): string => `${jalaliShortDate(at, lang)} ${clockTime(at, lang)}`;

/**
 * The current stage's place among the steps (0-based), or null when it cannot be told. The status
 * names the stage by title; the steps are reached in order (a return goes back to one reached
 * before), so the distinct titles in the order they were first reached are the steps' order.
 */
export function stageIndex(status: RequestStatus): number | null {
  if (!status.current) return null;
  const reached: string[] = [];
  for (const h of status.history) {
    if (h.type === 'stage' && h.text !== null && !reached.includes(h.text)) reached.push(h.text);
  }
  const i = reached.indexOf(status.current.title);
  return i >= 0 && i < status.stepCount ? i : null;
}

/** «مرحلهٔ ۲ از ۳». */
export const stageText = (lang: Lang, index: number, count: number): string =>
  `${sw(lang, 'stage')} ${localDigits(lang, index + 1)} ${sw(lang, 'of')} ${localDigits(lang, count)}`;

/** A history entry in words: what happened, with the stage's title or the reason where there is one. */
export function historyText(lang: Lang, entry: RequestStatus['history'][number]): string {
  const what = sw(lang, `h_${entry.type}` as StatusWord);
  return entry.text ? `${what}: ${entry.text}` : what;
}

/** A refusal in the visitor's words: a mismatch is only ever "not found" (the server says no more). */
export function refusalText(lang: Lang, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.network) return sw(lang, 'network');
    if (err.status === 404 || err.code === 'request-not-found') return sw(lang, 'notFound');
    if (err.status === 429) return `${sw(lang, 'rateLimited')} ${waitText(lang, err.retryAfterSeconds)}`;
    return err.text[lang] || err.text.fa;
  }
  return sw(lang, 'network');
}

/** «۲ دقیقهٔ دیگر دوباره تلاش کنید.», or "a little later" when the server gave no wait. */
export function waitText(lang: Lang, seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return sw(lang, 'tryLater');
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return lang === 'fa'
    ? `${localDigits('fa', minutes)} دقیقهٔ دیگر دوباره تلاش کنید.`
    : `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
