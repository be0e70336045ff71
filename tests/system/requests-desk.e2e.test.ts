// [RQ3][RQ12][RQ13][RQ16][TC2][RD5] The electronic service desk in real Chromium: the clerk serves a
// ticket, records its documents, and turns the visit into a request from the dialog (the documents
// ticked as at intake, a mistyped national ID refused by its check digit); the tracking code is shown
// 3-3-4 in Persian digits with the promised date and the receipt links. The visitor follows it at
// /r/<code> on a 360×740 phone with the national ID (stage 1 of 2). An officer returns it; the desk
// finds it in its panel, resubmits it with the missing document; once responded, the desk delivers
// it. A second request, made from the day's log, is answered and its visitor downloads the response
// on the phone. The same in English. Screenshots go to /tmp/shots/desk/ for a person to look at.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isValidNationalId,
  isValidTrackingCode,
  type RequestStatus,
  type RequestView,
  toAsciiDigits,
  toPersianDigits,
} from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser } from '../support/browser.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { api, apiOk, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'requests-desk-e2e-password';
const SHOTS = '/tmp/shots/desk';
const NATIONAL_ID = '0499370899';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('requests at the desk and on the phone', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-requests-desk-'));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let desk: Page;
  let phoneContext: BrowserContext;
  let url = '';
  let made: RequestView | undefined;
  /** The request made from the day's log (test 5), answered and downloaded in test 6. */
  let fromDay: RequestView | undefined;
  const snap = async (page: Page, name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  const tokenOf = (username: string) => login(url, username, PASSWORD);
  const move = async (username: string, id: string, name: string, body: Record<string, unknown> = {}) =>
    apiOk<RequestView>(url, 'POST', `/api/v1/requests/${id}/${name}`, { token: await tokenOf(username), body });

  /** A premium-list ticket called and being served at counter 1, its documents recorded (the list only). */
  const serveOne = async () => {
    await issueTicket(url, demoToken('kiosk-1'), 'premium-list');
    await desk.getByTestId('call-next').click();
    await desk.locator('[data-testid="current-status"][data-status="called"]').waitFor();
    await desk.getByTestId('start').click();
    await desk.locator('[data-testid="current-status"][data-status="serving"]').waitFor();
    await desk.getByTestId('doc-list').check();
    await desk.getByTestId('record-documents').click();
    await desk.getByTestId('missing-documents').waitFor();
  };

  beforeAll(async () => {
    ensureAppBuilt('counter');
    ensureAppBuilt('kiosk');
    // The visitor's status is limited per address (5 a minute by default); this walk asks it more often.
    server = await startDemoServer({ password: PASSWORD, dataDir, env: { NOBAT_WEB_RATE: '60' } });
    url = server.url;
    browser = await launchBrowser();
    desk = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    desk.on('pageerror', (e) => console.error(`desk page error: ${e.message}`));
    phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await desk.goto(`${url}/counter/`);
    await desk.getByTestId('username').fill('clerk1');
    await desk.getByTestId('password').fill(PASSWORD);
    await desk.getByTestId('sign-in').click();
    await desk.getByTestId('take-counter-1').click();
    await desk.getByTestId('call-next').waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[RQ3][TC2] the clerk makes a request from the ticket being served (key M): the code 3-3-4 in Persian digits, the promised date, the receipt', async () => {
    await serveOne();
    // M on the Persian layout («ئ» on that key): the dialog opens all the same.
    await desk.evaluate(
      `window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyM', key: 'ئ', bubbles: true }))`,
    );
    const form = desk.getByTestId('request-form');
    await form.waitFor();
    // [T8] Ticked as recorded at intake: the list brought, the workshop code missing.
    expect(await desk.getByTestId('request-doc-list').isChecked()).toBe(true);
    expect(await desk.getByTestId('request-doc-workshop-code').isChecked()).toBe(false);
    expect(await desk.getByTestId('request-service').inputValue()).toBe('premium-list');

    await desk.getByTestId('request-full-name').fill('زهرا احمدی');
    // One digit mistyped: the check digit catches it before the server is asked.
    await desk.getByTestId('request-national-id').fill(toPersianDigits('0499370898'));
    await desk.getByTestId('request-mobile').fill('۰۹۱۲۱۲۳۴۵۶۷');
    await desk.getByTestId('request-submit').click();
    await expect.poll(() => form.textContent()).toContain('کد ملی درست نیست');
    await desk.getByTestId('request-notes').fill('لیست ماه گذشته، امضای کارفرما دارد');
    await snap(desk, 'dialog-fa');
    await desk.getByTestId('request-national-id').fill(toPersianDigits(NATIONAL_ID));
    await desk.getByTestId('request-submit').click();

    const code = desk.getByTestId('request-code');
    await code.waitFor();
    const ascii = (await code.getAttribute('data-code')) ?? '';
    expect(isValidTrackingCode(ascii)).toBe(true);
    expect(await code.textContent()).toBe(
      toPersianDigits(`${ascii.slice(0, 3)}-${ascii.slice(3, 6)}-${ascii.slice(6)}`),
    );
    expect(await desk.getByTestId('request-promised').textContent()).toMatch(/^[^0-9]+[۰-۹]+ [^0-9]+ ۱۴[۰-۹]{2}$/);
    expect(await desk.getByTestId('request-missing').textContent()).toContain('کد کارگاه');
    const id = (await desk.getByTestId('request-made').getAttribute('data-request-id')) ?? '';
    expect(await desk.getByTestId('receipt-a5').getAttribute('href')).toBe(
      `/api/v1/requests/${encodeURIComponent(id)}/receipt?size=a5&lang=fa`,
    );
    expect(await desk.getByTestId('receipt-roll80').getAttribute('target')).toBe('_blank');
    // [RD5] The link answers the receipt as a PDF to the clerk's session.
    const receipt = await fetch(`${url}/api/v1/requests/${encodeURIComponent(id)}/receipt?size=a5&lang=fa`, {
      headers: { authorization: `Bearer ${await tokenOf('clerk1')}` },
    });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toContain('application/pdf');
    expect(
      Buffer.from(await receipt.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expectAccessible(desk, 'the request made');
    await snap(desk, 'made-fa');

    // What the server holds: the applicant as typed (ASCII digits), the documents as ticked.
    made = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/${encodeURIComponent(id)}`, {
      token: await tokenOf('clerk1'),
    });
    expect(made).toMatchObject({
      code: ascii,
      state: 'in-progress',
      serviceId: 'premium-list',
      applicant: { fullName: 'زهرا احمدی', nationalId: NATIONAL_ID, mobile: '09121234567' },
      brought: ['list'],
      missing: ['workshop-code'],
      notes: 'لیست ماه گذشته، امضای کارفرما دارد',
    });
    await desk.keyboard.press('Escape');
    expect(await desk.getByTestId('request-dialog').count()).toBe(0);

    // A second request for the same visit is not made: the dialog shows the one there is.
    await desk.getByTestId('make-request').click();
    await desk.getByTestId('request-full-name').fill('زهرا احمدی');
    await desk.getByTestId('request-national-id').fill(NATIONAL_ID);
    await desk.getByTestId('request-mobile').fill('09121234567');
    await desk.getByTestId('request-submit').click();
    await expect.poll(() => desk.getByTestId('request-code').getAttribute('data-code')).toBe(ascii);
    expect(await desk.getByRole('dialog').textContent()).toContain('پیش‌تر ثبت شده');
    await desk.keyboard.press('Escape');
    await desk.getByTestId('finish').click();
  });

  it('[RQ16] the visitor follows it at /r/<code> on a phone: a wrong national ID is "not found", the right one shows stage 1 of 2', async () => {
    const code = made?.code ?? '';
    const phone = await phoneContext.newPage();
    phone.on('pageerror', (e) => console.error(`phone page error: ${e.message}`));
    await phone.goto(`${url}/r/${code}`);
    expect(toAsciiDigits((await phone.getByTestId('rq-code-given').textContent()) ?? '')).toBe(
      `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`,
    );
    // A valid national ID that is not the applicant's.
    await phone.getByTestId('rq-national-id').fill('0123456789');
    await phone.getByTestId('rq-show').click();
    await expect
      .poll(() => phone.getByTestId('rq-error').textContent())
      .toBe('درخواستی با این کد رهگیری و کد ملی پیدا نشد. هر دو را دوباره بررسی کنید.');
    await phone.getByTestId('rq-national-id').fill(toPersianDigits(NATIONAL_ID));
    await phone.getByTestId('rq-show').click();
    await phone.getByTestId('rq-status').waitFor();
    expect(await phone.getByTestId('rq-stage').textContent()).toBe('مرحلهٔ ۱ از ۲: دریافت لیست');
    expect(await phone.getByTestId('rq-service').textContent()).toBe('رسیدگی به لیست حق بیمهٔ کارگاه');
    expect(await phone.getByTestId('rq-promised').textContent()).toMatch(/[۰-۹]/);
    expect(await phone.getByTestId('rq-promised').textContent()).not.toMatch(/[0-9]/);
    expect(await phone.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Nothing wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(phone, 'the request status page');
    await snap(phone, 'r-fa');

    await phone.getByTestId('language').click();
    await expect.poll(() => phone.getByTestId('rq-stage').textContent()).toBe('Stage 1 of 2: دریافت لیست');
    const text = (await phone.getByTestId('rq-status').textContent()) ?? '';
    expect(text).toContain('Being handled');
    expect(text).not.toMatch(/[۰-۹]/);
    await snap(phone, 'r-en');
    await phone.close();
  });

  it('[RQ8][RQ13][RQ12] returned by the unit, the desk resubmits it with the document; once responded, the desk delivers it', async () => {
    const id = made?.id ?? '';
    await move('officer-desk', id, 'accept');
    await move('officer-desk', id, 'return', { reason: 'کد کارگاه در لیست نیامده است' });

    // The visitor sees why, and what to bring.
    const phone = await phoneContext.newPage();
    await phone.goto(`${url}/r/${made?.code}`);
    await phone.getByTestId('rq-national-id').fill(NATIONAL_ID);
    await phone.getByTestId('rq-show').click();
    await phone.getByTestId('rq-returned').waitFor();
    expect(await phone.getByTestId('rq-returned').textContent()).toContain('کد کارگاه در لیست نیامده است');
    expect(await phone.getByTestId('rq-bring').textContent()).toBe('کد کارگاه');
    await snap(phone, 'r-returned-fa');
    await phone.close();

    // The desk's panel (L): the request among those returned.
    await desk.keyboard.press('KeyL');
    const row = desk.getByTestId('requests-returned').getByTestId(`request-${made?.code}`);
    await row.waitFor();
    await row.click();
    const detail = desk.getByTestId('request-detail');
    await expect.poll(() => detail.getAttribute('data-state')).toBe('returned');
    expect(await desk.getByTestId('detail-returned-reason').textContent()).toBe('کد کارگاه در لیست نیامده است');
    await desk.getByTestId('resubmit-doc-workshop-code').check();
    await expectAccessible(desk, 'the requests panel');
    await snap(desk, 'panel-fa');
    await desk.getByTestId('resubmit').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('in-progress');
    expect(await desk.getByTestId('detail-message').textContent()).toBe('درخواست دوباره به گردش کار رفت.');
    const again = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/${id}`, { token: await tokenOf('clerk1') });
    expect(again).toMatchObject({ state: 'in-progress', brought: ['list', 'workshop-code'], missing: [] });

    // Through both units to the response.
    await move('officer-desk', id, 'accept');
    await move('officer-desk', id, 'complete', { note: 'لیست کامل است' });
    await move('officer-revenue', id, 'accept');
    const appealUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await move('officer-revenue', id, 'respond', {
      legalBasis: 'مادهٔ ۳۹ قانون تأمین اجتماعی',
      answer: 'لیست حق بیمه پذیرفته و در سامانه ثبت شد.',
      appealTo: 'هیئت تشخیص مطالبات',
      appealUntil,
    });

    // Found by its code typed with Persian digits and dashes; delivered at the desk.
    await desk.getByTestId('request-find').fill(toPersianDigits(`${made?.code.slice(0, 3)}-${made?.code.slice(3)}`));
    await desk.getByTestId('request-find-go').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('responded');
    expect(await desk.getByTestId('print-response').getAttribute('href')).toBe(
      `/api/v1/requests/${encodeURIComponent(id)}/response?lang=fa`,
    );
    desk.once('dialog', (d) => void d.accept());
    await desk.getByTestId('deliver').click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('delivered');
    const delivered = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/${id}`, {
      token: await tokenOf('clerk1'),
    });
    expect(delivered).toMatchObject({ state: 'delivered', deliveryChannel: 'desk' });
    expect(delivered.deliveredAt).not.toBeNull();
    await snap(desk, 'panel-delivered-fa');

    // The visitor sees it delivered (and may still download the notice).
    const status = await apiOk<RequestStatus>(url, 'POST', '/api/v1/public/requests/status', {
      body: { code: made?.code, nationalId: NATIONAL_ID },
    });
    expect(status.state).toBe('delivered');
    await desk.keyboard.press('KeyL');
  });

  it('in English: the dialog, the code and the panel, without Persian digits', async () => {
    await desk.getByTestId('language').click();
    await serveOne();
    await desk.getByTestId('make-request').click();
    await desk.getByTestId('request-form').waitFor();
    expect(await desk.getByRole('dialog').textContent()).toContain('A request from this visit');
    await desk.getByTestId('request-full-name').fill('Zahra Ahmadi');
    await desk.getByTestId('request-national-id').fill('0123456789');
    await desk.getByTestId('request-mobile').fill('0912 123 4567');
    await desk.getByTestId('request-mobile').blur();
    await snap(desk, 'dialog-en');
    await desk.getByTestId('request-submit').click();
    const code = desk.getByTestId('request-code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^\d{3}-\d{3}-\d{4}$/);
    expect(await desk.getByTestId('request-made').textContent()).not.toMatch(/[۰-۹]/);
    await snap(desk, 'made-en');
    await desk.keyboard.press('Escape');
    await desk.getByTestId('finish').click();

    await desk.getByTestId('requests').click();
    await desk.getByTestId('request-find').fill(made?.code ?? '');
    await desk.getByTestId('request-find-go').click();
    await expect.poll(() => desk.getByTestId('detail-state').textContent()).toBe('Delivered');
    // Ten digits with a wrong check digit: said at once. (Ten digits that happen to make a valid national
    // ID are a search by national ID instead, so the wrong last digit is one that makes neither.)
    const wrong =
      Array.from({ length: 9 }, (_, k) => `${made?.code.slice(0, 9)}${(Number(made?.code[9]) + k + 1) % 10}`).find(
        (c) => !isValidTrackingCode(c) && !isValidNationalId(c),
      ) ?? '';
    await desk.getByTestId('request-find').fill(wrong);
    await desk.getByTestId('request-find-go').click();
    await expect
      .poll(() => desk.getByTestId('request-find-problem').textContent())
      .toBe('This is not a valid tracking code: check the digits.');
    await snap(desk, 'panel-en');
    const r = await api(url, 'POST', '/api/v1/public/requests/status', {
      body: { code: made?.code, nationalId: '0123456789' },
    });
    expect(r.status).toBe(404);
    await desk.getByTestId('requests').click();
  });

  it("[RQ3] from the day's log: a visit finished a moment ago becomes a request, its documents as recorded at intake", async () => {
    await desk.getByTestId('language').click();
    await serveOne();
    const number = toAsciiDigits((await desk.getByTestId('current-number').textContent()) ?? '');
    await desk.getByTestId('finish').click();
    await expect.poll(() => desk.getByTestId('current-number').count()).toBe(0);
    // Just served: M (and its button) would make the request from it.
    expect(await desk.getByTestId('make-request-ticket').textContent()).toBe(`نوبت ${toPersianDigits(number)}`);
    await desk.keyboard.press('KeyG');
    await desk.getByTestId('daily-log').waitFor();
    await snap(desk, 'day-fa');
    const ticket = await apiOk<{ log: { ticketId: string; receiptNumber: string }[] }>(
      url,
      'GET',
      '/api/v1/clerks/me/day',
      {
        token: await tokenOf('clerk1'),
      },
    );
    const row = ticket.log.find((r) => r.receiptNumber === number);
    expect(row).toBeDefined();
    await desk.getByTestId(`make-request-${row?.ticketId}`).click();
    await desk.getByTestId('request-form').waitFor();
    expect(await desk.getByRole('dialog').textContent()).toContain(`نوبت ${toPersianDigits(number)}`);
    // Read from the ticket: the list was brought, the workshop code was not.
    await expect.poll(() => desk.getByTestId('request-doc-list').isChecked()).toBe(true);
    expect(await desk.getByTestId('request-doc-workshop-code').isChecked()).toBe(false);
    await desk.getByTestId('request-full-name').fill('علی رضایی');
    await desk.getByTestId('request-national-id').fill('0123456789');
    await desk.getByTestId('request-mobile').fill('09351234567');
    await desk.getByTestId('request-submit').click();
    await desk.getByTestId('request-code').waitFor();
    const view = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/by-ticket/${row?.ticketId}`, {
      token: await tokenOf('clerk1'),
    });
    expect(view).toMatchObject({ ticketNumber: number, brought: ['list'], missing: ['workshop-code'] });
    fromDay = view;
    await desk.keyboard.press('Escape');
    await desk.keyboard.press('KeyG');
  });

  it('[RD5][RQ12] the visitor downloads the response on the phone: a PDF, and the request delivered electronically', async () => {
    const id = fromDay?.id ?? '';
    await move('officer-desk', id, 'accept');
    await move('officer-desk', id, 'complete');
    await move('officer-revenue', id, 'accept');
    await move('officer-revenue', id, 'respond', {
      legalBasis: 'مادهٔ ۳۹ قانون تأمین اجتماعی',
      answer: 'لیست پذیرفته شد.',
      appealTo: 'هیئت تشخیص مطالبات',
      appealUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    const phone = await phoneContext.newPage();
    await phone.goto(`${url}/r/${fromDay?.code}`);
    await phone.getByTestId('rq-national-id').fill('0123456789');
    await phone.getByTestId('rq-show').click();
    await expect.poll(() => phone.getByTestId('rq-status').getAttribute('data-state')).toBe('responded');
    await snap(phone, 'r-responded-fa');
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('rq-download').click()]);
    expect(download.suggestedFilename()).toBe(`response-${fromDay?.code}.pdf`);
    const saved = await download.path();
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    // Read again after the download: delivered, electronically.
    await expect.poll(() => phone.getByTestId('rq-status').getAttribute('data-state')).toBe('delivered');
    const view = await apiOk<RequestView>(url, 'GET', `/api/v1/requests/${id}`, { token: await tokenOf('clerk1') });
    expect(view).toMatchObject({ state: 'delivered', deliveryChannel: 'electronic' });
    await snap(phone, 'r-delivered-fa');
    await phone.close();
  });
});
