// A sign-in attempt under the login throttle: refused with 429 and the wait while a limit holds
// (before the password is even checked), counted when it fails, clearing the username's counts when
// it succeeds. A limit being reached is logged (the username and address, never the password).
import { errorMessages } from '@nobat/protocol';
import type { Throttled } from '../auth/login-throttle.ts';
import type { Deps } from './context.ts';
import { ApiError, fail } from './errors.ts';

const tooManyAttempts = (t: Throttled) =>
  new ApiError(429, 'too-many-attempts', errorMessages['too-many-attempts'], undefined, t.retryAfterSeconds);

/** Runs `login` for `username` from `address` under the throttle; its session, or throws 401/429. */
export async function signIn<S>(
  deps: Deps,
  username: string,
  address: string,
  login: () => Promise<S | undefined>,
): Promise<S> {
  const throttle = deps.loginThrottle;
  const waiting = await throttle.check(username, address);
  if (waiting) {
    deps.logger.debug({ username, address, ...waiting }, 'sign-in refused: too many failures');
    throw tooManyAttempts(waiting);
  }
  const session = await login();
  if (session) {
    await throttle.succeeded(username, address);
    return session;
  }
  const reached = await throttle.failed(username, address);
  if (!reached) throw fail(401, 'bad-credentials');
  deps.logger.warn({ username, address, ...reached }, 'sign-in blocked: too many failures');
  throw tooManyAttempts(reached);
}
