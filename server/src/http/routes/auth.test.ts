// Signing in and out: the session cookie and token, bad credentials, /auth/me, logout, expiry.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRANCH, createHttpHarness, type HttpHarness, PASSWORD, T0 } from '../../testing/http-harness.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

const login = (username: string, password = PASSWORD) =>
  h.request('POST', '/api/v1/auth/login', { body: { username, password } });
const me = (opts: { token?: string; cookie?: string }) =>
  h.request('GET', '/api/v1/auth/me', {
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.cookie ? { headers: { cookie: opts.cookie } } : {}),
  });

describe('POST /api/v1/auth/login', () => {
  it('good credentials: a token, the user, and an HttpOnly session cookie holding the token', async () => {
    const r = await login('clerk2');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user: { id: 'clerk2', username: 'clerk2', name: 'کارمند باجهٔ ۲', role: 'clerk', branchId: BRANCH },
      expiresAt: new Date(T0 + 12 * 3_600_000).toISOString(),
      mustChangePassword: false,
    });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`nobat_session=${r.body.token};`);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//);
  });

  it('usernames are case-insensitive', async () => {
    const r = await login('  Supervisor ');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: 'supervisor', role: 'supervisor' });
  });

  it.each([
    ['a wrong password', 'clerk2', 'wrong-password'],
    ['an unknown user', 'nobody-here', PASSWORD],
  ])('%s → 401 bad-credentials, no cookie', async (_name, username, password) => {
    const r = await login(username, password);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      error: { code: 'bad-credentials', message: { fa: expect.any(String), en: 'Wrong username or password.' } },
    });
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('an inactive user cannot sign in, and their sessions stop working', async () => {
    const before = await me({ token: h.sessions.clerk4 });
    expect(before.status).toBe(200);
    const off = await h.request('PATCH', '/api/v1/admin/users/clerk4', { as: 'admin', body: { active: false } });
    expect(off.status).toBe(200);
    expect((await login('clerk4')).status).toBe(401);
    expect((await me({ token: h.sessions.clerk4 })).status).toBe(401);
  });
});

describe('GET /api/v1/auth/me', () => {
  it('answers the signed-in user, by bearer token or by cookie', async () => {
    const { token } = (await login('clerk3')).body;
    const expected = { id: 'clerk3', username: 'clerk3', name: 'کارمند باجهٔ ۳', role: 'clerk', branchId: BRANCH };
    const byBearer = await me({ token });
    expect(byBearer.status).toBe(200);
    expect(byBearer.body).toEqual(expected);
    const byCookie = await me({ cookie: `nobat_session=${token}` });
    expect(byCookie.status).toBe(200);
    expect(byCookie.body).toEqual(expected);
    expect((await me({ token: h.sessions.admin })).body).toMatchObject({ id: 'admin', role: 'admin', branchId: null });
  });

  it('nobody or a made-up token → 401 unauthenticated; a device → 403 (it is known, but not staff)', async () => {
    for (const opts of [{}, { token: 'made-up' }, { cookie: 'nobat_session=made-up' }]) {
      const r = await me(opts as { token?: string; cookie?: string });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
    }
    const device = await me({ token: h.tokenOf('kiosk') });
    expect(device.status).toBe(403);
    expect(device.body.error.code).toBe('forbidden');
  });

  it('a session ends after its 12 hours', async () => {
    const { token } = (await login('clerk3')).body;
    h.advance(12 * 3_600_000 - 1000);
    expect((await me({ token })).status).toBe(200);
    h.advance(1000);
    expect((await me({ token })).status).toBe(401);
  });

  it('an expired session leaves the store by itself, though its token is never presented again', async () => {
    const { token } = (await login('clerk3')).body;
    const id = createHash('sha256').update(token).digest('hex');
    const rows = () => {
      const db = new Database(h.store.path, { readonly: true });
      try {
        return db.prepare("SELECT count(*) FROM records WHERE kind = 'session' AND id = ?").pluck().get(id);
      } finally {
        db.close();
      }
    };
    expect(rows()).toBe(1);
    h.advance(12 * 3_600_000);
    // Someone else signs in (any record write): the expired session is gone from the file.
    expect((await login('clerk4')).status).toBe(200);
    expect(rows()).toBe(0);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('ends the session: the token no longer works, and the cookie is cleared', async () => {
    const { token } = (await login('clerk5')).body;
    const other = (await login('clerk5')).body.token;
    const r = await h.request('POST', '/api/v1/auth/logout', { token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
    expect(r.headers.get('set-cookie') ?? '').toMatch(/^nobat_session=;.*Max-Age=0/);
    expect((await me({ token })).status).toBe(401);
    expect((await h.request('POST', '/api/v1/counters/counter-5/open', { token })).status).toBe(401);
    // Only that session ends: another sign-in of the same user still works.
    expect((await me({ token: other })).status).toBe(200);
  });

  it('ends a cookie session too', async () => {
    const { token } = (await login('clerk5')).body;
    const cookie = `nobat_session=${token}`;
    expect((await h.request('POST', '/api/v1/auth/logout', { headers: { cookie } })).status).toBe(200);
    expect((await me({ cookie })).status).toBe(401);
  });

  it('without a session it is harmless (200), and a device token ends nothing', async () => {
    expect((await h.request('POST', '/api/v1/auth/logout')).status).toBe(200);
    expect((await h.request('POST', '/api/v1/auth/logout', { as: 'kiosk' })).status).toBe(200);
    const issued = await h.request('POST', `/api/v1/branches/${BRANCH}/tickets`, {
      as: 'kiosk',
      body: { serviceId: 'finance' },
    });
    expect(issued.status).toBe(201);
  });
});

describe('sessions of deleted users', () => {
  it('a deleted user is signed out at once', async () => {
    expect((await me({ token: h.sessions.clerk6 })).status).toBe(200);
    expect((await h.request('DELETE', '/api/v1/admin/users/clerk6', { as: 'admin' })).status).toBe(200);
    expect((await me({ token: h.sessions.clerk6 })).status).toBe(401);
  });

  it('a deleted user’s old session comes back to life when the username is created again', async () => {
    // Regression (sessions now carry the account's epoch): src/auth/auth.ts: a session held only the user id, and deleting a user (admin.ts DELETE
    // /admin/users/{userId}) leaves their sessions in the store. Creating a user with the same
    // username gives the same id, so the old token — of someone who was removed — now signs in as
    // the new account, here with admin rights.
    const oldToken = h.sessions.clerk6;
    expect((await h.request('DELETE', '/api/v1/admin/users/clerk6', { as: 'admin' })).status).toBe(200);
    const created = await h.request('POST', '/api/v1/admin/users', {
      as: 'admin',
      body: { username: 'clerk6', name: 'مدیر تازه', role: 'admin', branchId: null, password: 'another-password' },
    });
    expect(created.status).toBe(201);
    const r = await me({ token: oldToken });
    expect(r.status).toBe(401);
  });
});
