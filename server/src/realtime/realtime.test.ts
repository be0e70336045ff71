// The realtime namespaces against a real server (port 0, SQLite in a temporary directory, the demo
// office): what displays, kiosks, tracking pages, staff and bridges receive, and who may connect.
import {
  type Ack,
  type CallPayload,
  type CounterSummary,
  type DeviceStatus,
  type DisplaySnapshot,
  type KeypadAnswer,
  type KioskSnapshot,
  type PrintResult,
  type QueueCounts,
  type StaffSnapshot,
  type StaffTicket,
  type TicketTracking,
  toPersianDigits,
} from '@nobat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, apiOk, type ClientOptions, openClient, refusal } from '../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../demo.ts';
import { useRealtimeServer } from '../testing/realtime-server.ts';

const B = DEMO_BRANCH;
/** A valid national ID (its check digit fits) and a mobile number, to look for in what clients receive. */
const NATIONAL_ID = '0499370899';
const MOBILE = '09121234567';

type WithVersion<T> = T & { version: number };

const rt = useRealtimeServer('realtime', ['admin', 'supervisor', 'clerk1', 'clerk2', 'clerk3', 'clerk4', 'clerk6']);
const { token, connect, issue, act } = rt;

beforeAll(async () => {
  // A second bridge owning only counter-1, and a second kiosk (admin API).
  for (const device of [
    { id: 'bridge-2', kind: 'bridge', counterIds: ['counter-1'] },
    { id: 'kiosk-2', kind: 'kiosk', counterIds: [] },
  ]) {
    const made = await apiOk<{ token: string }>(rt.url, 'POST', '/api/v1/admin/devices', {
      token: token('admin'),
      body: { ...device, branchId: B, name: 'x' },
      status: 201,
    });
    rt.tokens[device.id] = made.token;
  }
});

function display(extra: Record<string, unknown> = {}) {
  return connect<DisplaySnapshot>('/display', { auth: { branchId: B, ...extra } });
}

/** Calls a given ticket at a counter (deterministic, unlike call-next with leftovers from other tests). */
async function callTicket(clerk: string, counterId: string, ticketId: string): Promise<StaffTicket> {
  const r = await act(clerk, counterId, 'call', { ticketId });
  if (r.ticket?.id !== ticketId) throw new Error(`called ${JSON.stringify(r.ticket)} instead of ${ticketId}`);
  return r.ticket;
}

/** Ends whatever the counter holds (start, then finish), so that it may call again or pause. */
async function release(clerk: string, counterId: string): Promise<void> {
  await api(rt.url, 'POST', `/api/v1/counters/${counterId}/start`, { token: token(clerk), body: {} });
  await api(rt.url, 'POST', `/api/v1/counters/${counterId}/finish`, { token: token(clerk), body: {} });
}

/** Resolves after `ms`: only to give a message that must NOT arrive the chance to arrive. */
const grace = (ms = 200) => new Promise((r) => setTimeout(r, ms));

describe('[M7] devices are seen when they connect', () => {
  it('a kiosk connecting on its namespace is noted as last seen', async () => {
    const lastSeen = async () => {
      const devices = await apiOk<{ id: string; lastSeenAt: string | null }[]>(rt.url, 'GET', '/api/v1/admin/devices', {
        token: token('admin'),
      });
      return devices.find((d) => d.id === 'kiosk-2')?.lastSeenAt;
    };
    expect(await lastSeen()).toBeNull();
    // The server and the test read the same clock: the note is stamped between these two readings.
    const before = Date.now();
    await connect<KioskSnapshot>('/kiosk', { auth: { token: token('kiosk-2') } });
    // The note is written beside the connection, not before it: wait for it to land.
    await expect.poll(lastSeen, { timeout: 20_000 }).not.toBeNull();
    const after = Date.now();
    const seen = Date.parse((await lastSeen()) ?? '');
    expect(seen).toBeGreaterThanOrEqual(before);
    expect(seen).toBeLessThanOrEqual(after);
  });
});

