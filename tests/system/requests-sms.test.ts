// [RN1–RN6] The whole server with NOBAT_SMS_GATEWAY=kavenegar pointed at a local fake of Kavenegar's
// REST API: a request made by the clerk from a served visit and moved over HTTP through its units —
// an inquiry, a forward, a return to the previous step, a return to the desk, a resubmission, the
// response and its delivery — sends its visitor one SMS per stage with the right words, none twice and
// none for the office's own moves; the revenue officer's live inbox adds it and drops it; a step left
// past its due time raises the supervisor's alert.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlertPage, toJalali, toPersianDigits } from '@nobat/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { skewToTehranMorning } from '../support/clock.ts';
import { type FakeKavenegar, startFakeKavenegar } from '../support/fake-kavenegar.ts';
import { apiOk, counterAction, login, openClient, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'requests-sms-password';
const BASE = 'https://nobat.example';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WAIT = { timeout: 15_000 };
/** How far the server's clock runs ahead of the wall clock: to the next 10:00 in Tehran (UTC+3:30). */
const skew = skewToTehranMorning();
/** Moved on by the overdue test, in whole days (the local time stays 10:00, outside the night window). */
let later = 0;
const dir = mkdtempSync(join(tmpdir(), 'nobat-requests-sms-'));
let fake: FakeKavenegar;
let server: RunningServer;
const tokens: Record<string, string> = {};
const USERS = ['clerk1', 'clerk2', 'supervisor', 'officer-enforcement', 'officer-revenue', 'officer-insured'];
const clients: RecordingClient[] = [];

beforeAll(async () => {
  fake = await startFakeKavenegar('TEST-KEY');
  server = await createServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: dir,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      ...fake.env,
      PUBLIC_URL: BASE,
      LOG_LEVEL: 'silent',
    }),
    // The store reclaims finished records by its own (wall) clock: the server's stays on its side.
    { clock: () => Date.now() + skew + later, alertIntervalMs: 300 },
  );
  for (const u of USERS) tokens[u] = await login(server.url, u, PASSWORD);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const token = (u: string) => tokens[u] as string;
const APPLICANT = { fullName: 'مریم احمدی', nationalId: '0084575948', mobile: '09121234567' };
const STEP = ['استعلام بدهی کارگاه', 'محاسبهٔ اقساط', 'تنظیم و امضای توافق‌نامه'];

/** A premium-debt visit (workflow: enforcement → revenue → revenue) served at counter-1, turned into a request. */
async function makeRequest(): Promise<{ id: string; code: string; promisedDate: string }> {
  await counterAction(server.url, token('clerk1'), 'counter-1', 'open').catch(() => undefined);
  const t = await apiOk<{ id: string }>(server.url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
    body: { serviceId: 'premium-debt' }, // no mobile: the ticket itself sends nothing
    status: 201,
  });
  await counterAction(server.url, token('clerk1'), 'counter-1', 'call-next');
  await counterAction(server.url, token('clerk1'), 'counter-1', 'start');
  const r = await apiOk<{ id: string; code: string; promisedDate: string }>(server.url, 'POST', '/api/v1/requests', {
    token: token('clerk1'),
    body: { ticketId: t.id, applicant: APPLICANT, notes: 'یادداشت داخلی میز' },
    status: 201,
  });
  await counterAction(server.url, token('clerk1'), 'counter-1', 'finish');
  return r;
}

const move = (who: string, id: string, m: string, body: Record<string, unknown> = {}) =>
  apiOk<{ version: number }>(server.url, 'POST', `/api/v1/requests/${id}/${m}`, { token: token(who), body });

