/// <reference lib="dom" />
// Reports in real Chromium against the real server (issue 14: "A Chromium test as a supervisor would:
// picks a Jalali month, sees the charts, downloads the three formats"). Past days of the demo branch
// in Mehr and Aban 1405 are seeded into its live store as the server would have logged them, and the
// server's archiver moves them into the history. The branch's supervisor opens Reports, picks Aban
// 1405, sees both charts drawn (right to left in Persian), the table's figures equal to what
// GET /api/v1/reports answers for the same query, switches the dimension to the hour of day,
// downloads CSV (BOM, Persian headers), XLSX (opened with exceljs) and PDF (%PDF), and opens the
// directive reports. Every page is photographed at 1366×768 in Persian and English
// (tests/.tmp/screenshots/reports-*).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BranchConfig,
  DirectiveReportList,
  jalaliMonthRange,
  type Lang,
  localDigits,
  localized,
  Report,
  toPersianDigits,
} from '@nobat/protocol';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, demoConfigInput } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { seedHistory } from '../../server/src/testing/seed-history.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { startDemoServer } from '../support/demo-server.ts';
import { repoRoot } from '../support/paths.ts';
import { requireOrSkip } from '../support/require.ts';

const PASSWORD = 'reports-e2e-password';
const PERSIAN = /[\u0600-\u06FF]/;
/** The main area's text without the data the office typed in Persian only (marked data-user-text). */
const englishText = (page: Page) =>
  page.locator('#main').evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const data of copy.querySelectorAll('[data-user-text]')) data.remove();
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });
const WAIT = { timeout: 20_000 };
const DOWNLOADS = join(repoRoot, 'tests', '.tmp', 'downloads');
/** Monday 2026-11-23 (2 Azar 1405), 10:00 in Tehran: Aban 1405 is the last full month. */
const NOW = Date.UTC(2026, 10, 23, 6, 30);
/** Aban 1405 is 2026-10-23 – 2026-11-21; Mehr 1405, the month before it, 2026-09-23 – 2026-10-22. */
const ABAN = ['2026-10-24', '2026-10-25', '2026-10-26', '2026-11-01', '2026-11-02', '2026-11-15'];
const MEHR = ['2026-10-03', '2026-10-04', '2026-10-11'];

