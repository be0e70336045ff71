import { readFileSync } from 'node:fs';
import type {
  BranchConfigInput,
  DeviceStatus,
  IssuedTicket,
  PrintJob,
  PrintResult,
  ServiceSummary,
  TicketTracking,
} from '@nobat/protocol';
import { isValidNationalId, toPersianDigits } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import {
  chromiumAvailable,
  decodeQr,
  ensureAppBuilt,
  launchBrowser,
  shot as screenshot,
  screenshotPath,
} from '../support/browser.ts';
import { type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/require.ts';
import {
  api,
  apiOk,
  connectWithSnapshot,
  counterAction,
  issueTicket,
  login,
  type RecordingClient,
} from '../support/socket.ts';

const PASSWORD = 'kiosk-e2e-demo-password';
const KIOSK_TOKEN = demoToken('kiosk-1');
const BRIDGE_TOKEN = demoToken('bridge-1');
const PERSIAN_MONTHS = /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/;
const KIOSK_VIEW = { viewport: { width: 1920, height: 1080 }, hasTouch: true } as const;
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/** A bridge that owns kiosk-1's printer and answers every print job as told. */
interface FakeBridge {
  client: RecordingClient;
  jobs: PrintJob[];
  answer: 'ok' | 'paper-out';
  close(): void;
}

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('kiosk in a browser, end to end', () => {
  let demo: DemoServer | undefined;
  let browser: Browser | undefined;
  let bridge: FakeBridge | undefined;
  const contexts: BrowserContext[] = [];
  const sockets: RecordingClient[] = [];
  const shots: string[] = [];
  /** The ticket of test 1 and its kiosk, still showing it, for test 2 to scan. */
  let first: IssuedTicket | undefined;
  let resultPage: Page | undefined;
  const kept: BrowserContext[] = [];

  /** The server's own URL (http://localhost:<port>, as its tracking links say). */
  const base = () => {
    const running = demo?.running;
    if (!running) throw new Error('server not running');
    return running.url;
  };

  async function connectBridge(answer: FakeBridge['answer']): Promise<FakeBridge> {
    const { client } = await connectWithSnapshot(base(), '/bridge', { auth: { token: BRIDGE_TOKEN } });
    const made: FakeBridge = { client, jobs: [], answer, close: () => client.close() };
    // As a real bridge does: its printer's status on connecting, and each change (a print that finds
    // the paper out) with device:status, which reaches supervisors and the kiosk.
    const report = (status: DeviceStatus['status']) =>
      client.socket.emit('device:status', { deviceId: 'printer-kiosk-1', kind: 'printer', kioskId: 'kiosk-1', status });
    report('online');
    client.socket.on('print:job', (job: PrintJob, ack: (r: PrintResult) => void) => {
      made.jobs.push(job);
      const head = { jobId: job.jobId, kioskId: job.kioskId, ticketId: job.ticketId };
      ack(made.answer === 'ok' ? { ...head, ok: true, status: 'online' } : { ...head, ok: false, status: 'paper-out' });
      report(made.answer === 'ok' ? 'online' : 'paper-out');
    });
    return made;
  }

  /** A page in a new context, closed after the test (or after all tests when `keep`). */
  async function newPage(view: typeof KIOSK_VIEW | typeof PHONE_VIEW, keep = false): Promise<Page> {
    if (!browser) throw new Error('browser not running');
    const context = await browser.newContext(view);
    (keep ? kept : contexts).push(context);
    return context.newPage();
  }

  /** A kiosk set up with its device token, showing its groups. */
  async function openKiosk(query = '', keep = false): Promise<Page> {
    const page = await newPage(KIOSK_VIEW, keep);
    await page.goto(`${base()}/kiosk/?token=${encodeURIComponent(KIOSK_TOKEN)}${query}`);
    await page.getByTestId('group-registration').waitFor();
    return page;
  }

  /** Saves a screenshot of a screen and checks it with axe-core (no serious or critical violation). */
  async function shot(page: Page, name: string): Promise<void> {
    shots.push(await screenshot(page, name));
    await expectAccessible(page, name);
  }

  /** Every touch the tests make on a kiosk element, counted. */
  let touches = 0;
  const tap = (page: Page, testId: string) => {
    touches++;
    return page.getByTestId(testId).tap();
  };

  /** Touches "take a ticket" and returns the ticket the server issued for that touch, once shown. */
  async function takeTicket(page: Page, digits: (n: string) => string = toPersianDigits): Promise<IssuedTicket> {
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/v1\/branches\/[^/]+\/tickets$/.test(new URL(r.url()).pathname),
    );
    await tap(page, 'take');
    const res = await answer;
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as IssuedTicket;
    await expect.poll(() => page.getByTestId('number').textContent()).toBe(digits(ticket.number));
    return ticket;
  }

  const printState = (page: Page, state: string, timeout = 5_000) =>
    page.locator(`[data-testid="print-status"][data-state="${state}"]`).waitFor({ timeout });

  /** The body of every ticket request the page sends, from now on. */
  function recordIssueRequests(page: Page): { requestId?: string }[] {
    const bodies: { requestId?: string }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/tickets')) bodies.push(JSON.parse(r.postData() ?? '{}'));
    });
    return bodies;
  }

  /**
   * From the groups screen to the finance confirm screen, then two clicks on "take a ticket" within
   * one task (the second before Preact can re-render): returns the ticket id shown once printed.
   */
  async function doubleClickTakeInOneTask(page: Page): Promise<string> {
    if ((await page.getByTestId('done').count()) > 0) await tap(page, 'done');
    await tap(page, 'group-finance');
    await tap(page, 'service-finance');
    await page.getByTestId('take').waitFor();
    await page.evaluate(`{
      const take = document.querySelector('[data-testid="take"]');
      take.click();
      take.click();
    }`);
    await printState(page, 'printed');
    const url = (await page.getByTestId('qr').getAttribute('data-url')) ?? '';
    return decodeURIComponent(new URL(url).pathname.replace(/^\/t\//, ''));
  }

  async function waitingOf(serviceId: string): Promise<number> {
    const services = await apiOk<ServiceSummary[]>(base(), 'GET', `/api/v1/branches/${DEMO_BRANCH}/services`);
    const s = services.find((x) => x.id === serviceId);
    if (!s) throw new Error(`no service ${serviceId}`);
    return s.waiting;
  }

  beforeAll(async () => {
    ensureAppBuilt('kiosk');
    demo = await startDemo('kiosk-e2e', PASSWORD);
    browser = await launchBrowser();
    bridge = await connectBridge('ok');
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    for (const s of sockets.splice(0)) s.close();
    // Whatever a test did to the printer, the next one finds it working.
    if (demo?.running && !bridge?.client.socket.connected) {
      bridge?.close();
      bridge = await connectBridge('ok');
    }
    if (bridge) bridge.answer = 'ok';
  });

  afterAll(async () => {
    await Promise.all([...contexts.splice(0), ...kept.splice(0)].map((c) => c.close()));
    for (const s of sockets.splice(0)) s.close();
    bridge?.close();
    await browser?.close();
    await demo?.close();
    if (shots.length > 0) console.log(`kiosk screenshots:\n${shots.map((p) => `  ${p}`).join('\n')}`);
  });

  it('1. takes a ticket in three touches: Persian number, place, Jalali date, QR code, printed', async () => {
    const page = await openKiosk('', true);
    await shot(page, 'kiosk-01-groups');
    const before = touches;
    await tap(page, 'group-registration');
    await page.getByTestId('service-booklet-renewal').waitFor();
    // [E2] No counter is open yet: the tiles say the wait is unknown, never «بدون انتظار» or a time.
    expect(await page.getByTestId('service-booklet-renewal').locator('.tile-meta').textContent()).toBe(
      '۰ نفر در انتظار · باجه‌ای باز نیست؛ زمان انتظار معلوم نیست',
    );
    await shot(page, 'kiosk-02-services');
    await tap(page, 'service-booklet-renewal');
    await page.getByTestId('take').waitFor();
    await shot(page, 'kiosk-03-confirm');
    const ticket = await takeTicket(page);
    expect(touches - before, 'touches from the start screen to a ticket').toBe(3);
    first = ticket;

    const number = (await page.getByTestId('number').textContent()) ?? '';
    expect(number).toMatch(/^[۰-۹]+$/);
    expect(number).toBe(toPersianDigits(ticket.number));
    expect(ticket.serviceId).toBe('booklet-renewal');
    expect(await page.getByTestId('ahead').textContent()).toBe(`${toPersianDigits(ticket.ahead)} نفر پیش از شما`);
    // [E2] Before any counter opens the ticket has no estimate, and says so and why.
    expect(ticket).toMatchObject({ etaMinutes: null, etaUnknown: 'no-counter-open' });
    expect(await page.getByTestId('eta').textContent()).toBe('زمان تقریبی انتظار: معلوم نیست؛ باجه‌ای باز نیست');
    const when = (await page.locator('.result .when').textContent()) ?? '';
    expect(when).toMatch(PERSIAN_MONTHS);
    expect(when).toMatch(/[۰-۹]{4}/); // the Jalali year, in Persian digits
    await page.locator('[data-testid="qr"] svg').waitFor();

    await printState(page, 'printed');
    expect(bridge?.jobs.map((j) => [j.ticketId, j.number])).toEqual([[ticket.id, ticket.number]]);
    await shot(page, 'kiosk-04-result-printed');
    resultPage = page;
  });

  it('2. the QR code, read from the screen, opens the tracking page on a phone; a call shows there live', async () => {
    let page = resultPage;
    let ticket = first;
    if (!page || !ticket) {
      // Test 1 did not run: take a ticket here.
      page = await openKiosk();
      await tap(page, 'group-registration');
      await tap(page, 'service-booklet-renewal');
      ticket = await takeTicket(page);
    }
    await page.locator('[data-testid="qr"] svg').waitFor();
    const decoded = decodeQr(await page.getByTestId('qr').screenshot());
    expect(decoded, 'a QR code can be read from the screen').not.toBeNull();
    expect(decoded).toBe(`${base()}/t/${encodeURIComponent(ticket.id)}`);

    const phone = await newPage(PHONE_VIEW);
    await phone.goto(decoded ?? '');
    await expect.poll(() => phone.getByTestId('track-number').textContent()).toBe(toPersianDigits(ticket.number));
    expect(await phone.getByTestId('track-status').getAttribute('data-status')).toBe('waiting');
    expect(await phone.getByTestId('track-ahead').textContent()).toBe(toPersianDigits(0));
    expect(await phone.getByTestId('track-eta').textContent()).toBe('معلوم نیست؛ باجه‌ای باز نیست');
    await shot(phone, 'phone-01-waiting');
    await phone.evaluate('window.__sameDocument = true');

    const clerk = await login(base(), 'clerk4', PASSWORD);
    await counterAction(base(), clerk, 'counter-4', 'open');
    const called = await counterAction(base(), clerk, 'counter-4', 'call-next');
    expect(called.ticket?.id).toBe(ticket.id);

    await phone.locator('[data-testid="track-status"][data-status="called"]').waitFor({ timeout: 20_000 });
    expect(await phone.getByTestId('track-status').textContent()).toContain(`باجه ${toPersianDigits(4)}`);
    expect(await phone.evaluate<boolean>('window.__sameDocument === true'), 'updated without a reload').toBe(true);
    await shot(phone, 'phone-02-called');
  });

  it('3. printer out of paper: the number and QR code stay, supervisors are told; no bridge: failed, ticket kept', async () => {
    if (!bridge) throw new Error('no bridge');
    bridge.answer = 'paper-out';
    const supervisor = await login(base(), 'supervisor', PASSWORD);
    const { client: desk } = await connectWithSnapshot(base(), '/supervisor', {
      auth: { branchId: DEMO_BRANCH, token: supervisor },
    });
    sockets.push(desk);

    const page = await openKiosk();
    await tap(page, 'group-insured');
    await tap(page, 'service-insured-record');
    const from = desk.mark();
    const ticket = await takeTicket(page);
    await printState(page, 'paper-out');
    expect(await page.getByTestId('number').textContent()).toBe(toPersianDigits(ticket.number));
    await page.locator('[data-testid="qr"] svg').waitFor();
    expect(await page.getByTestId('qr').getAttribute('data-url')).toBe(ticket.trackingUrl);
    const status = await desk.waitFor<DeviceStatus>('device:status', (s) => s.kind === 'printer', { from });
    expect(status).toMatchObject({ kind: 'printer', status: 'paper-out', kioskId: 'kiosk-1' });
    await shot(page, 'kiosk-05-result-paper-out');

    // No bridge at all: nobody is in the printer's room, so the server answers offline at once (a
    // bridge that stays silent would take its 8 s print timeout), and the kiosk says so.
    bridge.close();
    bridge = undefined;
    await tap(page, 'done');
    await tap(page, 'group-insured');
    await tap(page, 'service-insured-record');
    const offline = await takeTicket(page);
    await printState(page, 'failed', 12_000);
    const gone = await desk.waitFor<DeviceStatus>('device:status', (s) => s.status !== 'paper-out', { from });
    expect(gone).toMatchObject({ kind: 'printer', status: 'offline', kioskId: 'kiosk-1' });
    expect(await page.getByTestId('number').textContent()).toBe(toPersianDigits(offline.number));
    await page.locator('[data-testid="qr"] svg').waitFor();
    const kept = await apiOk<TicketTracking>(base(), 'GET', `/api/v1/tickets/${encodeURIComponent(offline.id)}`);
    expect(kept).toMatchObject({ id: offline.id, number: offline.number, status: 'waiting' });
    await shot(page, 'kiosk-06-result-no-printer');
  }, 30_000);

  it('3b. a printer out of paper is said on the kiosk before a visitor taps, and not once refilled', async () => {
    if (!bridge) throw new Error('no bridge');
    const page = await openKiosk();
    expect(await page.getByTestId('printer-notice').count()).toBe(0);
    bridge.client.socket.emit('device:status', {
      deviceId: 'printer-kiosk-1',
      kind: 'printer',
      kioskId: 'kiosk-1',
      status: 'paper-out',
    });
    await expect.poll(() => page.getByTestId('printer-notice').textContent()).toContain('کاغذ چاپگر تمام شده است');
    await shot(page, 'kiosk-05b-printer-notice-fa');
    await tap(page, 'lang');
    await expect.poll(() => page.getByTestId('printer-notice').textContent()).toContain('out of paper');
    await shot(page, 'kiosk-05c-printer-notice-en');
    await tap(page, 'lang');
    // A kiosk opened now is told at once (its snapshot).
    const fresh = await openKiosk();
    await fresh.getByTestId('printer-notice').waitFor();
    bridge.client.socket.emit('device:status', {
      deviceId: 'printer-kiosk-1',
      kind: 'printer',
      kioskId: 'kiosk-1',
      status: 'online',
    });
    await page.getByTestId('printer-notice').waitFor({ state: 'detached' });
  });

  it('4. a double tap on "take a ticket" issues exactly one ticket', async () => {
    const page = await openKiosk();
    const posts = recordIssueRequests(page);
    const jobsBefore = bridge?.jobs.length ?? 0;

    // Two real touches in a row, fast, on the button.
    const before = await waitingOf('finance');
    await tap(page, 'group-finance');
    await tap(page, 'service-finance');
    const box = await page.getByTestId('take').boundingBox();
    if (!box) throw new Error('take button not on screen');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await Promise.all([page.touchscreen.tap(x, y), page.touchscreen.tap(x, y)]);
    await printState(page, 'printed');
    expect(await waitingOf('finance')).toBe(before + 1);
    expect(new Set(posts.map((p) => p.requestId)).size, 'request ids sent').toBe(1);
    const shown = await page.getByTestId('number').textContent();
    expect((bridge?.jobs ?? []).slice(jobsBefore).map((j) => toPersianDigits(j.number))).toEqual([shown]);

    // Two clicks within one task, before the screen can change: both reach the button's handler,
    // which acts once — one request, one ticket. (Were a second request to go out, it would carry
    // the same request id, and the server would still issue one ticket: see the [T1] tests.)
    const postsBefore = posts.length;
    await doubleClickTakeInOneTask(page);
    expect(await waitingOf('finance')).toBe(before + 2);
    expect(posts.length - postsBefore, 'requests sent by two clicks in one task').toBe(1);
  });

  it('4b. a double tap that reaches the button twice prints the one ticket once', async () => {
    const page = await openKiosk();
    const jobsBefore = bridge?.jobs.length ?? 0;
    const ticketId = await doubleClickTakeInOneTask(page);
    // Wait for both print round trips to end (the second, if any, answers as fast as the first).
    await expect.poll(() => (bridge?.jobs ?? []).slice(jobsBefore).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    const printed = (bridge?.jobs ?? []).slice(jobsBefore).map((j) => j.ticketId);
    expect(printed, 'print jobs for one ticket (one ticket is one slip of paper)').toEqual([ticketId]);
  });

  it('5. number pad: a bad mobile and a wrong national ID are shown; a good mobile is kept off the tracking page', async () => {
    const page = await openKiosk();
    await tap(page, 'group-pensions');
    await tap(page, 'service-pension');
    const padError = page.getByTestId('pad-error');
    const type = async (digits: string) => {
      for (const d of digits) await tap(page, `key-${d}`);
    };

    const badMobile = 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ شروع شود';
    await tap(page, 'mobile');
    await type('0812');
    await expect.poll(() => page.getByTestId('pad-value').textContent()).toBe('۰۸۱۲');
    await expect.poll(() => padError.textContent()).toBe(badMobile);
    await shot(page, 'kiosk-07-pad-error');
    await tap(page, 'pad-ok');
    await expect.poll(() => padError.textContent()).toBe(badMobile);
    expect(await page.getByTestId('pad-value').isVisible(), 'not accepted: the pad stays open').toBe(true);
    await page.getByRole('button', { name: 'انصراف' }).tap();

    const mobile = '09121234567';
    await tap(page, 'mobile');
    await type(mobile);
    await expect.poll(() => page.getByTestId('pad-value').textContent()).toBe(toPersianDigits(mobile));
    expect((await padError.textContent())?.trim()).toBe('');
    await tap(page, 'pad-ok');
    await page.getByTestId('pad-value').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('mobile').textContent()).toContain(toPersianDigits(mobile));

    // Nine digits and the check digit that does not fit them.
    const nine = '001234567';
    const right = [...'0123456789'].find((d) => isValidNationalId(nine + d)) ?? '';
    const wrong = String((Number(right) + 1) % 10);
    expect(isValidNationalId(nine + wrong)).toBe(false);
    await tap(page, 'national-id');
    await type(nine + wrong);
    await expect.poll(() => padError.textContent()).toBe('کد ملی درست نیست؛ رقم‌ها را بررسی کنید');
    await tap(page, 'pad-ok');
    expect(await page.getByTestId('pad-value').isVisible()).toBe(true); // still open
    await page.getByRole('button', { name: 'پاک کردن' }).tap();
    await type(right);
    await expect.poll(() => page.getByTestId('pad-value').textContent()).toBe(toPersianDigits(nine + right));
    expect((await padError.textContent())?.trim()).toBe('');
    await tap(page, 'pad-ok');
    await page.getByTestId('pad-value').waitFor({ state: 'detached' });

    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/tickets'));
    const ticket = await takeTicket(page);
    expect(JSON.parse((await sent).postData() ?? '{}')).toMatchObject({ mobile, nationalId: nine + right });

    const phone = await newPage(PHONE_VIEW);
    await phone.goto(ticket.trackingUrl);
    await expect.poll(() => phone.getByTestId('track-number').textContent()).toBe(toPersianDigits(ticket.number));
    const html = await phone.content();
    for (const secret of [mobile, nine + right, '9121234567']) {
      expect(html).not.toContain(secret);
      expect(html).not.toContain(toPersianDigits(secret));
    }
    const tracked = await api(base(), 'GET', `/api/v1/tickets/${encodeURIComponent(ticket.id)}`);
    expect(JSON.stringify(tracked.body)).not.toContain('9121234567');
  });

  it('6. the information package lists the required documents', async () => {
    const page = await openKiosk();
    await tap(page, 'group-registration');
    await tap(page, 'service-booklet-renewal');
    await tap(page, 'info');
    const info = page.getByTestId('info-page');
    await info.waitFor();
    const items = await info.locator('ul li').allTextContents();
    expect(items).toContain('اصل کارت ملی');
    expect(items).toContain('دفترچهٔ درمانی قبلی');
    await shot(page, 'kiosk-08-info');
  });

  it('7. left untouched on the confirm screen, the kiosk returns to its groups (?idle=3)', async () => {
    // The page's clock is stopped and moved by hand: the idle time is counted on it, not on a
    // loaded machine's wall clock.
    const page = await newPage(KIOSK_VIEW);
    await page.clock.install();
    await page.goto(`${base()}/kiosk/?token=${encodeURIComponent(KIOSK_TOKEN)}&idle=3`);
    await page.getByTestId('group-registration').waitFor();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await tap(page, 'group-registration');
    await tap(page, 'service-booklet-renewal');
    await page.getByTestId('take').waitFor();
    await page.clock.runFor(2_500);
    expect(await page.getByTestId('take').count()).toBe(1);
    await page.clock.runFor(1_000);
    await page.getByTestId('group-registration').waitFor();
    expect(await page.getByTestId('take').count()).toBe(0);
  });

  it('8. a sub-service at its daily cap is shown as unavailable', async () => {
    const admin = await login(base(), 'admin', PASSWORD);
    const path = `/api/v1/admin/branches/${DEMO_BRANCH}`;
    const { version, config } = await apiOk<{ version: number; config: BranchConfigInput }>(base(), 'GET', path, {
      token: admin,
    });
    const registration = config.services.find((s) => s.id === 'registration');
    if (!registration) throw new Error('no registration service');
    registration.dailyCap = 1;
    await apiOk(base(), 'PUT', path, { token: admin, body: { version, config } });
    await issueTicket(base(), KIOSK_TOKEN, 'registration');

    const page = await openKiosk();
    await tap(page, 'group-registration');
    const tile = page.getByTestId('service-registration');
    await tile.waitFor();
    expect(await tile.isDisabled()).toBe(true);
    expect(await tile.textContent()).toContain('ظرفیت امروز تکمیل است');
    expect(await page.getByTestId('service-booklet-renewal').isDisabled()).toBe(false);
    await shot(page, 'kiosk-09-service-full');
  });

  it('8b. a sub-service that reaches its cap while the kiosk is open stops being offered at once', async () => {
    const admin = await login(base(), 'admin', PASSWORD);
    const path = `/api/v1/admin/branches/${DEMO_BRANCH}`;
    const { version, config } = await apiOk<{ version: number; config: BranchConfigInput }>(base(), 'GET', path, {
      token: admin,
    });
    const debt = config.services.find((s) => s.id === 'premium-debt');
    if (!debt) throw new Error('no premium-debt service');
    debt.dailyCap = 1;
    await apiOk(base(), 'PUT', path, { token: admin, body: { version, config } });

    // The kiosk is open, offering the sub-service; then another kiosk takes its last ticket.
    const page = await openKiosk();
    await tap(page, 'group-premium');
    const tile = page.getByTestId('service-premium-debt');
    expect(await tile.isDisabled()).toBe(false);
    await issueTicket(base(), KIOSK_TOKEN, 'premium-debt');
    // The kiosk hears at once that the sub-service is now full, and stops offering it.
    await expect.poll(() => tile.isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await tile.locator('.tile-meta').textContent()).toBe('ظرفیت امروز تکمیل است');
  });

  it('9. out of service while the server is down; back by itself when it returns, with the next number', async () => {
    const page = await openKiosk();
    const before = await issueTicket(base(), KIOSK_TOKEN, 'booklet-renewal');
    bridge?.close();
    bridge = undefined;

    const down = Date.now();
    await demo?.stop();
    await page.getByTestId('out-of-service').waitFor({ timeout: 10_000 });
    console.log(`out of service shown ${Date.now() - down} ms after the server closed`);
    await shot(page, 'kiosk-10-out-of-service');

    await demo?.start();
    const up = Date.now();
    await page.getByTestId('out-of-service').waitFor({ state: 'detached', timeout: 15_000 });
    console.log(`back in service ${Date.now() - up} ms after the server returned`);
    bridge = await connectBridge('ok');

    await tap(page, 'group-registration');
    await tap(page, 'service-booklet-renewal');
    const next = await takeTicket(page);
    expect(Number(next.number)).toBe(Number(before.number) + 1);
    await printState(page, 'printed');
  }, 40_000);

  it('10. English: left to right, English words, Latin digits', async () => {
    const page = await openKiosk();
    await tap(page, 'lang');
    await page.getByText('Choose the service you need').waitFor();
    expect(await page.evaluate<string>('document.documentElement.dir')).toBe('ltr');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    expect(await page.getByTestId('group-registration').textContent()).toContain('Registration and accounts');
    const body = await page.evaluate<string>('document.body.innerText');
    expect(body).not.toMatch(/[۰-۹]/);
    for (const meta of await page.locator('.tile-meta').allTextContents()) expect(meta).toMatch(/^\d+ waiting$/);
    await shot(page, 'kiosk-11-english-groups');

    await tap(page, 'group-insured');
    await tap(page, 'service-insured-benefits');
    const ticket = await takeTicket(page, String);
    const number = (await page.getByTestId('number').textContent()) ?? '';
    expect(number).toMatch(/^\d+$/);
    expect(number).toBe(ticket.number);
    expect(await page.locator('.result .when').textContent()).toMatch(/^[A-Za-z]+ \d+ [A-Za-z]+ \d{4} — \d\d:\d\d$/);
    expect(await page.getByTestId('ahead').textContent()).toMatch(/^\d+ ahead of you$/);
    // No counter serving it is open (3 and 6 are closed): the wait is unknown, in English.
    expect(await page.getByTestId('eta').textContent()).toBe('Estimated wait: unknown — no counter open');
    await shot(page, 'kiosk-12-english-ticket');
  });

  it('10b. English: the information package in English where the office gave it; counts in the plural', async () => {
    const page = await openKiosk();
    await tap(page, 'lang');
    await tap(page, 'group-premium');
    await tap(page, 'service-premium-list');
    await tap(page, 'info');
    const info = page.getByTestId('info-page');
    await info.waitFor();
    expect(await info.locator('ol li').allTextContents()).toEqual([
      'Hand in the list',
      "Check the list against the workplace's records",
      'Issue the payment slip',
    ]);
    expect(await page.getByTestId('info-duration').textContent()).toBe('6 minutes');
    expect(await page.getByTestId('info-fee').textContent()).toBe(
      'Monthly premium: — (Article 28 of the Social Security Act)',
    );
    const text = (await info.textContent()) ?? '';
    expect(text).toContain('Head of the branch service desk — Branch head');
    expect(text, text).not.toMatch(/[\u0600-\u06FF]{3}/u); // no Persian words left (the phone number's digits aside)
    await shot(page, 'kiosk-13-english-info');
  });

  it('10c. the tracking page says why a ticket is on hold: documents, a fee, or another reason', async () => {
    const clerk = await login(base(), 'clerk5', PASSWORD);
    await counterAction(base(), clerk, 'counter-5', 'open');
    const phone = await newPage(PHONE_VIEW);
    const english = await newPage(PHONE_VIEW);
    for (const [reason, fa, en] of [
      ['documents', 'در انتظار تکمیل مدارک', 'On hold until your documents are complete'],
      ['payment', 'در انتظار پرداخت هزینه', 'On hold until the fee is paid'],
      [
        'other',
        'نوبت شما موقتاً کنار گذاشته شده است؛ دوباره فراخوانده می‌شوید',
        'On hold for now; you will be called again',
      ],
    ] as const) {
      const ticket = await issueTicket(base(), KIOSK_TOKEN, 'insured-record');
      await counterAction(base(), clerk, 'counter-5', 'call', { ticketId: ticket.id });
      await counterAction(base(), clerk, 'counter-5', 'park', { reason });
      await phone.goto(`${base()}/t/${encodeURIComponent(ticket.id)}`);
      await english.goto(`${base()}/t/${encodeURIComponent(ticket.id)}?lang=en`);
      await expect.poll(() => phone.getByTestId('track-status').textContent(), { timeout: 20_000 }).toBe(fa);
      await expect.poll(() => english.getByTestId('track-status').textContent(), { timeout: 20_000 }).toBe(en);
      if (reason === 'payment') await shot(phone, 'phone-03-parked-payment');
    }
  });

  it('11. kiosk mode: no context menu, no text selection', async () => {
    const page = await openKiosk();
    const prevented = await page.evaluate<boolean>(
      `(() => {
        const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
        document.querySelector('[data-testid="group-registration"]').dispatchEvent(e);
        return e.defaultPrevented;
      })()`,
    );
    expect(prevented).toBe(true);
    expect(await page.evaluate<string>('getComputedStyle(document.body).userSelect')).toBe('none');
  });

  it('12. screenshots of every screen are saved for a person to look at', () => {
    const expected = [
      'kiosk-01-groups',
      'kiosk-02-services',
      'kiosk-03-confirm',
      'kiosk-04-result-printed',
      'kiosk-05-result-paper-out',
      'kiosk-06-result-no-printer',
      'kiosk-07-pad-error',
      'kiosk-08-info',
      'kiosk-09-service-full',
      'kiosk-10-out-of-service',
      'kiosk-11-english-groups',
      'kiosk-12-english-ticket',
      'kiosk-13-english-info',
      'phone-01-waiting',
      'phone-02-called',
      'phone-03-parked-payment',
    ];
    for (const name of expected) {
      const path = screenshotPath(name);
      expect(shots, `${name} was taken in this run`).toContain(path);
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5_000);
    }
  });
});
