// ESC/POS for the ticket: the print job (through @point-of-sale/receipt-printer-encoder) and the
// real-time status requests (DLE EOT n) with their answers.
//
// The encoder runs in Node without a DOM (it takes plain {data, width, height} pixels), emits
// `GS v 0` raster in bands of at most 255 rows (some firmware reads only the low byte of the row
// count), feeds and `GS V` cuts. It cannot read anything back, so the status requests and their
// interpretation are written here, from the ESC/POS reference for DLE EOT.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { type Bitmap, bitmapToRgba } from './bitmap.ts';
import type { PrinterOutcome } from './types.ts';

/** Lines fed between the end of the ticket and the cut, so the cutter (above the head) clears the print. */
const FEED_LINES_BEFORE_CUT = 4;

/** `ESC @`, the ticket as `GS v 0` raster bands, a few line feeds, `GS V 0` (full cut). */
export function encodeTicket(ticket: Bitmap): Uint8Array {
  if (ticket.width % 8 !== 0 || ticket.height % 8 !== 0) {
    // The encoder pads to whole bytes; keeping the ticket already padded keeps the bytes one-to-one.
    throw new Error(`ticket bitmap must be a multiple of 8 dots each way, got ${ticket.width}×${ticket.height}`);
  }
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    imageMode: 'raster',
    // Text is never printed; the encoder knows 32 columns of 12 dots (58 mm) or 48 (80 mm).
    columns: ticket.width > 384 ? 48 : 32,
    newline: '\n',
    feedAfterBlock: false,
    feedBeforeCut: FEED_LINES_BEFORE_CUT,
  });
  // Pixels are pure black or white, so the encoder's threshold step keeps every dot as it is.
  const pixels = { data: bitmapToRgba(ticket), width: ticket.width, height: ticket.height };
  return encoder
    .initialize()
    .image(pixels, { width: ticket.width, height: ticket.height, algorithm: 'threshold', threshold: 128 })
    .cut('full')
    .encode();
}

// ---- DLE EOT: real-time status (answered even while the printer is offline or busy)

export const DLE = 0x10;
export const EOT = 0x04;

/** n = 1 printer status, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusKind = 1 | 2 | 3 | 4;

export function statusRequest(n: StatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** The bits every DLE EOT answer has set: bit 1 and bit 4 (bits 0 and 7 are clear). */
export const STATUS_FIXED_BITS = 0x12;

/** Every DLE EOT answer has bit 0 = 0, bit 1 = 1, bit 4 = 1 and bit 7 = 0. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === STATUS_FIXED_BITS;
}

// n = 1
export const PRINTER_OFFLINE = 0x08;
// n = 2
export const COVER_OPEN = 0x04;
export const FEED_BUTTON = 0x08;
export const STOPPED_BY_PAPER_END = 0x20;
export const ERROR_OCCURRED = 0x40;
// n = 3
export const AUTOCUTTER_ERROR = 0x08;
export const UNRECOVERABLE_ERROR = 0x20;
export const AUTO_RECOVERABLE_ERROR = 0x40;
// n = 4 (each condition is reported in two bits)
export const PAPER_NEAR_END = 0x0c;
export const PAPER_END = 0x60;

export interface StatusBytes {
  /** DLE EOT 1; the one answer every ESC/POS printer gives. */
  printer: number;
  offlineCause?: number | undefined;
  errorCause?: number | undefined;
  paper?: number | undefined;
}

/** What the status bytes mean for the kiosk: cover open, then paper out, then error, then offline. */
export function interpretStatus(s: StatusBytes): PrinterOutcome {
  const notes: string[] = [];
  const paperNearEnd = s.paper !== undefined && (s.paper & PAPER_NEAR_END) !== 0;
  if (paperNearEnd) notes.push('paper near end');
  const coverOpen = s.offlineCause !== undefined && (s.offlineCause & COVER_OPEN) !== 0;
  if (coverOpen) return outcome('cover-open', 'the printer cover is open', notes);
  const paperOut =
    (s.paper !== undefined && (s.paper & PAPER_END) !== 0) ||
    (s.offlineCause !== undefined && (s.offlineCause & STOPPED_BY_PAPER_END) !== 0);
  if (paperOut) return outcome('paper-out', 'the paper roll is empty', notes);
  if (s.offlineCause !== undefined && (s.offlineCause & ERROR_OCCURRED) !== 0) {
    const e = s.errorCause ?? 0;
    const kinds = [
      e & AUTOCUTTER_ERROR ? 'autocutter error' : '',
      e & UNRECOVERABLE_ERROR ? 'unrecoverable error' : '',
      e & AUTO_RECOVERABLE_ERROR ? 'auto-recoverable error (head temperature?)' : '',
    ].filter(Boolean);
    return outcome('error', kinds.length ? kinds.join(', ') : 'the printer reports an error', notes);
  }
  if ((s.printer & PRINTER_OFFLINE) !== 0) {
    const why =
      s.offlineCause !== undefined && (s.offlineCause & FEED_BUTTON) !== 0
        ? 'paper is being fed with the feed button'
        : 'the printer reports itself offline';
    return outcome('offline', why, notes);
  }
  // Ready, but the roll is nearly empty: it prints, and supervisors are told to refill it.
  if (paperNearEnd) return { ok: true, status: 'paper-near-end', detail: notes.join('; ') };
  return { ok: true, status: 'online' };
}

function outcome(status: PrinterOutcome['status'], detail: string, notes: string[]): PrinterOutcome {
  return { ok: false, status, detail: [detail, ...notes].join('; ') };
}
