// The clerk's desk in real Chromium against a real server: sign in, take a counter, call the ticket a
// kiosk issued with the big button, serve it with the keyboard, and a double click calls one ticket.
// The server's state is checked after each step.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CounterSummary, type IssuedTicket, type TicketTracking, toPersianDigits } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, demoDeviceToken } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser } from '../support/browser.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/redis-server.ts';
import { repoRoot } from '../support/server-process.ts';
import { apiOk } from '../support/socket.ts';

const PASSWORD = 'counter-e2e-password';
const SCREENSHOTS = join(repoRoot, 'tests', '.tmp', 'screenshots');

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('clerk’s desk in a browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let url: string;
  let page: Page;
  const kiosk = demoDeviceToken(PASSWORD, 'kiosk-1');

  const issue = () =>
    apiOk<IssuedTicket>(url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
      token: kiosk,
      body: { serviceId: 'booklet-renewal' },
      status: 201,
    });
  const tracked = (id: string) => apiOk<TicketTracking>(url, 'GET', `/api/v1/tickets/${encodeURIComponent(id)}`);
  const counter4 = async () =>
    (await apiOk<CounterSummary[]>(url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/counters`)).find(
      (c) => c.id === 'counter-4',
    );

  beforeAll(async () => {
    ensureAppBuilt('counter');
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'nobat-counter-e2e-'));
    server = await startDemoServer({ password: PASSWORD, dataDir });
    url = `http://127.0.0.1:${server.port}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, takes a counter, calls the kiosk’s ticket, serves it by keyboard', async () => {
    const first = await issue();
    const second = await issue();
    await page.goto(`${url}/counter/`);
    await page.getByTestId('username').fill('clerk4');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('take-counter-4').click();
    await page.getByTestId('call-next').waitFor();
    expect(await counter4()).toMatchObject({ status: 'open' });
    // The queue shows both waiting tickets, in call order.
    await expect
      .poll(() => page.getByTestId('queue').locator('li').allTextContents())
      .toEqual([toPersianDigits(first.number), toPersianDigits(second.number)]);

    await page.getByTestId('call-next').click();
    await expect.poll(() => page.getByTestId('current-number').textContent()).toBe(toPersianDigits(first.number));
    expect((await tracked(first.id)).status).toBe('called');
    await page.screenshot({ path: join(SCREENSHOTS, 'counter-01-called.png') });

    await page.keyboard.press('s');
    await expect.poll(async () => (await tracked(first.id)).status).toBe('serving');
    await page.keyboard.press('f');
    await expect.poll(async () => (await tracked(first.id)).status).toBe('finished');
    expect((await counter4())?.serving).toBeNull();
  });

  it('a double click on “next” calls one ticket', async () => {
    const third = await issue();
    await page.getByTestId('call-next').dblclick();
    await expect.poll(async () => (await counter4())?.serving?.number).toBeDefined();
    // The second ticket of the first test is called; the third still waits.
    await new Promise((r) => setTimeout(r, 300));
    expect((await tracked(third.id)).status).toBe('waiting');
    await page.keyboard.press('x');
    await expect.poll(async () => (await counter4())?.serving).toBeNull();
  });
});
