/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The back office in the console, in real Chromium against the demo server (issue 16 points 2–3):
// a clerk serves a ticket and turns the visit into a request over HTTP; the officer of the workflow's
// first unit signs in to their unit's inbox (the request there, overdue once the server's clock has
// moved past its agreed time), takes it and completes it; it appears live in the next unit's inbox,
// whose officer returns it with a reason; the first unit completes it again; the next unit completes
// its step and, at the last step, issues the response notice with every جدول ۴ field. An admin makes
// an officer on the users page. The inbox, the request page, the response form and the users page
// are photographed in Persian and English (/tmp/shots/console/ and tests/.tmp/screenshots/).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromJalali, type RequestView, toJalali, toPersianDigits } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { RESPONDED_WALK } from '../../server/src/testing/request-walk.ts';
import { axeViolations } from '../support/axe.ts';
import { chromiumAvailable, consoleSignIn, ensureAppBuilt, launchBrowser, setLang, shot } from '../support/browser.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'requests-console-e2e-password';
const PERSIAN = /[\u0600-\u06FF]/;
const WAIT = { timeout: 20_000 };
const DAY = 24 * 60 * 60_000;
const SHOTS = '/tmp/shots/console';
const fa = (s: string) => toPersianDigits(s);
/** A tracking code as the console writes it: 3-3-4. */
const grouped = (code: string) => `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('console: the units’ inboxes and a request', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nobat-requests-console-e2e-'));
  /** The server's clock runs this far ahead of the wall clock (moved on, never slept on). */
  const skew = { ms: 0 };
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let request: RequestView;

  beforeAll(async () => {
    ensureAppBuilt('console');
    mkdirSync(SHOTS, { recursive: true });
    server = await startDemoServer({ password: PASSWORD, dataDir, clock: () => Date.now() + skew.ms });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fa-IR' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return page;
  }

  const signIn = (page: Page, username: string) => consoleSignIn(page, server.url, username, PASSWORD);

  /** Sideways overflow, the interface's own words in Persian on the English page, serious axe findings. */
  async function problems(page: Page, language: 'fa' | 'en'): Promise<string[]> {
    const found: string[] = [];
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 0) found.push(`page overflows sideways by ${overflow}px`);
    if (language === 'en') {
      const leaks = await page.evaluate((pattern) => {
        const re = new RegExp(pattern);
        return [
          ...document.querySelectorAll<HTMLElement>(
            'nav, h1, h2, thead, label, legend, .ui-field__hint, .ui-banner, .ui-button:not([lang]), .muted',
          ),
        ]
          .filter((el) => !el.closest('[data-user-text]'))
          .map((el) => {
            const copy = el.cloneNode(true) as HTMLElement;
            for (const data of copy.querySelectorAll('[data-user-text], option')) data.remove();
            return copy.textContent ?? '';
          })
          .filter((text) => re.test(text));
      }, PERSIAN.source);
      if (leaks.length) found.push(`Persian in English: ${leaks.join(' | ')}`);
    }
    for (const v of await axeViolations(page)) found.push(`axe ${v.id}: ${v.help} — ${v.targets.join('; ')}`);
    return found;
  }

  /** The page in Persian and English, whole (`name`-fa.png, `name`-en.png), each checked. */
  async function photograph(page: Page, name: string) {
    for (const language of ['fa', 'en'] as const) {
      await setLang(page, language);
      await page.waitForTimeout(50); // one frame for the re-render after the switch
      await shot(page, `requests-console-${name}-${language}`);
      // The whole page from its top (a sticky header photographed mid-page would cover a part).
      const y = await page.evaluate(() => window.scrollY);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `${name}-${language}.png`), fullPage: true });
      await page.evaluate((top) => window.scrollTo(0, top), y);
      expect(await problems(page, language), `${name} (${language})`).toEqual([]);
    }
    await setLang(page, 'fa');
  }

  /** The request as the server has it now. */
  const current = async (token: string) =>
    apiOk<RequestView>(server.url, 'GET', `/api/v1/requests/${encodeURIComponent(request.id)}`, { token });

  async function openRequest(page: Page) {
    await page.getByTestId(`open-${request.code}`).click();
    await page.getByTestId('request-page').waitFor(WAIT);
  }
  /** Waits for the page to show the request at `version` (a move's answer, or a live change). */
  const atVersion = (page: Page, version: number) =>
    page.locator(`[data-testid=request-page][data-version="${version}"]`).waitFor(WAIT);

  it('a clerk makes a request from a served ticket', async () => {
    const clerk = await login(server.url, 'clerk1', PASSWORD);
    const ticket = await issueTicket(server.url, demoToken('kiosk-1'), 'premium-debt');
    await counterAction(server.url, clerk, 'counter-1', 'open');
    await counterAction(server.url, clerk, 'counter-1', 'call-next');
    await counterAction(server.url, clerk, 'counter-1', 'start');
    await counterAction(server.url, clerk, 'counter-1', 'finish');
    request = await apiOk<RequestView>(server.url, 'POST', '/api/v1/requests', {
      token: clerk,
      status: 201,
      body: {
        ticketId: ticket.id,
        applicant: { fullName: 'مریم احمدی', nationalId: '0012345679', mobile: '09121234567' },
        notes: 'کارفرما تقسیط ۱۲ ماهه خواسته است.',
      },
    });
    expect(request.state).toBe('in-progress');
    expect(request.steps.map((s) => s.unit)).toEqual(['واحد اجرائیات', 'واحد درآمد', 'واحد درآمد']);
    // Three days on by the server's clock: the first step (two working days) is past its time.
    skew.ms += 3 * DAY;
  });

  it('the first unit’s officer lands on their inbox, takes the request and completes it; it reaches the next unit live', async () => {
    const enforcement = await newPage();
    await signIn(enforcement, 'officer-enforcement');
    await enforcement.waitForURL(/\/console\/inbox$/, WAIT);
    const row = enforcement.locator(`[data-row="${request.code}"]`);
    await row.waitFor(WAIT);
    // The code 3-3-4 in Persian digits; the step past its due time marked.
    expect(await row.locator('[data-col=code]').textContent()).toBe(fa(grouped(request.code)));
    expect(await row.getAttribute('data-overdue')).toBe('true');
    expect(await row.locator('[data-col=applicant]').textContent()).toBe('مریم احمدی');
    expect(await row.locator('[data-col=status]').textContent()).toBe('در انتظار پذیرش');
    await photograph(enforcement, 'inbox');

    // The next unit's officer has their inbox open, empty for now.
    const revenue = await newPage();
    await signIn(revenue, 'officer-revenue');
    await revenue.waitForURL(/\/console\/inbox$/, WAIT);
    await revenue.locator('.ui-table__empty').waitFor(WAIT);

    await openRequest(enforcement);
    expect(await enforcement.getByTestId('request-state').textContent()).toBe('در جریان');
    expect(await enforcement.locator('[data-mark=current]').getAttribute('data-step')).toBe('0');
    await enforcement.getByTestId('move-accept').click();
    await atVersion(enforcement, 2);
    expect(await enforcement.getByTestId('current-status').textContent()).toContain('کارشناس اجرائیات');
    await photograph(enforcement, 'request');

    await enforcement.getByTestId('choose-complete').click();
    await enforcement.getByTestId('field-note').fill('بدهی کارگاه ۴۸ میلیون ریال است.');
    await enforcement.getByTestId('move-complete').click();
    await atVersion(enforcement, 3);
    expect(await enforcement.getByTestId('request-notice').textContent()).toBe('به مرحلهٔ بعد فرستاده شد.');
    expect(await enforcement.getByTestId('no-moves').count()).toBe(1);

    // Live: the row arrives in the revenue unit's open inbox, not overdue (its step has just begun).
    const arrived = revenue.locator(`[data-row="${request.code}"]`);
    await arrived.waitFor(WAIT);
    expect(await arrived.getAttribute('data-overdue')).toBeNull();
    expect(await arrived.locator('[data-col=step]').textContent()).toBe('محاسبهٔ اقساط');
  });

  it('the next unit returns it with a reason; the first unit completes it again', async () => {
    const [enforcement, revenue] = contexts.map((c) => c.pages()[0] as Page) as [Page, Page];
    await openRequest(revenue);
    await revenue.getByTestId('move-accept').click();
    await atVersion(revenue, 4);
    await revenue.getByTestId('choose-return').click();
    expect(await revenue.getByTestId('form-return').textContent()).toContain('استعلام بدهی کارگاه');
    await revenue.getByTestId('field-reason').fill('فهرست بدهی دوره‌های ۱۴۰۲ پیوست نشده است.');
    await revenue.getByTestId('move-return').click();
    await atVersion(revenue, 5);

    // Back in the first unit's inbox (live), pending again.
    await enforcement.getByTestId('back').click();
    const back = enforcement.locator(`[data-row="${request.code}"]`);
    await back.waitFor(WAIT);
    await openRequest(enforcement);
    const returned = enforcement.locator('[data-event=StepReturned]');
    expect(await returned.textContent()).toContain('فهرست بدهی دوره‌های ۱۴۰۲ پیوست نشده است.');
    expect(await returned.textContent()).toContain('کارشناس واحد درآمد');

    // A change made elsewhere (the same officer's other tab takes it) shows on the open page at once.
    const token = await login(server.url, 'officer-enforcement', PASSWORD);
    await apiOk(server.url, 'POST', `/api/v1/requests/${encodeURIComponent(request.id)}/accept`, {
      token,
      body: { version: 5 },
    });
    await atVersion(enforcement, 6);
    expect(await enforcement.getByTestId('request-notice').textContent()).toBe(
      'درخواست در این میان تغییر کرد و آخرین وضعیتش نشان داده شد.',
    );
    await enforcement.getByTestId('choose-complete').click();
    await enforcement.getByTestId('field-note').fill('فهرست پیوست شد.');
    await enforcement.getByTestId('move-complete').click();
    await atVersion(enforcement, 7);
  });

  it('the next unit completes its step and issues the response with every جدول ۴ field', async () => {
    const revenue = contexts[1]?.pages()[0] as Page;
    await revenue.getByTestId('back').click();
    await revenue.locator(`[data-row="${request.code}"]`).waitFor(WAIT);
    await openRequest(revenue);
    await revenue.getByTestId('move-accept').click();
    await atVersion(revenue, 8);
    await revenue.getByTestId('choose-complete').click();
    await revenue.getByTestId('move-complete').click();
    await atVersion(revenue, 9);
    // The last step is at the same unit: taken again, then the response form is the move.
    await revenue.getByTestId('move-accept').click();
    await atVersion(revenue, 10);
    const form = revenue.getByTestId('form-respond');
    await form.waitFor(WAIT);
    expect(await revenue.getByTestId('field-issuer-post').inputValue()).toBe('رئیس واحد درآمد');

    // The appeal deadline a month on, typed in Persian digits; the form repeats it in words.
    const serverToday = new Date(Date.now() + skew.ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Tehran' });
    const j = toJalali(new Date(Date.parse(`${serverToday}T12:00:00Z`) + 30 * DAY).toISOString().slice(0, 10));
    const appeal = `${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`;
    await revenue.getByTestId('field-legal-basis').fill('مادهٔ ۴۰ قانون تأمین اجتماعی و آیین‌نامهٔ تقسیط بدهی.');
    await revenue.getByTestId('field-answer').fill('با تقسیط بدهی در ۱۲ قسط ماهانه موافقت شد.');
    await revenue.getByTestId('field-appeal-to').fill('هیئت تشخیص مطالبات سازمان');
    await revenue.getByTestId('field-appeal-until').fill(fa(appeal));
    await revenue.getByTestId('field-remarks').fill('نخستین قسط تا پایان ماه جاری.');
    await revenue.getByTestId('field-appeal-until-words').waitFor(WAIT);
    await form.scrollIntoViewIfNeeded();
    await photograph(revenue, 'response-form');

    await revenue.getByTestId('move-respond').click();
    await atVersion(revenue, 11);
    expect(await revenue.getByTestId('request-state').textContent()).toBe('پاسخ صادر شده');
    const notice = revenue.getByTestId('request-response');
    expect(await notice.textContent()).toContain('هیئت تشخیص مطالبات سازمان');
    expect(await revenue.getByTestId('response-link').getAttribute('href')).toBe(
      `/api/v1/requests/${encodeURIComponent(request.id)}/response?lang=fa`,
    );
    expect(await revenue.getByTestId('receipt-link').getAttribute('href')).toContain('/receipt?lang=fa');
    // Both documents open on the officer's session: PDFs.
    for (const link of ['response-link', 'receipt-link']) {
      const href = await revenue.getByTestId(link).getAttribute('href');
      const file = await revenue.request.get(`${server.url}${href}`);
      expect(file.status(), link).toBe(200);
      expect(file.headers()['content-type']).toContain('application/pdf');
      expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await revenue.getByTestId('request-history').scrollIntoViewIfNeeded();
    await photograph(revenue, 'request-responded');

    const token = await login(server.url, 'officer-revenue', PASSWORD);
    const done = await current(token);
    expect(done.state).toBe('responded');
    expect(done.response).toMatchObject({
      legalBasis: 'مادهٔ ۴۰ قانون تأمین اجتماعی و آیین‌نامهٔ تقسیط بدهی.',
      answer: 'با تقسیط بدهی در ۱۲ قسط ماهانه موافقت شد.',
      appealTo: 'هیئت تشخیص مطالبات سازمان',
      appealUntil: fromJalali(j.jy, j.jm, j.jd),
      remarks: 'نخستین قسط تا پایان ماه جاری.',
      issuer: { name: 'کارشناس واحد درآمد', post: 'رئیس واحد درآمد' },
    });
    expect(done.events.map((e) => e.type)).toEqual(RESPONDED_WALK);
  });

  it('the supervisor finds the request among the branch’s requests', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor');
    await page.getByTestId('nav-requests').click();
    await page.getByTestId('branch-requests-page').waitFor(WAIT);
    await page.getByTestId('filter-state').selectOption('responded');
    const row = page.locator(`[data-row="${request.code}"]`);
    await row.waitFor(WAIT);
    await page.getByTestId('filter-q').fill(fa(grouped(request.code)));
    await page.getByTestId('filter-find').click();
    await expect.poll(() => page.locator('tbody tr[data-row]').count(), WAIT).toBe(1);
    await photograph(page, 'branch-requests');
    await openRequest(page);
    expect(await page.getByTestId('request-state').textContent()).toBe('پاسخ صادر شده');
    expect(await page.getByTestId('choose-deliver').count()).toBe(1);
  });

  it('the supervisor’s reports evaluate the units over the days of the request', async () => {
    const page = contexts[2]?.pages()[0] as Page;
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-page').waitFor(WAIT);
    const day = (offsetDays: number) => {
      const iso = new Date(Date.now() + skew.ms + offsetDays * DAY).toLocaleDateString('en-CA', {
        timeZone: 'Asia/Tehran',
      });
      const j = toJalali(iso);
      return fa(`${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`);
    };
    await page.getByTestId('period-range').check();
    await page.getByTestId('report-from').fill(day(-5));
    await page.getByTestId('report-to').fill(day(1));
    await page.getByTestId('report-show').click();
    const section = page.getByTestId('unit-evaluation');
    // Every unit has its row even with nothing counted [UE1], so rows alone do not say the chosen period
    // has loaded: wait for the request made in it.
    await expect.poll(() => page.getByTestId('requests-created').textContent(), WAIT).toContain('۱');
    expect(await section.getAttribute('aria-busy')).toBeNull();
    expect(await page.getByTestId('requests-responded').textContent()).toContain('۱');
    const units = await section.locator('tbody tr[data-row] td:first-child').allTextContents();
    expect(units).toEqual(expect.arrayContaining(['واحد اجرائیات', 'واحد درآمد']));
    await section.scrollIntoViewIfNeeded();
    await photograph(page, 'unit-evaluation');
  });

  it('an admin makes an officer of a unit on the users page', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor(WAIT);
    await page.getByTestId('new-user').click();
    const editor = page.getByTestId('user-editor');
    await editor.getByTestId('field-username').fill('officer-new');
    await editor.getByTestId('field-name').fill('زهرا کریمی');
    await editor.getByTestId('field-role').selectOption('officer');
    await editor.getByTestId('field-branch').selectOption(DEMO_BRANCH);
    const unit = editor.getByTestId('field-unit');
    await expect.poll(() => unit.locator('option').allTextContents(), WAIT).toContain('واحد درآمد');
    await unit.selectOption('واحد درآمد');
    await photograph(page, 'users-officer');
    await editor.getByTestId('save').click();
    await page.getByTestId('users-notice').waitFor(WAIT);
    expect(await page.getByTestId('unit-officer-new').textContent()).toBe('واحد درآمد');
    await photograph(page, 'users');
  });
});
