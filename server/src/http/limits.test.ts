// What one client may cost: request bodies are limited by route and refused while they arrive (never
// read in full), clients that trickle their headers or body are cut off, and one address may hold only
// so many connections. A real server on port 0, raw sockets; the tests wait for events, not for time.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createServer, type RunningServer } from '../server.ts';
import { createHttpHarness } from '../testing/http-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'nobat-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: RunningServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  const server = await createServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: mkdtempSync(join(dir, 'data-')),
      NOBAT_DEMO: 'off',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  running.push(server);
  return server;
}

/** A raw connection that records what it receives and when it is closed. */
function rawSocket(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => {}); // a reset is one way of being cut off
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  /** Resolves with what was received once it holds a whole response head (and `bodyTo`, if given). */
  const response = (until: RegExp = /\r\n\r\n/) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (until.test(received)) {
          socket.off('data', check);
          resolve(received);
        }
      };
      socket.on('data', check);
      socket.once('close', () => (until.test(received) ? resolve(received) : reject(new Error(`closed: ${received}`))));
      check();
    });
  return { socket, connected, closed, response, received: () => received };
}

const loginHead = (extra: string) =>
  `POST /api/v1/auth/login HTTP/1.1\r\nHost: nobat\r\nContent-Type: application/json\r\n${extra}\r\n`;

/** Writes a little every 50 ms until the server closes the connection (a slow client). */
async function trickleUntilClosed(c: ReturnType<typeof rawSocket>, next: () => string): Promise<void> {
  const trickle = setInterval(() => {
    if (!c.socket.destroyed) c.socket.write(next());
  }, 50);
  try {
    await c.closed;
  } finally {
    clearInterval(trickle);
  }
}

