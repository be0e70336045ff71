// The visitor's phone (/track): one ticket followed by its unguessable id, refreshed in this
// process and, through Socket.IO's server-side emit, in the others.
import { TrackAuth } from '@nobat/protocol';
import type { BranchDay } from '../queue/queue-service.ts';
import { tracking } from '../queue/views.ts';
import { HandshakeError, type Hub, rooms } from './hub.ts';

export function attachTracking(hub: Hub): { refreshLocal: (branchId: string, day: BranchDay) => void } {
  const { track, deps } = hub;
  const { queue } = deps;

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

  return { refreshLocal: refreshLocalTracking };
}
