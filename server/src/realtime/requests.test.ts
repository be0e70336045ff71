// [RN6] Live inboxes over /requests on a real Socket.IO server (port 0): who may connect and which room
// they are in; a change reaches the branch, the admins and the units it concerns — the one holding the
// request and the one it just left — and no one else; across two servers through the Redis adapter.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUESTS_NAMESPACE, type RequestEvent, type RequestSummary, type SessionUser } from '@nobat/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RedisServer, redisAvailable, startRedisServer } from '../../../tests/support/redis-server.ts';
import { openClient, type RecordingClient, refusal } from '../../../tests/support/socket.ts';
import type { Principal } from '../auth/auth.ts';
import { requestView } from '../domain/requests.ts';
import {
  people,
  RequestLife,
  requestConfig,
  UNIT_LEGAL,
  UNIT_REVENUE,
  UNIT_TECH,
} from '../requests/notices.fixtures.ts';
import { attachRequests, type RequestChangeListener } from './requests.ts';

const T0 = Date.parse('2026-05-10T07:00:00Z');
const config = requestConfig();

const user = (id: string, role: SessionUser['role'], branchId: string | null, unit?: string): SessionUser => ({
  id,
  username: id,
  name: id,
  role,
  branchId,
  ...(role === 'officer' ? { unit: unit ?? null } : {}),
});
/** Sessions by token (the server's Auth resolves the same way: a token, or the session cookie). */
const sessions: Record<string, SessionUser> = {
  'tok-rev': user('o-rev', 'officer', 'b1', UNIT_REVENUE),
  'tok-tech': user('o-tech', 'officer', 'b1', UNIT_TECH),
  'tok-legal': user('o-legal', 'officer', 'b1', UNIT_LEGAL),
  'tok-rev-b2': user('o-x', 'officer', 'b2', UNIT_REVENUE),
  'tok-nounit': user('o-n', 'officer', 'b1'),
  'tok-clerk': user('k1', 'clerk', 'b1'),
  'tok-sv': user('sv', 'supervisor', 'b1'),
  'tok-sv-b2': user('sv2', 'supervisor', 'b2'),
  'tok-admin': user('ad', 'admin', null),
  'tok-first': { ...user('first', 'admin', null), mustChangePassword: true },
};
const auth = {
  async resolve(token: string | undefined): Promise<Principal> {
    const u = token ? sessions[token] : undefined;
    return u ? { kind: 'user', user: u } : { kind: 'anonymous' };
  },
};

