// An ESC/POS byte stream parsed back into commands, as a printer would: for the simulated printer
// and for tests that check what the bridge sent. Streaming: bytes may arrive in any chunks, and a
// command is returned once all of its bytes are in. It knows the commands a receipt printer
// commonly gets; graphics, barcodes and text are recognised and skipped, not drawn.
import { DLE, EOT } from './escpos.ts';

export type EscPosCommand =
  | { type: 'init' }
  /** GS v 0: `widthBytes` × 8 dots by `height` rows, packed MSB first, 1 = black. */
  | { type: 'raster'; mode: number; widthBytes: number; height: number; data: Uint8Array }
  /** Paper feed in dots (LF feeds one line at the current line spacing). */
  | { type: 'feed'; dots: number; via: 'LF' | 'ESC d' | 'ESC J' }
  /** GS V; `feedDots` for the forms that feed before cutting. */
  | { type: 'cut'; partial: boolean; feedDots: number }
  /** DLE EOT n: a real-time status request. */
  | { type: 'status-request'; n: number }
  /** Printable characters (not drawn by the simulator). */
  | { type: 'text'; bytes: Uint8Array }
  /** A recognised command the simulator does not act on (style, alignment, codepage…). */
  | { type: 'other'; name: string; bytes: Uint8Array }
  /** A byte that starts no known command. */
  | { type: 'unknown'; byte: number };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** Default line spacing: 1/6 inch, 30 dots at 180 dpi motion units, what printers feed per LF. */
export const DEFAULT_LINE_DOTS = 30;

/** Bytes that follow `ESC x` for fixed-length commands. */
const ESC_FIXED: Record<number, number> = {
  32: 1, // ESC SP n
  33: 1, // ESC ! n
  36: 2, // ESC $ nL nH
  37: 1, // ESC % n
  45: 1, // ESC - n
  50: 0, // ESC 2
  51: 1, // ESC 3 n
  61: 1, // ESC = n
  63: 1, // ESC ? n
  69: 1, // ESC E n
  71: 1, // ESC G n
  77: 1, // ESC M n
  82: 1, // ESC R n
  83: 0, // ESC S
  84: 1, // ESC T n
  86: 1, // ESC V n
  92: 2, // ESC \ nL nH
  97: 1, // ESC a n
  99: 2, // ESC c 3 n, ESC c 4 n, ESC c 5 n
  105: 0, // ESC i (partial cut, old form)
  109: 0, // ESC m
  112: 3, // ESC p m t1 t2
  116: 1, // ESC t n
  123: 1, // ESC { n
};

const FS_FIXED: Record<number, number> = {
  33: 1, // FS ! n
  38: 0, // FS &
  45: 1, // FS - n
  46: 0, // FS .
  67: 1, // FS C n
  83: 2, // FS S n1 n2
  87: 1, // FS W n
  112: 2, // FS p n m
};

const GS_FIXED: Record<number, number> = {
  33: 1, // GS ! n
  47: 1, // GS / m
  58: 0, // GS :
  66: 1, // GS B n
  72: 1, // GS H n
  73: 1, // GS I n
  76: 2, // GS L nL nH
  80: 2, // GS P x y
  87: 2, // GS W nL nH
  97: 1, // GS a n
  98: 1, // GS b n
  102: 1, // GS f n
  104: 1, // GS h n
  114: 1, // GS r n
  119: 1, // GS w n
};

/** Result of trying to read one command at `buf[i]`: its length and what it is, or null if incomplete. */
type Step = { length: number; command: EscPosCommand | null } | null;

