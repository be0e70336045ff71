// ESC/POS both ways: what DLE EOT answers mean, the decoder on awkward input, and the simulated
// printer's answers and paper.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Bitmap, bitmapFromPng, countDifferentDots, createBitmap, getDot, setDot } from './bitmap.ts';
import { encodeTicket, interpretStatus, isStatusByte, statusRequest } from './escpos.ts';
import { decodeEscPos, type EscPosCommand, EscPosParser } from './escpos-decode.ts';
import { EscPosSimulator, simulatePrinterOnStream } from './sim-printer.ts';

describe('DLE EOT answers', () => {
  it('are recognised by their fixed bits', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x41)).toBe(false);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x92)).toBe(false);
  });

  it.each([
    ['ready', { printer: 0x12, offlineCause: 0x12, paper: 0x12 }, { ok: true, status: 'online' }],
    [
      'ready, roll nearly empty',
      { printer: 0x12, offlineCause: 0x12, paper: 0x1e },
      { ok: true, status: 'paper-near-end', detail: 'paper near end' },
    ],
    ['only DLE EOT 1 answered', { printer: 0x12 }, { ok: true, status: 'online' }],
    ['cover open', { printer: 0x1a, offlineCause: 0x16, paper: 0x12 }, { ok: false, status: 'cover-open' }],
    [
      'cover open beats paper out',
      { printer: 0x1a, offlineCause: 0x36, paper: 0x7e },
      { ok: false, status: 'cover-open' },
    ],
    ['paper end (roll sensor)', { printer: 0x1a, offlineCause: 0x32, paper: 0x7e }, { ok: false, status: 'paper-out' }],
    ['paper end (offline cause only)', { printer: 0x1a, offlineCause: 0x32 }, { ok: false, status: 'paper-out' }],
    [
      'autocutter error',
      { printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a, paper: 0x12 },
      { ok: false, status: 'error', detail: 'autocutter error' },
    ],
    [
      'feed button held',
      { printer: 0x1a, offlineCause: 0x1a, paper: 0x12 },
      { ok: false, status: 'offline', detail: 'paper is being fed with the feed button' },
    ],
    ['offline, no cause given', { printer: 0x1a }, { ok: false, status: 'offline' }],
  ] as const)('%s', (_name, bytes, expected) => {
    expect(interpretStatus(bytes)).toMatchObject(expected);
  });
});

describe('the decoder', () => {
  it('reads the same commands whether the bytes come at once or one by one', () => {
    const ticket = createBitmap(16, 8);
    setDot(ticket, 0, 0, true);
    setDot(ticket, 15, 7, true);
    const bytes = Buffer.concat([
      Buffer.from(statusRequest(1)),
      Buffer.from(encodeTicket(ticket)),
      Buffer.from([0x1b, 0x64, 0x02]), // ESC d 2
      Buffer.from([0x1b, 0x33, 0x10, 0x0a]), // ESC 3 16, LF
      Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x05]), // GS ( k: QR module size
      Buffer.from('Hello'),
      Buffer.from([0x1d, 0x56, 0x42, 0x05]), // GS V 66 5: feed 5 and cut (partial)
    ]);
    const whole = decodeEscPos(bytes);
    const parser = new EscPosParser();
    const piecewise = [...bytes].flatMap((b) => parser.push(Uint8Array.of(b)));
    // Text is passed on as it comes, so one byte at a time it comes in pieces; join them to compare.
    const joined = piecewise.reduce<EscPosCommand[]>((out, c) => {
      const last = out.at(-1);
      if (c.type === 'text' && last?.type === 'text')
        out[out.length - 1] = { type: 'text', bytes: Uint8Array.from([...last.bytes, ...c.bytes]) };
      else out.push(c);
      return out;
    }, []);
    expect(joined).toEqual(whole);
    expect(whole.map((c) => c.type)).toEqual([
      'status-request',
      'init',
      'other',
      'other',
      'raster',
      'feed',
      'feed',
      'feed',
      'feed',
      'cut',
      'feed',
      'feed',
      'other',
      'feed',
      'other',
      'text',
      'cut',
    ]);
    expect(whole[4]).toMatchObject({ type: 'raster', mode: 0, widthBytes: 2, height: 8 });
    expect(whole[11]).toEqual({ type: 'feed', dots: 60, via: 'ESC d' });
    expect(whole[13]).toEqual({ type: 'feed', dots: 16, via: 'LF' });
    expect(whole[16]).toEqual({ type: 'cut', partial: true, feedDots: 5 });
  });

  it('refuses a stream that stops inside a raster image', () => {
    const bytes = encodeTicket(createBitmap(16, 8));
    expect(() => decodeEscPos(bytes.subarray(0, 15))).toThrow(/inside a command/);
  });
});

