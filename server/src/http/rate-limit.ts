// [S12] A fixed-window counter per key (kiosk id or client address), in the store every process
// shares: Redis (through the one connection factory, so also on Sentinel or a Cluster) when the
// server runs on it, else this process's memory. rate-limiter-flexible keeps the counts; the window
// a hit falls in is taken from the server's clock (a test's moves with it) and is part of the key,
// so a new window starts with new counts at the same instant in every process.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { StoreUnavailableError } from '../store/port.ts';
import type { RedisClient } from '../store/redis/client.ts';

export interface RateLimiterOptions {
  /** Names the limit in its keys: limiters of one name share counts across processes. */
  name: string;
  /** Hits allowed per key in one window. */
  limit: number;
  windowMs: number;
  /** Epoch ms (default Date.now). */
  clock?: () => number;
  /** Counts shared through Redis; omitted: in this process's memory. */
  redis?: RedisClient;
  /** Default `nobat:rl`. */
  keyPrefix?: string;
}

export class RateLimiter {
  readonly #limiter: RateLimiterMemory | RateLimiterRedis;
  readonly #windowMs: number;
  readonly #clock: () => number;

  constructor(opts: RateLimiterOptions) {
    this.#windowMs = opts.windowMs;
    this.#clock = opts.clock ?? Date.now;
    const common = {
      keyPrefix: `${opts.keyPrefix ?? 'nobat:rl'}:${opts.name}`,
      points: opts.limit,
      // A window's counts outlive it by nothing: its key names the window, and the next one starts anew.
      duration: Math.max(1, Math.ceil(opts.windowMs / 1000)),
    };
    // A hit while the connection is still being made (just after start) waits for it, within the
    // command timeout, like every other command (S6), instead of failing at once.
    this.#limiter = opts.redis
      ? new RateLimiterRedis({ ...common, storeClient: opts.redis })
      : new RateLimiterMemory(common);
  }

  /**
   * Counts one hit; false when the key is over its limit for this window (`limit`: this call's
   * limit, when it varies by key, e.g. per branch; at most the limiter's). Redis unreachable:
   * StoreUnavailableError.
   */
  async take(key: string, limit?: number): Promise<boolean> {
    const window = Math.floor(this.#clock() / this.#windowMs);
    try {
      const res = await this.#limiter.consume(`${key}@${window}`);
      return limit === undefined || res.consumedPoints <= limit;
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      throw new StoreUnavailableError('redis', err);
    }
  }
}

/** A route's per-minute limit, counted where the server's deps say ([S12]). */
export function routeLimiter(
  deps: { clock: () => number; rateLimitRedis?: RedisClient },
  name: string,
  perMinute: number,
): RateLimiter {
  return new RateLimiter({
    name,
    limit: perMinute,
    windowMs: 60_000,
    clock: deps.clock,
    ...(deps.rateLimitRedis ? { redis: deps.rateLimitRedis } : {}),
  });
}
