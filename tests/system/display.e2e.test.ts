// The waiting-hall screen and a counter signboard in real Chromium, fed by a real server: a call made
// through the API appears on the hall screen and on its counter's signboard (and not on another's),
// a pause shows on the signboard, and a reloaded screen shows the current state from its snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BranchConfigInput, toPersianDigits } from '@nobat/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { expectAccessible } from '../support/axe.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot as screenshot } from '../support/browser.ts';
import { DEMO_DEVICE_KEY, type DemoServer, demoToken, startDemo } from '../support/demo-server.ts';
import { freePort } from '../support/ports.ts';
import { requireOrSkip } from '../support/require.ts';
import { startServerProcess } from '../support/server-process.ts';
import { apiOk, counterAction, firstLogin, issueTicket, login } from '../support/socket.ts';

const PASSWORD = 'display-e2e-password';

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))('display in a browser', () => {
  let demo: DemoServer;
  let browser: Browser;
  let url: string;
  const kiosk = demoToken('kiosk-1');
  const clerk: Record<string, string> = {};

  const issue = (serviceId: string) => issueTicket(url, kiosk, serviceId);
  const act = (who: string, counter: string, action: string, body: unknown = {}) =>
    counterAction(url, clerk[who] ?? '', counter, action, body);
  const open = async (path: string, width = 1920, height = 1080): Promise<Page> => {
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await page.goto(`${url}${path}`);
    return page;
  };
  /** Saves a screenshot of a screen and checks it with axe-core (no serious or critical violation). */
  const shot = async (page: Page, name: string) => {
    console.log(`screenshot: ${await screenshot(page, name)}`);
    await expectAccessible(page, name);
  };
  /** For a page whose clock the test holds: axe-core schedules its work on timers, which would wait for ever. */
  const shotOnly = async (page: Page, name: string) => {
    console.log(`screenshot: ${await screenshot(page, name)}`);
  };

  beforeAll(async () => {
    ensureAppBuilt('display');
    demo = await startDemo('display-e2e', PASSWORD);
    url = demo.url;
    for (const who of ['clerk4', 'clerk6']) clerk[who] = await login(url, who, PASSWORD);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('a call made through the API appears on the hall screen and on its counter’s signboard only', async () => {
    const hall = await open(`/display/?branch=${DEMO_BRANCH}`);
    const sign4 = await open('/display/?counter=counter-4', 1280, 720);
    const sign6 = await open('/display/?counter=counter-6', 1280, 720);
    await hall.getByTestId('latest').waitFor();
    await sign4.getByTestId('signboard').waitFor();
    // The signboard shows its counter's number and sub-services, closed until a clerk opens it.
    expect(await sign4.getByTestId('signboard-counter').textContent()).toBe('۴');
    expect(await sign4.getByTestId('signboard-state').textContent()).toBe('بسته');

    const ticket = await issue('booklet-renewal');
    await act('clerk4', 'counter-4', 'open');
    await act('clerk6', 'counter-6', 'open');
    const called = await act('clerk4', 'counter-4', 'call-next');
    expect(called.ticket?.number).toBe(ticket.number);
    const persian = toPersianDigits(ticket.number);

    await expect.poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 20_000 }).toBe(persian);
    expect(await hall.getByTestId('latest-counter').textContent()).toBe('۴');
    await expect.poll(() => sign4.getByTestId('signboard-serving').textContent(), { timeout: 20_000 }).toBe(persian);
    // Only called, not yet served: the signboard calls the visitor forward.
    expect(await sign4.getByTestId('signboard-label').textContent()).toBe('بفرمایید — شمارهٔ');
    // Counter 6 is open and serving nothing: «آماده», as the hall says; not counter 4's call.
    await expect.poll(() => sign6.getByTestId('signboard-state').textContent(), { timeout: 20_000 }).toBe('آماده');
    expect(await hall.getByTestId('counter-counter-6').textContent()).toContain('آماده');
    expect(await hall.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await hall.getByTestId('date').textContent()).toMatch(/^[\u0600-\u06FF ۰-۹]+$/);
    await shot(hall, 'display-01-hall');
    await shot(sign4, 'display-02-signboard');
  });

  it('a pause shows on the signboard; a reloaded screen is brought up to date by its snapshot', async () => {
    await act('clerk6', 'counter-6', 'pause', { reason: 'نماز' });
    const sign6 = await open('/display/?counter=counter-6', 1280, 720);
    await expect
      .poll(() => sign6.getByTestId('signboard-state').textContent(), { timeout: 20_000 })
      .toBe('توقف موقت — نماز');
    await act('clerk6', 'counter-6', 'resume');
    await expect.poll(() => sign6.getByTestId('signboard-state').textContent(), { timeout: 20_000 }).toBe('آماده');

    // Calls made while a screen is away are on it as soon as it loads (snapshot), newest first.
    const second = await issue('booklet-renewal');
    await act('clerk4', 'counter-4', 'start');
    await act('clerk4', 'counter-4', 'call-next');
    const hall = await open('/display/?layout=portrait', 1080, 1920);
    await expect
      .poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 20_000 })
      .toBe(toPersianDigits(second.number));
    expect(await hall.getByTestId('recent').locator('li').count()).toBeGreaterThan(0);
    await shot(hall, 'display-03-portrait');
  });

  it('calls made back to back are spoken one after another, each as its clip sequence', async () => {
    // A branch whose sub-services start at the numbers to be said, all served at counter 3.
    const admin = await login(url, 'admin', PASSWORD);
    const { config } = await apiOk<{ config: BranchConfigInput }>(url, 'GET', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token: admin,
    });
    const starts = [7, 15, 120, 1042, 2305];
    const template = config.services[0];
    if (!template) throw new Error('no service to copy');
    config.branch.id = 'speech';
    config.services = starts.map((from, i) => ({
      ...template,
      id: `s${from}`,
      numbering: { prefix: '', from, to: (starts[i + 1] ?? 3000) - 1 },
      dailyCap: null,
    }));
    config.counters = [
      { id: 'c3', number: 3, title: { fa: 'باجه ۳' }, services: starts.map((from) => ({ serviceId: `s${from}` })) },
    ];
    config.clerks = [];
    await apiOk(url, 'POST', '/api/v1/admin/branches', { token: admin, body: { config }, status: 201 });
    await apiOk(url, 'POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'speaker', name: 'کارمند', role: 'clerk', branchId: 'speech', password: PASSWORD },
      status: 201,
    });
    const clerkToken = await firstLogin(url, 'speaker', PASSWORD);
    for (const from of starts) {
      const t = await issueTicket(url, admin, `s${from}`, { branchId: 'speech' });
      expect(t.number).toBe(String(from));
    }

    const hall = await open('/display/?branch=speech');
    await hall.getByTestId('latest').waitFor();
    const at = (action: string) => counterAction(url, clerkToken, 'c3', action);
    await at('open');
    for (let i = 0; i < starts.length; i++) {
      await at('call-next'); // finishes the ticket being served, calls the next
      await at('start');
    }
    type Log = { clips: string[]; start: number; end: number }[];
    const played = () =>
      hall.evaluate(() => (globalThis as unknown as { nobat: { player: { log: Log } } }).nobat.player.log);
    await expect.poll(async () => (await played()).length, { timeout: 60_000, interval: 500 }).toBe(5);
    const log = await played();
    expect(log.map((l) => l.clips)).toEqual([
      ['chime', 'number', 'n7', 'counter', 'n3'],
      ['chime', 'number', 'n15', 'counter', 'n3'],
      ['chime', 'number', 'n100-o', 'n20', 'counter', 'n3'],
      ['chime', 'number', 'thousand-o', 'n40-o', 'n2', 'counter', 'n3'],
      ['chime', 'number', 'n2', 'thousand-o', 'n300-o', 'n5', 'counter', 'n3'],
    ]);
    // Never two at once: each starts after the one before has finished, and each took real time.
    for (let i = 1; i < log.length; i++) expect(log[i]?.start).toBeGreaterThanOrEqual(log[i - 1]?.end ?? 0);
    for (const l of log) expect(l.end - l.start).toBeGreaterThan(500);
    // A recall is spoken again.
    await at('finish');
    const ticket = await issueTicket(url, admin, 's7', { branchId: 'speech' });
    expect(ticket.number).toBe('8');
    await at('call-next');
    await at('recall');
    await expect.poll(async () => (await played()).length, { timeout: 30_000, interval: 500 }).toBe(7);
    const last = (await played()).slice(-2).map((l) => l.clips);
    expect(last).toEqual([
      ['chime', 'number', 'n8', 'counter', 'n3'],
      ['chime', 'number', 'n8', 'counter', 'n3'],
    ]);
  });

  it('when the server process is killed the screen says so; when it returns the screen recovers by itself', async () => {
    // A server of its own, in its own process, so it can be killed outright (SIGKILL).
    const killDir = mkdtempSync(join(tmpdir(), 'nobat-display-kill-'));
    const port = String(await freePort());
    const env = {
      PORT: port,
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: killDir,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
    };
    let proc = startServerProcess('display-kill-1', env);
    try {
      const base = `http://127.0.0.1:${port}`;
      await proc.url();
      const token = await login(base, 'clerk4', PASSWORD);
      const act = (action: string) => counterAction(base, token, 'counter-4', action);
      const issueHere = () => issueTicket(base, kiosk, 'booklet-renewal');
      const first = await issueHere();
      await act('open');
      await act('call-next');
      const hall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
      // What the page said, printed if the screen does not say it is offline (a CI run once waited 15 s in vain).
      const said: string[] = [];
      hall.on('console', (m) => said.push(`${new Date().toISOString()} console.${m.type()}: ${m.text()}`));
      hall.on('pageerror', (e) => said.push(`${new Date().toISOString()} pageerror: ${e.message}`));
      hall.on('crash', () => said.push(`${new Date().toISOString()} the page crashed`));
      await hall.goto(`${base}/display/?branch=${DEMO_BRANCH}`);
      await expect
        .poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 10_000 })
        .toBe(toPersianDigits(first.number));

      proc.signal('SIGKILL');
      expect((await proc.exited).signal).toBe('SIGKILL');
      const killed = new Date().toISOString();
      await hall
        .getByTestId('offline')
        .waitFor({ timeout: 30_000 })
        .catch(async (e: unknown) => {
          const page = await hall
            .evaluate(() => ({ now: new Date().toISOString(), body: document.body.innerText.slice(0, 300) }))
            .catch((err: unknown) => String(err));
          throw new Error(`no offline banner; killed at ${killed}; page: ${JSON.stringify(page)}\n${said.join('\n')}`, {
            cause: e,
          });
        });
      await shot(hall, 'display-04-offline');

      proc = startServerProcess('display-kill-2', env);
      await proc.url();
      // The screen comes back by itself, with the state from before the kill…
      await hall.getByTestId('offline').waitFor({ state: 'detached', timeout: 20_000 });
      expect(await hall.getByTestId('latest-number').textContent()).toBe(toPersianDigits(first.number));
      // …and follows calls made after it.
      const again = await login(base, 'clerk4', PASSWORD);
      const second = await issueHere();
      await counterAction(base, again, 'counter-4', 'no-show');
      await counterAction(base, again, 'counter-4', 'call-next');
      await expect
        .poll(() => hall.getByTestId('latest-number').textContent(), { timeout: 10_000 })
        .toBe(toPersianDigits(second.number));
    } finally {
      await proc.stop();
      rmSync(killDir, { recursive: true, force: true });
    }
  });

  it('a screen for part of the hall shows only its sub-services, in the light theme when asked', async () => {
    const part = await open(`/display/?branch=${DEMO_BRANCH}&services=pension,finance&theme=light`);
    await part.getByTestId('latest').waitFor();
    expect(
      await part.locator('[data-testid^=waiting-]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
    ).toEqual(['waiting-pension', 'waiting-finance']);
    expect(await part.locator('html').getAttribute('class')).toContain('light');
    // A call of another sub-service is not shown here; one of its own is.
    const other = await issue('booklet-renewal');
    const own = await issue('pension');
    const c4 = await login(url, 'clerk4', PASSWORD);
    const c6 = await login(url, 'clerk6', PASSWORD);
    await counterAction(url, c4, 'counter-4', 'no-show').catch(() => undefined);
    await counterAction(url, c4, 'counter-4', 'call-next');
    await counterAction(url, c6, 'counter-6', 'call-next');
    await expect
      .poll(() => part.getByTestId('latest-number').textContent(), { timeout: 20_000 })
      .toBe(toPersianDigits(own.number));
    expect(await part.getByTestId('recent').textContent()).not.toContain(toPersianDigits(other.number));
    // Only counters serving its sub-services are listed: counter 6 (pensions, finance), not counter 4.
    expect(await part.getByTestId('counter-counter-6').count()).toBe(1);
    expect(await part.getByTestId('counter-counter-4').count()).toBe(0);
    await shot(part, 'display-05-part-light');
  });

  /** A branch of its own with `n` sub-services (the demo's, renamed), counters serving them all, and a clerk for each. */
  async function branchWith(id: string, n: number, counters = 3): Promise<{ services: string[]; clerks: string[] }> {
    const admin = await login(url, 'admin', PASSWORD);
    const { config } = await apiOk<{ config: BranchConfigInput }>(url, 'GET', `/api/v1/admin/branches/${DEMO_BRANCH}`, {
      token: admin,
    });
    const template = config.services;
    config.branch.id = id;
    config.services = Array.from({ length: n }, (_, i) => {
      const base = template[i % template.length];
      if (!base) throw new Error('no service to copy');
      return {
        ...base,
        id: `${id}-s${i + 1}`,
        title: { fa: `${base.title.fa} ${toPersianDigits(i + 1)}`, en: `${base.title.en} ${i + 1}` },
        numbering: { prefix: '', from: (i + 1) * 100, to: (i + 1) * 100 + 99 },
        dailyCap: null,
      };
    });
    config.counters = Array.from({ length: counters }, (_, k) => ({
      id: `${id}-c${k + 1}`,
      number: k + 1,
      title: { fa: `باجه ${toPersianDigits(k + 1)}` },
      services: (config.services ?? []).map((x) => ({ serviceId: x.id })),
    }));
    config.clerks = [];
    await apiOk(url, 'POST', '/api/v1/admin/branches', { token: admin, body: { config }, status: 201 });
    const clerks: string[] = [];
    for (let k = 1; k <= counters; k++) {
      const username = `${id}-k${k}`;
      await apiOk(url, 'POST', '/api/v1/admin/users', {
        token: admin,
        body: { username, name: `کارمند ${k}`, role: 'clerk', branchId: id, password: PASSWORD },
        status: 201,
      });
      clerks.push(await firstLogin(url, username, PASSWORD));
    }
    return { services: config.services.map((x) => x.id), clerks };
  }

  /** `calls` tickets issued and called one after another at one counter (each started, so the next call finishes it). */
  async function fillCalls(branchId: string, token: string, counterId: string, services: string[], calls: number) {
    const issuer = branchId === DEMO_BRANCH ? kiosk : await login(url, 'admin', PASSWORD);
    await counterAction(url, token, counterId, 'open');
    for (let i = 0; i < calls; i++) {
      await issueTicket(url, issuer, services[i % services.length] ?? '', { branchId });
      await counterAction(url, token, counterId, 'call-next');
      await counterAction(url, token, counterId, 'start');
    }
  }

  /**
   * What of the hall is out of its place: a panel off the screen or overflowing, a row cut by its
   * panel or too wide for it. (Run in the page; a string, as the tests' TypeScript has no DOM types.)
   */
  const hallProblems = (page: Page) =>
    page.evaluate<string[]>(`(() => {
      const problems = [];
      const within = (a, b) =>
        a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5 && a.left >= b.left - 0.5 && a.right <= b.right + 0.5;
      const screen = new DOMRect(0, 0, innerWidth, innerHeight);
      for (const section of document.querySelectorAll('.hall section, .hall header')) {
        if (!within(section.getBoundingClientRect(), screen)) problems.push(section.className + ' leaves the screen');
        if (section.scrollHeight > section.clientHeight + 1 || section.scrollWidth > section.clientWidth + 1) {
          problems.push(section.className + ' overflows');
        }
      }
      for (const name of ['waiting', 'counters']) {
        const box = document.querySelector('[data-testid=panel-' + name + '] .page-box')?.getBoundingClientRect();
        for (const row of document.querySelectorAll('[data-testid=list-' + name + '] > li')) {
          if (!box || !within(row.getBoundingClientRect(), box)) problems.push(name + ': ' + row.textContent + ' is cut');
          if (row.scrollWidth > row.clientWidth + 1) problems.push(name + ': ' + row.textContent + ' is too wide');
        }
      }
      for (const row of document.querySelectorAll('[data-testid=recent] > li, .latest .call')) {
        if (row.scrollWidth > row.clientWidth + 1) problems.push(row.textContent + ' is too wide');
      }
      return problems;
    })()`);

  const visibleWaiting = (page: Page) =>
    page
      .locator('[data-testid=list-waiting] > li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.replace(/^waiting-/, '') ?? ''));
  const pageMark = async (page: Page) => {
    const mark = page.getByTestId('page-waiting');
    return (await mark.count()) > 0 ? await mark.textContent() : null;
  };

  it('[D1] a recall moves its number to the top of the hall, marked, and never adds a second row', async () => {
    const { services, clerks } = await branchWith('recalls', 2, 2);
    const [c1 = '', c2 = ''] = clerks;
    const admin = await login(url, 'admin', PASSWORD);
    const a = await issueTicket(url, admin, services[0] ?? '', { branchId: 'recalls' });
    const b = await issueTicket(url, admin, services[1] ?? '', { branchId: 'recalls' });
    const hall = await open('/display/?branch=recalls');
    await hall.getByTestId('latest').waitFor();
    await counterAction(url, c1, 'recalls-c1', 'open');
    await counterAction(url, c2, 'recalls-c2', 'open');
    await counterAction(url, c1, 'recalls-c1', 'call-next'); // a
    await counterAction(url, c2, 'recalls-c2', 'call-next'); // b
    await expect.poll(() => hall.getByTestId('latest-number').textContent()).toBe(toPersianDigits(b.number));
    await counterAction(url, c1, 'recalls-c1', 'recall');
    await counterAction(url, c1, 'recalls-c1', 'recall');
    const rowsOf = (page: Page, id: string) => page.locator(`[data-testid=recent] > li[data-ticket="${id}"]`).count();
    for (const page of [hall, await open('/display/?branch=recalls')]) {
      // Live (the first screen) and from the snapshot (a screen opened now): a on top, marked, once.
      await expect.poll(() => page.getByTestId('latest-number').textContent()).toBe(toPersianDigits(a.number));
      expect(await page.locator('.latest .call').getAttribute('data-recall')).toBe('true');
      expect(await page.locator('.latest .again').textContent()).toBe('فراخوان دوباره');
      expect(await rowsOf(page, a.id)).toBe(0);
      expect(await rowsOf(page, b.id)).toBe(1);
      expect(await page.getByTestId('recent').locator('li').count()).toBe(1);
    }
    await shot(hall, 'display-06-recall');
  });

  /** Three branches (the demo's 8 sub-services, 14 and 30), each with its recent calls full: made once. */
  let hallBranches: Promise<(readonly [string, readonly string[]])[]> | undefined;
  const hallSetup = () =>
    (hallBranches ??= (async () => {
      const demoClerk = await login(url, 'clerk5', PASSWORD);
      await fillCalls(DEMO_BRANCH, demoClerk, 'counter-5', ['registration', 'booklet-renewal', 'insured-record'], 10);
      const big = await branchWith('hall14', 14);
      const bigger = await branchWith('hall30', 30);
      for (const [b, clerks] of [
        ['hall14', big.clerks],
        ['hall30', bigger.clerks],
      ] as const) {
        await fillCalls(b, clerks[0] ?? '', `${b}-c1`, b === 'hall14' ? big.services : bigger.services, 10);
        await counterAction(url, clerks[1] ?? '', `${b}-c2`, 'open');
      }
      const demoServices = (
        await apiOk<{ id: string; active: boolean }[]>(url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/services`)
      )
        .filter((x) => x.active)
        .map((x) => x.id);
      return [
        [DEMO_BRANCH, demoServices],
        ['hall14', big.services],
        ['hall30', bigger.services],
      ] as const;
    })());

  // One test a screen size, so that each stays well inside its time on a loaded machine.
  for (const [size, width, height, layout] of [
    ['1920x1080', 1920, 1080, ''],
    ['1366x768', 1366, 768, ''],
    ['portrait', 1080, 1920, '&layout=portrait'],
  ] as const) {
    it(`every sub-service is visible, paging when they do not fit, with the recent calls full: ${size}`, {
      timeout: 240_000,
    }, async () => {
      const branches = await hallSetup();
      const paged: string[] = [];
      for (const [branchId, services] of branches) {
        const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
        await page.clock.install();
        await page.goto(`${url}/display/?branch=${branchId}${layout}`);
        const recentRows = layout ? 6 : 8;
        await expect.poll(() => page.getByTestId('recent').locator('li').count(), { timeout: 10_000 }).toBe(recentRows);
        await expect
          .poll(() => page.locator('[data-testid=list-waiting] > li').count(), { timeout: 10_000 })
          .toBeGreaterThan(0);
        // From here the page's clock moves only when the test moves it.
        await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
        // Rows are laid out again as the fonts arrive: wait for the panels to settle, with nothing cut.
        const settled = (what: string) =>
          expect.poll(() => hallProblems(page), { timeout: 10_000, message: what }).toEqual([]);
        // Pages are counted from the rows' heights, which change as each font weight arrives: count
        // them once every font is in and the layout has settled.
        await page.evaluate('document.fonts.ready.then(() => true)');
        await settled(`${branchId} at ${size}`);
        const seen: string[] = [];
        const mark = await pageMark(page);
        const pages = mark ? Number(mark.split('/')[1]?.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))) : 1;
        for (let p = 1; p <= pages; p++) {
          if (pages > 1) expect(await pageMark(page)).toBe(toPersianDigits(`${p}/${pages}`));
          await settled(`${branchId} at ${size}, page ${p}`);
          seen.push(...(await visibleWaiting(page)));
          if (p === 2) await shotOnly(page, `display-08-${branchId}-${size}-page-2`);
          if (pages > 1) await page.clock.runFor(10_000);
        }
        // Every sub-service once, in order, over the pages; after the last page, the first again.
        expect(seen, `${branchId} at ${size}`).toEqual([...services]);
        if (pages > 1) {
          paged.push(branchId);
          expect(await pageMark(page)).toBe(toPersianDigits(`1/${pages}`));
        }
        await shotOnly(page, `display-07-${branchId}-${size}`);
        // The same screen on a running clock, for axe-core.
        await page.clock.resume();
        await expectAccessible(page, `the hall of ${branchId} at ${size}`);
        await page.context().close();
      }
      // The demo's eight fit on this screen; thirty do not fit on one page.
      expect(paged).not.toContain(DEMO_BRANCH);
      expect(paged).toContain('hall30');
    });
  }

  it('the heading takes the same room at every minute, so the panels below never move with the clock', async () => {
    await hallSetup();
    const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    // Two times of day whose digits differ most in width (۱ is the narrowest, ۳ the widest).
    await page.clock.install({ time: new Date('2026-12-02T07:41:00Z') });
    await page.goto(`${url}/display/?branch=hall30&layout=portrait`);
    await page.getByTestId('clock').waitFor();
    await page.evaluate('document.fonts.ready.then(() => true)');
    const measure = () =>
      page.evaluate(() => ({
        clock: document.querySelector('[data-testid=clock]')?.textContent ?? '',
        width: document.querySelector('[data-testid=clock]')?.getBoundingClientRect().width ?? 0,
        header: document.querySelector('.bar')?.getBoundingClientRect().height ?? 0,
        box: document.querySelector('[data-testid=panel-waiting] .page-box')?.clientHeight ?? 0,
      }));
    const before = await measure();
    await page.clock.setSystemTime(new Date('2026-12-02T09:03:00Z'));
    await page.clock.runFor(1_000);
    await expect.poll(async () => (await measure()).clock).not.toBe(before.clock);
    const after = await measure();
    expect({ width: after.width, header: after.header, box: after.box }).toEqual({
      width: before.width,
      header: before.header,
      box: before.box,
    });
    await page.context().close();
  });

  it('the signboard says «آماده» when free, calls the number forward, then shows it being served; in English too', async () => {
    const clerk2 = await login(url, 'clerk2', PASSWORD);
    const at = (action: string) => counterAction(url, clerk2, 'counter-2', action);
    const fa = await open(`/display/?branch=${DEMO_BRANCH}&counter=counter-2`, 1280, 720);
    const en = await open(`/display/?branch=${DEMO_BRANCH}&counter=counter-2&lang=en`, 1280, 720);
    await at('open');
    await expect.poll(() => fa.getByTestId('signboard').getAttribute('data-state'), { timeout: 10_000 }).toBe('idle');
    expect(await fa.getByTestId('signboard-state').textContent()).toBe('آماده');
    await expect.poll(() => en.getByTestId('signboard-state').textContent()).toBe('Ready');
    await shot(fa, 'display-09-signboard-idle');
    const t = await issue('insured-record');
    await at('call-next');
    await expect.poll(() => fa.getByTestId('signboard').getAttribute('data-state')).toBe('called');
    expect(await fa.getByTestId('signboard-label').textContent()).toBe('بفرمایید — شمارهٔ');
    expect(await fa.getByTestId('signboard-serving').textContent()).toBe(toPersianDigits(t.number));
    await expect.poll(() => en.getByTestId('signboard-label').textContent()).toBe('Please come forward — number');
    await shot(fa, 'display-10-signboard-called');
    await at('start');
    await expect.poll(() => fa.getByTestId('signboard').getAttribute('data-state')).toBe('serving');
    expect(await fa.getByTestId('signboard-label').textContent()).toBe('در حال خدمت');
    await expect.poll(() => en.getByTestId('signboard-label').textContent()).toBe('Now serving');
    expect(await en.getByTestId('signboard-serving').textContent()).toBe(t.number);
    await shot(fa, 'display-11-signboard-serving');
    await shot(en, 'display-12-signboard-serving-en');
    await at('finish');
    await expect.poll(() => fa.getByTestId('signboard-state').textContent()).toBe('آماده');
  });
});
