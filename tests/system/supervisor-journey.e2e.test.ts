// Issue 13's whole journey in one run, in real Chromium against a real server, a real bridge process
// and a simulated RS-485 bus on a socat pseudo-terminal: a supervisor watches the live floor; a ticket
// crosses its target and the alert appears there; counter 4's LED goes dark (its pty closed) and the
// LED shows offline on the floor and then as an alert; the supervisor pauses a counter and moves a
// ticket from the floor, and sends a message that appears on the hall screen (/display/); each of
// these actions is in the audit log. Time on the server moves only when the test moves it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditPage, TicketTracking } from '@nobat/protocol';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeConfigInput } from '../../firmware-bridge/src/config.ts';
import { socatAvailable } from '../../firmware-bridge/src/simulator/pty.ts';
import { attachBus, detach, type PtyBus } from '../../firmware-bridge/src/simulator/simulation.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { skewToTehranMorning } from '../support/clock.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { type ServerProcess, spawnServer } from '../support/server-process.ts';
import { apiOk, counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'supervisor-journey-e2e-password';
const WAIT = { timeout: 20_000 };
const MIN = 60_000;
const B = DEMO_BRANCH;
const HALL_TEXT = 'سامانهٔ نوبت‌دهی تا ساعت ۱۳ فقط پرونده‌های مستمری را می‌پذیرد';
const toPersian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);

const ready = requireOrSkip('chromium', chromiumAvailable()) && requireOrSkip('socat', socatAvailable());

