import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { deskSetup, directiveReportId, duePeriods, durationMinutes } from './directive-reports.ts';

describe('the directives’ periods', () => {
  it('[DR3][DR4] on 1 Azar 1405: Aban and Mehr, and the second quarter; nothing of Azar or the third quarter', () => {
    expect(duePeriods('2026-11-22')).toEqual([
      {
        kind: 'crm-monthly',
        jalali: '1405-08',
        from: '2026-10-23',
        to: '2026-11-21',
        dueDay: '2026-11-22',
        forceDay: '2026-11-24',
      },
      {
        kind: 'crm-monthly',
        jalali: '1405-07',
        from: '2026-09-23',
        to: '2026-10-22',
        dueDay: '2026-10-23',
        forceDay: '2026-10-25',
      },
      {
        kind: 'quarterly',
        jalali: '1405-Q2',
        from: '2026-06-22',
        to: '2026-09-22',
        dueDay: '2026-09-23',
        forceDay: '2026-09-25',
      },
    ]);
  });

  it('[DR3][J2] on 30 Aban the month is not over: Mehr and Shahrivar are the months due', () => {
    expect(duePeriods('2026-11-21').map((p) => p.jalali)).toEqual(['1405-07', '1405-06', '1405-Q2']);
  });

  it('[DR3][J1] on 1 Farvardin 1405: Esfand and Bahman 1404, and the fourth quarter of 1404', () => {
    const due = duePeriods('2026-03-21');
    expect(due.map((p) => p.jalali)).toEqual(['1404-12', '1404-11', '1404-Q4']);
    expect(due[0]).toMatchObject({ from: '2026-02-20', to: '2026-03-20', forceDay: '2026-03-23' });
    expect(due[2]).toMatchObject({ from: '2025-12-22', to: '2026-03-20' });
  });

  it('[DR3] ids per kind, period and scope', () => {
    expect(directiveReportId('crm-monthly', '1405-08', 'branch', 'b1')).toBe('crm-monthly/1405-08/branch/b1');
    expect(directiveReportId('quarterly', '1405-Q3', 'branch', 'b1')).toBe('quarterly/1405-Q3/branch/b1');
    expect(directiveReportId('crm-monthly', '1405-08', 'province', 'tehran')).toBe(
      'crm-monthly/1405-08/province/tehran',
    );
  });

  it('[DR1] the desk’s setup counts active counters, the active sub-services placed at them, and active clerks', () => {
    const config = testConfig((c) => {
      const third = c.counters[2];
      if (third) third.active = false; // the only counter serving s3
      const k = c.clerks[0];
      if (k) k.active = false;
    });
    const setup = deskSetup([config], 'branch');
    expect(setup).toMatchObject({ branches: 1, counters: 2, subServices: 2, clerks: 2 });
    expect(setup.signs.map((s) => s.number)).toEqual([1, 2]);
    expect(setup.infoPackages.map((p) => p.serviceId)).toEqual(['s1', 's2']);
    expect(deskSetup([config, config], 'province')).toMatchObject({
      branches: 2,
      counters: 4,
      signs: [],
      infoPackages: [],
    });
  });

  it('[DR2] durations in minutes, a month as 30 days', () => {
    expect(durationMinutes(2, 'hour')).toBe(120);
    expect(durationMinutes(1, 'week')).toBe(7 * 24 * 60);
    expect(durationMinutes(1, 'month')).toBe(30 * 24 * 60);
  });
});