function rasterOf(b: Bitmap): Uint8Array {
  return encodeTicket(b);
}

describe('the simulated printer', () => {
  const ask = (sim: EscPosSimulator) => [
    ...sim.connection()(Uint8Array.of(...[1, 2, 3, 4].flatMap((n) => [0x10, 0x04, n]))),
  ];

  it('answers DLE EOT 1-4 for ready, paper out and cover open', () => {
    const sim = new EscPosSimulator({ widthDots: 384 });
    expect(ask(sim)).toEqual([0x12, 0x12, 0x12, 0x12]);
    sim.setPaperOut(true);
    expect(ask(sim)).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    sim.setPaperOut(false);
    sim.setCoverOpen(true);
    expect(ask(sim)).toEqual([0x1a, 0x16, 0x12, 0x12]);
  });

  it('prints and cuts a ticket, telling each listener, and prints nothing without paper', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nobat-sim-printer-'));
    try {
      const sim = new EscPosSimulator({ widthDots: 384, outDir: dir });
      const seen: Bitmap[] = [];
      sim.onPrinted((_png, ticket) => seen.push(ticket));
      const ticket = createBitmap(384, 16);
      for (let x = 0; x < 384; x += 3) setDot(ticket, x, x % 16, true);
      const feed = sim.connection();
      feed(rasterOf(ticket));
      expect(sim.printed).toHaveLength(1);
      expect(seen).toHaveLength(1);
      const paper = bitmapFromPng(sim.printed[0] as Buffer);
      // The ticket, then four line feeds before the cut.
      expect(paper.height).toBe(16 + 4 * 30);
      expect(countDifferentDots({ ...paper, height: 16 }, ticket)).toBe(0);
      expect(readdirSync(dir).filter((f) => /^ticket-.*\.png$/.test(f))).toHaveLength(1);

      sim.setPaperOut(true);
      feed(rasterOf(ticket));
      expect(sim.printed).toHaveLength(1);
      expect(sim.droppedWhileNotReady).toBeGreaterThan(0);
      sim.setPaperOut(false);
      // The feeds of the dropped ticket were dropped too: the next ticket starts clean.
      feed(rasterOf(ticket));
      expect(sim.printed).toHaveLength(2);
      expect(bitmapFromPng(sim.printed[1] as Buffer).height).toBe(30 + 16 + 4 * 30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts off dots beyond the paper and prints double-width raster twice as wide', () => {
    const sim = new EscPosSimulator({ widthDots: 16 });
    const feed = sim.connection();
    // GS v 0 m=1 (double width), 2 bytes × 1 row: the first dot and the 12th.
    feed(Uint8Array.of(0x1d, 0x76, 0x30, 0x01, 0x02, 0x00, 0x01, 0x00, 0x80, 0x10, 0x1d, 0x56, 0x00));
    const paper = bitmapFromPng(sim.printed[0] as Buffer);
    expect(paper.width).toBe(16);
    expect([getDot(paper, 0, 0), getDot(paper, 1, 0), getDot(paper, 2, 0)]).toEqual([true, true, false]);
    expect([...Array(16).keys()].filter((x) => getDot(paper, x, 0))).toEqual([0, 1]);
  });

  it('answers on a stream and destroys it on close', async () => {
    const toPrinter = new PassThrough();
    const fromPrinter = new PassThrough();
    const stream = Duplex.from({ readable: toPrinter, writable: fromPrinter });
    const sim = simulatePrinterOnStream(stream, { widthDots: 384 });
    const answer = new Promise<Buffer>((resolve) => fromPrinter.once('data', resolve));
    toPrinter.write(Buffer.from(statusRequest(4)));
    expect([...(await answer)]).toEqual([0x12]);
    sim.setPaperOut(true);
    const answer2 = new Promise<Buffer>((resolve) => fromPrinter.once('data', resolve));
    toPrinter.write(Buffer.from(statusRequest(4)));
    expect([...(await answer2)]).toEqual([0x7e]);
    await sim.close();
    expect(stream.destroyed).toBe(true);
  });
});
