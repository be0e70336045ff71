// Today's changes over HTTP (TD1–TD6): who may, bad input refused with nothing changed, every change audited.
import { TodayView } from '@nobat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { BRANCH, createHttpHarness, type HttpHarness, type Json, T0 } from '../../testing/http-harness.ts';
import { localClockToday } from './today.ts';

const BASE = `/api/v1/branches/${BRANCH}/today`;
const open: HttpHarness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
async function harness() {
  const h = await createHttpHarness();
  open.push(h);
  return h;
}
const audit = async (h: HttpHarness) => (await h.store.listAudit({ limit: 50 })).entries;

describe("today's changes over HTTP", () => {
  it('[TD3] "HH:MM" is the branch\'s local time of today (T0 is 09:00 in Tehran)', () => {
    expect(localClockToday('12:00', T0, 'Asia/Tehran') - T0).toBe(3 * 3_600_000);
    expect(localClockToday('09:00', T0 + 30_000, 'Asia/Tehran')).toBe(T0);
    expect(localClockToday('08:59', T0, 'Asia/Tehran')).toBeLessThan(T0);
  });

  it('[TD1][TD6] a supervisor assigns a counter for today until 12:00: the answer shows it, the audit log says who and when', async () => {
    const h = await harness();
    const r = await h.request('PUT', `${BASE}/counters/counter-1`, {
      as: 'supervisor',
      body: { services: [{ serviceId: 'finance', weight: 2 }], until: '12:00' },
    });
    expect(r.status).toBe(200);
    const view = TodayView.parse(r.body);
    const c1 = view.counters.find((c) => c.id === 'counter-1');
    expect(c1?.today).toMatchObject({
      services: [{ serviceId: 'finance', weight: 2 }],
      until: new Date(T0 + 3 * 3_600_000).toISOString(),
      by: { id: 'supervisor' },
    });
    const [entry] = await audit(h);
    expect(entry).toMatchObject({
      at: new Date(T0).toISOString(),
      actor: { id: 'supervisor', role: 'supervisor' },
      action: 'update',
      target: { kind: 'branch', id: BRANCH },
      branchId: BRANCH,
      changes: ['today.counters.counter-1'],
      after: { type: 'CounterAssignedForToday', counterId: 'counter-1', by: 'supervisor' },
    });
    // [TD2] at 12:00 it is no longer in force, with nothing appended
    const events = (await h.events()).length;
    h.advance(3 * 3_600_000);
    const later = TodayView.parse((await h.request('GET', BASE, { as: 'supervisor' })).body);
    expect(later.counters.find((c) => c.id === 'counter-1')?.today).toBeNull();
    expect((await h.events()).length).toBe(events);
  });

  it("[TD6] another branch's supervisor and a clerk are refused; nothing is written", async () => {
    const h = await harness();
    const before = await h.snapshot();
    for (const as of ['otherSupervisor', 'clerk', 'otherClerk'] as const) {
      const r = await h.request('PUT', `${BASE}/closed-services/finance`, { as });
      expect(r.status).toBe(403);
    }
    expect((await h.request('PUT', `${BASE}/hall-message`, { body: { fa: 'سلام' } })).status).toBe(401);
    expect(await h.snapshot()).toEqual(before);
  });

  it('[TD3] bad input is a 4xx with its code, and changes nothing', async () => {
    const h = await harness();
    const before = await h.snapshot();
    const cases: [Json, number, string][] = [
      [{ services: [{ serviceId: 'finance', weight: 1 }], until: '25:00' }, 400, 'invalid-input'],
      [{ services: [{ serviceId: 'finance', weight: 0 }], until: '12:00' }, 400, 'invalid-input'],
      [{ services: [], until: '12:00' }, 400, 'invalid-input'],
      [{ services: [{ serviceId: 'finance', weight: 1 }], until: '08:30' }, 422, 'until-passed'],
      [{ services: [{ serviceId: 'finance', weight: 1 }], until: '09:00' }, 422, 'until-passed'],
      [
        {
          services: [
            { serviceId: 'finance', weight: 1 },
            { serviceId: 'finance', weight: 2 },
          ],
          until: '12:00',
        },
        422,
        'invalid-assignment',
      ],
    ];
    for (const [body, status, code] of cases) {
      const r = await h.request('PUT', `${BASE}/counters/counter-1`, { as: 'supervisor', body });
      expect([r.status, r.body?.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const unknown = await h.request('PUT', `${BASE}/counters/counter-1`, {
      as: 'supervisor',
      body: { services: [{ serviceId: 'no-such', weight: 1 }], until: '12:00' },
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect((await h.request('PUT', `${BASE}/counters/no-counter`, { as: 'admin', body: cases[0]?.[0] })).status).toBe(
      400,
    );
    expect((await h.request('PUT', `${BASE}/closed-services/no-such`, { as: 'admin' })).status).toBe(404);
    expect((await h.request('PUT', `${BASE}/hall-message`, { as: 'admin', body: { fa: '' } })).status).toBe(400);
    expect(
      (await h.request('PUT', `${BASE}/hall-message`, { as: 'admin', body: { fa: 'x', minutes: 0 } })).status,
    ).toBe(400);
    expect(await h.snapshot()).toEqual(before);
  });

  it('[TD4] a sub-service closed for today refuses issuing (service-closed-today) and shows unavailable; reopened, it issues', async () => {
    const h = await harness();
    const waiting = await h.issue('finance');
    const r = await h.request('PUT', `${BASE}/closed-services/finance`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    expect(TodayView.parse(r.body).services.find((s) => s.id === 'finance')?.closedToday?.by.id).toBe('supervisor');
    const issue = await h.request('POST', `/api/v1/branches/${BRANCH}/tickets`, {
      as: 'kiosk',
      body: { serviceId: 'finance' },
    });
    expect(issue.status).toBe(409);
    expect(issue.body.error.code).toBe('service-closed-today');
    expect(issue.body.error.message.en).toMatch(/closed for the rest of today/);
    const services = (await h.request('GET', `/api/v1/branches/${BRANCH}/services`)).body as Json[];
    expect(services.find((s: Json) => s.id === 'finance')?.unavailable).toBe('closed-today');
    // the ticket already waiting is still there to be served
    expect((await h.request('GET', `/api/v1/tickets/${waiting.id}`)).body.status).toBe('waiting');
    expect((await audit(h))[0]).toMatchObject({ changes: ['today.services.finance'], actor: { id: 'supervisor' } });
    // closing again changes nothing and is not audited again
    const entries = (await audit(h)).length;
    expect((await h.request('PUT', `${BASE}/closed-services/finance`, { as: 'supervisor' })).status).toBe(200);
    expect((await audit(h)).length).toBe(entries);
    expect((await h.request('DELETE', `${BASE}/closed-services/finance`, { as: 'admin' })).status).toBe(200);
    expect((await h.issue('finance')).serviceId).toBe('finance');
    expect((await audit(h))[0]).toMatchObject({ changes: ['today.services.finance'], actor: { id: 'admin' } });
  });

  it('[TD5] the hall message is kept until its time, cleared by hand, and each change audited', async () => {
    const h = await harness();
    const set = await h.request('PUT', `${BASE}/hall-message`, {
      as: 'supervisor',
      body: { fa: 'سامانه تا ساعت ۱۱ قطع است', en: 'The system is down until 11:00', minutes: 30 },
    });
    expect(set.status).toBe(200);
    expect(TodayView.parse(set.body).hallMessage).toEqual({
      text: { fa: 'سامانه تا ساعت ۱۱ قطع است', en: 'The system is down until 11:00' },
      setAt: new Date(T0).toISOString(),
      until: new Date(T0 + 30 * 60_000).toISOString(),
    });
    expect((await audit(h))[0]).toMatchObject({ changes: ['today.hall-message'], before: null });
    h.advance(30 * 60_000);
    expect((await h.request('GET', BASE, { as: 'supervisor' })).body.hallMessage).toBeNull();

    await h.request('PUT', `${BASE}/hall-message`, { as: 'supervisor', body: { fa: 'پیام بی‌پایان' } });
    h.advance(8 * 3_600_000);
    expect((await h.request('GET', BASE, { as: 'supervisor' })).body.hallMessage?.text.fa).toBe('پیام بی‌پایان');
    const cleared = await h.request('DELETE', `${BASE}/hall-message`, { as: 'supervisor' });
    expect(cleared.body.hallMessage).toBeNull();
    expect((await audit(h))[0]).toMatchObject({ changes: ['today.hall-message'], after: null });
  });
});
