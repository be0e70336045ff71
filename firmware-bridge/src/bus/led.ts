// An LED counter display on the bus: keeps what it should show and sends it when it changes, when the
// device comes back online, and when it restarted. A call blinks for a while (the device stops blinking
// by itself); a short message (a refusal code) is held for a few seconds, then the device goes back to
// what it showed before.
import { brightnessPayload, MAX_NUMBER_CHARS, showNumberPayload, showTextPayload, toLedText } from './commands.ts';
import { Cmd } from './frame.ts';
import { type BusMaster, NakError } from './master.ts';

export type LedContent =
  | { kind: 'number'; text: string /** Epoch ms until which it blinks. */; blinkUntil?: number }
  | { kind: 'text'; text: string }
  | { kind: 'blank' };

export interface LedOptions {
  brightness?: number;
  /** A device refused a command (NAK): it is up, but something is wrong with what was sent. */
  onRefused?: (error: NakError) => void;
  /** A device carried out a command (after a refusal, the fault is over). */
  onAccepted?: () => void;
}

export class LedDisplay {
  #content: LedContent = { kind: 'blank' };
  #shown: string | undefined;

  constructor(
    readonly master: BusMaster,
    readonly address: number,
    readonly opts: LedOptions = {},
  ) {
    master.watch(address);
  }

  get content(): LedContent {
    return this.#content;
  }

  /** Shows `content`; the same content again is not re-sent (so a blink runs its course) unless `force`. */
  show(content: LedContent, force = false): Promise<void> {
    const key = signature(content);
    this.#content = content;
    if (!force && key === this.#shown) return Promise.resolve();
    this.#shown = key;
    return this.#send(...command(content)).catch(() => {
      this.#shown = undefined; // not shown: send it next time
    });
  }

  /** Shows `text` for `seconds`, after which the device returns to its content by itself. */
  flash(text: string, seconds: number): Promise<void> {
    return this.#send(Cmd.showText, showTextPayload(toLedText(text), seconds), false);
  }

  /**
   * Everything again, as after a power-up: brightness, then the content. A number is shown steady
   * (PROTOCOL.md, SHOW_NUMBER): the call it blinked for was announced already.
   */
  async resync(): Promise<void> {
    this.#shown = undefined;
    if (this.opts.brightness !== undefined) {
      await this.#send(Cmd.brightness, brightnessPayload(this.opts.brightness), false).catch(() => {});
    }
    await this.show(steady(this.#content), true);
  }

  async #send(cmd: number, payload: Buffer, coalesce = true): Promise<void> {
    try {
      await this.master.request(this.address, cmd, payload, coalesce ? { coalesce: `show:${this.address}` } : {});
      this.opts.onAccepted?.();
    } catch (error) {
      if (error instanceof NakError) this.opts.onRefused?.(error);
      // Offline or unanswered: the display is resynced when it answers again.
      throw error;
    }
  }
}

/** The same content, not blinking. */
export function steady(c: LedContent): LedContent {
  return c.kind === 'number' ? { kind: 'number', text: c.text } : c;
}

function signature(c: LedContent): string {
  return c.kind === 'blank' ? 'blank' : `${c.kind}:${c.text}`;
}

function command(c: LedContent): [number, Buffer] {
  if (c.kind === 'number') {
    const text = toLedText(c.text, MAX_NUMBER_CHARS);
    const blink = Math.max(0, Math.ceil(((c.blinkUntil ?? 0) - Date.now()) / 1000));
    return [Cmd.showNumber, showNumberPayload(text, blink)];
  }
  if (c.kind === 'text' && c.text) return [Cmd.showText, showTextPayload(toLedText(c.text), 0)];
  return [Cmd.clear, Buffer.alloc(0)];
}
