// [OP1][OP2] Liveness and readiness. Liveness is the process answering at all (no store is asked);
// readiness is every store this server uses answering: the live store, the history store, and the
// Redis connections of its own (rate limits and sign-in throttle, Socket.IO fan-out) when it has them.
// Each check has a time limit, so a store that hangs counts as down instead of holding the probe.

/** One thing the server depends on, asked whether it answers. */
export interface ReadinessCheck {
  /** Stable name in answers and metrics: `live`, `history`, `redis-limits`, `redis-pubsub`. */
  name: string;
  ping(): Promise<unknown>;
}

export type CheckState = 'up' | 'down';

export interface ReadinessResult {
  ready: boolean;
  checks: Record<string, CheckState>;
}

/** How long one check may take before it counts as down (ms). */
export const CHECK_TIMEOUT_MS = 2_000;

/** The timer as it was at load: a test's fake timers must not hold a probe. */
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;

export class Readiness {
  readonly #checks: ReadinessCheck[];
  readonly #timeoutMs: number;

  constructor(checks: readonly ReadinessCheck[], opts: { timeoutMs?: number } = {}) {
    this.#checks = [...checks];
    this.#timeoutMs = opts.timeoutMs ?? CHECK_TIMEOUT_MS;
  }

  /** One more thing to check (a connection made after the app, e.g. Socket.IO's Redis). */
  add(check: ReadinessCheck): void {
    this.#checks.push(check);
  }

  /** The names checked, in order. */
  get names(): string[] {
    return this.#checks.map((c) => c.name);
  }

  /** Every check at once; ready when all are up. */
  async check(): Promise<ReadinessResult> {
    const states = await Promise.all(this.#checks.map((c) => this.#one(c)));
    const checks: Record<string, CheckState> = {};
    this.#checks.forEach((c, i) => {
      checks[c.name] = states[i] ?? 'down';
    });
    return { ready: states.every((s) => s === 'up'), checks };
  }

  async #one(check: ReadinessCheck): Promise<CheckState> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CheckState>((resolve) => {
      timer = realSetTimeout(() => resolve('down'), this.#timeoutMs);
    });
    try {
      return await Promise.race([
        Promise.resolve()
          .then(() => check.ping())
          .then(
            () => 'up' as const,
            () => 'down' as const,
          ),
        timeout,
      ]);
    } finally {
      realClearTimeout(timer);
    }
  }
}
