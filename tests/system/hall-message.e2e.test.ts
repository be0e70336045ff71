// Today's changes in real Chromium against the demo server (server/SPEC.md TD1–TD6): on the console's
// «تغییرات امروز» page a supervisor assigns a counter to another sub-service until a time, sends a
// message that appears on the hall screen (/display/) with a chime, and closes a sub-service, which
// the API then refuses to issue; each change is in the audit log. A hall screen opened later shows
// the message from its snapshot; clearing it takes it off the screen. The page and the hall with the
// message are photographed in Persian and English (tests/.tmp/screenshots/today-*.png).
import type { TodayView } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { api, apiOk, login } from '../support/socket.ts';

const PASSWORD = 'hall-message-e2e-password';
const PERSIAN = /[\u0600-\u06FF]/; // with the Persian comma «،»
const WAIT = { timeout: 20_000 };
const MESSAGE_FA = 'سامانهٔ بیمه تا ساعتی دیگر در دسترس نیست؛ لطفاً شکیبا باشید.';
const MESSAGE_EN = 'The insurance system is down for about an hour; thank you for your patience.';
type Log = { clips: string[]; start: number; end: number }[];

/** Persian digits, as a person types them in the Persian console. */
const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))("today's changes and the hall message", () => {
  let demo: DemoServer;
  let browser: Browser;
  let supervisor: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureAppBuilt('display');
    ensureAppBuilt('console');
    ensureAppBuilt('kiosk');
    demo = await startDemo('hall-message-e2e', PASSWORD);
    supervisor = await login(demo.url, 'supervisor', PASSWORD);
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function newPage(path: string, width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'fa-IR' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${demo.url}${path}`);
    return page;
  }

  /** Sideways overflow, and (in English) Persian in the interface's own words. */
  async function problems(page: Page, language: 'fa' | 'en'): Promise<string[]> {
    const found: string[] = [];
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 0) found.push(`page overflows sideways by ${overflow}px`);
    if (language === 'en') {
      const leaks = await page.evaluate((pattern) => {
        const re = new RegExp(pattern);
        return [
          ...document.querySelectorAll<HTMLElement>(
            'nav, h1, h2, thead, label, .ui-button:not([lang]), .muted, .ui-banner, .today-table td',
          ),
        ]
          .map((el) => {
            const copy = el.cloneNode(true) as HTMLElement;
            for (const data of copy.querySelectorAll('[data-user-text]')) data.remove();
            return copy.hasAttribute('data-user-text') ? '' : (copy.textContent ?? '');
          })
          .filter((text) => re.test(text));
      }, PERSIAN.source);
      if (leaks.length) found.push(`Persian in English: ${leaks.join(' | ')}`);
    }
    return found;
  }

  const today = () => apiOk<TodayView>(demo.url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/today`, { token: supervisor });
  const played = (hall: Page) =>
    hall.evaluate(() => (globalThis as unknown as { nobat: { player: { log: Log } } }).nobat.player.log);

  it('a supervisor assigns a counter for today, sends a hall message (shown with a chime), closes a sub-service', async () => {
    const hall = await newPage(`/display/?branch=${DEMO_BRANCH}`, 1920, 1080);
    await hall.getByTestId('latest').waitFor(WAIT);
    expect(await hall.getByTestId('hall-message').count()).toBe(0);

    const page = await newPage('/console/', 1366, 768);
    await page.getByTestId('username').fill('supervisor');
    await page.getByTestId('password').fill(PASSWORD);
    const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('sign-in').click();
    await signedIn;
    // The supervisor's menu leads to the page.
    await page.getByTestId('nav-today').click(WAIT);
    await page.getByTestId('today-page').waitFor(WAIT);
    expect(new URL(page.url()).pathname).toBe(`/console/branches/${DEMO_BRANCH}/today`);

    // [TD1] counter-1 helps with finance until an hour from now (in Persian digits, as typed).
    const before = await today();
    const tehran = new Intl.DateTimeFormat('en-GB', {
      timeZone: before.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const inAnHour = tehran.format(Date.parse(before.serverTime) + 3_600_000);
    const until = inAnHour < tehran.format(Date.parse(before.serverTime)) ? '23:59' : inAnHour;
    await page.getByTestId('assign-counter-1').click();
    const dialog = page.getByTestId('assign-dialog');
    await dialog.waitFor(WAIT);
    for (const s of before.counters.find((c) => c.id === 'counter-1')?.services ?? []) {
      await dialog.getByTestId(`assign-pick-${s.serviceId}`).uncheck();
    }
    await dialog.getByTestId('assign-pick-finance').check();
    await dialog.getByTestId('assign-weight-finance').fill('۲');
    await dialog.getByTestId('assign-until').fill(persian(until));
    console.log(`screenshot: ${await shot(page, 'today-assign-fa')}`);
    await dialog.getByTestId('assign-save').click();
    await expect
      .poll(() => page.getByTestId('today-counter-counter-1-today').textContent(), WAIT)
      .toContain(persian(until));
    const assigned = (await today()).counters.find((c) => c.id === 'counter-1')?.today;
    expect(assigned?.services).toEqual([{ serviceId: 'finance', weight: 2 }]);
    expect(assigned?.by.id).toBe('supervisor');

    // [TD5] The message, for ten minutes: on the hall screen at once, with a chime.
    await page.getByTestId('hall-fa').fill(MESSAGE_FA);
    await page.getByTestId('hall-en').fill(MESSAGE_EN);
    await page.getByTestId('hall-minutes').fill('۱۰');
    await page.getByTestId('hall-send').click();
    await expect.poll(() => page.getByTestId('hall-current-fa').textContent(), WAIT).toBe(MESSAGE_FA);
    await expect.poll(() => hall.getByTestId('hall-message-text').textContent(), WAIT).toBe(MESSAGE_FA);
    // The message leaves the latest call in sight: the two do not overlap on the screen.
    const overlap = await hall.evaluate(() => {
      const m = document.querySelector('[data-testid=hall-message]')?.getBoundingClientRect();
      const l = document.querySelector('[data-testid=latest]')?.getBoundingClientRect();
      return !m || !l ? null : m.top < l.bottom && l.top < m.bottom && m.left < l.right && l.left < m.right;
    });
    expect(overlap).toBe(false);
    await expect.poll(async () => (await played(hall)).map((l) => l.clips), WAIT).toContainEqual(['chime']);
    await hall.evaluate(() => document.fonts.ready);
    console.log(`screenshot: ${await shot(hall, 'today-hall-message-fa')}`);

    // A hall screen that connects now (in English) shows the message from its snapshot.
    const hallEn = await newPage(`/display/?branch=${DEMO_BRANCH}&lang=en&sound=off`, 1920, 1080);
    await expect.poll(() => hallEn.getByTestId('hall-message-text').textContent(), WAIT).toBe(MESSAGE_EN);
    await hallEn.evaluate(() => document.fonts.ready);
    console.log(`screenshot: ${await shot(hallEn, 'today-hall-message-en')}`);

    // [TD4] finance closed for the rest of today: the API (as the kiosk) refuses it.
    await page.getByTestId('close-finance').click();
    await expect.poll(() => page.getByTestId('today-service-finance-status').textContent(), WAIT).toMatch(PERSIAN);
    expect((await today()).services.find((s) => s.id === 'finance')?.closedToday?.by.id).toBe('supervisor');
    const refused = await api<{ error: { code: string } }>(
      demo.url,
      'POST',
      `/api/v1/branches/${DEMO_BRANCH}/tickets`,
      {
        token: demoToken('kiosk-1'),
        body: { serviceId: 'finance' },
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('service-closed-today');
    // The kiosk shows it unavailable, saying why.
    const kiosk = await newPage(`/kiosk/?token=${encodeURIComponent(demoToken('kiosk-1'))}`, 1080, 1920);
    await kiosk.getByTestId('group-finance').click(WAIT);
    const tile = kiosk.getByTestId('service-finance');
    await tile.waitFor(WAIT);
    expect(await tile.isDisabled()).toBe(true);
    expect(await tile.textContent()).toContain('امروز ارائه نمی‌شود');
    await kiosk.evaluate(() => document.fonts.ready);
    console.log(`screenshot: ${await shot(kiosk, 'today-kiosk-closed-fa')}`);

    // [TD6] Each change is in the audit log, by the supervisor.
    const audit = await apiOk<{ entries: { actor: { id: string }; changes: string[] }[] }>(
      demo.url,
      'GET',
      `/api/v1/admin/audit?branchId=${DEMO_BRANCH}`,
      { token: supervisor },
    );
    const changes = audit.entries.filter((e) => e.actor.id === 'supervisor').flatMap((e) => e.changes);
    expect(changes).toEqual(
      expect.arrayContaining(['today.counters.counter-1', 'today.hall-message', 'today.services.finance']),
    );

    // The page in both languages.
    for (const language of ['fa', 'en'] as const) {
      await setLang(page, language);
      await page.waitForTimeout(50); // one frame for the re-render after the switch
      for (const [part, id] of [
        ['', 'today-hall'],
        ['-counters', 'today-counters'],
        ['-services', 'today-services'],
      ] as const) {
        await page.evaluate((el) => document.getElementById(el)?.scrollIntoView({ block: 'start' }), id);
        console.log(`screenshot: ${await shot(page, `today-console${part}-${language}`)}`);
      }
      expect(await problems(page, language), language).toEqual([]);
    }
    await setLang(page, 'fa');

    // Cleared by hand: off both screens.
    await page.getByTestId('hall-clear').click();
    await expect.poll(() => hall.getByTestId('hall-message').count(), WAIT).toBe(0);
    await expect.poll(() => hallEn.getByTestId('hall-message').count(), WAIT).toBe(0);
    expect((await today()).hallMessage).toBeNull();
  }, 120_000);
});
