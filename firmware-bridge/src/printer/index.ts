// A ticket printer: status read back with DLE EOT, tickets rendered to a 1-bit image and sent as
// ESC/POS raster. One operation at a time per printer; nothing here throws to the caller.
import type { PrintJob } from '@nobat/protocol';
import {
  ERROR_OCCURRED,
  interpretStatus,
  isStatusByte,
  type StatusBytes,
  type StatusKind,
  statusRequest,
} from './escpos.ts';
import { sharedRenderer, type TicketRenderer } from './renderer.ts';
import { createTransport, errorMessage, type SerialBinding, type Transport } from './transport.ts';
import { PAPER_DOTS, type Printer, type PrinterConfig, type PrinterOutcome } from './types.ts';

export { renderTicket, renderTicketPng } from './render.ts';
export { PAPER_DOTS, type Printer, type PrinterConfig, type PrinterOutcome } from './types.ts';

export interface PrinterOptions {
  /** How long to wait for each DLE EOT answer before the printer counts as silent. */
  statusTimeoutMs?: number;
  /**
   * How long to wait for the status answer after sending a ticket: the request queues behind the
   * ticket's bytes in the printer's receive buffer (TCP) or on the wire (serial).
   */
  afterPrintTimeoutMs?: number;
  /**
   * How long sending a ticket may take before the printer counts as stuck (it stopped taking data);
   * default: the time the bytes need at the serial baud rate, twice over, plus 10 s (30 s otherwise).
   */
  writeTimeoutMs?: number;
  /** The office's time zone for the date and time printed on the ticket. */
  timeZone?: string;
  /** serialport binding instead of the system's (tests use serialport's mock binding). */
  serialBinding?: SerialBinding;
  /** A ready-made transport instead of the one the config describes (tests). */
  transport?: Transport;
  /** Draws and encodes tickets; default: the process's worker thread (renderer.ts). */
  renderer?: TicketRenderer;
}

type StatusRead =
  | { kind: 'answered'; outcome: PrinterOutcome }
  /** Reachable, but no answer to DLE EOT in time. */
  | { kind: 'silent' }
  /** Could not open, connect or write. */
  | { kind: 'unreachable'; detail: string };

