// The words every app says the same way (save, cancel, sign in, errors…), and dates as an Iranian
// office reads them: the Jalali calendar, Persian digits, the branch's own time zone. Pure: no DOM,
// no Preact, so the bridge and unit tests use it as they are.
import {
  clockTime,
  fromJalali,
  JALALI_MONTHS,
  jalaliShortDate,
  type Lang,
  localDigits,
  type Message,
  jalaliMonthLength as protocolMonthLength,
  toAsciiDigits,
  toJalali,
} from '@nobat/protocol';
import type { ApiError, Conflict } from './rest.ts';

export const COMMON = {
  save: { fa: 'ذخیره', en: 'Save' },
  saving: { fa: 'در حال ذخیره…', en: 'Saving…' },
  saved: { fa: 'ذخیره شد.', en: 'Saved.' },
  cancel: { fa: 'انصراف', en: 'Cancel' },
  close: { fa: 'بستن', en: 'Close' },
  create: { fa: 'ایجاد', en: 'Create' },
  add: { fa: 'افزودن', en: 'Add' },
  edit: { fa: 'ویرایش', en: 'Edit' },
  remove: { fa: 'حذف', en: 'Delete' },
  back: { fa: 'بازگشت', en: 'Back' },
  confirm: { fa: 'تأیید', en: 'Confirm' },
  signIn: { fa: 'ورود', en: 'Sign in' },
  signOut: { fa: 'خروج', en: 'Sign out' },
  username: { fa: 'نام کاربری', en: 'Username' },
  password: { fa: 'گذرواژه', en: 'Password' },
  reload: { fa: 'بارگذاری دوباره', en: 'Reload' },
  loading: { fa: 'در حال بارگذاری…', en: 'Loading…' },
  yes: { fa: 'بله', en: 'Yes' },
  no: { fa: 'خیر', en: 'No' },
  none: { fa: '—', en: '—' },
  never: { fa: 'هرگز', en: 'Never' },
  nothingYet: { fa: 'چیزی برای نمایش نیست.', en: 'Nothing to show yet.' },
  required: { fa: 'این بخش را پر کنید.', en: 'Please fill this in.' },
  language: { fa: 'English', en: 'فارسی' },
  languageName: { fa: 'زبان', en: 'Language' },
  sortBy: { fa: 'مرتب‌سازی بر اساس', en: 'Sort by' },
  skipToContent: { fa: 'رفتن به محتوای اصلی', en: 'Skip to main content' },
  // Errors the apps all explain the same way.
  networkError: {
    fa: 'ارتباط با سرور برقرار نشد. دوباره تلاش کنید.',
    en: 'Could not reach the server. Please try again.',
  },
  sessionEnded: {
    fa: 'نشست شما به پایان رسیده است. دوباره وارد شوید.',
    en: 'Your session has ended. Please sign in again.',
  },
  forbidden: { fa: 'اجازهٔ این کار را ندارید.', en: 'You are not allowed to do this.' },
  notFound: { fa: 'پیدا نشد.', en: 'Not found.' },
  saveRefused: { fa: 'ذخیره نشد؛ موارد مشخص‌شده را درست کنید.', en: 'Not saved: please correct the marked fields.' },
  unknownError: { fa: 'خطایی پیش آمد. دوباره تلاش کنید.', en: 'Something went wrong. Please try again.' },
} as const satisfies Record<string, Message>;
export type CommonWord = keyof typeof COMMON;

/** A common word in the reader's language. */
export const say = (lang: Lang, word: CommonWord): string => COMMON[word][lang];

/** What to tell the reader about a failure: the server's own words when it gave them. */
export function errorText(lang: Lang, err: unknown): string {
  if (isApiError(err)) {
    if (err.status === 0) return say(lang, 'networkError');
    return err.text[lang] || err.text.fa;
  }
  return say(lang, 'unknownError');
}

// Duck-typed so that an ApiError from another copy of the module (tests, bundles) still counts.
function isApiError(err: unknown): err is ApiError {
  return typeof err === 'object' && err !== null && 'status' in err && 'text' in err && 'code' in err;
}

// ---- dates and times

export const DEFAULT_TIME_ZONE = 'Asia/Tehran';

const asDate = (at: string | number | Date): Date => (at instanceof Date ? at : new Date(at));

/** The time of day in the branch's zone, 24-hour: «۱۳:۰۵», "13:05". */
export const formatTime = (lang: Lang, at: string | number | Date, timeZone = DEFAULT_TIME_ZONE): string =>
  clockTime(asDate(at), lang, timeZone);

