// [RN6] Live inboxes: the Socket.IO namespace /requests (REQUESTS_NAMESPACE). Staff connect with their
// session (the cookie, or a token in the handshake); an officer joins their unit's room, clerks and
// supervisors their branch's, admins the room of every branch. After every write of the request service
// each request's summary goes as `request:changed` to its branch, to the admins, to the unit holding it
// now and to the unit it just left (so that inbox drops it). With the Redis adapter the emit reaches the
// sockets of every process; the write itself is told once, by the process that made it.
import {
  REQUESTS_NAMESPACE,
  type RequestEvent,
  RequestMoveMessage,
  type RequestsClientEvents,
  type RequestsServerEvents,
  type RequestView,
} from '@nobat/protocol';
import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Auth } from '../auth/auth.ts';
import { foldRequest, type Mover, type RequestCommand, requestSummary } from '../domain/requests.ts';
import { createLogger, type Logger } from '../log.ts';
import { moverOf, parseMove, RequestError, refusalOf } from '../requests/request-service.ts';
import { guardNamespace } from './failures.ts';
import { ackError, HandshakeError, handshakeToken } from './hub.ts';

export type RequestChangeListener = (view: RequestView, fresh: RequestEvent[]) => void;

export interface RequestsRealtimeOptions {
  /** Who a session token stands for (the server's Auth). */
  auth: Pick<Auth, 'resolve'>;
  /** RequestService.onChange: called after every write with the request's view and the events written. */
  onChange: (listener: RequestChangeListener) => () => void;
  logger?: Logger;
  /** [RS9] RequestService.move: moves sent over the socket (without it `request:move` is refused). */
  move?: (mover: Mover, id: string, command: RequestCommand, version?: number) => Promise<RequestView>;
  /**
   * Checks a handshake before anything else (realtime.ts passes the staff sockets' same-origin check:
   * a page of another site must not open a socket riding on the session cookie).
   */
  guard?: (socket: Socket, next: (err?: Error) => void) => void;
}

export const requestRooms = {
  unit: (branchId: string, unit: string) => `unit:${branchId}:${unit}`,
  branch: (branchId: string) => `branch:${branchId}`,
  all: 'all',
};

/** The handshake: the session's token, unless the cookie carries it. */
const RequestsAuth = z.object({ token: z.string().max(200).optional() }).passthrough();

interface RequestsSocketData {
  token: string | undefined;
  room: string;
}

/** [RN6] The units a change concerns: the one holding the request now, and the one it was at before. */
export function unitsTouched(view: RequestView, fresh: readonly RequestEvent[]): string[] {
  const units = new Set<string>();
  if (view.current) units.add(view.current.unit);
  const before = view.events.length - fresh.length;
  if (before > 0) {
    const unit = foldRequest(view.events.slice(0, before)).current?.unit;
    if (unit) units.add(unit);
  }
  return [...units];
}

/** Attaches /requests to the server; answers the function that detaches it. */
export function attachRequests(io: Server, opts: RequestsRealtimeOptions): () => void {
  const ns: Namespace<RequestsClientEvents, RequestsServerEvents> = io.of(REQUESTS_NAMESPACE);
  // A failed session lookup (the store down) closes the transport; the client reconnects by itself.
  guardNamespace(ns as Namespace, opts.logger ?? createLogger('silent'), ackError);
  if (opts.guard) ns.use(opts.guard);
  ns.use(async (socket, next) => {
    const a = RequestsAuth.safeParse(socket.handshake.auth ?? {});
    if (!a.success) return next(new HandshakeError('invalid-input'));
    const token = handshakeToken(socket, a.data.token);
    const p = await opts.auth.resolve(token);
    if (p.kind !== 'user') return next(new HandshakeError('unauthenticated'));
    const u = p.user;
    if (u.mustChangePassword) return next(new HandshakeError('password-change-required'));
    let room: string | undefined;
    if (u.role === 'admin') room = requestRooms.all;
    else if (u.role === 'officer') room = u.branchId && u.unit ? requestRooms.unit(u.branchId, u.unit) : undefined;
    else room = u.branchId ? requestRooms.branch(u.branchId) : undefined;
    if (!room) return next(new HandshakeError('forbidden'));
    const data: RequestsSocketData = { token, room };
    socket.data = data;
    next();
  });
  const logger = opts.logger ?? createLogger('silent');
  ns.on('connection', async (socket) => {
    // [RS9] A move over the socket: the HTTP route's rules, checks and answers, acked.
    socket.on('request:move', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      // Who is asking now: a session ended or an account switched off since the handshake moves nothing.
      const p = await opts.auth.resolve((socket.data as RequestsSocketData).token);
      if (p.kind !== 'user' || p.user.mustChangePassword) return reply(ackError('unauthenticated'));
      const m = RequestMoveMessage.safeParse(raw);
      const parsed = m.success ? parseMove(m.data.move, m.data.body) : undefined;
      if (!m.success || !parsed?.ok) return reply(ackError('invalid-input'));
      if (!opts.move) return reply(ackError('forbidden'));
      try {
        reply({ data: await opts.move(moverOf(p.user), m.data.id, parsed.command, parsed.version) });
      } catch (e) {
        if (e instanceof RequestError) return reply({ error: refusalOf(e) });
        logger.error({ err: e }, 'request move over the socket failed');
        reply(ackError('internal'));
      }
    });
    await socket.join((socket.data as RequestsSocketData).room);
  });

  const unsubscribe = opts.onChange((view, fresh) => {
    const rooms = [
      requestRooms.branch(view.branchId),
      requestRooms.all,
      ...unitsTouched(view, fresh).map((u) => requestRooms.unit(view.branchId, u)),
    ];
    // One emit to the rooms' union: a socket in two of them hears it once.
    ns.to(rooms).emit('request:changed', requestSummary(view));
  });
  return unsubscribe;
}
