// Jalali (Persian calendar) dates and times in Tehran, as Persian readers write them. ICU's own "full"
// Persian pattern comes out as «۱۴۰۵ آذر ۱, یکشنبه» (with a Latin comma); offices write
// «یکشنبه ۱ آذر ۱۴۰۵», so the date is assembled from its parts.
import type { Lang } from './wording.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** «یکشنبه ۱ آذر ۱۴۰۵» (fa) or «Sunday 1 Azar 1405» (en). */
export function jalaliDate(at: number | string | Date, lang: Lang = 'fa', timeZone = 'Asia/Tehran'): string {
  const locale = lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-US-u-ca-persian';
  const parts = fmt(locale, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // English ICU writes the Persian year with an era ("1405 AP"); the bare year reads better.
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year').replace(/\s*AP$/, '')}`;
}

/** «۱۴:۰۵» (fa) or «14:05» (en), 24-hour, in Tehran. */
export function clockTime(at: number | string | Date, lang: Lang = 'fa', timeZone = 'Asia/Tehran'): string {
  return fmt(lang === 'fa' ? 'fa-IR' : 'en-GB', timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

/** «۱۴۰۵/۰۹/۰۱» (fa) or «1405/09/01» (en): the short Jalali date forms and tables use, in Tehran. */
export function jalaliShortDate(at: number | string | Date, lang: Lang = 'fa', timeZone = 'Asia/Tehran'): string {
  const locale = lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-US-u-ca-persian';
  const parts = fmt(locale, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(at),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}/${part('month')}/${part('day')}`;
}
