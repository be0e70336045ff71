// The bare baseline of the displays-at-scale scenario (displays10k-bench.ts): Hono + Socket.IO on one
// HTTP server with the Socket.IO Redis adapter on REDIS_URL, as the real server has it (the same
// adapter package, a publish and a subscribe connection of ioredis, the same ping settings). Two of
// these share one Redis as two Nobat processes do. /display sockets join one room; POST /broadcast
// emits one `ticket:called` of the real payload's shape to that room, which the adapter carries to
// the other process's sockets. Prints {"kind":"ready","url":…}; stops on `stop` or when stdin closes.
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createAdapter } from '@socket.io/redis-adapter';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { Server as IoServer } from 'socket.io';
import { readCommands } from '../support/child.ts';
import { barePayload, say } from './shared.ts';

const redisUrl = process.env.REDIS_URL ?? '';
/** The adapter's channel prefix: not the real servers' ('socket.io'), so the two never hear each other. */
const KEY = process.env.BARE_ADAPTER_KEY ?? 'bare-io';
const LIFETIME_MS = Number(process.env.BENCH_LIFETIME_MS ?? '600000');
export const BARE_ROOM = 'b:bare';

const app = new Hono();
const http = await new Promise<HttpServer>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as HttpServer));
});
// The real server's settings (src/realtime/realtime.ts), so both keep their sockets alike.
const io = new IoServer(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
const pub = new Redis(redisUrl, { lazyConnect: false });
const sub = pub.duplicate();
io.adapter(createAdapter(pub, sub, { key: KEY }));
const display = io.of('/display');
display.on('connection', async (socket) => {
  await socket.join(BARE_ROOM);
});
app.post('/broadcast', async (c) => {
  const { number } = await c.req.json<{ number: string }>();
  // The real `ticket:called` also carries the log version before the call (`since`).
  display.to(BARE_ROOM).emit('ticket:called', { ...barePayload(number), since: 1 });
  return c.json({ ok: true });
});
say({ kind: 'ready', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });

let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await io.close();
  http.closeAllConnections();
  pub.disconnect();
  sub.disconnect();
  process.exit(code);
};
readCommands(
  (word) => {
    if (word === 'stop') void shutdown(0);
  },
  () => void shutdown(0),
);
setTimeout(() => void shutdown(4), LIFETIME_MS).unref();
