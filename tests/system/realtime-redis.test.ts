// [S2] Delivery across processes: two real server processes share one Redis (the store and the
// Socket.IO adapter). Whatever happens through one reaches the screens connected to the other, and
// tickets issued through both at once still get unique numbers.
import type { CallPayload, CounterSummary, DisplaySnapshot, IssuedTicket, TicketTracking } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import {
  apiOk,
  connectWithSnapshot,
  counterAction,
  issueTicket,
  login,
  openClient,
  type RecordingClient,
} from '../support/socket.ts';

const PASSWORD = 'test-password-1';

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('[S2] two server processes on one Redis', () => {
  let redis: RedisServer | undefined;
  const processes: ServerProcess[] = [];
  const clients: RecordingClient[] = [];
  let urlA = '';
  let urlB = '';
  let kioskToken = '';
  const sessions: Record<string, string> = {};

  async function start(name: string, redisUrl: string): Promise<string> {
    const p = startServerProcess(name, {
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
    });
    processes.push(p);
    // The server binds 127.0.0.1 and prints http://localhost:PORT; use the address it listens on.
    return (await p.url()).replace('//localhost:', '//127.0.0.1:');
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    // One after the other: the first seeds the demo office, the second finds it.
    urlA = await start('server A', redis.url);
    const token = await processes[0]?.waitForOutput(/Device token for kiosk-1 \(kiosk\): (\S+)/);
    kioskToken = token?.[1] ?? '';
    urlB = await start('server B', redis.url);
    for (const clerk of ['clerk1', 'clerk6']) sessions[clerk] = await login(urlA, clerk, PASSWORD);
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(processes.map((p) => p.stop()));
    await redis?.stop();
  });

  async function display(url: string) {
    const r = await connectWithSnapshot<DisplaySnapshot>(url, '/display', { auth: { branchId: DEMO_BRANCH } });
    clients.push(r.client);
    return r;
  }

  function issue(url: string, serviceId: string): Promise<IssuedTicket> {
    return issueTicket(url, kioskToken, serviceId);
  }

  function act(url: string, clerk: string, counterId: string, action: string, body: unknown = {}) {
    return counterAction(url, sessions[clerk] ?? '', counterId, action, body);
  }

  it('[S2] delivery across processes: a call made through A’s HTTP API reaches a /display client on B', async () => {
    const { client: onB } = await display(urlB);
    const t = await issue(urlA, 'premium-list');
    await act(urlA, 'clerk1', 'counter-1', 'open');
    const called = await act(urlA, 'clerk1', 'counter-1', 'call', { ticketId: t.id });
    expect(called.ticket?.id).toBe(t.id);

    // The counter's opening, then the call ([PF4]: the call alone says what the counter shows).
    const counter = await onB.waitFor<CounterSummary>('counter:changed', (c) => c.id === 'counter-1');
    expect(counter.status).toBe('open');
    const call = await onB.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id);
    expect(call).toMatchObject({ number: t.number, counterId: 'counter-1', counterNumber: 1, recall: false });

    // A display that connects to B now gets a snapshot that already holds A's call, at its counter.
    const { snapshot } = await display(urlB);
    expect(snapshot.recentCalls[0]?.ticketId).toBe(t.id);
    expect(snapshot.counters.find((c) => c.id === 'counter-1')?.serving?.ticketId).toBe(t.id);
  });

  it('[S2] delivery across processes: a call made through B’s HTTP API reaches a /display client on A', async () => {
    const { client: onA } = await display(urlA);
    const t = await issue(urlB, 'pension');
    await act(urlB, 'clerk6', 'counter-6', 'open');
    await act(urlB, 'clerk6', 'counter-6', 'call', { ticketId: t.id });
    const call = await onA.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id);
    expect(call).toMatchObject({ number: t.number, counterId: 'counter-6', counterNumber: 6, recall: false });

    await act(urlB, 'clerk6', 'counter-6', 'recall');
    await onA.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id && c.recall);
  });

  it('[S2] delivery across processes: a tracking page on B follows a ticket that A’s counter calls', async () => {
    await act(urlA, 'clerk1', 'counter-1', 'start'); // end the first test's visit, so counter-1 may call again
    const ahead = await issue(urlA, 'premium-debt');
    const t = await issue(urlB, 'premium-debt');
    const track = openClient(urlB, '/track', { auth: { ticketId: t.id } });
    clients.push(track);
    const first = await track.waitFor<TicketTracking>('ticket:tracking');
    expect(first).toMatchObject({ status: 'waiting', number: t.number });
    expect(first.ahead).toBeGreaterThanOrEqual(1);

    // The place moves on B when A calls the ticket ahead (the throttled refresh, sent across processes).
    await act(urlA, 'clerk1', 'counter-1', 'call', { ticketId: ahead.id });
    const moved = await track.waitFor<TicketTracking>('ticket:tracking', (x) => x.ahead < first.ahead);
    expect(moved.status).toBe('waiting');

    await act(urlA, 'clerk1', 'counter-1', 'start');
    await act(urlA, 'clerk1', 'counter-1', 'call', { ticketId: t.id });
    const called = await track.waitFor<TicketTracking>('ticket:tracking', (x) => x.status === 'called');
    expect(called).toMatchObject({ id: t.id, counterNumber: 1 });
  });

  it('[S2] tickets issued through A and B alternately, and at once, get unique numbers', async () => {
    const one = async (i: number) => issue(i % 2 === 0 ? urlA : urlB, 'insured-record');
    const sequential: IssuedTicket[] = [];
    for (let i = 0; i < 10; i++) sequential.push(await one(i));
    const concurrent = await Promise.all(Array.from({ length: 40 }, (_, i) => one(i)));
    const tickets = [...sequential, ...concurrent];

    const numbers = tickets.map((t) => t.number);
    expect(new Set(numbers).size).toBe(tickets.length);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    // The first of the sub-service today in a fresh store: 3001 onwards with no gap.
    const values = numbers.map(Number).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: tickets.length }, (_, i) => 3001 + i));
    // Issued in turn, the numbers rise in the order of issue whichever process issued them.
    expect(sequential.map((t) => Number(t.number))).toEqual(Array.from({ length: 10 }, (_, i) => 3001 + i));

    for (const url of [urlA, urlB]) {
      const services = await apiOk<{ id: string; waiting: number }[]>(
        url,
        'GET',
        `/api/v1/branches/${DEMO_BRANCH}/services`,
      );
      expect(services.find((s) => s.id === 'insured-record')?.waiting).toBe(tickets.length);
    }
  });

  it('both processes stop cleanly on SIGTERM (exit code 0)', async () => {
    for (const c of clients.splice(0)) c.close();
    const exits = await Promise.all(processes.map((p) => p.stop()));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});
