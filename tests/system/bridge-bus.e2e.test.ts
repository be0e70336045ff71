// A bridge's bus, end to end (firmware-bridge PROTOCOL.md section 9, server/SPEC.md BB1–BB3): the real
// bridge process against simulated devices on a socat pty and a real demo server. The bus report
// reaches the server — an LED that answers, a configured address where nothing answers (silent), two
// devices set to one address (collision) — a scan finds a device nobody configured; the supervisor's
// test pattern reaches the simulated LED and goes away by itself; a test print comes out of the
// simulated printer as a slip marked as a test (its PNG saved); each test is in the audit log. The
// console's bridge page in Chromium shows it all, photographed in Persian and English
// (tests/.tmp/screenshots/bridge-bus-*.png).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  type AuditPage,
  type BridgeBusView,
  type BridgeTestResult,
  type BusAddressReport,
  LED_TEST_PATTERN,
} from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BridgeConfigInput } from '../../firmware-bridge/src/config.ts';
import { type Bitmap, bitmapToPng } from '../../firmware-bridge/src/printer/bitmap.ts';
import { readQr } from '../../firmware-bridge/src/printer/testing.ts';
import { socatAvailable } from '../../firmware-bridge/src/simulator/pty.ts';
import {
  attachBus,
  attachSerialPrinter,
  detach,
  type PtyBus,
  type PtyPrinter,
} from '../../firmware-bridge/src/simulator/simulation.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, screenshotPath, shot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { type ServerProcess, spawnServer } from '../support/server-process.ts';
import { api, apiOk, login } from '../support/socket.ts';

const PASSWORD = 'bridge-bus-e2e-password';
const WAIT = { timeout: 20_000, interval: 50 };
const base = `/api/v1/branches/${DEMO_BRANCH}/bridges/bridge-1`;

