// A simulated ESC/POS ticket printer, for the device simulator and the tests. It parses what it is
// sent, answers DLE EOT the way the ESC/POS reference says a printer does, lays raster bands and
// feeds down on its "paper", and at each cut keeps the ticket as a PNG (and saves it when given a
// folder). Out of paper or with the cover open it prints nothing, as a real printer would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { type Bitmap, bitmapToPng, createBitmap, getDot, setDot } from './bitmap.ts';
import {
  COVER_OPEN,
  PAPER_END,
  PAPER_NEAR_END,
  PRINTER_OFFLINE,
  STATUS_FIXED_BITS,
  STOPPED_BY_PAPER_END,
} from './escpos.ts';
import { type EscPosCommand, EscPosParser } from './escpos-decode.ts';

export interface SimulatedPrinter {
  setPaperOut(v: boolean): void;
  /** The roll sensor sees the roll nearly empty (it still prints). */
  setPaperNearEnd(v: boolean): void;
  setCoverOpen(v: boolean): void;
  /** Every ticket cut so far, as PNG. */
  readonly printed: Buffer[];
  /** Called with each ticket (PNG, and its dots) when it is cut. */
  onPrinted(cb: (png: Buffer, ticket: Bitmap) => void): void;
  close(): Promise<void>;
}

export interface SimPrinterOptions {
  /** Printable width: 384 dots (58 mm) or 576 (80 mm). */
  widthDots: number;
  /** When given, each ticket is also saved there as ticket-<time>-<n>.png. */
  outDir?: string;
}

/** The printer's mechanism and state, fed bytes from one or more connections. */
export class EscPosSimulator implements SimulatedPrinter {
  readonly printed: Buffer[] = [];
  /** The dots of each printed ticket, in the order of `printed`. */
  readonly tickets: Bitmap[] = [];
  /** Bytes of raster, feeds and cuts dropped because the printer was not ready. */
  droppedWhileNotReady = 0;
  /** Every command received, for tests. */
  readonly received: EscPosCommand[] = [];
  private paperOut = false;
  private paperNearEnd = false;
  private coverOpen = false;
  private rows: Uint8Array[] = [];
  private hasInk = false;
  private readonly listeners: ((png: Buffer, ticket: Bitmap) => void)[] = [];
  private readonly bytesPerRow: number;
  private closeHandlers: (() => Promise<void>)[] = [];

  constructor(private readonly opts: SimPrinterOptions) {
    if (!Number.isInteger(opts.widthDots) || opts.widthDots <= 0 || opts.widthDots % 8 !== 0) {
      throw new Error(`bad printer width ${opts.widthDots}`);
    }
    this.bytesPerRow = opts.widthDots / 8;
    if (opts.outDir) mkdirSync(opts.outDir, { recursive: true });
  }

  setPaperOut(v: boolean): void {
    this.paperOut = v;
  }

  setPaperNearEnd(v: boolean): void {
    this.paperNearEnd = v;
  }

  setCoverOpen(v: boolean): void {
    this.coverOpen = v;
  }

  onPrinted(cb: (png: Buffer, ticket: Bitmap) => void): void {
    this.listeners.push(cb);
  }

  /** Adds something to run on close (the connections it serves). */
  addCloseHandler(h: () => Promise<void>): void {
    this.closeHandlers.push(h);
  }

  async close(): Promise<void> {
    const handlers = this.closeHandlers;
    this.closeHandlers = [];
    await Promise.all(handlers.map((h) => h()));
  }

  /** A new parser for one connection; its commands act on this printer. Returns the bytes to answer. */
  connection(): (chunk: Uint8Array) => Buffer {
    const parser = new EscPosParser();
    return (chunk) => {
      const replies: number[] = [];
      for (const command of parser.push(chunk)) {
        this.received.push(command);
        const reply = this.execute(command);
        if (reply !== undefined) replies.push(reply);
      }
      return Buffer.from(replies);
    };
  }

  private get ready(): boolean {
    return !this.paperOut && !this.coverOpen;
  }

