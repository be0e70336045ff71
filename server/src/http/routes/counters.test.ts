// A clerk at their counter: every action, its answer, and what the public counters list shows after
// it; and who may not act at a counter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  type PrincipalName,
  T0,
  type UserName,
} from '../../testing/http-harness.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

function act(as: UserName | PrincipalName, counterId: string, action: string, body?: unknown): Promise<ApiResponse> {
  return h.request('POST', `/api/v1/counters/${counterId}/${action}`, {
    as,
    ...(body !== undefined ? { body } : {}),
  });
}

/** Acts and expects 200; returns the answer's body. */
async function ok(as: UserName, counterId: string, action: string, body?: unknown): Promise<Json> {
  const r = await act(as, counterId, action, body);
  expect(r.status, `${action}: ${r.text}`).toBe(200);
  return r.body;
}

async function publicCounter(id: string): Promise<Json> {
  const r = await h.request('GET', `/api/v1/branches/${BRANCH}/counters`);
  return r.body.find((c: Json) => c.id === id);
}

const tracking = async (id: string) => (await h.request('GET', `/api/v1/tickets/${encodeURIComponent(id)}`)).body;

describe('a clerk at their counter', () => {
  it('open, call-next on an empty queue, call, recall, start, finish, call-next, no-show, close', async () => {
    const opened = await ok('clerk1', 'counter-1', 'open');
    expect(opened.ticket).toBeNull();
    expect(opened.counter).toMatchObject({ id: 'counter-1', number: 1, status: 'open', serving: null });
    expect(await publicCounter('counter-1')).toMatchObject({ status: 'open', serving: null });

    const empty = await ok('clerk1', 'counter-1', 'call-next', {});
    expect(empty).toEqual({ ticket: null, counter: expect.objectContaining({ id: 'counter-1', status: 'open' }) });

    const t1 = await h.issue('premium-list');
    const t2 = await h.issue('premium-debt');
    const t3 = await h.issue('premium-list');

    h.advance(60_000);
    const called = await ok('clerk1', 'counter-1', 'call', { ticketId: t2.id });
    expect(called.ticket).toEqual({
      id: t2.id,
      number: t2.number,
      serviceId: 'premium-debt',
      priority: 'normal',
      status: 'called',
      issuedAt: new Date(T0).toISOString(),
      calledAt: new Date(T0 + 60_000).toISOString(),
      startedAt: null,
      recalls: 0,
      transfers: 0,
      counterId: 'counter-1',
      missingDocuments: null,
      note: null,
      parkReason: null,
      targetCounterId: null,
    });
    expect(called.counter.serving).toEqual({
      ticketId: t2.id,
      number: t2.number,
      serviceId: 'premium-debt',
      status: 'called',
    });
    expect((await publicCounter('counter-1')).serving).toMatchObject({ ticketId: t2.id, status: 'called' });

    const recalled = await ok('clerk1', 'counter-1', 'recall');
    expect(recalled.ticket).toMatchObject({ id: t2.id, status: 'called', recalls: 1 });

    h.advance(30_000);
    const started = await ok('clerk1', 'counter-1', 'start');
    expect(started.ticket).toMatchObject({
      id: t2.id,
      status: 'serving',
      startedAt: new Date(T0 + 90_000).toISOString(),
    });
    expect((await publicCounter('counter-1')).serving).toMatchObject({ ticketId: t2.id, status: 'serving' });

    const finished = await ok('clerk1', 'counter-1', 'finish');
    expect(finished.ticket).toMatchObject({ id: t2.id, status: 'finished' });
    expect(finished.counter.serving).toBeNull();
    expect((await publicCounter('counter-1')).serving).toBeNull();
    expect((await tracking(t2.id)).status).toBe('finished');

    // Next by the balancing rules: the earliest of the two waiting premium-list tickets.
    const next = await ok('clerk1', 'counter-1', 'call-next', {});
    expect(next.ticket).toMatchObject({ id: t1.id, status: 'called', counterId: 'counter-1' });
    expect((await publicCounter('counter-1')).serving).toMatchObject({ ticketId: t1.id, number: t1.number });

    const noShow = await ok('clerk1', 'counter-1', 'no-show');
    expect(noShow.ticket).toMatchObject({ id: t1.id, status: 'no-show' });
    expect((await publicCounter('counter-1')).serving).toBeNull();
    expect((await tracking(t1.id)).status).toBe('no-show');

    await ok('clerk1', 'counter-1', 'call', { ticketId: t3.id });
    await ok('clerk1', 'counter-1', 'start');
    // Call-next while serving finishes the current ticket first; nothing else is waiting.
    const last = await ok('clerk1', 'counter-1', 'call-next', {});
    expect(last.ticket).toBeNull();
    expect((await tracking(t3.id)).status).toBe('finished');

    const closed = await ok('clerk1', 'counter-1', 'close');
    expect(closed).toEqual({ ticket: null, counter: expect.objectContaining({ status: 'closed', serving: null }) });
    expect(await publicCounter('counter-1')).toMatchObject({ status: 'closed', serving: null });
  });

  it('transfer to a sub-service, then to a counter; park, unpark, call it back', async () => {
    const t = await h.issue('premium-debt');
    await ok('clerk1', 'counter-1', 'open');
    await ok('clerk1', 'counter-1', 'call-next', {});

    const toService = await ok('clerk1', 'counter-1', 'transfer', { toServiceId: 'insured-record', note: 'سوابق' });
    expect(toService.ticket).toMatchObject({
      id: t.id,
      number: t.number,
      serviceId: 'insured-record',
      status: 'waiting',
      transfers: 1,
    });
    expect(toService.counter.serving).toBeNull();
    expect(await tracking(t.id)).toMatchObject({ status: 'waiting', serviceId: 'insured-record' });

    // counter-2 serves insured-record: it calls the ticket, then sends it to counter-3 only.
    await ok('clerk2', 'counter-2', 'open');
    expect((await ok('clerk2', 'counter-2', 'call-next', {})).ticket).toMatchObject({ id: t.id });
    const toCounter = await ok('clerk2', 'counter-2', 'transfer', { toCounterId: 'counter-3' });
    expect(toCounter.ticket).toMatchObject({ id: t.id, status: 'waiting', transfers: 2, serviceId: 'insured-record' });
    expect((await ok('clerk2', 'counter-2', 'call-next', {})).ticket).toBeNull(); // not for counter-2 any more

    await ok('clerk3', 'counter-3', 'open');
    expect((await ok('clerk3', 'counter-3', 'call-next', {})).ticket).toMatchObject({ id: t.id, status: 'called' });
    expect((await publicCounter('counter-3')).serving).toMatchObject({ ticketId: t.id });
    // counter-1 does not serve insured-record: refused, and the ticket stays where it is.
    const bad = await act('clerk3', 'counter-3', 'transfer', { toCounterId: 'counter-1' });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'invalid-transfer']);
    expect((await publicCounter('counter-3')).serving).toMatchObject({ ticketId: t.id, status: 'called' });

    // [T6] A park names its reason; a reason not on the list is refused and parks nothing.
    const badReason = await act('clerk3', 'counter-3', 'park', { reason: 'lunch' });
    expect([badReason.status, badReason.body.error.code]).toEqual([400, 'invalid-input']);
    expect((await publicCounter('counter-3')).serving).toMatchObject({ ticketId: t.id, status: 'called' });
    const parked = await ok('clerk3', 'counter-3', 'park', { reason: 'payment', note: 'رفت هزینه را بپردازد' });
    expect(parked.ticket).toMatchObject({ id: t.id, status: 'parked', parkReason: 'payment' });
    expect((await publicCounter('counter-3')).serving).toBeNull();
    expect(await tracking(t.id)).toMatchObject({ status: 'parked', parkReason: 'payment' });

    const unparked = await ok('clerk3', 'counter-3', 'unpark', { ticketId: t.id });
    expect(unparked.ticket).toMatchObject({ id: t.id, status: 'waiting', parkReason: null });
    expect(await tracking(t.id)).toMatchObject({ status: 'waiting', parkReason: null });

    await ok('clerk3', 'counter-3', 'call', { ticketId: t.id });
    await ok('clerk3', 'counter-3', 'park', {});
    expect((await tracking(t.id)).parkReason).toBe('other');
    // A parked ticket is called back by its id at a counter serving its sub-service.
    const back = await ok('clerk3', 'counter-3', 'call', { ticketId: t.id });
    expect(back.ticket).toMatchObject({ id: t.id, status: 'called', counterId: 'counter-3' });
    expect((await tracking(t.id)).counterNumber).toBe(3);
  });

  it('pause with a reason, refuse calls while paused, resume, close', async () => {
    await h.issue('pension');
    await ok('clerk6', 'counter-6', 'open');
    const paused = await ok('clerk6', 'counter-6', 'pause', { reason: 'نماز' });
    expect(paused.counter).toMatchObject({ status: 'paused', pauseReason: 'نماز' });
    expect(await publicCounter('counter-6')).toMatchObject({ status: 'paused', pauseReason: 'نماز' });

    const refused = await act('clerk6', 'counter-6', 'call-next', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('counter-paused');

    const resumed = await ok('clerk6', 'counter-6', 'resume');
    expect(resumed.counter).toMatchObject({ status: 'open', pauseReason: null });
    expect(await publicCounter('counter-6')).toMatchObject({ status: 'open', pauseReason: null });

    await ok('clerk6', 'counter-6', 'close');
    expect((await publicCounter('counter-6')).status).toBe('closed');
  });

  it('refuses moves out of order with a named code (409), changing nothing', async () => {
    await h.issue('premium-list');
    const closedCall = await act('clerk1', 'counter-1', 'call-next', {});
    expect([closedCall.status, closedCall.body.error.code]).toEqual([409, 'counter-closed']);
    await ok('clerk1', 'counter-1', 'open');
    const noTicket = await act('clerk1', 'counter-1', 'finish');
    expect([noTicket.status, noTicket.body.error.code]).toEqual([409, 'no-current-ticket']);
    await ok('clerk1', 'counter-1', 'call-next', {});
    const length = (await h.events()).length;
    for (const [action, code] of [
      ['finish', 'not-started'],
      ['call-next', 'current-ticket-open'],
      ['pause', 'current-ticket-open'],
      ['close', 'current-ticket-open'],
      ['resume', 'counter-not-paused'],
    ] as const) {
      const r = await act('clerk1', 'counter-1', action, action === 'pause' ? { reason: 'x' } : undefined);
      expect([action, r.status, r.body.error.code]).toEqual([action, 409, code]);
    }
    expect((await h.events()).length).toBe(length);
    const unknown = await act('clerk1', 'no-such-counter', 'open');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown-counter']);
  });

  it('a repeated call-next requestId calls one ticket', async () => {
    const [a] = [await h.issue('premium-list'), await h.issue('premium-list')];
    await ok('clerk1', 'counter-1', 'open');
    const first = await ok('clerk1', 'counter-1', 'call-next', { requestId: 'click-000001' });
    const again = await ok('clerk1', 'counter-1', 'call-next', { requestId: 'click-000001' });
    expect(first.ticket.id).toBe(a.id);
    expect(again.ticket.id).toBe(a.id);
    expect((await h.events()).filter((e) => e.event.type === 'TicketCalled').length).toBe(1);
  });
});

