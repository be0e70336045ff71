// The printer end to end on serialport's mock binding: the exact bytes the bridge sends, decoded
// back to commands and to the printed ticket, which must match the golden images dot for dot.
//
// Golden images: __golden__/ticket-58mm.png and ticket-80mm.png, and ticket-80mm-copy.png (a
// reprint, marked as a copy). After an intended change to the
// ticket's look, regenerate them with
//   UPDATE_GOLDEN=1 npx vitest run --project unit firmware-bridge/src/printer
// and look at them before committing. The comparison is exact (zero differing dots): the dots come
// from one pinned @napi-rs/canvas build and one pinned font file, and thresholding removes the grey
// levels where different rasterisers would disagree. On a mismatch the actual image is written to
// the system's temporary folder as ticket-*.actual.png, to look at.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { type Bitmap, bitmapFromPng, bitmapToPng, countDifferentDots } from './bitmap.ts';
import { decodeEscPos, type EscPosCommand } from './escpos-decode.ts';
import { openPrinter } from './index.ts';
import { renderTicket } from './render.ts';
import { EscPosSimulator } from './sim-printer.ts';
import { GOLDEN_JOB, inkShare, insertedBand, mockSerialPrinter, readQr, stackBitmaps } from './testing.ts';
import type { Transport } from './transport.ts';
import { PAPER_DOTS, type PrinterConfig } from './types.ts';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

afterEach(() => {
  SerialPortMock.binding.reset();
});

function serialConfig(path: string, paperWidthMm: 58 | 80): PrinterConfig {
  return {
    deviceId: 'printer-kiosk-1',
    kioskId: 'kiosk-1',
    paperWidthMm,
    transport: { type: 'serial', path, baudRate: 19200, flowControl: 'none' },
  };
}

const STATUS_1 = [0x10, 0x04, 0x01];
const STATUS_2 = [0x10, 0x04, 0x02];
const STATUS_4 = [0x10, 0x04, 0x04];
const STATUS_READ = [...STATUS_1, ...STATUS_2, ...STATUS_4];

/** The raster bands of the first ticket in the commands, stacked into one image. */
function rasterImage(commands: EscPosCommand[], widthDots: number): Bitmap {
  const bands = commands.flatMap((c) =>
    c.type === 'raster'
      ? [{ width: c.widthBytes * 8, height: c.height, bytesPerRow: c.widthBytes, data: c.data } satisfies Bitmap]
      : [],
  );
  return stackBitmaps(widthDots, bands);
}

function compareWithGolden(actual: Bitmap, name: string): void {
  const goldenPath = join(GOLDEN_DIR, name);
  const actualPath = join(tmpdir(), name.replace(/\.png$/, '.actual.png'));
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(goldenPath, bitmapToPng(actual));
  }
  expect(existsSync(goldenPath), `${goldenPath} is missing; create it with UPDATE_GOLDEN=1`).toBe(true);
  const golden = bitmapFromPng(readFileSync(goldenPath));
  const differing = countDifferentDots(actual, golden);
  if (differing > 0) writeFileSync(actualPath, bitmapToPng(actual));
  else rmSync(actualPath, { force: true });
  expect({ width: actual.width, height: actual.height }).toEqual({ width: golden.width, height: golden.height });
  expect(differing, `dots differing from ${name} (actual image: ${actualPath})`).toBe(0);
}

