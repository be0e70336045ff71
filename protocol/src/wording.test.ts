import { describe, expect, it } from 'vitest';
import { callText, durationText, etaText, localDigits, localized } from './wording.ts';

describe('shared wording', () => {
  it('[E2] with no estimate the wait is said to be unknown, and why; never "no wait" or a made-up time', () => {
    const none = { etaMinutes: null, etaUnknown: 'no-counter-open' as const, ahead: 0 };
    expect(etaText('fa', none)).toBe('معلوم نیست؛ باجه‌ای باز نیست');
    expect(etaText('fa', none, 'alone')).toBe('باجه‌ای باز نیست؛ زمان انتظار معلوم نیست');
    expect(etaText('en', none, 'alone')).toBe('no counter open — wait unknown');
    expect(etaText('en', { etaMinutes: null, etaUnknown: 'counter-closed' })).toBe('unknown — its counter is not open');
    expect(etaText('fa', { etaMinutes: null })).toBe('معلوم نیست');
    for (const lang of ['fa', 'en'] as const) {
      expect(etaText(lang, none)).not.toMatch(/بدون انتظار|no wait|\d|[۰-۹]/);
    }
  });

  it('says "no wait" only with a counter free and nobody ahead, "soon" with people ahead', () => {
    expect(etaText('fa', { etaMinutes: 0, etaUnknown: null, ahead: 0 })).toBe('بدون انتظار');
    expect(etaText('en', { etaMinutes: 0.4, ahead: 2 })).toBe('soon');
    expect(etaText('fa', { etaMinutes: 10.2, ahead: 3 })).toBe('حدود ۱۰ دقیقه');
  });

  it('English counts take their plural: 1 minute, 6 minutes, 30 days; Persian nouns stay singular', () => {
    expect(etaText('en', { etaMinutes: 6 })).toBe('about 6 minutes');
    expect(etaText('en', { etaMinutes: 1 })).toBe('about 1 minute');
    expect(durationText('en', 6, 'minute')).toBe('6 minutes');
    expect(durationText('en', 1, 'hour')).toBe('1 hour');
    expect(durationText('en', 30, 'day')).toBe('30 days');
    expect(durationText('fa', 30, 'day')).toBe('۳۰ روز');
  });

  it('digits follow the reader: a phone number written in Persian digits reads in Latin ones in English', () => {
    expect(localDigits('en', '۰۲۱-۸۸۰۰۰۰۰۰')).toBe('021-88000000');
    expect(localDigits('fa', '021-88000000')).toBe('۰۲۱-۸۸۰۰۰۰۰۰');
    expect(localDigits('fa', 1200)).toBe('۱٬۲۰۰');
  });

  it('a text given in Persian alone stays Persian in English; one given in both follows the reader', () => {
    expect(localized('en', 'تحویل لیست')).toBe('تحویل لیست');
    expect(localized('en', { fa: 'تحویل لیست', en: 'Hand in the list' })).toBe('Hand in the list');
    expect(localized('fa', { fa: 'تحویل لیست', en: 'Hand in the list' })).toBe('تحویل لیست');
    expect(localized('en', { fa: 'تحویل لیست', en: '' })).toBe('تحویل لیست');
  });

  it('a call in words, for screen readers: Persian digits in Persian, Latin in English', () => {
    expect(callText('fa', '1001', 4)).toBe('شماره ۱۰۰۱ به باجه ۴');
    expect(callText('fa', 'A007', 12)).toBe('شماره A۰۰۷ به باجه ۱۲');
    expect(callText('en', '1001', 4)).toBe('Number 1001 to counter 4');
  });
});
