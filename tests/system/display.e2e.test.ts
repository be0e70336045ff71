// The waiting-hall screen and a counter signboard in real Chromium, fed by a real server: a call made
// through the API appears on the hall screen and on its counter's signboard (and not on another's),
// a pause shows on the signboard, and a reloaded screen shows the current state from its snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BranchConfigInput, toPersianDigits } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot as screenshot } from '../support/browser.ts';
import { DEMO_DEVICE_KEY, type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { freePort } from '../support/ports.ts';
import { requireOrSkip } from '../support/require.ts';
import { startServerProcess } from '../support/server-process.ts';
import { apiOk, counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'display-e2e-password';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('display in a browser', () => {
  let demo: DemoServer;
  let browser: Browser;
  let url: string;
  const kiosk = demoToken('kiosk-1');
  const clerk: Record<string, string> = {};

  const issue = (serviceId: string) => issueTicket(url, kiosk, serviceId);
  const act = (who: string, counter: string, action: string, body: unknown = {}) =>
    counterAction(url, clerk[who] ?? '', counter, action, body);
  const open = async (path: string, width = 1920, height = 1080): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await page.goto(`${url}${path}`);
    return page;
  };
  /** Saves a screenshot of a screen and checks it with axe-core (no serious or critical violation). */
  const shot = async (page: Page, name: string) => {
    console.log(`screenshot: ${await screenshot(page, name)}`);
    await expectAccessible(page, name);
  };

  beforeAll(async () => {
    ensureAppBuilt('display');
    demo = await startDemo('display-e2e', PASSWORD);
    url = demo.url;
    for (const who of ['clerk4', 'clerk6']) clerk[who] = await login(url, who, PASSWORD);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('a call made through the API appears on the hall screen and on its counter’s signboard only', async () => {
    const hall = await open(`/display/?branch=${DEMO_BRANCH}`);
    const sign4 = await open('/display/?counter=counter-4', 1280, 720);
    const sign6 = await open('/display/?counter=counter-6', 1280, 720);
    await hall.getByTestId('latest').waitFor();
    await sign4.getByTestId('signboard').waitFor();
    // The signboard shows its counter's number and sub-services, closed until a clerk opens it.
    expect(await sign4.getByTestId('signboard-counter').textContent()).toBe('۴');
    expect(await sign4.getByTestId('signboard-state').textContent()).toBe('بسته');

    const ticket = await issue('booklet-renewal');
    await act('clerk4', 'counter-4', 'open');
    await act('clerk6', 'counter-6', 'open');
    const called = await act('clerk4', 'counter-4', 'call-next');
    expect(called.ticket?.number).toBe(ticket.number);
    const persian = toPersianDigits(ticket.number);

    await expect.poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 20_000 }).toBe(persian);
    expect(await hall.getByTestId('latest-counter').textContent()).toBe('۴');
    await expect.poll(() => sign4.getByTestId('signboard-serving').textContent(), { timeout: 20_000 }).toBe(persian);
    // Counter 6 is open and serving nothing: its signboard does not show counter 4's call.
    await expect.poll(() => sign6.getByTestId('signboard-serving').textContent(), { timeout: 20_000 }).toBe('—');
    expect(await hall.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await hall.getByTestId('date').textContent()).toMatch(/^[\u0600-\u06FF ۰-۹]+$/);
    await shot(hall, 'display-01-hall');
    await shot(sign4, 'display-02-signboard');
  });

  it('a pause shows on the signboard; a reloaded screen is brought up to date by its snapshot', async () => {
    await act('clerk6', 'counter-6', 'pause', { reason: 'نماز' });
    const sign6 = await open('/display/?counter=counter-6', 1280, 720);
    await expect
      .poll(() => sign6.getByTestId('signboard-state').textContent(), { timeout: 20_000 })
      .toBe('توقف موقت — نماز');
    await act('clerk6', 'counter-6', 'resume');
    await expect.poll(() => sign6.getByTestId('signboard-serving').textContent(), { timeout: 20_000 }).toBe('—');

    // Calls made while a screen is away are on it as soon as it loads (snapshot), newest first.
    const second = await issue('booklet-renewal');
    await act('clerk4', 'counter-4', 'start');
    await act('clerk4', 'counter-4', 'call-next');
    const hall = await open('/display/?layout=portrait', 1080, 1920);
    await expect
      .poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 20_000 })
      .toBe(toPersianDigits(second.number));
    expect(await hall.getByTestId('recent').locator('li').count()).toBeGreaterThan(0);
    await shot(hall, 'display-03-portrait');
  });

  it('calls made back to back are spoken one after another, each as its clip sequence', async () => {
    // A branch whose sub-services start at the numbers to be said, all served at counter 3.
    const admin = await login(url, 'admin', PASSWORD);
    const { config } = await apiOk<{ config: BranchConfigInput }>(url, 'GET', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token: admin,
    });
    const starts = [7, 15, 120, 1042, 2305];
    const template = config.services[0];
    if (!template) throw new Error('no service to copy');
    config.branch.id = 'speech';
    config.services = starts.map((from, i) => ({
      ...template,
      id: `s${from}`,
      numbering: { prefix: '', from, to: (starts[i + 1] ?? 3000) - 1 },
      dailyCap: null,
    }));
    config.counters = [
      { id: 'c3', number: 3, title: { fa: 'باجه ۳' }, services: starts.map((from) => ({ serviceId: `s${from}` })) },
    ];
    config.clerks = [];
    await apiOk(url, 'POST', '/api/v1/admin/branches', { token: admin, body: { config }, status: 201 });
    await apiOk(url, 'POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'speaker', name: 'کارمند', role: 'clerk', branchId: 'speech', password: PASSWORD },
      status: 201,
    });
    const clerkToken = await login(url, 'speaker', PASSWORD);
    for (const from of starts) {
      const t = await issueTicket(url, admin, `s${from}`, { branchId: 'speech' });
      expect(t.number).toBe(String(from));
    }

    const hall = await open('/display/?branch=speech');
    await hall.getByTestId('latest').waitFor();
    const at = (action: string) => counterAction(url, clerkToken, 'c3', action);
    await at('open');
    for (let i = 0; i < starts.length; i++) {
      await at('call-next'); // finishes the ticket being served, calls the next
      await at('start');
    }
    type Log = { clips: string[]; start: number; end: number }[];
    const played = () =>
      hall.evaluate(() => (globalThis as unknown as { nobat: { player: { log: Log } } }).nobat.player.log);
    await expect.poll(async () => (await played()).length, { timeout: 60_000, interval: 500 }).toBe(5);
    const log = await played();
    expect(log.map((l) => l.clips)).toEqual([
      ['chime', 'number', 'n7', 'counter', 'n3'],
      ['chime', 'number', 'n15', 'counter', 'n3'],
      ['chime', 'number', 'n100-o', 'n20', 'counter', 'n3'],
      ['chime', 'number', 'thousand-o', 'n40-o', 'n2', 'counter', 'n3'],
      ['chime', 'number', 'n2', 'thousand-o', 'n300-o', 'n5', 'counter', 'n3'],
    ]);
    // Never two at once: each starts after the one before has finished, and each took real time.
    for (let i = 1; i < log.length; i++) expect(log[i]?.start).toBeGreaterThanOrEqual(log[i - 1]?.end ?? 0);
    for (const l of log) expect(l.end - l.start).toBeGreaterThan(500);
    // A recall is spoken again.
    await at('finish');
    const ticket = await issueTicket(url, admin, 's7', { branchId: 'speech' });
    expect(ticket.number).toBe('8');
    await at('call-next');
    await at('recall');
    await expect.poll(async () => (await played()).length, { timeout: 30_000, interval: 500 }).toBe(7);
    const last = (await played()).slice(-2).map((l) => l.clips);
    expect(last).toEqual([
      ['chime', 'number', 'n8', 'counter', 'n3'],
      ['chime', 'number', 'n8', 'counter', 'n3'],
    ]);
  });

  it('when the server process is killed the screen says so; when it returns the screen recovers by itself', async () => {
    // A server of its own, in its own process, so it can be killed outright (SIGKILL).
    const killDir = mkdtempSync(join(tmpdir(), 'nobat-display-kill-'));
    const port = String(await freePort());
    const env = {
      PORT: port,
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: killDir,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
    };
    let proc = startServerProcess('display-kill-1', env);
    try {
      const base = `http://127.0.0.1:${port}`;
      await proc.url();
      const token = await login(base, 'clerk4', PASSWORD);
      const act = (action: string) => counterAction(base, token, 'counter-4', action);
      const issueHere = () => issueTicket(base, kiosk, 'booklet-renewal');
      const first = await issueHere();
      await act('open');
      await act('call-next');
      const hall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
      await hall.goto(`${base}/display/?branch=${DEMO_BRANCH}`);
      await expect
        .poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 10_000 })
        .toBe(toPersianDigits(first.number));

      proc.signal('SIGKILL');
      expect((await proc.exited).signal).toBe('SIGKILL');
      await hall.getByTestId('offline').waitFor({ timeout: 15_000 });
      await shot(hall, 'display-04-offline');

      proc = startServerProcess('display-kill-2', env);
      await proc.url();
      // The screen comes back by itself, with the state from before the kill…
      await hall.getByTestId('offline').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await hall.getByTestId('latest-number').textContent()).toBe(toPersianDigits(first.number));
      // …and follows calls made after it.
      const again = await login(base, 'clerk4', PASSWORD);
      const second = await issueHere();
      await counterAction(base, again, 'counter-4', 'no-show');
      await counterAction(base, again, 'counter-4', 'call-next');
      await expect
        .poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 10_000 })
        .toBe(toPersianDigits(second.number));
    } finally {
      await proc.stop();
      rmSync(killDir, { recursive: true, force: true });
    }
  });

  it('a screen for part of the hall shows only its sub-services, in the light theme when asked', async () => {
    const part = await open(`/display/?branch=${DEMO_BRANCH}&services=pension,finance&theme=light`);
    await part.getByTestId('latest').waitFor();
    expect(
      await part.locator('[data-testid^=waiting-]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
    ).toEqual(['waiting-pension', 'waiting-finance']);
    expect(await part.locator('html').getAttribute('class')).toContain('light');
    // A call of another sub-service is not shown here; one of its own is.
    const other = await issue('booklet-renewal');
    const own = await issue('pension');
    const c4 = await login(url, 'clerk4', PASSWORD);
    const c6 = await login(url, 'clerk6', PASSWORD);
    await counterAction(url, c4, 'counter-4', 'no-show').catch(() => undefined);
    await counterAction(url, c4, 'counter-4', 'call-next');
    await counterAction(url, c6, 'counter-6', 'call-next');
    await expect
      .poll(() => part.getByTestId('latest-number').textContent(), { timeout: 20_000 })
      .toBe(toPersianDigits(own.number));
    expect(await part.getByTestId('recent').textContent()).not.toContain(toPersianDigits(other.number));
    // Only counters serving its sub-services are listed: counter 6 (pensions, finance), not counter 4.
    expect(await part.getByTestId('counter-counter-6').count()).toBe(1);
    expect(await part.getByTestId('counter-counter-4').count()).toBe(0);
    await shot(part, 'display-05-part-light');
  });
});
