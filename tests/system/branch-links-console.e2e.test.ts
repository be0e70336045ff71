// [SY1][SY6][SY7] The console's branch links page in real Chromium, against a real centre server (the
// demo office, port 0): an admin links the demo branch and is shown its token once with the branch
// server's settings lines; a real branch-side socket connects to the centre's /sync namespace with that
// token, sends the day's log, drops, comes back and drops again, so the page — refreshing by itself,
// never reloaded — shows how far the centre holds the day, the branch disconnected for how long, one
// finished outage and the one under way with their lengths and total, and downloads them as CSV; in Persian and in English. The centre's clock stands still
// unless the test moves it, so every length is exact. An admin links and unlinks a second branch; the
// branch's supervisor sees their own branch's link only, and cannot change it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BranchLinkListItem, localDigits, PROTOCOL_VERSION, SYNC_NAMESPACE } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { StoredEvent } from '../../server/src/domain/events.ts';
import { localDay } from '../../server/src/domain/local-time.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, consoleSignIn, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, login, openClient, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'branch-links-console-password';
const PERSIAN = /[\u0600-\u06FF]/;
const MINUTE = 60_000;
/** The page refreshes every 10 s: a change shows within two refreshes on a loaded machine. */
const WAIT = { timeout: 30_000 };
const SECOND_BRANCH = 'e2e-link-branch';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console: branch links and the outage log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-links-console-'));
  // The centre's clock: three hours ago, standing still until the test moves it.
  let now = Date.now() - 3 * 60 * MINUTE;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sockets: RecordingClient[] = [];
  let adminToken = '';
  let linkToken = '';
  /** The demo branch's log of today, as the centre wrote it before the branch was linked. */
  const today: StoredEvent[] = [];

  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 1100 }, locale: 'fa-IR' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return page;
  };
  /** The demo branch's link as the centre's API has it. */
  const demoLink = async () =>
    (await apiOk<BranchLinkListItem[]>(server.url, 'GET', '/api/v1/admin/branch-links', { token: adminToken })).find(
      (l) => l.branchId === DEMO_BRANCH,
    );
  /** A branch server's connection to the centre, as src/sync/branch.ts opens it. */
  const connectBranch = async () => {
    const client = openClient(server.url, SYNC_NAMESPACE, { auth: { token: linkToken, protocol: PROTOCOL_VERSION } });
    sockets.push(client);
    await client.connected();
    await expect.poll(async () => (await demoLink())?.connected, WAIT).toBe(true);
    return client;
  };
  const dropBranch = async (client: RecordingClient) => {
    client.close();
    await expect.poll(async () => (await demoLink())?.connected, WAIT).toBe(false);
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
      { clock: () => now },
    );
    browser = await launchBrowser();
    adminToken = await login(server.url, 'admin', PASSWORD);
    // Two tickets taken before the link: the branch server will send this log back as its own (SY4: held
    // events are compared and skipped), so the centre shows how far it holds the day.
    server.queue.onEvents((branchId, _day, events) => {
      if (branchId === DEMO_BRANCH) today.push(...events);
    });
    for (const serviceId of ['premium-list', 'premium-list']) {
      await apiOk(server.url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, { body: { serviceId }, status: 201 });
    }
    await server.queue.settled(DEMO_BRANCH);
    // A second branch, for linking and unlinking through the page.
    await apiOk(server.url, 'POST', `/api/v1/admin/branches/${DEMO_BRANCH}/copy`, {
      token: adminToken,
      body: { id: SECOND_BRANCH, name: { fa: 'شعبهٔ آزمون پیوند', en: 'Link test branch' } },
      status: 201,
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[SY1][SY6][SY7] an admin links a branch, sees its link cut by itself, the outages with their lengths, and the CSV', async () => {
    const page = await newPage();
    await consoleSignIn(page, server.url, 'admin', PASSWORD);
    await page.getByTestId('nav-branch-links').click();
    const table = page.getByTestId('links-table');
    await expect.poll(() => table.textContent(), WAIT).toContain('هیچ شعبه‌ای هنوز');

    // [SY1] Linking: the token once, with the lines for the branch server's settings.
    await page.getByTestId('link-branch').click();
    await page.getByTestId('link-branch-choice').selectOption(DEMO_BRANCH);
    await page.getByTestId('link-confirm').click();
    const once = page.getByTestId('link-token-once');
    await once.waitFor(WAIT);
    linkToken = (await page.getByTestId('link-token').textContent()) ?? '';
    expect(linkToken).toMatch(new RegExp(`^${DEMO_BRANCH}\\.[A-Za-z0-9_-]{20,}$`));
    expect(await page.getByTestId('link-env').textContent()).toBe(
      `NOBAT_CENTRAL_URL=${server.url}\nNOBAT_CENTRAL_TOKEN=${linkToken}`,
    );
    await page.evaluate(() => document.fonts.ready);
    await shot(page, 'branch-links-token-fa');
    await expectAccessible(page, 'the link token dialog');
    await page.getByTestId('link-token-done').click();
    const demoRow = table.locator(`tr[data-row="${DEMO_BRANCH}"]`);
    await expect.poll(() => demoRow.locator('.link-state').getAttribute('data-state'), WAIT).toBe('never');

    // [SY6][SY7] A real branch-side socket with that token: up at t0, down at +5 min, back at +77 min
    // (an outage of 1 h 12 min), down again at +80 min and still down 25 min later.
    const t0 = now;
    const first = await connectBranch();
    const day = localDay(now, 'Asia/Tehran');
    expect(today.map((e) => e.seq)).toEqual(today.map((_, i) => i + 1));
    const ack = await first.request('sync:events', { day, afterSeq: 0, events: today, final: false });
    expect(ack).toEqual({ data: { seq: today.length, final: false } });
    now += 5 * MINUTE;
    await dropBranch(first);
    now += 72 * MINUTE;
    const second = await connectBranch();
    now += 3 * MINUTE;
    await dropBranch(second);
    now += 25 * MINUTE;

    // The page, never reloaded, shows it on its own refresh.
    await expect.poll(() => demoRow.locator('.link-state').getAttribute('data-state'), WAIT).toBe('disconnected');
    await expect.poll(() => demoRow.getByTestId('link-down-for').textContent(), WAIT).toBe('۲۵ دقیقه است که قطع است');
    expect(await demoRow.getByTestId('link-since').getAttribute('datetime')).toBe(
      new Date(t0 + 80 * MINUTE).toISOString(),
    );
    // [SY6] How far the centre holds the day, not closed yet.
    expect(await demoRow.locator(`li[data-day="${day}"]`).textContent()).toMatch(
      new RegExp(`^۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2}: تا رویداد ${localDigits('fa', today.length)}، باز$`),
    );
    expect(await demoRow.getByTestId('link-since').textContent()).toMatch(
      /^از ۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}، [۰-۹]{2}:[۰-۹]{2}$/,
    );

    const log = page.getByTestId('outages-table');
    const rows = log.locator('tbody tr[data-row]');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await expect
      .poll(() => rows.getByTestId('outage-length').allTextContents(), WAIT)
      .toEqual(['۱ ساعت و ۱۲ دقیقه', '۲۵ دقیقه']);
    expect(await rows.nth(0).locator('time').first().getAttribute('datetime')).toBe(
      new Date(t0 + 5 * MINUTE).toISOString(),
    );
    expect(await rows.nth(1).getByTestId('outage-ongoing').textContent()).toBe('هنوز قطع است');
    expect(await page.getByTestId('outage-total').allTextContents()).toEqual(['۱ ساعت و ۳۷ دقیقه']);
    await page.evaluate(() => document.fonts.ready);
    await shot(page, 'branch-links-fa');
    await expectAccessible(page, 'the branch links page');

    // The CSV of the rows shown: UTF-8 with a BOM, a header and the two outages.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('outages-csv').click()]);
    const bytes = readFileSync((await download.path()) ?? '');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('شعبه,شناسهٔ شعبه,از,تا,مدت,مدت (دقیقه),از (UTC),تا (UTC)');
    expect(lines[1]).toContain(`,${DEMO_BRANCH},`);
    expect(lines[1]).toContain(',۱ ساعت و ۱۲ دقیقه,72,');
    expect(lines[2]).toContain(',هنوز قطع است,۲۵ دقیقه,25,');
    expect(download.suggestedFilename()).toMatch(/^branch-outages-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

    // English: no Persian where English exists (the demo branch has an English name).
    await setLang(page, 'en');
    await expect.poll(() => rows.getByTestId('outage-length').allTextContents()).toEqual(['1 h 12 min', '25 min']);
    const english = await page.evaluate(() =>
      [...document.querySelectorAll('nav, #main')].map((el) => el.textContent ?? '').join(' | '),
    );
    expect(english).not.toMatch(PERSIAN);
    expect(await demoRow.getByTestId('link-down-for').textContent()).toBe('down for 25 min');
    expect(await demoRow.locator(`li[data-day="${day}"]`).textContent()).toMatch(
      new RegExp(`^14\\d{2}/\\d{2}/\\d{2}: up to event ${today.length}, open$`),
    );
    expect(await page.getByTestId('outage-total').allTextContents()).toEqual(['1 h 37 min']);
    expect(await page.getByTestId('outages-from').inputValue()).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    await shot(page, 'branch-links-en');

    // [SY1] A second branch linked and unlinked, confirmed first.
    await page.getByTestId('link-branch').click();
    await page.getByTestId('link-branch-choice').selectOption(SECOND_BRANCH);
    expect(await page.getByTestId('link-branch-choice').locator('option').count()).toBe(1);
    await page.getByTestId('link-confirm').click();
    await page.getByTestId('link-token-once').waitFor(WAIT);
    expect(await page.getByTestId('link-token').textContent()).toMatch(new RegExp(`^${SECOND_BRANCH}\\.`));
    await page.getByTestId('link-token-done').click();
    const secondRow = table.locator(`tr[data-row="${SECOND_BRANCH}"]`);
    await secondRow.waitFor(WAIT);
    expect(await table.locator('tbody tr[data-row]').count()).toBe(2);
    await page.getByTestId(`unlink-${SECOND_BRANCH}`).click();
    const confirm = page.getByTestId('unlink-dialog');
    expect(await confirm.textContent()).toContain('Link test branch');
    await shot(page, 'branch-links-unlink-en');
    await page.getByTestId('confirm-unlink').click();
    await secondRow.waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByTestId('links-notice').textContent()).toBe('The branch is unlinked.');
    expect(
      (await apiOk<BranchLinkListItem[]>(server.url, 'GET', '/api/v1/admin/branch-links', { token: adminToken })).map(
        (l) => l.branchId,
      ),
    ).toEqual([DEMO_BRANCH]);
    await setLang(page, 'fa');
  });

  it("[SY6][SY7] the branch's supervisor sees their own branch's link and outages, and cannot change them", async () => {
    const page = await newPage();
    await consoleSignIn(page, server.url, 'supervisor', PASSWORD);
    await page.getByTestId('nav-branch-links').click();
    const rows = page.getByTestId('links-table').locator('tbody tr[data-row]');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().getAttribute('data-row')).toBe(DEMO_BRANCH);
    expect(await page.getByTestId('link-branch').count()).toBe(0);
    expect(await page.getByTestId(`unlink-${DEMO_BRANCH}`).count()).toBe(0);
    expect(await page.getByTestId('outages-own-branch').textContent()).toContain('شعبهٔ ۱۴');
    const log = page.getByTestId('outages-table').locator('tbody tr[data-row]');
    await expect.poll(() => log.count(), WAIT).toBe(2);
    await page.evaluate(() => document.fonts.ready);
    await shot(page, 'branch-links-supervisor-fa');
  });
});
