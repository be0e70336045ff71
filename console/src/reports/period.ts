// The reports page's period (R1): a Jalali month (by default the last full one) or a range of Jalali
// days, turned into the local days the report asks for. Jalali arithmetic is protocol's (jalali.ts).
import {
  fromJalali,
  jalaliMonthLength,
  jalaliMonthOf,
  jalaliMonthRange,
  type Lang,
  previousJalaliMonth,
  toAsciiDigits,
  toJalali,
} from '@nobat/protocol';

export type PeriodChoice = { kind: 'month'; jy: number; jm: number } | { kind: 'range'; from: string; to: string };

/** Today as an ISO local day in `timeZone`. */
export function localToday(now: number, timeZone = 'Asia/Tehran'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(now));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The last full Jalali month before the local day `today`. */
export function lastFullMonth(today: string): { jy: number; jm: number } {
  const { jy, jm } = jalaliMonthOf(today);
  return previousJalaliMonth(jy, jm);
}

/** A Jalali day as written in the range fields: «۱۴۰۵/۰۸/۰۱» or "1405/08/01". */
export function jalaliInput(isoDay: string, lang: Lang): string {
  const { jy, jm, jd } = toJalali(isoDay);
  const s = `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`;
  return lang === 'fa' ? s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d) : s;
}

/**
 * The ISO local day of a Jalali day as typed: year/month/day in Persian, Arabic or Latin digits, with
 * "/", "-" or "." between; null when it is no such day (Esfand 30 of a common year, month 13, …).
 */
export function parseJalaliInput(text: string): string | null {
  const m = /^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$/.exec(toAsciiDigits(text));
  if (!m) return null;
  const jy = Number(m[1]);
  const jm = Number(m[2]);
  const jd = Number(m[3]);
  try {
    if (jm < 1 || jm > 12 || jd < 1 || jd > jalaliMonthLength(jy, jm)) return null;
    return fromJalali(jy, jm, jd);
  } catch {
    return null;
  }
}

/** The local days a choice covers, inclusive. */
export function periodDays(choice: PeriodChoice): { from: string; to: string } {
  return choice.kind === 'month' ? jalaliMonthRange(choice.jy, choice.jm) : { from: choice.from, to: choice.to };
}

/** The years the month picker offers: the year of `today` and the ones before it, latest first. */
export function yearsUpTo(today: string, count = 6): number[] {
  const { jy } = toJalali(today);
  return Array.from({ length: count }, (_, i) => jy - i);
}
