// The clerk's جدول ۲ downloaded from the desk in real Chromium (server SPEC XP5): the day view (G)
// offers CSV, Excel and PDF in the desk's language; a click downloads the file the server makes, on
// the session cookie alone. In English the links and the file are English.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'clerk-log-export-e2e-password';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('جدول ۲ downloads at the desk', () => {
  let demo: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receipt: string;

  beforeAll(async () => {
    ensureAppBuilt('counter');
    demo = await startDemo('clerk-log-export-e2e', PASSWORD);
    // clerk3 serves one ticket through the API, so their log has a row.
    const clerk = await login(demo.url, 'clerk3', PASSWORD);
    const ticket = await issueTicket(demo.url, demoToken('kiosk-1'), 'insured-record');
    receipt = ticket.number;
    await counterAction(demo.url, clerk, 'counter-3', 'open');
    await counterAction(demo.url, clerk, 'counter-3', 'call-next');
    await counterAction(demo.url, clerk, 'counter-3', 'start');
    await counterAction(demo.url, clerk, 'counter-3', 'finish');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const download = async (testId: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  };

  it('[XP5] offers the three files in Persian and downloads each on the session cookie', async () => {
    await page.goto(`${demo.url}/counter/`);
    await page.getByTestId('username').fill('clerk3');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('call-next').waitFor(); // the desk reopens at the counter clerk3 holds
    await page.keyboard.press('g');
    await page.getByTestId('day-view').waitFor();
    const links = page.locator('nav.downloads a');
    expect(await links.allTextContents()).toEqual(['CSV', 'اکسل', 'PDF']);
    expect(await page.locator('nav.downloads').getAttribute('aria-label')).toBe('دریافت فایل');
    await shot(page, 'counter-10-day-downloads');
    await expectAccessible(page, 'day-downloads');

    const csv = await download('download-csv');
    expect(csv.name).toMatch(/^table-2-clerk3-\d{4}-\d\d-\d\d\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('شماره رسید,عنوان زیرخدمت مورد تقاضا');
    expect(text).toContain(`\r\n${receipt},`);

    const xlsx = await download('download-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, as every XLSX is
    const pdf = await download('download-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('[XP5] in English the links and the file are English', async () => {
    await page.keyboard.press('g'); // back to the desk, where the language switch is
    await page.getByTestId('language').click();
    await page.getByText('Next ticket').waitFor();
    await page.keyboard.press('g');
    await page.getByTestId('day-view').waitFor();
    expect(await page.locator('nav.downloads a').allTextContents()).toEqual(['CSV', 'Excel', 'PDF']);
    await shot(page, 'counter-11-day-downloads-en');
    const csv = await download('download-csv');
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Receipt no.,Sub-service requested');
    expect(text).toContain(`\r\n${receipt},`);
  });
});
