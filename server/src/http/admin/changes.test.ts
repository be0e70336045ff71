// [M3] What an audit entry lists as changed, and what it never shows.
import { describe, expect, it } from 'vitest';
import { auditChanges, changedPaths, redact } from './changes.ts';

describe('[M3] changed paths', () => {
  it('lists changed leaves as dotted paths, added or removed items and keys at their own level', () => {
    const before = { a: 1, b: { c: [1, 2], d: 'x' }, gone: true, list: [{ id: 's1', cap: null }] };
    const after = { a: 1, b: { c: [1, 3, 4], d: 'x' }, added: 0, list: [{ id: 's1', cap: 5 }] };
    expect(changedPaths(before, after).sort()).toEqual(['added', 'b.c.1', 'b.c.2', 'gone', 'list.0.cap']);
    expect(changedPaths(before, structuredClone(before))).toEqual([]);
    expect(changedPaths({ a: { b: 1 } }, { a: 'text' })).toEqual(['a']);
  });

  it('names a changed secret without showing it, and shows no secret or change stamp', () => {
    const user = { id: 'u', name: 'n', passwordHash: 'h1', epoch: 'e1', changed: { at: 'x' } };
    const reset = { ...user, passwordHash: 'h2', epoch: 'e2', mustChangePassword: true };
    expect(auditChanges('user', user, reset).sort()).toEqual(['mustChangePassword', 'password']);
    expect(redact('user', reset)).toEqual({ id: 'u', name: 'n', mustChangePassword: true });
    expect(redact('device', { id: 'd', secretHash: 's' })).toEqual({ id: 'd' });
    expect(auditChanges('device', undefined, { id: 'd', secretHash: 's', name: 'k' })).toEqual(['id', 'name']);
  });
});
