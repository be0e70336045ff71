import { describe, expect, it } from 'vitest';
import { match } from './router.tsx';

describe('match', () => {
  it('names the parts of a matching path and refuses others', () => {
    expect(match('/branches/:branchId', '/branches/tehran-1')).toEqual({ branchId: 'tehran-1' });
    expect(match('/branches/:branchId/settings', '/branches/a%20b/settings')).toEqual({ branchId: 'a b' });
    expect(match('/branches/:branchId', '/branches')).toBeNull();
    expect(match('/users', '/devices')).toBeNull();
    expect(match('/', '/')).toEqual({});
  });
});
