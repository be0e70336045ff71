// Every answer carries the security headers: the API, its errors, and unknown paths alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHarness, type HttpHarness } from '../testing/http-harness.ts';

let h: HttpHarness;
beforeAll(async () => {
  h = await createHttpHarness();
});
afterAll(async () => {
  await h.close();
});

describe('security headers', () => {
  it.each([
    ['an API route', 'GET', '/api/v1/branches', 200],
    ['a refusal', 'POST', '/api/v1/counters/counter-1/open', 401],
    ['an unknown path (the tracking page’s place when no app is built)', 'GET', '/t/x', 404],
    ['the health check', 'GET', '/healthz', 200],
  ])('%s', async (_what, method, path, status) => {
    const r = await h.request(method, path);
    expect(r.status).toBe(status);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('permissions-policy')).toContain('camera=()');
  });
});
