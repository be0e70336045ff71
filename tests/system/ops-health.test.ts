// [OP1][OP2] Liveness and readiness against real stores made unavailable: a server on Redis (live store,
// rate limits, Socket.IO fan-out) whose redis-server is stopped, and a server whose PostgreSQL history
// database is dropped. /readyz (and /healthz) answer 503 naming what is down while /livez stays 200,
// nobat_store_up says the same, and both come back to 200 by themselves when the store is back.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { cleanupsAfterAll } from '../support/cleanup.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '../support/postgres.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { api } from '../support/socket.ts';

const PASSWORD = 'test-password-1';
const cleanups = cleanupsAfterAll();
const tempDir = cleanups.tempDir;

async function start(env: Record<string, string>): Promise<RunningServer> {
  const server = await createServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: tempDir('ops-health'),
      NOBAT_DEMO_PASSWORD: PASSWORD,
      NOBAT_REDIS_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  cleanups.add(() => server.close());
  return server;
}

interface Ready {
  status: string;
  checks: Record<string, string>;
  down?: string[];
  error?: { code: string };
}

/** Asks /readyz until it answers `status` (the server reconnects at its own pace); resolves with the answer. */
async function readyBecomes(url: string, status: number): Promise<Ready> {
  for (;;) {
    const r = await api<Ready>(url, 'GET', '/readyz');
    if (r.status === status) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The nobat_store_up samples of the server's /metrics (loopback, no token). */
async function storesUp(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const up: Record<string, number> = {};
  for (const m of text.matchAll(/^nobat_store_up\{store="([^"]+)"\} (\d+)$/gm)) up[m[1] as string] = Number(m[2]);
  return up;
}

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('readiness on Redis', () => {
  it('[OP2] answers 503 naming the live store and both Redis connections while redis-server is stopped, then 200', async () => {
    const redisDir = tempDir('ops-redis');
    let redis: RedisServer = await startRedisServer({ dir: redisDir });
    cleanups.add(() => redis.stop());
    const server = await start({ REDIS_URL: redis.url });
    const url = server.url.replace('//localhost:', '//127.0.0.1:');
    const allUp = { live: 'up', history: 'up', 'redis-limits': 'up', 'redis-pubsub': 'up' };
    expect(await readyBecomes(url, 200)).toEqual({ status: 'ok', store: 'redis', checks: allUp });

    await redis.stop();
    const down = await readyBecomes(url, 503);
    expect(down).toMatchObject({
      status: 'unavailable',
      checks: { live: 'down', history: 'up', 'redis-limits': 'down', 'redis-pubsub': 'down' },
      down: ['live', 'redis-limits', 'redis-pubsub'],
      error: { code: 'store-unavailable' },
    });
    expect((await api(url, 'GET', '/healthz')).status).toBe(503);
    // [OP1] The process is alive all the same: an orchestrator must not restart it for Redis's outage.
    const live = await api(url, 'GET', '/livez');
    expect(live).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await storesUp(url)).toEqual({ live: 0, history: 1, 'redis-limits': 0, 'redis-pubsub': 0 });

    redis = await startRedisServer({ port: redis.port, dir: redisDir });
    expect(await readyBecomes(url, 200)).toEqual({ status: 'ok', store: 'redis', checks: allUp });
    expect(await storesUp(url)).toEqual({ live: 1, history: 1, 'redis-limits': 1, 'redis-pubsub': 1 });
  });
});

describe.skipIf(!requireOrSkip('PostgreSQL', await postgresAvailable()))('readiness with a PostgreSQL history', () => {
  it('[OP2] answers 503 naming the history while its database is gone, then 200 once it is back', async () => {
    const db: TestDatabase = await createTestDatabase('ops_health');
    cleanups.add(() => db.drop());
    const server = await start({ DATABASE_URL: db.url });
    const url = server.url.replace('//localhost:', '//127.0.0.1:');
    expect(await readyBecomes(url, 200)).toEqual({
      status: 'ok',
      store: 'sqlite',
      checks: { live: 'up', history: 'up' },
    });

    await db.drop(); // its connections terminated, the database gone
    expect(await readyBecomes(url, 503)).toMatchObject({
      status: 'unavailable',
      checks: { live: 'up', history: 'down' },
      down: ['history'],
    });
    expect((await api(url, 'GET', '/livez')).status).toBe(200);
    expect(await storesUp(url)).toEqual({ live: 1, history: 0 });

    const admin = new pg.Client({
      connectionString: process.env.NOBAT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${db.name}`);
    } finally {
      await admin.end();
    }
    expect(await readyBecomes(url, 200)).toEqual({
      status: 'ok',
      store: 'sqlite',
      checks: { live: 'up', history: 'up' },
    });
  });
});