describe('calls reach the displays', () => {
  it('a call made through the HTTP API reaches a hall display as ticket:called; a recall with recall:true', async () => {
    const { client } = await display();
    await act('clerk1', 'counter-1', 'open');
    const t = await issue('premium-list');
    await callTicket('clerk1', 'counter-1', t.id);

    const call = await client.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id);
    expect(call).toEqual({
      ticketId: t.id,
      number: t.number,
      counterId: 'counter-1',
      counterNumber: 1,
      serviceId: 'premium-list',
      calledAt: expect.any(String),
      recall: false,
      version: expect.any(Number),
      since: expect.any(Number),
    });
    expect(Number.isNaN(Date.parse(call.calledAt))).toBe(false);

    await act('clerk1', 'counter-1', 'recall');
    const recall = await client.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id && c.recall);
    expect(recall).toMatchObject({ ticketId: t.id, number: t.number, counterId: 'counter-1', recall: true });
    expect(recall.version).toBeGreaterThan(call.version);
    await release('clerk1', 'counter-1');
  });

  it('a counter signboard gets its own counter’s calls only, and counter:changed when it pauses', async () => {
    const { client: board } = await display({ counterId: 'counter-4' });
    const { client: hall } = await display();
    await act('clerk4', 'counter-4', 'open');
    await act('clerk6', 'counter-6', 'open');
    const other = await issue('pension');
    const mine = await issue('booklet-renewal');
    const from = board.mark();

    // Another counter's call first, then the positive control: the signboard's own counter.
    await callTicket('clerk6', 'counter-6', other.id);
    await hall.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === other.id);
    await callTicket('clerk4', 'counter-4', mine.id);
    const own = await board.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === mine.id, { from });
    expect(own).toMatchObject({ counterId: 'counter-4', counterNumber: 4, number: mine.number, recall: false });
    await grace();
    const calls = board.all<CallPayload>('ticket:called', from);
    expect(calls.map((c) => c.counterId)).toEqual(['counter-4']);
    const changed = board.all<CounterSummary>('counter:changed', from);
    expect(changed.every((c) => c.id === 'counter-4')).toBe(true);

    await release('clerk4', 'counter-4');
    const beforePause = board.mark();
    await act('clerk4', 'counter-4', 'pause', { reason: 'prayer break' });
    const paused = await board.waitFor<WithVersion<CounterSummary>>('counter:changed', (c) => c.status === 'paused', {
      from: beforePause,
    });
    expect(paused).toMatchObject({ id: 'counter-4', number: 4, status: 'paused', pauseReason: 'prayer break' });
    expect(paused.version).toEqual(expect.any(Number));
    await act('clerk4', 'counter-4', 'resume');
    await release('clerk6', 'counter-6');
  });
});

