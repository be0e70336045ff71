import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './address.ts';

const app = (trustProxy: boolean) => new Hono().get('/', (c) => c.text(clientAddress(c, trustProxy)));
const ask = async (trustProxy: boolean, headers: Record<string, string> = {}) =>
  (await app(trustProxy).request('/', { headers })).text();

describe('clientAddress', () => {
  it('without a trusted proxy, X-Forwarded-For is ignored: anyone can send it', async () => {
    expect(await ask(false, { 'x-forwarded-for': '203.0.113.9' })).toBe('unknown');
  });

  it('behind a trusted proxy, the last hop (the one the proxy appended) is the client', async () => {
    expect(await ask(true, { 'x-forwarded-for': '10.0.0.1, 203.0.113.9' })).toBe('203.0.113.9');
    expect(await ask(true, { 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7');
    expect(await ask(true)).toBe('unknown');
  });
});
