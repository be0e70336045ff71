// Kiosks (/kiosk, with a kiosk token): the snapshot of what may be taken, and printing a ticket on
// the kiosk's printer through the bridge that drives it.
import { type DeviceStatus, type PrintJob, PrintRequest, PrintResult, printerDeviceId } from '@nobat/protocol';
import { kioskSnapshot, tracking, trackingUrl } from '../queue/views.ts';
import { ackError, type Hub, rooms } from './hub.ts';

export function attachKiosks(hub: Hub): void {
  const { kiosk, bridge, toStaff, deps, deviceGuard, deviceStillValid, unauthenticated, printers } = hub;
  const { queue, logger } = deps;

  const prints = new Map<string, Promise<PrintResult>>();

  /** Sends a print job to the bridge that drives the kiosk's printer and waits for its answer. */
  async function printOnce(job: PrintJob, branchId: string): Promise<PrintResult> {
    let answer: PrintResult | undefined;
    try {
      const answers = await bridge
        .to(rooms.printer(branchId, job.kioskId))
        .timeout(deps.printTimeoutMs ?? 8_000)
        .emitWithAck('print:job', job);
      answer = answers.map((a) => PrintResult.safeParse(a)).find((a) => a.success)?.data;
    } catch {
      // No bridge answered in time: the printer is offline as far as the visitor is concerned.
    }
    if (answer) {
      // The bridge that answered reports its printer's status itself (device:status): supervisors
      // hear of a paper-out once, from it, not a second time from here.
      if (!answer.ok) logger.warn({ kiosk: job.kioskId, status: answer.status }, 'ticket not printed');
      if (answer.status) printers.set(branchId, job.kioskId, answer.status);
      return answer;
    }
    // No bridge answered: only the server can tell supervisors.
    const status: DeviceStatus = {
      deviceId: printerDeviceId(job.kioskId),
      kind: 'printer',
      kioskId: job.kioskId,
      status: 'offline',
    };
    toStaff(branchId, 'device:status', status);
    printers.set(branchId, job.kioskId, 'offline');
    logger.warn({ kiosk: job.kioskId, status: status.status }, 'ticket not printed');
    return { jobId: job.jobId, kioskId: job.kioskId, ticketId: job.ticketId, ok: false, status: 'offline' };
  }

  kiosk.use(deviceGuard('kiosk'));
  kiosk.on('connection', async (socket) => {
    const { device } = socket.data as { device: { id: string; branchId: string } };
    await socket.join([rooms.branch(device.branchId), rooms.kiosk(device.branchId, device.id)]);
    const day = await queue.view(device.branchId);
    if (day) {
      const printer = printers.status(device.branchId, device.id);
      socket.emit('snapshot', { ...kioskSnapshot(day.ix, day.state, deps.clock()), printer });
    }

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
      let printing = prints.get(t.id);
      if (!printing) {
        const { ix, state } = found.day;
        const e = tracking(ix, state, t, deps.clock()); // its estimate replays the queue: only when printing
        const job: PrintJob = {
          jobId: `${t.id}:${deps.clock()}`,
          kioskId: device.id,
          ticketId: t.id,
          number: t.number,
          serviceTitle: e.serviceTitle,
          branchName: ix.config.branch.name,
          ahead: e.ahead,
          etaMinutes: e.etaMinutes,
          etaUnknown: e.etaUnknown,
          issuedAt: e.issuedAt,
          trackingUrl: trackingUrl(deps.publicUrl(), t.id),
        };
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
}