describe.skipIf(!ready)('the supervisor’s journey: floor, alerts, a dark LED, actions, hall message, audit', () => {
  let dataDir = '';
  let ptyDir = '';
  let server: RunningServer | undefined;
  let bridge: ServerProcess | undefined;
  let bus: PtyBus | undefined;
  let browser: Browser;
  /** The server's clock runs this far ahead of the wall clock (the test moves it on). */
  // From the next 10:00 in Tehran: the minutes the test moves on never cross the branch's midnight.
  const skew = { ms: skewToTehranMorning() };

  beforeAll(async () => {
    ensureAppBuilt('console');
    ensureAppBuilt('display');
    dataDir = mkdtempSync(join(tmpdir(), 'nobat-journey-'));
    ptyDir = mkdtempSync(join(tmpdir(), 'nobat-journey-pty-'));
    server = await startDemoServer({
      password: PASSWORD,
      dataDir,
      port: 0,
      clock: () => Date.now() + skew.ms,
      // Alerts are also evaluated with no event, so a wait crossing its target is seen by itself.
      alertIntervalMs: 200,
    });
    bus = await attachBus(join(ptyDir, 'bus'), [{ address: 4, display: true, label: 'LED counter-4' }]);
    const config: BridgeConfigInput = {
      server: { url: server.url, token: demoToken('bridge-1') },
      buses: [
        {
          id: 'bus',
          path: join(ptyDir, 'bus'),
          timeoutMs: 400,
          pingIntervalMs: 300,
          probeIntervalMs: 300,
          reopenIntervalMs: 300,
          pollIntervalMs: 50,
          displays: [{ address: 4, counterId: 'counter-4' }],
        },
      ],
    };
    const configPath = join(ptyDir, 'bridge.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    bridge = spawnServer('bridge', process.execPath, ['--import', 'tsx', 'firmware-bridge/src/main.ts'], {
      NOBAT_BRIDGE_CONFIG: configPath,
    });
    await bridge.waitForOutput(/server: snapshot/, 20_000);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    if (bus) await detach(bus).catch(() => {});
    await server?.close();
    for (const d of [dataDir, ptyDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('sees the floor, the alert, the dark LED; pauses, moves, messages the hall; all audited', async () => {
    const url = server?.url ?? '';
    const kiosk = demoToken('kiosk-1');
    const clerk4 = await login(url, 'clerk4', PASSWORD);
    await counterAction(url, clerk4, 'counter-4', 'open');
    // The LED over counter 4 answers on the bus, and the server keeps it online.
    await expect
      .poll(async () => {
        const health = await apiOk<{ devices: { deviceId: string; status: string }[] }>(
          url,
          'GET',
          `/api/v1/branches/${B}/device-health`,
          { token: await login(url, 'supervisor', PASSWORD) },
        );
        return health.devices.find((d) => d.deviceId === 'led-counter-4')?.status;
      }, WAIT)
      .toBe('online');

    const hall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await hall.goto(`${url}/display/?branch=${B}&sound=off`);
    await hall.getByTestId('latest').waitFor(WAIT);

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${url}/console/`);
    await page.getByTestId('username').fill('supervisor');
    await page.getByTestId('password').fill(PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('sign-in').click();
    await answered;
    await page.getByTestId('nav-live').click(WAIT);
    await page.getByTestId('live-floor').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('live-online').getAttribute('class'), WAIT).toContain('lf-online--on');
    const strip = page.locator('[data-slot=alerts]');
    await strip.getByTestId('alerts-none').waitFor(WAIT);

    // A ticket of premium lists (target 20 minutes) waits 21 by the server's clock: the alert appears.
    const late = await issueTicket(url, kiosk, 'premium-list');
    const other = await issueTicket(url, kiosk, 'premium-list');
    await page.getByTestId(`waiting-${other.number}`).waitFor(WAIT);
    skew.ms += 21 * MIN;
    const pastTarget = strip.locator('[data-testid=alert][data-rule=past-target]').first();
    await pastTarget.waitFor(WAIT);
    expect(await strip.locator('[data-testid=alert][data-rule=past-target]').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(toPersian(late.number))]),
    );

    // Counter 4's LED goes dark: its line is cut. The floor's devices column shows it offline at once,
    // and past the grace (30 s by the server's clock) it is an alert too.
    if (!bus) throw new Error('no bus');
    await detach(bus);
    bus = undefined;
    const devices = page.locator('[data-slot=devices] [data-testid=devices-column]');
    await expect.poll(() => devices.textContent(), WAIT).toContain('led-counter-4');
    skew.ms += 31_000;
    const dark = strip.locator('[data-testid=alert][data-rule=device-offline]');
    await dark.waitFor(WAIT);
    expect(await dark.textContent()).toContain('led-counter-4');
    await shot(page, 'supervisor-journey-floor-fa');

    // The supervisor pauses counter 4 on the clerk's behalf.
    const c4 = page.getByTestId('counter-counter-4');
    await c4.getByTestId('counter-pause').click();
    await page.getByTestId('dialog-pause').waitFor();
    await page.getByTestId('pause-reason').fill('تعمیر تابلو');
    await page.getByTestId('dialog-confirm').click();
    await expect.poll(() => c4.getAttribute('data-status'), WAIT).toBe('paused');

    // … and moves the other waiting ticket to premium debts.
    await page.getByTestId(`waiting-${other.number}`).getByTestId('ticket-move').click();
    await page.getByTestId('dialog-move').waitFor();
    await page.getByTestId('move-target').selectOption('premium-debt');
    await page.getByTestId('dialog-confirm').click();
    await expect
      .poll(
        async () =>
          (await apiOk<TicketTracking>(url, 'GET', `/api/v1/tickets/${encodeURIComponent(other.id)}`)).serviceId,
        WAIT,
      )
      .toBe('premium-debt');

    // … and sends a message to the hall, which the hall screen shows.
    await page.getByTestId('nav-today').click();
    await page.getByTestId('today-page').waitFor(WAIT);
    await page.getByTestId('hall-fa').fill(HALL_TEXT);
    await page.getByTestId('hall-minutes').fill('۱۰');
    await page.getByTestId('hall-send').click();
    await expect.poll(() => hall.getByTestId('hall-message-text').textContent(), WAIT).toBe(HALL_TEXT);
    await shot(hall, 'supervisor-journey-hall-fa');

    // Every action is in the audit log, by the supervisor.
    const audit = async (kind: string) =>
      ((await (await context.request.get(`${url}/api/v1/admin/audit?branchId=${B}&kind=${kind}`)).json()) as AuditPage)
        .entries;
    expect(await audit('counter')).toEqual([
      expect.objectContaining({
        action: 'counter-pause',
        actor: expect.objectContaining({ id: 'supervisor' }),
        target: { kind: 'counter', id: 'counter-4' },
      }),
    ]);
    expect(await audit('ticket')).toEqual([
      expect.objectContaining({
        action: 'ticket-move',
        actor: expect.objectContaining({ id: 'supervisor' }),
        target: { kind: 'ticket', id: other.id },
      }),
    ]);
    const branchChanges = (await audit('branch')).filter((e) => e.actor.id === 'supervisor').flatMap((e) => e.changes);
    expect(branchChanges).toContain('today.hall-message');

    // The floor, after, in both languages.
    await page.getByTestId('nav-live').click();
    await page.getByTestId('live-floor').waitFor(WAIT);
    for (const language of ['en', 'fa'] as const) {
      await setLang(page, language);
      await dark.waitFor(WAIT);
      await shot(page, `supervisor-journey-floor-after-${language}`);
    }
    await context.close();
    await hall.context().close();
  });
});
