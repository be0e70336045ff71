// The RS-485 bus frame (see PROTOCOL.md): ADDR SEQ CMD LEN PAYLOAD CRC16, SLIP-framed on the wire with
// an END byte before and after every frame, so a receiver resynchronises at the next END after noise.
// SLIP itself is serialport's SlipEncoder/SlipDecoder; this module adds the frame layout and the CRC.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { SlipDecoder, SlipEncoder } from 'serialport';
import { crc16 } from './crc.ts';

export const BROADCAST = 0x00;
export const MIN_ADDRESS = 0x01;
export const MAX_ADDRESS = 0xf7;
const MAX_PAYLOAD = 64;
/** Set in CMD on every answer from a device. */
export const REPLY = 0x80;
/** CMD of a negative acknowledgement; its payload is [the refused CMD, reason]. */
export const NAK = 0xff;
const HEADER = 4;
const CRC_BYTES = 2;

export const Cmd = {
  ping: 0x01,
  showNumber: 0x10,
  showText: 0x11,
  clear: 0x12,
  brightness: 0x13,
  pollKeys: 0x20,
} as const;

export const NakReason = {
  unknownCommand: 0x01,
  badLength: 0x02,
  badValue: 0x03,
  busy: 0x04,
  unsupported: 0x05,
} as const;
export type NakReasonName = keyof typeof NakReason;

export function nakReasonName(code: number): NakReasonName | `0x${string}` {
  const found = (Object.keys(NakReason) as NakReasonName[]).find((k) => NakReason[k] === code);
  return found ?? `0x${code.toString(16).padStart(2, '0')}`;
}

/** Key codes in a POLL_KEYS answer. */
export const KeyCode = { next: 0x01, recall: 0x02, 'no-show': 0x03, pause: 0x04, start: 0x05, finish: 0x06 } as const;
export type KeyName = keyof typeof KeyCode;
export function keyName(code: number): KeyName | undefined {
  return (Object.keys(KeyCode) as KeyName[]).find((k) => KeyCode[k] === code);
}

/** Bits of the device-type byte of a PING answer. */
export const DeviceType = { display: 0x01, keypad: 0x02 } as const;
/** Bits of the flags byte of a PING answer. */
export const PingFlag = { reset: 0x01 } as const;

export interface Frame {
  address: number;
  seq: number;
  cmd: number;
  payload: Buffer;
}

/** The frame's bytes before SLIP: header, payload and CRC (low byte first). */
export function frameBytes(f: Frame): Buffer {
  if (f.payload.length > MAX_PAYLOAD) throw new RangeError(`payload of ${f.payload.length} bytes (max ${MAX_PAYLOAD})`);
  const out = Buffer.alloc(HEADER + f.payload.length + CRC_BYTES);
  out[0] = f.address;
  out[1] = f.seq;
  out[2] = f.cmd;
  out[3] = f.payload.length;
  f.payload.copy(out, HEADER);
  out.writeUInt16LE(crc16(out.subarray(0, HEADER + f.payload.length)), HEADER + f.payload.length);
  return out;
}

/** A frame's bytes (SLIP already removed) checked and split; a string says why they were dropped. */
export function parseFrame(bytes: Buffer): Frame | string {
  if (bytes.length < HEADER + CRC_BYTES) return `short frame (${bytes.length} bytes)`;
  const len = bytes[3] ?? 0;
  if (bytes.length !== HEADER + len + CRC_BYTES) return `length ${len} does not match ${bytes.length} bytes`;
  const body = bytes.subarray(0, HEADER + len);
  const crc = bytes.readUInt16LE(HEADER + len);
  if (crc16(body) !== crc) return 'bad CRC';
  return {
    address: bytes[0] ?? 0,
    seq: bytes[1] ?? 0,
    cmd: bytes[2] ?? 0,
    payload: Buffer.from(bytes.subarray(HEADER, HEADER + len)),
  };
}

/** SLIP-encodes frame bytes with a leading and a trailing END (as a whole, for tests and the docs). */
export function slipEncode(raw: Buffer): Promise<Buffer> {
  return collect(new SlipEncoder({ bluetoothQuirk: true }), [raw]).then((chunks) => Buffer.concat(chunks));
}

/** Splits SLIP-encoded bytes into the byte strings between END bytes (empty ones dropped). */
export function slipDecode(wire: Buffer): Promise<Buffer[]> {
  return collect(new SlipDecoder({ readableObjectMode: true }), [wire]).then((parts) => parts.filter((p) => p.length));
}

/** Decodes wire bytes into frames, dropping what fails its checks. */
export async function decodeFrames(wire: Buffer): Promise<Frame[]> {
  return (await slipDecode(wire)).map(parseFrame).filter((f): f is Frame => typeof f !== 'string');
}

function collect(t: SlipEncoder | SlipDecoder, input: Buffer[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    t.on('data', (chunk: Buffer) => out.push(chunk));
    t.once('end', () => resolve(out));
    t.once('error', reject);
    for (const chunk of input) t.write(chunk);
    t.end();
  });
}

export interface FrameLinkEvents {
  frame: [Frame];
  /** Bytes between END bytes that were not a valid frame (noise, a collision, a cut frame). */
  bad: [reason: string, bytes: Buffer];
}

/** Frames over a byte stream (a serial port, a pty, an in-memory pipe). Does not own the stream. */
export class FrameLink extends EventEmitter<FrameLinkEvents> {
  readonly #stream: Duplex;
  readonly #encoder = new SlipEncoder({ bluetoothQuirk: true });
  readonly #decoder = new SlipDecoder({ readableObjectMode: true });

  constructor(stream: Duplex) {
    super();
    this.#stream = stream;
    this.#encoder.pipe(stream, { end: false });
    stream.pipe(this.#decoder);
    this.#decoder.on('data', (bytes: Buffer) => {
      if (bytes.length === 0) return;
      const f = parseFrame(bytes);
      if (typeof f === 'string') this.emit('bad', f, bytes);
      else this.emit('frame', f);
    });
  }

  send(f: Frame): void {
    this.#encoder.write(frameBytes(f));
  }

  /** Puts raw bytes on the line as they are (the simulator uses it to make noise). */
  sendRaw(bytes: Buffer): void {
    this.#stream.write(bytes);
  }

  detach(): void {
    this.#encoder.unpipe(this.#stream);
    this.#stream.unpipe(this.#decoder);
    this.#encoder.destroy();
    this.#decoder.destroy();
  }
}
