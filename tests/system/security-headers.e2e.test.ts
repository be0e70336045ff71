// The security headers against the real apps in real Chromium: the kiosk (with its QR code), the
// visitor's tracking page, the hall screen (speaking a call) and the clerk's desk (its socket) all
// work under the Content-Security-Policy with not one violation or console error, and no page of
// another site can frame the desk.
import { toPersianDigits } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'headers-e2e-password';

/** What a page reported: console errors and CSP violations (caught in the page as they happen). */
interface Watched {
  page: Page;
  problems: string[];
}

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('security headers in a browser', () => {
  let demo: DemoServer;
  let browser: Browser;
  let url: string;
  const contexts: BrowserContext[] = [];

  async function watched(viewport = { width: 1280, height: 800 }): Promise<Watched> {
    const context = await browser.newContext({ viewport, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.exposeFunction('reportViolation', (text: string) => problems.push(`csp: ${text}`));
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => reportViolation(e.violatedDirective + ' blocked ' + e.blockedURI));",
    });
    return { page, problems };
  }

  beforeAll(async () => {
    for (const app of ['kiosk', 'display', 'counter'] as const) ensureAppBuilt(app);
    demo = await startDemo('headers-e2e', PASSWORD);
    url = demo.url;
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('every app page and the tracking page carry the headers', async () => {
    const ticket = await issueTicket(url, demoToken('kiosk-1'), 'finance');
    for (const path of ['/counter/', '/kiosk/', '/display/', `/t/${encodeURIComponent(ticket.id)}`, '/t/x']) {
      const r = await fetch(`${url}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type'), path).toMatch(/text\/html/);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('the kiosk takes a ticket and shows its QR code, and the tracking page follows it, without a violation', async () => {
    const kiosk = await watched({ width: 1920, height: 1080 });
    await kiosk.page.goto(`${url}/kiosk/?token=${encodeURIComponent(demoToken('kiosk-1'))}`);
    await kiosk.page.getByTestId('group-registration').tap();
    await kiosk.page.getByTestId('service-booklet-renewal').tap();
    await kiosk.page.getByTestId('take').tap();
    await kiosk.page.locator('[data-testid="qr"] svg').waitFor();
    const trackingUrl = (await kiosk.page.getByTestId('qr').getAttribute('data-url')) ?? '';
    expect(trackingUrl).toContain('/t/');

    const phone = await watched({ width: 390, height: 844 });
    await phone.page.goto(trackingUrl);
    await phone.page.getByTestId('track-number').waitFor();
    // Its live socket (/track) works: a call shows at once.
    const clerk = await login(url, 'clerk4', PASSWORD);
    await counterAction(url, clerk, 'counter-4', 'open');
    const called = await counterAction(url, clerk, 'counter-4', 'call-next');
    await expect
      .poll(() => phone.page.getByTestId('track-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('called');
    expect(called.ticket?.id).toBeDefined();
    await counterAction(url, clerk, 'counter-4', 'no-show');
    await counterAction(url, clerk, 'counter-4', 'close');
    expect([...kiosk.problems, ...phone.problems]).toEqual([]);
  });

  it('the hall screen shows and speaks a call (voice clips fetched and decoded) without a violation', async () => {
    const hall = await watched({ width: 1920, height: 1080 });
    const clips: number[] = [];
    hall.page.on('response', (r) => {
      if (r.url().endsWith('.wav')) clips.push(r.status());
    });
    await hall.page.goto(`${url}/display/?branch=${DEMO_BRANCH}`);
    await hall.page.getByTestId('latest').waitFor();
    await issueTicket(url, demoToken('kiosk-1'), 'pension');
    const clerk = await login(url, 'clerk6', PASSWORD);
    await counterAction(url, clerk, 'counter-6', 'open');
    const called = await counterAction(url, clerk, 'counter-6', 'call-next');
    await expect
      .poll(() => hall.page.getByTestId('latest-number').textContent(), { timeout: 10_000 })
      .toBe(toPersianDigits(called.ticket?.number ?? ''));
    type Log = { clips: string[] }[];
    const played = () =>
      hall.page.evaluate(() => (globalThis as unknown as { nobat: { player: { log: Log } } }).nobat.player.log);
    await expect.poll(async () => (await played()).length, { timeout: 60_000, interval: 500 }).toBe(1);
    expect(clips.length).toBeGreaterThan(0);
    expect(clips.every((s) => s === 200)).toBe(true);
    expect(hall.problems).toEqual([]);
  });

  it('the clerk’s desk signs in and works over its socket without a violation; no other page can frame it', async () => {
    const desk = await watched({ width: 1440, height: 900 });
    await desk.page.goto(`${url}/counter/`);
    await desk.page.getByTestId('username').fill('clerk5');
    await desk.page.getByTestId('password').fill(PASSWORD);
    await desk.page.getByTestId('sign-in').click();
    await desk.page.getByTestId('take-counter-5').click();
    await desk.page.getByTestId('call-next').waitFor();
    // A ticket issued elsewhere reaches the desk's queue over the socket.
    const ticket = await issueTicket(url, demoToken('kiosk-1'), 'registration');
    await expect
      .poll(() => desk.page.getByTestId('queue').locator('button.ticket').allTextContents(), { timeout: 10_000 })
      .toContain(toPersianDigits(ticket.number));
    expect(desk.problems).toEqual([]);

    // A page of another origin framing the desk gets nothing: the frame stays empty.
    const other = await watched();
    await other.page.setContent(`<iframe id="f" src="${url}/counter/" width="800" height="600"></iframe>`);
    await expect
      .poll(() => other.problems.join('\n'), { timeout: 10_000 })
      .toMatch(/frame-ancestors|Refused to frame/i);
    const framed = other.page.frames().find((f) => f !== other.page.mainFrame());
    expect(await framed?.locator('[data-testid="username"]').count()).toBe(0);
  });
});
