// Kiosks (/kiosk, with a kiosk token): the snapshot of what may be taken, and printing a ticket on
// the kiosk's printer through the bridge that drives it.
import { PrintRequest, type PrintResult } from '@nobat/protocol';
import { kioskSnapshot } from '../queue/views.ts';
import { ackError, type Hub, rooms } from './hub.ts';
import type { Printing } from './printing.ts';
import { answerSnapshotRequests } from './screens.ts';

export function attachKiosks(hub: Hub, printing: Printing): void {
  const { kiosk, deps, deviceGuard, deviceStillValid, unauthenticated, printers } = hub;
  const { queue } = deps;

  const prints = new Map<string, Promise<PrintResult>>();

  kiosk.use(deviceGuard('kiosk'));
  kiosk.on('connection', async (socket) => {
    const { device } = socket.data as { device: { id: string; branchId: string } };
    await socket.join([rooms.branch(device.branchId), rooms.kiosk(device.branchId, device.id)]);
    const snapshot = async () => {
      const day = await queue.view(device.branchId);
      const printer = printers.status(device.branchId, device.id);
      return day && { ...kioskSnapshot(day.ix, day.state, deps.clock()), printer };
    };
    const first = await snapshot();
    if (first) socket.emit('snapshot', first);
    // Also asked every minute: what no event announces (the branch closing by its hours).
    answerSnapshotRequests(socket as never, snapshot, () => deviceStillValid(socket));

    socket.on('ticket:print', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const p = PrintRequest.safeParse(raw);
      if (!p.success) return reply(ackError('invalid-input'));
      const found = await queue.findTicket(p.data.ticketId);
      // A kiosk prints only tickets it issued itself.
      const issuedHere = found?.ticket.kioskId === device.id && found.day.ix.config.branch.id === device.branchId;
      if (!found || !issuedHere) {
        return reply(ackError('ticket-not-found'));
      }
      const t = found.ticket;
      // One slip per ticket: a second request while one is printing (a racing double tap) or after
      // it printed gets the same answer; only a failed print may be tried again.
      let pending = prints.get(t.id);
      if (!pending) {
        const job = printing.jobFor(found, device.id, false);
        pending = printing
          .send(job, device.branchId)
          .then(
            (r): PrintResult =>
              r ?? { jobId: job.jobId, kioskId: job.kioskId, ticketId: t.id, ok: false, status: 'offline' },
          );
        prints.set(t.id, pending);
        void pending.then((r) => {
          if (!r.ok) prints.delete(t.id);
          else setTimeout(() => prints.delete(t.id), 10 * 60_000).unref();
        });
      }
      const result = await pending;
      reply({ data: result });
    });
  });
}
