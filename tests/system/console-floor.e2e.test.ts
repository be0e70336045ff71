// A branch's floor plan in the console, in real Chromium against the demo server: an admin edits a
// sub-service (numbering, cap, information package, workflow table) and the counters × sub-services
// grid, saves, and the server has exactly that; a refused save names the offending field in the
// server's words and changes nothing; a save from a stale tab is refused with who changed it and
// when, and does not overwrite the colleague. Every tab is photographed in Persian and English at
// 1366×768 (tests/.tmp/screenshots/console-floor-*.png).
//
// The page is mounted alone through console/src/floor/testing/ (a tiny entry with room for the
// console's menu), built here with Vite and served on the demo server's origin by the browser, so
// the session cookie and the API are the real ones.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { BranchConfig, ConfigEnvelope } from '@nobat/protocol';
import preact from '@preact/preset-vite';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, launchBrowser, screenshotPath, shot } from '../support/browser.ts';
import { type DemoServer, startDemo } from '../support/demo-server.ts';
import { repoRoot } from '../support/paths.ts';
import { requireOrSkip } from '../support/require.ts';

const PASSWORD = 'console-floor-e2e-password';
const ADMIN_NAME = 'مدیر سامانه';
const BOOKLET = 'booklet-renewal';
const WAIT = { timeout: 20_000 };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Builds the floor plan's test entry into a temporary directory. */
async function buildEntry(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(repoRoot, 'console', 'src', 'floor', 'testing'),
    base: '/floor-test/',
    plugins: [preact()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
}

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))("console: a branch's floor plan", () => {
  const out = mkdtempSync(join(tmpdir(), 'nobat-floor-app-'));
  let demo: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const serverConfig = async (): Promise<ConfigEnvelope> => {
    const r = await context.request.get(`${demo.url}/api/v1/admin/branches/${DEMO_BRANCH}`);
    expect(r.status()).toBe(200);
    return (await r.json()) as ConfigEnvelope;
  };
  const serviceIndex = (cfg: BranchConfig, id: string) => cfg.services.findIndex((s) => s.id === id);
  const open = async (p: Page, lang: 'fa' | 'en' = 'fa') => {
    await p.goto(`${demo.url}/floor-test/index.html?branch=${DEMO_BRANCH}&lang=${lang}&role=admin`);
    await p.getByTestId('floor-plan').waitFor(WAIT);
    await p.evaluate('document.fonts.ready');
  };
  const tab = (p: Page, id: string) => p.getByTestId(`tab-${id}`).click();
  const saveAndWait = async (p: Page, status = 200) => {
    const answered = p.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/admin/branches/${DEMO_BRANCH}`),
      WAIT,
    );
    await p.getByTestId('save').click();
    expect((await answered).status()).toBe(status);
  };
  /** Fills a field the way a person does: select what is there, type over it. */
  const typeInto = async (p: Page, testId: string, text: string) => {
    const field = p.getByTestId(testId);
    await field.click();
    await field.press('Control+A');
    await field.pressSequentially(text);
  };

  const serveEntry = (route: Route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/floor-test\//, '') || 'index.html';
    return route.fulfill({
      body: readFileSync(join(out, path)),
      contentType: TYPES[extname(path)] ?? 'application/octet-stream',
    });
  };

  beforeAll(async () => {
    demo = await startDemo('console-floor', PASSWORD);
    await buildEntry(out);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // The built page is served on the server's own origin, so its requests carry the session cookie.
    await context.route(`${demo.url}/floor-test/**`, serveEntry);
    const signedIn = await context.request.post(`${demo.url}/api/v1/auth/login`, {
      data: { username: 'admin', password: PASSWORD },
    });
    expect(signedIn.status()).toBe(200);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('edits a sub-service and who serves it, saves, and the server has exactly that', async () => {
    await open(page);
    const before = await serverConfig();
    expect(await page.getByTestId('dirty-state').textContent()).toBe('همه‌چیز ذخیره شده است');

    await tab(page, 'services');
    await page.getByTestId(`service-item-${BOOKLET}`).click();
    await typeInto(page, 'numbering-prefix', 'b');
    await typeInto(page, 'numbering-digits', '۴');
    await typeInto(page, 'service-cap', '۵۰۰');
    // The preview follows the numbering as it is typed: a capital prefix, four digits, Persian digits.
    await expect.poll(() => page.getByTestId('numbering-preview').textContent(), WAIT).toContain('B۵۰۰۱');
    expect(await page.getByTestId('numbering-preview').textContent()).toContain('B۵۹۹۹');
    expect(await page.getByTestId('dirty-state').textContent()).toBe('تغییرهای ذخیره‌نشده');

    // The information package: one more step, in both languages.
    await page.getByTestId('section-info').click();
    const steps = page.getByTestId('info-steps');
    await steps.getByRole('button', { name: /افزودن مرحله/ }).click();
    const newStep = steps.locator('li').last();
    await newStep.locator('input').nth(0).fill('تحویل رسید');
    await newStep.locator('input').nth(1).fill('Receipt handed over');

    // The workflow table: two rows, the second moved to the top; the rows stay numbered 1, 2.
    await page.getByTestId('section-workflow').click();
    const rows = page.getByTestId('workflow-row');
    await page.getByTestId('workflow-add').click();
    await rows.last().locator('input').first().fill('ثبت در سامانه');
    await page.getByTestId('workflow-add').click();
    await rows.last().locator('input').first().fill('بررسی مدارک');
    await rows
      .last()
      .getByRole('button', { name: /بالا بردن/ })
      .click();
    await expect.poll(() => page.getByTestId('workflow-row-number').allTextContents(), WAIT).toEqual(['۱', '۲']);
    await page.getByTestId('section-general').click();

    // Who serves what: counter 1 starts serving booklets (weight 5), counter 4 stops registering.
    await tab(page, 'counters');
    await typeInto(page, `cell-counter-1-${BOOKLET}`, '۵');
    await page.getByTestId('cell-counter-4-registration').fill('');
    // [B7–B9] Counter 2 calls the longest-waiting ticket first; the others keep the branch's mode.
    expect(await page.getByTestId('counter-balancing-counter-2').inputValue()).toBe('');
    await page.getByTestId('counter-balancing-counter-2').selectOption('longest-wait');

    await saveAndWait(page);
    await expect.poll(() => page.getByTestId('dirty-state').textContent(), WAIT).toBe('همه‌چیز ذخیره شده است');
    expect(await page.getByTestId('notice-banner').textContent()).toContain('ذخیره شد');

    const after = await serverConfig();
    expect(after.version).toBe(before.version + 1);
    const booklet = after.config.services[serviceIndex(after.config, BOOKLET)];
    expect(booklet?.numbering).toEqual({ prefix: 'B', from: 5001, to: 5999, digits: 4 });
    expect(booklet?.dailyCap).toBe(500);
    expect(booklet?.info.steps.at(-1)).toEqual({ fa: 'تحویل رسید', en: 'Receipt handed over' });
    expect(booklet?.workflow.map((w) => [w.row, w.title])).toEqual([
      [1, 'بررسی مدارک'],
      [2, 'ثبت در سامانه'],
    ]);
    const served = (id: string) => after.config.counters.find((c) => c.id === id)?.services;
    expect(served('counter-1')).toContainEqual({ serviceId: BOOKLET, weight: 5 });
    expect(served('counter-4')?.map((s) => s.serviceId)).toEqual([BOOKLET]);
    const mode = (id: string) => after.config.counters.find((c) => c.id === id)?.balancing;
    expect([mode('counter-1'), mode('counter-2')]).toEqual([undefined, 'longest-wait']);
    // Nothing else moved: the other sub-services and the clerks are as they were.
    expect(after.config.services.filter((s) => s.id !== BOOKLET)).toEqual(
      before.config.services.filter((s) => s.id !== BOOKLET),
    );
    expect(after.config.clerks).toEqual(before.config.clerks);
  });

  it('a refused save puts the server’s message on the field, keeps the edits, and changes nothing', async () => {
    await open(page);
    const before = await serverConfig();
    const i = serviceIndex(before.config, BOOKLET);
    await tab(page, 'services');
    await page.getByTestId(`service-item-${BOOKLET}`).click();
    await typeInto(page, 'service-cap', '۰');
    await tab(page, 'groups'); // the refusal brings the page back to the field
    await saveAndWait(page, 422);

    const field = page.locator(`[data-path="services.${i}.dailyCap"]`);
    await field.locator('[data-field-error]').waitFor(WAIT);
    expect(await field.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('error-banner').textContent()).toContain('ذخیره نشد');
    expect(await page.getByTestId('tab-services').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('service-cap').inputValue()).toBe('۰');
    await shot(page, 'console-floor-field-error-fa');
    expect(await serverConfig()).toEqual(before);

    // Leaving by a link asks first; staying keeps every edit.
    await page.getByTestId('leave-link').click();
    await page.getByTestId('confirm-dialog').waitFor(WAIT);
    await page.getByTestId('confirm-cancel').click();
    expect(await page.getByTestId('service-cap').inputValue()).toBe('۰');
    expect(new URL(page.url()).searchParams.get('left')).toBeNull();

    await page.getByTestId('discard').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('dirty-state').textContent(), WAIT).toBe('همه‌چیز ذخیره شده است');
    expect(await page.getByTestId('service-cap').inputValue()).toBe('۵۰۰');
  });

  it('leaving with unsaved edits by a link, once agreed, leaves', async () => {
    await open(page);
    await tab(page, 'priorities');
    await page.getByTestId('priority-pregnant').locator('input').first().fill('مادر باردار');
    await page.getByTestId('leave-link').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForURL(/left=1/, WAIT);
  });

  it('a save from a stale tab is refused with who changed it and when, and overwrites nothing', async () => {
    await open(page);
    const stale = await context.newPage();
    await open(stale);

    // The first tab saves: a new version.
    await tab(page, 'priorities');
    await page.getByTestId('priority-elderly').locator('input').first().fill('سالمند (بالای ۶۰ سال)');
    // Saved from the keyboard (Ctrl+S).
    const put = page.waitForResponse((r) => r.request().method() === 'PUT', WAIT);
    await page.keyboard.press('Control+S');
    expect((await put).status()).toBe(200);
    const saved = await serverConfig();

    // The second tab, still on the old version, saves something else.
    await tab(stale, 'priorities');
    await stale.getByTestId('priority-veteran').locator('input').first().fill('ایثارگر و جانباز');
    await saveAndWait(stale, 409);
    const banner = stale.getByTestId('conflict-banner');
    await banner.waitFor(WAIT);
    expect(await stale.getByTestId('conflict-who').textContent()).toContain(ADMIN_NAME);
    expect(await stale.getByTestId('conflict-who').textContent()).toMatch(/ساعت [۰-۹]{2}:[۰-۹]{2}/);
    expect(await stale.getByTestId('save').isDisabled()).toBe(true);
    await shot(stale, 'console-floor-conflict-fa');
    expect(await serverConfig()).toEqual(saved);

    await stale.getByTestId('conflict-reload').click();
    await banner.waitFor({ state: 'detached', ...WAIT });
    expect(await stale.getByTestId('priority-elderly').locator('input').first().inputValue()).toBe(
      'سالمند (بالای ۶۰ سال)',
    );
    expect(await stale.getByTestId('dirty-state').textContent()).toBe('همه‌چیز ذخیره شده است');
    await stale.close();
  });

  it('exports, imports back, lists every problem of a refused file row by row, and copies the branch', async () => {
    await open(page);
    await tab(page, 'bulk');
    const before = await serverConfig();

    const downloaded = page.waitForEvent('download', WAIT);
    await page.getByTestId('export-json').click();
    const file = join(out, 'exported.json');
    await (await downloaded).saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { version: number; config: BranchConfig };
    expect(exported.config).toEqual(before.config);

    // The same file back: applied whole, a new version.
    const imported = page.waitForResponse((r) => r.url().includes('/import?version='), WAIT);
    await page.getByTestId('import-file').setInputFiles(file);
    expect((await imported).status()).toBe(200);
    await page.getByTestId('notice-banner').waitFor(WAIT);
    const after = await serverConfig();
    expect(after.version).toBe(before.version + 1);
    expect(after.config).toEqual(before.config);

    // A file with a numbering running backwards and an unknown group: refused, every problem listed.
    const bad = structuredClone(exported);
    const first = bad.config.services[0] as BranchConfig['services'][number];
    first.numbering.to = 1;
    (bad.config.services[1] as BranchConfig['services'][number]).groupId = 'no-such-group';
    const badFile = join(out, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const refused = page.waitForResponse((r) => r.url().includes('/import?version='), WAIT);
    await page.getByTestId('import-file').setInputFiles(badFile);
    expect((await refused).status()).toBe(422);
    const problems = page.getByTestId('import-problems');
    await problems.waitFor(WAIT);
    expect(await problems.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('error-banner').textContent()).toContain('هیچ چیز تغییر نکرد');
    await shot(page, 'console-floor-import-refused-fa');
    expect((await serverConfig()).version).toBe(after.version);

    // A copy into a new branch: its sub-services and counters, no clerks.
    await page.getByTestId('copy-id').fill('sso-tehran-15');
    await page.getByTestId('copy-name-fa').fill('سازمان تأمین اجتماعی — شعبهٔ ۱۵ تهران');
    const copied = page.waitForResponse((r) => r.url().endsWith('/copy'), WAIT);
    await page.getByTestId('copy-submit').click();
    expect((await copied).status()).toBe(201);
    await page.getByTestId('notice-banner').waitFor(WAIT);
    const copy = await context.request.get(`${demo.url}/api/v1/admin/branches/sso-tehran-15`);
    expect(copy.status()).toBe(200);
    const made = (await copy.json()) as ConfigEnvelope;
    expect(made.config.services).toEqual(after.config.services);
    expect(made.config.counters).toEqual(after.config.counters);
    expect(made.config.clerks).toEqual([]);
  });

  it('a supervisor edits and saves their own branch, and is not offered a copy', async () => {
    const theirs = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      await theirs.route(`${demo.url}/floor-test/**`, serveEntry);
      const signedIn = await theirs.request.post(`${demo.url}/api/v1/auth/login`, {
        data: { username: 'supervisor', password: PASSWORD },
      });
      expect(signedIn.status()).toBe(200);
      const p = await theirs.newPage();
      await p.goto(`${demo.url}/floor-test/index.html?branch=${DEMO_BRANCH}&lang=fa&role=supervisor`);
      await p.getByTestId('floor-plan').waitFor(WAIT);
      await tab(p, 'counters');
      await typeInto(p, 'cell-counter-6-finance', '۹');
      await saveAndWait(p);
      const after = await serverConfig();
      expect(after.config.counters.find((c) => c.id === 'counter-6')?.services).toContainEqual({
        serviceId: 'finance',
        weight: 9,
      });
      await tab(p, 'bulk');
      expect(await p.getByTestId('export-json').isVisible()).toBe(true);
      expect(await p.getByTestId('copy-form').count()).toBe(0);
    } finally {
      await theirs.close();
    }
  });

  it('every tab, in Persian and in English, fits 1366×768', async () => {
    for (const lang of ['fa', 'en'] as const) {
      await open(page, lang);
      const views: [string, () => Promise<void>][] = [
        ['groups', () => tab(page, 'groups')],
        [
          'services',
          async () => {
            await tab(page, 'services');
            await page.getByTestId('section-general').click();
          },
        ],
        ['info', () => page.getByTestId('section-info').click()],
        [
          'workflow',
          async () => {
            await page.getByTestId(`service-item-premium-list`).click();
            await page.getByTestId('section-workflow').click();
          },
        ],
        ['priorities', () => tab(page, 'priorities')],
        ['counters', () => tab(page, 'counters')],
        [
          'counters-many',
          async () => {
            // Fourteen more counters: the grid scrolls inside its box, its headers stay.
            for (let n = 0; n < 14; n++) await page.getByTestId('counter-add').click();
            const box = `document.querySelector('[data-testid="service-grid"]')`;
            expect(await page.evaluate(`${box}.scrollWidth > ${box}.clientWidth`)).toBe(true);
            await page.evaluate(`${box}.scrollLeft = getComputedStyle(${box}).direction === 'rtl' ? -240 : 240`);
            await page.evaluate('window.scrollTo(0, 0)');
          },
        ],
        [
          'bulk',
          async () => {
            await page.getByTestId('discard').click();
            await page.getByTestId('confirm-ok').click();
            await tab(page, 'bulk');
          },
        ],
      ];
      for (const [name, show] of views) {
        await show();
        // Nothing sticks out sideways: the page itself never scrolls horizontally.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
        await shot(page, `console-floor-${name}-${lang}`);
        // The whole tab too, below the fold, for a person to look at.
        await page.screenshot({ path: screenshotPath(`console-floor-${name}-${lang}-full`), fullPage: true });
        await expectAccessible(page, `floor ${name} ${lang}`);
        if (lang === 'en') {
          // No Persian in English: the demo office gives its titles in both languages; what is typed
          // into fields and people's names (the office's own Persian texts) are left out.
          const text = (await page.evaluate(`(() => {
            const clone = document.querySelector('[data-testid="floor-plan"]').cloneNode(true);
            for (const own of clone.querySelectorAll('input, select, [data-own-text]')) own.remove();
            return clone.textContent;
          })()`)) as string;
          expect(text, name).not.toMatch(/[\u0600-\u06FF]/);
        }
      }
    }
  });
  it('[AP1] a sub-service is made bookable online: slot length, places per slot, days ahead', async () => {
    await open(page);
    await tab(page, 'services');
    await page.getByTestId('service-item-finance').click();
    expect(await page.getByTestId('service-per-slot').count()).toBe(0);
    await typeInto(page, 'service-slot-minutes', '۲۰');
    await typeInto(page, 'service-per-slot', '۴');
    await typeInto(page, 'service-days-ahead', '۵');
    await page.getByTestId('service-appointments').scrollIntoViewIfNeeded();
    await shot(page, 'console-floor-appointments-fa');
    await saveAndWait(page);
    const after = await serverConfig();
    expect(after.config.services[serviceIndex(after.config, 'finance')]?.appointments).toEqual({
      slotMinutes: 20,
      perSlot: 4,
      daysAhead: 5,
      graceMinutes: 15,
    });
    // Emptied, the sub-service is no longer booked online.
    await typeInto(page, 'service-slot-minutes', '');
    await page.getByTestId('service-slot-minutes').press('Backspace');
    await saveAndWait(page);
    const cleared = await serverConfig();
    expect(cleared.config.services[serviceIndex(cleared.config, 'finance')]?.appointments).toBeUndefined();
  });
});