export function openPrinter(config: PrinterConfig, options: PrinterOptions = {}): Printer {
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const afterPrintTimeoutMs = options.afterPrintTimeoutMs ?? Math.max(5000, statusTimeoutMs);
  const transport = options.transport ?? createTransport(config.transport, { serialBinding: options.serialBinding });
  const widthDots = PAPER_DOTS[config.paperWidthMm];
  const renderer = options.renderer ?? sharedRenderer();
  renderer.warm();
  // usblp may not pass the printer's answers back; there silence means "unknown", not "offline".
  const silenceIsUnknown = config.transport.type === 'usb-lp';
  let closed = false;

  function writeTimeout(bytes: number): number {
    if (options.writeTimeoutMs !== undefined) return options.writeTimeoutMs;
    if (config.transport.type !== 'serial') return 30_000;
    // About 10 bits on the wire per byte.
    return Math.ceil((bytes * 10 * 1000 * 2) / config.transport.baudRate) + 10_000;
  }

  /** Writes, giving up (and dropping the connection, so the next use opens it afresh) after `ms`. */
  async function writeWithin(bytes: Uint8Array, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the printer took no more data after ${ms} ms`)), ms);
    });
    try {
      await Promise.race([transport.write(bytes), timeout]);
    } catch (error) {
      await transport.close().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // One operation at a time: a status poll must not interleave with a ticket's bytes.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  }

  async function ask(n: StatusKind, timeoutMs: number): Promise<number | undefined> {
    // A late answer to an earlier request must not pass for this one.
    await transport.discardInput();
    await writeWithin(statusRequest(n), Math.max(timeoutMs, 2000));
    const reply = await transport.read(1, timeoutMs);
    const b = reply[0];
    return b === undefined ? undefined : b;
  }

  async function readStatus(firstTimeoutMs: number): Promise<StatusRead> {
    try {
      const printer = await ask(1, firstTimeoutMs);
      if (printer === undefined) return { kind: 'silent' };
      if (!isStatusByte(printer)) {
        return {
          kind: 'answered',
          outcome: { ok: false, status: 'error', detail: `unexpected answer to DLE EOT 1: 0x${hex(printer)}` },
        };
      }
      const bytes: StatusBytes = { printer };
      // A printer that answers n = 1 but not the others (some only know n = 1) is taken as ready.
      bytes.offlineCause = valid(await ask(2, statusTimeoutMs));
      bytes.paper = valid(await ask(4, statusTimeoutMs));
      if (bytes.offlineCause !== undefined && (bytes.offlineCause & ERROR_OCCURRED) !== 0) {
        bytes.errorCause = valid(await ask(3, statusTimeoutMs));
      }
      return { kind: 'answered', outcome: interpretStatus(bytes) };
    } catch (error) {
      return { kind: 'unreachable', detail: errorMessage(error) };
    }
  }

  function silentOutcome(timeoutMs: number): PrinterOutcome {
    if (silenceIsUnknown) {
      return {
        ok: true,
        status: 'online',
        detail: `status unknown: no answer to DLE EOT within ${timeoutMs} ms over ${transport.description} (this printer or driver may not send status back)`,
      };
    }
    return {
      ok: false,
      status: 'offline',
      detail: `no answer to DLE EOT within ${timeoutMs} ms over ${transport.description}`,
    };
  }

  function toOutcome(read: StatusRead, timeoutMs: number): PrinterOutcome {
    if (read.kind === 'answered') return read.outcome;
    if (read.kind === 'silent') return silentOutcome(timeoutMs);
    return { ok: false, status: 'offline', detail: read.detail };
  }

  const closedOutcome: PrinterOutcome = { ok: false, status: 'offline', detail: 'printer closed' };

  return {
    config,

    status() {
      if (closed) return Promise.resolve(closedOutcome);
      return exclusive(async () => clip(toOutcome(await readStatus(statusTimeoutMs), statusTimeoutMs)));
    },

    print(job: PrintJob) {
      if (closed) return Promise.resolve(closedOutcome);
      return exclusive(async () => clip(await printNow(job)));
    },

    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return exclusive(() => transport.close()).catch(() => undefined);
    },
  };

  async function printNow(job: PrintJob): Promise<PrinterOutcome> {
    // Before: a printer that is out of paper, open or offline is not sent the ticket.
    const before = await readStatus(statusTimeoutMs);
    const beforeOutcome = toOutcome(before, statusTimeoutMs);
    if (!beforeOutcome.ok) return beforeOutcome;

    let bytes: Uint8Array;
    try {
      // Drawn on the renderer's thread: the bus keeps running meanwhile.
      bytes = await renderer.render(job, { widthDots, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
    } catch (error) {
      return { ok: false, status: 'error', detail: `could not render the ticket: ${errorMessage(error)}` };
    }
    try {
      await writeWithin(bytes, writeTimeout(bytes.length));
    } catch (error) {
      return { ok: false, status: 'offline', detail: `could not send the ticket: ${errorMessage(error)}` };
    }

    // After: paper that ran out or a cover opened during the ticket means it may be incomplete.
    const after = await readStatus(afterPrintTimeoutMs);
    if (after.kind === 'silent' && silenceIsUnknown) {
      return { ok: true, status: 'online', detail: 'ticket sent; the printer does not report status over usb-lp' };
    }
    const afterOutcome = toOutcome(after, afterPrintTimeoutMs);
    if (!afterOutcome.ok) {
      return {
        ...afterOutcome,
        detail: `ticket sent but may be incomplete: ${afterOutcome.detail ?? afterOutcome.status}`,
      };
    }
    return afterOutcome;
  }
}

/** DeviceStatus allows 300 characters of detail. */
function clip(o: PrinterOutcome): PrinterOutcome {
  return o.detail !== undefined && o.detail.length > 300 ? { ...o, detail: `${o.detail.slice(0, 299)}…` } : o;
}

function valid(b: number | undefined): number | undefined {
  return b !== undefined && isStatusByte(b) ? b : undefined;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