describe('snapshots', () => {
  it('on connect: counters, services with waiting counts, and the recent calls newest first', async () => {
    await act('clerk3', 'counter-3', 'open');
    const first = await issue('insured-benefits');
    const second = await issue('insured-benefits');
    const third = await issue('insured-benefits');
    await callTicket('clerk3', 'counter-3', first.id);
    await act('clerk3', 'counter-3', 'start');
    await callTicket('clerk3', 'counter-3', second.id);

    const { snapshot } = await display();
    expect(snapshot.branchId).toBe(B);
    expect(snapshot.counters.map((c) => c.id)).toEqual([
      'counter-1',
      'counter-2',
      'counter-3',
      'counter-4',
      'counter-5',
      'counter-6',
    ]);
    expect(snapshot.counters.find((c) => c.id === 'counter-3')).toMatchObject({
      status: 'open',
      serving: { ticketId: second.id, number: second.number, status: 'called' },
    });
    const waiting = await apiOk<{ id: string; waiting: number }[]>(rt.url, 'GET', `/api/v1/branches/${B}/services`);
    for (const s of snapshot.services) {
      expect(s.waiting, s.id).toBe(waiting.find((w) => w.id === s.id)?.waiting);
    }
    expect(snapshot.services.find((s) => s.id === 'insured-benefits')?.waiting).toBeGreaterThanOrEqual(1);
    expect(snapshot.recentCalls.slice(0, 2).map((c) => c.ticketId)).toEqual([second.id, first.id]);
    const times = snapshot.recentCalls.map((c) => Date.parse(c.calledAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    await act('clerk3', 'counter-3', 'start');
    await callTicket('clerk3', 'counter-3', third.id);
    await release('clerk3', 'counter-3');
  });

  it('a client that reconnects gets a snapshot with the calls made while it was away and the counters as they are', async () => {
    const { client, snapshot: before } = await display();
    await act('clerk3', 'counter-3', 'open');
    const a = await issue('insured-benefits');
    const b = await issue('insured-benefits');

    client.socket.disconnect();
    await client.waitFor('disconnect');
    await callTicket('clerk3', 'counter-3', a.id);
    await act('clerk3', 'counter-3', 'start');
    await callTicket('clerk3', 'counter-3', b.id);
    await act('clerk1', 'counter-1', 'pause', { reason: 'away' });

    const from = client.mark();
    client.socket.connect();
    const after = await client.waitFor<DisplaySnapshot>('snapshot', undefined, { from });
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.recentCalls.slice(0, 2).map((c) => c.ticketId)).toEqual([b.id, a.id]);
    expect(after.counters.find((c) => c.id === 'counter-3')).toMatchObject({
      status: 'open',
      serving: { ticketId: b.id, status: 'called' },
    });
    expect(after.counters.find((c) => c.id === 'counter-1')).toMatchObject({ status: 'paused', pauseReason: 'away' });

    await act('clerk1', 'counter-1', 'resume');
    await release('clerk3', 'counter-3');
  });
});

describe('queue counts', () => {
  // The throttle itself (one refresh per window, trailing) is proven with fake timers in
  // throttle.test.ts; here, that the counts reach both audiences, equal, once the burst is in.
  it('queue:changed reaches /display and /kiosk after issuing, the same counts on both', async () => {
    const { client: hall, snapshot: ds } = await display();
    const { client: kiosk, snapshot: ks } = await connect<KioskSnapshot>('/kiosk', {
      auth: { token: token('kiosk-1') },
    });
    const before = ds.services.find((s) => s.id === 'registration')?.waiting ?? -1;
    expect(ks.services.find((s) => s.id === 'registration')?.waiting).toBe(before);

    const fromHall = hall.mark();
    const fromKiosk = kiosk.mark();
    const BURST = 5;
    await Promise.all(Array.from({ length: BURST }, () => issue('registration')));
    const target = (q: QueueCounts) =>
      q.services.find((s) => s.serviceId === 'registration')?.waiting === before + BURST;
    const [h, k] = await Promise.all([
      hall.waitFor<QueueCounts>('queue:changed', target, { from: fromHall }),
      kiosk.waitFor<QueueCounts>('queue:changed', target, { from: fromKiosk }),
    ]);
    expect(h).toEqual(k);
    expect(h.branchId).toBe(B);
  });
});

describe('no personal data leaves through public namespaces', () => {
  it('/display, /kiosk, /track and /bridge never receive the mobile number or the national ID', async () => {
    const { client: hall } = await display();
    const { client: board } = await display({ counterId: 'counter-6' });
    const { client: kiosk } = await connect<KioskSnapshot>('/kiosk', { auth: { token: token('kiosk-1') } });
    const { client: bridge } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    const t1 = await issue('finance', { mobile: '+98 912 123 4567', nationalId: NATIONAL_ID });
    const t2 = await issue('finance', { mobile: MOBILE, nationalId: '۰۴۹۹۳۷۰۸۹۹' });
    const track = openClient(rt.url, '/track', { auth: { ticketId: t2.id } });
    rt.track(track);
    await track.waitFor<TicketTracking>('ticket:tracking', (t) => t.status === 'waiting');

    await act('clerk6', 'counter-6', 'open');
    await callTicket('clerk6', 'counter-6', t1.id);
    await act('clerk6', 'counter-6', 'start');
    await callTicket('clerk6', 'counter-6', t2.id);
    await act('clerk6', 'counter-6', 'recall');
    await track.waitFor<TicketTracking>('ticket:tracking', (t) => t.status === 'called');
    await board.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t2.id && c.recall);
    await hall.waitFor<QueueCounts>('queue:changed', (q) => q.version >= 1);
    await kiosk.waitFor<QueueCounts>('queue:changed');
    await bridge.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t2.id && c.recall);
    const tracked = await apiOk(rt.url, 'GET', `/api/v1/tickets/${encodeURIComponent(t2.id)}`);

    const everything = JSON.stringify([...[hall, board, kiosk, bridge, track].map((c) => c.received), tracked]);
    expect(everything).toContain(t2.number); // the recording did capture the traffic
    for (const secret of [NATIONAL_ID, MOBILE, '9121234567', toPersianDigits(NATIONAL_ID), toPersianDigits(MOBILE)]) {
      expect(everything).not.toContain(secret);
    }
    await release('clerk6', 'counter-6');
  });
});

