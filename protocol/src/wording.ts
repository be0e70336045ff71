// Words and numbers as every screen, page and printed ticket writes them: Persian first, English
// when chosen. Each app keeps its own word table; what they all say the same way lives here.
import type { EtaUnknown } from './api.ts';
import { toAsciiDigits, toPersianDigits } from './identity.ts';
import type { DurationUnit } from './model.ts';

export type Lang = 'fa' | 'en';

/**
 * A text in the reader's language: English when chosen and given, else Persian. A plain string is
 * Persian only (an information package may give some of its texts in Persian alone).
 */
export const localized = (lang: Lang, text: string | { fa: string; en?: string | undefined }): string =>
  typeof text === 'string' ? text : lang === 'en' && text.en ? text.en : text.fa;

/** Digits in the reader's script (a text written with Persian digits reads in Latin ones in English);
 * Persian numbers are grouped with the Persian separator («۱٬۲۰۰»). */
export const localDigits = (lang: Lang, n: number | string): string =>
  lang === 'fa'
    ? toPersianDigits(typeof n === 'number' ? n.toLocaleString('en-US').replace(/,/g, '٬') : n)
    : toAsciiDigits(String(n));

const UNITS: Record<DurationUnit, { fa: string; en: Record<'one' | 'other', string> }> = {
  minute: { fa: 'دقیقه', en: { one: 'minute', other: 'minutes' } },
  hour: { fa: 'ساعت', en: { one: 'hour', other: 'hours' } },
  day: { fa: 'روز', en: { one: 'day', other: 'days' } },
  week: { fa: 'هفته', en: { one: 'week', other: 'weeks' } },
  month: { fa: 'ماه', en: { one: 'month', other: 'months' } },
};
const englishPlural = new Intl.PluralRules('en');

/** A count of a unit: «۶ دقیقه» (a Persian noun stays singular after a number), "1 minute", "6 minutes". */
export function durationText(lang: Lang, value: number, unit: DurationUnit): string {
  const words = UNITS[unit];
  const word = lang === 'fa' ? words.fa : words.en[englishPlural.select(value) === 'one' ? 'one' : 'other'];
  return `${localDigits(lang, value)} ${word}`;
}

const ETA = {
  soon: { fa: 'به‌زودی', en: 'soon' },
  noWait: { fa: 'بدون انتظار', en: 'no wait' },
  about: { fa: 'حدود', en: 'about' },
} as const;

/** No estimate, after a label ("Estimated wait: …") and on its own (a tile: "3 waiting · …"). */
const NO_ETA = {
  value: {
    unknown: { fa: 'معلوم نیست', en: 'unknown' },
    'no-counter-open': { fa: 'معلوم نیست؛ باجه‌ای باز نیست', en: 'unknown — no counter open' },
    'counter-closed': { fa: 'معلوم نیست؛ باجهٔ مقصد باز نیست', en: 'unknown — its counter is not open' },
  },
  alone: {
    unknown: { fa: 'زمان انتظار معلوم نیست', en: 'wait unknown' },
    'no-counter-open': { fa: 'باجه‌ای باز نیست؛ زمان انتظار معلوم نیست', en: 'no counter open — wait unknown' },
    'counter-closed': {
      fa: 'باجهٔ مقصد باز نیست؛ زمان انتظار معلوم نیست',
      en: 'its counter is not open — wait unknown',
    },
  },
} as const;

/** A wait as the protocol gives it: minutes, or null and why not (rule E2). */
export interface Eta {
  etaMinutes: number | null;
  etaUnknown?: EtaUnknown | null;
  /** Waiting tickets before it (for a new ticket, everyone in its queue). */
  ahead?: number;
}

/**
 * The estimated wait in words, as a value after a label ("Estimated wait: about 6 minutes") or, with
 * `form` 'alone', as a phrase of its own. With no estimate it says so, and why, never a made-up
 * time; under a minute is "no wait" only when nobody is ahead.
 */
export function etaText(lang: Lang, eta: Eta, form: 'value' | 'alone' = 'value'): string {
  const { etaMinutes: minutes, ahead = 0 } = eta;
  if (minutes === null) return NO_ETA[form][eta.etaUnknown ?? 'unknown'][lang];
  if (minutes < 1) return (ahead > 0 ? ETA.soon : ETA.noWait)[lang];
  return `${ETA.about[lang]} ${durationText(lang, Math.round(minutes), 'minute')}`;
}

/** A call in words, as a screen reader announces it: «شماره ۱۰۰۱ به باجه ۴». */
export function callText(lang: Lang, ticketNumber: string, counterNumber: number): string {
  const [number, to] = lang === 'fa' ? ['شماره', 'به باجه'] : ['Number', 'to counter'];
  return `${number} ${localDigits(lang, ticketNumber)} ${to} ${localDigits(lang, counterNumber)}`;
}
