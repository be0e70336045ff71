// What axe-core cannot see, checked in real Chromium against a real server: the visitor's phone page
// zooms; on the kiosk, focus follows each new screen to its heading; the number pad is a named modal
// dialog that keeps focus, closes on Esc, gives focus back, and does not clip at 200% text; the hall
// screen and the phone page say each call to a screen reader through a live region.
import { callText } from '@nobat/protocol';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../kiosk/src/i18n.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'a11y-e2e-password';
const KIOSK_TOKEN = demoToken('kiosk-1');
const KIOSK_VIEW = { viewport: { width: 1920, height: 1080 }, hasTouch: true } as const;
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const MOBILE_TITLE = t('fa', 'mobile');

/** What has focus: its tag, its text, whether it is inside the open dialog, and whether it matches `selector`. */
const focused = (page: Page, selector = '*') =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName ?? null,
      text: el?.textContent?.trim() ?? '',
      inDialog: !!el?.closest('dialog[open]'),
      matches: !!el?.matches(${JSON.stringify(selector)}),
    };
  })()`) as Promise<{ tag: string | null; text: string; inDialog: boolean; matches: boolean }>;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('accessibility in a browser', () => {
  let demo: DemoServer;
  let browser: Browser;
  let url: string;
  let clerk: string;
  const contexts: BrowserContext[] = [];

  const newPage = async (view: BrowserContextOptions) => {
    const context = await browser.newContext(view);
    contexts.push(context);
    return context.newPage();
  };
  const openKiosk = async () => {
    const page = await newPage(KIOSK_VIEW);
    await page.goto(`${url}/kiosk/?token=${encodeURIComponent(KIOSK_TOKEN)}`);
    await page.getByTestId('group-registration').waitFor();
    return page;
  };
  /** Opens the confirm screen of booklet renewal. */
  const toConfirm = async (page: Page) => {
    await page.getByTestId('group-registration').tap();
    await page.getByTestId('service-booklet-renewal').tap();
    await page.getByTestId('take').waitFor();
  };

  /** Counter 4 calls until it calls ticket `id`; whoever is called before it is marked a no-show. */
  const callTicket = async (id: string) => {
    for (let i = 0; i < 50; i++) {
      const current = await counterAction(url, clerk, 'counter-4', 'call-next').catch(async () => {
        await counterAction(url, clerk, 'counter-4', 'no-show');
        return counterAction(url, clerk, 'counter-4', 'call-next');
      });
      if (current.ticket?.id === id) return;
      if (!current.ticket) break;
    }
    throw new Error(`counter 4 did not call ${id}`);
  };

  beforeAll(async () => {
    ensureAppBuilt('kiosk');
    ensureAppBuilt('display');
    demo = await startDemo('a11y-e2e', PASSWORD);
    url = demo.url;
    clerk = await login(url, 'clerk4', PASSWORD);
    await counterAction(url, clerk, 'counter-4', 'open');
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('the tracking page lets the visitor zoom; the kiosk, a shared touch screen, does not', async () => {
    const ticket = await issueTicket(url, KIOSK_TOKEN, 'booklet-renewal');
    const phone = await newPage(PHONE_VIEW);
    await phone.goto(`${url}/t/${encodeURIComponent(ticket.id)}`);
    await phone.getByTestId('track-number').waitFor();
    const viewport = await phone.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport).toBe('width=device-width, initial-scale=1');
    await expectAccessible(phone, 'the tracking page');

    const kiosk = await openKiosk();
    expect(await kiosk.locator('meta[name="viewport"]').getAttribute('content')).toContain('user-scalable=no');
  });

  it('the tracking page says the call to a screen reader (live region)', async () => {
    const ticket = await issueTicket(url, KIOSK_TOKEN, 'booklet-renewal');
    const phone = await newPage(PHONE_VIEW);
    await phone.goto(`${url}/t/${encodeURIComponent(ticket.id)}`);
    await phone.getByTestId('track-number').waitFor();
    const region = phone.getByTestId('track-announcer');
    expect(await region.getAttribute('aria-live')).toBe('assertive');
    expect((await region.textContent())?.trim()).toBe('');
    await callTicket(ticket.id);
    const said = callText('fa', ticket.number, 4);
    await expect.poll(() => region.textContent(), { timeout: 20_000 }).toBe(said);
    expect((await region.boundingBox())?.width, 'visually hidden').toBeLessThanOrEqual(1);
    await expectAccessible(phone, 'the tracking page, called');
  });

  it('on every kiosk screen change, focus goes to the new screen’s heading, not to the page body', async () => {
    const page = await openKiosk();
    /** Focus is on the heading `selector`, with its text. */
    const heading = async (selector: string, text: string) => {
      await expect.poll(() => focused(page, selector)).toMatchObject({ matches: true, text });
    };
    const title = 'تمدید و تأمین اعتبار دفترچهٔ درمانی';
    expect((await focused(page)).tag, 'the first screen leaves focus alone').toBe('BODY');
    await page.getByTestId('group-registration').tap();
    await heading('h2.prompt', t('fa', 'chooseService'));
    await page.getByTestId('service-booklet-renewal').tap();
    await heading('.confirm h2', title);
    await page.getByTestId('info').tap();
    await page.getByTestId('info-page').waitFor();
    await heading('.info h2', title);
    await expectAccessible(page, 'the information screen');
    await page.getByRole('button', { name: t('fa', 'back') }).tap();
    await page.getByTestId('take').waitFor();
    await heading('.confirm h2', title);
    // Picking a priority is not a new screen: focus stays on the button pressed.
    await page.locator('[data-testid^="priority-"]').first().focus();
    await page.locator('[data-testid^="priority-"]').first().tap();
    expect((await focused(page)).tag).toBe('BUTTON');
    await page.getByTestId('take').tap();
    await page.getByTestId('number').waitFor();
    await heading('.result [data-heading]', t('fa', 'yourNumber'));
    await page.getByTestId('done').tap();
    await page.getByTestId('group-registration').waitFor();
    await heading('h2.prompt', t('fa', 'chooseGroup'));
  });

  it('the number pad is a named modal dialog: focus stays in it, Esc closes it, focus returns to its button', async () => {
    const page = await openKiosk();
    await toConfirm(page);
    await page.getByTestId('mobile').focus();
    await page.getByTestId('mobile').tap();
    const dialog = page.getByRole('dialog', { name: MOBILE_TITLE });
    await dialog.waitFor();
    expect(await page.evaluate('document.querySelector("dialog").matches(":modal")')).toBe(true);
    expect((await focused(page)).inDialog, 'focus moves into the dialog').toBe(true);
    await expectAccessible(page, 'the number pad');
    // Tab and Shift+Tab go round the dialog's controls and never leave it.
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inDialog, `Tab ${i + 1}`).toBe(true);
    }
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).inDialog, `Shift+Tab ${i + 1}`).toBe(true);
    }
    await page.getByTestId('key-0').tap();
    await page.getByTestId('key-9').tap();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: MOBILE_TITLE });
    // Cancelled: nothing typed is kept.
    expect(await page.getByTestId('mobile').textContent()).toBe(MOBILE_TITLE);

    // Closed by its own buttons, focus returns too.
    await page.getByTestId('national-id').focus();
    await page.getByTestId('national-id').tap();
    await page.getByRole('dialog', { name: t('fa', 'nationalId') }).waitFor();
    await page.getByRole('button', { name: t('fa', 'cancel') }).tap();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await focused(page)).text).toBe(t('fa', 'nationalId'));
  });

  it('at 200% text size no key of the number pad clips its label, every key is inside the dialog, the number in sight', async () => {
    for (const lang of ['fa', 'en'] as const) {
      const page = await openKiosk();
      // The browser's own text size setting at 200% (16 px → 32 px), as a reader sets it: rem in
      // the page and in media queries follows it.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      if (lang === 'en') await page.getByTestId('lang').tap();
      await toConfirm(page);
      await page.getByTestId('mobile').tap();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await page.getByTestId('key-0').tap();
      await page.getByTestId('key-8').tap();
      expect(await page.evaluate('getComputedStyle(document.documentElement).fontSize')).toBe('32px');
      const keys = (await page.evaluate(`(() => {
        const d = document.querySelector('dialog[open]');
        const box = d.getBoundingClientRect();
        return [...d.querySelectorAll('button')].map((b) => {
          const r = b.getBoundingClientRect();
          return {
            text: b.textContent,
            clipped: b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight,
            inside: r.left >= box.left && r.right <= box.right,
            height: b.offsetHeight,
          };
        });
      })()`)) as { text: string; clipped: boolean; inside: boolean; height: number }[];
      expect(keys.length).toBe(13);
      expect(keys.filter((k) => k.clipped || !k.inside)).toEqual([]);
      // What has been typed stays in sight: the whole dialog fits the kiosk's screen.
      const fits = await page.evaluate(`(() => {
        const d = document.querySelector('dialog[open]');
        const r = d.getBoundingClientRect();
        return d.scrollHeight <= d.clientHeight && r.top >= 0 && r.bottom <= innerHeight;
      })()`);
      expect(fits, 'the pad fits the screen without scrolling').toBe(true);
      // The keys grew with the text (5.25rem at 32px), they did not stay at their 16px size.
      for (const k of keys.filter((x) => /^[0-9۰-۹]$/.test(x.text))) expect(k.height).toBeGreaterThanOrEqual(168);
      await shot(page, `a11y-pad-200-${lang}`);
    }
  });

  it('the hall screen says each call, a recall too, to a screen reader (live region)', async () => {
    const hall = await newPage({ viewport: { width: 1920, height: 1080 } });
    await hall.goto(`${url}/display/?branch=${DEMO_BRANCH}&sound=off`);
    await hall.getByTestId('latest').waitFor();
    const region = hall.getByTestId('call-announcer');
    expect(await region.getAttribute('aria-live')).toBe('assertive');
    // A call from before the screen opened is shown, not announced.
    expect((await region.textContent())?.trim()).toBe('');

    const ticket = await issueTicket(url, KIOSK_TOKEN, 'booklet-renewal');
    await callTicket(ticket.id);
    const said = callText('fa', ticket.number, 4);
    await expect.poll(() => region.textContent(), { timeout: 20_000 }).toBe(said);
    expect((await region.boundingBox())?.width, 'visually hidden').toBeLessThanOrEqual(1);
    // A recall replaces the region's content with the same words, so it is said again.
    await hall.evaluate('document.querySelector(\'[data-testid="call-announcer"] p\').dataset.before = "1"');
    await counterAction(url, clerk, 'counter-4', 'recall');
    await expect.poll(() => region.locator('p[data-before]').count(), { timeout: 20_000 }).toBe(0);
    expect(await region.textContent()).toBe(said);
    await expectAccessible(hall, 'the hall screen after a call');
  });
});
