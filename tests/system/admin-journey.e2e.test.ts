/// <reference lib="dom" />
// The whole adoption of Nobat by a new office, in real Chromium and nothing but the browser: the
// admin of a freshly started server (no demo office) signs in to the console with the one-time
// password and chooses their own, creates the organisation, a provincial office and a branch open
// every day 00:00–24:00 (the server has no fake clock: a branch always open keeps the test free of
// the wall clock), builds its floor plan (a service group; a sub-service with its information
// package — steps, a required document, a fee — and a workflow row; a counter serving it on the
// grid), a clerk limited to that counter and a kiosk token. The kiosk opened with the token's
// pairing link issues a ticket of the new sub-service, and the new clerk, signed in at the desk,
// calls exactly that ticket. The audit log holds the admin's change of every kind.
// Screenshots: tests/.tmp/screenshots/journey-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditPage, ConfigEnvelope, UserView } from '@nobat/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { chromiumAvailable, ensureAppBuilt, launchBrowser, shot } from '../support/browser.ts';
import { requireOrSkip } from '../support/require.ts';
import { apiOk, login } from '../support/socket.ts';

const ONE_TIME = 'journey-one-time-password';
const ADMIN_PASSWORD = 'journey-admins-own-password';
const CLERK_ONE_TIME = 'journey-clerk-first-pass';
const CLERK_PASSWORD = 'journey-clerks-own-password';
const BRANCH = 'journey-branch';
// The ids the floor plan gives the first group, sub-service and counter of an empty branch.
const GROUP = 'group-1';
const SERVICE = 'service-1';
const COUNTER = 'counter-1';
const WAIT = { timeout: 30_000 };
const DAYS = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'] as const;
const VIEW = { viewport: { width: 1366, height: 768 } } as const;