describe('/track', () => {
  it('follows one ticket: waiting with the number ahead, then called with the counter number', async () => {
    await act('clerk2', 'counter-2', 'open');
    const ahead = await issue('premium-debt');
    const t = await issue('premium-debt');
    const track = openClient(rt.url, '/track', { auth: { ticketId: t.id } });
    rt.track(track);
    const waiting = await track.waitFor<TicketTracking>('ticket:tracking');
    expect(waiting).toMatchObject({ id: t.id, number: t.number, status: 'waiting', counterNumber: null });
    expect(waiting.ahead).toBeGreaterThanOrEqual(1);

    await callTicket('clerk2', 'counter-2', ahead.id);
    const moved = await track.waitFor<TicketTracking>('ticket:tracking', (x) => x.ahead < waiting.ahead);
    expect(moved.status).toBe('waiting');
    await act('clerk2', 'counter-2', 'start');
    await callTicket('clerk2', 'counter-2', t.id);
    const called = await track.waitFor<TicketTracking>('ticket:tracking', (x) => x.status === 'called');
    expect(called).toMatchObject({ id: t.id, status: 'called', counterNumber: 2, calledAt: expect.any(String) });
    await release('clerk2', 'counter-2');
  });

  it('refuses an unknown ticket with connect_error', async () => {
    const r = await refusal(rt.url, '/track', { auth: { ticketId: `${B}~no-such-ticket` } });
    expect(r.message).toBe('ticket-not-found');
  });
});

