// Socket.IO: one namespace per audience, rooms per branch (and per counter, kiosk, tracked ticket).
// Every client gets a snapshot on connect — a reconnect is a connect — and then follows events that
// carry the log version. With Redis, the adapter fans emits out to every server process.
import type { Server as HttpServer } from 'node:http';
import {
  type Ack,
  type BridgeClientEvents,
  type BridgeServerEvents,
  DeviceStatus,
  DisplayAuth,
  type DisplayServerEvents,
  KeypadPress,
  type KioskClientEvents,
  type KioskServerEvents,
  type PrintJob,
  PrintRequest,
  PrintResult,
  type RefusalCode,
  refusalMessages,
  StaffAuth,
  type StaffServerEvents,
  TrackAuth,
  type TrackServerEvents,
} from '@nobat/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { type Namespace, Server, type Socket } from 'socket.io';
import type { Auth, Principal } from '../auth/auth.ts';
import type { DomainEvent, StoredEvent } from '../domain/index.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { BranchDay, CommandInput, QueueService } from '../queue/queue-service.ts';
import {
  callPayload,
  counterSummary,
  displaySnapshot,
  queueCounts,
  serviceSummaries,
  staffTicket,
  tracking,
} from '../queue/views.ts';

export interface RealtimeDeps {
  queue: QueueService;
  auth: Auth;
  logger: Logger;
  metrics: Metrics;
  clock: () => number;
  /** The base of tracking links (known once the server listens). */
  publicUrl: () => string;
  /** How often sockets signed in with a token are checked again (logout, expiry, revocation). */
  revalidateMs?: number;
  /** How long a kiosk waits for its printer's answer. */
  printTimeoutMs?: number;
  /** Two connections (publish, subscribe) for the Socket.IO Redis adapter; omit for one process. */
  redis?: { pub: Redis; sub: Redis };
  /** How often queue counts and tracking pages are refreshed at most, per branch. */
  throttleMs?: number;
}

export const rooms = {
  branch: (b: string) => `b:${b}`,
  counter: (b: string, c: string) => `b:${b}:c:${c}`,
  kiosk: (b: string, k: string) => `b:${b}:k:${k}`,
  printer: (b: string, k: string) => `b:${b}:printer:${k}`,
  ticket: (t: string) => `t:${t}`,
};

const COOKIE = /(?:^|;\s*)nobat_session=([^;]+)/;

function handshakeToken(socket: Socket, given: string | undefined): string | undefined {
  if (given) return given;
  const m = COOKIE.exec(socket.handshake.headers.cookie ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

class HandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string) {
    super(code);
    this.data = { code };
  }
}