describe.each([58, 80] as const)('a ticket printed on %i mm paper over serial (mock binding)', (mm) => {
  const widthDots = PAPER_DOTS[mm];

  it('sends status requests, ESC @, GS v 0 raster bands with the right headers, feeds and GS V, then asks again', async () => {
    const sim = new EscPosSimulator({ widthDots });
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig(port.path, mm), { serialBinding: port.binding, statusTimeoutMs: 500 });
    const outcome = await printer.print(GOLDEN_JOB);
    await printer.close();
    expect(outcome).toEqual({ ok: true, status: 'online' });

    const bytes = port.recording();
    // Status read before, nothing else before it.
    expect([...bytes.subarray(0, 9)]).toEqual(STATUS_READ);
    // ESC @ (initialise), FS . (leave Kanji mode), ESC M 0 (font A): the encoder's initialise.
    expect([...bytes.subarray(9, 16)]).toEqual([0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x4d, 0x00]);
    // The status read after.
    expect([...bytes.subarray(bytes.length - 9)]).toEqual(STATUS_READ);

    const commands = decodeEscPos(bytes);
    const kinds = commands.map((c) => (c.type === 'other' ? c.name : c.type));
    const rasterCount = kinds.filter((k) => k === 'raster').length;
    expect(kinds).toEqual([
      ...['status-request', 'status-request', 'status-request'],
      ...['init', 'FS .', 'ESC M'],
      ...Array<string>(rasterCount).fill('raster'),
      ...['feed', 'feed', 'feed', 'feed', 'cut', 'feed'],
      ...['status-request', 'status-request', 'status-request'],
    ]);

    // Raster headers: GS v 0 m=0, xL xH = bytes per row, yL yH = rows, in bands of at most 255 rows.
    const ticket = renderTicket(GOLDEN_JOB, { widthDots });
    expect(rasterCount).toBe(Math.ceil(ticket.height / 255));
    let offset = 16;
    let rowsLeft = ticket.height;
    for (let band = 0; band < rasterCount; band++) {
      const rows = Math.min(255, rowsLeft);
      const header = [0x1d, 0x76, 0x30, 0x00, widthDots / 8, 0x00, rows & 0xff, rows >> 8];
      expect([...bytes.subarray(offset, offset + 8)], `header of band ${band}`).toEqual(header);
      offset += 8 + (widthDots / 8) * rows;
      rowsLeft -= rows;
    }
    // Four line feeds, GS V 0 (full cut), and the line feed the encoder ends with.
    expect([...bytes.subarray(offset, offset + 8)]).toEqual([0x0a, 0x0a, 0x0a, 0x0a, 0x1d, 0x56, 0x00, 0x0a]);
    expect(offset + 8 + 9).toBe(bytes.length);

    // The raster, decoded back, is the rendered ticket exactly, and the golden image.
    const printed = rasterImage(commands, widthDots);
    expect(countDifferentDots(printed, ticket)).toBe(0);
    compareWithGolden(printed, `ticket-${mm}mm.png`);
    // A phone can read the QR code off the printed ticket.
    expect(readQr(printed)).toBe(GOLDEN_JOB.trackingUrl);

    // The simulated printer laid the same dots on its paper (plus the feeds) and cut once.
    expect(sim.tickets).toHaveLength(1);
    const paper = sim.tickets[0] as Bitmap;
    expect(paper.height).toBe(ticket.height + 4 * 30);
    expect(countDifferentDots(stackBitmaps(widthDots, [ticket]), { ...paper, height: ticket.height })).toBe(0);
  });
});

describe('a reprint printed on 80 mm paper over serial (mock binding)', () => {
  it('[T10] is the original with the copy mark (a black band, «المثنی — COPY») under the number: the golden copy', async () => {
    const widthDots = PAPER_DOTS[80];
    const sim = new EscPosSimulator({ widthDots });
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 500 });
    const job = { ...GOLDEN_JOB, copy: true };
    expect(await printer.print(job)).toEqual({ ok: true, status: 'online' });
    await printer.close();

    const printed = rasterImage(decodeEscPos(port.recording()), widthDots);
    compareWithGolden(printed, 'ticket-80mm-copy.png');
    expect(readQr(printed)).toBe(job.trackingUrl);
    // Everything of the original, dot for dot, above and below one band inserted under the number.
    const original = renderTicket(GOLDEN_JOB, { widthDots });
    const mark = insertedBand(original, printed);
    expect(mark).not.toBeNull();
    const { top, band } = mark as NonNullable<typeof mark>;
    expect(band.height).toBeGreaterThan(40);
    expect(inkShare(band)).toBeGreaterThan(0.6); // mostly black: white letters on a black band
    // Under the number: below the top third of the ticket, above the QR code.
    expect(top).toBeGreaterThan(200);
    expect(top).toBeLessThan(original.height / 2);
  });

  it('an original ticket (copy false or absent) has no mark', () => {
    const widthDots = PAPER_DOTS[80];
    const original = renderTicket(GOLDEN_JOB, { widthDots });
    expect(countDifferentDots(renderTicket({ ...GOLDEN_JOB, copy: false }, { widthDots }), original)).toBe(0);
  });
});

