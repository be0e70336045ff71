import { describe, expect, it } from 'vitest';
import { shareText, unitEvaluationQuery } from './units.tsx';

describe('unit evaluation', () => {
  it('asks for the branch (when one is chosen) and the period', () => {
    expect(unitEvaluationQuery({ from: '2025-03-21', to: '2025-04-20', branchId: 'b1' })).toBe(
      'branchId=b1&from=2025-03-21&to=2025-04-20',
    );
    expect(unitEvaluationQuery({ from: '2025-03-21', to: '2025-04-20' })).toBe('from=2025-03-21&to=2025-04-20');
  });
  it('writes the share on time with its count, in Persian digits for Persian', () => {
    expect(shareText('fa', { onTime: 4, handled: 5, onTimeShare: 0.8 })).toBe('۸۰٪ (۴ از ۵)');
    expect(shareText('en', { onTime: 2, handled: 3, onTimeShare: 2 / 3 })).toBe('67% (2 of 3)');
    expect(shareText('en', { onTime: 0, handled: 0, onTimeShare: null })).toBe('–');
  });
});
