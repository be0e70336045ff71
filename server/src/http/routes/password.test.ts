// Changing one's password, and the one-time password of a new office's first admin: until it is
// changed, nothing else is allowed.
import { afterEach, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../auth/auth.ts';
import { ensureFirstAdmin } from '../../auth/first-admin.ts';
import { createLogger } from '../../log.ts';
import { createHttpHarness, type HttpHarness, PASSWORD } from '../../testing/http-harness.ts';

const open: HttpHarness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
async function harness(): Promise<HttpHarness> {
  const h = await createHttpHarness();
  open.push(h);
  return h;
}

/** Makes `userId`'s password one-time, as the first start makes the first admin's. */
async function oneTime(h: HttpHarness, userId: string): Promise<void> {
  const r = await h.store.getRecord<UserRecord>('user', userId);
  if (!r) throw new Error(`no ${userId}`);
  await h.store.putRecord('user', userId, { ...r.value, mustChangePassword: true }, r.version);
}

const change = (h: HttpHarness, as: string, body: unknown) =>
  h.request('POST', '/api/v1/auth/password', { token: as, body });

describe('a one-time password', () => {
  it('signs in with mustChangePassword: true, and every other route answers 403 password-change-required', async () => {
    const h = await harness();
    await oneTime(h, 'admin');
    const login = await h.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.token as string;
    const before = await h.snapshot();
    for (const [method, path, body] of [
      ['GET', '/api/v1/admin/users', undefined],
      [
        'POST',
        '/api/v1/admin/users',
        { username: 'x1', name: 'x', role: 'admin', branchId: null, password: 'p'.repeat(10) },
      ],
      ['GET', '/api/v1/branches', undefined],
      ['POST', '/api/v1/branches/sso-tehran-14/tickets', { serviceId: 'finance' }],
    ] as const) {
      const r = await h.request(method, path, { token, ...(body ? { body } : {}) });
      expect([r.status, r.body.error?.code], `${method} ${path}`).toEqual([403, 'password-change-required']);
    }
    // The session cookie is held to the same rule.
    const byCookie = await h.request('GET', '/api/v1/admin/users', { token, cookie: true });
    expect(byCookie.status).toBe(403);
    expect(await h.snapshot()).toEqual(before);
    // Who am I, and signing out, still work.
    const me = await h.request('GET', '/api/v1/auth/me', { token });
    expect(me.body).toMatchObject({ id: 'admin', mustChangePassword: true });
  });

  it('once changed: a new session, the flag gone, the old session and password over', async () => {
    const h = await harness();
    await oneTime(h, 'admin');
    const old = h.tokenOf('admin') as string;
    const r = await change(h, old, { current: PASSWORD, new: 'the-admins-own-password' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ mustChangePassword: false, user: { id: 'admin' } });
    expect(r.body.user.mustChangePassword).toBeUndefined();
    expect(r.headers.get('set-cookie')).toMatch(/^nobat_session=[^;]+;.*HttpOnly/);
    const fresh = r.body.token as string;
    expect((await h.request('GET', '/api/v1/admin/users', { token: fresh })).status).toBe(200);
    expect((await h.request('GET', '/api/v1/auth/me', { token: old })).status).toBe(401);
    const stored = (await h.store.getRecord<UserRecord>('user', 'admin'))?.value;
    expect(stored?.mustChangePassword).toBeUndefined();
    const withOld = await h.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: PASSWORD } });
    expect(withOld.status).toBe(401);
    const withNew = await h.request('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'the-admins-own-password' },
    });
    expect([withNew.status, withNew.body.mustChangePassword]).toEqual([200, false]);
  });
});

describe('POST /api/v1/auth/password', () => {
  it('any signed-in user changes their own; every other session of the account ends; the change is logged', async () => {
    const h = await harness();
    const lines: string[] = [];
    h.deps.logger = createLogger('info', { write: (s: string) => lines.push(s) });
    const other = (await h.request('POST', '/api/v1/auth/login', { body: { username: 'clerk1', password: PASSWORD } }))
      .body.token as string;
    const r = await change(h, h.tokenOf('clerk') as string, { current: PASSWORD, new: 'clerk-one-new-pass' });
    expect(r.status).toBe(200);
    expect((await h.request('GET', '/api/v1/auth/me', { token: other })).status).toBe(401);
    expect((await h.request('GET', '/api/v1/auth/me', { token: r.body.token })).body.id).toBe('clerk1');
    // Other accounts keep their sessions.
    expect((await h.request('GET', '/api/v1/auth/me', { as: 'clerk2' })).status).toBe(200);
    expect(lines.join('\n')).toMatch(/"userId":"clerk1".*password changed/);
    expect(lines.join('\n')).not.toContain('clerk-one-new-pass');
  });

  it('refuses a wrong current password (403), the same password (422), a short one (400); nothing changes', async () => {
    const h = await harness();
    const token = h.tokenOf('clerk') as string;
    const before = await h.snapshot();
    const wrong = await change(h, token, { current: 'not-my-password', new: 'clerk-one-new-pass' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'wrong-password']);
    const same = await change(h, token, { current: PASSWORD, new: PASSWORD });
    expect([same.status, same.body.error.code]).toEqual([422, 'same-password']);
    const short = await change(h, token, { current: PASSWORD, new: 'short' });
    expect([short.status, short.body.error.code]).toEqual([400, 'invalid-input']);
    expect(await h.snapshot()).toEqual(before);
    expect((await h.request('GET', '/api/v1/auth/me', { token })).status).toBe(200);
  });
});

describe('the first start of a real office', () => {
  it('a store with no user gets admin with a one-time password; a store with users gets nothing', async () => {
    const h = await harness();
    expect(await ensureFirstAdmin(h.store, undefined)).toBeUndefined(); // the demo's users are there
    for (const u of await h.store.listRecords('user')) await h.store.deleteRecord('user', u.id);
    const made = await ensureFirstAdmin(h.store, 'given-admin-pass');
    expect(made).toEqual({ username: 'admin', password: 'given-admin-pass', generated: false });
    expect((await h.store.getRecord<UserRecord>('user', 'admin'))?.value).toMatchObject({
      role: 'admin',
      branchId: null,
      mustChangePassword: true,
    });
    expect(await ensureFirstAdmin(h.store, undefined)).toBeUndefined();
    const login = await h.request('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'given-admin-pass' },
    });
    expect(login.body.mustChangePassword).toBe(true);
  });

  it('without NOBAT_ADMIN_PASSWORD the one-time password is random', async () => {
    const h = await harness();
    for (const u of await h.store.listRecords('user')) await h.store.deleteRecord('user', u.id);
    const made = await ensureFirstAdmin(h.store, undefined);
    expect(made?.generated).toBe(true);
    expect(made?.password.length).toBeGreaterThanOrEqual(16);
  });
});