describe.skipIf(!requireOrSkip('chromium', chromiumAvailable()))(
  'a new office, from nothing to a called ticket',
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nobat-admin-journey-'));
    let server: RunningServer;
    let url: string;
    let browser: Browser;
    let admin: Page;
    const contexts: BrowserContext[] = [];
    /** What the admin read off the dialog shown once. */
    let pairingLink = '';
    /** The ticket number as the kiosk's screen shows it. */
    let shownNumber = '';

    async function newPage(): Promise<Page> {
      const context = await browser.newContext(VIEW);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      return page;
    }
    /** A field of the floor plan, by the zod path of what it edits. */
    const field = (page: Page, path: string) => page.locator(`[data-path="${path}"] input`).first();
    const adminToken = () => login(url, 'admin', ADMIN_PASSWORD);

    beforeAll(async () => {
      for (const app of ['console', 'kiosk', 'counter'] as const) ensureAppBuilt(app);
      server = await createServer(
        readConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          NOBAT_DATA_DIR: dataDir,
          NOBAT_DEMO: 'off',
          NOBAT_ADMIN_PASSWORD: ONE_TIME,
          LOG_LEVEL: 'silent',
        }),
      );
      url = `http://127.0.0.1:${server.port}`;
      browser = await launchBrowser();
      admin = await newPage();
    }, 300_000);

    afterAll(async () => {
      await Promise.all(contexts.map((c) => c.close()));
      await browser?.close();
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('1. the admin signs in with the one-time password and must choose their own first', async () => {
      await admin.goto(`${url}/console/`);
      await admin.getByTestId('username').fill('admin');
      await admin.getByTestId('password').fill(ONE_TIME);
      await admin.getByTestId('sign-in').click();
      await admin.getByTestId('must-change-password').waitFor(WAIT);
      await shot(admin, 'journey-01-one-time-password');
      await admin.getByTestId('current-password').fill(ONE_TIME);
      await admin.getByTestId('new-password').fill(ADMIN_PASSWORD);
      await admin.getByTestId('repeat-password').fill(ADMIN_PASSWORD);
      await admin.getByTestId('change-password').click();
      await admin.getByTestId('side-menu').waitFor(WAIT);
      // The tree is there, and empty: a fresh office has no organisation yet.
      await admin.getByTestId('org-tree').waitFor({ state: 'attached', ...WAIT });
    });

    it('2. creates the organisation, a provincial office and a branch open every day, all day', async () => {
      expect(await admin.getByTestId('org-tree').locator('li').count()).toBe(0);
      await admin.getByTestId('new-organisation').click();
      const dialog = admin.getByTestId('name-editor');
      await dialog.getByTestId('field-id').fill('journey-org');
      await dialog.getByTestId('field-name-fa').fill('سازمان ثبت اسناد');
      await dialog.getByTestId('field-name-en').fill('Registry Organisation');
      await dialog.getByTestId('save').click();
      await admin.getByTestId('org-journey-org').waitFor(WAIT);

      await admin.getByTestId('org-journey-org').getByTestId('new-office').click();
      await dialog.getByTestId('field-id').fill('journey-province');
      await dialog.getByTestId('field-name-fa').fill('ادارهٔ کل استان یزد');
      await dialog.getByTestId('field-name-en').fill('Yazd Provincial Office');
      await dialog.getByTestId('save').click();
      await admin.getByTestId('office-journey-province').waitFor(WAIT);
      await shot(admin, 'journey-02-organisation');

      await admin.getByTestId('office-journey-province').getByTestId('new-branch').click();
      const form = admin.getByTestId('branch-form');
      await form.waitFor(WAIT);
      await form.getByTestId('field-branch-id').fill(BRANCH);
      await form.getByTestId('field-name-fa').fill('شعبهٔ مرکزی یزد');
      await form.getByTestId('field-name-en').fill('Yazd Central Branch');
      await form.getByTestId('field-type').selectOption('2');
      await form.getByTestId('field-address').fill('یزد، بلوار جمهوری');
      for (const day of DAYS) {
        const open = form.getByTestId(`open-${day}`);
        if (!(await open.isChecked())) await open.check();
        await form.getByTestId(`opens-${day}-0`).fill('00:00');
        await form.getByTestId(`closes-${day}-0`).fill('24:00');
      }
      await shot(admin, 'journey-03-branch-hours');
      await form.getByTestId('save').click();
      await expect.poll(() => new URL(admin.url()).pathname, WAIT).toBe(`/console/branches/${BRANCH}/settings`);
      await form.getByTestId('changed-line').waitFor(WAIT);
    });

    it('3. builds the floor plan: a group, a sub-service with its package and workflow, a counter serving it', async () => {
      await admin.goto(`${url}/console/branches/${BRANCH}`);
      await admin.getByTestId('floor-plan').waitFor(WAIT);

      await admin.getByTestId('tab-groups').click();
      await admin.getByTestId('group-add').click();
      await field(admin, 'groups.0.title.fa').fill('اسناد رسمی');
      await field(admin, 'groups.0.title.en').fill('Official deeds');

      await admin.getByTestId('tab-services').click();
      await admin.getByTestId('service-add').click();
      await admin.getByTestId('service-title-fa').fill('گواهی امضا');
      await admin.getByTestId('service-title-en').fill('Signature certification');
      await admin.getByTestId('numbering-prefix').fill('G');

      await admin.getByTestId('section-info').click();
      const steps = admin.getByTestId('info-steps');
      await steps.getByRole('button', { name: /افزودن مرحله/ }).click();
      await field(admin, 'services.0.info.steps.0').fill('تکمیل فرم درخواست');
      await steps.getByRole('button', { name: /افزودن مرحله/ }).click();
      await field(admin, 'services.0.info.steps.1').fill('امضا در حضور کارشناس');
      await admin.getByTestId('info-documents').locator('button.fp-add').click();
      await field(admin, 'services.0.info.requiredDocuments.0.title.fa').fill('اصل کارت ملی');
      await admin.getByTestId('info-fees').locator('button.fp-add').click();
      await field(admin, 'services.0.info.fees.0.title.fa').fill('حق‌الثبت');
      await field(admin, 'services.0.info.fees.0.amountRials').fill('۲۵۰۰۰۰');
      await field(admin, 'services.0.info.fees.0.account').fill('حساب خزانه ۴۰۱۰');
      await field(admin, 'services.0.info.fees.0.legalBasis').fill('مادهٔ ۱۲۳ قانون ثبت');
      await shot(admin, 'journey-04-information-package');

      await admin.getByTestId('section-workflow').click();
      await admin.getByTestId('workflow-add').click();
      await field(admin, 'services.0.workflow.0.title').fill('بررسی هویت و امضا');
      await field(admin, 'services.0.workflow.0.unit').fill('واحد گواهی امضا');
      await field(admin, 'services.0.workflow.0.post').fill('کارشناس ثبت');
      await field(admin, 'services.0.workflow.0.duration').fill('۱۰');
      await shot(admin, 'journey-05-workflow');

      await admin.getByTestId('tab-counters').click();
      await admin.getByTestId('counter-add').click();
      await field(admin, 'counters.0.title.fa').fill('باجهٔ گواهی امضا');
      // The grid: this counter serves the new sub-service, with weight 2.
      const cell = admin.getByTestId(`cell-${COUNTER}-${SERVICE}`);
      await cell.fill('۲');
      await shot(admin, 'journey-06-counters-grid');

      const answered = admin.waitForResponse(
        (r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/admin/branches/${BRANCH}`),
        WAIT,
      );
      await admin.getByTestId('save').click();
      const saved = await answered;
      expect(saved.status(), await saved.text()).toBe(200);
      await expect.poll(() => admin.getByTestId('dirty-state').textContent(), WAIT).toBe('همه‌چیز ذخیره شده است');
      await shot(admin, 'journey-07-floor-saved');

      const cfg = (
        await apiOk<ConfigEnvelope>(url, 'GET', `/api/v1/admin/branches/${BRANCH}`, { token: await adminToken() })
      ).config;
      expect(cfg.groups.map((g) => g.id)).toEqual([GROUP]);
      const service = cfg.services.find((s) => s.id === SERVICE);
      expect(service).toMatchObject({ groupId: GROUP, title: { fa: 'گواهی امضا' }, active: true });
      expect(service?.info.steps).toHaveLength(2);
      expect(service?.info.requiredDocuments.map((d) => d.title.fa)).toEqual(['اصل کارت ملی']);
      expect(service?.info.fees).toMatchObject([{ amountRials: 250_000 }]);
      expect(service?.workflow).toMatchObject([{ row: 1, title: 'بررسی هویت و امضا', duration: 10 }]);
      expect(cfg.counters.map((c) => [c.id, c.services])).toEqual([[COUNTER, [{ serviceId: SERVICE, weight: 2 }]]]);
    });

    it('4. creates a clerk limited to that counter', async () => {
      await admin.getByTestId('nav-users').click();
      await admin.getByTestId('new-user').click();
      const editor = admin.getByTestId('user-editor');
      await editor.getByTestId('field-username').fill('journey-clerk');
      await editor.getByTestId('field-name').fill('مریم کارمند');
      await editor.getByTestId('field-role').selectOption('clerk');
      await editor.getByTestId('field-branch').selectOption(BRANCH);
      await editor.getByTestId('field-password').fill(CLERK_ONE_TIME);
      await editor.getByTestId('field-counters').getByTestId(`counter-${COUNTER}`).check(WAIT);
      await shot(admin, 'journey-08-clerk');
      await editor.getByTestId('save').click();
      await expect.poll(() => admin.getByTestId('users-notice').textContent(), WAIT).toBe('کاربر ساخته شد.');
      const users = await apiOk<UserView[]>(url, 'GET', '/api/v1/admin/users', { token: await adminToken() });
      expect(users.find((u) => u.username === 'journey-clerk')).toMatchObject({
        role: 'clerk',
        branchId: BRANCH,
        counters: [COUNTER],
        active: true,
      });
    });

    it('5. creates a kiosk token, shown once with its pairing link', async () => {
      await admin.getByTestId('nav-devices').click();
      await admin.getByTestId('new-device').click();
      const editor = admin.getByTestId('device-editor');
      await editor.getByTestId('field-kind').selectOption('kiosk');
      await editor.getByTestId('field-id').fill('journey-kiosk');
      await editor.getByTestId('field-name').fill('کیوسک ورودی');
      await editor.getByTestId('field-branch').selectOption(BRANCH);
      await editor.getByTestId('save').click();
      const once = admin.getByTestId('token-once');
      await once.waitFor(WAIT);
      pairingLink = (await once.getByTestId('pairing-link').textContent()) ?? '';
      expect(pairingLink).toContain('/kiosk/?token=');
      await shot(admin, 'journey-09-kiosk-token');
      await once.getByTestId('token-done').click();
    });

    it('6. the kiosk opened by the pairing link issues a ticket of the new sub-service', async () => {
      const kiosk = await newPage();
      await kiosk.goto(pairingLink);
      // With one group the kiosk may open on its sub-services directly.
      const group = kiosk.getByTestId(`group-${GROUP}`);
      const service = kiosk.getByTestId(`service-${SERVICE}`);
      await group.or(service).first().waitFor(WAIT);
      await shot(kiosk, 'journey-10-kiosk');
      if (await group.isVisible()) await group.click();
      await service.click();
      await kiosk.getByTestId('take').waitFor(WAIT);
      const issued = kiosk.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/branches/${BRANCH}/tickets`),
        WAIT,
      );
      await kiosk.getByTestId('take').click();
      expect((await issued).status()).toBe(201);
      const number = kiosk.getByTestId('number');
      await number.waitFor(WAIT);
      shownNumber = ((await number.textContent()) ?? '').trim();
      expect(shownNumber).toMatch(/^G[۰-۹]+$/);
      await shot(kiosk, 'journey-11-kiosk-ticket');
    });

    it('7. the new clerk signs in at the desk, opens the counter and calls that very ticket', async () => {
      const desk = await newPage();
      await desk.goto(`${url}/counter/`);
      await desk.getByTestId('username').fill('journey-clerk');
      await desk.getByTestId('password').fill(CLERK_ONE_TIME);
      await desk.getByTestId('sign-in').click();
      // Should the password an admin set be one-time, the desk asks for the clerk's own first.
      const mustChange = desk.getByTestId('must-change-password');
      const take = desk.getByTestId(`take-${COUNTER}`);
      await mustChange.or(take).first().waitFor(WAIT);
      if (await mustChange.isVisible()) {
        await desk.getByTestId('current-password').fill(CLERK_ONE_TIME);
        await desk.getByTestId('new-password').fill(CLERK_PASSWORD);
        await desk.getByTestId('repeat-password').fill(CLERK_PASSWORD);
        await desk.getByTestId('save-password').click();
      }
      await take.click(WAIT);
      await desk.getByTestId('call-next').waitFor(WAIT);
      await shot(desk, 'journey-12-desk-open');
      await desk.getByTestId('call-next').click();
      await expect.poll(() => desk.getByTestId('current-number').textContent(), WAIT).toBe(shownNumber);
      expect(await desk.getByTestId('current-service').textContent()).toBe('گواهی امضا');
      // The information package reaches the desk: the document to check is the one the admin listed.
      await desk.getByTestId('documents').getByText('اصل کارت ملی').waitFor(WAIT);
      await shot(desk, 'journey-13-desk-called');
    });

    it('8. the audit log holds every kind of change, each made by the new admin', async () => {
      const page = await apiOk<AuditPage>(url, 'GET', '/api/v1/admin/audit?limit=200', { token: await adminToken() });
      const made = page.entries.map((e) => `${e.target.kind}:${e.action}:${e.target.id}`);
      expect(made).toEqual(
        expect.arrayContaining([
          'organisation:create:journey-org',
          'provincial-office:create:journey-province',
          `branch:create:${BRANCH}`,
          `branch:update:${BRANCH}`,
          'user:create:journey-clerk',
          'device:create:journey-kiosk',
        ]),
      );
      expect(new Set(page.entries.map((e) => e.actor.id))).toEqual(new Set(['admin']));
      // The floor plan's save changed the branch's groups, sub-services and counters; enrolling the
      // clerk changed its clerks: two updates of the branch, each saying what it changed.
      const updates = page.entries
        .filter((e) => e.target.kind === 'branch' && e.action === 'update')
        .map((e) => e.changes.map((c) => c.split('.')[0]));
      expect(updates).toEqual(expect.arrayContaining([['groups', 'services', 'counters'], ['clerks']]));

      // The console shows the same log to the admin.
      await admin.getByTestId('nav-audit').click();
      const rows = admin.getByTestId('audit-table').locator('tbody tr[data-row]');
      await expect.poll(() => rows.count(), WAIT).toBe(page.entries.length);
      await shot(admin, 'journey-14-audit');
    });
  },
);
