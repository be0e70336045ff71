// The frame codec: CRC-16/MODBUS against its check value, the exact bytes of PROTOCOL.md's worked
// examples (so the document and the code agree), SLIP escaping, and resynchronisation after noise.
import { describe, expect, it } from 'vitest';
import { duplexPair } from '../simulator/pipe.ts';
import { showNumberPayload } from './commands.ts';
import { crc16 } from './crc.ts';
import {
  Cmd,
  decodeFrames,
  type Frame,
  FrameLink,
  frameBytes,
  NAK,
  parseFrame,
  REPLY,
  slipDecode,
  slipEncode,
} from './frame.ts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('CRC-16/MODBUS', () => {
  it('has the check value 0x4B37 for "123456789"', () => {
    expect(crc16(Buffer.from('123456789', 'ascii'))).toBe(0x4b37);
  });

  it('is 0xFFFF (its initial value) for nothing, and changes with a single bit', () => {
    expect(crc16(Buffer.alloc(0))).toBe(0xffff);
    expect(crc16(hex('04 01 10 05'))).not.toBe(crc16(hex('04 01 10 04')));
  });
});

describe('frame bytes', () => {
  it('PROTOCOL.md example 1: SHOW_NUMBER "5001" blinking 5 s to address 4, and its answer', async () => {
    const f: Frame = { address: 4, seq: 1, cmd: Cmd.showNumber, payload: showNumberPayload('5001', 5) };
    const raw = frameBytes(f);
    expect(raw).toEqual(hex('04 01 10 05 05 35 30 30 31 FE 7F'));
    expect(await slipEncode(raw)).toEqual(hex('C0 04 01 10 05 05 35 30 30 31 FE 7F C0'));
    const answer = frameBytes({ address: 4, seq: 1, cmd: Cmd.showNumber | REPLY, payload: Buffer.alloc(0) });
    expect(await slipEncode(answer)).toEqual(hex('C0 04 01 90 00 3C D4 C0'));
  });

  it('PROTOCOL.md example 2: a CRC byte 0xC0 is escaped as DB DC, and decoded back', async () => {
    const raw = frameBytes({ address: 4, seq: 0x0c, cmd: Cmd.ping, payload: Buffer.alloc(0) });
    expect(raw).toEqual(hex('04 0C 01 00 C0 87'));
    const wire = await slipEncode(raw);
    expect(wire).toEqual(hex('C0 04 0C 01 00 DB DC 87 C0'));
    expect(await decodeFrames(wire)).toEqual([{ address: 4, seq: 0x0c, cmd: Cmd.ping, payload: Buffer.alloc(0) }]);
  });

  it('PROTOCOL.md: the POLL_KEYS answer and the NAK examples', () => {
    const keys = frameBytes({ address: 104, seq: 7, cmd: Cmd.pollKeys | REPLY, payload: hex('02 01 04') });
    expect(keys).toEqual(hex('68 07 A0 03 02 01 04 D2 BF'));
    const nak = frameBytes({ address: 4, seq: 2, cmd: NAK, payload: hex('10 03') });
    expect(nak).toEqual(hex('04 02 FF 02 10 03 A4 4A'));
  });

  it('escapes END and ESC in the payload and round-trips every byte value', async () => {
    const payload = Buffer.from(Array.from({ length: 64 }, (_, i) => [0xc0, 0xdb, 0xdc, 0xdd][i % 4] ?? 0));
    const wire = await slipEncode(frameBytes({ address: 0xc0, seq: 0xdb, cmd: 0x11, payload }));
    // Only the first and last bytes are END: none inside.
    expect(wire.subarray(1, -1).includes(0xc0)).toBe(false);
    const [f] = await decodeFrames(wire);
    expect(f).toEqual({ address: 0xc0, seq: 0xdb, cmd: 0x11, payload });

    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (let i = 0; i < 256; i += 64) {
      const chunk = all.subarray(i, i + 64);
      const [back] = await decodeFrames(await slipEncode(frameBytes({ address: 1, seq: 1, cmd: 1, payload: chunk })));
      expect(back?.payload).toEqual(chunk);
    }
  });

  it('refuses frames that are short, of the wrong length or with a bad CRC', () => {
    expect(parseFrame(hex('04 01 10'))).toMatch(/short/);
    expect(parseFrame(hex('04 01 10 05 05 35 FE 7F'))).toMatch(/length/);
    expect(parseFrame(hex('04 01 10 05 05 35 30 30 32 FE 7F'))).toBe('bad CRC');
    expect(() => frameBytes({ address: 1, seq: 1, cmd: 1, payload: Buffer.alloc(65) })).toThrow(/payload/);
  });
});

describe('resynchronisation after line noise', () => {
  const ping = (seq: number) => frameBytes({ address: 9, seq, cmd: Cmd.ping, payload: Buffer.alloc(0) });

  it('drops the garbage before a frame and keeps the frame, in any chunking', async () => {
    const good = await slipEncode(ping(1));
    const wire = Buffer.concat([hex('13 37 DB 00 FF 42 C0 C0 55'), good, hex('AA C0'), await slipEncode(ping(2))]);
    // decodeFrames drops whatever fails the checks
    expect((await decodeFrames(wire)).map((f) => f.seq)).toEqual([1, 2]);
    // and the raw SLIP split shows the noise was there
    expect((await slipDecode(wire)).length).toBeGreaterThan(2);

    for (const size of [1, 2, 3, 7]) {
      const [a, b] = duplexPair();
      const link = new FrameLink(b);
      const frames: Frame[] = [];
      const bad: string[] = [];
      link.on('frame', (f) => frames.push(f));
      link.on('bad', (reason) => bad.push(reason));
      for (let i = 0; i < wire.length; i += size) a.write(wire.subarray(i, i + size));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(
        frames.map((f) => f.seq),
        `chunks of ${size}`,
      ).toEqual([1, 2]);
      expect(bad.length, `noise reported, chunks of ${size}`).toBeGreaterThan(0);
      link.detach();
    }
  });

  it('a frame cut short by noise is dropped and the next frame is received whole', async () => {
    const first = await slipEncode(ping(3));
    const cut = first.subarray(0, 4); // C0 09 03 01 …, then the line glitches
    const wire = Buffer.concat([cut, hex('FF 00'), await slipEncode(ping(4))]);
    expect((await decodeFrames(wire)).map((f) => f.seq)).toEqual([4]);
  });

  it('a bad escape sequence loses that frame only', async () => {
    const wire = Buffer.concat([hex('C0 09 05 DB 01 00 C0'), await slipEncode(ping(6))]);
    expect((await decodeFrames(wire)).map((f) => f.seq)).toEqual([6]);
  });
});
