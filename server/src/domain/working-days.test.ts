import { Branch, fromJalali, type RequestStep, toJalali } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { localToEpoch } from './appointments.ts';
import {
  addWorkingDays,
  isWorkingDay,
  openWeekdays,
  promisedDate,
  stepDueAt,
  stepWorkingDays,
  workflowWorkingDays,
  workingDayMinutes,
} from './working-days.ts';

const J = (jy: number, jm: number, jd: number) => fromJalali(jy, jm, jd);
const jalali = (iso: string) => {
  const { jy, jm, jd } = toJalali(iso);
  return `${jy}-${String(jm).padStart(2, '0')}-${String(jd).padStart(2, '0')}`;
};

/** Nowruz 1404 (1–4 Farvardin) and 12–13 Farvardin, as ISO local days. */
const NOWRUZ_1404 = [J(1404, 1, 1), J(1404, 1, 2), J(1404, 1, 3), J(1404, 1, 4), J(1404, 1, 12), J(1404, 1, 13)];

function branch(over: Partial<z.input<typeof Branch>> = {}): Branch {
  return Branch.parse({
    id: 'b',
    organisationId: 'o',
    provincialOfficeId: 'p',
    name: { fa: 'شعبه' },
    type: 1,
    timeZone: 'Asia/Tehran',
    // Saturday to Wednesday 07:30–14:30; Thursday and Friday closed.
    openingHours: [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' }],
    holidays: NOWRUZ_1404,
    ...over,
  });
}
const satToWed = branch();
const satToThu = branch({
  openingHours: [
    { days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' },
    { days: ['thu'], open: '07:30', close: '12:00' },
  ],
});
const step = (duration: number, durationUnit: RequestStep['durationUnit'], row = 1): RequestStep => ({
  row,
  title: `مرحله ${row}`,
  unit: 'واحد',
  post: 'کارشناس',
  duration,
  durationUnit,
});
const tehran = (day: string, time: string) => localToEpoch(day, time, 'Asia/Tehran');

describe('working days', () => {
  it('[WD1] the Jalali facts the tests stand on: 1403 is leap, its Esfand 30 is Thursday 2025-03-20', () => {
    expect(J(1403, 12, 30)).toBe('2025-03-20');
    expect(J(1404, 1, 1)).toBe('2025-03-21');
    expect(() => J(1404, 12, 30)).toThrow(RangeError); // 1404 is a common year
  });

  it('[WD1] a working day has opening hours on its weekday and is not a holiday', () => {
    expect(isWorkingDay(satToWed, J(1403, 12, 28))).toBe(true); // Tuesday
    expect(isWorkingDay(satToWed, J(1403, 12, 30))).toBe(false); // Thursday: no hours
    expect(isWorkingDay(satToThu, J(1403, 12, 30))).toBe(true); // Thursday with hours, the leap day
    expect(isWorkingDay(satToThu, J(1404, 1, 1))).toBe(false); // Friday and Nowruz
    expect(isWorkingDay(satToThu, J(1404, 1, 2))).toBe(false); // Saturday, Nowruz holiday
    expect(isWorkingDay(satToThu, J(1404, 1, 5))).toBe(true); // Tuesday after Nowruz
    expect(isWorkingDay(satToThu, J(1404, 1, 12))).toBe(false); // Tuesday, Islamic Republic day
    expect(isWorkingDay(satToThu, J(1404, 1, 13))).toBe(false); // Wednesday, Sizdah Bedar
  });

  it('[WD2] n = 0 is the day itself when working, else the next working day', () => {
    expect(addWorkingDays(satToWed, J(1403, 12, 28), 0)).toBe(J(1403, 12, 28));
    // From the leap day (a closed Thursday) over Friday and Nowruz to Tuesday 5 Farvardin.
    expect(jalali(addWorkingDays(satToWed, J(1403, 12, 30), 0))).toBe('1404-01-05');
  });

  it('[WD2] across a leap Esfand and Nowruz, Thursdays and Fridays closed: 1403-12-28 + 3 → 1404-01-06', () => {
    const from = J(1403, 12, 28);
    expect(jalali(addWorkingDays(satToWed, from, 1))).toBe('1403-12-29');
    expect(jalali(addWorkingDays(satToWed, from, 2))).toBe('1404-01-05');
    expect(jalali(addWorkingDays(satToWed, from, 3))).toBe('1404-01-06');
    expect(addWorkingDays(satToWed, from, 3)).toBe('2025-03-26');
  });

  it('[WD2] across a leap Esfand with Thursdays open: Esfand 30 counts, then Nowruz is skipped', () => {
    const from = J(1403, 12, 28);
    expect(jalali(addWorkingDays(satToThu, from, 2))).toBe('1403-12-30');
    expect(jalali(addWorkingDays(satToThu, from, 3))).toBe('1404-01-05');
  });

  it('[WD2][WD5] a holiday list adds to the weekend: Esfand 29 closed too', () => {
    const withOilDay = branch({ holidays: [J(1403, 12, 29), ...NOWRUZ_1404] });
    expect(jalali(addWorkingDays(withOilDay, J(1403, 12, 28), 1))).toBe('1404-01-05');
    // 5 Tuesday, 6 Wednesday, then Thursday 7 and Friday 8 closed: Saturday 9 Farvardin.
    expect(jalali(addWorkingDays(withOilDay, J(1403, 12, 28), 3))).toBe('1404-01-09');
  });

  it('[WD2][WD5] across 12–13 Farvardin and the weekend: 1404-01-11 + 2 → 1404-01-17', () => {
    expect(jalali(addWorkingDays(satToWed, J(1404, 1, 11), 1))).toBe('1404-01-16');
    expect(jalali(addWorkingDays(satToWed, J(1404, 1, 11), 2))).toBe('1404-01-17');
    // Without the holidays it would be Tuesday and Wednesday.
    expect(jalali(addWorkingDays(branch({ holidays: [] }), J(1404, 1, 11), 2))).toBe('1404-01-13');
  });

  it('[WD2] weekends are skipped over many weeks: 25 working days of a five-day week are five weeks', () => {
    const plain = branch({ holidays: [] });
    const sat = J(1405, 7, 4); // a Saturday
    expect(new Date(`${sat}T00:00:00Z`).getUTCDay()).toBe(6);
    expect(jalali(addWorkingDays(plain, sat, 25))).toBe('1405-08-09'); // the Saturday five weeks on
  });

  it('[WD2] a branch with no working day at all, and a bad n, are RangeErrors (no endless loop)', () => {
    const never: Branch = { ...satToWed, openingHours: [] };
    expect(() => addWorkingDays(never, J(1404, 1, 5), 1)).toThrow(RangeError);
    expect(() => addWorkingDays(never, J(1404, 1, 5), 0)).toThrow(RangeError);
    expect(() => addWorkingDays(satToWed, J(1404, 1, 5), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(satToWed, J(1404, 1, 5), 1.5)).toThrow(RangeError);
    expect(() => promisedDate(never, [step(1, 'day')], tehran(J(1404, 1, 5), '09:00'))).toThrow(RangeError);
  });

  it('[WD3] week = the open weekdays, month = four weeks of them, fractions round up', () => {
    expect(openWeekdays(satToWed)).toBe(5);
    expect(openWeekdays(satToThu)).toBe(6);
    expect(stepWorkingDays(satToWed, step(1, 'week'))).toBe(5);
    expect(stepWorkingDays(satToThu, step(1, 'week'))).toBe(6);
    expect(stepWorkingDays(satToWed, step(1, 'month'))).toBe(20);
    expect(stepWorkingDays(satToWed, step(0.5, 'month'))).toBe(10);
    expect(stepWorkingDays(satToWed, step(1.2, 'day'))).toBe(2);
    expect(stepWorkingDays(satToWed, step(0.3, 'week'))).toBe(2); // 1.5 → 2
    expect(stepWorkingDays(satToWed, step(3, 'hour'))).toBeNull();
  });

  it('[WD3] a working day is the longest opening time of a weekday, spans merged', () => {
    expect(workingDayMinutes(satToWed)).toBe(7 * 60);
    const split = branch({
      openingHours: [
        { days: ['sat'], open: '08:00', close: '12:00' },
        { days: ['sat'], open: '11:00', close: '13:00' }, // overlaps: 08:00–13:00 = 5 h
        { days: ['sat'], open: '16:00', close: '18:00' }, // + 2 h
        { days: ['sun'], open: '07:00', close: '13:00' }, // 6 h
      ],
    });
    expect(workingDayMinutes(split)).toBe(7 * 60);
  });

  it('[WD3] minute and hour steps are summed, then rounded up to whole working days', () => {
    expect(workflowWorkingDays(satToWed, [step(3, 'hour', 1), step(4, 'hour', 2)])).toBe(1); // 7 h = 1 day
    expect(workflowWorkingDays(satToWed, [step(3, 'hour', 1), step(241, 'minute', 2)])).toBe(2); // 7 h 1 min
    expect(workflowWorkingDays(satToWed, [step(2, 'day', 1), step(30, 'minute', 2), step(1, 'week', 3)])).toBe(8);
    expect(workflowWorkingDays(satToWed, [step(0, 'day', 1)])).toBe(0);
  });

  it('[WD3] the promised date counts from the local day of creation (Tehran), across Nowruz', () => {
    const steps = [step(1, 'day', 1), step(2, 'hour', 2), step(1, 'day', 3)]; // 1 + 1 + 1 = 3 working days
    expect(jalali(promisedDate(satToWed, steps, tehran(J(1403, 12, 28), '13:00')))).toBe('1404-01-06');
    // 00:30 local on Wednesday 1403-12-29 is still Tuesday in UTC: the local day counts.
    const justAfterMidnight = tehran(J(1403, 12, 29), '00:30');
    expect(new Date(justAfterMidnight).toISOString().slice(0, 10)).toBe(J(1403, 12, 28));
    expect(jalali(promisedDate(satToWed, steps, justAfterMidnight))).toBe('1404-01-09'); // 5, 6, (7–8 closed) 9
    // A zero-length workflow made on a closed day is promised for the next working day.
    expect(jalali(promisedDate(satToWed, [step(0, 'day')], tehran(J(1404, 1, 1), '10:00')))).toBe('1404-01-05');
  });

  it('[WD4] a day step is due at the same local time on the n-th working day, seconds kept', () => {
    const since = tehran(J(1403, 12, 28), '10:15') + 42_500;
    const due = stepDueAt(satToWed, step(2, 'day'), since);
    expect(due).toBe(tehran(J(1404, 1, 5), '10:15') + 42_500);
    expect(jalali(new Date(due + 3.5 * 3_600_000).toISOString().slice(0, 10))).toBe('1404-01-05');
    expect(stepDueAt(satToWed, step(1, 'week'), since)).toBe(tehran(J(1404, 1, 10), '10:15') + 42_500); // 29, 5, 6, 9, 10
    expect(stepDueAt(satToWed, step(0, 'day'), since)).toBe(since);
  });

  it('[WD4] minute and hour steps are clock time: since plus the duration, holidays or not', () => {
    const since = tehran(J(1403, 12, 30), '13:00'); // a closed Thursday before Nowruz
    expect(stepDueAt(satToWed, step(90, 'minute'), since)).toBe(since + 90 * 60_000);
    expect(stepDueAt(satToWed, step(48, 'hour'), since)).toBe(since + 48 * 3_600_000);
    expect(stepDueAt(satToWed, step(1.5, 'hour'), since)).toBe(since + 90 * 60_000);
  });
});