describe('who may connect where', () => {
  const table: { what: string; ns: string; opts: () => ClientOptions; code: string }[] = [
    {
      what: '/counter without a token',
      ns: '/counter',
      opts: () => ({ auth: { branchId: B } }),
      code: 'unauthenticated',
    },
    {
      what: '/counter with a made-up token',
      ns: '/counter',
      opts: () => ({ auth: { branchId: B, token: 'not-a-session' } }),
      code: 'unauthenticated',
    },
    {
      what: '/counter with a device token',
      ns: '/counter',
      opts: () => ({ auth: { branchId: B, token: token('kiosk-1') } }),
      code: 'unauthenticated',
    },
    {
      what: '/counter with a clerk of the branch, for another branch',
      ns: '/counter',
      opts: () => ({ auth: { branchId: 'other-branch', token: token('clerk1') } }),
      code: 'forbidden',
    },
    {
      what: '/supervisor with a clerk’s token',
      ns: '/supervisor',
      opts: () => ({ auth: { branchId: B, token: token('clerk1') } }),
      code: 'forbidden',
    },
    {
      what: '/supervisor with a clerk’s session cookie',
      ns: '/supervisor',
      opts: () => ({ auth: { branchId: B }, extraHeaders: { cookie: `nobat_session=${token('clerk1')}` } }),
      code: 'forbidden',
    },
    {
      what: '/counter with a clerk’s session cookie from a page of another site',
      ns: '/counter',
      opts: () => ({
        auth: { branchId: B },
        extraHeaders: { cookie: `nobat_session=${token('clerk1')}`, origin: 'https://evil.example' },
      }),
      code: 'forbidden-origin',
    },
    {
      what: '/counter from a sandboxed frame (Origin: null)',
      ns: '/counter',
      opts: () => ({
        auth: { branchId: B },
        extraHeaders: { cookie: `nobat_session=${token('clerk1')}`, origin: 'null' },
      }),
      code: 'forbidden-origin',
    },
    {
      what: '/supervisor with the supervisor’s token from a page of another site',
      ns: '/supervisor',
      opts: () => ({
        auth: { branchId: B, token: token('supervisor') },
        extraHeaders: { origin: 'http://evil.example' },
      }),
      code: 'forbidden-origin',
    },
    {
      what: '/counter without Origin whose fetch metadata says another site',
      ns: '/counter',
      opts: () => ({
        auth: { branchId: B },
        extraHeaders: { cookie: `nobat_session=${token('clerk1')}`, 'sec-fetch-site': 'cross-site' },
      }),
      code: 'forbidden-origin',
    },
    { what: '/kiosk without a token', ns: '/kiosk', opts: () => ({}), code: 'unauthenticated' },
    {
      what: '/kiosk with a display token',
      ns: '/kiosk',
      opts: () => ({ auth: { token: token('display-1') } }),
      code: 'unauthenticated',
    },
    {
      what: '/kiosk with a bridge token',
      ns: '/kiosk',
      opts: () => ({ auth: { token: token('bridge-1') } }),
      code: 'unauthenticated',
    },
    {
      what: '/kiosk with a clerk’s session',
      ns: '/kiosk',
      opts: () => ({ auth: { token: token('clerk1') } }),
      code: 'unauthenticated',
    },
    { what: '/bridge without a token', ns: '/bridge', opts: () => ({}), code: 'unauthenticated' },
    {
      what: '/bridge with a kiosk token',
      ns: '/bridge',
      opts: () => ({ auth: { token: token('kiosk-1') } }),
      code: 'unauthenticated',
    },
    {
      what: '/bridge with a forged bridge token',
      ns: '/bridge',
      opts: () => ({ auth: { token: 'bridge-1.forged-secret' } }),
      code: 'unauthenticated',
    },
    {
      what: '/display with a display token of another branch',
      ns: '/display',
      opts: () => ({ auth: { branchId: 'other-branch', token: token('display-1') } }),
      code: 'forbidden',
    },
    {
      what: '/display with a kiosk token',
      ns: '/display',
      opts: () => ({ auth: { branchId: B, token: token('kiosk-1') } }),
      code: 'forbidden',
    },
    {
      what: '/display for an unknown branch',
      ns: '/display',
      opts: () => ({ auth: { branchId: 'no-such-branch' } }),
      code: 'unknown-branch',
    },
    {
      what: '/display for an unknown counter',
      ns: '/display',
      opts: () => ({ auth: { branchId: B, counterId: 'counter-99' } }),
      code: 'unknown-counter',
    },
    { what: '/display without a branch', ns: '/display', opts: () => ({ auth: {} }), code: 'invalid-input' },
    { what: '/track without a ticket', ns: '/track', opts: () => ({ auth: {} }), code: 'invalid-input' },
  ];

  it.each(table)('refuses $what: $code', async ({ ns, opts, code }) => {
    const r = await refusal(rt.url, ns, opts());
    expect(r).toEqual({ message: code, code });
  });

  it('lets a clerk of the branch into /counter by auth.token and by the nobat_session cookie, with a staff snapshot', async () => {
    const waitingTicket = await issue('pension');
    for (const opts of [
      { auth: { branchId: B, token: token('clerk1') } },
      { auth: { branchId: B }, extraHeaders: { cookie: `theme=dark; nobat_session=${token('clerk1')}` } },
    ]) {
      const { snapshot } = await connect<StaffSnapshot>('/counter', opts);
      expect(snapshot.branchId).toBe(B);
      expect(Array.isArray(snapshot.parked)).toBe(true);
      expect(snapshot.waiting.map((t) => t.id)).toContain(waitingTicket.id);
      expect(snapshot.counters).toHaveLength(6);
    }
  });

  it('lets a clerk into /counter from the server’s own page (its Origin), and anyone’s page into /display', async () => {
    const own = await connect<StaffSnapshot>('/counter', {
      auth: { branchId: B },
      extraHeaders: { cookie: `nobat_session=${token('clerk1')}`, origin: rt.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.snapshot.branchId).toBe(B);
    // The public screens carry no cookie: a page elsewhere (a signage player) may show them.
    const shown = await connect<DisplaySnapshot>('/display', {
      auth: { branchId: B },
      extraHeaders: { origin: 'https://signage.example' },
    });
    expect(shown.snapshot.branchId).toBe(B);
  });

  it('lets the supervisor into /supervisor and display-1 into /display', async () => {
    const sup = await connect<StaffSnapshot>('/supervisor', { auth: { branchId: B, token: token('supervisor') } });
    expect(Array.isArray(sup.snapshot.waiting)).toBe(true);
    const disp = await connect<DisplaySnapshot>('/display', { auth: { branchId: B, token: token('display-1') } });
    expect(disp.snapshot.branchId).toBe(B);
  });
});

describe('/bridge events', () => {
  type PressAck = Ack<KeypadAnswer>;
  const errorCode = (a: Ack<unknown>) => ('error' in a ? a.error.code : undefined);

  it('keypad:press: refused for a counter the bridge does not own (nothing changes), bad input, a closed counter; next calls', async () => {
    const { client: hall } = await display();
    const { client: own } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    const { client: stranger } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-2') } });
    await act('clerk2', 'counter-2', 'open');
    await release('clerk2', 'counter-2');
    const t = await issue('premium-debt');
    const from = hall.mark();
    const counterBefore = (await apiOk<CounterSummary[]>(rt.url, 'GET', `/api/v1/branches/${B}/counters`)).find(
      (c) => c.id === 'counter-2',
    );

    const forbidden = await stranger.request<PressAck>('keypad:press', { counterId: 'counter-2', key: 'next' });
    expect(errorCode(forbidden)).toBe('forbidden');
    for (const bad of [
      { counterId: 'counter-2' },
      { counterId: 'counter-2', key: 'explode' },
      { counterId: 'counter-2', key: 'next', extra: 1 },
      'next',
      null,
    ]) {
      expect(errorCode(await own.request<PressAck>('keypad:press', bad)), JSON.stringify(bad)).toBe('invalid-input');
    }
    expect(errorCode(await own.request<PressAck>('keypad:press', { counterId: 'counter-5', key: 'next' }))).toBe(
      'counter-closed',
    );
    await grace();
    expect(hall.all('ticket:called', from)).toEqual([]);
    const counterAfter = (await apiOk<CounterSummary[]>(rt.url, 'GET', `/api/v1/branches/${B}/counters`)).find(
      (c) => c.id === 'counter-2',
    );
    expect(counterAfter).toEqual(counterBefore);
    expect((await apiOk<TicketTracking>(rt.url, 'GET', `/api/v1/tickets/${encodeURIComponent(t.id)}`)).status).toBe(
      'waiting',
    );

    const next = await own.request<PressAck>('keypad:press', { counterId: 'counter-2', key: 'next', requestId: 'k1' });
    if (!('data' in next)) throw new Error(`refused: ${JSON.stringify(next)}`);
    const ticket = next.data.ticket;
    expect(next.data.outcome).toBe('called');
    expect(ticket).toMatchObject({ status: 'called', counterId: 'counter-2' });
    const call = await hall.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === ticket?.id, { from });
    expect(call).toMatchObject({ counterId: 'counter-2', counterNumber: 2, number: ticket?.number, recall: false });
    await release('clerk2', 'counter-2');
  });

  it('keypad:press older than the branch’s bound is refused as stale-press; NEXT right after a call is ignored', async () => {
    const { client: hall } = await display();
    const { client: own } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    await act('clerk4', 'counter-4', 'open');
    await release('clerk4', 'counter-4');
    await issue('booklet-renewal');
    const from = hall.mark();
    // [K1] Pressed 8 s ago (held by a keypad that was off the bus): dropped, nothing called.
    const stale = await own.request<PressAck>('keypad:press', { counterId: 'counter-4', key: 'next', ageMs: 8_000 });
    expect(stale).toMatchObject({ error: { code: 'stale-press', message: { en: expect.stringContaining('ago') } } });
    await grace();
    expect(hall.all('ticket:called', from)).toEqual([]);
    // [K3] A quick double NEXT: the first calls, the second does not start serving.
    const first = await own.request<PressAck>('keypad:press', { counterId: 'counter-4', key: 'next', ageMs: 0 });
    expect(first).toMatchObject({ data: { outcome: 'called', ticket: { status: 'called' } } });
    const second = await own.request<PressAck>('keypad:press', { counterId: 'counter-4', key: 'next', ageMs: 0 });
    expect(second).toMatchObject({ data: { outcome: 'ignored', ticket: { status: 'called' } } });
    await release('clerk4', 'counter-4');
  });

  it('keypad:press pause gives the signboard a Persian reason, and pause again resumes', async () => {
    const { client: own } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    await act('clerk3', 'counter-3', 'open');
    await release('clerk3', 'counter-3');
    const paused = await own.request<PressAck>('keypad:press', { counterId: 'counter-3', key: 'pause' });
    expect(errorCode(paused)).toBeUndefined();
    const counters = async () =>
      (await apiOk<CounterSummary[]>(rt.url, 'GET', `/api/v1/branches/${B}/counters`)).find(
        (c) => c.id === 'counter-3',
      );
    expect(await counters()).toMatchObject({ status: 'paused', pauseReason: 'توقف موقت' });
    // The keypad sends its key only: PAUSE on a paused counter resumes it (K5).
    expect(await own.request<PressAck>('keypad:press', { counterId: 'counter-3', key: 'pause' })).toMatchObject({
      data: { outcome: 'resumed' },
    });
    expect(await counters()).toMatchObject({ status: 'open', pauseReason: null });
  });

  it('device:status: a bad payload is refused; a good one reaches /supervisor', async () => {
    const { client: bridge } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    const { client: sup } = await connect<StaffSnapshot>('/supervisor', {
      auth: { branchId: B, token: token('supervisor') },
    });
    const from = sup.mark();
    const bad = await bridge.request<Ack<null>>('device:status', {
      deviceId: 'led-4',
      kind: 'toaster',
      status: 'online',
    });
    expect(errorCode(bad)).toBe('invalid-input');
    const status: DeviceStatus = { deviceId: 'printer-1', kind: 'printer', kioskId: 'kiosk-1', status: 'paper-out' };
    expect(await bridge.request<Ack<null>>('device:status', status)).toEqual({ data: null });
    expect(await sup.waitFor<DeviceStatus>('device:status', undefined, { from })).toEqual(status);
    expect(sup.all('device:status', from)).toHaveLength(1);
  });

  it('device:status: a bridge reports only its own devices; a foreign one is refused and reaches nobody', async () => {
    // bridge-2 owns counter-1 only, and no kiosk.
    const { client: stranger } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-2') } });
    const { client: sup } = await connect<StaffSnapshot>('/supervisor', {
      auth: { branchId: B, token: token('supervisor') },
    });
    const from = sup.mark();
    for (const foreign of [
      { deviceId: 'led-counter-2', kind: 'led', counterId: 'counter-2', status: 'offline' },
      { deviceId: 'keypad-counter-4', kind: 'keypad', counterId: 'counter-4', status: 'offline' },
      { deviceId: 'led-x', kind: 'led', status: 'offline' },
      { deviceId: 'printer-kiosk-1', kind: 'printer', kioskId: 'kiosk-1', status: 'paper-out' },
      { deviceId: 'printer-x', kind: 'printer', counterId: 'counter-1', status: 'paper-out' },
    ] satisfies DeviceStatus[]) {
      expect(errorCode(await stranger.request<Ack<null>>('device:status', foreign)), foreign.deviceId).toBe(
        'forbidden',
      );
    }
    const own: DeviceStatus = { deviceId: 'led-counter-1', kind: 'led', counterId: 'counter-1', status: 'offline' };
    expect(await stranger.request<Ack<null>>('device:status', own)).toEqual({ data: null });
    // Only its own device reached the supervisor, and it arrives after every refused one was sent.
    expect(await sup.waitFor<DeviceStatus>('device:status', undefined, { from })).toEqual(own);
    await grace();
    expect(sup.all('device:status', from)).toEqual([own]);
  });

  it('print:result for a kiosk that is not the bridge’s is refused and reaches no kiosk', async () => {
    const { client: stranger } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-2') } });
    const { client: k1 } = await connect<KioskSnapshot>('/kiosk', { auth: { token: token('kiosk-1') } });
    const from = k1.mark();
    const result: PrintResult = { jobId: 'job-9', kioskId: 'kiosk-1', ticketId: `${B}~abc`, ok: true };
    expect(errorCode(await stranger.request<Ack<null>>('print:result', result))).toBe('forbidden');
    await grace();
    expect(k1.all('print:result', from)).toEqual([]);
  });

  it('print:result is forwarded to the /kiosk client of that kiosk only', async () => {
    const { client: bridge } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    const { client: k1 } = await connect<KioskSnapshot>('/kiosk', { auth: { token: token('kiosk-1') } });
    const { client: k2 } = await connect<KioskSnapshot>('/kiosk', { auth: { token: token('kiosk-2') } });
    const from2 = k2.mark();
    const result: PrintResult = {
      jobId: 'job-1',
      kioskId: 'kiosk-1',
      ticketId: `${B}~abc`,
      ok: false,
      status: 'paper-out',
    };
    expect(errorCode(await bridge.request<Ack<null>>('print:result', { ...result, ok: 'yes' }))).toBe('invalid-input');
    expect(await bridge.request<Ack<null>>('print:result', result)).toEqual({ data: null });
    expect(await k1.waitFor<PrintResult>('print:result')).toEqual(result);
    await grace();
    expect(k2.all('print:result', from2)).toEqual([]);
  });
});
