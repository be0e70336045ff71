/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The console in real Chromium against the real server with the demo office: an admin signs in,
// builds an organisation → provincial office → branch (opening hours, a Jalali holiday), sees a bad
// save refused on its field and a stale save refused with who and when, manages users and devices
// (a token shown once with its pairing link and a QR code that reads back), and reads the audit log;
// a supervisor's menu leads into their own branch only. Every page is photographed at 1366×768 in
// Persian and English (tests/.tmp/screenshots/console-*), checked for horizontal overflow, for
// Persian left in the English interface, and with axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { axeViolations } from '../support/axe.ts';
import {
  chromiumAvailable,
  consoleSignIn,
  decodeQr,
  ensureAppBuilt,
  launchBrowser,
  setLang,
  shot,
} from '../support/browser.ts';
import { type DemoServer, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { api, apiOk, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'console-e2e-password';
const PERSIAN = /[\u0600-\u06FF]/;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console', () => {
  let demo: DemoServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** What the pages reported against the Content-Security-Policy (nothing inline, nothing foreign). */
  const violations: string[] = [];

  beforeAll(async () => {
    ensureAppBuilt('console');
    demo = await startDemo('console-e2e', PASSWORD);
    browser = await launchBrowser();
  });
  afterEach(() => {
    expect(violations.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    return page;
  }

  const signIn = (page: Page, username: string, password = PASSWORD) =>
    consoleSignIn(page, demo.url, username, password);

  /** What is wrong with the page as shown: sideways overflow, Persian in English chrome, serious axe findings. */
  async function problems(page: Page, language: 'fa' | 'en'): Promise<string[]> {
    const found: string[] = [];
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 0) found.push(`page overflows sideways by ${overflow}px`);
    // Elements wider than their box (text cut off) among the interface's own parts.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('h1, h2, label, th, .ui-button, .sidenav__link')]
        // A 1px box is text hidden on purpose (read out, not shown).
        .filter((el) => el.clientWidth > 1 && el.clientHeight > 1)
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
        .map((el) => el.textContent?.trim() ?? ''),
    );
    if (clipped.length) found.push(`clipped: ${clipped.join(' | ')}`);
    if (language === 'en') {
      const leaks = await page.evaluate((pattern) => {
        const re = new RegExp(pattern);
        return (
          [
            ...document.querySelectorAll<HTMLElement>(
              'nav, h1, thead, label, legend, .ui-field__hint, .ui-banner, .ui-button:not([lang]), .muted',
            ),
          ]
            .filter((el) => !el.closest('[data-user-text]'))
            // Names and other data people typed are theirs to write in Persian; the interface's words are not.
            .map((el) => {
              const copy = el.cloneNode(true) as HTMLElement;
              for (const data of copy.querySelectorAll('[data-user-text]')) data.remove();
              return copy.textContent ?? '';
            })
            .filter((text) => re.test(text))
        );
      }, PERSIAN.source);
      if (leaks.length) found.push(`Persian in English: ${leaks.join(' | ')}`);
    }
    for (const v of await axeViolations(page)) found.push(`axe ${v.id}: ${v.help} — ${v.targets.join('; ')}`);
    return found;
  }

  /** Photographs the page as it is in Persian and in English (`name`-fa, `name`-en), checking each. */
  async function photograph(page: Page, name: string) {
    for (const language of ['fa', 'en'] as const) {
      await setLang(page, language);
      await page.waitForTimeout(50); // one frame for the re-render after the switch
      await shot(page, `console-${name}-${language}`);
      expect(await problems(page, language), `${name} (${language})`).toEqual([]);
    }
    await setLang(page, 'fa');
  }

  it('signs an admin in; a wrong password is refused in words; the sign-in page is photographed', async () => {
    const page = await newPage();
    await page.goto(`${demo.url}/console/`);
    await page.getByTestId('sign-in-form').waitFor();
    await photograph(page, 'sign-in');
    await signIn(page, 'admin', 'not-the-password');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(PERSIAN);
    await signIn(page, 'admin');
    await page.getByTestId('side-menu').waitFor();
    expect(await page.getByTestId('current-role').textContent()).toBe('مدیر سامانه');
    const menu = await page
      .locator('[data-testid=side-menu] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(menu).toEqual([
      '/console/organisation',
      '/console/branches',
      '/console/reports',
      '/console/directive-reports',
      '/console/users',
      '/console/devices',
      '/console/branch-links',
      '/console/audit',
    ]);
    // The admin's home is the organisation tree.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/organisation');

    // Keyboard: the first Tab reaches the skip link, which jumps to the page; the menu is reached by
    // Tab, with a visible focus ring, and opens its page with Enter.
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.className);
    await page.reload();
    await page.getByTestId('side-menu').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.reload();
    await page.getByTestId('side-menu').waitFor();
    for (let i = 0; i < 15 && (await focused()) !== 'nav-users'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('nav-users');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe(
      'none',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/users');
    // The new page's heading has focus, so a screen reader announces where the reader is.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // Signing out ends the session: the sign-in page says so, and the console is gone until the next sign-in.
    await page.getByTestId('sign-out').click();
    await expect.poll(() => page.getByTestId('sign-in-notice').textContent()).toBe('از کنسول خارج شدید.');
    await page.goto(`${demo.url}/console/users`);
    await page.getByTestId('sign-in-form').waitFor();
  });

  it('builds an organisation, a provincial office and a branch with hours and a Jalali holiday', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('org-tree').waitFor();
    await photograph(page, 'organisation');

    await page.getByTestId('new-organisation').click();
    const dialog = page.getByTestId('name-editor');
    // The dialog holds focus: its first field has it, and Tab never leaves it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-id');
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await dialog.getByTestId('field-id').fill('e2e-org');
    await dialog.getByTestId('field-name-fa').fill('سازمان آزمون');
    await dialog.getByTestId('field-name-en').fill('Test Organisation');
    await photograph(page, 'organisation-editor');
    await dialog.getByTestId('save').click();
    await page.getByTestId('org-e2e-org').waitFor();
    // Focus came back to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('new-organisation');

    await page.getByTestId('org-e2e-org').getByTestId('new-office').click();
    await dialog.getByTestId('field-id').fill('e2e-office');
    await dialog.getByTestId('field-name-fa').fill('ادارهٔ کل آزمون');
    await dialog.getByTestId('field-name-en').fill('Test Provincial Office');
    // [SY13] The numbers told of its branches' link outages: a wrong one is refused where it was typed,
    // and only there (the banner above does not repeat it).
    await dialog.getByTestId('field-alert-mobiles').fill('۰۹۱۲۱۱۱۲۲۲۲، 09351112222');
    await photograph(page, 'office-editor');
    await dialog.getByTestId('field-alert-mobiles').fill('۰۹۱۲۱۱۱۲۲۲۲، 0935');
    await dialog.getByTestId('save').click();
    await expect
      .poll(() => dialog.locator('[data-field-error]').allTextContents())
      .toEqual([expect.stringMatching(PERSIAN)]);
    expect(await dialog.getByTestId('save-error').locator('li').count()).toBe(0);
    await shot(page, 'console-office-editor-refused-fa');
    await dialog.getByTestId('field-alert-mobiles').fill('۰۹۱۲۱۱۱۲۲۲۲، 09351112222');
    await dialog.getByTestId('save').click();
    await page.getByTestId('office-e2e-office').waitFor();
    const offices = await apiOk<{ value: { id: string; alertMobiles?: string[] } }[]>(
      demo.url,
      'GET',
      '/api/v1/admin/provincial-offices',
      { token: await login(demo.url, 'admin', PASSWORD) },
    );
    expect(offices.find((o) => o.value.id === 'e2e-office')?.value.alertMobiles).toEqual([
      '09121112222',
      '09351112222',
    ]);

    await page.getByTestId('office-e2e-office').getByTestId('new-branch').click();
    const form = page.getByTestId('branch-form');
    await form.waitFor();
    await form.getByTestId('field-branch-id').fill('e2e-branch');
    await form.getByTestId('field-name-fa').fill('شعبهٔ آزمون');
    await form.getByTestId('field-name-en').fill('Test Branch');
    await form.getByTestId('field-type').selectOption('3');
    await form.getByTestId('field-address').fill('تهران، خیابان آزمون');
    // Thursday mornings only; closed on Friday (the new branch starts Saturday–Wednesday 07:30–14:30).
    await form.getByTestId('open-thu').check();
    await form.getByTestId('opens-thu-0').fill('08:00');
    await form.getByTestId('closes-thu-0').fill('12:00');
    // 1 Farvardin 1405 is 21 March 2026.
    await form.getByTestId('holiday-input').fill('۱۴۰۵/۰۱/۰۱');
    await form.getByTestId('add-holiday').click();
    await form.getByTestId('holiday-input').fill('1405/12/30'); // 1405 is not a leap year: no such day
    await form.getByTestId('add-holiday').click();
    expect(await form.getByTestId('holidays-editor').locator('[data-field-error]').textContent()).toMatch(PERSIAN);
    await form.getByTestId('save').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/branches/e2e-branch/settings');
    await form.getByTestId('changed-line').waitFor();

    const saved = await apiOk<{ version: number; config: { branch: Record<string, unknown> } }>(
      demo.url,
      'GET',
      '/api/v1/admin/branches/e2e-branch',
      { token: await login(demo.url, 'admin', PASSWORD) },
    );
    expect(saved.config.branch).toMatchObject({
      organisationId: 'e2e-org',
      provincialOfficeId: 'e2e-office',
      type: 3,
      holidays: ['2026-03-21'],
      openingHours: [
        { days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' },
        { days: ['thu'], open: '08:00', close: '12:00' },
      ],
    });
    expect(await form.getByTestId('holiday-list').locator('[data-iso="2026-03-21"]').textContent()).toContain(
      '۱ فروردین ۱۴۰۵',
    );
    await photograph(page, 'branch-settings');

    await page.getByTestId('nav-organisation').click();
    await page.getByTestId('branch-e2e-branch').waitFor();
    await photograph(page, 'organisation-tree');
    await page.getByTestId('nav-branches').click();
    await page.getByTestId('branches-table').locator('[data-row="e2e-branch"]').waitFor();
    await photograph(page, 'branches');
    await page.goto(`${demo.url}/console/branches/e2e-branch`);
    await page.getByTestId('page-title').waitFor();
    await photograph(page, 'floor-plan');
  });

  it('refuses a bad save on its field and changes nothing; a stale save names who saved first', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    const token = await login(demo.url, 'admin', PASSWORD);
    const before = await apiOk<{ version: number; config: Record<string, unknown> }>(
      demo.url,
      'GET',
      `/api/v1/admin/branches/${DEMO_BRANCH}`,
      { token },
    );
    await page.goto(`${demo.url}/console/branches/${DEMO_BRANCH}/settings`);
    const form = page.getByTestId('branch-form');
    await form.getByTestId('opens-sat-0').waitFor();

    // Closing before opening: the server refuses, on the Saturday row, and nothing is saved.
    await form.getByTestId('opens-sat-0').fill('15:00');
    await form.getByTestId('closes-sat-0').fill('09:00');
    await form.getByTestId('save').click();
    await form.getByTestId('save-error').waitFor();
    const rowError = form.getByTestId('hours-sat').locator('[data-field-error]');
    await rowError.waitFor();
    expect(await form.getByTestId('opens-sat-0').getAttribute('aria-invalid')).toBe('true');
    await photograph(page, 'branch-settings-refused');
    const after = await apiOk<{ version: number; config: Record<string, unknown> }>(
      demo.url,
      'GET',
      `/api/v1/admin/branches/${DEMO_BRANCH}`,
      { token },
    );
    expect(after).toEqual(before);

    // A colleague saves first (through the API); the console's save on the old version is refused.
    await page.reload();
    await form.getByTestId('field-address').waitFor();
    const colleague = await apiOk<{ version: number }>(demo.url, 'PUT', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token,
      body: { version: before.version, config: before.config },
    });
    expect(colleague.version).toBe(before.version + 1);
    await form.getByTestId('field-address').fill('نشانی تازه');
    await form.getByTestId('save').click();
    const conflict = form.getByTestId('save-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('مدیر سامانه');
    await photograph(page, 'branch-settings-conflict');
    const unchanged = await apiOk<{ version: number }>(demo.url, 'GET', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token,
    });
    expect(unchanged.version).toBe(colleague.version);
    await conflict.getByTestId('conflict-reload').click();
    await expect.poll(() => form.getByTestId('field-address').inputValue()).not.toBe('نشانی تازه');

    // [B7–B9] The counters' balancing mode is chosen here, explained beside it, and saved.
    const balancing = form.getByTestId('setting-balancing');
    expect(await balancing.inputValue()).toBe('strict');
    await balancing.selectOption('proportional');
    await balancing.scrollIntoViewIfNeeded();
    await photograph(page, 'branch-settings-balancing');
    await form.getByTestId('save').click();
    await expect
      .poll(
        async () =>
          (
            await apiOk<{ config: { branch: { settings: { balancing: string } } } }>(
              demo.url,
              'GET',
              `/api/v1/admin/branches/${DEMO_BRANCH}`,
              { token },
            )
          ).config.branch.settings.balancing,
      )
      .toBe('proportional');
  });

  it('creates a clerk limited to one counter, resets a password (one-time) and disables the clerk', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').locator('[data-row="clerk1"]').waitFor();
    await photograph(page, 'users');

    await page.getByTestId('new-user').click();
    const editor = page.getByTestId('user-editor');
    await editor.getByTestId('field-username').fill('e2e-clerk');
    await editor.getByTestId('field-name').fill('کارمند آزمون');
    await editor.getByTestId('field-role').selectOption('clerk');
    await editor.getByTestId('field-branch').selectOption(DEMO_BRANCH);
    const counters = editor.getByTestId('field-counters').locator('input[type=checkbox]');
    await expect.poll(() => counters.count()).toBeGreaterThan(1);
    await counters.first().check();
    await photograph(page, 'user-editor');
    await editor.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('کاربر ساخته شد.');
    const token = await login(demo.url, 'admin', PASSWORD);
    const users = await apiOk<{ username: string; counters?: string[]; active: boolean }[]>(
      demo.url,
      'GET',
      '/api/v1/admin/users',
      { token },
    );
    expect(users.find((u) => u.username === 'e2e-clerk')?.counters).toHaveLength(1);

    await page.getByTestId('reset-e2e-clerk').click();
    const reset = page.getByTestId('reset-password');
    await reset.getByTestId('field-password').fill('one-time-pass-1');
    await photograph(page, 'user-reset-password');
    await reset.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('گذرواژهٔ یک‌بار مصرف ثبت شد.');
    expect(
      (
        await api(demo.url, 'POST', '/api/v1/auth/login', {
          body: { username: 'e2e-clerk', password: 'one-time-pass-1' },
        })
      ).body,
    ).toMatchObject({
      mustChangePassword: true,
    });

    await page.getByTestId('toggle-e2e-clerk').click();
    await photograph(page, 'user-disable');
    await page.getByTestId('toggle-user').getByTestId('confirm').click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toMatch(/^کاربر غیرفعال شد/);
    await expect.poll(() => page.locator('[data-row="e2e-clerk"] .status--off').count()).toBe(1);
    expect(
      (
        await api(demo.url, 'POST', '/api/v1/auth/login', {
          body: { username: 'e2e-clerk', password: 'one-time-pass-1' },
        })
      ).status,
    ).not.toBe(200);
  });

  it('creates a kiosk token shown once with its pairing link and QR code, and revokes it', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('nav-devices').click();
    await page.getByTestId('devices-table').locator('[data-row="kiosk-1"]').waitFor();
    await photograph(page, 'devices');

    await page.getByTestId('new-device').click();
    const editor = page.getByTestId('device-editor');
    await editor.getByTestId('field-kind').selectOption('kiosk');
    await editor.getByTestId('field-id').fill('e2e-kiosk');
    await editor.getByTestId('field-name').fill('کیوسک آزمون');
    await editor.getByTestId('field-branch').selectOption(DEMO_BRANCH);
    await photograph(page, 'device-editor');
    await editor.getByTestId('save').click();
    const once = page.getByTestId('token-once');
    await once.waitFor();
    const token = (await once.getByTestId('device-token').textContent()) ?? '';
    const link = (await once.getByTestId('pairing-link').textContent()) ?? '';
    expect(link).toContain('/kiosk/?token=');
    expect(link).toContain(encodeURIComponent(token).slice(0, 8));
    await once.getByTestId('pairing-qr').waitFor();
    expect(decodeQr(await once.getByTestId('pairing-qr').screenshot())).toBe(link);
    await photograph(page, 'device-token');
    // The token works: a kiosk with it takes a ticket.
    await issueTicket(demo.url, token, 'booklet-renewal');
    await once.getByTestId('token-done').click();
    await expect.poll(() => once.count()).toBe(0);

    await page.getByTestId('revoke-e2e-kiosk').click();
    await photograph(page, 'device-revoke');
    await page.getByTestId('confirm-revoke').click();
    await page.getByTestId('devices-notice').waitFor();
    await expect.poll(() => page.locator('[data-row="e2e-kiosk"]').count()).toBe(0);
    // …and no longer once revoked.
    await expect(issueTicket(demo.url, token, 'booklet-renewal')).rejects.toThrow(/401/);
  });

  it('shows the audit log with who, when (Jalali) and what, and a change before and after', async () => {
    // Changes of its own to read (the tests before add more): a branch saved, a user renamed.
    const token = await login(demo.url, 'admin', PASSWORD);
    const branch = await apiOk<{ version: number; config: { branch: Record<string, unknown> } }>(
      demo.url,
      'GET',
      `/api/v1/admin/branches/${DEMO_BRANCH}`,
      { token },
    );
    await apiOk(demo.url, 'PUT', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token,
      body: { version: branch.version, config: { ...branch.config, branch: { ...branch.config.branch, type: 2 } } },
    });
    await apiOk(demo.url, 'PATCH', '/api/v1/admin/users/clerk2', { token, body: { name: 'کارمند باجهٔ دو' } });
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('nav-audit').click();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.locator('tbody tr[data-row]').count()).toBeGreaterThan(1);
    expect(await table.locator('tbody tr[data-row]').first().textContent()).toMatch(/[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}/);
    await photograph(page, 'audit');
    await page.getByTestId('filter-kind').selectOption('branch');
    await expect.poll(() => table.locator('tbody tr[data-row]').first().textContent()).toContain('شعبه');
    await table.locator('tbody tr[data-row] button').first().click();
    const detail = page.getByTestId('audit-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('audit-after').textContent()).toContain('"branch"');
    await photograph(page, 'audit-detail');
  });

  it('gives a supervisor their own branch only', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor');
    await page.getByTestId('side-menu').waitFor();
    const b = `/console/branches/${DEMO_BRANCH}`;
    const menu = await page
      .locator('[data-testid=side-menu] a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(menu).toEqual([
      `${b}/live`,
      b,
      `${b}/today`,
      `${b}/requests`,
      `${b}/settings`,
      `${b}/advice`,
      `${b}/what-if`,
      `${b}/alerts`,
      `${b}/device-health`,
      `${b}/outbox`,
      '/console/reports',
      '/console/directive-reports',
      '/console/users',
      '/console/devices',
      '/console/branch-links',
      '/console/audit',
    ]);
    await expect.poll(() => new URL(page.url()).pathname).toBe(b);
    await photograph(page, 'supervisor-floor-plan');

    await page.getByTestId('nav-users').click();
    const rows = page.getByTestId('users-table').locator('tbody tr[data-row]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')))).not.toContain('admin');
    await photograph(page, 'supervisor-users');
    await page.getByTestId('nav-devices').click();
    await page.getByTestId('devices-table').locator('[data-row="kiosk-1"]').waitFor();
    expect(await page.getByTestId('new-device').count()).toBe(0);
    await photograph(page, 'supervisor-devices');

    // Another branch's pages, and the organisation's, are not there for a supervisor.
    for (const p of [
      '/console/organisation',
      '/console/branches/e2e-branch',
      '/console/branches/e2e-branch/settings',
      '/console/branches',
    ]) {
      await page.goto(`${demo.url}${p}`);
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('این صفحه پیدا نشد.');
    }
  });

  it('asks for a new password after a one-time one, and returns to sign-in when the session ends', async () => {
    const token = await login(demo.url, 'admin', PASSWORD);
    await apiOk(demo.url, 'PATCH', '/api/v1/admin/users/supervisor', { token, body: { password: 'one-time-pass-2' } });
    const page = await newPage();
    await signIn(page, 'supervisor', 'one-time-pass-2');
    await page.getByTestId('must-change-password').waitFor();
    await photograph(page, 'password-one-time');
    await page.getByTestId('current-password').fill('one-time-pass-2');
    await page.getByTestId('new-password').fill('supervisor-new-password');
    await page.getByTestId('repeat-password').fill('supervisor-new-password');
    await page.getByTestId('change-password').click();
    await page.getByTestId('side-menu').waitFor();

    // The session ends (here: its cookie is gone); the next call brings the sign-in page back, saying why.
    await page.context().clearCookies();
    await page.getByTestId('nav-users').click();
    await page.getByTestId('sign-in-notice').waitFor();
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe(
      'نشست شما به پایان رسیده است. دوباره وارد شوید.',
    );
  });
});
