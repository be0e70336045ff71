// [AP7][AP8][B2] Appointment check-in at the clerk's desk, in real Chromium at the desk's size: a
// booking made through the API for a slot due soon is checked in by its code (the ticket's number
// and sub-service shown), a second check-in shows the same ticket, a wrong code and a booking not yet
// due are refused in the desk's language; the server's clock is moved, never slept on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Booked, type CheckedIn, toAsciiDigits, toPersianDigits } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { isBookingCode, localToEpoch } from '../../server/src/domain/appointments.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot } from '../support/browser.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, login } from '../support/socket.ts';

const PASSWORD = 'desk-checkin-e2e-password';
const CHECK_IN = `/api/v1/branches/${DEMO_BRANCH}/appointments/check-in`;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('appointment check-in at the desk', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-desk-checkin-'));
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url = '';
  // The server's day is tomorrow in Tehran, its clock at 10:07 there: the 11:00 slot may check in
  // (from an hour before), the 12:00 one not yet.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const skew = localToEpoch(tomorrow, '10:07', 'Asia/Tehran') - Date.now();

  const book = (hhmm: string, nationalId: string) =>
    apiOk<Booked>(url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/appointments`, {
      body: { serviceId: 'pension', slot: `${tomorrow}T${hhmm}`, mobile: '09121234567', nationalId },
      status: 201,
    });
  const open = () => page.getByTestId('checkin-form');
  const checkIn = async (typed: string) => {
    await page.getByTestId('checkin-value').fill(typed);
    await page.getByTestId('checkin-confirm').click();
  };

  beforeAll(async () => {
    ensureAppBuilt('counter');
    server = await startDemoServer({ password: PASSWORD, dataDir, clock: () => Date.now() + skew });
    url = server.url;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${url}/counter/`);
    await page.getByTestId('username').fill('clerk6');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('take-counter-6').click();
    await page.getByTestId('call-next').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[AP7][AP8] checks in by code (key A, Persian layout): the ticket, the same one again, and refusals', async () => {
    const due = await book('11:00', '0499370899');
    const later = await book('12:00', '0123456789');

    // The Persian layout sends «ش» on the A key: the dialog opens all the same.
    await page.evaluate(
      `window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyA', key: 'ش', bubbles: true }))`,
    );
    await open().waitFor();
    expect(await page.getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    // Typed in Persian digits.
    await checkIn(toPersianDigits(due.code));
    const number = page.getByTestId('checkin-number');
    await number.waitFor();
    const issued = toAsciiDigits((await number.textContent()) ?? '');
    expect(issued).toMatch(/^\d+$/);
    expect(await number.textContent()).toBe(toPersianDigits(issued));
    expect(await page.getByTestId('checkin-service').textContent()).toContain('مستمری');
    const ticketId = await page.getByTestId('checkin-result').getAttribute('data-ticket-id');
    // What the server holds: the booking checked in, with that ticket, of the appointment class.
    const again = await apiOk<CheckedIn>(url, 'POST', CHECK_IN, {
      token: await login(url, 'clerk6', PASSWORD),
      body: { code: due.code },
    });
    expect(again.ticket).toMatchObject({ id: ticketId, number: issued, priority: 'appointment', serviceId: 'pension' });
    expect(again.late).toBe(false);
    await expectAccessible(page, 'desk check-in');
    await shot(page, 'desk-checkin-fa');

    // A second check-in at the desk, in Latin digits: the same ticket.
    await checkIn(due.code);
    await expect.poll(() => page.getByTestId('checkin-result').getAttribute('data-ticket-id')).toBe(ticketId);
    expect(toAsciiDigits((await number.textContent()) ?? '')).toBe(issued);

    // A well-formed code (its check digit right) that no booking has: refused, in Persian, no ticket shown.
    const unknown = [...'0123456789']
      .map((d) => `999999${d}`)
      .find((c) => isBookingCode(c) && c !== due.code && c !== later.code);
    expect(unknown).toBeDefined();
    await checkIn(unknown ?? '');
    await page.getByTestId('checkin-error').waitFor();
    expect(await page.getByTestId('checkin-error').textContent()).toBe('نوبتی با این مشخصات پیدا نشد.');
    expect(await page.getByTestId('checkin-result').count()).toBe(0);

    // The 12:00 booking by its holder's national ID (Persian digits): too early.
    await checkIn(toPersianDigits('0123456789'));
    await expect
      .poll(() => page.getByTestId('checkin-error').textContent())
      .toBe('زود آمده‌اید؛ از یک ساعت پیش از نوبت می‌توانید حضور بزنید.');
    expect(later.state).toBe('booked');
    await shot(page, 'desk-checkin-refused-fa');

    // Esc closes it; the desk is as it was.
    await page.keyboard.press('Escape');
    expect(await open().count()).toBe(0);
  });

  it('[AP7] in English: the button, the same ticket, and the refusal in English', async () => {
    await page.getByTestId('language').click();
    await page.getByTestId('check-in').click();
    await open().waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('Check in an appointment');
    await checkIn('0499370899');
    await page.getByTestId('checkin-number').waitFor();
    expect(await page.getByTestId('checkin-number').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('checkin-service').textContent()).toBe('Sub-service: Pensions');
    await shot(page, 'desk-checkin-en');
    await checkIn('12');
    await expect.poll(() => page.getByTestId('checkin-error').textContent()).toBe('Not a valid booking code.');
    await shot(page, 'desk-checkin-refused-en');
    await page.keyboard.press('Escape');
  });
});
