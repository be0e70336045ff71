// Simulated bus devices (LED displays, keypads, or both in one unit) answering on a byte stream as
// PROTOCOL.md says a device must. Used by the simulator CLI over a pty and by tests over any Duplex,
// with hooks: what each LED shows, press a key, unplug or power-cycle a device, noise on the line.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import {
  MAX_KEYS_PER_POLL,
  parseBrightness,
  parseShowNumber,
  parseShowText,
  pingAnswerPayload,
  pollKeysAnswerPayload,
} from '../bus/commands.ts';
import {
  BROADCAST,
  Cmd,
  DeviceType,
  type Frame,
  FrameLink,
  frameBytes,
  KeyCode,
  type KeyName,
  NAK,
  NakReason,
  PingFlag,
  REPLY,
} from '../bus/frame.ts';

export interface SimDeviceSpec {
  address: number;
  display?: boolean;
  keypad?: boolean;
  /** For people reading the simulator's output. */
  label?: string;
  /** The firmware version its PING answer gives (default FIRMWARE_VERSION). */
  firmware?: number;
}

/** What an LED shows now. */
export interface LedView {
  address: number;
  label: string;
  mode: 'blank' | 'number' | 'text';
  text: string;
  blinking: boolean;
  /** A message shown for a few seconds (SHOW_TEXT with a hold time), after which the LED goes back. */
  held: boolean;
  brightness: number;
}

export interface SimBusEvents {
  /** An LED's view changed, or it was told to show something (even the same thing again). */
  display: [LedView];
  /** A valid request reached a plugged device of this bus (or was broadcast). */
  request: [Frame];
  noise: [reason: string];
}

export const FIRMWARE_VERSION = 1;

class SimDevice {
  plugged = true;
  reset = true;
  base: { mode: LedView['mode']; text: string } = { mode: 'blank', text: '' };
  blinkingUntil = 0;
  held: { text: string; timer: ReturnType<typeof setTimeout> } | undefined;
  blinkTimer: ReturnType<typeof setTimeout> | undefined;
  brightness = 100;
  /** Presses not yet reported, oldest first, with the time each was made. */
  keys: { code: number; at: number }[] = [];
  last: { seq: number; cmd: number; reply: Frame } | undefined;
  nak: { reason: number; cmd?: number } | undefined;
  readonly history: LedView[] = [];

  constructor(readonly spec: SimDeviceSpec) {}

  get type(): number {
    return (this.spec.display ? DeviceType.display : 0) | (this.spec.keypad ? DeviceType.keypad : 0);
  }

  view(): LedView {
    const label = this.spec.label ?? `LED ${this.spec.address}`;
    const common = { address: this.spec.address, label, brightness: this.brightness };
    if (this.held) return { ...common, mode: 'text', text: this.held.text, blinking: false, held: true };
    return { ...common, ...this.base, blinking: this.blinkingUntil > Date.now(), held: false };
  }

  clearTimers(): void {
    if (this.held) clearTimeout(this.held.timer);
    if (this.blinkTimer) clearTimeout(this.blinkTimer);
    this.held = undefined;
    this.blinkTimer = undefined;
    this.blinkingUntil = 0;
  }
}

export class SimulatedBus extends EventEmitter<SimBusEvents> {
  readonly #link: FrameLink;
  readonly #devices = new Map<number, SimDevice>();
  readonly #replyDelayMs: number;
  readonly #keyAges: boolean;
  readonly #now: () => number;
  /** Every valid request seen on the line, in order (for tests). */
  readonly requests: Frame[] = [];
  /** A second device set to the same address as a first one (addTwin), and how many times they answered. */
  readonly #twins = new Map<number, SimDevice>();
  readonly #rounds = new Map<number, number>();
  #closed = false;

  constructor(
    readonly stream: Duplex,
    devices: SimDeviceSpec[],
    opts: {
      replyDelayMs?: number;
      /** Keypads report each press's age (PROTOCOL.md, POLL_KEYS); false: firmware that does not. */
      keyAges?: boolean;
      /** The keypads' clock, for the age of presses (tests move it on). */
      now?: () => number;
    } = {},
  ) {
    super();
    this.#replyDelayMs = opts.replyDelayMs ?? 0;
    this.#keyAges = opts.keyAges ?? true;
    this.#now = opts.now ?? Date.now;
    for (const spec of devices) {
      const existing = this.#devices.get(spec.address);
      if (existing) {
        // One unit at an address may be both a display and a keypad.
        existing.spec.display ||= spec.display;
        existing.spec.keypad ||= spec.keypad;
        existing.spec.label ??= spec.label;
      } else {
        this.#devices.set(spec.address, new SimDevice({ ...spec }));
      }
    }
    this.#link = new FrameLink(stream);
    this.#link.on('frame', (f) => this.#onFrame(f));
    this.#link.on('bad', (reason) => this.emit('noise', reason));
  }

