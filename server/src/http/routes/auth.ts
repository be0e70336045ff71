// Sign in and out. Browsers get an HttpOnly session cookie; scripts use the token from the body.
import { LoginBody, LoginResponse, OkBody, SessionUser } from '@nobat/protocol';
import { deleteCookie } from 'hono/cookie';
import { SESSION_COOKIE, userIdOf } from '../../auth/auth.ts';
import { clientAddress } from '../address.ts';
import type { App, Deps } from '../context.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { signIn } from '../sign-in.ts';

/** What a sign-in answers: the token (for scripts), who, until when, and whether the password must change first. */
export function loginResponse(s: { token: string; user: SessionUser; expiresAt: number }): LoginResponse {
  return {
    token: s.token,
    user: s.user,
    expiresAt: new Date(s.expiresAt).toISOString(),
    mustChangePassword: s.user.mustChangePassword === true,
  };
}

export function authRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tags: ['auth'],
      summary: 'Sign in: a session cookie, and a token for scripts',
      request: { body: jsonBody(LoginBody) },
      responses: ok200(LoginResponse),
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const session = await signIn(deps, userIdOf(username), clientAddress(c, deps.web?.trustProxy), () =>
        deps.auth.login(username, password),
      );
      setSessionCookie(c, deps, session.token, session.expiresAt);
      return c.json(loginResponse(session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tags: ['auth'],
      summary: 'Sign out (ends the session)',
      security: sessionAuth,
      responses: ok200(OkBody),
    }),
    async (c) => {
      const token = c.get('sessionToken');
      if (token) await deps.auth.logout(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      tags: ['auth'],
      summary: 'Who am I',
      security: sessionAuth,
      responses: ok200(SessionUser),
    }),
    (c) => c.json(requireUser(c, ['admin', 'supervisor', 'clerk', 'officer']), 200),
  );
}
