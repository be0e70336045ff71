// Redis going away under a running server: commands answer 503 store-unavailable and write nothing,
// /healthz says so, the outage is logged once (not at every reconnect attempt), the server carries on
// by itself when Redis is back (ticket numbers continue), and it stops cleanly while Redis is down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssuedTicket } from '@nobat/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { createServer } from '../../server/src/server.ts';
import { DEMO_DEVICE_KEY, demoToken } from '../support/demo-server.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { api, issueTicket, openClient, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'test-password-1';
const kioskToken = demoToken('kiosk-1');
const bridgeToken = demoToken('bridge-1');
const SERVICE = 'premium-list';

const issuePath = `/api/v1/branches/${DEMO_BRANCH}/tickets`;
const numberOf = (t: IssuedTicket) => Number(t.number.replace(/\D/g, ''));

/** Polls /healthz until it answers `status` (the server reconnects at its own pace). */
async function healthBecomes(url: string, status: number): Promise<unknown> {
  for (;;) {
    const r = await api(url, 'GET', '/healthz').catch(() => undefined);
    if (r?.status === status) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The server's pino lines (JSON) whose msg is `msg`. */
function logLines(server: ServerProcess, msg: string): Record<string, unknown>[] {
  return server
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg);
}

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('Redis going away', () => {
  const dirs: string[] = [];
  const clients: RecordingClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = (name: string) => {
    const d = mkdtempSync(join(tmpdir(), `nobat-${name}-`));
    dirs.push(d);
    return d;
  };

  describe('stopped and started again (a server process)', () => {
    let redis: RedisServer | undefined;
    let server: ServerProcess | undefined;
    let url = '';
    const redisDir = tempDir('redis-outage');

    beforeAll(async () => {
      redis = await startRedisServer({ dir: redisDir });
      server = startServerProcess('server on redis', {
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: redis.url,
        NOBAT_DEMO_PASSWORD: PASSWORD,
        NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
        LOG_LEVEL: 'info',
      });
      url = (await server.url()).replace('//localhost:', '//127.0.0.1:');
    });
    afterAll(async () => {
      await server?.stop();
      await redis?.stop();
    });

    it('answers 503 while Redis is down, and carries on by itself when it is back', async () => {
      if (!redis || !server) throw new Error('not started');
      const proc = server;
      const first = await issueTicket(url, kioskToken, SERVICE);
      const bridge = openClient(url, '/bridge', { auth: { token: bridgeToken } });
      clients.push(bridge);
      await bridge.connected();

      await redis.stop();
      const refused = await api<{ error: { code: string; message: { fa: string; en: string } } }>(
        url,
        'POST',
        issuePath,
        {
          token: kioskToken,
          body: { serviceId: SERVICE },
        },
      );
      expect(refused.status).toBe(503);
      expect(refused.body.error).toEqual({
        code: 'store-unavailable',
        message: { fa: expect.stringContaining('در دسترس نیست'), en: expect.stringContaining('unavailable') },
      });
      const health = await api(url, 'GET', '/healthz');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'unavailable',
        store: 'redis',
        error: { code: 'store-unavailable' },
      });
      // A socket request is answered the same way (the keypad's "next" at a counter the bridge owns).
      const press = await bridge.request<{ error?: { code: string } }>('keypad:press', {
        counterId: 'counter-1',
        key: 'next',
      });
      expect(press.error?.code).toBe('store-unavailable');
      // Reconnect attempts go on meanwhile; give them time to be (not) logged.
      await new Promise((resolve) => setTimeout(resolve, 1500));

      redis = await startRedisServer({ port: redis.port, dir: redisDir });
      expect(await healthBecomes(url, 200)).toEqual({
        status: 'ok',
        store: 'redis',
        checks: { live: 'up', history: 'up', 'redis-limits': 'up', 'redis-pubsub': 'up' },
      });
      const next = await issueTicket(url, kioskToken, SERVICE);
      // Nothing was written by the refused command: the numbering goes straight on.
      expect(numberOf(next)).toBe(numberOf(first) + 1);
      const pressed = await bridge.request<{ error?: { code: string } }>('keypad:press', {
        counterId: 'counter-1',
        key: 'next',
      });
      expect(pressed.error?.code).toBe('counter-closed'); // answered from the store again

      // Once per connection that noticed, when it went away and when it came back; not per retry.
      const down = logLines(server, 'redis unavailable; reconnecting');
      expect(down.length).toBeGreaterThanOrEqual(1);
      const connections = ['store', 'socket.io pub', 'socket.io sub', 'limits'];
      for (const l of down) expect(connections).toContain(l.redis);
      expect(new Set(down.map((l) => l.redis)).size).toBe(down.length);
      // Each connection reconnects on its own backoff: the store may be back before the adapter's.
      await expect
        .poll(
          () =>
            logLines(proc, 'redis reachable again')
              .map((l) => l.redis)
              .sort(),
          { timeout: 30_000 },
        )
        .toEqual(down.map((l) => l.redis).sort());
      expect(server.stderr()).not.toMatch(/Unhandled error event|MaxRetriesPerRequestError/);
    });

    it('stops cleanly (exit code 0) while Redis is down', async () => {
      if (!redis || !server) throw new Error('not started');
      await redis.stop();
      await healthBecomes(url, 503);
      const exit = await server.stop();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(server.stderr()).not.toMatch(/Unhandled|MaxRetriesPerRequestError/);
    });
  });

  describe('hanging (SIGSTOP), in this process', () => {
    it('answers 503 once commands time out, and close() resolves with no unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const redis = await startRedisServer();
      let stopped = false;
      try {
        const server = await createServer(
          readConfig({
            PORT: '0',
            HOST: '127.0.0.1',
            REDIS_URL: redis.url,
            NOBAT_DEMO_PASSWORD: PASSWORD,
            NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
            NOBAT_REDIS_TIMEOUT_MS: '300',
            NOBAT_DATA_DIR: tempDir('redis-hang'),
            LOG_LEVEL: 'silent',
          }),
        );
        const url = `http://127.0.0.1:${server.port}`;
        await issueTicket(url, kioskToken, SERVICE);
        const display = openClient(url, '/display', { auth: { branchId: DEMO_BRANCH } });
        clients.push(display);
        await display.connected();

        redis.signal('SIGSTOP');
        stopped = true;
        const refused = await api<{ error: { code: string } }>(url, 'POST', issuePath, {
          token: kioskToken,
          body: { serviceId: SERVICE },
        });
        expect(refused.status).toBe(503);
        expect(refused.body.error.code).toBe('store-unavailable');
        expect((await api(url, 'GET', '/healthz')).status).toBe(503);
        // A screen connecting now cannot get its snapshot: its transport is closed (it reconnects),
        // rather than the failure ending the process.
        const late = openClient(url, '/display', { auth: { branchId: DEMO_BRANCH } });
        clients.push(late);
        await Promise.race([late.waitFor('disconnect'), late.waitFor('connect_error')]);
        expect(late.all('snapshot')).toEqual([]);

        await server.close();
        // Let any stray rejection surface before looking.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
        if (stopped) redis.signal('SIGCONT');
        await redis.stop();
      }
    });
  });
});
