// A fixed-window counter per key (kiosk id or client address). In memory: each process limits what
// it serves, which is what a limit against a misbehaving kiosk or script needs.
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: () => number;
  #windowStart = 0;
  #counts = new Map<string, number>();

  constructor(limit: number, windowMs: number, clock: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#clock = clock;
  }

  /** Counts one hit; false when the key is over its limit for this window. */
  take(key: string): boolean {
    const now = this.#clock();
    if (now - this.#windowStart >= this.#windowMs) {
      this.#windowStart = now;
      this.#counts = new Map();
    }
    const n = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, n);
    return n <= this.#limit;
  }
}
