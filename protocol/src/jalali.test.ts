import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromJalali,
  isJalaliLeapYear,
  jalaliMonthLength,
  jalaliMonthName,
  jalaliMonthOf,
  jalaliMonthRange,
  jalaliPeriodLabel,
  jalaliPeriodRange,
  jalaliQuarterOf,
  jalaliQuarterRange,
  parseJalaliPeriod,
  previousJalaliMonth,
  previousJalaliQuarter,
  toJalali,
} from './jalali.ts';

const nextIsoDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const prevIsoDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** ICU's own Persian calendar, read independently of the package. */
const icu = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
function icuJalali(iso: string) {
  const parts = icu.formatToParts(new Date(`${iso}T12:00:00Z`));
  const n = (t: string) => Number.parseInt(parts.find((p) => p.type === t)?.value ?? 'NaN', 10);
  return { jy: n('year'), jm: n('month'), jd: n('day') };
}

describe('Jalali calendar arithmetic', () => {
  it('[J1] leap years: 1399, 1403 and 1408 have 366 days, 1400–1402 and 1404–1407 have 365', () => {
    const years = [1399, 1400, 1401, 1402, 1403, 1404, 1405, 1406, 1407, 1408];
    expect(years.filter(isJalaliLeapYear)).toEqual([1399, 1403, 1408]);
    // A year's length is the distance between two Nowruzes.
    for (const jy of years) {
      const days = (Date.parse(fromJalali(jy + 1, 1, 1)) - Date.parse(fromJalali(jy, 1, 1))) / 86_400_000;
      expect(days).toBe(isJalaliLeapYear(jy) ? 366 : 365);
    }
  });

  it('[J1] Esfand 30 exists in a leap year (1403) and not in a common one (1404): RangeError', () => {
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
    expect(fromJalali(1403, 12, 29)).toBe('2025-03-19');
    expect(fromJalali(1403, 12, 30)).toBe('2025-03-20');
    expect(fromJalali(1404, 12, 29)).toBe('2026-03-20');
    expect(() => fromJalali(1404, 12, 30)).toThrow(RangeError);
    expect(() => fromJalali(1405, 7, 31)).toThrow(RangeError);
    expect(() => fromJalali(1405, 13, 1)).toThrow(RangeError);
    expect(() => fromJalali(1405, 0, 1)).toThrow(RangeError);
    expect(() => fromJalali(1405, 1, 0)).toThrow(RangeError);
    expect(() => fromJalali(1405, 1, 1.5)).toThrow(RangeError);
    expect(() => toJalali('2025-02-30')).toThrow(RangeError);
    expect(() => toJalali('1405-08-01x')).toThrow(RangeError);
  });

  it('[J1] Nowruz: the day after the last of Esfand is 1 Farvardin of the next year', () => {
    expect(toJalali('2025-03-20')).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(toJalali('2025-03-21')).toEqual({ jy: 1404, jm: 1, jd: 1 });
    expect(toJalali('2026-03-20')).toEqual({ jy: 1404, jm: 12, jd: 29 });
    expect(toJalali('2026-03-21')).toEqual({ jy: 1405, jm: 1, jd: 1 });
    expect(toJalali('2024-03-20')).toEqual({ jy: 1403, jm: 1, jd: 1 });
    expect(toJalali('2026-11-22')).toEqual({ jy: 1405, jm: 9, jd: 1 });
  });

  it('[J1] month lengths: 31 for the first six, 30 for Mehr–Bahman', () => {
    for (let jm = 1; jm <= 11; jm++) expect(jalaliMonthLength(1405, jm)).toBe(jm <= 6 ? 31 : 30);
  });

  it('[J1][J2] month and quarter ranges are inclusive local days that tile the year', () => {
    expect(jalaliMonthRange(1405, 8)).toEqual({ from: '2026-10-23', to: '2026-11-21' });
    expect(jalaliMonthRange(1403, 12)).toEqual({ from: '2025-02-19', to: '2025-03-20' });
    expect(jalaliMonthRange(1404, 12)).toEqual({ from: '2026-02-20', to: '2026-03-20' });
    expect(jalaliQuarterRange(1405, 1)).toEqual({ from: '2026-03-21', to: '2026-06-21' });
    expect(jalaliQuarterRange(1405, 2)).toEqual({ from: '2026-06-22', to: '2026-09-22' });
    expect(jalaliQuarterRange(1405, 3)).toEqual({ from: '2026-09-23', to: '2026-12-21' });
    expect(jalaliQuarterRange(1404, 4)).toEqual({ from: '2025-12-22', to: '2026-03-20' });
    expect(jalaliPeriodRange('1405-Q3')).toEqual(jalaliQuarterRange(1405, 3));
    expect(jalaliPeriodRange('1405-08')).toEqual(jalaliMonthRange(1405, 8));
    for (const jy of [1402, 1403, 1404]) {
      for (let jm = 1; jm <= 12; jm++) {
        const { to } = jalaliMonthRange(jy, jm);
        const next = jm === 12 ? jalaliMonthRange(jy + 1, 1) : jalaliMonthRange(jy, jm + 1);
        expect(nextIsoDay(to)).toBe(next.from);
      }
      for (let q = 1; q <= 4; q++) {
        const { from, to } = jalaliQuarterRange(jy, q);
        expect(jalaliQuarterOf(from)).toEqual({ jy, q });
        expect(jalaliQuarterOf(to)).toEqual({ jy, q });
        expect(jalaliQuarterOf(prevIsoDay(from))).toEqual(previousJalaliQuarter(jy, q));
        expect(jalaliQuarterOf(nextIsoDay(to))).toEqual(q === 4 ? { jy: jy + 1, q: 1 } : { jy, q: q + 1 });
      }
    }
    expect(() => jalaliQuarterRange(1405, 5)).toThrow(RangeError);
  });

  it('[J1] the month and quarter before cross the year edge', () => {
    expect(previousJalaliMonth(1405, 9)).toEqual({ jy: 1405, jm: 8 });
    expect(previousJalaliMonth(1405, 1)).toEqual({ jy: 1404, jm: 12 });
    expect(previousJalaliQuarter(1405, 3)).toEqual({ jy: 1405, q: 2 });
    expect(previousJalaliQuarter(1405, 1)).toEqual({ jy: 1404, q: 4 });
    expect(jalaliMonthOf('2026-03-20')).toEqual({ jy: 1404, jm: 12 });
    expect(jalaliMonthOf('2026-03-21')).toEqual({ jy: 1405, jm: 1 });
  });

  it('[J1] round trip: every day of 1395–1410 converts to Jalali and back, one day apart in both calendars', () => {
    let iso = fromJalali(1395, 1, 1);
    let prev = toJalali(prevIsoDay(iso));
    const end = fromJalali(1411, 1, 1);
    let days = 0;
    while (iso < end) {
      const j = toJalali(iso);
      expect(fromJalali(j.jy, j.jm, j.jd)).toBe(iso);
      const step =
        j.jd === 1
          ? prev.jd === jalaliMonthLength(prev.jy, prev.jm) &&
            (j.jm === 1 ? prev.jm === 12 && prev.jy === j.jy - 1 : prev.jm === j.jm - 1 && prev.jy === j.jy)
          : prev.jy === j.jy && prev.jm === j.jm && prev.jd === j.jd - 1;
      expect(step).toBe(true);
      prev = j;
      iso = nextIsoDay(iso);
      days++;
    }
    expect(days).toBeGreaterThan(16 * 365);
  });

  it('[J1] property: the package agrees with ICU’s Persian calendar on any day 1990–2100, and round-trips', () => {
    const start = Date.UTC(1990, 0, 1);
    const span = (Date.UTC(2100, 11, 31) - start) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), (n) => {
        const iso = new Date(start + n * 86_400_000).toISOString().slice(0, 10);
        const j = toJalali(iso);
        expect(j).toEqual(icuJalali(iso));
        expect(fromJalali(j.jy, j.jm, j.jd)).toBe(iso);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Jalali period labels', () => {
  it('[J3] month names in Persian and English', () => {
    expect(jalaliMonthName(1, 'fa')).toBe('فروردین');
    expect(jalaliMonthName(8, 'fa')).toBe('آبان');
    expect(jalaliMonthName(12, 'fa')).toBe('اسفند');
    expect(jalaliMonthName(1, 'en')).toBe('Farvardin');
    expect(jalaliMonthName(12, 'en')).toBe('Esfand');
    expect(() => jalaliMonthName(13, 'fa')).toThrow(RangeError);
  });

  it('[J3] a period is written «آبان ۱۴۰۵» / «سه‌ماهه سوم ۱۴۰۵», in English without Persian', () => {
    expect(jalaliPeriodLabel('1405-08', 'fa')).toBe('آبان ۱۴۰۵');
    expect(jalaliPeriodLabel('1405-Q3', 'fa')).toBe('سه‌ماهه سوم ۱۴۰۵');
    expect(jalaliPeriodLabel('1404-Q4', 'fa')).toBe('سه‌ماهه چهارم ۱۴۰۴');
    expect(jalaliPeriodLabel('1405-08', 'en')).toBe('Aban 1405');
    expect(jalaliPeriodLabel('1405-Q3', 'en')).toBe('Q3 1405 (Mehr–Azar)');
    for (const key of ['1405-01', '1405-12', '1405-Q1', '1405-Q4']) {
      expect(jalaliPeriodLabel(key, 'en')).not.toMatch(/[\u0600-\u06FF]/);
      expect(jalaliPeriodLabel(key, 'fa')).not.toMatch(/[0-9]/);
    }
    expect(parseJalaliPeriod('1405-Q2')).toEqual({ kind: 'quarter', jy: 1405, q: 2 });
    for (const bad of ['1405-13', '1405-00', '1405-Q5', '1405-8', '1405', 'x']) {
      expect(() => jalaliPeriodLabel(bad, 'fa')).toThrow(RangeError);
    }
  });
});
