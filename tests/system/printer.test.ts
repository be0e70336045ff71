// Ticket printers over real transports: a network printer (the simulated printer on TCP), a serial
// printer on a socat pseudo-terminal pair, and the /dev/usb/lp* character-device transport on a pty.
// Each prints the ticket, which must come out on the simulated printer's paper dot for dot, and
// reports paper out without printing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Bitmap, countDifferentDots } from '../../firmware-bridge/src/printer/bitmap.ts';
import { openPrinter, type Printer, type PrinterConfig } from '../../firmware-bridge/src/printer/index.ts';
import { renderTicket } from '../../firmware-bridge/src/printer/render.ts';
import { type EscPosSimulator, simulatePrinterOnTcp } from '../../firmware-bridge/src/printer/sim-printer.ts';
import { GOLDEN_JOB, readQr } from '../../firmware-bridge/src/printer/testing.ts';
import { PAPER_DOTS } from '../../firmware-bridge/src/printer/types.ts';
import { socatAvailable } from '../../firmware-bridge/src/simulator/pty.ts';
import { attachPty, attachSerialPrinter, detach } from '../../firmware-bridge/src/simulator/simulation.ts';
import { freePort } from '../support/ports.ts';
import { requireOrSkip } from '../support/redis-server.ts';

const config = (transport: PrinterConfig['transport'], paperWidthMm: 58 | 80 = 80): PrinterConfig => ({
  deviceId: 'printer-kiosk-1',
  kioskId: 'kiosk-1',
  paperWidthMm,
  transport,
});

/** The printed ticket (the paper, less the feed before the cut) is the rendered ticket exactly. */
function expectTicketOnPaper(sim: EscPosSimulator, index: number, widthDots: number): void {
  const paper = sim.tickets[index] as Bitmap;
  const ticket = renderTicket(GOLDEN_JOB, { widthDots });
  // Each ticket after the first starts with the line feed the one before ended with.
  const top = index === 0 ? 0 : 30;
  const printedPart: Bitmap = {
    ...paper,
    height: ticket.height,
    data: paper.data.subarray(top * paper.bytesPerRow, (top + ticket.height) * paper.bytesPerRow),
  };
  expect(countDifferentDots(printedPart, ticket)).toBe(0);
  expect(readQr(printedPart)).toBe(GOLDEN_JOB.trackingUrl);
}

