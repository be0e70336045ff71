// A user whose password is one-time (a new office's first admin) may do nothing but change it: every
// other API route answers 403 password-change-required until POST /api/v1/auth/password.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { fail } from './errors.ts';

const STILL_ALLOWED = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
]);

/** The API's documentation is public: it is no action of the user's. */
const isDocs = (method: string, path: string) =>
  method === 'GET' && (path === '/api/openapi.json' || path === '/api/docs' || path.startsWith('/api/docs/'));

export const passwordGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = c.get('principal');
  const { method, path } = c.req;
  if (
    p.kind === 'user' &&
    p.user.mustChangePassword &&
    !STILL_ALLOWED.has(`${method} ${path}`) &&
    !isDocs(method, path)
  ) {
    throw fail(403, 'password-change-required');
  }
  return next();
};
