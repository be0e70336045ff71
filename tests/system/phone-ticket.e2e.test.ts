// A ticket from the visitor's own phone (PH1–PH7) in Chromium at 390×844: /q/<branch>, a
// sub-service and its information, the mobile number, the code the server sent (queued in the
// server's own outbox, sent by its worker through the Kavenegar driver, read from what a local fake
// of Kavenegar received), the ticket, its tracking page, and the call a clerk makes reaching it. Then in English: "I'm late" moves it back. Screenshots fa and en.
import { toAsciiDigits, toPersianDigits } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { localIdOf } from '../../server/src/notify/gateways/kavenegar.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot as screenshot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { type FakeKavenegar, startFakeKavenegar } from '../support/fake-kavenegar.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, counterAction, login } from '../support/socket.ts';

/** The outbox's worker sends in its own turn: waited for (never timed), with room for a loaded machine. */
const SMS_WAIT = { timeout: 20_000, interval: 50 };

const PASSWORD = 'phone-e2e-demo-password';
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('a ticket from the phone, end to end', () => {
  let demo: DemoServer | undefined;
  let browser: Browser | undefined;
  let sms: FakeKavenegar | undefined;
  const contexts: BrowserContext[] = [];

  const base = () => {
    if (!demo?.running) throw new Error('server not running');
    return demo.url;
  };

  beforeAll(async () => {
    ensureAppBuilt('kiosk');
    sms = await startFakeKavenegar();
    // The real path: the outbox (its worker passing every 50 ms, besides the kick of each enqueue),
    // the Kavenegar driver, the fake. The code is urgent: sent at any hour of the wall clock.
    demo = await startDemo('phone-e2e', PASSWORD, {
      env: sms.env,
      outbox: { intervalMs: 50 },
      smsFollowIntervalMs: 100,
    });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await demo?.close();
    await sms?.close();
  });

  async function phonePage(): Promise<Page> {
    if (!browser) throw new Error('browser not running');
    const context = await browser.newContext(PHONE_VIEW);
    contexts.push(context);
    return context.newPage();
  }

  async function shot(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    await expectAccessible(page, name);
  }

  /** The code in the last message the fake gateway received for the number, in Latin digits. */
  async function codeSentTo(mobile: string): Promise<string> {
    const gateway = sms;
    const server = demo?.running;
    if (!gateway || !server) throw new Error('server not running');
    await expect.poll(() => gateway.received.filter((m) => m.receptor === mobile).length, SMS_WAIT).toBeGreaterThan(0);
    const got = gateway.received.filter((x) => x.receptor === mobile).at(-1);
    // The outbox's record of it (the localid Kavenegar got is its key, hashed): the one-time code,
    // urgent, of this branch, the same text, recorded sent once the gateway answered.
    await expect
      .poll(
        async () => (await server.outbox.list(DEMO_BRANCH)).find((e) => localIdOf(e.key) === got?.localid)?.state,
        SMS_WAIT,
      )
      .toBe('sent');
    const m = (await server.outbox.list(DEMO_BRANCH)).find((e) => localIdOf(e.key) === got?.localid);
    expect(m).toMatchObject({ kind: 'otp', urgent: true, branchId: DEMO_BRANCH, to: mobile, text: got?.message });
    const code = /(\d{6})/.exec(toAsciiDigits(got?.message ?? ''))?.[1];
    if (!code) throw new Error('no code in the message');
    return code;
  }

  /** From /q/ to the tracking page: service, mobile (as typed), the code, the ticket. */
  async function takeFromPhone(page: Page, serviceId: string, typed: string, mobile: string, name: string) {
    await page.getByTestId(`phone-service-${serviceId}`).tap();
    await page.getByTestId('phone-mobile').fill(typed);
    await shot(page, `${name}-mobile`);
    await page.getByTestId('phone-send').tap();
    await page.getByTestId('phone-code').waitFor();
    const code = await codeSentTo(mobile);
    // A wrong code first: refused with the attempts left, and the page says so.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByTestId('phone-code').fill(wrong);
    await page.getByTestId('phone-take').tap();
    await page.getByTestId('phone-error').waitFor();
    await shot(page, `${name}-wrong-code`);
    await page.getByTestId('phone-code').fill(toPersianDigits(code));
    await page.getByTestId('phone-take').tap();
    // The page goes to the ticket's tracking page, named by its id.
    await page.waitForURL((u) => u.pathname.startsWith('/t/'));
    const id = decodeURIComponent(new URL(page.url()).pathname.slice(3));
    const tracked = await apiOk<{ id: string; number: string; serviceId: string }>(
      base(),
      'GET',
      `/api/v1/tickets/${encodeURIComponent(id)}`,
    );
    expect(tracked.serviceId).toBe(serviceId);
    const ticket = { id, number: tracked.number };
    await page.getByTestId('track-number').waitFor();
    return ticket;
  }

  it('[PH1][PH2][PH5] Persian: choose, confirm the number with the code, take the ticket, watch it called', async () => {
    const page = await phonePage();
    await page.goto(`${base()}/q/${DEMO_BRANCH}`);
    await page.getByTestId('phone-service-booklet-renewal').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await shot(page, 'phone-services-fa');
    // The sub-service's information package, then back.
    await page.getByTestId('phone-info-booklet-renewal').tap();
    await page.getByTestId('info-page').waitFor();
    await shot(page, 'phone-info-fa');
    await page.getByRole('button', { name: 'بازگشت' }).tap();

    const ticket = await takeFromPhone(page, 'booklet-renewal', '۰۹۱۲۱۲۳۴۵۶۷', '09121234567', 'phone-fa');
    expect(await page.getByTestId('track-number').textContent()).toBe(toPersianDigits(ticket.number));
    await expect.poll(() => page.getByTestId('track-status').getAttribute('data-status')).toBe('waiting');
    await page.getByTestId('late-button').waitFor();
    await shot(page, 'phone-track-fa');
    // Its page scrolls nothing sideways at 390 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A clerk calls it through the API; the page shows the call, live.
    const clerk = await login(base(), 'clerk4', PASSWORD);
    await counterAction(base(), clerk, 'counter-4', 'open');
    const called = await counterAction<{ ticket: { id: string } | null }>(base(), clerk, 'counter-4', 'call-next');
    expect(called.ticket?.id).toBe(ticket.id);
    await expect.poll(() => page.getByTestId('track-status').getAttribute('data-status')).toBe('called');
    expect(await page.getByTestId('track-status').textContent()).toContain('باجه ۴');
    expect(await page.getByTestId('late-button').count()).toBe(0);
    await shot(page, 'phone-called-fa');
  }, 120_000);

  it('[PH6][PH7] English: a ticket from the phone, then "I\'m late" moves it back once', async () => {
    const page = await phonePage();
    await page.goto(`${base()}/q/${DEMO_BRANCH}`);
    await page.getByTestId('phone-service-registration').waitFor();
    await page.getByRole('button', { name: 'English' }).tap();
    await page.getByText('Choose the service you need').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    await shot(page, 'phone-services-en');
    const ticket = await takeFromPhone(page, 'registration', '+98 935 000 0000', '09350000000', 'phone-en');
    // Three visitors take tickets at the kiosk behind it.
    for (let i = 0; i < 3; i++) {
      await apiOk(base(), 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
        token: demoToken('kiosk-1'),
        body: { serviceId: 'registration' },
        status: 201,
      });
    }
    await expect.poll(() => page.getByTestId('track-ahead').textContent()).toBe('0');
    await shot(page, 'phone-track-en');
    await page.getByTestId('late-button').tap();
    await page.getByTestId('late-done').waitFor();
    expect(await page.getByTestId('late-done').textContent()).toContain('3');
    await expect.poll(() => page.getByTestId('track-ahead').textContent()).toBe('3');
    expect(await page.getByTestId('late-button').count()).toBe(0);
    await shot(page, 'phone-late-en');
    // Once only: asked again through the API, refused.
    const again = await fetch(`${base()}/api/v1/phone/tickets/${encodeURIComponent(ticket.id)}/late`, {
      method: 'POST',
    });
    expect(again.status).toBe(409);
  }, 120_000);
});
