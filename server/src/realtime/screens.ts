// Hall screens and counter signboards (/display, public) and staff (/counter, /supervisor): who may
// connect, and the snapshot each gets on connect — a reconnect is a connect.
import { DisplayAuth, StaffAuth } from '@nobat/protocol';
import type { Socket } from 'socket.io';
import { mayManageBranch } from '../auth/auth.ts';
import { supervisorExtras } from '../health/realtime.ts';
import { supervisorSnapshot } from '../queue/floor.ts';
import { displaySnapshot, staffSnapshot } from '../queue/views.ts';
import { readHallMessage } from '../today/hall-message.ts';
import { ackError, HandshakeError, type Hub, handshakeToken, rooms } from './hub.ts';

export function attachScreens(hub: Hub): void {
  const { display, staffNs, deps } = hub;
  const { queue, auth } = deps;

  display.use(async (socket, next) => {
    const a = DisplayAuth.safeParse(socket.handshake.auth);
    if (!a.success) return next(new HandshakeError('invalid-input'));
    if (a.data.token) {
      const p = await auth.resolve(a.data.token);
      if (p.kind !== 'device' || p.device.kind !== 'display' || p.device.branchId !== a.data.branchId) {
        return next(new HandshakeError('forbidden'));
      }
    }
    // The configuration is enough to check (cached); the day is read once, on connection.
    const ix = await queue.config(a.data.branchId);
    if (!ix) return next(new HandshakeError('unknown-branch'));
    if (a.data.counterId && !ix.counters.has(a.data.counterId)) return next(new HandshakeError('unknown-counter'));
    socket.data = a.data; // includes the display token, if any, for revalidation
    next();
  });
  display.on('connection', async (socket) => {
    const { branchId, counterId } = socket.data as { branchId: string; counterId?: string };
    await socket.join(counterId ? rooms.counter(branchId, counterId) : rooms.branch(branchId));
    // [TD5] With the hall message in force, so a screen that reconnects shows it.
    const snapshot = async () => {
      const d = await queue.view(branchId);
      if (!d) return undefined;
      const now = deps.clock();
      const hallMessage = deps.store ? await readHallMessage(deps.store, branchId, now) : null;
      return { ...displaySnapshot(d.ix, d.state, now), hallMessage };
    };
    const first = await snapshot();
    if (first) socket.emit('snapshot', first);
    answerSnapshotRequests(socket, snapshot);
  });

  for (const ns of staffNs) {
    const roles = ns.name === '/counter' ? ['clerk', 'supervisor', 'admin'] : ['supervisor', 'admin'];
    ns.use(async (socket, next) => {
      const a = StaffAuth.safeParse(socket.handshake.auth);
      if (!a.success) return next(new HandshakeError('invalid-input'));
      const p = await auth.resolve(handshakeToken(socket, a.data.token));
      if (p.kind !== 'user') return next(new HandshakeError('unauthenticated'));
      if (p.user.mustChangePassword) return next(new HandshakeError('password-change-required'));
      if (!roles.includes(p.user.role)) return next(new HandshakeError('forbidden'));
      if (!mayManageBranch(p.user, a.data.branchId)) return next(new HandshakeError('forbidden'));
      if (!(await queue.config(a.data.branchId))) return next(new HandshakeError('unknown-branch'));
      socket.data = { branchId: a.data.branchId, token: handshakeToken(socket, a.data.token) };
      next();
    });
    // /supervisor's snapshot also carries the branch's devices and open alerts (src/health).
    const { health, alerts } = deps;
    const extras =
      ns.name === '/supervisor' && health && alerts
        ? (branchId: string) => supervisorExtras(health, alerts, branchId)
        : async () => ({});
    ns.on('connection', async (socket) => {
      const { branchId } = socket.data as { branchId: string };
      await socket.join(rooms.branch(branchId));
      // [SV4] The supervisor's floor is staff's snapshot plus the floor's figures.
      const snapshot = ns.name === '/supervisor' ? supervisorSnapshot : staffSnapshot;
      const day = await queue.view(branchId);
      if (day) socket.emit('snapshot', { ...snapshot(day.ix, day.state, deps.clock()), ...(await extras(branchId)) });
      answerSnapshotRequests(socket, async () => {
        const d = await queue.view(branchId);
        return d && { ...snapshot(d.ix, d.state, deps.clock()), ...(await extras(branchId)) };
      });
    });
  }
}

/**
 * `snapshot:request`: a client that saw a gap in the log versions asks for its snapshot again
 * instead of reconnecting. One at a time per socket: a request while one is being answered gets
 * the same answer.
 */
export function answerSnapshotRequests<S>(
  socket: Socket,
  read: () => Promise<S | undefined>,
  /** For devices: their token is checked again before each thing they ask. */
  stillValid?: () => Promise<boolean>,
): void {
  let pending: Promise<S | undefined> | undefined;
  socket.on('snapshot:request', async (_: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (a: unknown) => void) : () => {};
    if (stillValid && !(await stillValid())) return reply(ackError('unauthenticated'));
    pending ??= read().finally(() => {
      pending = undefined;
    });
    const snapshot = await pending;
    reply(snapshot ? { data: snapshot } : ackError('unknown-branch'));
  });
}
