import { describe, expect, it } from 'vitest';
import { tryAgainIn } from './i18n.ts';

describe('tryAgainIn', () => {
  it('says the wait in Persian digits, in seconds, minutes or hours as fits', () => {
    expect(tryAgainIn('fa', 45)).toBe('۴۵ ثانیهٔ دیگر دوباره تلاش کنید.');
    expect(tryAgainIn('fa', 900)).toBe('۱۵ دقیقهٔ دیگر دوباره تلاش کنید.');
    expect(tryAgainIn('fa', 61)).toBe('۲ دقیقهٔ دیگر دوباره تلاش کنید.');
    expect(tryAgainIn('fa', 86_400)).toBe('۲۴ ساعت دیگر دوباره تلاش کنید.');
  });

  it('and in English', () => {
    expect(tryAgainIn('en', 1)).toBe('Try again in 1 second.');
    expect(tryAgainIn('en', 900)).toBe('Try again in 15 minutes.');
    expect(tryAgainIn('en', 3600)).toBe('Try again in 60 minutes.');
    expect(tryAgainIn('en', 86_400)).toBe('Try again in 24 hours.');
  });
});
