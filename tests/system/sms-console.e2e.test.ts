// [NT9] The console's SMS page in real Chromium: the supervisor sees the branch's messages — sent and
// failed with why — numbers masked, in Persian and in English; the state filter narrows the list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { GatewayError, type SmsGateway } from '../../server/src/notify/gateways/port.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { skewToTehranMorning } from '../support/clock.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk } from '../support/socket.ts';

const PASSWORD = 'sms-console-password';
const PERSIAN = /[\u0600-\u06FF]/;
const WAIT = { timeout: 20_000 };

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console: the SMS outbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-sms-console-'));
  // The server's clock runs ahead to the next 10:00 in Tehran: outside the night window.
  const skew = skewToTehranMorning();
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  // The operator refuses the call messages' number; everything else goes.
  const gateway: SmsGateway = {
    name: 'fake-operator',
    async send(m) {
      if (m.key.endsWith(':called'))
        throw new GatewayError('kavenegar 411: receptor 09121234567 نامعتبر است', false, 'bad-number');
      return { id: 'ok' };
    },
  };

  beforeAll(async () => {
    ensureAppBuilt('console');
    server = await createServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        NOBAT_DATA_DIR: dataDir,
        NOBAT_DEMO_PASSWORD: PASSWORD,
        LOG_LEVEL: 'silent',
      }),
      { clock: () => Date.now() + skew, gateway },
    );
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' })).newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[NT9] lists sent and failed messages masked, with why, in both languages; filters by state', async () => {
    const t = await apiOk<{ id: string }>(server.url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
      body: { serviceId: 'premium-list', mobile: '09121234567' },
      status: 201,
    });
    await expect.poll(async () => (await server.outbox.get(`${t.id}:ticket-taken`))?.state, WAIT).toBe('sent');
    await server.queue.execute(DEMO_BRANCH, { type: 'open', counterId: 'counter-1', clerkId: 'clerk1' });
    await server.queue.execute(DEMO_BRANCH, { type: 'callNext', counterId: 'counter-1', clerkId: 'clerk1' });
    await expect.poll(async () => (await server.outbox.get(`${t.id}:called`))?.state, WAIT).toBe('failed');

    await page.goto(`${server.url}/console/`);
    await page.getByTestId('username').fill('supervisor');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('nav-outbox').click();
    const rows = page.locator('[data-testid=outbox-table] tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const text = (await page.getByTestId('outbox-table').textContent()) ?? '';
    expect(text).not.toContain('09121234567');
    expect(text).not.toContain('۰۹۱۲۱۲۳۴۵۶۷');
    expect(text).toContain('شمارهٔ گیرنده نامعتبر است');
    expect(text).toContain('فرستاده شد');
    // The gateway's own words are kept for the curious, masked, in the reason's tooltip.
    expect(await page.getByTestId('outbox-why').getAttribute('title')).toBe(
      'kavenegar 411: receptor 0912***4567 نامعتبر است',
    );
    await shot(page, 'sms-outbox-fa');
    await setLang(page, 'en');
    const head = await page.evaluate(() =>
      [...document.querySelectorAll('nav, h1, thead')].map((el) => el.textContent ?? '').join(' | '),
    );
    expect(head).not.toMatch(PERSIAN);
    expect(await page.getByTestId('outbox-table').textContent()).toContain('Failed');
    // [NT9] Why, in English: the reason worded, not the gateway's Persian text.
    expect(await page.getByTestId('outbox-why').textContent()).toBe('Invalid recipient number');
    await shot(page, 'sms-outbox-en');
    await page.getByTestId('outbox-state').selectOption('failed');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().textContent()).toContain('0912***4567');
    await setLang(page, 'fa');
  });
});
