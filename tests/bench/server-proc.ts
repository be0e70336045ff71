// A bare baseline, in its own process so it never shares an event loop with the load generator (the
// real server is the build `npm start` runs, started by targets.ts). BENCH_MODE picks what runs:
//   hono  — a bare Hono app on @hono/node-server answering the ticket path with a small JSON reply;
//   io    — a bare Hono app with Socket.IO on the same HTTP server: /display sockets join a room and
//           POST /broadcast emits one `ticket:called` to that room.
// It prints one JSON line {"kind":"ready","url":…} and stops (closing cleanly, so a --cpu-prof
// profile is written) when its stdin says `stop` or closes.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Server as IoServer } from 'socket.io';
import { readCommands } from '../support/child.ts';
import { barePayload, say } from './shared.ts';

const mode = process.env.BENCH_MODE ?? 'hono';
const LIFETIME_MS = 240_000;

function listen(app: Hono): Promise<HttpServer> {
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as HttpServer));
  });
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

const start = mode === 'io' ? startIo : startHono;
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
  },
  () => void shutdown(0),
);
// Never outlive a bench that lost track of us.
setTimeout(() => void shutdown(4), LIFETIME_MS).unref();
