import { describe, expect, it } from 'vitest';
import { clockTime, jalaliDate, jalaliShortDate } from './calendar.ts';

describe('Jalali dates', () => {
  const sundayMorning = Date.UTC(2026, 10, 22, 5, 30); // 09:00 Tehran, Sunday 1 Azar 1405

  it('writes the date as Persian offices do, weekday first, Persian digits, no Latin comma', () => {
    expect(jalaliDate(sundayMorning)).toBe('یکشنبه ۱ آذر ۱۴۰۵');
    expect(jalaliDate(sundayMorning, 'en')).toBe('Sunday 1 Azar 1405');
  });

  it('uses the Tehran day, not the UTC day', () => {
    const lateUtc = Date.UTC(2026, 10, 22, 21, 0); // 00:30 on Monday 2 Azar in Tehran
    expect(jalaliDate(lateUtc)).toBe('دوشنبه ۲ آذر ۱۴۰۵');
    expect(clockTime(lateUtc)).toBe('۰۰:۳۰');
    expect(clockTime(lateUtc, 'en')).toBe('00:30');
  });

  it('turns the year at Nowruz', () => {
    // The 2026 equinox falls after noon in Tehran on 20 March, so 1405 begins on 21 March.
    expect(jalaliDate(Date.UTC(2026, 2, 21, 12, 0))).toBe('شنبه ۱ فروردین ۱۴۰۵');
    expect(jalaliDate(Date.UTC(2026, 2, 20, 12, 0))).toBe('جمعه ۲۹ اسفند ۱۴۰۴');
  });

  it('writes the short form year first, zero-padded, for tables', () => {
    expect(jalaliShortDate(sundayMorning)).toBe('۱۴۰۵/۰۹/۰۱');
    expect(jalaliShortDate(sundayMorning, 'en')).toBe('1405/09/01');
    expect(jalaliShortDate(Date.UTC(2026, 10, 22, 21, 0))).toBe('۱۴۰۵/۰۹/۰۲');
  });
});
