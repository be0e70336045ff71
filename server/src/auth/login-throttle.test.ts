// The login throttle on its own, in memory, with a fake clock: limits, waits, and what clears them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 22, 6) });
});
afterEach(() => {
  vi.useRealTimers();
});

const fail = async (t: LoginThrottle, n: number, user = 'clerk1', address = '192.0.2.1') => {
  let last: Awaited<ReturnType<LoginThrottle['failed']>>;
  for (let i = 0; i < n; i++) last = await t.failed(user, address);
  return last;
};

describe('login throttle', () => {
  it('the 5th failure of a username from one address starts a 15-minute wait, and then it may try again', async () => {
    const t = new LoginThrottle();
    expect(await fail(t, 4)).toBeUndefined();
    expect(await t.check('clerk1', '192.0.2.1')).toBeUndefined();
    expect(await fail(t, 1)).toEqual({ retryAfterSeconds: 900, scope: 'user+address' });
    expect(await t.check('clerk1', '192.0.2.1')).toEqual({ retryAfterSeconds: 900, scope: 'user+address' });
    vi.advanceTimersByTime(600_000);
    expect(await t.check('clerk1', '192.0.2.1')).toEqual({ retryAfterSeconds: 300, scope: 'user+address' });
    // Another address, and another username, are not held up.
    expect(await t.check('clerk1', '192.0.2.2')).toBeUndefined();
    expect(await t.check('clerk2', '192.0.2.1')).toBeUndefined();
    vi.advanceTimersByTime(300_000);
    expect(await t.check('clerk1', '192.0.2.1')).toBeUndefined();
  });

  it('a success clears the username’s count: failures must be consecutive', async () => {
    const t = new LoginThrottle();
    await fail(t, 4);
    await t.succeeded('clerk1', '192.0.2.1');
    expect(await fail(t, 4)).toBeUndefined();
    expect(await t.check('clerk1', '192.0.2.1')).toBeUndefined();
  });

  it('one username guessed at from many addresses waits an hour after ten times the per-address limit', async () => {
    const t = new LoginThrottle({ failsPerUser: 2 });
    for (let i = 0; i < 19; i++) expect(await t.failed('admin', `198.51.100.${i}`)).toBeUndefined();
    expect(await t.failed('admin', '198.51.100.200')).toEqual({ retryAfterSeconds: 3600, scope: 'user' });
    expect(await t.check('admin', '203.0.113.1')).toEqual({ retryAfterSeconds: 3600, scope: 'user' });
  });

  it('one address trying many usernames waits a day after its daily limit; a success does not clear that', async () => {
    const t = new LoginThrottle({ failsPerAddress: 10 });
    for (let i = 0; i < 9; i++) expect(await t.failed(`user${i}`, '192.0.2.9')).toBeUndefined();
    await t.succeeded('user0', '192.0.2.9');
    expect(await t.failed('user9', '192.0.2.9')).toEqual({ retryAfterSeconds: 86_400, scope: 'address' });
    expect(await t.check('someone-else', '192.0.2.9')).toEqual({ retryAfterSeconds: 86_400, scope: 'address' });
    expect(await t.check('someone-else', '192.0.2.10')).toBeUndefined();
  });

  it('takes its limits from the options', async () => {
    const t = new LoginThrottle({ failsPerUser: 2, waitMinutes: 1 });
    expect(await fail(t, 2)).toEqual({ retryAfterSeconds: 60, scope: 'user+address' });
  });
});
