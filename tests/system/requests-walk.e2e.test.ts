// Issue 16's walk, in real Chromium against the demo server: the clerk serves a premium-debt ticket at
// the desk and turns the visit into a request (its receipt printed: the PDF made into a PNG to look
// at); in the console the enforcement unit completes its step, the revenue unit returns it, enforcement
// completes it again, revenue completes its own step and, at the last step, issues the response notice
// (its PDF made into a PNG); the visitor follows it on a phone at /r/<code>; the desk delivers it and
// its day list (جدول ۲) shows the back-office dates. Pictures: /tmp/shots/walk/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromJalali, isValidTrackingCode, type RequestView, toJalali, toPersianDigits } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.ts';
import { RESPONDED_WALK } from '../../server/src/testing/request-walk.ts';
import { chromiumAvailable, consoleSignIn, ensureAppBuilt, launchBrowser } from '../support/browser.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'requests-walk-e2e-password';
const SHOTS = '/tmp/shots/walk';
const NATIONAL_ID = '0499370899';
const WAIT = { timeout: 20_000 };
const grouped = (code: string) => `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;
const popplerAvailable = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(
  !requireOrSkip('chromium', chromiumAvailable()) || !requireOrSkip('pdftoppm (poppler-utils)', popplerAvailable),
)('issue 16: a request from the desk through the units to the response', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-requests-walk-'));
  let server: RunningServer;
  let browser: Browser;
  let url = '';
  let desk: Page;
  let id = '';
  let code = '';

  /** A PDF fetched on the page's session, kept, and its first page made into a PNG; its text returned. */
  async function pdf(page: Page, href: string, name: string): Promise<string> {
    const file = await page.request.get(`${url}${href}`);
    expect(file.status(), href).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    const path = join(SHOTS, `${name}.pdf`);
    writeFileSync(path, await file.body());
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', path, join(SHOTS, name)]);
    return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  }

  async function officerConsole(username: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (e) => process.stderr.write(`${username} page error: ${e.message}\n`));
    await consoleSignIn(page, url, username, PASSWORD);
    await page.waitForURL(/\/console\/inbox$/, WAIT);
    return page;
  }
  /** Opens the request from the officer's inbox (it must be there) and waits for its version. */
  async function fromInbox(page: Page, version: number) {
    await page.goto(`${url}/console/inbox`);
    await page.getByTestId(`open-${code}`).click(WAIT);
    await page.locator(`[data-testid=request-page][data-version="${version}"]`).waitFor(WAIT);
  }
  const atVersion = (page: Page, version: number) =>
    page.locator(`[data-testid=request-page][data-version="${version}"]`).waitFor(WAIT);

  beforeAll(async () => {
    for (const app of ['counter', 'console', 'kiosk'] as const) ensureAppBuilt(app);
    mkdirSync(SHOTS, { recursive: true });
    server = await startDemoServer({ password: PASSWORD, dataDir, env: { NOBAT_WEB_RATE: '60' } });
    url = server.url;
    browser = await launchBrowser();
    desk = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await desk.goto(`${url}/counter/`);
    await desk.getByTestId('username').fill('clerk1');
    await desk.getByTestId('password').fill(PASSWORD);
    await desk.getByTestId('sign-in').click();
    await desk.getByTestId('take-counter-1').click();
    await desk.getByTestId('call-next').waitFor(WAIT);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[RQ3][RD1] the clerk makes the request from the served visit and prints its receipt', async () => {
    await issueTicket(url, demoToken('kiosk-1'), 'premium-debt');
    await desk.getByTestId('call-next').click();
    await desk.locator('[data-testid="current-status"][data-status="called"]').waitFor(WAIT);
    await desk.getByTestId('start').click();
    await desk.locator('[data-testid="current-status"][data-status="serving"]').waitFor(WAIT);
    await desk.getByTestId('make-request').click();
    await desk.getByTestId('request-form').waitFor(WAIT);
    expect(await desk.getByTestId('request-service').inputValue()).toBe('premium-debt');
    await desk.getByTestId('request-full-name').fill('زهرا احمدی‌نژاد');
    await desk.getByTestId('request-national-id').fill(toPersianDigits(NATIONAL_ID));
    await desk.getByTestId('request-mobile').fill('۰۹۱۲۱۲۳۴۵۶۷');
    await desk.getByTestId('request-notes').fill('تقسیط بدهی دوره‌های ۱۴۰۳');
    await desk.getByTestId('request-submit').click();
    const shown = desk.getByTestId('request-code');
    await shown.waitFor(WAIT);
    code = (await shown.getAttribute('data-code')) ?? '';
    id = (await desk.getByTestId('request-made').getAttribute('data-request-id')) ?? '';
    expect(isValidTrackingCode(code)).toBe(true);
    await desk.screenshot({ path: join(SHOTS, 'desk-made.png') });

    // The receipt as the desk prints it (A5), and in English: every جدول ۳ field.
    const href = (await desk.getByTestId('receipt-a5').getAttribute('href')) ?? '';
    await pdf(desk, href, 'receipt-fa');
    const en = await pdf(desk, href.replace('lang=fa', 'lang=en'), 'receipt-en');
    for (const field of [
      `Tracking number ${grouped(code)}`,
      'Premium debts and instalments',
      'Request received',
      'Response promised by',
      'Response delivered',
      `National ID ${NATIONAL_ID}`,
      `${url}/r/${code}`,
    ]) {
      expect(en.replace(/\s+/g, ' '), field).toContain(field);
    }
    await desk.keyboard.press('Escape');
    await desk.getByTestId('finish').click();
  }, 120_000);

  it('[RQ6–RQ11] the units: two steps completed, one returned, the response notice issued', async () => {
    const enforcement = await officerConsole('officer-enforcement');
    const revenue = await officerConsole('officer-revenue');
    // Step 1 (enforcement): taken and completed.
    await fromInbox(enforcement, 1);
    await enforcement.getByTestId('move-accept').click();
    await atVersion(enforcement, 2);
    await enforcement.getByTestId('choose-complete').click();
    await enforcement.getByTestId('field-note').fill('بدهی کارگاه ۴۸ میلیون ریال است.');
    await enforcement.getByTestId('move-complete').click();
    await atVersion(enforcement, 3);
    // Step 2 (revenue): returned to enforcement with a reason.
    await fromInbox(revenue, 3);
    await revenue.getByTestId('move-accept').click();
    await atVersion(revenue, 4);
    await revenue.getByTestId('choose-return').click();
    await revenue.getByTestId('field-reason').fill('فهرست بدهی دوره‌های ۱۴۰۲ پیوست نشده است.');
    await revenue.getByTestId('move-return').click();
    await atVersion(revenue, 5);
    await revenue.screenshot({ path: join(SHOTS, 'console-returned.png'), fullPage: true });

    // The visitor, on a phone, sees it back at stage 1 of 3.
    const phone = await (
      await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    ).newPage();
    await phone.goto(`${url}/r/${code}`);
    await phone.getByTestId('rq-national-id').fill(toPersianDigits(NATIONAL_ID));
    await phone.getByTestId('rq-show').click();
    await phone.getByTestId('rq-status').waitFor(WAIT);
    expect(await phone.getByTestId('rq-stage').textContent()).toBe('مرحلهٔ ۱ از ۳: استعلام بدهی کارگاه');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: join(SHOTS, 'phone-stage1.png'), fullPage: true });

    // Enforcement completes it again; revenue completes its step; at the last step, the response.
    await fromInbox(enforcement, 5);
    await enforcement.getByTestId('move-accept').click();
    await atVersion(enforcement, 6);
    await enforcement.getByTestId('choose-complete').click();
    await enforcement.getByTestId('field-note').fill('فهرست پیوست شد.');
    await enforcement.getByTestId('move-complete').click();
    await atVersion(enforcement, 7);
    await fromInbox(revenue, 7);
    await revenue.getByTestId('move-accept').click();
    await atVersion(revenue, 8);
    await revenue.getByTestId('choose-complete').click();
    await revenue.getByTestId('move-complete').click();
    await atVersion(revenue, 9);
    await fromInbox(revenue, 9);
    await revenue.getByTestId('move-accept').click();
    await atVersion(revenue, 10);
    await revenue.getByTestId('form-respond').waitFor(WAIT);
    await revenue.getByTestId('field-legal-basis').fill('مادهٔ ۴۰ قانون تأمین اجتماعی و آیین‌نامهٔ تقسیط بدهی.');
    await revenue.getByTestId('field-answer').fill('با تقسیط بدهی در ۱۲ قسط ماهانه موافقت شد.');
    await revenue.getByTestId('field-appeal-to').fill('هیئت تشخیص مطالبات سازمان');
    await revenue.getByTestId('field-appeal-until').fill('۱۴۰۹/۰۱/۱۵');
    await revenue.getByTestId('field-appeal-until-words').waitFor(WAIT);
    await revenue.getByTestId('field-remarks').fill('نخستین قسط تا پایان ماه جاری.');
    await revenue.getByTestId('move-respond').click();
    await atVersion(revenue, 11);
    const href = (await revenue.getByTestId('response-link').getAttribute('href')) ?? '';
    await pdf(revenue, href, 'response-fa');
    const en = (await pdf(revenue, href.replace('lang=fa', 'lang=en'), 'response-en')).replace(/\s+/g, ' ');
    for (const field of [`${grouped(code)}-1`, NATIONAL_ID, 'Premium debts and instalments']) {
      expect(en, field).toContain(field);
    }

    const token = await login(url, 'officer-revenue', PASSWORD);
    const done = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/${encodeURIComponent(id)}`, { token });
    expect(done.events.map((e) => e.type)).toEqual(RESPONDED_WALK);
    expect(done.response).toMatchObject({
      appealTo: 'هیئت تشخیص مطالبات سازمان',
      appealUntil: fromJalali(1409, 1, 15),
    });

    // The visitor is told the response is ready.
    await phone.reload();
    await phone.getByTestId('rq-national-id').fill(NATIONAL_ID);
    await phone.getByTestId('rq-show').click();
    await phone.getByTestId('rq-download').waitFor(WAIT);
    await phone.screenshot({ path: join(SHOTS, 'phone-responded.png'), fullPage: true });
  }, 180_000);

  it('[RQ12][RD6] delivered at the desk: the day list (جدول ۲) shows the back-office dates', async () => {
    const clerk = await login(url, 'clerk1', PASSWORD);
    await apiOk(url, 'POST', `/api/v1/requests/${encodeURIComponent(id)}/deliver`, {
      token: clerk,
      body: { channel: 'desk' },
    });
    await desk.getByTestId('day').click();
    const log = desk.getByTestId('daily-log');
    await log.waitFor(WAIT);
    const row = log.locator('tbody tr').first();
    await expect.poll(async () => (await row.locator('td').nth(7).textContent())?.trim() ?? '', WAIT).not.toBe('—');
    const cells = await row.locator('td').allTextContents();
    // Promised (the request's date), handed to the first stage, response back from the last, delivered:
    // all filled, in Persian digits.
    for (const i of [4, 5, 6, 7]) {
      expect(cells[i], `column ${i}`).toMatch(/[۰-۹]/);
      expect(cells[i]).not.toMatch(/[0-9]/);
    }
    const made = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/${encodeURIComponent(id)}`, { token: clerk });
    const j = toJalali(made.promisedDate);
    // The visit shows its request's code instead of offering to make one.
    const shown = desk.getByTestId(`request-of-${made.ticketId}`);
    expect(await shown.textContent()).toBe(toPersianDigits(grouped(code)));
    expect(cells[4]).toContain(
      toPersianDigits(`${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`),
    );
    await desk.screenshot({ path: join(SHOTS, 'desk-day.png'), fullPage: true });
  }, 60_000);
});
