import { describe, expect, it } from 'vitest';
import { overlapping, previewNumbering } from './numbering.ts';
import { formatNumber, parseNumber } from './numbers.ts';

describe('numbering preview', () => {
  it('a range: first and last number and how many', () => {
    expect(previewNumbering({ prefix: '', from: 1001, to: 1999 })).toEqual({
      ok: true,
      first: '1001',
      last: '1999',
      count: 999,
    });
  });
  it('a prefix with zero-padding', () => {
    expect(previewNumbering({ prefix: 'A', from: 1, to: 999, digits: 3 })).toEqual({
      ok: true,
      first: 'A001',
      last: 'A999',
      count: 999,
    });
    expect(previewNumbering({ prefix: 'BC', from: 7, to: 12, digits: 2 })).toMatchObject({
      first: 'BC07',
      last: 'BC12',
    });
  });
  it('says why a numbering cannot work', () => {
    expect(previewNumbering({ prefix: '', from: 20, to: 10 })).toEqual({ ok: false, reason: 'reversed' });
    expect(previewNumbering({ prefix: 'a', from: 1, to: 10 })).toEqual({ ok: false, reason: 'prefix' });
    expect(previewNumbering({ prefix: '', from: Number.NaN, to: 10 })).toEqual({ ok: false, reason: 'incomplete' });
    expect(previewNumbering({ prefix: '', from: 1, to: 100_000 })).toEqual({ ok: false, reason: 'too-big' });
    expect(previewNumbering({ prefix: '', from: 1, to: 10, digits: 6 })).toEqual({ ok: false, reason: 'too-big' });
  });
  it('finds sub-services whose numbers would be shared', () => {
    const a = { id: 'a', numbering: { prefix: '', from: 1000, to: 1999 } };
    const others = [
      a,
      { id: 'b', numbering: { prefix: '', from: 1999, to: 2999 } },
      { id: 'c', numbering: { prefix: 'A', from: 1000, to: 1999 } },
      { id: 'd', numbering: { prefix: '', from: 3000, to: 3999 } },
    ];
    expect(overlapping(a, others)).toEqual(['b']);
  });
});

describe('numbers in fields', () => {
  it('shows Persian digits in Persian, Latin in English, grouped when asked', () => {
    expect(formatNumber('fa', 1250000, true)).toBe('۱٬۲۵۰٬۰۰۰');
    expect(formatNumber('en', 1250000, true)).toBe('1,250,000');
    expect(formatNumber('fa', 2.5)).toBe('۲٫۵');
    expect(formatNumber('fa', null)).toBe('');
    expect(formatNumber('en', Number.NaN)).toBe('');
  });
  it('reads either script and either separator back', () => {
    expect(parseNumber('۱٬۲۵۰٬۰۰۰')).toBe(1250000);
    expect(parseNumber('1,250,000')).toBe(1250000);
    expect(parseNumber('۲٫۵')).toBe(2.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12a')).toBeNaN();
  });
});