describe('[RN1–RN6] a request’s SMS per stage through the Kavenegar fake', () => {
  it('[RN1][RN2][RN3][RN4][RN6] one SMS per stage with its words, none for internal moves, none twice; the live inbox follows', async () => {
    const inbox = openClient(server.url, '/requests', { auth: { token: token('officer-revenue') } });
    clients.push(inbox);
    await inbox.connected();

    const { id, code, promisedDate } = await makeRequest();
    const c = toPersianDigits(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`);
    const link = `${BASE}/r/${code}`;
    const branch = 'سازمان تأمین اجتماعی — شعبهٔ ۱۴ تهران';
    const j = toJalali(promisedDate);
    const jalali = toPersianDigits(`${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`);
    const expected: string[] = [];
    /** The next SMS the fake must receive (and nothing else meanwhile). */
    const next = async (text: string) => {
      expected.push(text);
      await vi.waitFor(() => expect(fake.received.length).toBeGreaterThanOrEqual(expected.length), WAIT);
      expect(fake.received.map((m) => m.message)).toEqual(expected);
    };
    /** The office's own moves: no SMS (checked once the next stage's SMS arrives, by the exact list). */
    await next(`${branch}\nدرخواست شما ثبت شد.\nکد رهگیری: ${c}\nموعد پاسخ: ${jalali}\nپیگیری: ${link}`);

    await move('officer-enforcement', id, 'accept');
    await move('officer-enforcement', id, 'inquiry', { agency: 'ادارهٔ ثبت اسناد', question: 'سند کارگاه؟' });
    await next(`برای درخواست ${c} از دستگاه دیگری استعلام شد؛ منتظر پاسخ آن هستیم.`);
    await move('officer-enforcement', id, 'inquiry-answer', { answer: 'سند به نام کارفرماست' });
    await move('officer-enforcement', id, 'complete', { note: 'بدهی: ۱۲٬۰۰۰٬۰۰۰ ریال' });
    await next(`درخواست ${c} به مرحلهٔ «${STEP[1]}» رسید.`);
    // [RN6] It reached revenue: the officer's inbox hears it.
    await inbox.waitFor<{ id: string; current: { unit: string } | null }>(
      'request:changed',
      (s) => s.id === id && s.current?.unit === 'واحد درآمد',
    );

    // A forward and its way back: the office's own business.
    await move('officer-revenue', id, 'accept');
    await move('officer-revenue', id, 'forward', { unit: 'واحد امور بیمه‌شدگان', note: 'سوابق بیمه‌ای' });
    // [RN6] It left revenue: the same inbox hears it go (and drops it).
    await inbox.waitFor<{ id: string; current: { unit: string } | null }>(
      'request:changed',
      (s) => s.id === id && s.current?.unit === 'واحد امور بیمه‌شدگان',
    );
    await move('officer-insured', id, 'accept');
    await move('officer-insured', id, 'return', { reason: 'مبلغ بدهی با لیست‌ها نمی‌خواند' });
    await next(`درخواست ${c} برای بازبینی به مرحلهٔ «${STEP[0]}» برگشت.`);

    await move('officer-enforcement', id, 'accept');
    await move('officer-enforcement', id, 'return', { reason: 'گواهی کسر از حقوق لازم است' });
    await next(`درخواست ${c} برای تکمیل به پیشخوان ${branch} برگشت.\nعلت: گواهی کسر از حقوق لازم است\n${link}`);
    await move('clerk2', id, 'resubmit', { note: 'گواهی رسید' });
    await next(`درخواست ${c} دوباره به جریان افتاد: مرحلهٔ «${STEP[0]}».`);

    await move('officer-enforcement', id, 'accept');
    await move('officer-enforcement', id, 'complete', {});
    await next(`درخواست ${c} به مرحلهٔ «${STEP[1]}» رسید.`);
    await move('officer-revenue', id, 'accept');
    await move('officer-revenue', id, 'complete', {});
    await next(`درخواست ${c} به مرحلهٔ «${STEP[2]}» رسید.`);
    await move('officer-revenue', id, 'accept');
    await move('officer-revenue', id, 'respond', {
      legalBasis: 'مادهٔ ۲۸ قانون تأمین اجتماعی',
      answer: 'بدهی در ۱۲ قسط پرداخت می‌شود.',
      appealTo: 'هیئت تشخیص مطالبات',
      appealUntil: '2099-01-01',
    });
    await next(`پاسخ درخواست ${c} آماده است.\nدریافت حضوری: ${branch}\nدریافت برخط: ${link}`);
    const delivered = await move('clerk1', id, 'deliver', { channel: 'desk' });
    await next(`پاسخ درخواست ${c} حضوری به شما تحویل شد.`);

    // Every SMS to the applicant, each its own key (Kavenegar's localid), in the outbox as sent.
    expect(new Set(fake.received.map((m) => m.receptor))).toEqual(new Set([APPLICANT.mobile]));
    expect(new Set(fake.received.map((m) => m.localid)).size).toBe(expected.length);
    expect(expected).toHaveLength(10);
    for (const seq of [1, delivered.version]) {
      await vi.waitFor(async () => expect((await server.outbox.get(`request:${id}:${seq}`))?.state).toBe('sent'), WAIT);
    }
    // Nothing internal in any of them.
    const all = expected.join('\n');
    for (const secret of ['ثبت اسناد', 'سند', '۱۲٬۰۰۰٬۰۰۰', 'سوابق بیمه‌ای', 'یادداشت', 'کارشناس', 'واحد']) {
      expect(all).not.toContain(secret);
    }
    // [RN3] Told again (a restart's catch-up) and another pass of the worker: nothing more is sent.
    await server.requestNotices.catchUp();
    await server.outbox.runOnce();
    expect(fake.received).toHaveLength(expected.length);
  });

  it('[RN5] a step left past its due time raises the supervisor’s request-overdue alert; moving it resolves it', async () => {
    const before = fake.received.length;
    const { id, code } = await makeRequest();
    await vi.waitFor(() => expect(fake.received.length).toBe(before + 1), WAIT);
    const alerts = async (state: 'open' | 'all') =>
      (
        await apiOk<AlertPage>(server.url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/alerts?state=${state}`, {
          token: token('supervisor'),
        })
      ).alerts.filter((a) => a.rule === 'request-overdue');
    expect(await alerts('open')).toEqual([]);
    // Ten days on (10:00 still): the first step's two working days are long past.
    later = 10 * DAY;
    const open = await vi.waitFor(async () => {
      const list = await alerts('open');
      expect(list).toHaveLength(1);
      return list;
    }, WAIT);
    expect(open[0]).toMatchObject({
      cause: `request-overdue:${id}:0:1`,
      subject: { requestId: id, code, unit: 'واحد اجرائیات', stepTitle: STEP[0] },
    });
    await move('officer-enforcement', id, 'accept');
    await move('officer-enforcement', id, 'complete', {});
    await vi.waitFor(async () => expect(await alerts('open')).toEqual([]), WAIT);
    expect((await alerts('all')).map((a) => [a.cause, a.state])).toEqual([[`request-overdue:${id}:0:1`, 'resolved']]);
    // The visitor heard of the new stage, once.
    await vi.waitFor(() => expect(fake.received.length).toBe(before + 2), WAIT);
    expect(fake.received.at(-1)?.message).toContain(`«${STEP[1]}»`);
  });
});

