// What one client may cost the server before it is turned away: the size of a request body (by
// route group, checked while it arrives: a body over the limit is never read in full), how long its
// headers and its whole request may take to arrive (a client that trickles them is cut off), and how
// many connections one address may hold open.
import { IncomingMessage, type Server } from 'node:http';
import { errorMessages } from '@nobat/protocol';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { App } from './context.ts';
import { errorBody } from './errors.ts';

/** Bytes a request body may have, by the first path prefix that matches. */
export const BODY_LIMITS: readonly (readonly [prefix: string, bytes: number])[] = [
  ['/api/v1/auth/', 4 * 1024], // a username and a password
  ['/api/v1/admin/', 1024 * 1024], // a whole branch's configuration (the demo's is about 11 KB)
  ['/api/', 16 * 1024], // tickets and counter actions: a few fields, a note
];

/** Registers the body limits; call before any route or middleware that reads a body or the store. */
export function limitBodies(app: App): void {
  const onError: Parameters<typeof bodyLimit>[0]['onError'] = (c) => {
    c.header('Connection', 'close'); // the rest of the body is not wanted
    return c.json(errorBody('payload-too-large', errorMessages['payload-too-large']), 413);
  };
  const limits = BODY_LIMITS.map(([prefix, maxSize]) => ({
    prefix,
    maxSize,
    counted: bodyLimit({ maxSize, onError }),
  }));
  const byPath: MiddlewareHandler = (c, next) => {
    const found = limits.find((l) => c.req.path.startsWith(l.prefix));
    if (!found) return next();
    // A declared length is all Node's parser will read of the body: it is checked from the header
    // alone, and the body is left to be read once, straight from the socket, by the route. (Hono's
    // middleware asks for the body stream first, which makes the Node adapter build a whole web
    // Request and stream every body through it: in a bare Hono probe, over half the CPU of a small
    // JSON POST.) A chunked body, of unknown length, is counted as it arrives.
    const chunked = c.req.header('transfer-encoding') !== undefined;
    const length = c.req.header('content-length');
    if (!chunked && length !== undefined) {
      return Number.parseInt(length, 10) > found.maxSize ? Promise.resolve(onError(c)) : next();
    }
    // Neither header on a request Node parsed: HTTP/1.1 says it has no body. (A request made in the
    // process, with no wire under it, may carry a body with neither: it is counted.)
    const parsedByNode = (c.env as { incoming?: unknown } | undefined)?.incoming instanceof IncomingMessage;
    if (!chunked && parsedByNode) return next();
    return found.counted(c, next);
  };
  app.use('/api/*', byPath);
}

export interface ConnectionLimits {
  /** ms for a request's headers to arrive. */
  headersTimeoutMs: number;
  /** ms for a whole request (headers and body) to arrive; not the time to answer it. */
  requestTimeoutMs: number;
}

/** Options for Node's HTTP server that cut off clients trickling their headers or body. */
export function httpServerOptions(limits: ConnectionLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node looks for overdue requests this often (30 s by default, which would make a short limit late).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * At most `max` open connections per client address (0: no cap); one more is closed at once. A
 * Socket.IO client holds one connection (WebSocket) or two (while polling); a browser up to six.
 */
export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.prependListener('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const n = (open.get(address) ?? 0) + 1;
    if (n > max) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
