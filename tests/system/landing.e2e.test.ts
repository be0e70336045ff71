// The front door and the API documentation in real Chromium, under the real security headers: the
// landing page (Persian first, right to left) links every app, and /api/docs renders the OpenAPI
// document with Swagger UI from this server's own files — no CDN, not one CSP violation.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { type DemoServer, startDemo } from '../support/demo-server.ts';
import { repoRoot } from '../support/paths.ts';
import { requireOrSkip } from '../support/require.ts';

const SHOTS = join(repoRoot, 'tests', '.tmp', 'screenshots');

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('landing page and API docs', () => {
  let demo: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    demo = await startDemo('landing-e2e', 'landing-e2e-password');
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** A page that records console errors, CSP violations and every request that left this server. */
  async function open(path: string): Promise<{ page: Page; problems: string[]; foreign: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(demo.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.exposeFunction('reportViolation', (text: string) => problems.push(`csp: ${text}`));
    await page.addInitScript({
      content:
        "document.addEventListener('securitypolicyviolation', (e) => reportViolation(e.violatedDirective + ' blocked ' + e.blockedURI));",
    });
    await page.goto(`${demo.url}${path}`);
    return { page, problems, foreign };
  }

  it('/ is a right-to-left Persian page linking the kiosk, display, desk, console and API docs', async () => {
    const { page, problems, foreign } = await open('/');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('fa');
    const links = await page.locator('nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['/kiosk/', '/display/', '/counter/', '/console/', '/api/docs']);
    await page.evaluate('document.fonts.ready.then(() => true)');
    expect(await page.evaluate("document.fonts.check('16px Vazirmatn', 'نوبت')")).toBe(true);
    // Nothing overflows the window sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SHOTS, 'landing-1366.png'), fullPage: true });
    // A phone's width: the cards stack, nothing sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'landing-390.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('/api/docs renders every documented operation from local files, without a violation', async () => {
    const { page, problems, foreign } = await open('/api/docs');
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    const doc = (await (await fetch(`${demo.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    expect(await page.locator('.info .title').innerText()).toContain('Nobat API');
    await page.screenshot({ path: join(SHOTS, 'api-docs-1366.png') });
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});
