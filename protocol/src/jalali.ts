// Jalali (Persian solar) calendar arithmetic on local days (server/SPEC.md J1–J3): the months and
// quarters the directives' reports cover, and how a period is written. The conversion is the
// maintained jalaali-js package (Borkowski's algorithm; agrees with ICU's persian calendar
// 1800–2256); a day is an ISO "YYYY-MM-DD" local day, never an instant (J2).
import { isLeapJalaaliYear, isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { toPersianDigits } from './identity.ts';
import type { Lang } from './wording.ts';

export interface JalaliDay {
  jy: number;
  jm: number;
  jd: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad2 = (n: number) => String(n).padStart(2, '0');

function checkYear(jy: number): void {
  // Years the package and ICU agree on (J1); far wider than any office's history.
  if (!Number.isInteger(jy) || jy < 1179 || jy > 1634) throw new RangeError(`Jalali year out of range: ${jy}`);
}
function checkMonth(jm: number): void {
  if (!Number.isInteger(jm) || jm < 1 || jm > 12) throw new RangeError(`Jalali month out of range: ${jm}`);
}

/** [J1] The Jalali date of an ISO local day ("2026-11-22" → 1405-09-01). RangeError on a day that does not exist. */
export function toJalali(isoDay: string): JalaliDay {
  const m = ISO_DAY.exec(isoDay);
  if (!m) throw new RangeError(`not an ISO day: ${isoDay}`);
  const gy = Number(m[1]);
  const gm = Number(m[2]);
  const gd = Number(m[3]);
  const check = new Date(Date.UTC(gy, gm - 1, gd));
  if (check.getUTCFullYear() !== gy || check.getUTCMonth() !== gm - 1 || check.getUTCDate() !== gd) {
    throw new RangeError(`no such day: ${isoDay}`);
  }
  const j = toJalaali(gy, gm, gd);
  checkYear(j.jy);
  return { jy: j.jy, jm: j.jm, jd: j.jd };
}

/** [J1] The ISO local day of a Jalali date; RangeError on an impossible one (Esfand 30 of a common year). */
export function fromJalali(jy: number, jm: number, jd: number): string {
  checkYear(jy);
  checkMonth(jm);
  if (!Number.isInteger(jd) || !isValidJalaaliDate(jy, jm, jd)) {
    throw new RangeError(`no such Jalali day: ${jy}-${pad2(jm)}-${pad2(jd)}`);
  }
  const g = toGregorian(jy, jm, jd);
  return `${String(g.gy).padStart(4, '0')}-${pad2(g.gm)}-${pad2(g.gd)}`;
}

/** [J1] A Jalali year of 366 days (Esfand has 30). */
export function isJalaliLeapYear(jy: number): boolean {
  checkYear(jy);
  return isLeapJalaaliYear(jy);
}

/** [J1] Days in a Jalali month: 31 (Farvardin–Shahrivar), 30 (Mehr–Bahman), 29 or 30 (Esfand). */
export function jalaliMonthLength(jy: number, jm: number): number {
  checkYear(jy);
  checkMonth(jm);
  return jalaaliMonthLength(jy, jm);
}

/** [J1][J2] A Jalali month's first and last local days, inclusive. */
export function jalaliMonthRange(jy: number, jm: number): { from: string; to: string } {
  return { from: fromJalali(jy, jm, 1), to: fromJalali(jy, jm, jalaliMonthLength(jy, jm)) };
}

function checkQuarter(q: number): void {
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`quarter out of range: ${q}`);
}

/** [J1][J2] A Jalali quarter's local days, inclusive: 1 Farvardin–Khordad, 2 Tir–Shahrivar, 3 Mehr–Azar, 4 Dey–Esfand. */
export function jalaliQuarterRange(jy: number, q: number): { from: string; to: string } {
  checkQuarter(q);
  const first = (q - 1) * 3 + 1;
  return { from: jalaliMonthRange(jy, first).from, to: jalaliMonthRange(jy, first + 2).to };
}

/** [J1] The month before (Farvardin's is the last year's Esfand). */
export function previousJalaliMonth(jy: number, jm: number): { jy: number; jm: number } {
  checkMonth(jm);
  return jm === 1 ? { jy: jy - 1, jm: 12 } : { jy, jm: jm - 1 };
}

/** [J1] The quarter before (the first's is the last year's fourth). */
export function previousJalaliQuarter(jy: number, q: number): { jy: number; q: number } {
  checkQuarter(q);
  return q === 1 ? { jy: jy - 1, q: 4 } : { jy, q: q - 1 };
}

/** [J1] The Jalali month a local day falls in. */
export function jalaliMonthOf(isoDay: string): { jy: number; jm: number } {
  const { jy, jm } = toJalali(isoDay);
  return { jy, jm };
}

/** [J1] The Jalali quarter a local day falls in. */
export function jalaliQuarterOf(isoDay: string): { jy: number; q: number } {
  const { jy, jm } = toJalali(isoDay);
  return { jy, q: Math.ceil(jm / 3) };
}

/** The Jalali months' names, Farvardin first. */
export const JALALI_MONTHS: Record<Lang, readonly string[]> = {
  fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  en: [
    'Farvardin',
    'Ordibehesht',
    'Khordad',
    'Tir',
    'Mordad',
    'Shahrivar',
    'Mehr',
    'Aban',
    'Azar',
    'Dey',
    'Bahman',
    'Esfand',
  ],
};

/** [J3] A Jalali month's name: «آبان» (fa), "Aban" (en). */
export function jalaliMonthName(jm: number, lang: Lang = 'fa'): string {
  checkMonth(jm);
  return JALALI_MONTHS[lang][jm - 1] as string;
}

const QUARTER_ORDINALS_FA = ['اول', 'دوم', 'سوم', 'چهارم'] as const;
const QUARTER_ORDINALS_EN = ['first', 'second', 'third', 'fourth'] as const;

/** [J3] A period key: "1405-08" (a month) or "1405-Q3" (a quarter). */
export type JalaliPeriod = { kind: 'month'; jy: number; jm: number } | { kind: 'quarter'; jy: number; q: number };

const PERIOD = /^(\d{4})-(?:(\d{2})|Q([1-4]))$/;

/** [J3] Reads "1405-08" or "1405-Q3"; RangeError on anything else. */
export function parseJalaliPeriod(key: string): JalaliPeriod {
  const m = PERIOD.exec(key);
  if (!m) throw new RangeError(`not a Jalali period: ${key}`);
  const jy = Number(m[1]);
  checkYear(jy);
  if (m[3]) return { kind: 'quarter', jy, q: Number(m[3]) };
  const jm = Number(m[2]);
  checkMonth(jm);
  return { kind: 'month', jy, jm };
}

/** [J3] The key of a month ("1405-08") or a quarter ("1405-Q3"). */
export const jalaliMonthKey = (jy: number, jm: number): string => `${jy}-${pad2(jm)}`;
export const jalaliQuarterKey = (jy: number, q: number): string => `${jy}-Q${q}`;

/** [J1][J2] A period key's local days, inclusive. */
export function jalaliPeriodRange(key: string): { from: string; to: string } {
  const p = parseJalaliPeriod(key);
  return p.kind === 'month' ? jalaliMonthRange(p.jy, p.jm) : jalaliQuarterRange(p.jy, p.q);
}

/**
 * [J3] A period as readers write it: «آبان ۱۴۰۵», «سه‌ماهه سوم ۱۴۰۵» (fa, Persian digits, no digit
 * grouping in a year); "Aban 1405", "Q3 1405 (Mehr–Azar)" (en).
 */
export function jalaliPeriodLabel(key: string, lang: Lang = 'fa'): string {
  const p = parseJalaliPeriod(key);
  const year = lang === 'fa' ? toPersianDigits(String(p.jy)) : String(p.jy);
  if (p.kind === 'month') return `${jalaliMonthName(p.jm, lang)} ${year}`;
  if (lang === 'fa') return `سه‌ماهه ${QUARTER_ORDINALS_FA[p.q - 1]} ${year}`;
  const first = (p.q - 1) * 3 + 1;
  return `Q${p.q} ${year} (${jalaliMonthName(first, 'en')}–${jalaliMonthName(first + 2, 'en')})`;
}

/** [J3] English ordinal word of a quarter ("third"), for sentences. */
export const jalaliQuarterOrdinal = (q: number, lang: Lang = 'fa'): string => {
  checkQuarter(q);
  return (lang === 'fa' ? QUARTER_ORDINALS_FA : QUARTER_ORDINALS_EN)[q - 1] as string;
};
