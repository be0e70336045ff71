// [UP5][UP7] The protocol version every REST call states, and the reload on `protocol-outdated`
// (against a real HTTP server on port 0; the page's reload and storage are the test's).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, createRestClient } from './rest.ts';
import { RELOAD_GUARD_MS, RELOAD_KEY, type ReloadEnv, reloadForUpgrade, withProtocol } from './upgrade.ts';

let server: Server;
let base: string;
const seen: IncomingMessage['headers'][] = [];
let answer: (res: ServerResponse) => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const OUTDATED = {
  error: {
    code: 'protocol-outdated',
    message: { fa: 'قدیمی', en: 'old' },
    protocol: { client: PROTOCOL_VERSION, oldest: PROTOCOL_VERSION + 1, server: PROTOCOL_VERSION + 1 },
  },
};

/** A page whose reloads are counted, with its own storage and clock. */
function page(start = 1_800_000_000_000): ReloadEnv & { reloads: number; at: (ms: number) => void } {
  const kept = new Map<string, string>();
  let now = start;
  const env = {
    reloads: 0,
    storage: { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v) },
    reload: () => {
      env.reloads++;
    },
    now: () => now,
    at: (ms: number) => {
      now = ms;
    },
  };
  return env;
}

describe('[UP5] the protocol version on every call', () => {
  it('every REST call states it in its header, whatever else it sends', async () => {
    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    };
    const rest = createRestClient({ baseUrl: base, token: 't' });
    await rest.get(z.unknown(), '/a');
    await rest.post(z.unknown(), '/b', { x: 1 }, { headers: { 'x-other': '1' } });
    await rest.raw('DELETE', '/c');
    expect(seen.slice(-3).map((h) => h[PROTOCOL_HEADER])).toEqual(Array(3).fill(String(PROTOCOL_VERSION)));
  });

  it('a socket handshake states it in auth, beside what the app sends', () => {
    expect(withProtocol({ branchId: 'b1' })).toEqual({ branchId: 'b1', protocol: PROTOCOL_VERSION });
    expect(withProtocol()).toEqual({ protocol: PROTOCOL_VERSION });
  });

  it('a 426 protocol-outdated is an ApiError with its code, handed to onProtocolOutdated', async () => {
    answer = (res) => {
      res.writeHead(426, { 'content-type': 'application/json' });
      res.end(JSON.stringify(OUTDATED));
    };
    const told = vi.fn();
    const rest = createRestClient({ baseUrl: base, onProtocolOutdated: told });
    const err = await rest.get(z.unknown(), '/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 426, code: 'protocol-outdated' });
    expect(told).toHaveBeenCalledExactlyOnceWith(err);
    // In Node (no page) the default does nothing but throw.
    await expect(createRestClient({ baseUrl: base }).get(z.unknown(), '/a')).rejects.toMatchObject({
      code: 'protocol-outdated',
    });
  });
});

describe('[UP7] reloading once', () => {
  it('reloads, and remembers when', () => {
    const p = page();
    expect(reloadForUpgrade(p)).toBe(true);
    expect(p.reloads).toBe(1);
    expect(p.storage.getItem(RELOAD_KEY)).toBe(String(p.now()));
  });

  it('does not reload again within the guard (the page after the reload, or many calls at once)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const p = page();
      const start = p.now();
      expect(reloadForUpgrade(p)).toBe(true);
      expect(reloadForUpgrade(p)).toBe(false);
      p.at(start + RELOAD_GUARD_MS - 1);
      expect(reloadForUpgrade(p)).toBe(false);
      expect(p.reloads).toBe(1);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/not reloading again/);
      // Once the guard has passed (a new build may be there now), it tries once more.
      p.at(start + RELOAD_GUARD_MS);
      expect(reloadForUpgrade(p)).toBe(true);
      expect(p.reloads).toBe(2);
    } finally {
      warn.mockRestore();
    }
  });

  it('a remembered time in the future (a clock set back) does not hold a reload back', () => {
    const p = page();
    p.storage.setItem(RELOAD_KEY, String(p.now() + 60_000));
    expect(reloadForUpgrade(p)).toBe(true);
  });

  it('outside a browser nothing happens', () => {
    expect(reloadForUpgrade()).toBe(false);
  });
});
