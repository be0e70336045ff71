// A clerk's keypad on the bus: polled for key presses (POLL_KEYS) while it answers. A lost answer is
// asked for again with the same sequence number, and the device answers a repeated sequence number
// with the same keys, so a press is neither lost nor reported twice.
import { EventEmitter } from 'node:events';
import { parsePollKeysAnswer } from './commands.ts';
import { Cmd, type KeyName, keyName } from './frame.ts';
import type { BusMaster } from './master.ts';

export interface KeypadEvents {
  key: [key: KeyName];
  unknownKey: [code: number];
}

export class Keypad extends EventEmitter<KeypadEvents> {
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;

  constructor(
    readonly master: BusMaster,
    readonly address: number,
    readonly pollIntervalMs: number,
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
      for (const code of parsePollKeysAnswer(answer.payload)) {
        const key = keyName(code);
        if (key) this.emit('key', key);
        else this.emit('unknownKey', code);
      }
    } catch {
      // Offline, unplugged or refused: the master reports the device's state.
    } finally {
      this.#polling = false;
    }
  }
}