/** A Socket.IO server on port 0 with /requests, fed by a change source the test drives. */
async function startServer(adapter?: { pub: Redis; sub: Redis }) {
  const http: HttpServer = createServer();
  const io = new Server(http);
  if (adapter) io.adapter(createAdapter(adapter.pub, adapter.sub));
  const listeners = new Set<RequestChangeListener>();
  const detach = attachRequests(io, {
    auth,
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    io,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    /** What RequestService does after a write: every listener told the view and the events written. */
    tell(life: RequestLife, fresh: RequestEvent[]) {
      const view = requestView(config, life.record, life.now);
      for (const l of listeners) l(view, fresh);
    },
    listeners,
    async close() {
      detach();
      await io.close();
    },
  };
}

const clients: RecordingClient[] = [];
async function connect(url: string, opts: { token?: string; cookie?: string }): Promise<RecordingClient> {
  const c = openClient(url, REQUESTS_NAMESPACE, {
    ...(opts.token ? { auth: { token: opts.token } } : {}),
    ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
  });
  clients.push(c);
  return c.connected();
}
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('[RN6] /requests', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('[RN6] refuses a handshake with no session, a bad one, a one-time password, or an officer with no unit', async () => {
    expect((await refusal(server.url, REQUESTS_NAMESPACE)).code).toBe('unauthenticated');
    expect((await refusal(server.url, REQUESTS_NAMESPACE, { auth: { token: 'nope' } })).code).toBe('unauthenticated');
    expect((await refusal(server.url, REQUESTS_NAMESPACE, { auth: { token: 7 } })).code).toBe('invalid-input');
    expect((await refusal(server.url, REQUESTS_NAMESPACE, { auth: { token: 'tok-first' } })).code).toBe(
      'password-change-required',
    );
    expect((await refusal(server.url, REQUESTS_NAMESPACE, { auth: { token: 'tok-nounit' } })).code).toBe('forbidden');
  });

  it('[RN6] a change reaches the branch, the admins, the unit holding it and the unit it left — no one else', async () => {
    const [rev, tech, legal, revB2, clerk, sv, svB2, admin] = await Promise.all([
      // The browser's way: the session cookie.
      connect(server.url, { cookie: 'nobat_session=tok-rev' }),
      connect(server.url, { token: 'tok-tech' }),
      connect(server.url, { token: 'tok-legal' }),
      connect(server.url, { token: 'tok-rev-b2' }),
      connect(server.url, { token: 'tok-clerk' }),
      connect(server.url, { token: 'tok-sv' }),
      connect(server.url, { token: 'tok-sv-b2' }),
      connect(server.url, { token: 'tok-admin' }),
    ]);
    const everyone = { rev, tech, legal, revB2, clerk, sv, svB2, admin };
    const heard = () =>
      Object.fromEntries(
        Object.entries(everyone).map(([name, c]) => [
          name,
          c.all<RequestSummary>('request:changed').map((s) => `${s.version}:${s.current?.unit ?? s.state}`),
        ]),
      );
    const settle = async (version: number, who: RecordingClient[]) => {
      for (const c of who) await c.waitFor<RequestSummary>('request:changed', (s) => s.version === version);
    };

    const life = new RequestLife(config, T0);
    server.tell(life, life.events); // made: at revenue's inbox
    await settle(1, [rev, clerk, sv, admin]);
    server.tell(life, life.move(people.revenue, { type: 'accept' }));
    await settle(2, [rev, clerk, sv, admin]);
    server.tell(life, life.move(people.revenue, { type: 'complete', note: '' })); // revenue → tech
    await settle(3, [rev, tech, clerk, sv, admin]);
    server.tell(life, life.move(people.tech, { type: 'accept' }));
    server.tell(life, life.move(people.tech, { type: 'forward', unit: UNIT_LEGAL, note: '' })); // tech → legal (same step)
    await settle(5, [tech, legal, clerk, sv, admin]);
    server.tell(life, life.move(people.legal, { type: 'accept' }));
    server.tell(life, life.move(people.legal, { type: 'return', reason: 'ناقص' })); // legal → revenue (step 0)
    await settle(7, [legal, rev, clerk, sv, admin]);
    server.tell(life, life.move(people.revenue, { type: 'accept' }));
    server.tell(life, life.move(people.revenue, { type: 'return', reason: 'مدرک' })); // to the desk
    await settle(9, [rev, clerk, sv, admin]);
    server.tell(life, life.move(people.clerk, { type: 'resubmit', note: '' })); // back to revenue
    await settle(10, [rev, clerk, sv, admin]);

    const branchWide = [
      `1:${UNIT_REVENUE}`,
      `2:${UNIT_REVENUE}`,
      `3:${UNIT_TECH}`,
      `4:${UNIT_TECH}`,
      `5:${UNIT_LEGAL}`,
      `6:${UNIT_LEGAL}`,
      `7:${UNIT_REVENUE}`,
      `8:${UNIT_REVENUE}`,
      '9:returned',
      `10:${UNIT_REVENUE}`,
    ];
    expect(heard()).toEqual({
      rev: [branchWide[0], branchWide[1], branchWide[2], branchWide[6], branchWide[7], branchWide[8], branchWide[9]],
      tech: [branchWide[2], branchWide[3], branchWide[4]],
      legal: [branchWide[4], branchWide[5], branchWide[6]],
      revB2: [],
      clerk: branchWide,
      sv: branchWide,
      svB2: [],
      admin: branchWide,
    });
    // What goes out is the summary: no history, documents or notes.
    const last = admin.all<Record<string, unknown>>('request:changed').at(-1) ?? {};
    expect(Object.keys(last).sort()).toEqual(
      [
        'id',
        'code',
        'branchId',
        'serviceId',
        'serviceTitle',
        'applicantName',
        'state',
        'current',
        'createdAt',
        'promisedDate',
        'version',
      ].sort(),
    );
  });
});

describe.skipIf(!redisAvailable())('[RN6] /requests across two servers on one Redis', () => {
  let redis: RedisServer;
  const conns: Redis[] = [];
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const c of conns) c.disconnect();
    await redis?.stop();
  });
  const adapter = () => {
    const pub = new Redis(redis.url);
    const sub = new Redis(redis.url);
    conns.push(pub, sub);
    return { pub, sub };
  };

  it('[RN6] a move written on server A reaches the inbox of an officer connected to server B, once', async () => {
    const a = await startServer(adapter());
    const b = await startServer(adapter());
    servers.push(a, b);
    const tech = await connect(b.url, { token: 'tok-tech' });
    const admin = await connect(b.url, { token: 'tok-admin' });
    // Wait for the adapters, not the clock: once A sees B's two sockets through Redis, B answers on its
    // channels, so its subscriptions (made before, on the same connection) are in place.
    await vi.waitFor(async () => expect(await a.io.of(REQUESTS_NAMESPACE).fetchSockets()).toHaveLength(2), {
      timeout: 10_000,
    });
    const life = new RequestLife(config, T0);
    life.move(people.revenue, { type: 'accept' });
    a.tell(life, life.move(people.revenue, { type: 'complete', note: '' }));
    const got = await tech.waitFor<RequestSummary>('request:changed', (s) => s.version === 3, { timeoutMs: 10_000 });
    expect(got.current).toMatchObject({ unit: UNIT_TECH, title: 'بازدید فنی', status: 'pending' });
    await admin.waitFor<RequestSummary>('request:changed', (s) => s.version === 3, { timeoutMs: 10_000 });
    // Only A's service wrote it, so only A told it: B's own listeners stayed silent, nothing doubled.
    expect(tech.all('request:changed')).toHaveLength(1);
    expect(admin.all('request:changed')).toHaveLength(1);
  });
});
