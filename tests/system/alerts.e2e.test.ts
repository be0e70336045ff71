/// <reference lib="dom" />
// Alerts and device health in the console, in real Chromium against the demo server whose clock the
// test holds: a supervisor has the Alerts page open; a ticket waits past its target (the server's
// clock is moved on, never slept on) and the alert appears live over /supervisor; the supervisor
// acknowledges it and the audit log has who and when. A kiosk's socket goes (unplugged): the Device
// health page shows it offline, and past the grace it is an alert too. Both pages are photographed
// in Persian and English at 1366×768 (tests/.tmp/screenshots/alerts-*.png, device-health-*.png).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, AuditPage } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { skewToTehranMorning } from '../support/clock.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, issueTicket, login, openClient } from '../support/socket.ts';

const PASSWORD = 'alerts-e2e-password';
const PERSIAN = /[\u0600-\u06FF]/;
const WAIT = { timeout: 20_000 };
const MIN = 60_000;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console: alerts and device health', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-alerts-e2e-'));
  /** The server's clock runs this far ahead of the wall clock (the test moves it on). */
  // From the next 10:00 in Tehran: the minutes the test moves on never cross the branch's midnight.
  const skew = { ms: skewToTehranMorning() };
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let supToken: string;

  const token = (id: string) => {
    const d = server.demo?.devices.find((x) => x.id === id);
    if (!d) throw new Error(`no demo device ${id}`);
    return d.token;
  };

  beforeAll(async () => {
    ensureAppBuilt('console');
    // Alerts evaluated often with no event: the clock moved on is seen without waiting on wall time.
    server = await startDemoServer({
      password: PASSWORD,
      dataDir,
      clock: () => Date.now() + skew.ms,
      alertIntervalMs: 100,
    });
    supToken = await login(server.url, 'supervisor', PASSWORD);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Both languages photographed; no sideways overflow; no Persian in the English page's own words. */
  async function photograph(name: string) {
    for (const language of ['fa', 'en'] as const) {
      await setLang(page, language);
      await page.waitForTimeout(50); // one frame for the re-render after the switch
      await shot(page, `${name}-${language}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} (${language}) overflows`).toBeLessThanOrEqual(0);
      if (language === 'en') {
        const text = await page.evaluate(() =>
          [
            ...document.querySelectorAll<HTMLElement>(
              'nav, h1, h2, thead, .ui-button:not([lang]), .ui-banner, .health-alert__rule',
            ),
          ]
            .map((el) => el.textContent ?? '')
            .join(' | '),
        );
        expect(text, `${name}: Persian in English`).not.toMatch(PERSIAN);
      } else {
        expect(await page.getByTestId('page-title').textContent()).toMatch(PERSIAN);
      }
    }
    await setLang(page, 'fa');
  }

  it('a ticket past its target raises an alert live on the open Alerts page; acknowledged, it is audited', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByTestId('username').fill('supervisor');
    await page.getByTestId('password').fill(PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('sign-in').click();
    await answered;
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('health-live').waitFor(WAIT);
    await page.getByTestId('alerts-none').waitFor(WAIT);

    // premium-list's target is 20 minutes: the ticket waits 21 by the server's clock.
    const t = await issueTicket(server.url, token('kiosk-1'), 'premium-list');
    skew.ms += 21 * MIN;
    const alert = page.locator('[data-testid=alert][data-rule=past-target]');
    await alert.waitFor(WAIT);
    expect(await alert.textContent()).toContain(t.number.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d));
    await photograph('alerts');

    const acked = page.waitForResponse((r) => r.url().endsWith('/ack') && r.request().method() === 'POST');
    await alert.getByTestId('alert-ack').click();
    expect((await acked).status()).toBe(200);
    // The acknowledgement shows in the history with who did it.
    await page.getByTestId('history-acked').first().waitFor(WAIT);
    expect(await page.getByTestId('history-acked').first().textContent()).toContain('سرپرست میز خدمت');
    await expect.poll(() => alert.getByTestId('alert-ack').count()).toBe(0);
    await photograph('alerts-acked');

    const audit = await apiOk<AuditPage>(server.url, 'GET', `/api/v1/admin/audit?branchId=${DEMO_BRANCH}&kind=alert`, {
      token: supToken,
    });
    const page1 = await apiOk<{ alerts: Alert[] }>(server.url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/alerts`, {
      token: supToken,
    });
    const raised = page1.alerts.find((a) => a.cause === `past-target:${t.id}`);
    expect(raised?.acked?.by.id).toBe('supervisor');
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'acknowledge',
        actor: expect.objectContaining({ id: 'supervisor', role: 'supervisor' }),
        target: { kind: 'alert', id: raised?.id },
        at: raised?.acked?.at,
      }),
    ]);
  });

  it('a kiosk unplugged shows offline on the Device health page, and past the grace as an alert', async () => {
    const kiosk = openClient(server.url, '/kiosk', { auth: { token: token('kiosk-1') } });
    await kiosk.connected();
    // A bridge reports its counter's LED and the kiosk's printer, with their firmware.
    const bridge = openClient(server.url, '/bridge', { auth: { token: token('bridge-1') } });
    await bridge.connected();
    for (const report of [
      { deviceId: 'led-counter-1', kind: 'led', counterId: 'counter-1', status: 'online', firmware: '1.4.0' },
      {
        deviceId: 'printer-kiosk-1',
        kind: 'printer',
        kioskId: 'kiosk-1',
        status: 'paper-near-end',
        firmware: 'esc-2.3',
      },
    ]) {
      expect(await bridge.request('device:status', report)).toEqual({ data: null });
    }
    await page.getByTestId('nav-device-health').click();
    const printer = page.locator('[data-testid=device-health] tr', { hasText: 'printer-kiosk-1' });
    await printer.locator('[data-status=paper-near-end]').waitFor(WAIT);
    expect(await printer.textContent()).toContain('esc-2.3');
    const row = page.locator('[data-testid=device-health] tr', { hasText: 'kiosk-1' });
    await row.locator('[data-status=online]').waitFor(WAIT);
    kiosk.close();
    await row.locator('[data-status=offline]').waitFor(WAIT);
    await photograph('device-health');

    skew.ms += 31_000; // the default grace: 30 s
    await page.getByTestId('nav-alerts').click();
    await page.locator('[data-testid=alert][data-rule=device-offline]').waitFor(WAIT);
    expect(await page.locator('[data-testid=alert][data-rule=device-offline]').textContent()).toContain('kiosk-1');
    await page.locator('[data-testid=alert][data-rule=printer-paper-near-end]').waitFor(WAIT);

    // The live floor shows the same: the open alerts in its strip, the devices not online in its column.
    await page.getByTestId('nav-live').click();
    const strip = page.locator('[data-slot=alerts]');
    await strip.locator('[data-testid=alert][data-rule=device-offline]').waitFor(WAIT);
    expect(await strip.locator('[data-testid=alert][data-rule=device-offline]').textContent()).toContain('kiosk-1');
    const column = page.locator('[data-slot=devices] [data-testid=devices-column]');
    await column.waitFor(WAIT);
    await expect.poll(() => column.textContent()).toContain('kiosk-1');
    expect(await column.textContent()).not.toContain('led-counter-1');
    // (The floor's heading carries the branch's own name, in Persian in both languages: photographed
    // without photograph()'s check of the English page's words.)
    for (const language of ['fa', 'en'] as const) {
      await setLang(page, language);
      await shot(page, `live-floor-alerts-${language}`);
    }
    await setLang(page, 'fa');
    bridge.close();
  });
  it('the branch settings page has the alert thresholds, with their defaults', async () => {
    await page.getByTestId('nav-branch-settings').click();
    const section = page.getByTestId('alert-settings');
    await section.waitFor(WAIT);
    expect(await page.getByTestId('setting-alerts-queueLongerThan').inputValue()).toBe('15');
    expect(await page.getByTestId('setting-alerts-pausedLongerThanMinutes').inputValue()).toBe('15');
    await section.scrollIntoViewIfNeeded();
    await photograph('branch-alert-settings');
  });
});
