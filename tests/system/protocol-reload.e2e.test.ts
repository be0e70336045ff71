// [UP7] A hall screen, a kiosk and the console, built with this protocol version, opened in real Chromium on a
// server that serves only newer ones: each is told `protocol-outdated` (the screen by its socket's
// connect_error, the console by its first REST call's 426), reloads itself once, and then — still too
// old after the reload — stays put instead of reloading in a loop.
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';

const NEWER = PROTOCOL_VERSION + 1;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('[UP7] an app too old for the server', () => {
  let demo: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    ensureAppBuilt('display');
    ensureAppBuilt('console');
    ensureAppBuilt('kiosk');
    demo = await startDemo('protocol-reload', 'protocol-reload-password', {
      env: { NOBAT_OLDEST_PROTOCOL: String(NEWER) },
    });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /**
   * Opens `path` and resolves once the page has said it will not reload again: how many times its
   * document was loaded by then, and the protocol header of every API call it made.
   */
  async function openOld(path: string): Promise<{ page: Page; navigations: number; stated: (string | undefined)[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    let navigations = 0;
    const stated: (string | undefined)[] = [];
    page.on('request', (r) => {
      // A document load of the page (a same-document change of address, as the kiosk makes, is none).
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigations++;
      if (new URL(r.url()).pathname.startsWith('/api/')) stated.push(r.headers()[PROTOCOL_HEADER]);
    });
    const heldBack = page.waitForEvent('console', {
      predicate: (m) => m.text().includes('not reloading again'),
      timeout: 60_000,
    });
    await page.goto(`${demo.url}${path}`);
    await heldBack;
    return { page, navigations, stated };
  }

  it('a hall screen (told on its socket) reloads once, then stays', async () => {
    const { page, navigations } = await openOld(`/display/?branch=${DEMO_BRANCH}`);
    try {
      expect(navigations).toBe(2);
      expect(await page.evaluate(() => sessionStorage.getItem('nobat:upgrade-reload-at'))).toMatch(/^\d+$/);
    } finally {
      await page.context().close();
    }
  });

  it('a kiosk (its device token in the address) reloads once, then stays', async () => {
    const { page, navigations } = await openOld(`/kiosk/?token=${encodeURIComponent(demoToken('kiosk-1'))}`);
    try {
      expect(navigations).toBe(2);
    } finally {
      await page.context().close();
    }
  });

  it('the console (told by a REST call, which states its version) reloads once, then stays', async () => {
    const { page, navigations, stated } = await openOld('/console/');
    try {
      expect(navigations).toBe(2);
      expect(stated.length).toBeGreaterThanOrEqual(2);
      expect(new Set(stated)).toEqual(new Set([String(PROTOCOL_VERSION)]));
    } finally {
      await page.context().close();
    }
  });
});