describe('a network printer on TCP port 9100 (simulated on a free port)', () => {
  let sim: Awaited<ReturnType<typeof simulatePrinterOnTcp>> | undefined;
  let printer: Printer | undefined;

  afterEach(async () => {
    await printer?.close();
    await sim?.close();
    printer = undefined;
    sim = undefined;
  });

  it.each([58, 80] as const)('prints the ticket on %i mm paper, and reports paper out without printing', async (mm) => {
    const widthDots = PAPER_DOTS[mm];
    sim = await simulatePrinterOnTcp({ port: 0, widthDots });
    const cuts: Buffer[] = [];
    sim.onPrinted((png) => cuts.push(png));
    printer = openPrinter(config({ type: 'tcp', host: '127.0.0.1', port: sim.port }, mm), { statusTimeoutMs: 1000 });

    expect(await printer.status()).toEqual({ ok: true, status: 'online' });
    expect(await printer.print(GOLDEN_JOB)).toEqual({ ok: true, status: 'online' });
    expect(sim.printed).toHaveLength(1);
    expect(cuts).toEqual(sim.printed);
    expectTicketOnPaper(sim, 0, widthDots);

    sim.setPaperOut(true);
    expect(await printer.status()).toMatchObject({ ok: false, status: 'paper-out' });
    expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'paper-out' });
    expect(sim.printed).toHaveLength(1);
    expect(sim.droppedWhileNotReady).toBe(0); // not even sent

    sim.setPaperOut(false);
    sim.setCoverOpen(true);
    expect(await printer.status()).toMatchObject({ ok: false, status: 'cover-open' });
    sim.setCoverOpen(false);
    expect(await printer.print(GOLDEN_JOB)).toEqual({ ok: true, status: 'online' });
    expect(sim.printed).toHaveLength(2);
    expectTicketOnPaper(sim, 1, widthDots);
  });

  it('is offline while nothing listens, and connects again when the printer is back', async () => {
    const port = await freePort();
    printer = openPrinter(config({ type: 'tcp', host: '127.0.0.1', port }), { statusTimeoutMs: 500 });
    expect(await printer.status()).toMatchObject({
      ok: false,
      status: 'offline',
      detail: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'offline' });

    sim = await simulatePrinterOnTcp({ port, widthDots: 576 });
    expect(await printer.status()).toEqual({ ok: true, status: 'online' });
    // The printer is switched off and on again: its connection is gone, the next use reconnects.
    await sim.close();
    expect(await printer.status()).toMatchObject({ ok: false, status: 'offline' });
    sim = await simulatePrinterOnTcp({ port, widthDots: 576 });
    expect(await printer.print(GOLDEN_JOB)).toEqual({ ok: true, status: 'online' });
    expect(sim.printed).toHaveLength(1);
  });

  it('is offline when something accepts the connection but never answers DLE EOT', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      printer = openPrinter(config({ type: 'tcp', host: '127.0.0.1', port }), { statusTimeoutMs: 200 });
      expect(await printer.status()).toMatchObject({
        ok: false,
        status: 'offline',
        detail: expect.stringMatching(/no answer/),
      });
      expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'offline' });
    } finally {
      await printer?.close();
      printer = undefined;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

// ---- pseudo-terminal pairs

describe.skipIf(!requireOrSkip('socat', socatAvailable()))('printers on a socat pseudo-terminal pair', () => {
  let dir = '';
  let path = '';
  let pairs = 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-printer-pty-'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // A fresh pair each time: socat ends the pair when one side is closed.
  beforeEach(() => {
    path = join(dir, `printer-${++pairs}`);
  });

  it.each([58, 80] as const)(
    'a serial printer (%i mm): prints the ticket, and reports paper out without printing',
    async (mm) => {
      const widthDots = PAPER_DOTS[mm];
      const end = await attachSerialPrinter(path, { widthDots });
      const { sim } = end;
      const printer = openPrinter(config({ type: 'serial', path, baudRate: 19200, flowControl: 'none' }, mm), {
        statusTimeoutMs: 1000,
      });
      try {
        expect(await printer.status()).toEqual({ ok: true, status: 'online' });
        expect(await printer.print(GOLDEN_JOB)).toEqual({ ok: true, status: 'online' });
        expect(sim.printed).toHaveLength(1);
        expectTicketOnPaper(sim, 0, widthDots);

        sim.setPaperOut(true);
        expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'paper-out' });
        expect(sim.printed).toHaveLength(1);
        sim.setPaperOut(false);
        sim.setCoverOpen(true);
        expect(await printer.status()).toMatchObject({ ok: false, status: 'cover-open' });
      } finally {
        await printer.close();
        await detach(end);
      }
    },
  );

  it('the character-device transport (as for /dev/usb/lp*): prints, and reads status when the device answers', async () => {
    const end = await attachSerialPrinter(path, { widthDots: 576 });
    const { sim } = end;
    // The config schema only lets /dev/usb/lp* through; the transport itself opens any character device.
    const printer = openPrinter(config({ type: 'usb-lp', path }), { statusTimeoutMs: 1000 });
    try {
      expect(await printer.print(GOLDEN_JOB)).toEqual({ ok: true, status: 'online' });
      expect(sim.printed).toHaveLength(1);
      expectTicketOnPaper(sim, 0, 576);
      sim.setPaperOut(true);
      expect(await printer.status()).toMatchObject({ ok: false, status: 'paper-out' });
    } finally {
      await printer.close();
      await detach(end);
    }
  });

  it('the character-device transport with a printer that sends no status: status unknown, the ticket still goes out', async () => {
    // The far end reads and keeps what it gets, and never answers (as some usblp printers do).
    const end = await attachPty(path);
    const received: Buffer[] = [];
    end.port.on('data', (chunk: Buffer) => received.push(chunk));
    const printer = openPrinter(config({ type: 'usb-lp', path }), {
      statusTimeoutMs: 150,
      afterPrintTimeoutMs: 300,
    });
    try {
      expect(await printer.status()).toMatchObject({
        ok: true,
        status: 'online',
        detail: expect.stringMatching(/status unknown/),
      });
      expect(await printer.print(GOLDEN_JOB)).toMatchObject({
        ok: true,
        status: 'online',
        detail: expect.stringMatching(/does not report status/),
      });
      // Wait until the whole ticket has crossed the pty, then find the raster and the cut in it.
      const bytes = await vi.waitFor(
        () => {
          const all = Buffer.concat(received);
          if (!all.includes(Buffer.from([0x1d, 0x56, 0x00]))) throw new Error('the cut has not arrived yet');
          return all;
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(bytes.includes(Buffer.from([0x1b, 0x40]))).toBe(true);
      expect(bytes.includes(Buffer.from([0x1d, 0x76, 0x30, 0x00, 72, 0]))).toBe(true);
    } finally {
      await printer.close();
      await detach(end);
    }
  });
});
