// [SY7] The branch links page's arithmetic: lengths as people say them, the outage log read in local
// days, the one under way measured by the centre, totals per branch, and the CSV of the rows shown.
import type { BranchLinkListItem, BranchOutage } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { addDays, outageMs, outagesCsv, serverRange, totalsByBranch, withinLocal } from './model.ts';
import { lengthText } from './words.ts';

const MIN = 60_000;
const done = (branchId: string, from: string, minutes: number): BranchOutage => ({
  branchId,
  from,
  to: new Date(Date.parse(from) + minutes * MIN).toISOString(),
  durationMs: minutes * MIN,
});

describe('branch links: the outage log', () => {
  it('says a length in days, hours and minutes, in Persian digits in Persian', () => {
    expect(lengthText('fa', 72 * MIN)).toBe('۱ ساعت و ۱۲ دقیقه');
    expect(lengthText('en', 72 * MIN)).toBe('1 h 12 min');
    expect(lengthText('en', 60 * MIN + 59_999)).toBe('1 h');
    expect(lengthText('fa', (26 * 60 + 5) * MIN)).toBe('۱ روز و ۲ ساعت و ۵ دقیقه');
    expect(lengthText('en', 45_000)).toBe('45 s');
    expect(lengthText('fa', 0)).toBe('۰ ثانیه');
  });

  it('asks a day more either side and keeps the outages that began on a local (Tehran) day of the range', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(serverRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-31', to: '2026-12-01' });
    const early = done('b', '2026-10-31T21:00:00.000Z', 5); // 00:30 on 1 Nov in Tehran
    const late = done('b', '2026-11-30T21:00:00.000Z', 5); // 00:30 on 1 Dec in Tehran
    expect(withinLocal([early, late], { from: '2026-11-01', to: '2026-11-30' })).toEqual([early]);
  });

  it('measures the outage under way by the centre (the links list), else up to now', () => {
    const open: BranchOutage = { branchId: 'b', from: '2026-11-22T05:00:00.000Z', to: null, durationMs: null };
    const link = { branchId: 'b', outage: { from: open.from, durationMs: 25 * MIN } } as BranchLinkListItem;
    expect(outageMs(open, [link], 0)).toBe(25 * MIN);
    expect(outageMs(open, [], Date.parse(open.from) + 7 * MIN)).toBe(7 * MIN);
    expect(outageMs(done('b', open.from, 3), [link], 0)).toBe(3 * MIN);
  });

  it('adds up each branch, saying when one is still under way', () => {
    const rows = [
      { outage: done('a', '2026-11-22T05:00:00.000Z', 72), ms: 72 * MIN },
      { outage: done('b', '2026-11-22T06:00:00.000Z', 10), ms: 10 * MIN },
      {
        outage: { branchId: 'a', from: '2026-11-22T08:00:00.000Z', to: null, durationMs: null },
        ms: 25 * MIN,
      },
    ];
    expect(totalsByBranch(rows)).toEqual([
      { branchId: 'a', count: 2, totalMs: 97 * MIN, ongoing: true },
      { branchId: 'b', count: 1, totalMs: 10 * MIN, ongoing: false },
    ]);
  });

  it('writes the rows as CSV with a BOM, CRLF, quoted fields and formulas kept as text', () => {
    const rows = [
      { outage: done('a', '2026-11-22T05:00:00.000Z', 72), ms: 72 * MIN },
      { outage: { branchId: 'b', from: '2026-11-22T08:00:00.000Z', to: null, durationMs: null }, ms: 25 * MIN },
    ];
    const names: Record<string, string> = { a: 'شعبهٔ ۱۴, تهران', b: '=HYPERLINK("x")' };
    const csv = outagesCsv('en', rows, (id) => names[id] ?? id);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Branch,Branch ID,From,To,Length,Length (minutes),From (UTC),To (UTC)',
      '"شعبهٔ ۱۴, تهران",a,"1405/09/01, 08:30","1405/09/01, 09:42",1 h 12 min,72,2026-11-22T05:00:00.000Z,2026-11-22T06:12:00.000Z',
      `"'=HYPERLINK(""x"")",b,"1405/09/01, 11:30",ongoing,25 min,25,2026-11-22T08:00:00.000Z,`,
      '',
    ]);
    const fa = outagesCsv('fa', rows.slice(0, 1), () => 'الف')
      .slice(1)
      .split('\r\n');
    expect(fa[0]).toBe('شعبه,شناسهٔ شعبه,از,تا,مدت,مدت (دقیقه),از (UTC),تا (UTC)');
    expect(fa[1]).toContain('۱۴۰۵/۰۹/۰۱، ۰۸:۳۰');
    expect(fa[1]).toContain('۱ ساعت و ۱۲ دقیقه');
  });
});
