// [S9][S10][S12] Two server instances on one Redis topology — one Redis, a 3-master Cluster, a
// Sentinel set — each reaching it only through REDIS_URL: a call made through one reaches a display
// connected to the other (the Socket.IO adapter; sharded on the Cluster), and the rate limits and
// the sign-in throttle are counted once for both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallPayload, DisplaySnapshot } from '@nobat/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { redisClusterAvailable, startRedisCluster } from '../support/redis-cluster.ts';
import { startRedisSentinelSet } from '../support/redis-sentinel.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import {
  api,
  connectWithSnapshot,
  counterAction,
  issueTicket,
  login,
  type RecordingClient,
} from '../support/socket.ts';

const PASSWORD = 'test-password-1';

interface Topology {
  url: string;
  stop(): Promise<void>;
  /** On a Cluster: the Socket.IO channels subscribed as sharded channels ([S10]), over every node. */
  shardChannels?: () => Promise<string[]>;
}

const topologies: [string, () => Promise<Topology>][] = [
  ['one Redis', () => startRedisServer()],
  [
    'a 3-master Cluster',
    async () => {
      const cluster = await startRedisCluster(3);
      const shardChannels = async () => {
        const all: string[] = [];
        for (const node of cluster.nodes) {
          const raw = new Redis(node.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
          try {
            all.push(...((await raw.call('PUBSUB', 'SHARDCHANNELS', 'socket.io*')) as string[]));
          } finally {
            raw.disconnect();
          }
        }
        return all;
      };
      return { url: cluster.url, stop: () => cluster.stop(), shardChannels };
    },
  ],
  ['a Sentinel set', () => startRedisSentinelSet({ replicas: 1 })],
];

describe.skipIf(!requireOrSkip('redis-server and redis-cli', redisClusterAvailable()))(
  '[S9][S10][S12] two servers on Redis topologies',
  () => {
    describe.each(topologies)('on %s', (_name, startTopology) => {
      let topology: Topology | undefined;
      const servers: RunningServer[] = [];
      const clients: RecordingClient[] = [];
      const dir = mkdtempSync(join(tmpdir(), 'nobat-topology-'));
      let a = '';
      let b = '';

      const start = async () => {
        const server = await createServer(
          readConfig({
            PORT: '0',
            HOST: '127.0.0.1',
            REDIS_URL: topology?.url,
            NOBAT_DEMO_PASSWORD: PASSWORD,
            NOBAT_DATA_DIR: dir,
            NOBAT_WEB_RATE: '4',
            NOBAT_LOGIN_FAILS: '3',
            LOG_LEVEL: 'silent',
          }),
        );
        servers.push(server);
        return `http://127.0.0.1:${server.port}`;
      };

      beforeAll(async () => {
        topology = await startTopology();
        a = await start(); // seeds the demo office
        b = await start();
      }, 60_000);
      afterAll(async () => {
        for (const c of clients.splice(0)) c.close();
        await Promise.all(servers.map((s) => s.close()));
        await topology?.stop();
        rmSync(dir, { recursive: true, force: true });
      });

      it('[S9][S10] a call made through one server reaches a display connected to the other', async () => {
        const { client: onB } = await connectWithSnapshot<DisplaySnapshot>(b, '/display', {
          auth: { branchId: DEMO_BRANCH },
        });
        clients.push(onB);
        const clerk = await login(a, 'clerk1', PASSWORD);
        const t = await issueTicket(a, clerk, 'premium-list');
        await counterAction(a, clerk, 'counter-1', 'open');
        await counterAction(a, clerk, 'counter-1', 'call', { ticketId: t.id });
        const call = await onB.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id);
        expect(call).toMatchObject({ number: t.number, counterId: 'counter-1' });
        // On the Cluster the adapter is the sharded one: its channels are shard channels, on several nodes.
        if (topology?.shardChannels) {
          const channels = await topology.shardChannels();
          expect(channels.some((c) => c.startsWith('socket.io#/display#'))).toBe(true);
        }
      });

      it('[S12] anonymous web tickets from one address are limited once for both servers', async () => {
        const issue = (url: string) =>
          api<{ error?: unknown }>(url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
            body: { serviceId: 'pension' },
          });
        // NOBAT_WEB_RATE=4 a minute: two through each server, then neither takes a fifth.
        for (const url of [a, b, a, b]) expect((await issue(url)).status).toBe(201);
        for (const url of [a, b]) {
          const refused = await issue(url);
          expect(refused.status).toBe(429);
          expect(refused.body.error).toEqual({
            code: 'rate-limited',
            message: { fa: expect.any(String), en: 'Too many requests; please try again shortly.' },
          });
        }
      });

      it('[L3][S12] failed sign-ins through one server count at the other', async () => {
        const attempt = (url: string, password: string) =>
          api<{ error?: { code: string } }>(url, 'POST', '/api/v1/auth/login', {
            body: { username: 'clerk5', password },
          });
        expect((await attempt(a, 'wrong-one')).status).toBe(401);
        expect((await attempt(b, 'wrong-two')).status).toBe(401);
        expect((await attempt(a, 'wrong-three')).body.error?.code).toBe('too-many-attempts');
        expect((await attempt(b, PASSWORD)).status).toBe(429);
      });
    });
  },
);
