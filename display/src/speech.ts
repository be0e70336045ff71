// Spoken calls: «شماره ۱۰۴۲، باجه ۳» assembled from a pack of recorded clips. A Persian
// number-to-words step chooses the clips; an announcer plays one call at a time, so calls never
// overlap, a recall is spoken again, and the same call arriving twice is spoken once.

import type { CallPayload } from '@nobat/protocol';

/** Clip ids of a voice pack: an office may replace any of them with its own recording. */
export type ClipId = string;

const ONES = ['', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه'];
const TEENS = ['ده', 'یازده', 'دوازده', 'سیزده', 'چهارده', 'پانزده', 'شانزده', 'هفده', 'هجده', 'نوزده'];
const TENS = ['', '', 'بیست', 'سی', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود'];
const HUNDREDS = ['', 'صد', 'دویست', 'سیصد', 'چهارصد', 'پانصد', 'ششصد', 'هفتصد', 'هشتصد', 'نهصد'];

/** Number words that «و» follows: the pack also has each with the «و» attached, as one clip. */
const JOINABLE: ClipId[] = [
  'thousand',
  ...TENS.slice(2).map((_, i) => `n${(i + 2) * 10}`),
  ...HUNDREDS.slice(1).map((_, i) => `n${(i + 1) * 100}`),
];
/** The suffix of a joined clip: `thousand-o` says «هزار‌و» (hezâr-o), the way Persian reads it. */
const JOINED = '-o';

const BASE_WORDS: Record<ClipId, string> = {
  chime: '',
  number: 'شماره',
  counter: 'باجه',
  and: 'و',
  thousand: 'هزار',
  zero: 'صفر',
  ...Object.fromEntries(ONES.slice(1).map((w, i) => [`n${i + 1}`, w])),
  ...Object.fromEntries(TEENS.map((w, i) => [`n${i + 10}`, w])),
  ...Object.fromEntries(TENS.slice(2).map((w, i) => [`n${(i + 2) * 10}`, w])),
  ...Object.fromEntries(HUNDREDS.slice(1).map((w, i) => [`n${(i + 1) * 100}`, w])),
};

/** The words of one clip, for the default pack's generator and for captions. */
export const CLIP_WORDS: Record<ClipId, string> = {
  ...BASE_WORDS,
  // «هزار‌و»: the word, a zero-width non-joiner, «و».
  ...Object.fromEntries(JOINABLE.map((c) => [`${c}${JOINED}`, `${BASE_WORDS[c]}\u200cو`])),
};

/**
 * What a joined clip is made of (`thousand-o` → `thousand`, `and`), for a pack that lacks it (an
 * office's older recordings): the player then says the two clips with no pause between them.
 */
export function clipParts(clip: ClipId): ClipId[] | null {
  return clip.endsWith(JOINED) ? [clip.slice(0, -JOINED.length), 'and'] : null;
}

/** «و» joined to the word before it: [`n100`, `n20`] → [`n100-o`, `n20`]. */
function joinWithAnd(parts: ClipId[]): ClipId[] {
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}${JOINED}` : p));
}

/** Clips of a number below 1000, parts joined by «و». */
function belowThousand(n: number): ClipId[] {
  const parts: ClipId[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) parts.push(`n${h * 100}`);
  if (rest >= 10 && rest < 20) parts.push(`n${rest}`);
  else {
    const t = Math.floor(rest / 10);
    const o = rest % 10;
    if (t > 0) parts.push(`n${t * 10}`);
    if (o > 0) parts.push(`n${o}`);
  }
  return joinWithAnd(parts);
}

/** The clips that say a whole number 0–999,999 in Persian: 1042 → هزار‌و چهل‌و دو. */
export function numberClips(n: number): ClipId[] {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`cannot say ${n}`);
  if (n === 0) return ['zero'];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head: ClipId[] =
    thousands === 0 ? [] : thousands === 1 ? ['thousand'] : [...belowThousand(thousands), 'thousand'];
  const tail = belowThousand(rest);
  if (head.length === 0) return tail;
  if (tail.length === 0) return head;
  return [...head.slice(0, -1), `thousand${JOINED}`, ...tail]; // «هزار‌و»
}

/** The words a clip sequence says (for captions and tests). */
export function say(clips: readonly ClipId[]): string {
  return clips
    .map((c) => CLIP_WORDS[c] ?? c)
    .filter((w) => w !== '')
    .join(' ');
}

/**
 * The clips of a call: chime, «شماره», the ticket number, «باجه», the counter number. A prefix
 * letter (A007) is its own clip, `letter-A`, before the number.
 */
export function callClips(ticketNumber: string, counterNumber: number): ClipId[] {
  const m = /^([A-Z]*)(\d+)$/.exec(ticketNumber);
  if (!m) throw new RangeError(`cannot say ticket ${ticketNumber}`);
  const letters = [...(m[1] ?? '')].map((l) => `letter-${l}`);
  return ['chime', 'number', ...letters, ...numberClips(Number(m[2])), 'counter', ...numberClips(counterNumber)];
}

/**
 * Silence before a clip, in seconds. The clips are trimmed to the voice, so the words of a number
 * follow one another as in speech; a breath after the chime and at the comma before «باجه» make a
 * call one sentence: «شماره هزار‌و یک، باجه یک».
 */
export function pauseBefore(clip: ClipId, previous: ClipId | undefined): number {
  if (previous === undefined) return 0;
  if (previous === 'chime') return 0.12;
  if (clip === 'counter') return 0.18;
  if (clip === 'and') return 0; // a joined clip's stand-in: «و» on the word before it
  return 0.02;
}

/** A clip placed in time: start and end in seconds from the start of its sequence. */
export interface Placed {
  clip: ClipId;
  at: number;
  end: number;
}

/**
 * The clips a pack can say for a sequence: a clip the pack lacks is replaced by its parts (a
 * joined clip by the word and `and`), and dropped when it has none, so the rest is still said.
 */
export function playable(clips: readonly ClipId[], has: (clip: ClipId) => boolean): ClipId[] {
  return clips.flatMap((c) => (has(c) ? [c] : (clipParts(c) ?? []).filter(has)));
}

/** Places a sequence's clips back to back, given the length of each (seconds). */
export function schedule(clips: readonly ClipId[], length: (clip: ClipId) => number): Placed[] {
  const placed: Placed[] = [];
  let at = 0;
  clips.forEach((clip, i) => {
    at += pauseBefore(clip, clips[i - 1]);
    placed.push({ clip, at, end: at + length(clip) });
    at += length(clip);
  });
  return placed;
}

/** How long a sequence sounds, from the start of its first clip to the end of its last. */
export function spokenLength(clips: readonly ClipId[], length: (clip: ClipId) => number): number {
  return schedule(clips, length).at(-1)?.end ?? 0;
}

/** What the announcer needs of a call: the log version tells a recall (new) from a repeat (same). */
export type Call = Pick<CallPayload, 'ticketId' | 'number' | 'counterNumber' | 'version'>;

/**
 * Plays calls one after another. `play` resolves when a sequence has finished sounding. The queue
 * holds each call once (by its version), so a call re-sent after a reconnect is not spoken twice,
 * while a recall — a new version — is spoken again.
 */
export class Announcer {
  readonly #play: (clips: ClipId[]) => Promise<void>;
  readonly #spoken = new Set<number>();
  readonly #queue: ClipId[][] = [];
  #busy = false;
  /** Every sequence handed to play, in order (what a test or a caption strip can read). */
  readonly played: ClipId[][] = [];

  constructor(play: (clips: ClipId[]) => Promise<void>) {
    this.#play = play;
  }

  announce(call: Call): void {
    if (this.#spoken.has(call.version)) return;
    this.#spoken.add(call.version);
    if (this.#spoken.size > 1000) this.#spoken.delete(this.#spoken.values().next().value as number);
    this.#queue.push(callClips(call.number, call.counterNumber));
    void this.#drain();
  }

  /** Calls waiting to be spoken (not counting the one sounding now). */
  get waiting(): number {
    return this.#queue.length;
  }

  async #drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let clips = this.#queue.shift(); clips; clips = this.#queue.shift()) {
        this.played.push(clips);
        try {
          await this.#play(clips);
        } catch {
          // A clip that cannot play must not silence the calls after it.
        }
      }
    } finally {
      this.#busy = false;
    }
  }
}
