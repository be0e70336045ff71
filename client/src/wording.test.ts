import { describe, expect, it } from 'vitest';
import { ApiError } from './rest.ts';
import {
  changedByText,
  conflictText,
  errorText,
  formatDateTime,
  formatTime,
  isoDateText,
  isoToJalali,
  jalaliMonthLength,
  jalaliText,
  jalaliToIso,
  parseJalali,
  say,
} from './wording.ts';

describe('common words', () => {
  it('says each word in the chosen language, with no Persian in English', () => {
    expect(say('fa', 'save')).toBe('ذخیره');
    expect(say('en', 'save')).toBe('Save');
    expect(say('en', 'signOut')).not.toMatch(/[\u0600-\u06FF]/);
  });

  it("explains a failure in the server's own words, and an unreachable server as such", () => {
    const refused = new ApiError(422, 'invalid-config', { fa: 'نادرست', en: 'Invalid' });
    expect(errorText('en', refused)).toBe('Invalid');
    expect(errorText('fa', refused)).toBe('نادرست');
    expect(errorText('en', new ApiError(0, 'network', { fa: 'x', en: 'x' }))).toBe(say('en', 'networkError'));
    expect(errorText('fa', new Error('boom'))).toBe(say('fa', 'unknownError'));
  });
});

describe('dates and times', () => {
  // 1 Farvardin 1405 began at 00:00 Tehran time (UTC+03:30): 2026-03-20T20:30Z.
  const nowruz = '2026-03-21T09:35:00Z';

  it('writes a moment as a Jalali date and a 24-hour time in the branch zone, Persian digits in Persian', () => {
    expect(formatDateTime('fa', nowruz)).toBe('۱۴۰۵/۰۱/۰۱، ۱۳:۰۵');
    expect(formatDateTime('en', nowruz)).toBe('1405/01/01, 13:05');
    expect(formatTime('en', nowruz, 'UTC')).toBe('09:35');
  });

  it('takes the day from the time zone, not from UTC', () => {
    // 21:00 UTC on 20 March is already 1 Farvardin in Tehran, still the last day of Esfand in UTC.
    expect(formatDateTime('en', '2026-03-20T21:00:00Z')).toBe('1405/01/01, 00:30');
    expect(formatDateTime('en', '2026-03-20T21:00:00Z', 'UTC')).toBe('1404/12/29, 21:00');
  });

  it('says who changed a record: the time alone today, the date on another day', () => {
    const changed = { by: { id: 'u1', name: 'Sara' }, at: nowruz };
    expect(changedByText('en', changed, 'Asia/Tehran', new Date('2026-03-21T15:00:00Z'))).toBe(
      'changed by Sara at 13:05',
    );
    expect(changedByText('en', changed, 'Asia/Tehran', new Date('2026-03-25T15:00:00Z'))).toBe(
      'changed by Sara at 1405/01/01, 13:05',
    );
    expect(changedByText('fa', changed, 'Asia/Tehran', new Date('2026-03-21T15:00:00Z'))).toBe(
      'Sara در ۱۳:۰۵ تغییرش داد',
    );
    expect(changedByText('en', null)).toBeNull();
  });

  it('words a version conflict with who and when, and asks for a reload', () => {
    const conflict = { version: 4, changed: { by: { id: 'u1', name: 'Sara' }, at: nowruz } };
    const now = new Date('2026-03-21T15:00:00Z');
    expect(conflictText('en', conflict, 'Asia/Tehran', now)).toBe(
      'Not saved: changed by Sara at 13:05. Reload to see the latest version.',
    );
    expect(conflictText('fa', conflict, 'Asia/Tehran', now)).toContain('۱۳:۰۵');
    expect(conflictText('en', { version: 4, changed: null })).toContain('someone changed it');
  });
});

describe('Jalali calendar dates', () => {
  it('converts known days both ways', () => {
    expect(jalaliToIso({ year: 1405, month: 1, day: 1 })).toBe('2026-03-21');
    expect(jalaliToIso({ year: 1403, month: 12, day: 30 })).toBe('2025-03-20'); // 1403 is a leap year
    expect(jalaliToIso({ year: 1357, month: 11, day: 22 })).toBe('1979-02-11');
    expect(isoToJalali('2026-03-21')).toEqual({ year: 1405, month: 1, day: 1 });
    expect(isoToJalali('2026-03-20')).toEqual({ year: 1404, month: 12, day: 29 });
    expect(isoToJalali('2026-12-31')).toEqual({ year: 1405, month: 10, day: 10 });
  });

  it('agrees with ICU on every day of several years', () => {
    const icu = new Intl.DateTimeFormat('en-US-u-ca-persian', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const parts = icu.formatToParts(new Date(t));
      const n = (type: string) => Number.parseInt(parts.find((p) => p.type === type)?.value ?? '', 10);
      const expected = { year: n('year'), month: n('month'), day: n('day') };
      expect(isoToJalali(iso), iso).toEqual(expected);
      expect(jalaliToIso(expected), iso).toBe(iso);
    }
  });

  it('refuses days that do not exist', () => {
    expect(jalaliToIso({ year: 1404, month: 12, day: 30 })).toBeNull(); // 1404 is not a leap year
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliToIso({ year: 1405, month: 7, day: 31 })).toBeNull();
    expect(jalaliToIso({ year: 1405, month: 13, day: 1 })).toBeNull();
    expect(isoToJalali('2026-02-30')).toBeNull();
    expect(isoToJalali('21-03-2026')).toBeNull();
  });

  it('reads a typed date in Persian or Latin digits, and writes it back', () => {
    expect(parseJalali('۱۴۰۵/۰۱/۱۲')).toEqual({ year: 1405, month: 1, day: 12 });
    expect(parseJalali(' 1405-1-2 ')).toEqual({ year: 1405, month: 1, day: 2 });
    expect(parseJalali('1405/12/30')).toBeNull();
    expect(parseJalali('tomorrow')).toBeNull();
    expect(jalaliText('fa', { year: 1405, month: 1, day: 2 })).toBe('۱۴۰۵/۰۱/۰۲');
    expect(jalaliText('en', { year: 1405, month: 1, day: 2 })).toBe('1405/01/02');
    expect(isoDateText('fa', '2026-03-21')).toBe('۱ فروردین ۱۴۰۵');
    expect(isoDateText('en', '2026-03-21')).toBe('1 Farvardin 1405');
  });
});