  /** The answer to DLE EOT n (ESC/POS: bits 1 and 4 always set, 0 and 7 always clear). */
  statusByte(n: number): number | undefined {
    const base = STATUS_FIXED_BITS;
    switch (n) {
      case 1: // printer
        return base | (this.ready ? 0 : PRINTER_OFFLINE);
      case 2: // offline cause
        return base | (this.coverOpen ? COVER_OPEN : 0) | (this.paperOut ? STOPPED_BY_PAPER_END : 0);
      case 3: // error cause: none simulated
        return base;
      case 4: // roll paper (an empty roll is also "near end")
        return base | (this.paperOut ? PAPER_NEAR_END | PAPER_END : this.paperNearEnd ? PAPER_NEAR_END : 0);
      default:
        return undefined;
    }
  }

  private execute(c: EscPosCommand): number | undefined {
    switch (c.type) {
      case 'status-request':
        return this.statusByte(c.n);
      case 'raster':
        if (!this.ready) this.droppedWhileNotReady += c.data.length;
        else this.lay(c);
        return undefined;
      case 'feed':
        if (!this.ready) this.droppedWhileNotReady++;
        else this.feed(c.dots);
        return undefined;
      case 'cut':
        if (!this.ready) this.droppedWhileNotReady++;
        else {
          this.feed(c.feedDots);
          this.cut();
        }
        return undefined;
      default:
        // ESC @ resets settings, not paper already printed; text and other commands are not drawn.
        return undefined;
    }
  }

  private feed(dots: number): void {
    for (let i = 0; i < dots; i++) this.rows.push(new Uint8Array(this.bytesPerRow));
  }

  private lay(c: Extract<EscPosCommand, { type: 'raster' }>): void {
    // m: 0 normal, 1 double width, 2 double height, 3 both.
    const sx = c.mode === 1 || c.mode === 3 || c.mode === 49 || c.mode === 51 ? 2 : 1;
    const sy = c.mode === 2 || c.mode === 3 || c.mode === 50 || c.mode === 51 ? 2 : 1;
    const source: Bitmap = { width: c.widthBytes * 8, height: c.height, bytesPerRow: c.widthBytes, data: c.data };
    for (let y = 0; y < c.height; y++) {
      const row: Bitmap = createBitmap(this.opts.widthDots, 1);
      // Dots beyond the printable width fall off the paper, as on a real printer.
      for (let x = 0; x * sx < this.opts.widthDots && x < source.width; x++) {
        if (!getDot(source, x, y)) continue;
        this.hasInk = true;
        for (let d = 0; d < sx; d++) setDot(row, x * sx + d, 0, true);
      }
      for (let d = 0; d < sy; d++) this.rows.push(row.data.slice());
    }
  }

  private cut(): void {
    const rows = this.rows;
    const inked = this.hasInk;
    this.rows = [];
    this.hasInk = false;
    if (!inked) return; // only paper fed: nothing worth keeping
    const ticket = createBitmap(this.opts.widthDots, rows.length);
    rows.forEach((row, y) => {
      ticket.data.set(row, y * this.bytesPerRow);
    });
    const png = bitmapToPng(ticket);
    this.printed.push(png);
    this.tickets.push(ticket);
    if (this.opts.outDir) {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
      writeFileSync(join(this.opts.outDir, `ticket-${stamp}-${String(this.printed.length).padStart(4, '0')}.png`), png);
    }
    for (const cb of this.listeners) cb(png, ticket);
  }
}

function attach(sim: EscPosSimulator, stream: Duplex): () => Promise<void> {
  const feed = sim.connection();
  const onData = (chunk: Buffer) => {
    const reply = feed(chunk);
    if (reply.length && !stream.destroyed) stream.write(reply);
  };
  stream.on('data', onData);
  // A connection that breaks is the other side's business; the printer stays.
  stream.on('error', () => undefined);
  return async () => {
    stream.off('data', onData);
    if (stream.destroyed) return;
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.destroy();
    });
  };
}

/** A printer on an existing stream (a pty, a serial port, a socket); close() destroys the stream. */
export function simulatePrinterOnStream(stream: Duplex, opts: SimPrinterOptions): EscPosSimulator {
  const sim = new EscPosSimulator(opts);
  sim.addCloseHandler(attach(sim, stream));
  return sim;
}

/** A network printer listening on TCP (port 0: any free port); every connection feeds the same printer. */
export async function simulatePrinterOnTcp(
  opts: SimPrinterOptions & { port?: number; host?: string },
): Promise<{ port: number } & EscPosSimulator> {
  const sim = new EscPosSimulator(opts);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    attach(sim, socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the simulated printer has no TCP port');
  sim.addCloseHandler(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return Object.assign(sim, { port: address.port });
}
