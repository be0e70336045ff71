// [AP1–AP9][B2] An appointment end to end in real Chromium on a 390×844 phone: book on /b/, read the
// SMS the server queued in its outbox and its worker sent through the Kavenegar driver to a local
// fake of Kavenegar, check in at the kiosk with its code, and be called first once due — the
// server's clock moved on, never slept on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toAsciiDigits, toPersianDigits } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { localToEpoch } from '../../server/src/domain/appointments.ts';
import { localIdOf } from '../../server/src/notify/gateways/kavenegar.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot } from '../support/browser.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { type FakeKavenegar, startFakeKavenegar } from '../support/fake-kavenegar.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, counterAction, login } from '../support/socket.ts';

/** The outbox's worker sends in its own turn: waited for (never timed), with room for a loaded machine. */
const SMS_WAIT = { timeout: 20_000, interval: 50 };

const PASSWORD = 'appointment-e2e-password';
const KIOSK_TOKEN = demoToken('kiosk-1');
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const NID = '0499370899';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('appointment in a browser, end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-appt-e2e-'));
  let sms: FakeKavenegar | undefined;
  const skew = { ms: 0 };
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let url = '';
  // The server's day: tomorrow in Tehran, its clock at 10:07 there (so the 11:00 slot is 53 minutes on).
  // The outbox reads the hour by this clock too: 10:07–10:52 is outside the branch's night window
  // (21:00–07:00), so the confirmation (not urgent) goes whatever the wall clock's hour.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const setServerTime = (hhmm: string) => {
    skew.ms = localToEpoch(tomorrow, hhmm, 'Asia/Tehran') - Date.now();
  };

  beforeAll(async () => {
    ensureAppBuilt('kiosk');
    setServerTime('10:07');
    sms = await startFakeKavenegar();
    server = await startDemoServer({
      password: PASSWORD,
      dataDir,
      clock: () => Date.now() + skew.ms,
      env: sms.env,
      outbox: { intervalMs: 50 },
      smsFollowIntervalMs: 100,
    });
    url = server.url;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sms?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function phone(lang: 'fa' | 'en'): Promise<Page> {
    const context = await (browser as Browser).newContext({ ...PHONE_VIEW, locale: lang === 'fa' ? 'fa-IR' : 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return page;
  }

  it('books on the phone, gets the SMS, checks in at the kiosk, and is called first when due', async () => {
    const slot = `${tomorrow}T11:00`;
    // 1. The booking page, in Persian.
    const page = await phone('fa');
    await page.goto(`${url}/b/${DEMO_BRANCH}`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator(`[data-day="${tomorrow}"][aria-pressed="true"]`).waitFor();
    // Closed days are disabled: the branch's days lie ahead, none here is a holiday, all open (24/7 demo).
    await shot(page, 'appointment-days-fa');
    const first = page.locator(`[data-slot="${slot}"]`);
    expect(await first.textContent()).toContain(`${toPersianDigits('3')} جای خالی`);
    await first.click();
    await page.locator('#f-mobile').fill('09121234567');
    await page.locator('#f-nationalId').fill('0499370898'); // a wrong check digit
    await page.locator('#f-nationalId').blur();
    expect(await page.getByTestId('nationalId-error').textContent()).toContain('کد ملی درست نیست');
    await page.getByTestId('book').scrollIntoViewIfNeeded();
    await shot(page, 'appointment-book-fa');
    await page.locator('#f-nationalId').fill(toPersianDigits(NID));
    expect(await page.getByTestId('nationalId-error').count()).toBe(0);
    await page.getByTestId('book').click();
    const codeText = (await page.getByTestId('booking-code').textContent()) ?? '';
    const code = toAsciiDigits(codeText);
    expect(code).toMatch(/^\d{7}$/);
    await shot(page, 'appointment-booked-fa');

    // 2. The SMS the server queued in its outbox, as the gateway received it: the code and the manage link.
    const outbox = (server as RunningServer).outbox;
    const booked = (await outbox.list(DEMO_BRANCH)).find((m) => m.kind === 'appointment-booked');
    expect(booked?.key).toBeDefined();
    const localid = localIdOf(booked?.key ?? '');
    const gateway = sms as FakeKavenegar;
    await expect.poll(() => gateway.received.filter((m) => m.localid === localid).length, SMS_WAIT).toBe(1);
    const got = gateway.received.find((m) => m.localid === localid);
    expect(got?.receptor).toBe('09121234567');
    expect(got?.message).toContain(toPersianDigits(code));
    expect(got?.message).toBe(booked?.text);
    const link = /https?:\/\/\S+\/a\/\S+/.exec(got?.message ?? '')?.[0] ?? '';
    expect(link).toMatch(/\/a\/[\w-]+\.[\w-]+$/);

    // 3. The manage page from the SMS, switched to English.
    const en = await phone('en');
    await en.goto(link.replace(/^https?:\/\/[^/]+/, url));
    await en.locator('[data-testid="booking-state"][data-state="booked"]').waitFor();
    await en.getByRole('button', { name: 'English' }).click();
    expect(await en.getByTestId('booking-state').textContent()).toBe('Booked');
    expect(await en.getByTestId('booking-slot').textContent()).toContain('11:00');
    await shot(en, 'appointment-manage-en');

    // 4. Others wait for the same sub-service, taken before the visitor arrives.
    const others = [];
    for (let i = 0; i < 2; i++) {
      others.push(
        await apiOk<{ id: string; number: string }>(url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
          token: KIOSK_TOKEN,
          // Elderly visitors (class weight 1) outrank a not-yet-due appointment (0.5) by score.
          body: { serviceId: 'pension', priority: 'elderly' },
          status: 201,
        }),
      );
    }

    // 5. At the kiosk: «نوبت اینترنتی دارم», the code, the ticket.
    const kioskContext = await (browser as Browser).newContext({
      viewport: { width: 1280, height: 900 },
      hasTouch: true,
    });
    const kiosk = await kioskContext.newPage();
    await kiosk.goto(`${url}/kiosk/?token=${encodeURIComponent(KIOSK_TOKEN)}`);
    await kiosk.getByTestId('have-appointment').waitFor();
    await shot(kiosk, 'appointment-kiosk-start-fa');
    await kiosk.getByTestId('have-appointment').click();
    // Typed on the kiosk's own keys.
    for (const d of code) await kiosk.locator(`.appt-keys [data-key="${d}"]`).click();
    expect(toAsciiDigits(await kiosk.getByTestId('appointment-code').inputValue())).toBe(code);
    await shot(kiosk, 'appointment-kiosk-code-fa');
    await kiosk.getByTestId('check-in').click();
    const number = toAsciiDigits((await kiosk.getByTestId('number').textContent()) ?? '');
    expect(number).toMatch(/^\d+$/);
    await shot(kiosk, 'appointment-kiosk-fa');
    // A second check-in answers the same ticket.
    const again = await apiOk<{ ticket: { number: string; priority: string } }>(
      url,
      'POST',
      `/api/v1/branches/${DEMO_BRANCH}/appointments/check-in`,
      { token: KIOSK_TOKEN, body: { code } },
    );
    expect(again.ticket).toMatchObject({ number, priority: 'appointment' });

    // 6. Not yet due (53 minutes ahead): the clerk calls the first elderly visitor.
    const clerk = await login(url, 'clerk6', PASSWORD);
    await counterAction(url, clerk, 'counter-6', 'open');
    const before = await counterAction<{ ticket: { number: string } }>(url, clerk, 'counter-6', 'call-next');
    expect(before.ticket.number).toBe(others[0]?.number);
    await counterAction(url, clerk, 'counter-6', 'start');
    await counterAction(url, clerk, 'counter-6', 'finish');
    // Due from ten minutes before the slot (B2): at 10:52 it is called before the other waiting ticket.
    setServerTime('10:52');
    const due = await counterAction<{ ticket: { number: string } }>(url, clerk, 'counter-6', 'call-next');
    expect(due.ticket.number).toBe(number);

    // The visitor's page says so.
    await en.reload();
    await en.locator('[data-testid="booking-state"][data-state="checked-in"]').waitFor();

    // The booking page in English: no Persian where English exists, the day just taken one place less.
    await en.goto(`${url}/b/${DEMO_BRANCH}`);
    await en.getByRole('button', { name: 'English' }).click();
    await en.locator(`[data-slot="${slot}"]`).waitFor();
    expect(await en.locator(`[data-slot="${slot}"]`).textContent()).toContain('2 free');
    expect(await en.locator('html').getAttribute('dir')).toBe('ltr');
    await shot(en, 'appointment-book-en');
  }, 90_000);
});