  get addresses(): number[] {
    return [...this.#devices.keys()];
  }

  /** What the LED at `address` shows now. */
  display(address: number): LedView {
    return this.#device(address).view();
  }

  /** Every view the LED at `address` was told to show, oldest first. */
  history(address: number): LedView[] {
    return this.#device(address).history;
  }

  /**
   * A clerk presses `key` on the keypad at `address`. An unplugged keypad is still powered: it keeps
   * the press and reports it, with its age, once it is polled again (as a real one does).
   */
  press(address: number, key: KeyName): void {
    const d = this.#device(address);
    if (!d.spec.keypad) throw new Error(`no keypad at address ${address}`);
    if (d.keys.length < 16) d.keys.push({ code: KeyCode[key], at: this.#now() });
  }

  /** The device stops answering (its cable is pulled); it keeps what it showed, as a powered LED would. */
  unplug(address: number): void {
    this.#device(address).plugged = false;
  }

  plug(address: number): void {
    this.#device(address).plugged = true;
  }

  /** The device restarts: blank, full brightness, no keys, and the reset flag set for the next PING. */
  powerCycle(address: number): void {
    const d = this.#device(address);
    d.clearTimers();
    d.base = { mode: 'blank', text: '' };
    d.brightness = 100;
    d.keys = [];
    d.last = undefined;
    d.reset = true;
    this.#changed(d);
  }

  /** The device answers its next request (of command `cmd`, if given) with a NAK of this reason. */
  nakNext(address: number, reason: number, cmd?: number): void {
    this.#device(address).nak = { reason, ...(cmd !== undefined ? { cmd } : {}) };
  }

  /**
   * Puts a second device on the address of an existing one (someone set two DIP switches alike). Both
   * carry out every request to it and both answer. On a real line their answers overlap now and then:
   * here every third answer is the two frames on top of one another (a damaged frame, which the master
   * drops), and the others come from one device or the other in turn — so the master sees damaged
   * answers at an address that otherwise answers, and two identities when the two differ.
   */
  addTwin(address: number, spec: Omit<SimDeviceSpec, 'address'> = {}): void {
    const first = this.#device(address);
    this.#twins.set(
      address,
      new SimDevice({
        display: spec.display ?? first.spec.display,
        keypad: spec.keypad ?? first.spec.keypad,
        label: spec.label ?? `${first.spec.label ?? `LED ${address}`} (twin)`,
        firmware: spec.firmware ?? (first.spec.firmware ?? FIRMWARE_VERSION) + 1,
        address,
      }),
    );
  }

  /** Takes the second device off an address (addTwin) again. */
  removeTwin(address: number): void {
    this.#twins.delete(address);
  }

  /** Puts bytes that are no frame on the line. */
  noise(bytes: Buffer = Buffer.from([0x13, 0x37, 0xdb, 0x00, 0xff, 0x42, 0x07])): void {
    this.#link.sendRaw(bytes);
  }

  close(): void {
    this.#closed = true;
    for (const d of this.#devices.values()) d.clearTimers();
    this.#link.detach();
  }

  #device(address: number): SimDevice {
    const d = this.#devices.get(address);
    if (!d) throw new Error(`no simulated device at address ${address}`);
    return d;
  }

  #onFrame(f: Frame): void {
    if (this.#closed || f.cmd & REPLY) return; // answers (other devices') are not for devices
    if (f.address === BROADCAST) {
      if (f.cmd === Cmd.ping || f.cmd === Cmd.pollKeys) return; // never broadcast: ignored
      this.requests.push(f);
      this.emit('request', f);
      for (const d of this.#devices.values()) if (d.plugged) this.#execute(d, f);
      return;
    }
    const d = this.#devices.get(f.address);
    if (!d?.plugged) return;
    this.requests.push(f);
    this.emit('request', f);
    const reply = this.#answer(d, f);
    const twin = this.#twins.get(f.address);
    let send = () => {
      if (!this.#closed && d.plugged) this.#link.send(reply);
    };
    if (twin) {
      const second = this.#answer(twin, f);
      const round = (this.#rounds.get(f.address) ?? 0) + 1;
      this.#rounds.set(f.address, round);
      if (round % 3 === 1) send = () => !this.#closed && this.#link.sendRaw(overlap(reply, second));
      else if (round % 3 === 0) send = () => !this.#closed && this.#link.send(second);
    }
    if (this.#replyDelayMs > 0) setTimeout(send, this.#replyDelayMs);
    else setImmediate(send);
  }

  /** The device's answer: the one it sent before for a repeated sequence number and command (a retry). */
  #answer(d: SimDevice, f: Frame): Frame {
    const reply = d.last && d.last.seq === f.seq && d.last.cmd === f.cmd ? d.last.reply : this.#execute(d, f);
    d.last = { seq: f.seq, cmd: f.cmd, reply };
    return reply;
  }

  #execute(d: SimDevice, f: Frame): Frame {
    const answer = (payload: Buffer = Buffer.alloc(0)): Frame => ({
      address: d.spec.address,
      seq: f.seq,
      cmd: f.cmd | REPLY,
      payload,
    });
    const nak = (reason: number): Frame => ({
      address: d.spec.address,
      seq: f.seq,
      cmd: NAK,
      payload: Buffer.from([f.cmd, reason]),
    });
    if (d.nak !== undefined && (d.nak.cmd === undefined || d.nak.cmd === f.cmd)) {
      const { reason } = d.nak;
      d.nak = undefined;
      return nak(reason);
    }
    const displayOnly = [Cmd.showNumber, Cmd.showText, Cmd.clear, Cmd.brightness] as number[];
    if (displayOnly.includes(f.cmd) && !d.spec.display) return nak(NakReason.unsupported);
    switch (f.cmd) {
      case Cmd.ping: {
        if (f.payload.length !== 0) return nak(NakReason.badLength);
        const flags = d.reset ? PingFlag.reset : 0;
        d.reset = false;
        return answer(pingAnswerPayload(d.type, d.spec.firmware ?? FIRMWARE_VERSION, flags));
      }
      case Cmd.showNumber: {
        const p = parseShowNumber(f.payload);
        if (typeof p === 'number') return nak(p);
        d.clearTimers();
        d.base = { mode: 'number', text: p.text };
        if (p.blinkSeconds > 0) {
          d.blinkingUntil = Date.now() + p.blinkSeconds * 1000;
          d.blinkTimer = setTimeout(() => {
            d.blinkTimer = undefined;
            d.blinkingUntil = 0;
            this.#changed(d);
          }, p.blinkSeconds * 1000);
          d.blinkTimer.unref?.();
        }
        this.#changed(d);
        return answer();
      }
      case Cmd.showText: {
        const p = parseShowText(f.payload);
        if (typeof p === 'number') return nak(p);
        if (p.holdSeconds > 0) {
          if (d.held) clearTimeout(d.held.timer);
          const timer = setTimeout(() => {
            d.held = undefined;
            this.#changed(d);
          }, p.holdSeconds * 1000);
          timer.unref?.();
          d.held = { text: p.text, timer };
        } else {
          d.clearTimers();
          d.base = p.text ? { mode: 'text', text: p.text } : { mode: 'blank', text: '' };
        }
        this.#changed(d);
        return answer();
      }
      case Cmd.clear:
        if (f.payload.length !== 0) return nak(NakReason.badLength);
        d.clearTimers();
        d.base = { mode: 'blank', text: '' };
        this.#changed(d);
        return answer();
      case Cmd.brightness: {
        const p = parseBrightness(f.payload);
        if (typeof p === 'number') return nak(p);
        d.brightness = p.percent;
        this.#changed(d);
        return answer();
      }
      case Cmd.pollKeys: {
        if (!d.spec.keypad) return nak(NakReason.unsupported);
        if (f.payload.length !== 0) return nak(NakReason.badLength);
        const keys = d.keys.splice(0, MAX_KEYS_PER_POLL);
        const now = this.#now();
        return answer(
          pollKeysAnswerPayload(
            keys.map((k) => k.code),
            this.#keyAges ? keys.map((k) => now - k.at) : undefined,
          ),
        );
      }
      default:
        return nak(NakReason.unknownCommand);
    }
  }

  #changed(d: SimDevice): void {
    if (!d.spec.display) return;
    const view = d.view();
    d.history.push(view);
    if (d.history.length > 500) d.history.shift();
    this.emit('display', view);
  }
}

/**
 * Two answers sent at once on one pair of wires: where either drives a 0 bit the line reads 0 (the
 * bytes ANDed), and the two never start at exactly the same moment, so the tail is smeared too. The
 * result is SLIP-framed as one frame, whose CRC fails.
 */
function overlap(a: Frame, b: Frame): Buffer {
  const x = frameBytes(a);
  const y = frameBytes(b);
  const merged = Buffer.alloc(Math.max(x.length, y.length));
  for (let i = 0; i < merged.length; i++) merged[i] = (x[i] ?? 0xff) & (y[i] ?? 0xff);
  const last = merged.length - 1;
  merged[last] = (merged[last] ?? 0) ^ 0x5a;
  const out: number[] = [0xc0];
  for (const byte of merged) {
    if (byte === 0xc0) out.push(0xdb, 0xdc);
    else if (byte === 0xdb) out.push(0xdb, 0xdd);
    else out.push(byte);
  }
  out.push(0xc0);
  return Buffer.from(out);
}
