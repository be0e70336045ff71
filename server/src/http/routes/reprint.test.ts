// [T10] Reprinting a ticket as a copy: who may, which tickets and kiosks (HTTP app with a fake
// printer), and, on a real server, the print job reaching the bridge that owns the kiosk marked as
// a copy, with the bridge's answer given back.
import type { IssuedTicket, PrintJob, PrintResult } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, type RecordingClient } from '../../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../../demo.ts';
import { createHttpHarness, type HttpHarness } from '../../testing/http-harness.ts';
import { useRealtimeServer } from '../../testing/realtime-server.ts';

const reprintPath = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}/reprint`;

describe('POST /api/v1/tickets/{id}/reprint (HTTP app, fake printer)', () => {
  let h: HttpHarness;
  beforeEach(async () => {
    h = await createHttpHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const reprint = (id: string, body: unknown = { kioskId: 'kiosk-1' }, as: 'clerk' | 'supervisor' = 'supervisor') =>
    h.request('POST', reprintPath(id), { as, body });
  const act = async (action: string, body: unknown = {}) => {
    const r = await h.request('POST', `/api/v1/counters/counter-1/${action}`, { as: 'clerk', body });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${r.text}`);
  };

  it('[T10] a waiting, called or serving ticket is reprinted on a kiosk of its branch; the log does not change', async () => {
    const t = await h.issue('premium-list');
    const before = (await h.events()).length;
    const r = await reprint(t.id, { kioskId: 'kiosk-1' }, 'clerk');
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ jobId: 'fake-job', kioskId: 'kiosk-1', ticketId: t.id, ok: true, status: 'online' });
    await act('open');
    await act('call-next');
    expect((await reprint(t.id)).status).toBe(200);
    await act('start');
    expect((await reprint(t.id)).status).toBe(200);
    expect(h.reprints).toEqual([1, 2, 3].map(() => ({ ticketId: t.id, kioskId: 'kiosk-1' })));
    // Only the counter's own events were added: a reprint writes nothing.
    const types = (await h.events()).slice(before).map((e) => e.event.type);
    expect(types).toEqual(['CounterOpened', 'TicketCalled', 'ServiceStarted']);
  });

  it('[T10] a finished or cancelled ticket is refused (409 ticket-not-reprintable), nothing printed', async () => {
    const done = await h.issue('premium-list');
    await act('open');
    await act('call-next');
    await act('start');
    await act('finish');
    const cancelled = await h.issue('premium-list');
    const c = await h.request('POST', `/api/v1/tickets/${encodeURIComponent(cancelled.id)}/cancel`, {
      as: 'supervisor',
      body: { reason: 'رفت' },
    });
    expect(c.status).toBe(200);
    for (const id of [done.id, cancelled.id]) {
      const r = await reprint(id);
      expect(r.status, r.text).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'ticket-not-reprintable', message: { fa: expect.any(String) } });
    }
    expect(h.reprints).toEqual([]);
  });

  it('[T10] another branch’s kiosk, a device that is not a kiosk, or no such kiosk: 422 unknown-kiosk', async () => {
    const t = await h.issue('finance');
    for (const kioskId of ['kiosk-b1', 'display-1', 'bridge-1', 'kiosk-404']) {
      const r = await reprint(t.id, { kioskId });
      expect(r.status, `${kioskId}: ${r.text}`).toBe(422);
      expect(r.body.error.code).toBe('unknown-kiosk');
    }
    expect(h.reprints).toEqual([]);
  });

  it('an unknown ticket is not found, a body without a kiosk is invalid', async () => {
    const t = await h.issue('finance');
    expect((await reprint(`${DEMO_BRANCH}~nope`)).status).toBe(404);
    expect((await reprint('no-branch')).status).toBe(404);
    const bad = await reprint(t.id, {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-input');
    expect(h.reprints).toEqual([]);
  });

  it('with no printer to reach, 503 printer-unavailable', async () => {
    const t = await h.issue('finance');
    delete h.deps.printer;
    const r = await reprint(t.id);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('printer-unavailable');
  });
});

describe('a reprint on a real server reaches the bridge of the kiosk, marked as a copy', () => {
  const rt = useRealtimeServer('reprint', ['supervisor', 'clerk1']);

  /** A bridge socket (bridge-1 owns kiosk-1's printer) answering print jobs with `answer`. */
  async function fakeBridge(answer: () => Pick<PrintResult, 'ok' | 'status'>) {
    const { client } = await rt.connect('/bridge', { auth: { token: rt.token('bridge-1') } });
    const jobs: PrintJob[] = [];
    client.socket.on('print:job', (job: PrintJob, ack: (r: PrintResult) => void) => {
      jobs.push(job);
      ack({ jobId: job.jobId, kioskId: job.kioskId, ticketId: job.ticketId, ...answer() });
    });
    return { client, jobs };
  }

  it('[T10] the kiosk’s own print is not a copy; the staff reprint is, and answers with the bridge’s result', async () => {
    let answer: Pick<PrintResult, 'ok' | 'status'> = { ok: true, status: 'online' };
    const bridge = await fakeBridge(() => answer);
    const ticket: IssuedTicket = await rt.issue('premium-list');
    const { client: kiosk } = await rt.connect('/kiosk', { auth: { token: rt.token('kiosk-1') } });
    const printed = await (kiosk as RecordingClient).request<{ data: PrintResult }>('ticket:print', {
      ticketId: ticket.id,
    });
    expect(printed.data).toMatchObject({ ticketId: ticket.id, ok: true });
    expect(bridge.jobs).toHaveLength(1);
    expect(bridge.jobs[0]).toMatchObject({ ticketId: ticket.id, number: ticket.number, copy: false });

    const r = await api<PrintResult>(rt.url, 'POST', reprintPath(ticket.id), {
      token: rt.token('clerk1'),
      body: { kioskId: 'kiosk-1' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(bridge.jobs).toHaveLength(2);
    const copy = bridge.jobs[1] as PrintJob;
    expect(copy).toMatchObject({
      ticketId: ticket.id,
      kioskId: 'kiosk-1',
      number: ticket.number,
      issuedAt: ticket.issuedAt,
      trackingUrl: ticket.trackingUrl,
      copy: true,
    });
    expect(r.body).toEqual({ jobId: copy.jobId, kioskId: 'kiosk-1', ticketId: ticket.id, ok: true, status: 'online' });

    // A printer out of paper: the answer says so (200, ok false), it is not an error of the route.
    answer = { ok: false, status: 'paper-out' };
    const out = await api<PrintResult>(rt.url, 'POST', reprintPath(ticket.id), {
      token: rt.token('supervisor'),
      body: { kioskId: 'kiosk-1' },
    });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ ticketId: ticket.id, ok: false, status: 'paper-out' });
    expect(bridge.jobs.at(-1)?.copy).toBe(true);
  });
});
