// Public reads: branches, a branch's counters, and its sub-services with waiting counts and estimates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  OTHER_BRANCH,
  spareService,
} from '../../testing/http-harness.ts';

let h: HttpHarness;
beforeAll(async () => {
  h = await createHttpHarness();
});
afterAll(async () => {
  await h.close();
});

const serviceOf = async (id: string): Promise<Json> =>
  (await h.request('GET', `/api/v1/branches/${BRANCH}/services`)).body.find((s: Json) => s.id === id);

describe('GET /api/v1/branches', () => {
  it('lists every branch with its name, type and whether it is open now', async () => {
    const r = await h.request('GET', '/api/v1/branches');
    expect(r.status).toBe(200);
    const byId = Object.fromEntries((r.body as Json[]).map((b) => [b.id, b]));
    expect(Object.keys(byId).sort()).toEqual([OTHER_BRANCH, BRANCH].sort());
    expect(byId[BRANCH]).toEqual({
      id: BRANCH,
      name: { fa: 'سازمان تأمین اجتماعی — شعبهٔ ۱۴ تهران', en: 'Social Security Organization — Tehran branch 14' },
      type: 1,
      open: true,
    });
    expect(byId[OTHER_BRANCH]).toMatchObject({ id: OTHER_BRANCH, type: 1, open: true });
  });
});

describe('GET /api/v1/branches/{branchId}/counters', () => {
  it('lists the counters in number order with their sub-services, all closed at first', async () => {
    const r = await h.request('GET', `/api/v1/branches/${BRANCH}/counters`);
    expect(r.status).toBe(200);
    expect(r.body.map((c: Json) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.body[0]).toEqual({
      id: 'counter-1',
      number: 1,
      title: { fa: 'باجهٔ ۱ — وصول حق بیمه', en: 'Counter 1 — Premiums' },
      services: [
        {
          serviceId: 'premium-list',
          title: { fa: 'رسیدگی به لیست حق بیمهٔ کارگاه', en: 'Workplace premium lists' },
          weight: 3,
        },
        {
          serviceId: 'premium-debt',
          title: { fa: 'اعلام بدهی و تقسیط حق بیمه', en: 'Premium debts and instalments' },
          weight: 3,
        },
      ],
      status: 'closed',
      pauseReason: null,
      serving: null,
    });
    for (const c of r.body) expect(c).toMatchObject({ status: 'closed', serving: null });
  });

  it('shows an open counter and the number it is serving', async () => {
    const t = await h.issue('pension');
    expect((await h.request('POST', '/api/v1/counters/counter-6/open', { as: 'clerk6' })).status).toBe(200);
    expect((await h.request('POST', '/api/v1/counters/counter-6/call-next', { as: 'clerk6' })).status).toBe(200);
    const r = await h.request('GET', `/api/v1/branches/${BRANCH}/counters`);
    const c6 = r.body.find((c: Json) => c.id === 'counter-6');
    expect(c6).toMatchObject({
      status: 'open',
      serving: { ticketId: t.id, number: t.number, serviceId: 'pension', status: 'called' },
    });
    expect(r.body.find((c: Json) => c.id === 'counter-5')).toMatchObject({ status: 'closed', serving: null });
  });
});

describe('GET /api/v1/branches/{branchId}/services', () => {
  it('lists every sub-service with its information package, waiting count, estimate and availability', async () => {
    const r = await h.request('GET', `/api/v1/branches/${BRANCH}/services`);
    expect(r.status).toBe(200);
    expect(r.body.map((s: Json) => s.id)).toEqual([
      'premium-list',
      'premium-debt',
      'insured-record',
      'insured-benefits',
      'booklet-renewal',
      'registration',
      'pension',
      'finance',
    ]);
    const booklet = r.body.find((s: Json) => s.id === 'booklet-renewal');
    expect(booklet).toMatchObject({
      title: { fa: 'تمدید و تأمین اعتبار دفترچهٔ درمانی', en: 'Medical booklet renewal' },
      numbering: { prefix: '', from: 5001, to: 5999 },
      dailyCap: 400,
      targetWaitMinutes: 15,
      averageServiceMinutes: 3,
      active: true,
      waiting: 0,
      unavailable: null,
    });
    expect(booklet.info.steps).toEqual([
      { fa: 'احراز هویت', en: 'Identity check' },
      { fa: 'تمدید اعتبار از طریق وب', en: 'Renewal online' },
      { fa: 'تحویل دفترچه', en: 'The booklet handed back' },
    ]);
    expect(booklet.info.requiredDocuments.map((d: Json) => d.id)).toEqual(['national-card', 'booklet']);
    expect(booklet.info.averageDuration).toEqual({ value: 3, unit: 'minute' });
    expect(booklet.info.responsible.post).toEqual({ fa: 'رئیس شعبه', en: 'Branch head' });
    // [E2] No counter open yet: no estimate, and why.
    expect(booklet).toMatchObject({ etaMinutes: null, etaUnknown: 'no-counter-open' });
  });

  it('counts waiting tickets and lengthens the estimate as the queue grows', async () => {
    expect((await h.request('POST', '/api/v1/counters/counter-3/open', { as: 'clerk3' })).status).toBe(200);
    const before = await serviceOf('insured-benefits');
    expect(before).toMatchObject({ waiting: 0, etaMinutes: 0, etaUnknown: null });
    for (let i = 0; i < 3; i++) await h.issue('insured-benefits');
    const after = await serviceOf('insured-benefits');
    expect(after.waiting).toBe(3);
    expect(after.etaMinutes).toBeGreaterThan(before.etaMinutes);
  });

  it('marks an inactive sub-service, a full one, and one no counter serves', async () => {
    const add = (body: Json) => h.request('POST', `/api/v1/admin/branches/${BRANCH}/services`, { as: 'admin', body });
    expect((await add(spareService('resting', { active: false }))).status).toBe(201);
    expect(
      (await add(spareService('capped', { dailyCap: 1, numbering: { prefix: 'Y', from: 1, to: 99 } }))).status,
    ).toBe(201);
    expect((await serviceOf('resting')).unavailable).toBe('inactive');
    const capped = await serviceOf('capped');
    expect(capped).toMatchObject({ unavailable: null, waiting: 0, etaMinutes: null, etaUnknown: 'no-counter-open' });
    await h.issue('capped');
    expect(await serviceOf('capped')).toMatchObject({ unavailable: 'capacity-reached', waiting: 1 });
  });
});

describe('an unknown branch', () => {
  it.each(['counters', 'services'])('GET …/no-such-branch/%s → 404 with the JSON error shape', async (part) => {
    const r = await h.request('GET', `/api/v1/branches/no-such-branch/${part}`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: 'not-found', message: { fa: 'پیدا نشد.', en: 'Not found.' } } });
  });

  it('a branch id that is not an id → 400 naming the parameter', async () => {
    const r = await h.request('GET', `/api/v1/branches/${encodeURIComponent('bad id!')}/services`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-input');
    expect(r.body.error.issues).toEqual([{ path: 'branchId', message: expect.any(String) }]);
  });
});
