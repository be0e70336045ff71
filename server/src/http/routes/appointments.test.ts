// Appointment routes: who may check in, bad input answered 4xx changing nothing, the manage token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRANCH, createHttpHarness, type HttpHarness, type Json } from '../../testing/http-harness.ts';
import { testNotifier } from '../../testing/test-notifier.ts';

let h: HttpHarness;
const notify = testNotifier();
beforeAll(async () => {
  h = await createHttpHarness({ notify, rates: { kioskPerMinute: 1000, webPerMinute: 1000 } });
});
afterAll(async () => {
  await h.close();
});

const NID = '0499370899';
const path = `/api/v1/branches/${BRANCH}/appointments`;

async function firstSlot(): Promise<string> {
  const b = (await h.request('GET', path)).body;
  const day = b.services.find((s: Json) => s.id === 'pension').days.find((d: Json) => d.open).day;
  return (await h.request('GET', `${path}/pension/slots?date=${day}`)).body[0].slot;
}

describe('appointment routes', () => {
  it('[AP1] lists the bookable sub-services with their days', async () => {
    const r = await h.request('GET', path);
    expect(r.status).toBe(200);
    expect(r.body.services.map((s: Json) => s.id)).toEqual(['pension']);
    expect(r.body.services[0].days).toHaveLength(8);
  });

  it('[AP4][AP3] bad input is 4xx with a code and books nothing', async () => {
    const slot = await firstSlot();
    const bad = [
      [{ serviceId: 'pension', slot, mobile: '09121234567', nationalId: '0499370898' }, 400],
      [{ serviceId: 'pension', slot, mobile: '123', nationalId: NID }, 400],
      [{ serviceId: 'pension', slot: '2026-11-22T09:15', mobile: '09121234567', nationalId: NID }, 422],
      [{ serviceId: 'finance', slot, mobile: '09121234567', nationalId: NID }, 404],
      [{ serviceId: 'pension', slot, mobile: '09121234567', nationalId: NID, extra: 1 }, 400],
    ] as const;
    for (const [body, status] of bad) {
      const r = await h.request('POST', path, { body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code).toBeTruthy();
    }
    expect((await h.request('GET', `${path}/pension/slots?date=${slot.slice(0, 10)}`)).body[0].free).toBe(3);
    expect(notify.messages).toHaveLength(0);
    expect((await h.request('GET', `${path}/pension/slots?date=someday`)).status).toBe(400);
  });

  it('[AP5][AP6][AP7][AP9] book, view by token, check in only as the branch kiosk or its staff', async () => {
    const slot = await firstSlot();
    const r = await h.request('POST', path, {
      body: { serviceId: 'pension', slot, mobile: '۰۹۱۲۱۲۳۴۵۶۷', nationalId: '۰۴۹۹۳۷۰۸۹۹' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'booked', mobile: '09*****4567', slot, serviceId: 'pension' });
    expect(r.body.manageUrl).toBe(`http://nobat.test/a/${r.body.token}`);
    expect(JSON.stringify(r.body)).not.toContain(NID);
    expect(notify.messages.at(-1)?.text).toContain(r.body.manageUrl);
    const view = await h.request('GET', `/api/v1/appointments/${r.body.token}`);
    expect(view.body.code).toBe(r.body.code);
    expect((await h.request('GET', `/api/v1/appointments/${r.body.id}.not-the-secret`)).status).toBe(404);

    const checkIn = `${path}/check-in`;
    for (const [as, status] of [
      ['anonymous', 401],
      ['display', 403],
      ['otherKiosk', 403],
      ['otherSupervisor', 403],
    ] as const) {
      expect((await h.request('POST', checkIn, { as, body: { code: r.body.code } })).status, as).toBe(status);
    }
    expect((await h.request('POST', checkIn, { as: 'kiosk', body: {} })).status).toBe(400);
    const one = await h.request('POST', checkIn, { as: 'kiosk', body: { code: r.body.code } });
    expect(one.status).toBe(200);
    expect(one.body.ticket.priority).toBe('appointment');
    const two = await h.request('POST', checkIn, { as: 'clerk', body: { nationalId: NID } });
    expect(two.body.ticket.id).toBe(one.body.ticket.id);
    expect((await h.events()).filter((e) => e.event.type === 'TicketIssued')).toHaveLength(1);
    expect((await h.request('POST', `/api/v1/appointments/${r.body.token}/cancel`)).body.error.code).toBe(
      'booking-closed',
    );
    // [AP8] The day's list: checked in; a booking never checked in becomes a no-show after its grace.
    const later = await h.request('POST', path, {
      body: { serviceId: 'pension', slot: '2026-11-22T10:00', mobile: '09121234567', nationalId: '0084575948' },
    });
    expect(later.status).toBe(201);
    const list = () =>
      h.request('GET', `${path}/pension/day?date=${slot.slice(0, 10)}`, { as: 'supervisor' }).then((x) => x.body);
    expect((await list()).counts).toMatchObject({ 'checked-in': 1, booked: 1, 'no-show': 0 });
    h.advance(76 * 60_000); // 10:16 there: the 10:00 slot's 15 minutes of grace are over
    expect((await list()).counts).toMatchObject({ 'checked-in': 1, booked: 0, 'no-show': 1 });
    expect((await h.request('GET', `${path}/pension/day?date=2026-11-22`, { as: 'otherSupervisor' })).status).toBe(403);
  });
});