export class EscPosParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Dots fed per LF (ESC 2 / ESC 3 n change it). */
  lineDots = DEFAULT_LINE_DOTS;

  /** Takes the next chunk and returns the commands it completes. */
  push(chunk: Uint8Array): EscPosCommand[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const out: EscPosCommand[] = [];
    let i = 0;
    while (i < this.buf.length) {
      const step = this.step(i);
      if (!step) break;
      if (step.command) out.push(step.command);
      i += step.length;
    }
    this.buf = Buffer.from(this.buf.subarray(i));
    return out;
  }

  /** Bytes held back because their command is not complete yet. */
  get pendingBytes(): number {
    return this.buf.length;
  }

  private fixed(i: number, prefix: number, table: Record<number, number>, name: string): Step {
    const b = this.buf;
    if (i + 1 >= b.length) return null;
    const op = b[i + 1] as number;
    const n = table[op];
    if (n === undefined) return { length: 1, command: { type: 'unknown', byte: prefix } };
    if (i + 2 + n > b.length) return null;
    const bytes = Uint8Array.from(b.subarray(i, i + 2 + n));
    return { length: 2 + n, command: { type: 'other', name: `${name} ${String.fromCharCode(op)}`, bytes } };
  }

  private step(i: number): Step {
    const b = this.buf;
    const at = (k: number) => b[i + k] as number;
    const has = (n: number) => i + n <= b.length;
    const first = at(0);

    if (first === LF) return { length: 1, command: { type: 'feed', dots: this.lineDots, via: 'LF' } };
    if (first === 0x0d || first === 0x00 || first === 0x18) return { length: 1, command: null }; // CR, NUL, CAN

    if (first === DLE) {
      if (!has(2)) return null;
      const op = at(1);
      if (op === EOT || op === 0x05) {
        if (!has(3)) return null;
        if (op === EOT) return { length: 3, command: { type: 'status-request', n: at(2) } };
        return { length: 3, command: { type: 'other', name: 'DLE ENQ', bytes: Uint8Array.from(b.subarray(i, i + 3)) } };
      }
      if (op === 0x14) {
        if (!has(5)) return null;
        return { length: 5, command: { type: 'other', name: 'DLE DC4', bytes: Uint8Array.from(b.subarray(i, i + 5)) } };
      }
      return { length: 1, command: { type: 'unknown', byte: first } };
    }

    if (first === ESC) {
      if (!has(2)) return null;
      const op = at(1);
      if (op === 0x40) {
        this.lineDots = DEFAULT_LINE_DOTS;
        return { length: 2, command: { type: 'init' } };
      }
      if (op === 0x64 || op === 0x4a) {
        // ESC d n: n lines; ESC J n: n dots.
        if (!has(3)) return null;
        const n = at(2);
        return op === 0x64
          ? { length: 3, command: { type: 'feed', dots: n * this.lineDots, via: 'ESC d' } }
          : { length: 3, command: { type: 'feed', dots: n, via: 'ESC J' } };
      }
      if (op === 0x32) this.lineDots = DEFAULT_LINE_DOTS;
      if (op === 0x33 && has(3)) this.lineDots = at(2);
      if (op === 0x2a) {
        // ESC * m nL nH d…: a column image, one byte per column (m 0/1) or three (m 32/33).
        if (!has(5)) return null;
        const columns = at(3) + at(4) * 256;
        const length = 5 + columns * (at(2) >= 32 ? 3 : 1);
        if (!has(length)) return null;
        return { length, command: { type: 'other', name: 'ESC *', bytes: Uint8Array.from(b.subarray(i, i + length)) } };
      }
      return this.fixed(i, ESC, ESC_FIXED, 'ESC');
    }

    if (first === FS) return this.fixed(i, FS, FS_FIXED, 'FS');

    if (first === GS) {
      if (!has(2)) return null;
      const op = at(1);
      if (op === 0x76) {
        // GS v 0 m xL xH yL yH d1…dk, k = (xL + xH·256) · (yL + yH·256)
        if (!has(8)) return null;
        if (at(2) !== 0x30) return { length: 2, command: { type: 'unknown', byte: first } };
        const widthBytes = at(4) + at(5) * 256;
        const height = at(6) + at(7) * 256;
        const length = 8 + widthBytes * height;
        if (!has(length)) return null;
        const data = Uint8Array.from(b.subarray(i + 8, i + length));
        return { length, command: { type: 'raster', mode: at(3), widthBytes, height, data } };
      }
      if (op === 0x56) {
        // GS V m: 0/48 full, 1/49 partial; GS V m n (65/66 feed n then cut, 97/98, 103/104 variants).
        if (!has(3)) return null;
        const m = at(2);
        if (m === 0 || m === 1 || m === 48 || m === 49) {
          return { length: 3, command: { type: 'cut', partial: m === 1 || m === 49, feedDots: 0 } };
        }
        if (!has(4)) return null;
        const partial = m % 2 === 0;
        return { length: 4, command: { type: 'cut', partial, feedDots: at(3) } };
      }
      if (op === 0x28) {
        // GS ( X pL pH …: functions with a two-byte length (QR codes, graphics, settings).
        if (!has(5)) return null;
        const length = 5 + at(3) + at(4) * 256;
        if (!has(length)) return null;
        const name = `GS ( ${String.fromCharCode(at(2))}`;
        return { length, command: { type: 'other', name, bytes: Uint8Array.from(b.subarray(i, i + length)) } };
      }
      if (op === 0x38) {
        // GS 8 L p1 p2 p3 p4 …: graphics with a four-byte length.
        if (!has(7)) return null;
        const length = 7 + at(3) + at(4) * 0x100 + at(5) * 0x10000 + at(6) * 0x1000000;
        if (!has(length)) return null;
        return {
          length,
          command: { type: 'other', name: 'GS 8 L', bytes: Uint8Array.from(b.subarray(i, i + length)) },
        };
      }
      if (op === 0x6b) {
        // GS k m …: barcode, NUL-terminated (m ≤ 6) or with a length byte (m ≥ 65).
        if (!has(3)) return null;
        const m = at(2);
        let length: number;
        if (m <= 6) {
          const end = b.indexOf(0, i + 3);
          if (end < 0) return null;
          length = end - i + 1;
        } else {
          if (!has(4)) return null;
          length = 4 + at(3);
        }
        if (!has(length)) return null;
        return { length, command: { type: 'other', name: 'GS k', bytes: Uint8Array.from(b.subarray(i, i + length)) } };
      }
      return this.fixed(i, GS, GS_FIXED, 'GS');
    }

    // Printable text (and HT): up to the next control byte.
    let end = i;
    while (end < b.length && ((b[end] as number) >= 0x20 || b[end] === 0x09)) end++;
    if (end > i) return { length: end - i, command: { type: 'text', bytes: Uint8Array.from(b.subarray(i, end)) } };
    return { length: 1, command: { type: 'unknown', byte: first } };
  }
}

/** All the commands in a complete byte stream; throws if it ends inside a command. */
export function decodeEscPos(bytes: Uint8Array): EscPosCommand[] {
  const parser = new EscPosParser();
  const commands = parser.push(bytes);
  if (parser.pendingBytes > 0) throw new Error(`stream ends inside a command (${parser.pendingBytes} bytes left)`);
  return commands;
}
