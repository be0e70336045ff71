// [RN2] The pieces of a request's messages: the code, the date, the link, a reason cut to fit.
import { describe, expect, it } from 'vitest';
import { codeText, jalaliText, shortReason, statusLink } from './request-messages.ts';

describe('[RN2] request message pieces', () => {
  it('[RN2] the code in 3-3-4 groups and the Jalali date, in Persian digits (Nowruz and a leap Esfand)', () => {
    expect(codeText('1234567890')).toBe('۱۲۳-۴۵۶-۷۸۹۰');
    expect(jalaliText('2025-03-20')).toBe('۱۴۰۳/۱۲/۳۰');
    expect(jalaliText('2025-03-21')).toBe('۱۴۰۴/۰۱/۰۱');
  });

  it('[RN2] the status link in Latin, whatever the base’s trailing slash', () => {
    expect(statusLink('https://nobat.example/', '1234567890')).toBe('https://nobat.example/r/1234567890');
    expect(statusLink('http://localhost:3000', '1234567890')).toBe('http://localhost:3000/r/1234567890');
  });

  it('[RN2] a reason is flattened to one line and cut with an ellipsis past its limit', () => {
    expect(shortReason('  گواهی\nلازم   است ')).toBe('گواهی لازم است');
    const cut = shortReason('الف '.repeat(100), 20);
    expect(cut).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
  });
});
