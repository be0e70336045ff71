// Trying a request again when the server could not be reached or failed on its side (5xx): for a
// request that is safe to repeat, such as an issue carrying its request id (the server answers a
// repeat with the first answer, so a retry after a lost answer never makes a second ticket). A
// refusal (4xx) is the answer: it is not tried again.
import { ApiError } from './rest.ts';

export interface RetryOptions {
  /** Tries in all, the first included (6). */
  attempts?: number;
  /** The wait before try n+1, after try n (0-based) failed: 500 ms doubling. */
  delayMs?: (attempt: number) => number;
  /** How to wait (tests pass their own clock). */
  sleep?: (ms: number) => Promise<void>;
}

/** Worth trying again: the server was not reached, or failed itself. */
export const retryable = (err: unknown): boolean => err instanceof ApiError && (err.network || err.status >= 500);

export async function withRetries<T>(attempt: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  const delayMs = opts.delayMs ?? ((n) => 500 * 2 ** n);
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!retryable(err) || n + 1 >= attempts) throw err;
      await sleep(delayMs(n));
    }
  }
}