describe.skipIf(!requireOrSkip('socat', socatAvailable()) || !requireOrSkip('chromium', chromiumAvailable()))(
  'a bridge’s bus: report, tests and the console page',
  () => {
    let demo: DemoServer | undefined;
    let ptyDir = '';
    let bus: PtyBus | undefined;
    let printerEnd: PtyPrinter | undefined;
    let bridge: ServerProcess | undefined;
    let browser: Browser | undefined;
    let supervisor = '';
    const ticketsDir = () => join(ptyDir, 'tickets');

    const url = () => demo?.url ?? '';
    const sim = () => bus?.sim ?? fail('the bus');
    const view = () => apiOk<BridgeBusView>(url(), 'GET', `${base}/bus`, { token: supervisor });
    const at = (v: BridgeBusView, address: number): BusAddressReport | undefined =>
      v.report?.buses[0]?.addresses.find((a) => a.address === address);
    const test = (body: unknown) =>
      api<BridgeTestResult & { error?: { code: string } }>(url(), 'POST', `${base}/test`, {
        token: supervisor,
        body,
      });

    beforeAll(async () => {
      ensureAppBuilt('console');
      demo = await startDemo('bridge-bus-e2e', PASSWORD);
      supervisor = await login(url(), 'supervisor', PASSWORD);
      ptyDir = mkdtempSync(join(tmpdir(), 'nobat-bridge-bus-pty-'));
      // Counter 4's LED and counter 4's keypad answer; counter 5's LED address has two LEDs on it;
      // counter 6's LED is configured but not there; a stray LED at 60 is configured nowhere.
      bus = await attachBus(join(ptyDir, 'bus-1'), [
        { address: 4, display: true, label: 'LED counter-4', firmware: 3 },
        { address: 104, keypad: true },
        { address: 5, display: true, label: 'LED counter-5' },
        { address: 60, display: true, label: 'stray LED', firmware: 9 },
      ]);
      bus.sim.addTwin(5, { firmware: 2 });
      printerEnd = await attachSerialPrinter(join(ptyDir, 'printer'), { widthDots: 576, outDir: ticketsDir() });
      const config: BridgeConfigInput = {
        server: { url: url(), token: demoToken('bridge-1') },
        buses: [
          {
            id: 'bus-1',
            path: join(ptyDir, 'bus-1'),
            timeoutMs: 200,
            pingIntervalMs: 300,
            probeIntervalMs: 300,
            reopenIntervalMs: 300,
            pollIntervalMs: 100,
            displays: [
              { address: 4, counterId: 'counter-4' },
              { address: 5, counterId: 'counter-5' },
              { address: 6, counterId: 'counter-6' },
            ],
            keypads: [{ address: 104, counterId: 'counter-4' }],
          },
        ],
        printers: [
          {
            deviceId: 'printer-kiosk-1',
            kioskId: 'kiosk-1',
            paperWidthMm: 80,
            transport: { type: 'serial', path: join(ptyDir, 'printer') },
          },
        ],
        printerStatusIntervalMs: 1_000,
      };
      const configPath = join(ptyDir, 'bridge.json');
      writeFileSync(configPath, JSON.stringify(config, null, 2));
      bridge = spawnServer('bridge', process.execPath, ['--import', 'tsx', 'firmware-bridge/src/main.ts'], {
        NOBAT_BRIDGE_CONFIG: configPath,
      });
      await bridge.waitForOutput(/server: snapshot/, 30_000);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await bridge?.stop();
      if (bus) await detach(bus).catch(() => {});
      if (printerEnd) await detach(printerEnd).catch(() => {});
      await demo?.close();
      if (ptyDir) rmSync(ptyDir, { recursive: true, force: true });
    });

    it('[BUS1][BUS2] the report reaches the server: 4 answers, 6 is silent, 5 has two devices on it', async () => {
      await vi.waitFor(async () => {
        const v = await view();
        const states = [4, 5, 6, 104].map((a) => at(v, a)?.state);
        if (states.join() !== 'answers,collision,silent,answers')
          throw new Error(`states ${states.join()}\nbridge log:\n${bridge?.stdout().slice(-3000)}`);
      }, WAIT);
      const v = await view();
      expect(v.connected).toBe(true);
      expect(at(v, 4)).toMatchObject({ firmware: 3, consecutiveFailures: 0, reported: { display: true } });
      expect(at(v, 4)?.lastAnswerAt).not.toBeNull();
      expect(at(v, 6)).toMatchObject({ firmware: null, lastAnswerAt: null });
      expect(at(v, 6)?.consecutiveFailures).toBeGreaterThanOrEqual(3);
      expect(at(v, 5)?.garbled).toBeGreaterThanOrEqual(2);
      expect(at(v, 5)?.collision).toContain('garbled');
      // Nobody has scanned: the stray LED is not known yet.
      expect(at(v, 60)).toBeUndefined();
    });

    it('[BUS4][BB2][BB3] the test pattern reaches the LED, which goes back by itself; a silent LED: 409', async () => {
      const from = sim().history(4).length;
      const r = await test({ kind: 'led-pattern', address: 4, seconds: 2 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual({ ok: true });
      const seen = () => sim().history(4).slice(from);
      expect(seen().some((s) => s.held && s.text === LED_TEST_PATTERN)).toBe(true);
      await vi.waitFor(() => {
        const now = sim().display(4);
        if (now.held) throw new Error(`LED 4 still shows ${JSON.stringify(now)}`);
      }, WAIT);
      expect(sim().display(4).text).not.toBe(LED_TEST_PATTERN);

      const silent = await test({ kind: 'led-pattern', address: 6 });
      expect(silent.status).toBe(409);
      expect(silent.body.error?.code).toBe('bus-device-offline');
    });

    it('[BUS4] a test print comes out of the printer marked as a test (PNG saved), with the printer’s status', async () => {
      const printer = printerEnd?.sim ?? fail('printer');
      const before = printer.tickets.length;
      const r = await test({ kind: 'test-print', kioskId: 'kiosk-1' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ ok: true, status: 'online' });
      expect(printer.tickets).toHaveLength(before + 1);
      const slip = printer.tickets.at(-1) as Bitmap;
      expect(readQr(slip)).toBe('nobat-test:printer-kiosk-1');
      // The slip as printed, for a person to look at beside the page's screenshots.
      mkdirSync(dirname(screenshotPath('bridge-bus-test-slip')), { recursive: true });
      writeFileSync(screenshotPath('bridge-bus-test-slip'), bitmapToPng(slip));
      expect(readdirSync(join(ticketsDir(), '')).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    });

    it('[BUS3] a scan finds the LED nobody configured', async () => {
      const r = await test({ kind: 'scan', from: 55, to: 65 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await vi.waitFor(async () => {
        const a = at(await view(), 60);
        if (a?.state !== 'unexpected') throw new Error(`address 60: ${JSON.stringify(a)}`);
      }, WAIT);
      expect(at(await view(), 60)).toMatchObject({ firmware: 9, configured: [] });
    });

    it('[BB3] every test is in the audit log with who made it', async () => {
      const page = await apiOk<AuditPage>(url(), 'GET', '/api/v1/admin/audit?kind=device&limit=50', {
        token: supervisor,
      });
      const tests = page.entries.filter((e) => e.action === 'test' && e.target.id === 'bridge-1');
      expect(tests.map((e) => e.changes[0]).sort()).toEqual(
        ['test.led-pattern', 'test.led-pattern', 'test.scan', 'test.test-print'].sort(),
      );
      for (const e of tests) expect(e.actor).toMatchObject({ id: 'supervisor', role: 'supervisor' });
    });

    it('the console’s bridge page shows the bus and runs a test, in Persian and English', async () => {
      const context = await (browser ?? fail('browser')).newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'fa-IR',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url()}/console/`);
      await page.getByTestId('username').fill('supervisor');
      await page.getByTestId('password').fill(PASSWORD);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByTestId('sign-in').click();
      await answered;
      // From the devices page, by the bridge's link.
      await page.goto(`${url()}/console/devices`);
      await page.getByTestId('bridge-link-bridge-1').click();
      await page.getByTestId('bridge-page').waitFor(WAIT);
      const state = (p: Page, a: number) => p.getByTestId(`state-${a}`).getAttribute('data-state');
      await expect.poll(() => state(page, 5), WAIT).toBe('collision');
      expect(await state(page, 4)).toBe('answers');
      expect(await state(page, 6)).toBe('silent');
      expect(await state(page, 60)).toBe('unexpected');
      expect(page.url()).toContain(`/console/branches/${DEMO_BRANCH}/bridges/bridge-1`);
      // The menu marks the devices as where the reader is.
      expect(await page.locator('nav [aria-current=page]').getAttribute('data-testid')).toBe('nav-devices');

      await page.getByTestId('pattern-4').click();
      await page.getByTestId('bus-test-result').waitFor(WAIT);
      expect(await page.getByTestId('bus-test-result').textContent()).toContain('۸۸۸۸');
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.getByTestId('addresses-bus-1').textContent()).toMatch(/[۰-۹]/);
      // Nothing clipped: no table scrolls sideways (the test buttons at its end are in view).
      const sideways = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('.ui-table-wrap')].map((el) => el.scrollWidth - el.clientWidth),
        );
      expect(Math.max(...(await sideways()))).toBeLessThanOrEqual(0);
      await shot(page, 'bridge-bus-fa');

      await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=language]')?.click());
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByTestId('test-print-kiosk-1').click();
      await expect.poll(() => page.getByTestId('bus-test-result').textContent(), WAIT).toContain('test slip');
      await page.evaluate(() => document.fonts.ready);
      const text = (await page.getByTestId('bridge-page').textContent()) ?? '';
      // No Persian leaks into the English page (ids and paths are Latin).
      expect(text).not.toMatch(/[\u0600-\u06FF]/);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);
      expect(Math.max(...(await sideways()))).toBeLessThanOrEqual(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'bridge-bus-en');
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await shot(page, 'bridge-bus-en-printers');
      expect(errors).toEqual([]);
      await context.close();
    });
  },
);

function fail(what: string): never {
  throw new Error(`${what} is not ready`);
}
