// The clerk's desk in real Chromium against a real server: sign in, take a counter, call the ticket a
// kiosk issued, serve it, check documents, transfer, park and call back, call a number, no-show,
// pause and resume, the day's tally and جدول ۲, English, a lost connection and an expired session.
// The server's state is checked after each step; the keys are pressed as a clerk would.
import {
  type ClerkDay,
  type ClerkDesk,
  type CounterSummary,
  type TicketTracking,
  toPersianDigits,
} from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot as screenshot } from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, counterAction, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'counter-e2e-password';
const fa = toPersianDigits;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('clerk’s desk in a browser', () => {
  let demo: DemoServer;
  let browser: Browser;
  let url: string;
  let page: Page;
  let clerk4: string; // a session of clerk4's own, to read the desk as the server has it
  let clerk5: string;
  const kiosk = demoToken('kiosk-1');

  const issue = (serviceId = 'booklet-renewal') => issueTicket(url, kiosk, serviceId);
  const tracked = (id: string) => apiOk<TicketTracking>(url, 'GET', `/api/v1/tickets/${encodeURIComponent(id)}`);
  const counter = async (id: string) =>
    (await apiOk<CounterSummary[]>(url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/counters`)).find((c) => c.id === id);
  const desk = (token: string) => apiOk<ClerkDesk>(url, 'GET', '/api/v1/clerks/me/desk', { token });
  /** Saves a screenshot of the desk and checks it with axe-core (no serious or critical violation). */
  const shot = async (name: string) => {
    await screenshot(page, `counter-${name}`);
    await expectAccessible(page, name);
  };
  const currentNumber = () => page.getByTestId('current-number').textContent();
  /** A key as the Persian layout sends it: the physical key's code with a Persian character. */
  const persianKey = (code: string, key: string) =>
    page.evaluate(
      `window.dispatchEvent(new KeyboardEvent('keydown', { code: '${code}', key: '${key}', bubbles: true }))`,
    );
  const dir = () => page.evaluate('document.documentElement.dir');

  beforeAll(async () => {
    ensureAppBuilt('counter');
    ensureAppBuilt('kiosk'); // the visitor's tracking page
    demo = await startDemo('counter-e2e', PASSWORD);
    url = demo.url;
    clerk4 = await login(url, 'clerk4', PASSWORD);
    clerk5 = await login(url, 'clerk5', PASSWORD);
    await counterAction(url, clerk5, 'counter-5', 'open');
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('signs in, takes a counter, calls the kiosk’s ticket, serves it start → finish', async () => {
    const first = await issue();
    const second = await issue();
    await page.goto(`${url}/counter/`);
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'fa']);
    await page.getByTestId('username').waitFor();
    await expectAccessible(page, 'sign-in');
    await page.getByTestId('username').fill('clerk4');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    // counter-5 is clerk5's: shown as taken, and cannot be picked.
    expect(await page.getByTestId('take-counter-5').isDisabled()).toBe(true);
    await shot('00-pick');
    await page.getByTestId('take-counter-4').click();
    await page.getByTestId('call-next').waitFor();
    expect(await counter('counter-4')).toMatchObject({ status: 'open', serving: null });
    expect((await desk(clerk4)).counter?.id).toBe('counter-4');
    // The queue shows both waiting tickets, in call order, with the count per sub-service.
    await expect
      .poll(() => page.getByTestId('queue').locator('button.ticket').allTextContents())
      .toEqual([fa(first.number), fa(second.number)]);
    expect(await page.getByTestId('count-booklet-renewal').locator('b').textContent()).toBe('۲');

    await page.getByTestId('call-next').click();
    await expect.poll(currentNumber).toBe(fa(first.number));
    expect((await tracked(first.id)).status).toBe('called');
    expect(await page.getByTestId('current-service').textContent()).toBe('تمدید و تأمین اعتبار دفترچهٔ درمانی');

    await page.keyboard.press('s');
    await expect.poll(async () => (await tracked(first.id)).status).toBe('serving');
    await expect.poll(() => page.getByTestId('current-status').getAttribute('data-status')).toBe('serving');
    // The serving time runs, in Persian digits.
    await expect.poll(() => page.getByTestId('serving-time').textContent()).toMatch(/^[۰-۹]+:[۰-۹]{2}$/);
    await shot('01-serving');
    await page.keyboard.press('f');
    await expect.poll(async () => (await tracked(first.id)).status).toBe('finished');
    expect((await counter('counter-4'))?.serving).toBeNull();
    await page.getByText('نوبتی در دست نیست').waitFor();
  });

  it('applies a colleague’s calls as they come: the queue follows with no read of the desk', async () => {
    const queued = () => page.getByTestId('queue').locator('button.ticket').allTextContents();
    const a = await issue('registration');
    const b = await issue('registration');
    // New tickets are placed where the server would call them (one read of the counter's order).
    await expect.poll(queued).toEqual(expect.arrayContaining([fa(a.number), fa(b.number)]));
    expect(await page.getByTestId('count-registration').locator('b').textContent()).toBe('۲');

    const reads: string[] = [];
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.url().includes('/api/')) reads.push(`${r.method()} ${new URL(r.url()).pathname}`);
    };
    page.on('request', onRequest);
    try {
      // counter-5 serves registration too: clerk5 calls both there, one after the other.
      for (const t of [a, b]) {
        await counterAction(url, clerk5, 'counter-5', 'call', { ticketId: t.id });
        await counterAction(url, clerk5, 'counter-5', 'start');
        await counterAction(url, clerk5, 'counter-5', 'finish');
      }
      await expect.poll(queued).not.toContain(fa(a.number));
      await expect.poll(queued).not.toContain(fa(b.number));
      expect(await page.getByTestId('count-registration').locator('b').textContent()).toBe('۰');
      // Each change was applied from its event: the page asked the server for nothing.
      expect(reads).toEqual([]);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('a double click on “next” calls one ticket', async () => {
    const third = await issue();
    await page.getByTestId('call-next').dblclick();
    await expect.poll(async () => (await counter('counter-4'))?.serving?.number).toBeDefined();
    await new Promise((r) => setTimeout(r, 300));
    expect((await tracked(third.id)).status).toBe('waiting');
    expect((await desk(clerk4)).queue.map((t) => t.id)).toEqual([third.id]);
  });

  it('checks documents at intake: what is missing is recorded and told to the visitor', async () => {
    const current = (await desk(clerk4)).current;
    expect(current).not.toBeNull();
    // D goes to the checklist; Space ticks the first document (the national card), Enter records.
    await page.keyboard.press('d');
    await expectAccessible(page, 'documents checklist');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await desk(clerk4)).current?.missingDocuments).toEqual(['booklet']);
    await page.getByTestId('missing-documents').getByText('دفترچهٔ درمانی قبلی').waitFor();
    // The visitor's own page says it too.
    expect((await tracked(current?.id ?? '')).missingDocuments).toEqual([
      { fa: 'دفترچهٔ درمانی قبلی', en: 'Previous medical booklet' },
    ]);
    await shot('02-documents');
    // …and the visitor's phone page, from the ticket's QR code, lists it at once.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(`${url}/t/${encodeURIComponent(current?.id ?? '')}`);
    await phone.getByTestId('track-missing').getByText('دفترچهٔ درمانی قبلی').waitFor();
    await screenshot(phone, 'counter-02b-visitor-missing');
    await phone.context().close();
  });

  it('transfers the current ticket to another counter with a note (T)', async () => {
    const current = (await desk(clerk4)).current;
    await page.keyboard.press('t');
    await page.getByTestId('transfer-counter').selectOption('counter-5');
    await page.getByTestId('transfer-note').fill('دفترچه را از باجهٔ ۵ تحویل بگیرد');
    await shot('03-transfer');
    await page.getByTestId('transfer-confirm').click();
    await expect.poll(async () => (await tracked(current?.id ?? '')).status).toBe('waiting');
    // It now waits for counter 5 alone, with the note, and has left counter 4.
    const at5 = await desk(clerk5);
    expect(at5.queue.find((t) => t.id === current?.id)).toMatchObject({
      targetCounterId: 'counter-5',
      note: 'دفترچه را از باجهٔ ۵ تحویل بگیرد',
    });
    expect((await desk(clerk4)).queue.some((t) => t.id === current?.id)).toBe(false);
    expect((await counter('counter-4'))?.serving).toBeNull();
  });

  it('marks a no-show (X), with the Persian layout on', async () => {
    const called = await (async () => {
      await persianKey('KeyN', 'د'); // N on the Persian layout
      await expect.poll(async () => (await desk(clerk4)).current?.status).toBe('called');
      return (await desk(clerk4)).current;
    })();
    await expect.poll(currentNumber).toBe(fa(called?.number ?? ''));
    await persianKey('KeyX', 'ط'); // X on the Persian layout
    await expect.poll(async () => (await tracked(called?.id ?? '')).status).toBe('no-show');
    expect((await counter('counter-4'))?.serving).toBeNull();
  });

  it('explains a refused action in Persian', async () => {
    await page.keyboard.press('f'); // nothing to finish
    await expect.poll(() => page.getByTestId('message').textContent()).toMatch(/[آ-ی]/);
    const text = (await page.getByTestId('message').textContent()) ?? '';
    expect(text).not.toMatch(/[A-Za-z]/);
    expect((await counter('counter-4'))?.status).toBe('open');
  });

  it('parks a ticket (H) and calls it back from the parked list; calls a number typed in Persian (C)', async () => {
    const a = await issue();
    const b = await issue();
    await page.keyboard.press('n');
    await expect.poll(currentNumber).toBe(fa(a.number));
    await page.keyboard.press('h');
    // [T6] With no documents found missing, "other" is chosen; the clerk picks "to pay a fee".
    expect(await page.getByTestId('park-reason-other').isChecked()).toBe(true);
    await page.getByTestId('park-reason-payment').check();
    await page.getByTestId('park-note').fill('رفت کپی بگیرد');
    await shot('03b-park-reason');
    await expectAccessible(page, 'park dialog');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await tracked(a.id)).status).toBe('parked');
    expect((await tracked(a.id)).parkReason).toBe('payment');
    await page.getByTestId('parked').getByText('رفت کپی بگیرد').waitFor();
    expect(await page.getByTestId(`parked-reason-${a.number}`).textContent()).toBe(
      'رفته هزینه را بپردازد — رفت کپی بگیرد',
    );

    // Call b by its number, typed in Persian digits, skipping nothing else.
    await page.keyboard.press('c');
    await page.keyboard.type(fa(b.number));
    await expectAccessible(page, 'call-a-number dialog');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await tracked(b.id)).status).toBe('called');
    await expect.poll(currentNumber).toBe(fa(b.number));
    await page.keyboard.press('s');
    await page.keyboard.press('f');
    await expect.poll(async () => (await tracked(b.id)).status).toBe('finished');

    await page.getByTestId(`call-parked-${a.number}`).click();
    await expect.poll(async () => (await tracked(a.id)).status).toBe('called');
    expect((await counter('counter-4'))?.serving?.ticketId).toBe(a.id);
    await page.keyboard.press('s');
    await page.keyboard.press('f');
    await expect.poll(async () => (await tracked(a.id)).status).toBe('finished');
  });

  it('pauses with a reason (P, 2) and resumes (P)', async () => {
    await page.keyboard.press('p');
    await page.getByTestId('pause-reason-2').waitFor();
    await expectAccessible(page, 'pause dialog');
    await page.keyboard.press('2');
    await expect.poll(async () => (await counter('counter-4'))?.status).toBe('paused');
    expect((await counter('counter-4'))?.pauseReason).toBe('ناهار');
    await page.getByTestId('paused').getByText('ناهار').waitFor();
    await shot('04-paused');
    // A paused counter calls nobody.
    const waiting = await issue();
    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('message').count()).toBe(1);
    expect((await tracked(waiting.id)).status).toBe('waiting');
    await page.keyboard.press('p');
    await expect.poll(async () => (await counter('counter-4'))?.status).toBe('open');
    await page.getByTestId('paused').waitFor({ state: 'detached' });
  });

  it('keeps the current ticket through a lost connection and a server restart', async () => {
    await page.keyboard.press('n');
    await expect.poll(async () => (await desk(clerk4)).current?.number).toBeDefined();
    const number = (await desk(clerk4)).current?.number ?? '';
    await expect.poll(currentNumber).toBe(fa(number));
    await demo.stop();
    await page.getByTestId('offline').waitFor();
    expect(await currentNumber()).toBe(fa(number)); // still on screen
    await shot('05-offline');
    await demo.start();
    await page.getByTestId('offline').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(currentNumber).toBe(fa(number));
    // And the desk works again: start it.
    await page.keyboard.press('s');
    await expect.poll(async () => (await desk(clerk4)).current?.status).toBe('serving');
  });

  it('after the session ends, signing in again finds the counter as it was left', async () => {
    const before = await desk(clerk4);
    // The session is the HttpOnly cookie only: nothing the page's scripts can read holds it.
    const token = (await page.context().cookies()).find((c) => c.name === 'nobat_session')?.value ?? '';
    expect(token).not.toBe('');
    expect(await page.evaluate('document.cookie')).not.toContain(token);
    expect(await page.evaluate('JSON.stringify(localStorage)')).not.toContain(token);
    await apiOk(url, 'POST', '/api/v1/auth/logout', { token }); // the session ends on the server
    await page.keyboard.press('r'); // the next action finds it gone
    await page.getByTestId('session-expired').waitFor();
    // The counter is still the clerk's, serving the same ticket.
    expect(await counter('counter-4')).toMatchObject({ status: 'open', serving: { ticketId: before.current?.id } });
    await shot('06-expired');
    expect(await page.getByTestId('username').inputValue()).toBe('clerk4');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await expect.poll(currentNumber).toBe(fa(before.current?.number ?? ''));
    expect(await page.getByTestId('current-status').getAttribute('data-status')).toBe('serving');
    await page.keyboard.press('f');
    await expect.poll(async () => (await desk(clerk4)).current).toBeNull();
  });

  it('shows the clerk’s day and جدول ۲, printable (G)', async () => {
    const day = await apiOk<ClerkDay>(url, 'GET', '/api/v1/clerks/me/day', { token: clerk4 });
    expect(day.served).toBeGreaterThanOrEqual(4);
    expect(day.noShows).toBe(1);
    await page.keyboard.press('g');
    await page.getByTestId('day-view').waitFor();
    expect(await page.getByTestId('tally-served').textContent()).toBe(fa(day.served));
    expect(await page.getByTestId('tally-no-shows').textContent()).toBe('۱');
    const rows = page.getByTestId('daily-log').locator('tbody tr');
    expect(await rows.count()).toBe(day.log.length);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(fa(day.log[0]?.receiptNumber ?? ''));
    await shot('07-day');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await page.getByTestId('daily-log').isVisible()).toBe(true);
    await shot('08-day-print');
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press('g');
    await page.getByTestId('call-next').waitFor();
  });

  it('switches to English and back', async () => {
    await page.getByTestId('language').click();
    await page.getByText('Next ticket').waitFor();
    expect(await dir()).toBe('ltr');
    await shot('09-english');
    await page.getByTestId('language').click();
    await page.getByText('نوبت بعدی').waitFor();
    expect(await dir()).toBe('rtl');
  });

  it('starts in English when the address says ?lang=en', async () => {
    const fresh = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await fresh.goto(`${url}/counter/?lang=en`);
    await fresh.getByText('Sign in to the counter desk').waitFor();
    expect(await fresh.evaluate('document.documentElement.dir')).toBe('ltr');
    expect(await fresh.evaluate('document.documentElement.lang')).toBe('en');
    await fresh.context().close();
  });

  it('lists every shortcut (?)', async () => {
    await page.keyboard.press('Shift+Slash');
    const rows = await page.getByTestId('shortcuts').locator('tr').allTextContents();
    await expectAccessible(page, 'shortcuts dialog');
    expect(rows.length).toBe(15);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('shortcuts').count()).toBe(0);
  });
});