/** A Jalali date as forms and tables write it: «۱۴۰۵/۰۱/۰۱», "1405/01/01". */
export const formatDate = (lang: Lang, at: string | number | Date, timeZone = DEFAULT_TIME_ZONE): string =>
  jalaliShortDate(asDate(at), lang, timeZone);

/** A moment as a Jalali date and a time: «۱۴۰۵/۰۱/۰۱، ۱۳:۰۵», "1405/01/01, 13:05". */
export function formatDateTime(lang: Lang, at: string | number | Date, timeZone = DEFAULT_TIME_ZONE): string {
  return `${formatDate(lang, at, timeZone)}${lang === 'fa' ? '،' : ','} ${formatTime(lang, at, timeZone)}`;
}

/** Whether two moments fall on the same calendar day in the zone. */
function sameDay(a: Date, b: Date, timeZone: string): boolean {
  return jalaliShortDate(a, 'en', timeZone) === jalaliShortDate(b, 'en', timeZone);
}

/**
 * Who last changed a record and when: "changed by Sara at 13:05" today, with the Jalali date on
 * another day. Null stamp (a record from before changes were stamped): null.
 */
export function changedByText(
  lang: Lang,
  changed: { by: { name: string }; at: string } | null | undefined,
  timeZone = DEFAULT_TIME_ZONE,
  now: Date = new Date(),
): string | null {
  if (!changed) return null;
  const at = new Date(changed.at);
  const when = sameDay(at, now, timeZone) ? formatTime(lang, at, timeZone) : formatDateTime(lang, at, timeZone);
  return lang === 'fa' ? `${changed.by.name} در ${when} تغییرش داد` : `changed by ${changed.by.name} at ${when}`;
}

/** A save refused because someone saved first: who and when, and that the page must be reloaded. */
export function conflictText(
  lang: Lang,
  conflict: Conflict | null | undefined,
  timeZone = DEFAULT_TIME_ZONE,
  now: Date = new Date(),
): string {
  const who = changedByText(lang, conflict?.changed, timeZone, now);
  if (lang === 'fa') {
    return who
      ? `ذخیره نشد: ${who}. برای دیدن آخرین نسخه دوباره بارگذاری کنید.`
      : 'ذخیره نشد: کسی پیش از شما آن را تغییر داد. برای دیدن آخرین نسخه دوباره بارگذاری کنید.';
  }
  return who
    ? `Not saved: ${who}. Reload to see the latest version.`
    : 'Not saved: someone changed it before you. Reload to see the latest version.';
}

// ---- Jalali calendar dates (a branch's holidays are stored as ISO dates)

export type JalaliDate = { year: number; month: number; day: number };

/** Days in a Jalali month (Esfand has 30 in a leap year); 0 for a month or year out of range. */
export function jalaliMonthLength(year: number, month: number): number {
  try {
    return protocolMonthLength(year, month);
  } catch {
    return 0;
  }
}

/** An ISO date (YYYY-MM-DD) from a Jalali one; null when there is no such day (protocol's J1 arithmetic). */
export function jalaliToIso(date: JalaliDate): string | null {
  try {
    return fromJalali(date.year, date.month, date.day);
  } catch {
    return null;
  }
}

/** The Jalali date of an ISO date (YYYY-MM-DD); null when it is not one. */
export function isoToJalali(iso: string): JalaliDate | null {
  try {
    const j = toJalali(iso);
    return { year: j.jy, month: j.jm, day: j.jd };
  } catch {
    return null;
  }
}

/** A Jalali date as typed: «۱۴۰۵/۰۱/۱۲», "1405-1-12" (Persian or Latin digits, / - or . between). */
export function parseJalali(text: string): JalaliDate | null {
  const m = /^\s*(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$/.exec(toAsciiDigits(text));
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return jalaliToIso(date) ? date : null;
}

/** A Jalali date written as people type it: «۱۴۰۵/۰۱/۱۲», "1405/01/12". */
export function jalaliText(lang: Lang, date: JalaliDate): string {
  const s = `${date.year}/${String(date.month).padStart(2, '0')}/${String(date.day).padStart(2, '0')}`;
  return localDigits(lang, s);
}

export { JALALI_MONTHS };

/** An ISO calendar date (a holiday) as a Jalali date in words, without time-zone shifts. */
export function isoDateText(lang: Lang, iso: string): string {
  const j = isoToJalali(iso);
  if (!j) return iso;
  return `${localDigits(lang, String(j.day))} ${JALALI_MONTHS[lang][j.month - 1]} ${localDigits(lang, String(j.year))}`;
}
