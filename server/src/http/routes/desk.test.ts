// The clerk's desk beyond the counter actions: documents at intake, the counter's queue in call
// order, and the clerk's day (tally and جدول ۲).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpHarness, type HttpHarness } from '../../testing/http-harness.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

const act = async (action: string, body: unknown = {}, as: 'clerk1' | 'clerk2' = 'clerk1') => {
  const counter = as === 'clerk1' ? 'counter-1' : 'counter-2';
  return h.request('POST', `/api/v1/counters/${counter}/${action}`, { as, body });
};

describe('documents at intake', () => {
  it('[T8] records what was brought; everything else on the list is missing, on the ticket', async () => {
    await act('open');
    const t = await h.issue('premium-list'); // required: list, workshop-code
    await act('call-next');
    const r = await act('documents', { brought: ['list'] });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ id: t.id, missingDocuments: ['workshop-code'] });
    // Ticking both later clears it.
    expect((await act('documents', { brought: ['list', 'workshop-code'] })).body.ticket.missingDocuments).toEqual([]);
  });

  it('[T8] a document not on the sub-service’s list, or no ticket at the counter, is refused', async () => {
    await act('open');
    expect((await act('documents', { brought: [] })).body.error.code).toBe('no-current-ticket');
    await h.issue('premium-list');
    await act('call-next');
    const r = await act('documents', { brought: ['passport'] });
    expect([r.status, r.body.error.code]).toEqual([422, 'unknown-document']);
  });
});

describe('the counter’s queue', () => {
  it('lists the waiting tickets of the counter’s sub-services in the order it would call them', async () => {
    // counter-1 serves premium-list and premium-debt.
    const a = await h.issue('premium-list');
    h.advance(60_000);
    const b = await h.issue('premium-debt', { priority: 'veteran' });
    await h.issue('pension'); // not served at counter-1
    const r = await h.request('GET', '/api/v1/counters/counter-1/queue', { as: 'clerk1' });
    expect(r.status).toBe(200);
    expect(r.body.map((t: { id: string }) => t.id)).toEqual([b.id, a.id]);
    // What it lists is what call-next then calls.
    await act('open');
    expect((await act('call-next')).body.ticket.id).toBe(b.id);
  });
});

describe('the clerk’s day', () => {
  it('counts served tickets and no-shows, averages serving time, and lists جدول ۲', async () => {
    await act('open');
    const first = await h.issue('premium-list');
    const second = await h.issue('premium-list');
    await h.issue('premium-list');
    await act('call-next');
    h.advance(60_000);
    await act('start');
    h.advance(4 * 60_000);
    await act('finish');
    await act('call-next');
    await act('start');
    h.advance(2 * 60_000);
    await act('call-next'); // finishes the second, calls the third
    await act('no-show');

    const r = await h.request('GET', '/api/v1/clerks/me/day', { as: 'clerk1' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ clerkId: 'clerk1', served: 2, noShows: 1, averageServeMinutes: 3 });
    expect(
      r.body.log.map((row: { receiptNumber: string; outcome: string }) => [row.receiptNumber, row.outcome]),
    ).toEqual([
      [first.number, 'finished'],
      [second.number, 'finished'],
    ]);
    expect(r.body.log[0]).toMatchObject({ serveMinutes: 4, respondedAt: null });
    // Another clerk's day is their own.
    const other = await h.request('GET', '/api/v1/clerks/me/day', { as: 'clerk2' });
    expect(other.body).toMatchObject({ clerkId: 'clerk2', served: 0, noShows: 0, averageServeMinutes: null, log: [] });
  });
});

describe('the clerk’s desk as they left it', () => {
  it('gives the counter the clerk holds, its current ticket, its queue and what it parked', async () => {
    expect((await h.request('GET', '/api/v1/clerks/me/desk', { as: 'clerk1' })).body).toMatchObject({
      branchName: { fa: expect.any(String) },
      // The demo's clerks are not limited to some counters (C4): they may staff all of them.
      mayStaff: ['counter-1', 'counter-2', 'counter-3', 'counter-4', 'counter-5', 'counter-6'],
      counter: null,
      current: null,
      queue: [],
      parked: [],
    });
    await act('open');
    const a = await h.issue('premium-list');
    const b = await h.issue('premium-debt');
    const c = await h.issue('premium-list');
    await act('call-next');
    await act('park', { note: 'رفت کپی بگیرد' });
    await act('call-next');
    const r = await h.request('GET', '/api/v1/clerks/me/desk', { as: 'clerk1' });
    expect(r.status).toBe(200);
    expect(r.body.counter).toMatchObject({ id: 'counter-1', status: 'open', serving: { ticketId: b.id } });
    expect(r.body.current).toMatchObject({ id: b.id, status: 'called' });
    expect(r.body.queue.map((t: { id: string }) => t.id)).toEqual([c.id]);
    expect(r.body.parked).toMatchObject([{ id: a.id, status: 'parked', note: 'رفت کپی بگیرد' }]);
    // Another clerk holds nothing of it.
    expect((await h.request('GET', '/api/v1/clerks/me/desk', { as: 'clerk2' })).body.counter).toBeNull();
  });

  it('a transfer’s note and target counter travel with the ticket to the next clerk', async () => {
    await act('open');
    await act('open', {}, 'clerk2');
    const t = await h.issue('premium-debt');
    await act('call-next');
    const moved = await act('transfer', { toCounterId: 'counter-2', note: 'فقط استعلام سوابق مانده' });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({
      id: t.id,
      status: 'waiting',
      targetCounterId: 'counter-2',
      note: 'فقط استعلام سوابق مانده',
    });
    const desk2 = await h.request('GET', '/api/v1/clerks/me/desk', { as: 'clerk2' });
    expect(desk2.body.queue).toMatchObject([{ id: t.id, note: 'فقط استعلام سوابق مانده' }]);
    // counter-1 no longer sees it.
    expect((await h.request('GET', '/api/v1/clerks/me/desk', { as: 'clerk1' })).body.queue).toEqual([]);
  });

  it('[T8] the visitor’s tracking page lists the missing documents by title', async () => {
    await act('open');
    const t = await h.issue('premium-list');
    expect((await h.request('GET', `/api/v1/tickets/${t.id}`)).body.missingDocuments).toBeNull();
    await act('call-next');
    await act('documents', { brought: ['list'] });
    const tracked = await h.request('GET', `/api/v1/tickets/${t.id}`);
    expect(tracked.body.missingDocuments).toEqual([expect.objectContaining({ fa: expect.any(String) })]);
    expect(tracked.body.missingDocuments[0].fa.length).toBeGreaterThan(3);
  });
});
