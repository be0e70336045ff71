// Plays clip sequences of a voice pack with Web Audio: each clip fetched and decoded once, a
// sequence scheduled on the audio clock by speech.ts's schedule (clips back to back, short pauses
// only where a speaker breathes), resolved when its last clip has finished.
import { type ClipId, clipParts, playable, schedule } from './speech.ts';

export class ClipPlayer {
  readonly #base: string;
  readonly #context: AudioContext;
  readonly #clips = new Map<ClipId, Promise<AudioBuffer | null>>();
  /** Start and end of every sequence played (ms, performance.now()), for tests and diagnostics. */
  readonly log: { clips: ClipId[]; start: number; end: number }[] = [];

  constructor(base: string) {
    this.#base = base.replace(/\/$/, '');
    this.#context = new AudioContext();
  }

  #load(clip: ClipId): Promise<AudioBuffer | null> {
    let p = this.#clips.get(clip);
    if (!p) {
      p = fetch(`${this.#base}/${clip}.wav`)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${clip}: ${r.status}`))))
        .then((data) => this.#context.decodeAudioData(data))
        .catch(() => null); // a missing clip is skipped, the rest of the call is still said
      this.#clips.set(clip, p);
    }
    return p;
  }

  /** Loads a pack's clips ahead of the first call. */
  async preload(clips: readonly ClipId[]): Promise<void> {
    await Promise.all(clips.map((c) => this.#load(c)));
  }

  async play(clips: ClipId[]): Promise<void> {
    const start = performance.now();
    await this.#context.resume().catch(() => undefined);
    // Load the sequence and, for a clip a pack may lack, what stands in for it.
    const wanted = [...new Set(clips.flatMap((c) => [c, ...(clipParts(c) ?? [])]))];
    const buffers = new Map<ClipId, AudioBuffer>();
    await Promise.all(
      wanted.map(async (c) => {
        const b = await this.#load(c);
        if (b) buffers.set(c, b);
      }),
    );
    const placed = schedule(
      playable(clips, (c) => buffers.has(c)),
      (c) => buffers.get(c)?.duration ?? 0,
    );
    const at = this.#context.currentTime + 0.05;
    for (const p of placed) {
      const source = this.#context.createBufferSource();
      source.buffer = buffers.get(p.clip) ?? null;
      source.connect(this.#context.destination);
      source.start(at + p.at);
    }
    const seconds = at + (placed.at(-1)?.end ?? 0) - this.#context.currentTime;
    // Wait by the clock as well, so a browser that keeps the context suspended does not make the
    // queue run ahead of what is heard.
    await new Promise((r) => setTimeout(r, Math.max(0, seconds * 1000)));
    this.log.push({ clips, start, end: performance.now() });
  }
}
