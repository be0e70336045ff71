import { describe, expect, it } from 'vitest';
import { fromWeek, toWeek } from './hours.ts';

describe('opening hours', () => {
  it('turns stored spans into each weekday’s hours and back, days of one span sharing an entry', () => {
    const stored = [
      { days: ['sat', 'sun', 'mon', 'tue', 'wed'] as const, open: '07:30', close: '14:30' },
      { days: ['thu'] as const, open: '08:00', close: '12:00' },
      { days: ['sat'] as const, open: '16:00', close: '18:00' },
    ].map((h) => ({ ...h, days: [...h.days] }));
    const week = toWeek(stored);
    expect(week.sat).toEqual([
      { open: '07:30', close: '14:30' },
      { open: '16:00', close: '18:00' },
    ]);
    expect(week.fri).toEqual([]);
    const back = fromWeek(week);
    // In week order: Saturday's evening shift comes before Thursday's morning.
    expect(back.hours).toEqual([stored[0], stored[2], stored[1]]);
    expect(back.where[1]).toEqual([{ day: 'sat', span: 1 }]);
    expect(back.where[2]).toEqual([{ day: 'thu', span: 0 }]);
  });

  it('keeps a day with a changed time apart from the others', () => {
    const week = toWeek([{ days: ['sat', 'sun'], open: '08:00', close: '14:00' }]);
    week.sun = [{ open: '08:00', close: '13:00' }];
    expect(fromWeek(week).hours).toEqual([
      { days: ['sat'], open: '08:00', close: '14:00' },
      { days: ['sun'], open: '08:00', close: '13:00' },
    ]);
  });
});
