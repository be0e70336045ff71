// The address a request came from: as the socket reports it or, behind a proxy the operator trusts
// (NOBAT_TRUST_PROXY=on), the client the proxy saw — the last address of X-Forwarded-For, which the
// proxy itself appended (earlier entries are whatever the client claimed).
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim());
    const last = hops.at(-1);
    if (last) return last;
  }
  return socketAddress(c);
}

/** This host itself: 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string): boolean {
  return /^(::ffff:)?127\./.test(address) || address === '::1';
}

/** A proxy says it passed the request on: its client, not the proxy, is the one asking. */
export function isForwarded(c: Context): boolean {
  return c.req.header('forwarded') !== undefined || c.req.header('x-forwarded-for') !== undefined;
}