describe('status read with DLE EOT over serial (mock binding)', () => {
  const widthDots = PAPER_DOTS[80];

  async function setup(state: (sim: EscPosSimulator) => void) {
    const sim = new EscPosSimulator({ widthDots });
    state(sim);
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 300 });
    return { sim, port, printer };
  }

  it('reports a ready printer online', async () => {
    const { port, printer } = await setup(() => undefined);
    expect(await printer.status()).toEqual({ ok: true, status: 'online' });
    await printer.close();
    expect([...port.recording()]).toEqual(STATUS_READ);
  });

  it('reports paper out, and does not send the ticket to a printer without paper', async () => {
    const { sim, port, printer } = await setup((s) => s.setPaperOut(true));
    const status = await printer.status();
    expect(status).toMatchObject({ ok: false, status: 'paper-out' });
    const outcome = await printer.print(GOLDEN_JOB);
    expect(outcome).toMatchObject({ ok: false, status: 'paper-out' });
    await printer.close();
    // Two status reads and nothing else: no ESC @, no raster.
    expect([...port.recording()]).toEqual([...STATUS_READ, ...STATUS_READ]);
    expect(sim.printed).toHaveLength(0);
  });

  it('reports the cover open', async () => {
    const { port, printer } = await setup((s) => s.setCoverOpen(true));
    expect(await printer.status()).toMatchObject({ ok: false, status: 'cover-open' });
    expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'cover-open' });
    await printer.close();
    expect(decodeEscPos(port.recording()).every((c) => c.type === 'status-request')).toBe(true);
  });

  it('tells that the paper ran out while the ticket printed', async () => {
    const sim = new EscPosSimulator({ widthDots });
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 300 });
    // The roll ends as the raster arrives: the printer stops, the status read after the ticket says so.
    const realConnection = sim.connection.bind(sim);
    sim.connection = () => {
      const feed = realConnection();
      return (chunk) => {
        if (chunk.includes(0x76)) sim.setPaperOut(true);
        return feed(chunk);
      };
    };
    const outcome = await printer.print(GOLDEN_JOB);
    await printer.close();
    expect(outcome.ok).toBe(false);
    expect(outcome.status).toBe('paper-out');
    expect(outcome.detail).toMatch(/may be incomplete/);
    expect(sim.printed).toHaveLength(0);
  });

  it('reports offline when the printer does not answer, and sends no ticket', async () => {
    const port = mockSerialPrinter(null);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 100 });
    expect(await printer.status()).toMatchObject({
      ok: false,
      status: 'offline',
      detail: expect.stringMatching(/no answer/),
    });
    expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'offline' });
    await printer.close();
    // Only DLE EOT 1 each time: without an answer to it there is nothing more to ask.
    expect([...port.recording()]).toEqual([...STATUS_1, ...STATUS_1]);
  });

  it('reports offline, without throwing, when the port cannot be opened', async () => {
    const sim = new EscPosSimulator({ widthDots });
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig('/dev/ttyNOSUCHPORT', 80), { serialBinding: port.binding });
    expect(await printer.status()).toMatchObject({
      ok: false,
      status: 'offline',
      detail: expect.stringMatching(/NOSUCHPORT/),
    });
    await printer.close();
  });

  it('opens the port again after it broke', async () => {
    const sim = new EscPosSimulator({ widthDots });
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 300 });
    expect(await printer.status()).toMatchObject({ status: 'online' });
    // The adapter is pulled out: the port closes under the printer.
    await port.current()?.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await printer.print(GOLDEN_JOB)).toEqual({ ok: true, status: 'online' });
    await printer.close();
    expect(sim.printed).toHaveLength(1);
  });

  it('reports a status byte that is not an ESC/POS answer as an error', async () => {
    const port = mockSerialPrinter(null);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 300 });
    // Something that is not an ESC/POS printer answers with an "A".
    const pending = printer.status();
    await new Promise((resolve) => setTimeout(resolve, 30));
    port.current()?.emitData(Buffer.from('A'));
    expect(await pending).toMatchObject({ ok: false, status: 'error', detail: expect.stringMatching(/0x41/) });
    await printer.close();
  });
});

describe('a printer that misbehaves', () => {
  /** A transport answering every DLE EOT "ready", whose big writes never finish (a printer that stopped taking data). */
  function stuckTransport() {
    const calls: string[] = [];
    let answer: Buffer = Buffer.alloc(0);
    const transport: Transport = {
      description: 'fake',
      async write(data) {
        calls.push(`write ${data.length}`);
        if (data.length > 3) return new Promise<void>(() => undefined);
        answer = Buffer.from([0x12]);
      },
      async read() {
        const out = answer;
        answer = Buffer.alloc(0);
        return out;
      },
      async discardInput() {},
      async close() {
        calls.push('close');
      },
    };
    return { transport, calls };
  }

  it('gives up on a ticket the printer stops taking, drops the connection and says so', async () => {
    const { transport, calls } = stuckTransport();
    const printer = openPrinter(serialConfig('/dev/ttyFAKE', 80), { transport, writeTimeoutMs: 200 });
    const outcome = await printer.print(GOLDEN_JOB);
    expect(outcome).toMatchObject({ ok: false, status: 'offline', detail: expect.stringMatching(/took no more data/) });
    expect(calls.slice(-2)).toEqual([expect.stringMatching(/^write \d{5,}$/), 'close']);
  });

  it('reports a ticket it cannot render as an error, without sending anything but the status read', async () => {
    const sim = new EscPosSimulator({ widthDots: PAPER_DOTS[80] });
    const port = mockSerialPrinter(sim);
    const printer = openPrinter(serialConfig(port.path, 80), { serialBinding: port.binding, statusTimeoutMs: 300 });
    // Far too long for any QR code.
    const outcome = await printer.print({ ...GOLDEN_JOB, trackingUrl: `http://x/${'a'.repeat(5000)}` });
    await printer.close();
    expect(outcome).toMatchObject({ ok: false, status: 'error', detail: expect.stringMatching(/could not render/) });
    expect([...port.recording()]).toEqual(STATUS_READ);
  });

  it('answers offline after close, without touching the port', async () => {
    const { transport, calls } = stuckTransport();
    const printer = openPrinter(serialConfig('/dev/ttyFAKE', 80), { transport });
    await printer.close();
    expect(await printer.status()).toMatchObject({ ok: false, status: 'offline', detail: 'printer closed' });
    expect(await printer.print(GOLDEN_JOB)).toMatchObject({ ok: false, status: 'offline' });
    expect(calls).toEqual(['close']);
  });
});