/** A figure as the page writes it (an independent formatting of the API's numbers). */
const count = (l: Lang, n: number) => localDigits(l, n);
const decimal = (l: Lang, v: number | null, digits: number) => {
  if (v === null) return '–';
  const s = v.toFixed(digits);
  return l === 'fa' ? toPersianDigits(s.replace('.', '٫')) : s;
};
const mins = (l: Lang, ms: number | null) => decimal(l, ms === null ? null : ms / 60_000, 1);
const share = (l: Lang, v: number | null) =>
  v === null ? '–' : `${localDigits(l, Number((v * 100).toFixed(0)))}${l === 'fa' ? '٪' : '%'}`;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console: reports, as a supervisor', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-reports-e2e-'));
  let server: RunningServer;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureAppBuilt('console');
    // Past days in the live store, as the server would have logged them, before it starts …
    const store = openSqliteStore(join(dataDir, 'nobat.sqlite'));
    const config = BranchConfig.parse(demoConfigInput());
    await seedHistory(store, config, [...ABAN, ...MEHR], {
      noShowShare: 0.1,
      perHour: (s) => (s === 'pension' ? 10 : 4),
      open: 8,
      close: 13,
    });
    await store.close();
    server = await startDemoServer({ password: PASSWORD, dataDir, clock: () => NOW });
    url = server.url;
    // … the archiver moves them into the history, which the reports read; and the directives'
    // reports due on 1 Azar (they wait for Aban's days to be archived until the 3rd) are made.
    await server.archiver.runOnce();
    // (A tick under way since the start is joined first; the next one runs after the archive.)
    await server.directiveReports.tick();
    await server.directiveReports.tick();

    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'fa-IR',
      acceptDownloads: true,
    });
    page = await context.newPage();
    // The browser's calendar stands where the server's does, so "the last full month" is Aban 1405.
    await page.clock.setFixedTime(NOW);
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${url}/console/`);
    await page.getByTestId('username').fill('supervisor');
    await page.getByTestId('password').fill(PASSWORD);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('sign-in').click();
    await answered;
    await page.getByTestId('side-menu').waitFor(WAIT);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const getReport = async (query: string): Promise<Report> => {
    const r = await context.request.get(`${url}/api/v1/reports?${query}`);
    expect(r.status(), query).toBe(200);
    return Report.parse(await r.json());
  };
  /** Scrolls so that `testId` is at the top, under the sticky header. */
  const scrollTo = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const query = async () => (await page.getByTestId('reports-page').getAttribute('data-query')) ?? '';
  /** The canvas's painted pixels (a chart drawn is far from empty). */
  const painted = (testId: string) =>
    page.getByTestId(testId).evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });

  /** The page's tables show the report's rows and total, figure by figure, in the page's language. */
  async function expectTables(l: Lang, report: Report) {
    const cells = (table: string, row: string) =>
      page
        .getByTestId(table)
        .locator(`tr[data-row="${row}"] td`)
        .evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-figure'), td.textContent])));
    const rows = [
      ...report.current.rows.map((r) => ({ key: r.key, f: r.figures })),
      { key: 'total', f: report.current.total },
    ];
    expect(
      await page
        .getByTestId('report-counts')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row'))),
    ).toEqual(report.current.rows.map((r) => r.key));
    for (const { key, f } of rows) {
      expect(await cells('report-counts', key), key).toEqual({
        issued: count(l, f.issued),
        served: count(l, f.served),
        noShow: count(l, f.noShow),
        transferred: count(l, f.transferred),
        cancelled: count(l, f.cancelled),
        parked: count(l, f.parked),
      });
      expect(await cells('report-times', key), key).toEqual({
        waitMean: mins(l, f.wait.meanMs),
        waitMedian: mins(l, f.wait.medianMs),
        waitP90: mins(l, f.wait.p90Ms),
        withinTarget: share(l, f.wait.withinTargetShare),
        serveMean: mins(l, f.serve.meanMs),
        serveMedian: mins(l, f.serve.medianMs),
        serveP90: mins(l, f.serve.p90Ms),
      });
    }
  }

  /** Both charts are drawn, with the report's rows as their categories, the first on the reading side. */
  async function expectCharts(l: Lang, report: Report) {
    for (const id of ['chart-counts-canvas', 'chart-waits-canvas']) {
      const canvas = page.getByTestId(id);
      await page.locator(`[data-testid=${id}][data-drawn=true]`).waitFor(WAIT);
      expect(await painted(id), id).toBeGreaterThan(5_000);
      expect(JSON.parse((await canvas.getAttribute('data-labels')) ?? '[]')).toEqual(
        report.current.rows.map((r) => localized(l, r.label)),
      );
      // Persian reads from the right: upright bars (along time) put the first category on the right;
      // bars across (names) grow from the right.
      const alongTime = ['hour', 'weekday', 'day'].includes(report.by);
      expect(await canvas.getAttribute('data-orientation')).toBe(alongTime ? 'upright' : 'across');
      const first = Number(await canvas.getAttribute('data-first-x'));
      const last = Number(await canvas.getAttribute('data-last-x'));
      if (l === 'fa') expect(first).toBeGreaterThan(last);
      else expect(first).toBeLessThan(last);
    }
    const served = JSON.parse((await page.getByTestId('chart-counts-canvas').getAttribute('data-series')) ?? '[]');
    expect(served[0]).toEqual(report.current.rows.map((r) => r.figures.served));
  }

  async function download(testId: string): Promise<{ download: Download; body: Buffer }> {
    const [d] = await Promise.all([page.waitForEvent('download', WAIT), page.getByTestId(testId).click()]);
    const path = await d.path();
    // Kept for a person to open (tests/.tmp/downloads/).
    mkdirSync(DOWNLOADS, { recursive: true });
    await d.saveAs(join(DOWNLOADS, `reports-${d.suggestedFilename()}`));
    return { download: d, body: readFileSync(path) };
  }

  it('[R1][R5] picks Aban 1405: the charts are drawn and the tables equal the API’s report; then by hour', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-page').waitFor(WAIT);
    // The last full month is offered first.
    expect(await page.getByTestId('report-month').inputValue()).toBe('8');
    expect(await page.getByTestId('report-year').inputValue()).toBe('1405');
    // The supervisor sees their own branch, with no branch or province to choose.
    expect(await page.getByTestId('report-own-branch').isVisible()).toBe(true);
    expect(await page.getByTestId('report-branch').count()).toBe(0);
    expect(await page.getByTestId('report-province').count()).toBe(0);

    // Mehr first, then Aban: the month picked is the month reported.
    await page.getByTestId('report-month').selectOption('7');
    await page.getByTestId('report-show').click();
    const mehr = jalaliMonthRange(1405, 7);
    await expect.poll(query, WAIT).toContain(`from=${mehr.from}&to=${mehr.to}`);
    await page.getByTestId('report-month').selectOption('8');
    await page.getByTestId('report-show').click();
    const aban = jalaliMonthRange(1405, 8);
    await expect
      .poll(query, WAIT)
      .toBe(`from=${aban.from}&to=${aban.to}&branchId=${DEMO_BRANCH}&by=service&compare=true`);
    const report = await getReport(await query());
    // The seeded days are there: every visit of Aban's six days, against Mehr's three before it.
    expect(report.current.total.issued).toBeGreaterThan(100);
    expect(report.current.rows.length).toBeGreaterThan(1);
    expect(report.previous?.total.issued ?? 0).toBeGreaterThan(0);
    await page.getByTestId('report-counts').waitFor(WAIT);

    for (const l of ['fa', 'en'] as const) {
      await setLang(page, l);
      expect(await page.getByTestId('report-period').textContent()).toBe(l === 'fa' ? 'آبان ۱۴۰۵' : 'Aban 1405');
      await expectTables(l, report);
      await expectCharts(l, report);
      // This period against the last: the served count and its previous.
      const served = (await page.getByTestId('compare-served').textContent()) ?? '';
      expect(served).toContain(count(l, report.current.total.served));
      expect(served).toContain(count(l, report.previous?.total.served ?? -1));
      // [RD] Units and posts are the office's own words, in Persian only (data-user-text): left out.
      if (l === 'en') expect(await englishText(page)).not.toMatch(PERSIAN);
      else expect(await page.locator('#main').innerText()).not.toMatch(/[0-9]/);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `reports-month-${l}`);
      await scrollTo('report-compare');
      await shot(page, `reports-charts-${l}`);
    }

    // The dimension switched: by hour of day, in time order, the same as the API's.
    await setLang(page, 'fa');
    await page.getByTestId('report-by').selectOption('hour');
    await expect.poll(query, WAIT).toContain('by=hour');
    const byHour = await getReport(await query());
    expect(byHour.current.rows.map((r) => Number(r.key))).toEqual(
      [...byHour.current.rows.map((r) => Number(r.key))].sort((a, b) => a - b),
    );
    expect(byHour.current.total).toEqual(report.current.total);
    await expect
      .poll(() => page.getByTestId('report-counts').locator('tbody tr').count(), WAIT)
      .toBe(byHour.current.rows.length);
    for (const l of ['fa', 'en'] as const) {
      await setLang(page, l);
      await expectTables(l, byHour);
      await expectCharts(l, byHour);
      await scrollTo('report-compare');
      // The tooltip of the first hour (on the right in Persian), for the eye: its digits and direction.
      const canvas = page.getByTestId('chart-counts-canvas');
      const box = await canvas.boundingBox();
      const firstX = Number(await canvas.getAttribute('data-first-x'));
      if (box) await page.mouse.move(box.x + firstX, box.y + box.height * 0.6);
      await shot(page, `reports-by-hour-${l}`);
      await page.mouse.move(0, 0);
    }

    // Every other dimension a supervisor has: the same rows and figures as the API's.
    await setLang(page, 'fa');
    for (const by of ['counter', 'clerk', 'weekday', 'day'] as const) {
      await page.getByTestId('report-by').selectOption(by);
      await expect.poll(query, WAIT).toContain(`by=${by}`);
      const r = await getReport(await query());
      expect(r.current.rows.length, by).toBeGreaterThan(0);
      await expect
        .poll(() => page.getByTestId('report-counts').locator('tbody tr').first().getAttribute('data-row'), WAIT)
        .toBe(r.current.rows[0]?.key);
      await expectTables('fa', r);
      await expectCharts('fa', r);
      if (by === 'day') {
        // Aban's six seeded days, in time order.
        expect(r.current.rows.map((row) => row.key)).toEqual(ABAN);
        await scrollTo('report-compare');
        await shot(page, 'reports-by-day-fa');
      }
    }
    await page.getByTestId('report-by').selectOption('hour');
    await expect.poll(query, WAIT).toContain('by=hour');
  });

  it('[R8] downloads the report as CSV, Excel and PDF, with the session’s cookie', async () => {
    await setLang(page, 'fa');
    const q = await query();
    expect(q).toContain('by=hour');

    const csv = await download('download-csv');
    expect(csv.download.url()).toBe(`${url}/api/v1/reports/export?${q}&format=csv&lang=fa`);
    expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
    // UTF-8 with a BOM, so Excel opens Persian; the headers in Persian.
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.body.toString('utf8');
    expect(text).toMatch(PERSIAN);
    expect(text).toContain('میانگین انتظار');

    const xlsx = await download('download-xlsx');
    expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const values: unknown[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        values.push(cell.value);
      });
    });
    expect(values.some((v) => typeof v === 'string' && PERSIAN.test(v))).toBe(true);
    // Numbers are numbers: the total served is among the cells.
    const report = await getReport(q);
    expect(values).toContain(report.current.total.served);

    const pdf = await download('download-pdf');
    expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // In English the files are English.
    await setLang(page, 'en');
    const en = await download('download-csv');
    expect(en.download.url()).toContain('lang=en');
    expect([...en.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const enText = en.body.toString('utf8');
    expect(enText).toContain('Mean wait');
    expect(enText).not.toMatch(PERSIAN);
  });

  it('[DR1][DR4][DR6] the directive reports: the list the API answers, each downloadable', async () => {
    const r = await context.request.get(`${url}/api/v1/directive-reports`);
    expect(r.status()).toBe(200);
    const list = DirectiveReportList.parse(await r.json());
    await page.getByTestId('nav-directive-reports').click();
    await page.getByTestId('directive-table').waitFor(WAIT);
    for (const l of ['fa', 'en'] as const) {
      await setLang(page, l);
      const rows = page.getByTestId('directive-table').locator('tbody tr[data-row]');
      await expect.poll(() => rows.count(), WAIT).toBe(list.reports.length);
      // [RD] Units and posts are the office's own words, in Persian only (data-user-text): left out.
      if (l === 'en') expect(await englishText(page)).not.toMatch(PERSIAN);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot(page, `reports-directive-${l}`);
    }
    // The server's clock is past the 1st of Azar: Aban's monthly CRM report of the branch is made,
    // from the archived days.
    const aban = list.reports.find((m) => m.kind === 'crm-monthly' && m.period.jalali === '1405-08');
    expect(aban).toBeDefined();
    await setLang(page, 'fa');
    const row = page.getByTestId('directive-table').locator(`tr[data-row="${aban?.id}"]`);
    expect(await row.getByTestId('directive-period').textContent()).toBe('آبان ۱۴۰۵');
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const [d] = await Promise.all([
        page.waitForEvent('download', WAIT),
        row.getByTestId(`directive-${format}`).click(),
      ]);
      const body = readFileSync(await d.path());
      expect(d.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      if (format === 'csv') expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      if (format === 'pdf') expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (format === 'xlsx') expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('[R1] a range of Jalali days typed from the keyboard (Persian digits); an impossible day is refused', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-form').waitFor(WAIT);
    await setLang(page, 'fa');
    await page.getByTestId('period-range').check();
    // Esfand 30 of 1404 does not exist (1404 is not a leap year): the field says so, nothing is asked.
    const before = await query();
    await page.getByTestId('report-from').fill('۱۴۰۴/۱۲/۳۰');
    await page.getByTestId('report-to').fill('۱۴۰۵/۰۸/۱۰');
    await page.getByTestId('report-to').press('Enter');
    await page.locator('[data-field-error]').first().waitFor(WAIT);
    expect(await page.locator('[data-field-error]').first().textContent()).toMatch(PERSIAN);
    expect(await query()).toBe(before);
    // 3–10 Aban 1405, typed and sent with Enter.
    await page.getByTestId('report-from').fill('');
    await page.getByTestId('report-from').pressSequentially('۱۴۰۵/۰۸/۰۳');
    await page.getByTestId('report-from').press('Enter');
    await expect.poll(query, WAIT).toContain('from=2026-10-25&to=2026-11-01');
    expect(await page.getByTestId('report-period').textContent()).toBe('از ۱۴۰۵/۰۸/۰۳ تا ۱۴۰۵/۰۸/۱۰');
    const report = await getReport(await query());
    // The range holds three of the seeded days; the period before it is as long (8 days).
    expect(report.current.total.issued).toBeGreaterThan(0);
    expect(report.previous).toMatchObject({ from: '2026-10-17', to: '2026-10-24' });
    await page.getByTestId('report-counts').waitFor(WAIT);
    await expect
      .poll(
        () => page.getByTestId('report-counts').locator('tr[data-row=total] td[data-figure=issued]').textContent(),
        WAIT,
      )
      .toBe(count('fa', report.current.total.issued));
    await shot(page, 'reports-range-fa');
  });

  it('[R1] an admin filters by province, branch and grade, and reports by branch', async () => {
    const admin = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' });
    const p = await admin.newPage();
    await p.clock.setFixedTime(NOW);
    p.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await p.goto(`${url}/console/reports`);
    await p.getByTestId('username').fill('admin');
    await p.getByTestId('password').fill(PASSWORD);
    await p.getByTestId('sign-in').click();
    await p.getByTestId('reports-form').waitFor(WAIT);
    // The sub-service filter waits for a branch.
    expect(await p.getByTestId('report-service').isDisabled()).toBe(true);
    await p.getByTestId('report-province').selectOption('sso-tehran');
    await p.getByTestId('report-branch').selectOption(DEMO_BRANCH);
    await p.getByTestId('report-branch-type').selectOption({ index: 1 });
    await expect.poll(() => p.getByTestId('report-service').isDisabled(), WAIT).toBe(false);
    await p.getByTestId('report-service').selectOption('pension');
    await p.getByTestId('report-show').click();
    const q = () => p.getByTestId('reports-page').getAttribute('data-query');
    await expect
      .poll(q, WAIT)
      .toMatch(/provinceId=sso-tehran&branchId=[^&]+&branchType=\d&serviceId=pension&by=service/);
    await p.getByTestId('report-by').selectOption('branch');
    await expect.poll(q, WAIT).toContain('by=branch');
    const r = await admin.request.get(`${url}/api/v1/reports?${await q()}`);
    const report = Report.parse(await r.json());
    expect(report.current.rows.map((row) => row.key)).toEqual([DEMO_BRANCH]);
    await expect
      .poll(
        () => p.getByTestId('report-counts').locator('tr[data-row=total] td[data-figure=served]').textContent(),
        WAIT,
      )
      .toBe(count('fa', report.current.total.served));
    expect(report.current.total.served).toBeGreaterThan(0);
    await p.locator('[data-testid=chart-counts-canvas][data-drawn=true]').waitFor(WAIT);
    await shot(p, 'reports-admin-fa');
    await admin.close();
  });
});
