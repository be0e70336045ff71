// Cross-site requests: a page of another site cannot make a clerk's browser act with its cookie, a
// body must be JSON, and the session cookie is Secure behind HTTPS.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpHarness, type HarnessOptions, type HttpHarness, PUBLIC_URL } from '../testing/http-harness.ts';

const open: HttpHarness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});
async function harness(opts: HarnessOptions = {}): Promise<HttpHarness> {
  const h = await createHttpHarness(opts);
  open.push(h);
  return h;
}

const HOST = 'nobat.test';
const OPEN = '/api/v1/counters/counter-1/open';

describe('Origin of state-changing requests', () => {
  it('a foreign page posting text/plain with the clerk’s cookie is refused (403 forbidden-origin); nothing changes', async () => {
    const h = await harness();
    const before = await h.snapshot();
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example', 'content-type': 'text/plain', host: HOST },
      { origin: 'https://evil.example', host: HOST },
      { origin: 'null', host: HOST },
      // The same host name on another port is another origin.
      { origin: 'http://nobat.test:8081', host: HOST },
    ];
    for (const headers of foreign) {
      const r = await h.request('POST', OPEN, { as: 'clerk', cookie: true, raw: '{}', headers });
      expect([r.status, r.body?.error?.code], JSON.stringify(headers)).toEqual([403, 'forbidden-origin']);
      expect(r.body.error.message.fa.length).toBeGreaterThan(0);
    }
    // Signing in from a foreign page (login CSRF) is refused too.
    const login = await h.request('POST', '/api/v1/auth/login', {
      body: { username: 'clerk1', password: 'x' },
      headers: { origin: 'https://evil.example', host: HOST },
    });
    expect([login.status, login.body.error.code]).toEqual([403, 'forbidden-origin']);
    expect(await h.snapshot()).toEqual(before);
  });

  it('the server’s own pages (Host, PUBLIC_URL) and NOBAT_ALLOWED_ORIGINS may act', async () => {
    const allowed = await harness({ web: { allowedOrigins: ['https://console.example'], trustProxy: false } });
    for (const headers of [
      { origin: `http://${HOST}`, host: HOST }, // the host the page was served from
      { origin: `https://${HOST}`, host: HOST }, // the same host behind a TLS proxy
      { origin: PUBLIC_URL, host: '127.0.0.1:8080' }, // a proxy that rewrites Host: PUBLIC_URL names it
      { origin: 'https://console.example', host: HOST },
    ]) {
      const r = await allowed.request('POST', OPEN, { as: 'clerk', cookie: true, body: {}, headers });
      expect(r.status, JSON.stringify(headers)).toBe(200);
      await allowed.request('POST', '/api/v1/counters/counter-1/close', { as: 'clerk', body: {} });
    }
    // Without NOBAT_ALLOWED_ORIGINS that console is a foreign page.
    const h = await harness();
    const r = await h.request('POST', OPEN, {
      as: 'clerk',
      cookie: true,
      body: {},
      headers: { origin: 'https://console.example', host: HOST },
    });
    expect(r.status).toBe(403);
  });

  it('without Origin, a cookie request must not say another site sent it; scripts and bearer tokens pass', async () => {
    const h = await harness();
    for (const site of ['cross-site', 'same-site']) {
      const r = await h.request('POST', OPEN, {
        as: 'clerk',
        cookie: true,
        body: {},
        headers: { 'sec-fetch-site': site },
      });
      expect([r.status, r.body.error.code]).toEqual([403, 'forbidden-origin']);
    }
    expect((await h.events()).length).toBe(0);
    const same = await h.request('POST', OPEN, {
      as: 'clerk',
      cookie: true,
      body: {},
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
    // A script with a cookie jar (no browser headers at all), and a bearer token from anywhere that
    // is not a browser page: a foreign page can neither read the cookie nor add an Authorization header.
    expect((await h.request('POST', '/api/v1/counters/counter-2/open', { as: 'clerk2', cookie: true })).status).toBe(
      200,
    );
    expect(
      (
        await h.request('POST', '/api/v1/counters/counter-3/open', {
          as: 'clerk3',
          headers: { 'sec-fetch-site': 'cross-site' },
        })
      ).status,
    ).toBe(200);
  });

  it('a bearer request from a foreign Origin is refused too; reading (GET) from anywhere is not', async () => {
    const h = await harness();
    const r = await h.request('POST', OPEN, { as: 'clerk', body: {}, headers: { origin: 'https://evil.example' } });
    expect([r.status, r.body.error.code]).toEqual([403, 'forbidden-origin']);
    const get = await h.request('GET', '/api/v1/auth/me', {
      as: 'clerk',
      cookie: true,
      headers: { origin: 'https://evil.example' },
    });
    expect(get.status).toBe(200);
  });
});

describe('request bodies', () => {
  it('a body that is not declared JSON → 415 unsupported-media-type, before any route reads it', async () => {
    const h = await harness();
    const before = await h.snapshot();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await h.request('POST', OPEN, { as: 'clerk', raw: '{}', headers: { 'content-type': type } });
      expect([r.status, r.body.error.code], type).toEqual([415, 'unsupported-media-type']);
    }
    expect(await h.snapshot()).toEqual(before);
    const ok = await h.request('POST', OPEN, {
      as: 'clerk',
      raw: '{}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(ok.status).toBe(200);
  });
});

describe('the session cookie', () => {
  const cookieOf = async (h: HttpHarness, headers: Record<string, string> = {}) => {
    const r = await h.request('POST', '/api/v1/auth/login', {
      body: { username: 'clerk3', password: 'test-password-1' },
      headers,
    });
    expect(r.status).toBe(200);
    return r.headers.get('set-cookie') ?? '';
  };

  it('is HttpOnly and SameSite=Strict, and Secure only behind HTTPS', async () => {
    const plain = await cookieOf(await harness());
    expect(plain).toMatch(/^nobat_session=/);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Strict/);
    expect(plain).not.toMatch(/Secure/);
    expect(await cookieOf(await harness({ publicUrl: 'https://nobat.example' }))).toMatch(/; Secure/);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy (NOBAT_TRUST_PROXY)', async () => {
    const forwarded = { 'x-forwarded-proto': 'https' };
    expect(await cookieOf(await harness(), forwarded)).not.toMatch(/Secure/);
    const trusting = await harness({ web: { allowedOrigins: [], trustProxy: true } });
    expect(await cookieOf(trusting, forwarded)).toMatch(/; Secure/);
    expect(await cookieOf(trusting, { 'x-forwarded-proto': 'http' })).not.toMatch(/Secure/);
  });
});
