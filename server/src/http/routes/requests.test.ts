// The electronic desk over HTTP: a request from a served visit, its moves by the units' officers, who
// may see and do what, the visitor's status, and bad input.
import { dammDigit, isValidTrackingCode } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRANCH, createHttpHarness, type HttpHarness, type UserName } from '../../testing/http-harness.ts';
import { RESPONDED_WALK } from '../../testing/request-walk.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness({ rates: { kioskPerMinute: 1000, webPerMinute: 1000 } });
});
afterEach(async () => {
  await h.close();
});

const APPLICANT = { fullName: 'مریم احمدی', nationalId: '0084575948', mobile: '09121234567' };

/** A premium-debt ticket (workflow: enforcement → revenue → revenue) called and being served at counter-1. */
async function servedTicket(serviceId = 'premium-debt') {
  await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk1', body: {} });
  const t = await h.issue(serviceId);
  await h.request('POST', '/api/v1/counters/counter-1/call-next', { as: 'clerk1', body: {} });
  await h.request('POST', '/api/v1/counters/counter-1/start', { as: 'clerk1', body: {} });
  return t;
}

async function made() {
  const t = await servedTicket();
  const r = await h.request('POST', '/api/v1/requests', {
    as: 'clerk1',
    body: { ticketId: t.id, applicant: APPLICANT, brought: ['national-card'], notes: 'بدهی سال ۱۴۰۴' },
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; code: string; version: number };
}

const move = (as: UserName, id: string, m: string, body: unknown = {}) =>
  h.request('POST', `/api/v1/requests/${id}/${m}`, { as, body });

describe('making a request', () => {
  it('[RQ3][TC1][RS1] a clerk makes one from a ticket being served: a valid code, step 1 at its unit, one per visit', async () => {
    const t = await servedTicket();
    const r = await h.request('POST', '/api/v1/requests', {
      as: 'clerk1',
      body: { ticketId: t.id, applicant: APPLICANT, notes: '' },
    });
    expect(r.status).toBe(201);
    expect(isValidTrackingCode(r.body.code)).toBe(true);
    expect(r.body).toMatchObject({
      state: 'in-progress',
      ticketNumber: t.number,
      current: { step: 0, unit: 'واحد اجرائیات', status: 'pending' },
      applicant: APPLICANT,
    });
    const again = await h.request('POST', '/api/v1/requests', {
      as: 'clerk1',
      body: { ticketId: t.id, applicant: APPLICANT },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'ticket-has-request']);
    const byTicket = await h.request('GET', `/api/v1/requests/by-ticket/${encodeURIComponent(t.id)}`, { as: 'clerk1' });
    expect(byTicket.body.id).toBe(r.body.id);
  });

  it('[RQ3] refused: a ticket not served, another branch’s clerk, not a clerk, a service without workflow, bad input', async () => {
    await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk1', body: {} });
    const waiting = await h.issue('premium-debt');
    const ask = (as: UserName, body: unknown) => h.request('POST', '/api/v1/requests', { as, body });
    const notServed = await ask('clerk1', { ticketId: waiting.id, applicant: APPLICANT });
    expect([notServed.status, notServed.body.error.code]).toEqual([409, 'ticket-not-served']);
    expect((await ask('k1', { ticketId: waiting.id, applicant: APPLICANT })).status).toBe(403);
    expect((await ask('supervisor', { ticketId: waiting.id, applicant: APPLICANT })).status).toBe(403);
    expect((await ask('officer-revenue', { ticketId: waiting.id, applicant: APPLICANT })).status).toBe(403);
    const badId = await ask('clerk1', { ticketId: waiting.id, applicant: { ...APPLICANT, nationalId: '0084575949' } });
    expect([badId.status, badId.body.error.code]).toEqual([400, 'invalid-input']);
    expect(
      (await h.request('POST', '/api/v1/requests', { body: { ticketId: waiting.id, applicant: APPLICANT } })).status,
    ).toBe(401);
    await h.request('POST', '/api/v1/counters/counter-1/call-next', { as: 'clerk1', body: {} });
    await h.request('POST', '/api/v1/counters/counter-1/start', { as: 'clerk1', body: {} });
    const noFlow = await ask('clerk1', { ticketId: waiting.id, serviceId: 'finance', applicant: APPLICANT });
    expect([noFlow.status, noFlow.body.error.code]).toEqual([422, 'no-workflow']);
    const doc = await ask('clerk1', { ticketId: waiting.id, applicant: APPLICANT, brought: ['passport'] });
    expect([doc.status, doc.body.error.code]).toEqual([422, 'unknown-document']);
    expect((await h.request('GET', '/api/v1/requests', { as: 'admin' })).body).toEqual([]);
  });
});

describe('moving a request through its units', () => {
  it('[RQ6–RQ12][RS6] officers see only their unit’s inbox; two steps completed, one returned, responded, delivered', async () => {
    const { id } = await made();
    const inbox = async (as: UserName) =>
      ((await h.request('GET', '/api/v1/requests', { as })).body as { id: string }[]).map((r) => r.id);
    expect(await inbox('officer-enforcement')).toEqual([id]);
    expect(await inbox('officer-revenue')).toEqual([]);
    // Another unit may not read it (it was never theirs), nor move it.
    expect((await h.request('GET', `/api/v1/requests/${id}`, { as: 'officer-revenue' })).status).toBe(404);
    expect((await move('officer-revenue', id, 'accept')).body.error.code).toBe('not-your-unit');

    expect((await move('officer-enforcement', id, 'accept')).body.current.status).toBe('accepted');
    const done1 = await move('officer-enforcement', id, 'complete', { note: 'بدهی: ۱۲٬۰۰۰٬۰۰۰ ریال' });
    expect(done1.body.current).toMatchObject({ step: 1, unit: 'واحد درآمد', status: 'pending' });
    expect(await inbox('officer-enforcement')).toEqual([]);
    expect(await inbox('officer-revenue')).toEqual([id]);
    // The enforcement officer acted on it: they may still read it.
    expect((await h.request('GET', `/api/v1/requests/${id}`, { as: 'officer-enforcement' })).status).toBe(200);

    await move('officer-revenue', id, 'accept');
    const back = await move('officer-revenue', id, 'return', { reason: 'مبلغ بدهی با لیست‌ها نمی‌خواند' });
    expect(back.body.current).toMatchObject({ step: 0, unit: 'واحد اجرائیات', status: 'pending' });
    await move('officer-enforcement', id, 'accept');
    await move('officer-enforcement', id, 'complete', { note: 'اصلاح شد' });
    await move('officer-revenue', id, 'accept');
    const done2 = await move('officer-revenue', id, 'complete', { note: '' });
    expect(done2.body.current).toMatchObject({ step: 2, unit: 'واحد درآمد' });
    await move('officer-revenue', id, 'accept');
    const responded = await move('officer-revenue', id, 'respond', {
      legalBasis: 'مادهٔ ۲۸ قانون تأمین اجتماعی',
      answer: 'بدهی در ۱۲ قسط پرداخت می‌شود.',
      appealTo: 'هیئت تشخیص مطالبات',
      appealUntil: '2099-01-01',
      remarks: '',
    });
    expect(responded.status).toBe(200);
    expect(responded.body).toMatchObject({ state: 'responded', response: { issuer: { post: 'رئیس واحد درآمد' } } });
    const delivered = await move('clerk2', id, 'deliver', { channel: 'desk' });
    expect(delivered.body).toMatchObject({ state: 'delivered', deliveryChannel: 'desk' });
    expect(delivered.body.events.map((e: { type: string }) => e.type)).toEqual([...RESPONDED_WALK, 'Delivered']);
  });

  it('[RS4][RS5] a stale version, another branch’s staff, an unknown move or body: refused, nothing written', async () => {
    const { id, version } = await made();
    const stale = await move('officer-enforcement', id, 'accept', { version: version + 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'stale-request']);
    expect((await move('k1', id, 'withdraw', { reason: 'x' })).status).toBe(404);
    expect((await move('sup-b1', id, 'forward', { unit: 'واحد درآمد' })).status).toBe(404);
    expect((await move('officer-enforcement', id, 'fly')).status).toBe(400);
    expect((await move('officer-enforcement', id, 'return', {})).status).toBe(400);
    expect((await move('officer-enforcement', id, 'accept', { extra: 1 })).status).toBe(400);
    expect((await move('officer-enforcement', 'rq-nothing', 'accept')).status).toBe(404);
    expect((await h.request('POST', `/api/v1/requests/${id}/accept`, { as: 'kiosk', body: {} })).status).toBe(403);
    const now = await h.request('GET', `/api/v1/requests/${id}`, { as: 'supervisor' });
    expect(now.body.version).toBe(version);
    // A supervisor forwards it to another unit (RQ9), which is then the only one to see it.
    const fw = await move('supervisor', id, 'forward', { unit: 'واحد درآمد', note: 'به درآمد' });
    expect(fw.body.current).toMatchObject({ unit: 'واحد درآمد', status: 'pending' });
    expect((await move('supervisor', id, 'forward', { unit: 'واحد ناموجود' })).body.error.code).toBe('unknown-unit');
  });

  it('[RQ9] the branch’s units, for its staff only', async () => {
    const r = await h.request('GET', `/api/v1/branches/${BRANCH}/units`, { as: 'officer-revenue' });
    expect(r.body).toEqual(expect.arrayContaining(['واحد درآمد', 'واحد اجرائیات', 'میز خدمت']));
    expect((await h.request('GET', `/api/v1/branches/${BRANCH}/units`, { as: 'k1' })).status).toBe(403);
  });
});

describe('the visitor’s status', () => {
  it('[RS8][RQ16] with the code (as written, Persian digits) and the national ID; any mismatch is 404', async () => {
    const { code } = await made();
    const written = `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`.replace(/\d/g, (d) =>
      String.fromCharCode(0x06f0 + Number(d)),
    );
    const r = await h.request('POST', '/api/v1/public/requests/status', {
      body: { code: written, nationalId: APPLICANT.nationalId },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      code,
      state: 'in-progress',
      current: { title: 'استعلام بدهی کارگاه' },
      stepCount: 3,
    });
    expect(JSON.stringify(r.body)).not.toContain(APPLICANT.nationalId);
    const wrong = await h.request('POST', '/api/v1/public/requests/status', {
      body: { code, nationalId: '0013542419' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'request-not-found']);
    const typo = `${code.slice(0, 8)}${code[9]}${code[8]}`;
    const bad = await h.request('POST', '/api/v1/public/requests/status', {
      body: { code: typo, nationalId: APPLICANT.nationalId },
    });
    expect(code[8] === code[9] ? 404 : bad.status).toBe(code[8] === code[9] ? 404 : 400);
  });

  it('[RS8] is rate-limited per address', async () => {
    const limited = await createHttpHarness({ rates: { kioskPerMinute: 1000, webPerMinute: 2 } });
    try {
      const ask = () =>
        limited.request('POST', '/api/v1/public/requests/status', {
          body: { code: `123456789${dammDigit('123456789')}`, nationalId: APPLICANT.nationalId },
        });
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await ask()).status);
      expect(codes[2]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('officers', () => {
  it('[RQ5] an officer belongs to one unit of their branch’s workflows; nobody else has one', async () => {
    const create = (body: Record<string, unknown>, as: UserName = 'admin') =>
      h.request('POST', '/api/v1/admin/users', {
        as,
        body: { username: 'o1', name: 'کارشناس تازه', password: 'a-long-password-1', branchId: BRANCH, ...body },
      });
    const units = (r: Awaited<ReturnType<typeof create>>) =>
      [r.status, r.body.error?.issues?.map((i: { path: string }) => i.path)] as const;
    expect(units(await create({ role: 'officer' }))).toEqual([400, ['unit']]);
    expect(units(await create({ role: 'officer', unit: 'واحد ناموجود' }))).toEqual([400, ['unit']]);
    expect(units(await create({ role: 'clerk', unit: 'واحد درآمد' }))).toEqual([400, ['unit']]);
    const made = await create({ role: 'officer', unit: 'واحد درآمد' }, 'supervisor');
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'officer', unit: 'واحد درآمد' });
    // Moved to clerk: the unit stays behind.
    const clerk = await h.request('PATCH', '/api/v1/admin/users/o1', { as: 'admin', body: { role: 'clerk' } });
    expect(clerk.status).toBe(200);
    expect(clerk.body.unit).toBeUndefined();
    // The session knows the unit.
    expect((await h.request('GET', '/api/v1/auth/me', { as: 'officer-revenue' })).body).toMatchObject({
      role: 'officer',
      unit: 'واحد درآمد',
    });
  });

  it('[RQ5] an officer works on requests only: not the queue, not the branch’s tickets', async () => {
    const r = await h.request('POST', `/api/v1/branches/${BRANCH}/tickets`, {
      as: 'officer-revenue',
      body: { serviceId: 'finance' },
    });
    expect(r.status).toBe(403);
  });
});
