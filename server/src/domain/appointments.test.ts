import { Branch } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import {
  bookableDays,
  bookingCode,
  bookingState,
  checkInOutcome,
  daySlots,
  isBookingCode,
  isNationalId,
  localToEpoch,
  slotProblem,
  slotStart,
} from './appointments.ts';

// 2026-12-05 is a Saturday; 2026-12-11 a Friday.
const branch = Branch.parse({
  id: 'b',
  organisationId: 'o',
  provincialOfficeId: 'p',
  name: { fa: 'شعبه' },
  type: 1,
  timeZone: 'Asia/Tehran',
  openingHours: [
    { days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '10:00' },
    { days: ['sat'], open: '11:00', close: '12:10' },
    { days: ['thu'], open: '08:00', close: '09:00' },
  ],
  holidays: ['2026-12-07'],
});
const settings = { slotMinutes: 30, perSlot: 2, daysAhead: 3, graceMinutes: 15 };
const at = (day: string, time: string) => localToEpoch(day, time, 'Asia/Tehran');

describe('appointments rules', () => {
  it('[AP2] local slot times are instants in the branch zone (Tehran is UTC+3:30)', () => {
    expect(new Date(at('2026-12-05', '08:00')).toISOString()).toBe('2026-12-05T04:30:00.000Z');
    expect(slotStart(branch, '2026-12-05T07:30')).toBe(Date.parse('2026-12-05T04:00:00Z'));
  });

  it('[AP2] slots lie inside the opening spans, each ending by the close; none on holidays or closed days', () => {
    expect(daySlots(branch, settings, '2026-12-05')).toEqual([
      '07:30',
      '08:00',
      '08:30',
      '09:00',
      '09:30',
      '11:00',
      '11:30',
    ]);
    expect(daySlots(branch, settings, '2026-12-06')).toEqual(['07:30', '08:00', '08:30', '09:00', '09:30']);
    expect(daySlots(branch, settings, '2026-12-07')).toEqual([]); // holiday (a Monday)
    expect(daySlots(branch, settings, '2026-12-11')).toEqual([]); // Friday: no hours
    expect(daySlots(branch, { ...settings, slotMinutes: 45 }, '2026-12-10')).toEqual(['08:00']);
  });

  it('[AP3] a slot must be of its day, in the future and within daysAhead', () => {
    const now = at('2026-12-05', '08:10');
    expect(slotProblem(branch, settings, '2026-12-05T08:30', now)).toBeUndefined();
    expect(slotProblem(branch, settings, '2026-12-05T08:00', now)).toBe('slot-past');
    expect(slotProblem(branch, settings, '2026-12-05T08:15', now)).toBe('slot-closed');
    expect(slotProblem(branch, settings, '2026-12-05T10:00', now)).toBe('slot-closed');
    expect(slotProblem(branch, settings, '2026-12-07T08:00', now)).toBe('slot-closed');
    expect(slotProblem(branch, settings, '2026-12-08T08:00', now)).toBeUndefined();
    expect(slotProblem(branch, settings, '2026-12-09T08:00', now)).toBe('slot-too-far');
    expect(slotProblem(branch, settings, '2026-02-30T08:00', now)).toBe('bad-slot');
    expect(slotProblem(branch, settings, 'tomorrow', now)).toBe('bad-slot');
  });

  it('[AP3] the bookable days mark holidays and days without a slot left as closed', () => {
    const days = bookableDays(branch, settings, at('2026-12-05', '11:45'));
    expect(days).toEqual([
      { day: '2026-12-05', open: false },
      { day: '2026-12-06', open: true },
      { day: '2026-12-07', open: false },
      { day: '2026-12-08', open: true },
    ]);
  });

  it('[AP4] national ID: the check digit, Persian digits, all-same-digit ids refused', () => {
    expect(isNationalId('0499370899')).toBe(true);
    expect(isNationalId('0084575948')).toBe(true);
    expect(isNationalId('۰۴۹۹۳۷۰۸۹۹')).toBe(true);
    expect(isNationalId('0499370898')).toBe(false);
    expect(isNationalId('0499370889')).toBe(false);
    expect(isNationalId('1111111111')).toBe(false);
    expect(isNationalId('0000000000')).toBe(false);
    expect(isNationalId('049937089')).toBe(false);
    expect(isNationalId('04993708a9')).toBe(false);
  });

  it('[AP5] a booking code is seven digits whose Damm check digit catches a typo or a swap', () => {
    const code = bookingCode('572301');
    expect(code).toMatch(/^\d{7}$/);
    expect(code.slice(0, 6)).toBe('572301');
    expect(isBookingCode(code)).toBe(true);
    for (let i = 0; i < 7; i++) {
      for (let d = 0; d < 10; d++) {
        if (String(d) === code[i]) continue;
        expect(isBookingCode(code.slice(0, i) + d + code.slice(i + 1))).toBe(false);
      }
    }
    for (let i = 0; i < 6; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(isBookingCode(swapped)).toBe(false);
    }
    expect(isBookingCode('123')).toBe(false);
  });

  it('[AP7] check-in: an hour early to the grace gives the appointment, later a normal ticket, else refused', () => {
    const slot = '2026-12-05T09:00';
    expect(checkInOutcome(branch, settings, slot, at('2026-12-04', '09:00'))).toEqual({
      kind: 'refused',
      code: 'not-today',
    });
    expect(checkInOutcome(branch, settings, slot, at('2026-12-05', '07:59'))).toEqual({
      kind: 'refused',
      code: 'too-early',
    });
    expect(checkInOutcome(branch, settings, slot, at('2026-12-05', '08:00'))).toEqual({ kind: 'appointment' });
    expect(checkInOutcome(branch, settings, slot, at('2026-12-05', '09:15'))).toEqual({ kind: 'appointment' });
    expect(checkInOutcome(branch, settings, slot, at('2026-12-05', '09:16'))).toEqual({ kind: 'late' });
  });

  it('[AP8] a booking never checked in is a no-show once its grace has passed', () => {
    const b = { cancelled: false, ticketId: null, slot: '2026-12-05T09:00' };
    expect(bookingState(b, branch, settings, at('2026-12-05', '09:15'))).toBe('booked');
    expect(bookingState(b, branch, settings, at('2026-12-05', '09:16'))).toBe('no-show');
    expect(bookingState({ ...b, ticketId: 't' }, branch, settings, at('2026-12-05', '12:00'))).toBe('checked-in');
    expect(bookingState({ ...b, cancelled: true }, branch, settings, at('2026-12-05', '12:00'))).toBe('cancelled');
  });
});