const COUNTER_EVENTS = new Set<DomainEvent['type']>([
  'TicketCalled',
  'ServiceStarted',
  'ServiceFinished',
  'MarkedNoShow',
  'Transferred',
  'Parked',
  'CounterOpened',
  'CounterClosed',
  'CounterPaused',
  'CounterResumed',
]);

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps) {
  const io = new Server(httpServer, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
  if (deps.redis) io.adapter(createAdapter(deps.redis.pub, deps.redis.sub));
  const { queue, auth, logger } = deps;

  const display: Namespace<Record<string, never>, DisplayServerEvents> = io.of('/display');
  const staffNs = ['/counter', '/supervisor'].map(
    (n) => io.of(n) as Namespace<Record<string, never>, StaffServerEvents>,
  );
  const kiosk: Namespace<KioskClientEvents, KioskServerEvents> = io.of('/kiosk');
  const track: Namespace<Record<string, never>, TrackServerEvents> = io.of('/track');
  const bridge: Namespace<BridgeClientEvents, BridgeServerEvents> = io.of('/bridge');

  // ---- who may connect where
  display.use(async (socket, next) => {
    const a = DisplayAuth.safeParse(socket.handshake.auth);
    if (!a.success) return next(new HandshakeError('invalid-input'));
    if (a.data.token) {
      const p = await auth.resolve(a.data.token);
      if (p.kind !== 'device' || p.device.kind !== 'display' || p.device.branchId !== a.data.branchId) {
        return next(new HandshakeError('forbidden'));
      }
    }
    const day = await queue.view(a.data.branchId);
    if (!day) return next(new HandshakeError('unknown-branch'));
    if (a.data.counterId && !day.ix.counters.has(a.data.counterId)) return next(new HandshakeError('unknown-counter'));
    socket.data = a.data; // includes the display token, if any, for revalidation
    next();
  });
  display.on('connection', async (socket) => {
    const { branchId, counterId } = socket.data as { branchId: string; counterId?: string };
    await socket.join(counterId ? rooms.counter(branchId, counterId) : rooms.branch(branchId));
    const day = await queue.view(branchId);
    if (day) socket.emit('snapshot', displaySnapshot(day.ix, day.state, deps.clock()));
  });

  for (const ns of staffNs) {
    const roles = ns.name === '/counter' ? ['clerk', 'supervisor', 'admin'] : ['supervisor', 'admin'];
    ns.use(async (socket, next) => {
      const a = StaffAuth.safeParse(socket.handshake.auth);
      if (!a.success) return next(new HandshakeError('invalid-input'));
      const p = await auth.resolve(handshakeToken(socket, a.data.token));
      if (p.kind !== 'user') return next(new HandshakeError('unauthenticated'));
      if (!roles.includes(p.user.role)) return next(new HandshakeError('forbidden'));
      if (p.user.role !== 'admin' && p.user.branchId !== a.data.branchId) return next(new HandshakeError('forbidden'));
      if (!(await queue.view(a.data.branchId))) return next(new HandshakeError('unknown-branch'));
      socket.data = { branchId: a.data.branchId, token: handshakeToken(socket, a.data.token) };
      next();
    });
    ns.on('connection', async (socket) => {
      const { branchId } = socket.data as { branchId: string };
      await socket.join(rooms.branch(branchId));
      const day = await queue.view(branchId);
      if (!day) return;
      const tickets = [...day.state.tickets.values()];
      socket.emit('snapshot', {
        ...displaySnapshot(day.ix, day.state, deps.clock()),
        waiting: tickets.filter((t) => t.status === 'waiting').map(staffTicket),
        parked: tickets.filter((t) => t.status === 'parked').map(staffTicket),
      });
    });
  }

  const deviceGuard =
    (kind: 'kiosk' | 'bridge') =>
    async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
      const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      const p: Principal = await auth.resolve(token);
      if (p.kind !== 'device' || p.device.kind !== kind) return next(new HandshakeError('unauthenticated'));
      socket.data = { device: p.device, token };
      next();
    };

  const unauthenticated = {
    error: { code: 'unauthenticated', message: { fa: 'دستگاه شناخته نشد.', en: 'Device not recognised.' } },
  } as const;

  /** A device's token is checked again before each thing it asks: a revoked device stops at once. */
  async function deviceStillValid(socket: Socket): Promise<boolean> {
    const { device, token } = socket.data as { device: { id: string }; token: string | undefined };
    const p = await auth.resolve(token);
    if (p.kind === 'device' && p.device.id === device.id) return true;
    setImmediate(() => socket.disconnect(true));
    return false;
  }

  const prints = new Map<string, Promise<PrintResult>>();

  /** Sends a print job to the bridge that drives the kiosk's printer and waits for its answer. */
  async function printOnce(job: PrintJob, branchId: string): Promise<PrintResult> {
    let result: PrintResult = {
      jobId: job.jobId,
      kioskId: job.kioskId,
      ticketId: job.ticketId,
      ok: false,
      status: 'offline',
    };
    try {
      const answers = await bridge
        .to(rooms.printer(branchId, job.kioskId))
        .timeout(deps.printTimeoutMs ?? 8_000)
        .emitWithAck('print:job', job);
      const answer = answers.map((a) => PrintResult.safeParse(a)).find((a) => a.success)?.data;
      if (answer) result = answer;
    } catch {
      // No bridge answered in time: the printer is offline as far as the visitor is concerned.
    }
    if (!result.ok) {
      const status: DeviceStatus = {
        deviceId: `printer-${job.kioskId}`, // as the bridge's configuration names printers
        kind: 'printer',
        kioskId: job.kioskId,
        status: result.status && result.status !== 'online' ? result.status : 'error',
      };
      for (const ns of staffNs) ns.to(rooms.branch(branchId)).emit('device:status', status);
      logger.warn({ kiosk: job.kioskId, status: status.status }, 'ticket not printed');
    }
    return result;
  }

  kiosk.use(deviceGuard('kiosk'));
  kiosk.on('connection', async (socket) => {
    const { device } = socket.data as { device: { id: string; branchId: string } };
    await socket.join([rooms.branch(device.branchId), rooms.kiosk(device.branchId, device.id)]);
    const day = await queue.view(device.branchId);
    if (day) {
      const { config } = day.ix;
      socket.emit('snapshot', {
        branchId: device.branchId,
        branchName: config.branch.name,
        version: day.state.version,
        serverTime: new Date(deps.clock()).toISOString(),
        groups: [...config.groups].sort((a, b) => a.order - b.order),
        services: serviceSummaries(day.ix, day.state, deps.clock()),
        priorities: config.priorities.filter((p) => p.kind !== 'appointment'),
      });
    }

    socket.on('ticket:print', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const p = PrintRequest.safeParse(raw);
      if (!p.success)
        return reply({ error: { code: 'invalid-input', message: { fa: 'درخواست نامعتبر.', en: 'Invalid request.' } } });
      const found = await queue.findTicket(p.data.ticketId);
      // A kiosk prints only tickets it issued itself.
      const issuedHere = found?.ticket.kioskId === device.id && found.day.ix.config.branch.id === device.branchId;
      if (!found || !issuedHere) {
        return reply({ error: { code: 'ticket-not-found', message: refusalMessages['ticket-not-found'] } });
      }
      const { ix, state } = found.day;
      const t = found.ticket;
      const e = tracking(ix, state, t, deps.clock());
      const job: PrintJob = {
        jobId: `${t.id}:${deps.clock()}`,
        kioskId: device.id,
        ticketId: t.id,
        number: t.number,
        serviceTitle: ix.services.get(t.serviceId)?.title ?? { fa: t.serviceId },
        branchName: ix.config.branch.name,
        ahead: e.ahead,
        etaMinutes: e.etaMinutes,
        issuedAt: new Date(t.issuedAt).toISOString(),
        trackingUrl: `${deps.publicUrl()}/t/${encodeURIComponent(t.id)}`,
      };
      // One slip per ticket: a second request while one is printing (a racing double tap) or after
      // it printed gets the same answer; only a failed print may be tried again.
      let printing = prints.get(t.id);
      if (!printing) {
        printing = printOnce(job, device.branchId);
        prints.set(t.id, printing);
        void printing.then((r) => {
          if (!r.ok) prints.delete(t.id);
          else setTimeout(() => prints.delete(t.id), 10 * 60_000).unref();
        });
      }
      const result = await printing;
      reply({ data: result });
    });
  });

  track.use(async (socket, next) => {
    const a = TrackAuth.safeParse(socket.handshake.auth);
    if (!a.success) return next(new HandshakeError('invalid-input'));
    const found = await queue.findTicket(a.data.ticketId);
    if (!found) return next(new HandshakeError('ticket-not-found'));
    socket.data = { ticketId: a.data.ticketId, branchId: found.day.ix.config.branch.id };
    next();
  });
  track.on('connection', async (socket) => {
    const { ticketId } = socket.data as { ticketId: string };
    await socket.join(rooms.ticket(ticketId));
    const found = await queue.findTicket(ticketId);
    if (found) socket.emit('ticket:tracking', tracking(found.day.ix, found.day.state, found.ticket, deps.clock()));
  });

  bridge.use(deviceGuard('bridge'));
  bridge.on('connection', async (socket) => {
    const { device } = socket.data as {
      device: { id: string; branchId: string; counterIds: string[]; kioskIds: string[] };
    };
    const branchId = device.branchId;
    await socket.join([rooms.branch(branchId), ...(device.kioskIds ?? []).map((k) => rooms.printer(branchId, k))]);
    const day = await queue.view(branchId);
    if (day) socket.emit('snapshot', displaySnapshot(day.ix, day.state, deps.clock()));

    const refuse = (code: RefusalCode | 'forbidden' | 'invalid-input') => ({
      error: {
        code,
        message:
          code === 'forbidden' || code === 'invalid-input'
            ? { fa: 'درخواست پذیرفته نشد.', en: `Refused: ${code}.` }
            : refusalMessages[code],
      },
    });

    socket.on('keypad:press', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const p = KeypadPress.safeParse(raw);
      if (!p.success) return reply(refuse('invalid-input'));
      // A keypad acts only for the counters this bridge owns, as the clerk who holds the counter.
      if (!device.counterIds.includes(p.data.counterId)) return reply(refuse('forbidden'));
      const now = await queue.view(branchId);
      const clerkId = now?.state.counters.get(p.data.counterId)?.clerkId;
      if (!clerkId) return reply(refuse('counter-closed'));
      const a = { counterId: p.data.counterId, clerkId };
      const commands: Record<typeof p.data.key, CommandInput> = {
        next: {
          type: 'callNext',
          ...a,
          // Scoped like the counter app's: one bridge's press at one counter.
          ...(p.data.requestId ? { requestId: `kp:${device.id}:${a.counterId}:${p.data.requestId}` } : {}),
        },
        recall: { type: 'recall', ...a },
        'no-show': { type: 'noShow', ...a },
        pause: { type: 'pause', ...a, reason: 'keypad' },
        resume: { type: 'resume', ...a },
        start: { type: 'start', ...a },
        finish: { type: 'finish', ...a },
      };
      const r = await queue.execute(branchId, commands[p.data.key]);
      if (!r.ok) return reply(refuse(r.code));
      reply({ data: { ticket: r.ticket && staffTicket(r.ticket) } } satisfies Ack<unknown>);
    });

    socket.on('device:status', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const d = DeviceStatus.safeParse(raw);
      if (!d.success) return reply(refuse('invalid-input'));
      for (const ns of staffNs) ns.to(rooms.branch(branchId)).emit('device:status', d.data);
      logger.info({ device: device.id, status: d.data }, 'device status');
      reply({ data: null });
    });

    socket.on('print:result', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const r = PrintResult.safeParse(raw);
      if (!r.success) return reply(refuse('invalid-input'));
      kiosk.to(rooms.kiosk(branchId, r.data.kioskId)).emit('print:result', r.data);
      reply({ data: null });
    });
  });

  // ---- from the log to the screens
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const throttleMs = deps.throttleMs ?? 500;

  /** Queue counts and every tracked ticket of a branch, at most once per throttle window. */
  function scheduleRefresh(branchId: string) {
    if (pending.has(branchId)) return;
    pending.set(
      branchId,
      setTimeout(async () => {
        pending.delete(branchId);
        const day = await queue.view(branchId);
        if (!day) return;
        const counts = queueCounts(day.ix, day.state, branchId, deps.clock());
        for (const s of counts.services)
          deps.metrics.waiting.set({ branch: branchId, service: s.serviceId }, s.waiting);
        display.to(rooms.branch(branchId)).emit('queue:changed', counts);
        kiosk.to(rooms.branch(branchId)).emit('queue:changed', counts);
        for (const ns of staffNs) ns.to(rooms.branch(branchId)).emit('queue:changed', counts);
        // Other processes refresh the tracking pages connected to them.
        if (deps.redis) track.serverSideEmit('refresh', branchId);
        refreshLocalTracking(branchId, day);
      }, throttleMs),
    );
  }

  function refreshLocalTracking(branchId: string, day: BranchDay) {
    const prefix = `t:${branchId}~`;
    for (const room of track.adapter.rooms.keys()) {
      if (!room.startsWith(prefix)) continue;
      const t = day.state.tickets.get(room.slice(2));
      if (t) track.local.to(room).emit('ticket:tracking', tracking(day.ix, day.state, t, deps.clock()));
    }
  }
  track.on('refresh', async (branchId: unknown) => {
    if (typeof branchId !== 'string') return;
    const day = await queue.view(branchId);
    if (day) refreshLocalTracking(branchId, day);
  });

  // Sessions end and devices are revoked while sockets stay open: check their tokens now and then.
  const revalidate = setInterval(async () => {
    for (const ns of [display, ...staffNs, kiosk, bridge] as Namespace[]) {
      for (const socket of ns.sockets.values()) {
        const token = (socket.data as { token?: string }).token;
        if (token && (await auth.resolve(token)).kind === 'anonymous') socket.disconnect(true);
      }
    }
  }, deps.revalidateMs ?? 30_000);
  revalidate.unref();

  const unsubscribe = queue.onEvents((branchId, day, events: StoredEvent[]) => {
    const { ix, state } = day;
    const touchedCounters = new Set<string>();
    for (const { seq, event } of events) {
      if (event.type === 'TicketCalled' || event.type === 'TicketRecalled') {
        const call = callPayload(ix, state, {
          ticketId: event.ticketId,
          counterId: event.counterId,
          at: event.at,
          recall: event.type === 'TicketRecalled',
          version: seq,
        });
        if (call) {
          display.to([rooms.branch(branchId), rooms.counter(branchId, event.counterId)]).emit('ticket:called', call);
          bridge.to(rooms.branch(branchId)).emit('ticket:called', call);
          for (const ns of staffNs) ns.to(rooms.branch(branchId)).emit('ticket:called', call);
          deps.metrics.callToDisplay.observe(Math.max(0, deps.clock() - event.at) / 1000);
        }
      }
      if (COUNTER_EVENTS.has(event.type) && 'counterId' in event && event.counterId) {
        touchedCounters.add(event.counterId);
      }
      if ('ticketId' in event) {
        const t = state.tickets.get(event.ticketId);
        if (t) {
          for (const ns of staffNs) {
            ns.to(rooms.branch(branchId)).emit('ticket:changed', { ...staffTicket(t), version: seq });
          }
          // Only for someone following it here (its estimate costs a replay of the queue); pages on
          // other processes are refreshed through the throttled 'refresh'.
          const room = rooms.ticket(t.id);
          if (track.adapter.rooms.get(room)?.size) {
            track.local.to(room).emit('ticket:tracking', tracking(ix, state, t, deps.clock()));
          }
        }
      }
    }
    const version = state.version;
    for (const counterId of touchedCounters) {
      const summary = counterSummary(ix, state, counterId);
      if (!summary) continue;
      const payload = { ...summary, version };
      display.to([rooms.branch(branchId), rooms.counter(branchId, counterId)]).emit('counter:changed', payload);
      bridge.to(rooms.branch(branchId)).emit('counter:changed', payload);
      for (const ns of staffNs) ns.to(rooms.branch(branchId)).emit('counter:changed', payload);
    }
    scheduleRefresh(branchId);
  });

  return {
    io,
    async close() {
      unsubscribe();
      clearInterval(revalidate);
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
      await io.close();
    },
  };
}

export type Realtime = ReturnType<typeof attachRealtime>;
