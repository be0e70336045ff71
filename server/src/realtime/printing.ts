// Printing a ticket on a kiosk's printer through the bridge(s) that drive it: the one path both the
// kiosk's own print (`ticket:print`) and a staff reprint (a copy, POST /tickets/{id}/reprint) take.
import { type DeviceStatus, type PrintJob, PrintResult, printerDeviceId } from '@nobat/protocol';
import type { QueueService } from '../queue/queue-service.ts';
import { tracking, trackingUrl } from '../queue/views.ts';
import { type Hub, rooms } from './hub.ts';

/** A ticket of today and its day, as the queue finds it. */
export type FoundTicket = NonNullable<Awaited<ReturnType<QueueService['findTicket']>>>;

export function createPrinting(hub: Hub) {
  const { bridge, toStaff, deps, printers } = hub;
  const { logger } = deps;

  /** The slip of a ticket for a kiosk's printer, with its position and estimate as they are now. */
  function jobFor(found: FoundTicket, kioskId: string, copy: boolean): PrintJob {
    const { ix, state } = found.day;
    const t = found.ticket;
    const e = tracking(ix, state, t, deps.clock()); // its estimate replays the queue: only when printing
    return {
      jobId: `${t.id}:${deps.clock()}`,
      kioskId,
      ticketId: t.id,
      number: t.number,
      serviceTitle: e.serviceTitle,
      branchName: ix.config.branch.name,
      ahead: e.ahead,
      etaMinutes: e.etaMinutes,
      etaUnknown: e.etaUnknown,
      issuedAt: e.issuedAt,
      trackingUrl: trackingUrl(deps.publicUrl(), t.id),
      copy,
    };
  }

  /**
   * Sends a print job to the bridge that drives the kiosk's printer and waits for its answer;
   * undefined when no bridge answered in time (the printer is then reported offline).
   */
  async function send(job: PrintJob, branchId: string): Promise<PrintResult | undefined> {
    let answer: PrintResult | undefined;
    try {
      const answers = await bridge
        .to(rooms.printer(branchId, job.kioskId))
        .timeout(deps.printTimeoutMs ?? 8_000)
        .emitWithAck('print:job', job);
      answer = answers.map((a) => PrintResult.safeParse(a)).find((a) => a.success)?.data;
    } catch {
      // No bridge answered in time: the printer is offline as far as anyone printing is concerned.
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
    return undefined;
  }

  return {
    jobFor,
    send,
    /** [T10] A copy of a ticket (marked as such) on a kiosk's printer; undefined when no bridge answered. */
    printCopy(found: FoundTicket, kioskId: string): Promise<PrintResult | undefined> {
      return send(jobFor(found, kioskId, true), found.day.ix.config.branch.id);
    },
  };
}
export type Printing = ReturnType<typeof createPrinting>;
