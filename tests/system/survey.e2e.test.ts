// [SU1][SU3] The satisfaction survey on a 390×844 phone, in Chromium against a real server: a ticket
// served and finished through the API, its tracking page links to the survey, the visitor answers
// every question by keyboard-usable radio groups, sees the thank-you, and a second visit of the link
// says it was already answered. Screenshots in Persian and English, checked with axe-core.
import {
  jalaliMonthRange,
  SURVEY_QUESTION_IDS,
  type SurveyForm,
  type SurveyResults,
  toJalali,
  toPersianDigits,
} from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot as screenshot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { api, counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'survey-e2e-demo-password';
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('the satisfaction survey on a phone', () => {
  let demo: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const shots: string[] = [];
  const base = () => {
    const url = demo?.running?.url;
    if (!url) throw new Error('server not running');
    return url;
  };
  const phone = async (): Promise<Page> => {
    if (!browser) throw new Error('browser not running');
    const context = await browser.newContext(PHONE_VIEW);
    contexts.push(context);
    return context.newPage();
  };
  const shot = async (page: Page, name: string) => {
    shots.push(await screenshot(page, name));
    await expectAccessible(page, name);
  };
  /** A ticket of the premium list served and finished at counter-1 by clerk1. */
  const served = async () => {
    const clerk = await login(base(), 'clerk1', PASSWORD);
    const t = await issueTicket(base(), demoToken('kiosk-1'), 'premium-list');
    await counterAction(base(), clerk, 'counter-1', 'open').catch(() => undefined);
    await counterAction(base(), clerk, 'counter-1', 'call-next');
    await counterAction(base(), clerk, 'counter-1', 'start');
    return { t, finish: () => counterAction(base(), clerk, 'counter-1', 'finish') };
  };

  beforeAll(async () => {
    ensureAppBuilt('kiosk');
    ensureAppBuilt('console');
    demo = await startDemo('survey-e2e', PASSWORD);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (shots.length > 0) console.log(`survey screenshots:\n${shots.map((p) => `  ${p}`).join('\n')}`);
  });

  it('[SU1][SU3] after the visit: tracking page → survey link → answer in Persian → thank-you; again → already answered', async () => {
    const { t, finish } = await served();
    const page = await phone();
    // Before the visit ends, the survey link is not there and the survey page says it is not open.
    await page.goto(`${base()}/s/${encodeURIComponent(t.id)}`);
    await page.getByTestId('survey-not-open').waitFor();
    await page.goto(t.trackingUrl);
    await page.locator('[data-testid="track-status"][data-status="serving"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('track-survey').count()).toBe(0);
    await finish();
    await page.getByTestId('track-survey').waitFor({ timeout: 20_000 });
    await shot(page, 'survey-01-tracking-finished-fa');
    await page.getByTestId('track-survey').click();
    await page.getByTestId('survey-form').waitFor();
    expect(page.url()).toBe(`${base()}/s/${encodeURIComponent(t.id)}`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByTestId('survey-number').textContent()).toBe(toPersianDigits(t.number));
    // The six axes as sections, each question a radio group with its legend, the guide's words.
    expect(await page.locator('section.axis h2').allTextContents()).toEqual([
      'شفافیت فرایندی',
      'پاسخگویی و مسئولیت پذیری',
      'تسلط بر فرایند',
      'زمان فرایند',
      'نظام مند بودن فرایند',
      'کلیت فرایند',
    ]);
    expect(await page.getByRole('group', { name: '۱۶. احساس رضایت از کل خدمت دریافت شده' }).count()).toBe(1);
    await shot(page, 'survey-02-form-fa');

    // Sending with a question unanswered says so and sends nothing.
    await page.getByRole('button', { name: 'ارسال نظر' }).click();
    await page.getByRole('alert').waitFor();
    expect((await api(base(), 'GET', `/api/v1/tickets/${encodeURIComponent(t.id)}/survey`)).body.answered).toBe(false);

    await page.getByRole('radio', { name: 'زن' }).check();
    await page.getByLabel('سن').fill('۳۴');
    // Every question by keyboard: focus its first level (خیلی زیاد) and move with the arrow keys.
    for (const [i, id] of SURVEY_QUESTION_IDS.entries()) {
      const first = page.locator(`input[name="${id}"]`).first();
      await first.focus();
      await page.keyboard.press('Space');
      if (i % 2 === 1) await page.keyboard.press('ArrowLeft'); // RTL: the next level (زیاد)
    }
    await page.getByRole('textbox', { name: /مرقوم فرمایید/ }).fill('سالن انتظار صندلی بیشتری لازم دارد');
    await page.getByRole('button', { name: 'ارسال نظر' }).click();
    await page.getByTestId('survey-thanks').waitFor();
    await shot(page, 'survey-03-thanks-fa');
    const form = (await api(base(), 'GET', `/api/v1/tickets/${encodeURIComponent(t.id)}/survey`)).body as SurveyForm;
    expect(form.answered).toBe(true);

    // The link again: already answered; and a second answer through the API is refused.
    const again = await phone();
    await again.goto(`${base()}/s/${encodeURIComponent(t.id)}`);
    await again.getByTestId('survey-answered').waitFor();
    await shot(again, 'survey-04-already-fa');
    const second = await api(base(), 'POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/survey`, {
      body: { answers: Object.fromEntries(SURVEY_QUESTION_IDS.map((id) => [id, 1])) },
    });
    expect(second.status).toBe(409);
    // The answers the keyboard gave: خیلی زیاد (5) and زیاد (4) in turn; results by axis say so.
    const admin = await login(base(), 'admin', PASSWORD);
    const day = form.day;
    const results = await api<SurveyResults>(base(), 'GET', `/api/v1/survey/results?from=${day}&to=${day}&by=axis`, {
      token: admin,
    });
    expect(results.status).toBe(200);
    expect(results.body.answers).toBe(1);
    // Overall is q16 (even index 15 → 4); transparency q1,q2,q3 → 5,4,5.
    const overall = results.body.rows.find((r) => r.key === 'overall');
    expect(overall).toMatchObject({ mean: 4, distribution: [0, 0, 0, 1, 0] });
  });

  it('[SU1] in English: the same survey, left to right, without Persian where English exists', async () => {
    const { t, finish } = await served();
    await finish();
    const page = await phone();
    await page.goto(`${base()}/s/${encodeURIComponent(t.id)}`);
    await page.getByTestId('survey-form').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Visitor satisfaction survey' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.getByTestId('survey-number').textContent()).toBe(t.number);
    expect(await page.locator('section.axis h2').first().textContent()).toBe('Process transparency');
    await shot(page, 'survey-05-form-en');
    for (const id of SURVEY_QUESTION_IDS) await page.locator(`input[name="${id}"][value="3"]`).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('survey-thanks').waitFor();
    await shot(page, 'survey-06-thanks-en');
  });

  it('[SU1] the counter’s tablet (a display device) offers the survey of the visit the counter just finished', async () => {
    if (!browser) throw new Error('browser not running');
    const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
    contexts.push(context);
    const tablet = await context.newPage();
    await tablet.goto(
      `${base()}/s/?branch=${DEMO_BRANCH}&counter=counter-1&token=${encodeURIComponent(demoToken('display-1'))}`,
    );
    // The token leaves the address once kept.
    await tablet.getByTestId('tablet-idle').waitFor();
    expect(tablet.url()).not.toContain('token=');
    const { t, finish } = await served();
    await finish();
    await expect
      .poll(() => tablet.getByTestId('survey-number').textContent(), { timeout: 15_000 })
      .toBe(toPersianDigits(t.number));
    await shot(tablet, 'survey-07-tablet-fa');
    for (const id of SURVEY_QUESTION_IDS) await tablet.locator(`input[name="${id}"][value="5"]`).check();
    await tablet.getByRole('button', { name: 'ارسال نظر' }).click();
    await tablet.getByTestId('survey-thanks').waitFor();
    const form = (await api(base(), 'GET', `/api/v1/tickets/${encodeURIComponent(t.id)}/survey`)).body as SurveyForm;
    expect(form.answered).toBe(true);
    // Then it waits for the next visitor (after the thank-you).
    await tablet.getByTestId('tablet-idle').waitFor({ timeout: 20_000 });
  });

  it('[SU5][SU6] the console’s reports page shows the month’s survey results by axis and by clerk', async () => {
    if (!browser) throw new Error('browser not running');
    // This test's own answer, and whatever the tests before answered this month.
    const { t, finish } = await served();
    await finish();
    const body = { answers: Object.fromEntries(SURVEY_QUESTION_IDS.map((id) => [id, 2])) };
    const sent = await api(base(), 'POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/survey`, { body });
    expect(sent.status).toBe(201);
    const admin = await login(base(), 'admin', PASSWORD);
    const today = toJalali(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Tehran' }));
    const range = jalaliMonthRange(today.jy, today.jm);
    const query = `from=${range.from}&to=${range.to}`;
    const expected = await api(base(), 'GET', `/api/v1/survey/results?${query}`, { token: admin });
    expect(expected.body.answers).toBeGreaterThan(0);

    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base()}/console/`);
    await page.getByTestId('username').fill('admin');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('side-menu').waitFor({ timeout: 15_000 });
    await page.goto(`${base()}/console/reports`);
    await page.getByTestId('report-year').selectOption(String(today.jy));
    await page.getByTestId('report-month').selectOption(String(today.jm));
    await page.getByTestId('report-show').click();
    const section = page.getByTestId('survey-results');
    await expect
      .poll(() => section.getByTestId('survey-total').textContent(), { timeout: 15_000 })
      .toContain(toPersianDigits(expected.body.answers as number));
    await expect.poll(() => section.locator('tbody tr').first().textContent()).toContain('شفافیت فرایندی');
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'survey-08-console-axis-fa');
    await page.getByTestId('survey-by').selectOption('clerk');
    await expect.poll(() => section.locator('tbody tr').count()).toBe(1);
    expect(await section.locator('tbody tr').first().textContent()).toContain('کارمند باجهٔ ۱');
  });
});