describe('[RS9] moves over the socket', () => {
  it('[RS9] a move sent on /requests is the HTTP move: acked with the request, refused with the same codes', async () => {
    const { id } = await makeRequest();
    type Answer = { data?: { version: number; current: { status: string } | null }; error?: { code: string } };
    const socket = (who: string) => {
      const c = openClient(server.url, '/requests', { auth: { token: token(who) } });
      clients.push(c);
      return c;
    };
    const enforcement = socket('officer-enforcement');
    const revenue = socket('officer-revenue');
    await Promise.all([enforcement.connected(), revenue.connected()]);
    const send = (c: RecordingClient, body: unknown) => c.request<Answer>('request:move', body);

    // Not their unit; a body that does not fit; an unknown move; a stale version: refused, nothing written.
    expect((await send(revenue, { id, move: 'accept' })).error?.code).toBe('not-your-unit');
    expect((await send(enforcement, { id, move: 'return', body: {} })).error?.code).toBe('invalid-input');
    expect((await send(enforcement, { id, move: 'fly' })).error?.code).toBe('invalid-input');
    expect((await send(enforcement, { id, move: 'accept', body: { version: 9 } })).error?.code).toBe('stale-request');
    expect((await send(enforcement, { id: 'rq-none', move: 'accept' })).error?.code).toBe('request-not-found');
    const http = await apiOk<{ version: number }>(server.url, 'GET', `/api/v1/requests/${id}`, {
      token: token('supervisor'),
    });
    expect(http.version).toBe(1);

    // Accepted over the socket: the same request the HTTP route then shows.
    const accepted = await send(enforcement, { id, move: 'accept', body: { version: 1 } });
    expect(accepted.data).toMatchObject({ version: 2, current: { status: 'accepted' } });
    const after = await apiOk<{ version: number }>(server.url, 'GET', `/api/v1/requests/${id}`, {
      token: token('supervisor'),
    });
    expect(after.version).toBe(2);
    // A session ended since the handshake moves nothing.
    await apiOk(server.url, 'POST', '/api/v1/auth/logout', { token: token('officer-enforcement') });
    expect((await send(enforcement, { id, move: 'complete', body: { note: '' } })).error?.code).toBe('unauthenticated');
    tokens['officer-enforcement'] = await login(server.url, 'officer-enforcement', PASSWORD);
  });
});
