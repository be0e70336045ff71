// What every audience's Socket.IO module shares: the dependencies, the namespaces, the room names,
// and how devices are checked on connect and before each thing they ask.
import {
  type BridgeClientEvents,
  type BridgeServerEvents,
  type DeviceStatus,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type ErrorCode,
  errorMessages,
  type HandshakeRefusal,
  type KioskClientEvents,
  type KioskServerEvents,
  type RefusalCode,
  refusalMessages,
  type StaffClientEvents,
  type StaffServerEvents,
  type TrackServerEvents,
} from '@nobat/protocol';
import type { Namespace, Server, Socket } from 'socket.io';
import { type Auth, type Principal, SESSION_COOKIE } from '../auth/auth.ts';
import { originAllowed, sameSiteFetch } from '../auth/origin.ts';
import type { AlertService } from '../health/alert-service.ts';
import type { DeviceHealthService } from '../health/device-health.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { RequestService } from '../requests/request-service.ts';
import type { Store } from '../store/port.ts';
import type { RedisClient } from '../store/redis/client.ts';
import { guardNamespace } from './failures.ts';

export interface RealtimeDeps {
  queue: QueueService;
  auth: Auth;
  logger: Logger;
  metrics: Metrics;
  clock: () => number;
  /** The base of tracking links (known once the server listens). */
  publicUrl: () => string;
  /** Origins besides the server's own whose pages may open the staff sockets (NOBAT_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** How often sockets signed in with a token are checked again (logout, expiry, revocation). */
  revalidateMs?: number;
  /** How long a kiosk waits for its printer's answer. */
  printTimeoutMs?: number;
  /** Two connections (publish, subscribe) for the Socket.IO Redis adapter; omit for one process. Sharded (SPUBLISH) on a Redis Cluster. */
  redis?: { pub: RedisClient; sub: RedisClient; sharded?: boolean };
  /** How often queue counts and tracking pages are refreshed at most, per branch. */
  throttleMs?: number;
  /** [TD5] Where hall messages and bridges' bus reports are kept (without one: no message, reports dropped). */
  store?: Store;
  /** Device health and alerts kept for supervisors (src/health); omitted: neither is kept. */
  health?: DeviceHealthService;
  alerts?: AlertService;
  /** [RN6] The request service's changes, for the live inboxes on /requests; omitted: no /requests. */
  requests?: Pick<RequestService, 'onChange' | 'move'>;
  /** [UP6] The oldest protocol version served (default OLDEST_PROTOCOL_SERVED). */
  oldestProtocol?: number;
}

export const rooms = {
  branch: (b: string) => `b:${b}`,
  counter: (b: string, c: string) => `b:${b}:c:${c}`,
  kiosk: (b: string, k: string) => `b:${b}:k:${k}`,
  printer: (b: string, k: string) => `b:${b}:printer:${k}`,
  ticket: (t: string) => `t:${t}`,
};

const COOKIE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);

export function handshakeToken(socket: Socket, given: string | undefined): string | undefined {
  if (given) return given;
  const m = COOKIE.exec(socket.handshake.headers.cookie ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

/** Refuses a handshake whose Origin is not the server's own or allowed (src/auth/origin.ts). */
export function sameOriginOnly(deps: RealtimeDeps) {
  const policy = { publicUrl: deps.publicUrl, allowedOrigins: deps.allowedOrigins ?? [] };
  return (socket: Socket, next: (err?: Error) => void): void => {
    const { origin, host } = socket.handshake.headers;
    const ok =
      origin !== undefined
        ? originAllowed(origin, host, policy)
        : sameSiteFetch(socket.handshake.headers['sec-fetch-site'] as string | undefined);
    next(ok ? undefined : new HandshakeError('forbidden-origin'));
  };
}

export class HandshakeError extends Error {
  readonly data: HandshakeRefusal;
  constructor(code: ErrorCode) {
    super(code);
    this.data = { code };
  }
}

type StaffNamespace = Namespace<StaffClientEvents, StaffServerEvents>;

/** A refused socket request's answer, with the protocol's own words for the code. */
export function ackError(code: ErrorCode) {
  const message =
    code in errorMessages ? errorMessages[code as keyof typeof errorMessages] : refusalMessages[code as RefusalCode];
  return { error: { code, message } };
}

/** The namespaces and the device checks, made once and handed to each audience's module. */
export function createHub(io: Server, deps: RealtimeDeps) {
  const { auth } = deps;
  const display: Namespace<DisplayClientEvents, DisplayServerEvents> = io.of('/display');
  const staffNs = ['/counter', '/supervisor'].map((n) => io.of(n) as StaffNamespace);
  const kiosk: Namespace<KioskClientEvents, KioskServerEvents> = io.of('/kiosk');
  const track: Namespace<Record<string, never>, TrackServerEvents> = io.of('/track');
  const bridge: Namespace<BridgeClientEvents, BridgeServerEvents> = io.of('/bridge');
  // Before any audience registers its middlewares and listeners: their failures are answered, not fatal.
  for (const ns of [display, ...staffNs, kiosk, track, bridge]) guardNamespace(ns as Namespace, deps.logger, ackError);
  // Staff sockets ride on the session cookie: a page of another site must not open one. Devices and
  // the public screens carry no cookie (a token in the handshake, or nothing), so any page may.
  for (const ns of staffNs) ns.use(sameOriginOnly(deps));

  const deviceGuard =
    (kind: 'kiosk' | 'bridge') =>
    async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
      const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      const p: Principal = await auth.resolve(token);
      if (p.kind !== 'device' || p.device.kind !== kind) return next(new HandshakeError('unauthenticated'));
      socket.data = { device: p.device, token };
      next();
    };

  /** Every staff screen of a branch, on /counter and /supervisor alike. */
  function toStaff<E extends keyof StaffServerEvents>(
    branchId: string,
    event: E,
    ...args: Parameters<StaffServerEvents[E]>
  ): void {
    for (const ns of staffNs) (ns.to(rooms.branch(branchId)).emit as (e: E, ...a: typeof args) => void)(event, ...args);
  }

  const unauthenticated = ackError('unauthenticated');

  /**
   * The printer of each kiosk as its bridge last reported it (this process's view), told to the
   * kiosk when it changes so the kiosk can say "out of paper" before a visitor taps.
   */
  const printerStatuses = new Map<string, DeviceStatus['status']>();
  const printers = {
    status: (branchId: string, kioskId: string) => printerStatuses.get(rooms.kiosk(branchId, kioskId)) ?? null,
    set(branchId: string, kioskId: string, status: DeviceStatus['status']): void {
      const room = rooms.kiosk(branchId, kioskId);
      if (printerStatuses.get(room) === status) return;
      printerStatuses.set(room, status);
      kiosk.to(room).emit('printer:status', { status });
    },
  };

  /** A device's token is checked again before each thing it asks: a revoked device stops at once. */
  async function deviceStillValid(socket: Socket): Promise<boolean> {
    const { device, token } = socket.data as { device: { id: string }; token: string | undefined };
    const p = await auth.resolve(token);
    if (p.kind === 'device' && p.device.id === device.id) return true;
    setImmediate(() => socket.disconnect(true));
    return false;
  }

  return {
    deps,
    display,
    staffNs,
    kiosk,
    track,
    bridge,
    toStaff,
    deviceGuard,
    deviceStillValid,
    unauthenticated,
    printers,
  };
}
export type Hub = ReturnType<typeof createHub>;