describe('request bodies', () => {
  it('a sign-in announcing 50 MB is answered 413 at once, without the body being sent, and the server goes on', async () => {
    const server = await start();
    const c = rawSocket(server.port);
    await c.connected;
    c.socket.write(loginHead(`Content-Length: ${50 * 1024 * 1024}\r\n`));
    c.socket.write('{"username":"admin","password":"'); // and nothing more
    const answer = await c.response(/"code":"payload-too-large"/);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    const body = JSON.parse(Buffer.from(answer.slice(answer.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8'));
    expect(body).toEqual({
      error: {
        code: 'payload-too-large',
        message: { fa: 'حجم درخواست بیش از حد مجاز است.', en: 'The request body is too large.' },
      },
    });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('a streamed sign-in body (no length given) is cut once it passes 4 KB, while still streaming', async () => {
    const server = await start();
    const c = rawSocket(server.port);
    await c.connected;
    c.socket.write(loginHead('Transfer-Encoding: chunked\r\n'));
    // Keep streaming until the answer comes: the server must answer without waiting for the end.
    const chunk = 'x'.repeat(1024);
    const stream = setInterval(() => {
      if (!c.socket.destroyed) c.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }, 5);
    try {
      const answer = await c.response(/"code":"payload-too-large"/);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    } finally {
      clearInterval(stream);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('a body under the limit is read whether its length is declared or it is streamed in chunks', async () => {
    const server = await start();
    const body = JSON.stringify({ username: 'nobody', password: 'not-the-password' });
    const declared = rawSocket(server.port);
    await declared.connected;
    declared.socket.write(`${loginHead(`Content-Length: ${Buffer.byteLength(body)}\r\n`)}${body}`);
    // Read and judged: a wrong password, not an unreadable or oversized body.
    expect(await declared.response(/"code":"[a-z-]+"/)).toMatch(/^HTTP\/1\.1 401 [\s\S]*"code":"bad-credentials"/);
    const chunked = rawSocket(server.port);
    await chunked.connected;
    const half = Math.floor(body.length / 2);
    const chunks = [body.slice(0, half), body.slice(half)].map(
      (p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`,
    );
    chunked.socket.write(`${loginHead('Transfer-Encoding: chunked\r\n')}${chunks.join('')}0\r\n\r\n`);
    expect(await chunked.response(/"code":"[a-z-]+"/)).toMatch(/^HTTP\/1\.1 401 [\s\S]*"code":"bad-credentials"/);
  });

  it('each route group has its limit: sign-in 4 KB, tickets and counters 16 KB, administration 1 MB', async () => {
    const h = await createHttpHarness();
    try {
      const send = (method: string, path: string, bytes: number) =>
        h.request(method, path, { as: 'admin', raw: JSON.stringify({ pad: 'x'.repeat(bytes) }) });
      expect((await send('POST', '/api/v1/auth/login', 3 * 1024)).status).toBe(400); // read, then refused as invalid
      expect((await send('POST', '/api/v1/auth/login', 5 * 1024)).status).toBe(413);
      expect((await send('POST', '/api/v1/counters/counter-1/transfer', 12 * 1024)).status).not.toBe(413);
      expect((await send('POST', '/api/v1/counters/counter-1/transfer', 17 * 1024)).status).toBe(413);
      expect((await send('POST', '/api/v1/branches/b/tickets', 17 * 1024)).status).toBe(413);
      expect((await send('POST', '/api/v1/admin/branches', 900 * 1024)).status).toBe(400);
      const big = await send('POST', '/api/v1/admin/branches', 1100 * 1024);
      expect(big.status).toBe(413);
      expect(big.body.error.code).toBe('payload-too-large');
    } finally {
      await h.close();
    }
  });
});

describe('slow clients', () => {
  it('headers trickled one line at a time are cut off after NOBAT_HEADERS_TIMEOUT_MS', async () => {
    const server = await start({ NOBAT_HEADERS_TIMEOUT_MS: '300', NOBAT_REQUEST_TIMEOUT_MS: '600' });
    const c = rawSocket(server.port);
    await c.connected;
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: nobat\r\n');
    let n = 0;
    await trickleUntilClosed(c, () => `X-Slow-${n++}: 1\r\n`);
    expect(c.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
    expect(c.received()).not.toContain('"status":"ok"');
  });

  it('a body trickled a byte at a time is cut off after NOBAT_REQUEST_TIMEOUT_MS', async () => {
    const server = await start({ NOBAT_HEADERS_TIMEOUT_MS: '300', NOBAT_REQUEST_TIMEOUT_MS: '600' });
    const c = rawSocket(server.port);
    await c.connected;
    c.socket.write(loginHead('Content-Length: 1000\r\n'));
    await trickleUntilClosed(c, () => 'x');
    expect(c.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('refuses a headers timeout longer than the request timeout, naming the variable', () => {
    expect(() => readConfig({ NOBAT_HEADERS_TIMEOUT_MS: '5000', NOBAT_REQUEST_TIMEOUT_MS: '1000' })).toThrow(
      /NOBAT_HEADERS_TIMEOUT_MS: must not be longer than NOBAT_REQUEST_TIMEOUT_MS/,
    );
  });
});

describe('connections per address', () => {
  const get = (c: ReturnType<typeof rawSocket>) => {
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: nobat\r\n\r\n');
    return c.response(/"status":"ok"/);
  };

  it('one more than NOBAT_MAX_CONN_PER_IP is closed at once; the others go on, and a freed place is taken again', async () => {
    const server = await start({ NOBAT_MAX_CONN_PER_IP: '3' });
    const held = [rawSocket(server.port), rawSocket(server.port), rawSocket(server.port)];
    // Each answered once: the server has accepted all three before the fourth comes.
    for (const c of held) expect(await get(c)).toMatch(/^HTTP\/1\.1 200 /);
    const extra = rawSocket(server.port);
    await extra.closed;
    expect(extra.received()).toBe('');
    for (const c of held) expect(await get(c)).toMatch(/^HTTP\/1\.1 200 /);

    held[0]?.socket.destroy();
    await held[0]?.closed;
    // The server sees the close a moment after the client: try until the place is free again.
    for (;;) {
      const again = rawSocket(server.port);
      const outcome = await Promise.race([
        get(again).then(() => 'served' as const),
        again.closed.then(() => 'closed' as const),
      ]);
      if (outcome === 'served') break;
    }
  });

  it('0 means no cap; the default leaves room for an office behind one address', async () => {
    expect(readConfig({}).NOBAT_MAX_CONN_PER_IP).toBe(1000);
    const server = await start({ NOBAT_MAX_CONN_PER_IP: '0' });
    const many = Array.from({ length: 20 }, () => rawSocket(server.port));
    for (const c of many) expect(await get(c)).toMatch(/^HTTP\/1\.1 200 /);
  });
});
