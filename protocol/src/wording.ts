// Words and numbers as every screen, page and printed ticket writes them: Persian first, English
// when chosen. Each app keeps its own word table; what they all say the same way lives here.
import { toPersianDigits } from './identity.ts';

export type Lang = 'fa' | 'en';

/** A localized text in the reader's language: English when chosen and given, else Persian. */
export const localized = (lang: Lang, text: { fa: string; en?: string | undefined }): string =>
  lang === 'en' && text.en ? text.en : text.fa;

/** Digits in the reader's script; Persian numbers are grouped with the Persian separator («۱٬۲۰۰»). */
export const localDigits = (lang: Lang, n: number | string): string =>
  lang === 'fa' ? toPersianDigits(typeof n === 'number' ? n.toLocaleString('en-US').replace(/,/g, '٬') : n) : String(n);

const ETA = {
  noCounter: { fa: 'باجه‌ای فعال نیست', en: 'no counter open' },
  soon: { fa: 'به‌زودی', en: 'soon' },
  noWait: { fa: 'بدون انتظار', en: 'no wait' },
  about: { fa: 'حدود', en: 'about' },
  minutes: { fa: 'دقیقه', en: 'min' },
} as const;

/** The estimated wait in words; under a minute is "no wait" only when nobody is ahead. */
export function etaText(lang: Lang, minutes: number | null, ahead = 0): string {
  if (minutes === null) return ETA.noCounter[lang];
  if (minutes < 1) return (ahead > 0 ? ETA.soon : ETA.noWait)[lang];
  return `${ETA.about[lang]} ${localDigits(lang, minutes)} ${ETA.minutes[lang]}`;
}

/** A call in words, as a screen reader announces it: «شماره ۱۰۰۱ به باجه ۴». */
export function callText(lang: Lang, ticketNumber: string, counterNumber: number): string {
  const [number, to] = lang === 'fa' ? ['شماره', 'به باجه'] : ['Number', 'to counter'];
  return `${number} ${localDigits(lang, ticketNumber)} ${to} ${localDigits(lang, counterNumber)}`;
}
