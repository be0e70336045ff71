// The clerk's sign-in page in real Chromium when sign-in is throttled: after too many wrong passwords
// it says so, with the wait in Persian digits (and in English after the language switch).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot } from '../support/browser.ts';
import { requireOrSkip } from '../support/require.ts';

const PASSWORD = 'counter-sign-in-password';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('clerk’s sign-in page, throttled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-sign-in-e2e-'));
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureAppBuilt('counter');
    server = await createServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        NOBAT_DATA_DIR: dir,
        NOBAT_DEMO_PASSWORD: PASSWORD,
        NOBAT_LOGIN_FAILS: '2',
        LOG_LEVEL: 'silent',
      }),
    );
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (password: string) => {
    await page.getByTestId('username').fill('clerk3');
    await page.getByTestId('password').fill(password);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'), { timeout: 30_000 });
    await page.getByTestId('sign-in').click();
    return (await answered).status();
  };

  it('says how long to wait, in Persian digits, and in English', async () => {
    await page.goto(`http://127.0.0.1:${server.port}/counter/`);
    const error = page.getByTestId('login-error');
    expect(await signIn('not-the-password')).toBe(401);
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toBe('نام کاربری یا گذرواژه نادرست است.');
    expect(await signIn('still-not-it')).toBe(429);
    await expect
      .poll(() => error.textContent(), { timeout: 15_000 })
      .toBe('تلاش‌های ناموفق ورود بیش از حد مجاز بوده است. ۱۵ دقیقهٔ دیگر دوباره تلاش کنید.');
    await shot(page, 'counter-sign-in-throttled-fa');
    // Even the right password waits now.
    expect(await signIn(PASSWORD)).toBe(429);
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toMatch(/دقیقهٔ دیگر دوباره تلاش کنید\.$/);
    expect(await page.getByTestId('username').isVisible()).toBe(true);

    await page.getByTestId('language').click();
    await expect
      .poll(() => error.textContent(), { timeout: 15_000 })
      .toMatch(/^Too many failed sign-in attempts\. Try again in 1[45] minutes\.$/);
    expect(await page.evaluate('document.documentElement.dir')).toBe('ltr');
    await shot(page, 'counter-sign-in-throttled-en');
  });
});
