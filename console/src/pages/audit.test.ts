import { describe, expect, it } from 'vitest';
import { shortJson, valueAt } from './audit.tsx';

describe('a changed field of an audit entry', () => {
  const record = {
    services: [
      { id: 'a', dailyCap: 10 },
      { id: 'b', dailyCap: null },
    ],
    branch: { name: { fa: 'ش' } },
  };

  it('reads the value at a dotted path, array indices included', () => {
    expect(valueAt(record, 'services.0.dailyCap')).toBe(10);
    expect(valueAt(record, 'services.1.dailyCap')).toBeNull();
    expect(valueAt(record, 'branch.name')).toEqual({ fa: 'ش' });
    expect(valueAt(record, 'services.5.dailyCap')).toBeUndefined();
    expect(valueAt(null, 'branch')).toBeUndefined();
  });

  it('writes it on one short line', () => {
    expect(shortJson(undefined)).toBe('—');
    expect(shortJson({ fa: 'ش' })).toBe('{"fa":"ش"}');
    expect(shortJson('x'.repeat(300), 10)).toBe(`"${'x'.repeat(8)}…`);
  });
});
