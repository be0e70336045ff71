// A real office's first start (NOBAT_DEMO=off on an empty store): an admin with a one-time password,
// who may do nothing — over HTTP or the staff sockets — until they have chosen their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, apiOk, refusal } from '../../tests/support/socket.ts';
import { readConfig } from './config.ts';
import { createServer, type RunningServer } from './server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'nobat-first-start-'));
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () =>
  createServer(
    readConfig({ PORT: '0', HOST: '127.0.0.1', NOBAT_DATA_DIR: dataDir, NOBAT_DEMO: 'off', LOG_LEVEL: 'silent' }),
  );

describe('the first start of a real office', () => {
  it('makes admin with a one-time password that must be changed before anything else', async () => {
    server = await start();
    const admin = server.admin;
    expect(admin).toMatchObject({ username: 'admin', generated: true });
    const url = `http://127.0.0.1:${server.port}`;
    const password = admin?.password ?? '';

    const login = await apiOk<{ token: string; mustChangePassword: boolean }>(url, 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password },
    });
    expect(login.mustChangePassword).toBe(true);
    const users = await api<{ error: { code: string } }>(url, 'GET', '/api/v1/admin/users', { token: login.token });
    expect([users.status, users.body.error.code]).toEqual([403, 'password-change-required']);
    // The staff sockets refuse the session too, by token and by cookie.
    expect(await refusal(url, '/supervisor', { auth: { branchId: 'any', token: login.token } })).toMatchObject({
      code: 'password-change-required',
    });
    expect(
      await refusal(url, '/counter', {
        auth: { branchId: 'any' },
        extraHeaders: { cookie: `nobat_session=${login.token}` },
      }),
    ).toMatchObject({ code: 'password-change-required' });

    const changed = await apiOk<{ token: string; mustChangePassword: boolean }>(url, 'POST', '/api/v1/auth/password', {
      token: login.token,
      body: { current: password, new: 'the-office-admin-password' },
    });
    expect(changed.mustChangePassword).toBe(false);
    expect((await api(url, 'GET', '/api/v1/admin/users', { token: changed.token })).status).toBe(200);
    // Past the password gate: the socket now answers about the (unknown) branch instead.
    expect(await refusal(url, '/supervisor', { auth: { branchId: 'any', token: changed.token } })).toMatchObject({
      code: 'unknown-branch',
    });
  });

  it('a restart on the same data makes no second admin', async () => {
    await server?.close();
    server = await start();
    expect(server.admin).toBeUndefined();
    const url = `http://127.0.0.1:${server.port}`;
    const again = await apiOk<{ mustChangePassword: boolean }>(url, 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'the-office-admin-password' },
    });
    expect(again.mustChangePassword).toBe(false);
  });
});
