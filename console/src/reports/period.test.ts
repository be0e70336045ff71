import { describe, expect, it } from 'vitest';
import { reportExportUrl, reportQueryString } from './api.ts';
import { delta } from './compare.ts';
import { jalaliInput, lastFullMonth, localToday, parseJalaliInput, periodDays } from './period.ts';

describe('the reports page’s period', () => {
  it('[R1] the default month is the last full Jalali month, in Tehran’s calendar', () => {
    // 2026-11-22 is 1 Azar 1405: the last full month is Aban.
    expect(lastFullMonth('2026-11-22')).toEqual({ jy: 1405, jm: 8 });
    // 1 Farvardin 1405 (2026-03-21): the last full month is Esfand 1404.
    expect(lastFullMonth('2026-03-21')).toEqual({ jy: 1404, jm: 12 });
    // 23:00 UTC on 2026-11-21 is already 22 November (1 Azar) in Tehran.
    expect(localToday(Date.UTC(2026, 10, 21, 23, 0))).toBe('2026-11-22');
    expect(localToday(Date.UTC(2026, 10, 21, 20, 0))).toBe('2026-11-21');
  });

  it('[R1] a month covers its local days; Esfand has 30 in a leap year and 29 otherwise', () => {
    expect(periodDays({ kind: 'month', jy: 1405, jm: 8 })).toEqual({ from: '2026-10-23', to: '2026-11-21' });
    expect(periodDays({ kind: 'month', jy: 1403, jm: 12 }).to).toBe('2025-03-20'); // 1403 is leap: Esfand 30
    expect(periodDays({ kind: 'month', jy: 1404, jm: 12 }).to).toBe('2026-03-20'); // Esfand 29
  });

  it('[R1] a typed Jalali day is read in Persian or Latin digits; an impossible one is refused', () => {
    expect(parseJalaliInput('۱۴۰۵/۰۸/۰۱')).toBe('2026-10-23');
    expect(parseJalaliInput('1405-8-1')).toBe('2026-10-23');
    expect(parseJalaliInput('1403/12/30')).toBe('2025-03-20');
    expect(parseJalaliInput('1404/12/30')).toBeNull();
    expect(parseJalaliInput('1405/13/01')).toBeNull();
    expect(parseJalaliInput('1405/08')).toBeNull();
    expect(jalaliInput('2026-10-23', 'fa')).toBe('۱۴۰۵/۰۸/۰۱');
    expect(jalaliInput('2026-10-23', 'en')).toBe('1405/08/01');
  });

  it('[R1][R8] the report and its downloads ask the same query', () => {
    const q = { from: '2026-10-23', to: '2026-11-21', branchId: 'b 1', by: 'hour' as const };
    expect(reportQueryString(q)).toBe('from=2026-10-23&to=2026-11-21&branchId=b+1&by=hour&compare=true');
    expect(reportExportUrl(q, 'xlsx', 'fa')).toBe(
      '/api/v1/reports/export?from=2026-10-23&to=2026-11-21&branchId=b+1&by=hour&compare=true&format=xlsx&lang=fa',
    );
  });

  it('[R5] a change is better or worse by the figure: shorter waits and more served are better', () => {
    expect(delta('waitMean', 300_000, 400_000)).toMatchObject({ direction: 'down', tone: 'better', relative: -0.25 });
    expect(delta('served', 90, 100)).toMatchObject({ direction: 'down', tone: 'worse' });
    expect(delta('noShow', 5, 5)).toMatchObject({ direction: 'same', tone: 'neutral' });
    expect(delta('serveMean', 5, 4)).toMatchObject({ direction: 'up', tone: 'neutral' });
    expect(delta('served', 3, 0)).toMatchObject({ relative: null });
    expect(delta('waitMean', null, 4)).toBeNull();
  });
});
