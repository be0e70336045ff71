// A real office's first start in real Chromium: the admin signs in at the desk with the one-time
// password, is shown nothing but the form to choose a new one, and is let in once it is chosen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot as screenshot } from '../support/browser.ts';
import { requireOrSkip } from '../support/require.ts';
import { api } from '../support/socket.ts';

const ONE_TIME = 'one-time-admin-password';
const CHOSEN = 'the-admins-chosen-password';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('first sign-in of a new office', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-first-start-e2e-'));
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  const shot = (name: string) => screenshot(page, `first-start-${name}`);

  beforeAll(async () => {
    ensureAppBuilt('counter');
    server = await createServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        NOBAT_DATA_DIR: dataDir,
        NOBAT_DEMO: 'off',
        NOBAT_ADMIN_PASSWORD: ONE_TIME,
        LOG_LEVEL: 'silent',
      }),
    );
    url = `http://127.0.0.1:${server.port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the one-time password leads to the change-password form, and nothing else', async () => {
    expect(server.admin).toEqual({ username: 'admin', password: ONE_TIME, generated: false });
    await page.goto(`${url}/counter/`);
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill(ONE_TIME);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('must-change-password').waitFor();
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'fa']);
    expect(await page.getByTestId('back').count()).toBe(0); // no way round it
    await shot('fa');
    // The session the browser holds is refused everywhere else meanwhile.
    const cookie = (await page.context().cookies()).find((c) => c.name === 'nobat_session')?.value ?? '';
    const users = await api<{ error: { code: string } }>(url, 'GET', '/api/v1/admin/users', { token: cookie });
    expect([users.status, users.body.error.code]).toEqual([403, 'password-change-required']);
    // A reload keeps the form: it is the session's state, not the page's.
    await page.reload();
    await page.getByTestId('must-change-password').waitFor();
  });

  it('explains refusals in the reader’s language: two different new passwords, a wrong current one', async () => {
    await page.getByTestId('current-password').fill(ONE_TIME);
    await page.getByTestId('new-password').fill(CHOSEN);
    await page.getByTestId('repeat-password').fill(`${CHOSEN}!`);
    await page.getByTestId('save-password').click();
    expect(await page.getByTestId('password-error').textContent()).toBe('دو گذرواژهٔ تازه یکسان نیستند.');
    await page.getByTestId('language').click();
    await expect.poll(() => page.getByTestId('password-error').textContent()).toBe('The two new passwords differ.');
    await page.getByTestId('current-password').fill('not-the-password');
    await page.getByTestId('repeat-password').fill(CHOSEN);
    await page.getByTestId('save-password').click();
    await expect
      .poll(() => page.getByTestId('password-error').textContent(), { timeout: 15_000 })
      .toBe('The current password is wrong.');
    await shot('en-wrong');
    await page.getByTestId('language').click();
  });

  it('once a new password is chosen, the desk opens and the new password is the one that works', async () => {
    await page.getByTestId('current-password').fill(ONE_TIME);
    await page.getByTestId('new-password').fill(CHOSEN);
    await page.getByTestId('repeat-password').fill(CHOSEN);
    await page.getByTestId('save-password').click();
    await page.getByTestId('change-password').waitFor(); // the desk's bar offers it from now on
    expect(await page.getByTestId('change-password-form').count()).toBe(0);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'nobat_session')?.value ?? '';
    expect((await api(url, 'GET', '/api/v1/admin/users', { token: cookie })).status).toBe(200);
    await shot('after');
    const old = await api(url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: ONE_TIME } });
    expect(old.status).toBe(401);
    const fresh = await api<{ mustChangePassword: boolean }>(url, 'POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: CHOSEN },
    });
    expect([fresh.status, fresh.body.mustChangePassword]).toEqual([200, false]);
  });
});