describe('who may act at a counter', () => {
  it('another clerk at a counter they did not open → 403 not-counter-clerk', async () => {
    await h.issue('premium-list');
    await ok('clerk1', 'counter-1', 'open');
    const length = (await h.events()).length;
    for (const action of ['call-next', 'close', 'pause', 'resume', 'recall', 'finish']) {
      const r = await act('clerk2', 'counter-1', action, action === 'pause' ? { reason: 'x' } : {});
      expect([action, r.status, r.body.error.code]).toEqual([action, 403, 'not-counter-clerk']);
    }
    expect((await h.events()).length).toBe(length);
    expect(await publicCounter('counter-1')).toMatchObject({ status: 'open', serving: null });
  });

  it('opening a counter another clerk holds → 409 counter-taken; one counter per clerk', async () => {
    await ok('clerk1', 'counter-1', 'open');
    const taken = await act('clerk2', 'counter-1', 'open');
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('counter-taken');
    const second = await act('clerk1', 'counter-2', 'open');
    expect([second.status, second.body.error.code]).toEqual([409, 'clerk-at-another-counter']);
    // Opening one's own counter again changes nothing.
    const length = (await h.events()).length;
    await ok('clerk1', 'counter-1', 'open');
    expect((await h.events()).length).toBe(length);
  });

  it('a supervisor or an admin → 403 forbidden; nobody signed in → 401', async () => {
    for (const as of ['supervisor', 'admin'] as const) {
      for (const action of ['open', 'call-next']) {
        const r = await act(as, 'counter-1', action, {});
        expect([as, action, r.status, r.body.error.code]).toEqual([as, action, 403, 'forbidden']);
      }
    }
    const anon = await act('anonymous', 'counter-1', 'open');
    expect(anon.status).toBe(401);
    expect(anon.body.error).toEqual({
      code: 'unauthenticated',
      message: { fa: 'ابتدا وارد شوید.', en: 'Sign in first.' },
    });
    expect((await h.events()).length).toBe(0);
  });

  it('a clerk of another branch finds no such counter in their branch (404), and changes nothing', async () => {
    const r = await act('otherClerk', 'counter-1', 'open');
    expect([r.status, r.body.error.code]).toEqual([404, 'unknown-counter']);
    expect((await h.events()).length).toBe(0);
    expect((await publicCounter('counter-1')).status).toBe('closed');
  });

  it('devices are refused and change nothing', async () => {
    for (const as of ['kiosk', 'display', 'bridge'] as const) {
      const r = await act(as, 'counter-1', 'open');
      expect([401, 403]).toContain(r.status);
    }
    expect((await h.events()).length).toBe(0);
  });

  it('a device (signed, with a valid token) calling a counter action gets 403, not 401 "sign in first"', async () => {
    // Regression: src/http/route.ts requireUser gave any principal that is not a user 401 unauthenticated,
    // though a device has authenticated; the same holds for cancel and every admin route.
    for (const as of ['kiosk', 'display', 'bridge'] as const) {
      const r = await act(as, 'counter-1', 'open');
      expect([as, r.status, r.body.error.code]).toEqual([as, 403, 'forbidden']);
    }
  });
});
