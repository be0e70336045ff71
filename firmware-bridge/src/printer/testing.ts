// Test helpers for the printer: a fixed ticket, a serial printer on serialport's mock binding that
// records every byte the bridge sends (and answers through a simulated printer), QR reading, and
// stacking printed bands into one bitmap.
import type { PrintJob } from '@nobat/protocol';
import jsQR from 'jsqr';
import { SerialPortMock } from 'serialport';
import { type Bitmap, bitmapToRgba, createBitmap, getDot, setDot } from './bitmap.ts';
import type { EscPosSimulator } from './sim-printer.ts';
import type { SerialBinding } from './transport.ts';

/** The ticket the golden images show; everything fixed, including the time it was issued. */
export const GOLDEN_JOB: PrintJob = {
  jobId: 'job-golden-1',
  kioskId: 'kiosk-1',
  ticketId: 'tk-20251122-1042',
  number: '1042',
  serviceTitle: { fa: 'رسیدگی به لیست حق بیمهٔ کارگاه', en: 'Workplace premium lists' },
  branchName: { fa: 'سازمان تأمین اجتماعی — شعبهٔ ۱۴ تهران', en: 'Social Security Organization — Tehran branch 14' },
  ahead: 7,
  etaMinutes: 18,
  etaUnknown: null,
  // 10:05 in Tehran, Saturday 1 Azar 1404.
  issuedAt: '2025-11-22T06:35:00.000Z',
  trackingUrl: 'http://192.168.10.5:3000/t/tk-20251122-1042',
};

export interface MockSerialPrinter {
  /** A binding to pass to openPrinter's `serialBinding`. */
  binding: SerialBinding;
  /** Every byte written to the port, across reopenings. */
  recording(): Buffer;
  /** The port as opened now, if it is. */
  current(): MockPortBinding | undefined;
}

/** serialport's mock binding (SerialPortMock.binding), and the port it opens. */
const MockBinding = SerialPortMock.binding;
type MockPortBinding = NonNullable<SerialPortMock['port']>;

let mockPorts = 0;

/**
 * A serial port on serialport's mock binding, recording what is written. With a simulator, what is
 * written is also fed to it and its answers come back as received data; without one the port is
 * silent, like a printer that is switched off.
 */
export function mockSerialPrinter(sim: EscPosSimulator | null): MockSerialPrinter & { path: string } {
  const path = `/dev/ttyMOCKPRN${++mockPorts}`;
  MockBinding.createPort(path, { record: true, echo: false });
  const opened: MockPortBinding[] = [];
  const binding: SerialBinding = {
    list: () => MockBinding.list(),
    async open(options: Parameters<typeof MockBinding.open>[0]) {
      const port = await MockBinding.open(options);
      opened.push(port);
      if (sim) {
        const feed = sim.connection();
        const write = port.write.bind(port);
        port.write = async (buffer: Buffer) => {
          await write(buffer);
          const reply = feed(buffer);
          if (reply.length && port.isOpen) port.emitData(reply);
        };
      }
      return port;
    },
  };
  return {
    path,
    binding,
    recording: () => Buffer.concat(opened.map((p) => p.recording)),
    current: () => opened.findLast((p) => p.isOpen),
  };
}

/** The text of the QR code in the image, or null. */
export function readQr(b: Bitmap): string | null {
  // jsqr is a UMD bundle; depending on the loader its function is the default export or inside it.
  const decode = (jsQR as unknown as { default?: typeof jsQR }).default ?? jsQR;
  return decode(bitmapToRgba(b), b.width, b.height)?.data ?? null;
}

/** Stacks bitmaps of the same width top to bottom (a ticket printed in bands). */
export function stackBitmaps(width: number, parts: readonly Bitmap[]): Bitmap {
  const height = parts.reduce((h, p) => h + p.height, 0);
  const out = createBitmap(width, height);
  let y = 0;
  for (const p of parts) {
    for (let row = 0; row < p.height; row++, y++) {
      for (let x = 0; x < Math.min(width, p.width); x++) if (getDot(p, x, row)) setDot(out, x, y, true);
    }
  }
  return out;
}

/**
 * Where `copy` is `original` with a band of rows inserted (a reprint's mark): that band, with the
 * row it starts at, or null when the two differ otherwise (above it, below it, or in width).
 */
export function insertedBand(original: Bitmap, copy: Bitmap): { top: number; band: Bitmap } | null {
  const row = (b: Bitmap, y: number) => b.data.subarray(y * b.bytesPerRow, (y + 1) * b.bytesPerRow);
  // Heights are rounded up to whole bytes of rows: compare down to the last row with ink.
  const inked = (b: Bitmap) => {
    let h = b.height;
    while (h > 0 && row(b, h - 1).every((byte) => byte === 0)) h--;
    return h;
  };
  const [originalHeight, copyHeight] = [inked(original), inked(copy)];
  if (original.width !== copy.width || copyHeight <= originalHeight) return null;
  let top = 0;
  while (top < originalHeight && Buffer.compare(row(original, top), row(copy, top)) === 0) top++;
  const inserted = copyHeight - originalHeight;
  for (let y = top; y < originalHeight; y++) {
    if (Buffer.compare(row(original, y), row(copy, y + inserted)) !== 0) return null;
  }
  const data = copy.data.subarray(top * copy.bytesPerRow, (top + inserted) * copy.bytesPerRow);
  return { top, band: { width: copy.width, height: inserted, bytesPerRow: copy.bytesPerRow, data } };
}

/** The share of black dots in a bitmap (0–1). */
export function inkShare(b: Bitmap): number {
  let n = 0;
  for (let y = 0; y < b.height; y++) for (let x = 0; x < b.width; x++) if (getDot(b, x, y)) n++;
  return n / (b.width * b.height);
}
