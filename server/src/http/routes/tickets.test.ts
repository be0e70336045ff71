// Issuing tickets (kiosk, web, staff), the per-address web limit, the kiosk-only setting, idempotent
// requests, contact details, public tracking, and cancelling.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  PUBLIC_URL,
  spareService,
  T0,
} from '../../testing/http-harness.ts';

const ISSUE = `/api/v1/branches/${BRANCH}/tickets`;
let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

const issued = async () => (await h.events()).filter((e) => e.event.type === 'TicketIssued');
const track = (id: string) => h.request('GET', `/api/v1/tickets/${encodeURIComponent(id)}`);

async function setRequireKioskToken(on: boolean): Promise<void> {
  const g = await h.request('GET', `/api/v1/admin/branches/${BRANCH}`, { as: 'admin' });
  const config = g.body.config;
  config.branch.settings.requireKioskToken = on;
  const r = await h.request('PUT', `/api/v1/admin/branches/${BRANCH}`, {
    as: 'admin',
    body: { version: g.body.version, config },
  });
  expect(r.status, r.text).toBe(200);
  expect(r.body.version).toBe(g.body.version + 1);
  expect(r.body.config.branch.settings.requireKioskToken).toBe(on);
}

describe('POST /api/v1/branches/{branchId}/tickets', () => {
  it('a kiosk takes a ticket: 201 with its number, estimate and tracking link', async () => {
    const r = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'premium-list' } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.stringMatching(new RegExp(`^${BRANCH}~[A-Za-z0-9_-]{16}$`)),
      number: '1001',
      serviceId: 'premium-list',
      priority: 'normal',
      issuedAt: new Date(T0).toISOString(),
      ahead: 0,
      // [E2] No counter is open yet: no estimate, and why.
      etaMinutes: null,
      etaUnknown: 'no-counter-open',
      trackingUrl: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/t/`)),
    });
    expect(r.body.trackingUrl).toBe(`${PUBLIC_URL}/t/${encodeURIComponent(r.body.id)}`);
    const [e] = await issued();
    expect(e?.event).toMatchObject({ ticketId: r.body.id, source: { kind: 'kiosk', kioskId: 'kiosk-1' } });

    // Once counter 1 is open, the second waits for the first one's 6 minutes.
    expect((await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk1' })).status).toBe(200);
    const second = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'premium-list' } });
    expect(second.body).toMatchObject({ number: '1002', ahead: 1, etaMinutes: 6, etaUnknown: null });
  });

  it('staff of the branch take a ticket for a visitor (source web)', async () => {
    for (const as of ['clerk', 'supervisor', 'admin'] as const) {
      expect((await h.request('POST', ISSUE, { as, body: { serviceId: 'finance' } })).status).toBe(201);
    }
    expect((await issued()).map((e) => e.event.type === 'TicketIssued' && e.event.source.kind)).toEqual([
      'web',
      'web',
      'web',
    ]);
  });

  it('anonymous web tickets are limited to 5 a minute per address', async () => {
    const from = (address: string) => h.request('POST', ISSUE, { body: { serviceId: 'finance' }, address });
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7')).status).toBe(201);
    const sixth = await from('203.0.113.7');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toEqual({
      code: 'rate-limited',
      message: { fa: expect.any(String), en: 'Too many requests; please try again shortly.' },
    });
    expect((await issued()).length).toBe(5);
    // Another address has its own allowance; and a minute later the first has a new one.
    expect((await from('203.0.113.8')).status).toBe(201);
    h.advance(60_000);
    expect((await from('203.0.113.7')).status).toBe(201);
    expect((await issued()).length).toBe(7);
  });

  it('requireKioskToken (set through the admin API): anonymous → 403, kiosk and staff still issue', async () => {
    await setRequireKioskToken(true);
    const anon = await h.request('POST', ISSUE, { body: { serviceId: 'finance' } });
    expect(anon.status).toBe(403);
    expect(anon.body.error.code).toBe('kiosk-token-required');
    expect(anon.body.error.message.en).toBe('This branch issues tickets from its kiosks only.');
    expect((await issued()).length).toBe(0);
    expect((await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'finance' } })).status).toBe(201);
    expect((await h.request('POST', ISSUE, { as: 'clerk', body: { serviceId: 'finance' } })).status).toBe(201);
    await setRequireKioskToken(false);
    expect((await h.request('POST', ISSUE, { body: { serviceId: 'finance' } })).status).toBe(201);
  });

  it.each([
    ['display', 'a display of the branch'],
    ['bridge', 'a bridge of the branch'],
    ['otherKiosk', 'a kiosk of another branch'],
    ['otherClerk', 'a clerk of another branch'],
    ['otherSupervisor', 'a supervisor of another branch'],
  ] as const)('%s (%s) → 403 forbidden, no ticket', async (as, _who) => {
    const r = await h.request('POST', ISSUE, { as, body: { serviceId: 'finance' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect((await issued()).length).toBe(0);
  });

  it('the same requestId twice gives the same ticket, and the log holds one', async () => {
    const body = { serviceId: 'finance', requestId: 'tap-2026-0001' };
    const a = await h.request('POST', ISSUE, { as: 'kiosk', body });
    const b = await h.request('POST', ISSUE, { as: 'kiosk', body });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.number).toBe(a.body.number);
    expect((await issued()).length).toBe(1);
    // Request ids are per kiosk: the same id from the web is another request.
    const web = await h.request('POST', ISSUE, { body });
    expect(web.body.id).not.toBe(a.body.id);
    expect((await issued()).length).toBe(2);
  });

  it('accepts a mobile number and national ID in Persian digits and stores them normalised', async () => {
    const r = await h.request('POST', ISSUE, {
      as: 'kiosk',
      body: { serviceId: 'finance', mobile: '۰۹۱۲ ۱۲۳ ۴۵۶۷', nationalId: '۰۰۱۳۵۴۲۴۱۹' },
    });
    expect(r.status, r.text).toBe(201);
    const intl = await h.request('POST', ISSUE, {
      as: 'kiosk',
      body: { serviceId: 'finance', mobile: '+98 912-765-4321' },
    });
    expect(intl.status).toBe(201);
    const contacts = (await issued()).map((e) => (e.event.type === 'TicketIssued' ? e.event.contact : undefined));
    expect(contacts).toEqual([{ mobile: '09121234567', nationalId: '0013542419' }, { mobile: '09127654321' }]);
  });

  it.each([
    ['a bad mobile', { mobile: '0912123' }, ['mobile']],
    ['a national ID with a wrong check digit', { nationalId: '0013542418' }, ['nationalId']],
    ['both', { mobile: '۰۸۱۲۱۲۳۴۵۶۷', nationalId: '1111111111' }, ['mobile', 'nationalId']],
  ])('%s → 400 invalid-input naming the field, no ticket', async (_name, extra, fields) => {
    const r = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'finance', ...extra } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-input');
    expect(r.body.error.issues.map((i: Json) => i.path).sort()).toEqual(fields);
    expect((await issued()).length).toBe(0);
  });

  it('an unknown sub-service → 404 unknown-service; an unknown branch → 404', async () => {
    const r = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'no-such-service' } });
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({
      code: 'unknown-service',
      message: { fa: 'این خدمت وجود ندارد.', en: 'No such service.' },
    });
    const nb = await h.request('POST', '/api/v1/branches/no-such-branch/tickets', {
      as: 'admin',
      body: { serviceId: 'finance' },
    });
    expect(nb.status).toBe(404);
    expect((await issued()).length).toBe(0);
  });

  it('an unknown priority → 422; an appointment without its time → 422; with it → 201', async () => {
    const p = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'finance', priority: 'vip' } });
    expect([p.status, p.body.error.code]).toEqual([422, 'unknown-priority']);
    const a = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'finance', priority: 'appointment' } });
    expect([a.status, a.body.error.code]).toEqual([422, 'appointment-time-required']);
    const ok = await h.request('POST', ISSUE, {
      as: 'kiosk',
      body: { serviceId: 'finance', priority: 'appointment', appointmentAt: '2026-11-22T10:00:00+03:30' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.priority).toBe('appointment');
  });

  it('past the daily cap → 409 capacity-reached', async () => {
    const add = await h.request('POST', `/api/v1/admin/branches/${BRANCH}/services`, {
      as: 'admin',
      body: spareService('capped', { dailyCap: 2 }),
    });
    expect(add.status).toBe(201);
    expect((await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'capped' } })).status).toBe(201);
    expect((await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'capped' } })).status).toBe(201);
    const third = await h.request('POST', ISSUE, { as: 'kiosk', body: { serviceId: 'capped' } });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('capacity-reached');
    expect((await issued()).length).toBe(2);
  });
});

describe('GET /api/v1/tickets/{id}', () => {
  it('tracks a ticket: waiting with people ahead, then called at a counter; no personal data', async () => {
    const a = await h.issue('premium-list');
    const b = await h.issue('premium-list', { mobile: '09121234567', nationalId: '0013542419' });
    const waiting = await track(b.id);
    expect(waiting.status).toBe(200);
    expect(waiting.body).toEqual({
      id: b.id,
      branchId: BRANCH,
      number: '1002',
      serviceId: 'premium-list',
      serviceTitle: { fa: 'رسیدگی به لیست حق بیمهٔ کارگاه', en: 'Workplace premium lists' },
      status: 'waiting',
      issuedAt: new Date(T0).toISOString(),
      ahead: 1,
      etaMinutes: null,
      etaUnknown: 'no-counter-open',
      parkReason: null,
      counterNumber: null,
      calledAt: null,
      missingDocuments: null,
    });
    expect(waiting.text).not.toContain('09121234567');
    expect(waiting.text).not.toContain('0013542419');
    expect(waiting.text).not.toMatch(/mobile|nationalId|contact/);

    h.advance(2 * 60_000);
    expect((await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk1' })).status).toBe(200);
    const called = await h.request('POST', '/api/v1/counters/counter-1/call-next', { as: 'clerk1' });
    expect(called.body.ticket.id).toBe(a.id);
    const ta = await track(a.id);
    expect(ta.body).toMatchObject({
      status: 'called',
      counterNumber: 1,
      calledAt: new Date(T0 + 2 * 60_000).toISOString(),
      ahead: 0,
      etaMinutes: null,
      etaUnknown: null,
    });
    expect((await track(b.id)).body).toMatchObject({
      status: 'waiting',
      ahead: 0,
      etaMinutes: 6,
      etaUnknown: null,
      counterNumber: null,
    });
  });

  it.each([`${BRANCH}~doesNotExist1234`, 'no-such-branch~abc', 'no-tilde-at-all'])(
    'an unknown id (%s) → 404',
    async (id) => {
      const r = await track(id);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not-found');
    },
  );
});

describe('POST /api/v1/tickets/{id}/cancel', () => {
  it('[T9] a clerk cancels a waiting ticket their counter serves; it cannot be cancelled twice', async () => {
    const t = await h.issue('finance');
    await h.request('POST', '/api/v1/counters/counter-6/open', { as: 'clerk6' });
    const r = await h.request('POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/cancel`, {
      as: 'clerk6',
      body: { reason: 'مراجعه‌کننده رفت' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: t.id, number: t.number, status: 'cancelled', counterId: null });
    expect((await track(t.id)).body.status).toBe('cancelled');
    const last = (await h.events()).at(-1)?.event;
    expect(last).toMatchObject({
      type: 'TicketCancelled',
      ticketId: t.id,
      reason: 'مراجعه‌کننده رفت',
      counterId: 'counter-6',
      clerkId: 'clerk6',
    });

    const again = await h.request('POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/cancel`, {
      as: 'supervisor',
      body: { reason: 'دوباره' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ticket-not-cancellable');
  });

  it('[T9] a clerk may not cancel a ticket their counter could not call: 403, nothing changes', async () => {
    const t = await h.issue('finance');
    const cancel = (as: 'clerk2' | 'clerk6') =>
      h.request('POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/cancel`, { as, body: { reason: 'لغو' } });
    const before = (await h.events()).length;
    // clerk6 has no counter open; clerk2's counter (premium debts, records) does not serve finance.
    const none = await cancel('clerk6');
    expect([none.status, none.body.error.code]).toEqual([403, 'cancel-not-allowed']);
    await h.request('POST', '/api/v1/counters/counter-2/open', { as: 'clerk2' });
    const other = await cancel('clerk2');
    expect([other.status, other.body.error.code]).toEqual([403, 'cancel-not-allowed']);
    expect(other.body.error.message.fa).toContain('سرپرست');
    expect((await h.events()).length).toBe(before + 1); // only counter-2's opening
    expect((await track(t.id)).body.status).toBe('waiting');
  });

  it('a supervisor and an admin cancel too; a called ticket cannot be cancelled', async () => {
    const [a, b, c] = [await h.issue('pension'), await h.issue('pension'), await h.issue('pension')];
    const cancel = (id: string, as: 'supervisor' | 'admin') =>
      h.request('POST', `/api/v1/tickets/${encodeURIComponent(id)}/cancel`, { as, body: { reason: 'لغو' } });
    expect((await cancel(a.id, 'supervisor')).status).toBe(200);
    expect((await cancel(b.id, 'admin')).status).toBe(200);
    await h.request('POST', '/api/v1/counters/counter-6/open', { as: 'clerk6' });
    expect((await h.request('POST', '/api/v1/counters/counter-6/call-next', { as: 'clerk6' })).body.ticket.id).toBe(
      c.id,
    );
    const called = await cancel(c.id, 'admin');
    expect(called.status).toBe(409);
    expect(called.body.error.code).toBe('ticket-not-cancellable');
  });

  it('an unknown ticket → 404; staff of another branch → 403; the visitor (anonymous) → 401', async () => {
    const t = await h.issue('finance');
    const path = `/api/v1/tickets/${encodeURIComponent(t.id)}/cancel`;
    const body = { reason: 'لغو' };
    const unknown = await h.request('POST', `/api/v1/tickets/${BRANCH}~nope/cancel`, { as: 'admin', body });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ticket-not-found']);
    const other = await h.request('POST', path, { as: 'otherSupervisor', body });
    expect([other.status, other.body.error.code]).toEqual([403, 'forbidden']);
    const anon = await h.request('POST', path, { body });
    expect([anon.status, anon.body.error.code]).toEqual([401, 'unauthenticated']);
    expect((await track(t.id)).body.status).toBe('waiting');
  });
});
