// Failed sign-ins are counted across server processes on one Redis: failures through one server
// count at the other, and the wait holds at both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { api } from '../support/socket.ts';

const PASSWORD = 'test-password-1';

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('sign-in throttle on Redis', () => {
  let redis: RedisServer | undefined;
  const servers: RunningServer[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'nobat-throttle-'));

  const start = async () => {
    const server = await createServer(
      readConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: redis?.url,
        NOBAT_DEMO_PASSWORD: PASSWORD,
        NOBAT_DATA_DIR: dir,
        NOBAT_LOGIN_FAILS: '3',
        LOG_LEVEL: 'silent',
      }),
    );
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('failures through one server are counted by the other, and the wait holds at both', async () => {
    const a = await start(); // seeds the demo office
    const b = await start();
    const login = (url: string, password: string) =>
      api<{ error?: { code: string; retryAfterSeconds?: number } }>(url, 'POST', '/api/v1/auth/login', {
        body: { username: 'clerk5', password },
      });
    expect((await login(a, 'wrong-one')).status).toBe(401);
    expect((await login(b, 'wrong-two')).status).toBe(401);
    const third = await login(a, 'wrong-three');
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: 'too-many-attempts', retryAfterSeconds: 900 });
    const atB = await login(b, PASSWORD);
    expect(atB.status).toBe(429);
    expect(atB.body.error?.retryAfterSeconds).toBeGreaterThan(0);

    // The counts are in Redis, under their own prefix.
    const raw = new Redis(redis?.url ?? '');
    try {
      expect((await raw.keys('nobat:login:*')).length).toBeGreaterThan(0);
    } finally {
      raw.disconnect();
    }
  });
});
