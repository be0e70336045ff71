// A bare baseline, in its own process so it never shares an event loop with the load generator (the
// real server is the build `npm start` runs, started by targets.ts). BENCH_MODE picks what runs:
//   real  — the Nobat server in this process (createServer, from source), for the memory scenario,
//           which asks it for its heap (`heap`) and to let quiet days go (`release`);
//   hono  — a bare Hono app on @hono/node-server answering the ticket path with a small JSON reply;
//   io    — a bare Hono app with Socket.IO on the same HTTP server: /display sockets join a room and
//           POST /broadcast emits one `ticket:called` to that room.
// It prints one JSON line {"kind":"ready","url":…} and stops (closing cleanly, so a --cpu-prof
// profile is written) when its stdin says `stop` or closes.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Server as IoServer } from 'socket.io';
import { readConfig } from '../../server/src/config.ts';
import { createServer } from '../../server/src/server.ts';
import { readCommands } from '../support/child.ts';
import { BENCH_DEVICE_KEY, BENCH_PASSWORD, barePayload, say } from './shared.ts';

const mode = process.env.BENCH_MODE ?? 'hono';
const LIFETIME_MS = Number(process.env.BENCH_LIFETIME_MS ?? '240000');

function listen(app: Hono): Promise<HttpServer> {
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as HttpServer));
  });
}

async function startReal(): Promise<() => Promise<void>> {
  // BENCH_DATA_DIR: a data directory prepared before (the history scenario's), kept afterwards.
  const kept = process.env.BENCH_DATA_DIR;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'nobat-bench-'));
  const server = await createServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: dataDir,
      NOBAT_DEMO_PASSWORD: BENCH_PASSWORD,
      NOBAT_DEMO_DEVICE_KEY: BENCH_DEVICE_KEY,
      // The province bench asks for errors (they reach the runner's tail of this process's output).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      NOBAT_KIOSK_RATE: '100000000',
      NOBAT_MAX_CONN_PER_IP: '0', // thousands of display sockets from this one address
      REDIS_URL: process.env.REDIS_URL,
      DATABASE_URL: process.env.DATABASE_URL,
    }),
  );
  say({ kind: 'ready', url: `http://127.0.0.1:${server.port}`, pid: process.pid });
  real = server;
  return async () => {
    await server.close();
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
  };
}

async function startHono(): Promise<() => Promise<void>> {
  const app = new Hono();
  let n = 0;
  app.post('/api/v1/branches/:branchId/tickets', async (c) => {
    const body = await c.req.json<{ serviceId?: string }>();
    n++;
    return c.json({ id: `${c.req.param('branchId')}~${n}`, number: String(n), serviceId: body.serviceId ?? '' }, 201);
  });
  const http = await listen(app);
  say({ kind: 'ready', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  return () => closeHttp(http);
}

async function startIo(): Promise<() => Promise<void>> {
  const app = new Hono();
  const http = await listen(app);
  const io = new IoServer(http, { serveClient: false });
  const display = io.of('/display');
  display.on('connection', async (socket) => {
    await socket.join('b:bare');
  });
  app.post('/broadcast', async (c) => {
    const { number } = await c.req.json<{ number: string }>();
    display.to('b:bare').emit('ticket:called', barePayload(number));
    return c.json({ ok: true });
  });
  say({ kind: 'ready', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  return async () => {
    await io.close();
    await closeHttp(http);
  };
}

function closeHttp(http: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}

/** The real server, for the memory scenario's `heap` and `release` commands. */
let real: Awaited<ReturnType<typeof createServer>> | undefined;

/** After a full collection (the process runs with --expose-gc): the heap, RSS and days held. */
function heap(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  say({ kind: 'heap', heapUsed: m.heapUsed, rss: m.rss, collected: gc !== undefined, held: real?.queue.held() });
}

const start = mode === 'hono' ? startHono : mode === 'io' ? startIo : startReal;
const stop = await start();
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await stop().catch((error: unknown) => process.stderr.write(`close failed: ${String(error)}\n`));
  // process.exit writes the --cpu-prof profile.
  process.exit(code);
};
readCommands(
  (word) => {
    if (word === 'stop') void shutdown(0);
    else if (word === 'heap') heap();
    // [MEM1] Every quiet day let go now, whatever its idle time.
    else if (word === 'release') say({ kind: 'released', branches: real?.queue.releaseIdle(0).length ?? 0 });
  },
  () => void shutdown(0),
);
// Never outlive a bench that lost track of us.
setTimeout(() => void shutdown(4), LIFETIME_MS).unref();
