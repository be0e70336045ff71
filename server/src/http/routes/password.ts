// A signed-in user changes their own password (and must, first of all, when it is one-time). Every
// session of the account ends; the caller gets a new one, so the browser stays signed in.
import { ChangePasswordBody, LoginResponse } from '@nobat/protocol';
import { changePassword } from '../../auth/password.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { loginResponse } from './auth.ts';

export function passwordRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/password',
      tags: ['auth'],
      summary: 'Change my password (ends every session of the account; answers with a new one)',
      security: sessionAuth,
      request: { body: jsonBody(ChangePasswordBody) },
      responses: ok200(LoginResponse),
    }),
    async (c) => {
      const who = requireUser(c, ['admin', 'supervisor', 'clerk', 'officer']);
      const body = c.req.valid('json');
      const r = await changePassword(deps.store, who.id, body.current, body.new);
      if (!r.ok) {
        deps.logger.warn({ userId: who.id, code: r.code }, 'password change refused');
        if (r.code === 'wrong-password') throw fail(403, 'wrong-password');
        if (r.code === 'same-password') throw fail(422, 'same-password');
        if (r.code === 'version-conflict') throw fail(409, 'version-conflict');
        throw fail(401, 'unauthenticated');
      }
      deps.logger.info({ userId: who.id, role: who.role }, 'password changed; every session of the account ended');
      const session = await deps.auth.login(r.user.username, body.new);
      if (!session) throw fail(409, 'version-conflict'); // changed again meanwhile
      setSessionCookie(c, deps, session.token, session.expiresAt);
      return c.json(loginResponse(session), 200);
    },
  );
}
