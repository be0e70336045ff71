// The typed REST client and its retries against a real HTTP server (node:http on port 0) whose
// answers each test sets: what is sent (method, path, query, token, body), how answers are parsed,
// and every kind of failure as an ApiError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, createRestClient, path } from './rest.ts';
import { withRetries } from './retry.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
/** How the server answers the next requests, in order (the last one again when they run out). */
let answers: ((res: ServerResponse) => void)[] = [];

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      answer?.(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  answers = [json(200, { ok: true })];
});

const Thing = z.object({ id: z.string(), count: z.number() });

describe('createRestClient', () => {
  it('GETs a path with its parts encoded and its query, and parses the answer with the schema', async () => {
    answers = [json(200, { id: 'a', count: 2, extra: 'dropped' })];
    const rest = createRestClient({ baseUrl: base });
    const got = await rest.get(Thing, path('/api/v1/things', 'a b/c'), {
      query: { day: '1405-09-11', n: 3, x: undefined },
    });
    expect(got).toEqual({ id: 'a', count: 2 });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/things/a%20b%2Fc?day=1405-09-11&n=3' });
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('sends a JSON body, and the token as a bearer token (a fixed one, or one read at each request)', async () => {
    let token = 'first';
    const rest = createRestClient({ baseUrl: base, token: () => token });
    await rest.post(z.object({ ok: z.boolean() }), '/p', { name: 'نوبت' });
    token = 'second';
    await rest.put(z.unknown(), '/p', [1]);
    await createRestClient({ baseUrl: base, token: 'fixed' }).delete(z.unknown(), '/p');
    expect(seen.map((s) => [s.method, s.headers.authorization, s.headers['content-type'], s.body])).toEqual([
      ['POST', 'Bearer first', 'application/json', '{"name":"نوبت"}'],
      ['PUT', 'Bearer second', 'application/json', '[1]'],
      ['DELETE', 'Bearer fixed', undefined, ''],
    ]);
  });

  it('a refusal is an ApiError with the server’s words, its field issues, the wait and the conflict', async () => {
    answers = [
      json(400, {
        error: {
          code: 'invalid-input',
          message: { fa: 'ورودی نادرست است.', en: 'Invalid input.' },
          issues: [
            { path: 'services.0.dailyCap', message: 'Too big' },
            { path: 'services.1.title', message: 'Required' },
          ],
        },
      }),
      json(429, {
        error: { code: 'too-many-attempts', message: { fa: 'صبر کنید.', en: 'Wait.' }, retryAfterSeconds: 30 },
      }),
      json(409, {
        error: {
          code: 'version-conflict',
          message: { fa: 'تغییر کرده است.', en: 'Changed.' },
          conflict: { version: 7, changed: { by: { id: 'u1', name: 'مریم' }, at: '2026-12-02T08:00:00Z' } },
        },
      }),
    ];
    const rest = createRestClient({ baseUrl: base });
    const bad = await rest.post(Thing, '/x', {}).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    const e = bad as ApiError;
    expect([e.status, e.code, e.text.fa, e.message]).toEqual([
      400,
      'invalid-input',
      'ورودی نادرست است.',
      'Invalid input.',
    ]);
    expect(e.issuesAt('services.0').map((i) => i.path)).toEqual(['services.0.dailyCap']);
    expect(e.issuesAt('services')).toHaveLength(2);
    expect(e.issuesAt('service')).toEqual([]);
    const wait = (await rest.get(Thing, '/x').catch((x: unknown) => x)) as ApiError;
    expect([wait.status, wait.retryAfterSeconds]).toEqual([429, 30]);
    const conflict = (await rest.put(Thing, '/x', {}).catch((x: unknown) => x)) as ApiError;
    expect(conflict.conflict).toEqual({
      version: 7,
      changed: { by: { id: 'u1', name: 'مریم' }, at: '2026-12-02T08:00:00Z' },
    });
  });

  it('a failure without the protocol’s error body is named by its status; a 401 is a lost session', async () => {
    answers = [
      (res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<h1>Bad gateway</h1>');
      },
      json(401, { error: { code: 'unauthenticated', message: { fa: 'وارد شوید.', en: 'Sign in.' } } }),
    ];
    const rest = createRestClient({ baseUrl: base });
    const gateway = (await rest.get(Thing, '/x').catch((x: unknown) => x)) as ApiError;
    expect([gateway.status, gateway.code, gateway.text]).toEqual([
      502,
      'http-502',
      { fa: 'خطای 502', en: 'Error 502' },
    ]);
    const gone = (await rest.get(Thing, '/x').catch((x: unknown) => x)) as ApiError;
    expect(gone.unauthenticated).toBe(true);
    expect(gone.network).toBe(false);
  });

  it('an answer that is not what the protocol says is a bad-answer error with the schema’s issues', async () => {
    answers = [json(200, { id: 'a', count: 'two' })];
    const e = (await createRestClient({ baseUrl: base })
      .get(Thing, '/x')
      .catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code]).toEqual([-1, 'bad-answer']);
    expect(e.issues.map((i) => i.path)).toEqual(['count']);
  });

  it('a server that cannot be reached, or does not answer in time, is a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = (await createRestClient({ baseUrl: `http://127.0.0.1:${port}` })
      .get(Thing, '/x')
      .catch((x: unknown) => x)) as ApiError;
    expect([unreachable.status, unreachable.code, unreachable.network]).toEqual([0, 'network', true]);

    answers = [() => {}]; // never answers
    const slow = (await createRestClient({ baseUrl: base, timeoutMs: 100 })
      .get(Thing, '/x')
      .catch((x: unknown) => x)) as ApiError;
    expect(slow.network).toBe(true);
  });

  it('a request the caller aborts rejects with the abort, not as a network error', async () => {
    answers = [() => {}];
    const controller = new AbortController();
    const pending = createRestClient({ baseUrl: base }).get(Thing, '/x', { signal: controller.signal });
    // Aborted once the server has it, so that it cannot reach the server during a later test.
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const err = await pending.catch((x: unknown) => x);
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as Error).name).toBe('AbortError');
  });

  it('raw gives a download’s response as it is; binary bodies are sent untouched', async () => {
    answers = [
      (res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.from([1, 2, 3]));
      },
    ];
    const rest = createRestClient({ baseUrl: base });
    const res = await rest.raw('POST', '/file', { body: new Uint8Array([9, 8]) });
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([1, 2, 3]);
    // (Found by its path: an earlier test's abandoned request may reach the server late.)
    const sent = seen.find((x) => x.url === '/file');
    expect(sent?.headers['content-type']).toBeUndefined();
    expect(sent?.body).toBe('\t\b');
  });
});

