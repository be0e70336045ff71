// Guessing passwords is made slow: failed sign-ins are counted per username from one address, per
// username from every address, and per address, and once a count reaches its limit further
// attempts are refused (429, with the wait) before any password is checked. A successful sign-in
// clears the username's counts; the address's daily count stays. The counts live in Redis when the
// server runs on it (every process sees the same), else in this process's memory.

import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { StoreUnavailableError } from '../store/port.ts';
import type { RedisClient } from '../store/redis/client.ts';

export interface LoginThrottleOptions {
  /** Failed sign-ins of one username from one address before it must wait (default 5). */
  failsPerUser?: number;
  /** The wait, in minutes (default 15). */
  waitMinutes?: number;
  /** Failed sign-ins from one address in a day, whatever the username (default 100). */
  failsPerAddress?: number;
  /** Shared counts for several processes; omitted: in memory. */
  redis?: RedisClient;
  keyPrefix?: string;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

interface Rule {
  scope: 'user+address' | 'user' | 'address';
  limiter: Limiter;
  points: number;
  blockSeconds: number;
  key: (username: string, address: string) => string;
}

export interface Throttled {
  retryAfterSeconds: number;
  scope: Rule['scope'];
}

const DAY = 24 * 3600;

export class LoginThrottle {
  readonly #rules: Rule[];

  constructor(opts: LoginThrottleOptions = {}) {
    const perUser = opts.failsPerUser ?? 5;
    const wait = Math.round((opts.waitMinutes ?? 15) * 60);
    const perAddress = opts.failsPerAddress ?? 100;
    const prefix = opts.keyPrefix ?? 'nobat:login';
    const make = (name: string, points: number, duration: number): Limiter => {
      const common = { keyPrefix: `${prefix}:${name}`, points, duration };
      return opts.redis
        ? new RateLimiterRedis({ ...common, storeClient: opts.redis, rejectIfRedisNotReady: true })
        : new RateLimiterMemory(common);
    };
    this.#rules = [
      // Counted for a day (a success clears it): consecutive failures, not failures per minute.
      {
        scope: 'user+address',
        limiter: make('ua', perUser, DAY),
        points: perUser,
        blockSeconds: wait,
        key: (u, a) => `${u}|${a}`,
      },
      // One account guessed at from many addresses: a looser limit, for an hour.
      {
        scope: 'user',
        limiter: make('u', perUser * 10, 3600),
        points: perUser * 10,
        blockSeconds: 3600,
        key: (u) => u,
      },
      {
        scope: 'address',
        limiter: make('a', perAddress, DAY),
        points: perAddress,
        blockSeconds: DAY,
        key: (_, a) => a,
      },
    ];
  }

  /** The wait, if this username may not try from this address now. */
  async check(username: string, address: string): Promise<Throttled | undefined> {
    let longest: Throttled | undefined;
    for (const rule of this.#rules) {
      const res = await guard(rule.limiter.get(rule.key(username, address)));
      if (!res || res.consumedPoints < rule.points) continue;
      const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      if (!longest || retryAfterSeconds > longest.retryAfterSeconds) longest = { retryAfterSeconds, scope: rule.scope };
    }
    return longest;
  }

  /** Counts a failed sign-in; returns the wait if this failure reached a limit. */
  async failed(username: string, address: string): Promise<Throttled | undefined> {
    let reached: Throttled | undefined;
    for (const rule of this.#rules) {
      const key = rule.key(username, address);
      let res: RateLimiterRes;
      try {
        res = await rule.limiter.consume(key);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw new StoreUnavailableError('redis', err);
        res = err; // over already (a race between processes): block as below
      }
      if (res.remainingPoints > 0) continue;
      await guard(rule.limiter.block(key, rule.blockSeconds));
      if (!reached || rule.blockSeconds > reached.retryAfterSeconds) {
        reached = { retryAfterSeconds: rule.blockSeconds, scope: rule.scope };
      }
    }
    return reached;
  }

  /** A successful sign-in: the username's counts start again. */
  async succeeded(username: string, address: string): Promise<void> {
    for (const rule of this.#rules) {
      if (rule.scope !== 'address') await guard(rule.limiter.delete(rule.key(username, address)));
    }
  }
}

/** The counts' store failing is the store being unavailable (they live in the same Redis). */
async function guard<T>(op: Promise<T>): Promise<T> {
  try {
    return await op;
  } catch (err) {
    throw new StoreUnavailableError('redis', err);
  }
}
