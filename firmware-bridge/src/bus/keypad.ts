// A clerk's keypad on the bus: polled for key presses (POLL_KEYS) while it answers. A lost answer is
// asked for again with the same sequence number, and the device answers a repeated sequence number
// with the same keys, so a press is neither lost nor reported twice. Each press comes with the time it
// was made: from the age the device reports, or, from a device that reports none, the time of the
// last poll it answered before (the press was made after it; after an outage that is long ago, so a
// press the keypad held while it was off the bus is never taken for a fresh one).
import { EventEmitter } from 'node:events';
import { parsePollKeysAnswer } from './commands.ts';
import { Cmd, type KeyName, keyName } from './frame.ts';
import type { BusMaster } from './master.ts';

export interface KeypadEvents {
  /** `pressedAt`: epoch ms, this machine's clock; 0 when unknown (the press may be of any age). */
  key: [key: KeyName, pressedAt: number];
  unknownKey: [code: number];
}

export class Keypad extends EventEmitter<KeypadEvents> {
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;
  /** When the keypad last answered a poll (0: not yet). */
  #answeredAt = 0;

  constructor(
    readonly master: BusMaster,
    readonly address: number,
    readonly pollIntervalMs: number,
    readonly now: () => number = Date.now,
  ) {
    super();
    master.watch(address);
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.poll(), this.pollIntervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Asks the keypad once for its presses (skipped while it is offline or a poll is under way). */
  async poll(): Promise<void> {
    if (this.#polling || !this.master.attached || this.master.state(this.address) === 'offline') return;
    this.#polling = true;
    try {
      const answer = await this.master.request(this.address, Cmd.pollKeys);
      const now = this.now();
      const earliest = this.#answeredAt;
      this.#answeredAt = now;
      for (const k of parsePollKeysAnswer(answer.payload)) {
        const key = keyName(k.code);
        if (key) this.emit('key', key, k.ageMs !== undefined ? now - k.ageMs : earliest);
        else this.emit('unknownKey', k.code);
      }
    } catch {
      // Offline, unplugged or refused: the master reports the device's state.
    } finally {
      this.#polling = false;
    }
  }
}
