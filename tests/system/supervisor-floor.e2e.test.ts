// The supervisor's live floor (rules SV1–SV4) in real Chromium against the demo server: the supervisor
// signs in, opens «سالن زنده» from the menu; tickets a kiosk takes appear without a reload; they
// pause a clerk's counter (its status changes live, the audit log has the entry), move a waiting
// ticket to another sub-service (the server has it there) and cancel another. Photographed in
// Persian and English on a 1366×768 laptop and as the 1920×1080 wall screen (?tv=1).
import type { AuditPage, TicketTracking } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'supervisor-floor-e2e-password';
const PERSIAN = /[\u0600-\u06FF]/;
const WAIT = { timeout: 20_000 };
const B = DEMO_BRANCH;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console: the supervisor’s live floor', () => {
  let demo: DemoServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureAppBuilt('console');
    demo = await startDemo('supervisor-floor-e2e', PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** Sideways overflow, Persian in the English interface, serious accessibility findings. */
  async function problems(language: 'fa' | 'en'): Promise<string[]> {
    const found: string[] = [];
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 0) found.push(`page overflows sideways by ${overflow}px`);
    if (language === 'en') {
      const leaks = await page.evaluate(
        (pattern) =>
          [
            ...document.querySelectorAll<HTMLElement>(
              'h1, h2, dt, .lf-status, .lf-chip, .ui-button:not([lang]), .lf-online',
            ),
          ]
            .map((el) => el.textContent ?? '')
            .filter((text) => new RegExp(pattern).test(text)),
        PERSIAN.source,
      );
      if (leaks.length) found.push(`Persian in English: ${leaks.join(' | ')}`);
    }
    for (const v of await axeViolations(page)) found.push(`axe ${v.id}: ${v.help} — ${v.targets.join('; ')}`);
    return found;
  }

  async function photograph(name: string, wall = false) {
    for (const language of ['fa', 'en'] as const) {
      if (wall) {
        // The wall screen has no menu: the language is chosen in the console, then the wall opened.
        await page.goto(`${demo.url}/console/branches/${B}/live`);
        await page.getByTestId('live-floor').waitFor(WAIT);
        await setLang(page, language);
        await page.getByTestId('wall-toggle').click();
        await page.locator('.lf--wall').waitFor(WAIT);
        expect(await page.getByTestId('side-menu').count()).toBe(0);
      } else {
        await setLang(page, language);
      }
      await page.getByTestId('live-online').waitFor(WAIT);
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(50); // one frame for the re-render after the switch
      await shot(page, `supervisor-floor-${name}-${language}`);
      expect(await problems(language), `${name} (${language})`).toEqual([]);
    }
    if (!wall) await setLang(page, 'fa');
  }

  const waitingCount = (serviceId: string) =>
    page.getByTestId(`service-${serviceId}`).getByTestId('waiting-count').textContent();

  it('follows the floor live, and the supervisor pauses, moves and cancels', async () => {
    // clerk1 at counter-1 (premium list and debts) and clerk6 at counter-6, before the supervisor looks.
    const clerk1 = await login(demo.url, 'clerk1', PASSWORD);
    await counterAction(demo.url, clerk1, 'counter-1', 'open');
    const clerk6 = await login(demo.url, 'clerk6', PASSWORD);
    await counterAction(demo.url, clerk6, 'counter-6', 'open');
    const kiosk = demoToken('kiosk-1');
    const served = await issueTicket(demo.url, kiosk, 'pension');
    await counterAction(demo.url, clerk6, 'counter-6', 'call', { ticketId: served.id });
    await counterAction(demo.url, clerk6, 'counter-6', 'start');

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${demo.url}/console/`);
    await page.getByTestId('username').fill('supervisor');
    await page.getByTestId('password').fill(PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('sign-in').click();
    await answered;
    await page.getByTestId('side-menu').waitFor(WAIT);
    // The live floor is the supervisor's first menu item.
    expect(await page.locator('[data-testid=side-menu] a').first().getAttribute('data-testid')).toBe('nav-live');
    await page.getByTestId('nav-live').click();
    await page.getByTestId('live-floor').waitFor(WAIT);
    await page.getByTestId('live-online').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('live-online').getAttribute('class')).toContain('lf-online--on');
    await expect.poll(() => waitingCount('premium-list')).toBe('۰');
    // counter-6 serves its ticket, with its clerk and a running serving time.
    const c6 = page.getByTestId('counter-counter-6');
    await expect.poll(() => c6.getByTestId('counter-current').textContent(), WAIT).toContain('در حال خدمت');
    expect(await c6.textContent()).toContain('کارمند');

    // Tickets from the kiosk appear without a reload (a marker on the window survives).
    await page.evaluate(() => {
      (window as unknown as { floorMarker: number }).floorMarker = 1;
    });
    const first = await issueTicket(demo.url, kiosk, 'premium-list');
    const second = await issueTicket(demo.url, kiosk, 'premium-list');
    await expect.poll(() => waitingCount('premium-list'), WAIT).toBe('۲');
    await page.getByTestId(`waiting-${second.number}`).waitFor(WAIT);
    // The estimate for the last in line follows with the throttled floor:stats.
    const eta = page.getByTestId('service-premium-list').getByTestId('last-eta');
    await expect.poll(() => eta.getAttribute('data-pending'), WAIT).toBeNull();
    expect(await eta.textContent()).toContain('دقیقه');
    expect(await page.evaluate(() => (window as unknown as { floorMarker?: number }).floorMarker)).toBe(1);

    await photograph('laptop');

    // Pause counter-1 for clerk1, with a reason.
    const c1 = page.getByTestId('counter-counter-1');
    expect(await c1.getAttribute('data-status')).toBe('open');
    await c1.getByTestId('counter-pause').click();
    await page.getByTestId('dialog-pause').waitFor();
    await page.getByTestId('pause-reason').fill('جلسهٔ کوتاه');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => c1.getAttribute('data-status'), WAIT).toBe('paused');
    await expect.poll(() => c1.getByTestId('pause-info').textContent(), WAIT).toContain('جلسهٔ کوتاه');
    const audit = await context.request.get(`${demo.url}/api/v1/admin/audit?branchId=${B}&kind=counter`);
    expect(audit.status()).toBe(200);
    const entries = ((await audit.json()) as AuditPage).entries;
    expect(entries[0]).toMatchObject({
      action: 'counter-pause',
      actor: { id: 'supervisor' },
      target: { kind: 'counter', id: 'counter-1' },
      after: { status: 'paused', pauseReason: 'جلسهٔ کوتاه' },
    });

    // Move the first ticket to premium debts.
    await page.getByTestId(`waiting-${first.number}`).getByTestId('ticket-move').click();
    await page.getByTestId('dialog-move').waitFor();
    await page.getByTestId('move-target').selectOption('premium-debt');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => waitingCount('premium-debt'), WAIT).toBe('۱');
    await expect.poll(() => waitingCount('premium-list'), WAIT).toBe('۱');
    const moved = await apiOk<TicketTracking>(demo.url, 'GET', `/api/v1/tickets/${encodeURIComponent(first.id)}`);
    expect(moved).toMatchObject({ serviceId: 'premium-debt', status: 'waiting', number: first.number });

    // Cancel the second, with a reason.
    await page.getByTestId(`waiting-${second.number}`).getByTestId('ticket-cancel').click();
    await page.getByTestId('dialog-cancel').waitFor();
    await page.getByTestId('cancel-reason').fill('مراجعه‌کننده رفت');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => waitingCount('premium-list'), WAIT).toBe('۰');
    const cancelled = await apiOk<TicketTracking>(demo.url, 'GET', `/api/v1/tickets/${encodeURIComponent(second.id)}`);
    expect(cancelled.status).toBe('cancelled');
    const all = (await (
      await context.request.get(`${demo.url}/api/v1/admin/audit?branchId=${B}&kind=ticket`)
    ).json()) as AuditPage;
    expect(all.entries.map((e) => e.action)).toEqual(['ticket-cancel', 'ticket-move']);

    await photograph('laptop-after');

    // The wall screen on a 1920×1080 TV.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await photograph('wall', true);
    await context.close();
  });
});
