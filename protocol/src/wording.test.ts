import { describe, expect, it } from 'vitest';
import { callText } from './wording.ts';

describe('wording', () => {
  it('a call in words, for screen readers: Persian digits in Persian, Latin in English', () => {
    expect(callText('fa', '1001', 4)).toBe('شماره ۱۰۰۱ به باجه ۴');
    expect(callText('fa', 'A007', 12)).toBe('شماره A۰۰۷ به باجه ۱۲');
    expect(callText('en', '1001', 4)).toBe('Number 1001 to counter 4');
  });
});
