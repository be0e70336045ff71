// Sign-in under the login throttle, through the HTTP API: 429 with the wait once a limit is reached,
// before the password is checked; logged without the password; cleared by a success.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpHarness, type HttpHarness, PASSWORD } from '../testing/http-harness.ts';

let h: HttpHarness;
beforeEach(async () => {
  // Three failures instead of five: fewer argon2 verifications to wait for.
  h = await createHttpHarness({ loginThrottle: { failsPerUser: 3 } });
});
afterEach(async () => {
  await h.close();
});

const login = (username: string, password: string, address = '192.0.2.1') =>
  h.request('POST', '/api/v1/auth/login', { body: { username, password }, address });

// Every attempt verifies a password with argon2: slow on a busy machine.
describe('POST /api/v1/auth/login under the throttle', { timeout: 60_000 }, () => {
  it('the 3rd wrong password in a row answers 429 with the wait; then even the right one waits, from that address', async () => {
    const warn = vi.spyOn(h.deps.logger, 'warn');
    for (let i = 0; i < 2; i++) expect((await login('clerk2', `wrong-${i}`)).status).toBe(401);
    const third = await login('CLERK2', 'wrong-3'); // usernames are case-insensitive, and so is their count
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('900');
    expect(third.body).toEqual({
      error: {
        code: 'too-many-attempts',
        message: { fa: expect.stringContaining('تلاش‌های ناموفق'), en: expect.stringContaining('Too many') },
        retryAfterSeconds: 900,
      },
    });
    const right = await login('clerk2', PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBe(right.body.error.retryAfterSeconds);
    expect(right.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(right.body.error.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(right.headers.get('set-cookie')).toBeNull();
    // The same clerk from another desk is not held up.
    expect((await login('clerk2', PASSWORD, '192.0.2.77')).status).toBe(200);

    expect(warn).toHaveBeenCalledTimes(1);
    const [fields, msg] = warn.mock.calls[0] as [Record<string, unknown>, string];
    expect(msg).toBe('sign-in blocked: too many failures');
    expect(fields).toEqual({ username: 'clerk2', address: '192.0.2.1', retryAfterSeconds: 900, scope: 'user+address' });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('wrong-');
  });

  it('a successful sign-in clears the count: only consecutive failures lead to a wait', async () => {
    for (let i = 0; i < 2; i++) expect((await login('clerk3', 'nope-nope')).status).toBe(401);
    expect((await login('clerk3', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login('clerk3', 'nope-nope')).status).toBe(401);
    expect((await login('clerk3', PASSWORD)).status).toBe(200);
  });

  it('names that do not exist are counted like those that do', async () => {
    for (let i = 0; i < 2; i++) expect((await login('no-such-user', 'x')).status).toBe(401);
    expect((await login('no-such-user', 'x')).status).toBe(429);
  });
});
