// Plays clip sequences of a voice pack with Web Audio: each clip fetched and decoded once, a
// sequence scheduled back to back, resolved when its last clip has finished.
import type { ClipId } from './speech.ts';

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
    const buffers = await Promise.all(clips.map((c) => this.#load(c)));
    let at = this.#context.currentTime + 0.05;
    for (const buffer of buffers) {
      if (!buffer) continue;
      const source = this.#context.createBufferSource();
      source.buffer = buffer;
      source.connect(this.#context.destination);
      source.start(at);
      at += buffer.duration + 0.04;
    }
    const seconds = at - this.#context.currentTime;
    // Wait by the clock as well, so a browser that keeps the context suspended does not make the
    // queue run ahead of what is heard.
    await new Promise((r) => setTimeout(r, Math.max(0, seconds * 1000)));
    this.log.push({ clips, start, end: performance.now() });
  }
}