describe('withRetries', () => {
  const noWait = { sleep: async () => {} };

  it('tries again after server failures, with waits doubling', async () => {
    answers = [json(503, {}), json(500, {}), json(201, { id: 't', count: 1 })];
    const waits: number[] = [];
    const rest = createRestClient({ baseUrl: base });
    const got = await withRetries(() => rest.post(Thing, '/tickets', { requestId: 'r-12345678' }), {
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(got).toEqual({ id: 't', count: 1 });
    expect(waits).toEqual([500, 1000]);
    // The same request each time: the server tells a repeat by its request id.
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set(['{"requestId":"r-12345678"}']));
  });

  it('a refusal is the answer: not tried again', async () => {
    answers = [json(409, { error: { code: 'capacity-reached', message: { fa: 'پر', en: 'Full' } } })];
    const rest = createRestClient({ baseUrl: base });
    const err = (await withRetries(() => rest.post(Thing, '/tickets', {}), noWait).catch(
      (x: unknown) => x,
    )) as ApiError;
    expect(err.code).toBe('capacity-reached');
    expect(seen).toHaveLength(1);
  });

  it('gives up after its attempts with the last failure', async () => {
    answers = [json(503, {})];
    const rest = createRestClient({ baseUrl: base });
    const err = (await withRetries(() => rest.get(Thing, '/x'), { ...noWait, attempts: 3 }).catch(
      (x: unknown) => x,
    )) as ApiError;
    expect(err.status).toBe(503);
    expect(seen).toHaveLength(3);
  });
});
