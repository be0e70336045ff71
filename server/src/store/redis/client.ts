// Every Redis connection the server opens (the store, the Socket.IO adapter's two, the sign-in
// throttle) is made here, so that each behaves the same when Redis goes away: a command fails
// after one failed reconnect attempt or after `commandTimeoutMs` (a hung Redis), instead of waiting
// without end; the client reconnects for ever, with backoff; an outage is logged once when it
// starts and once when it ends, not at every retry; and closing never hangs.
import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** Which connection this is, in the logs. */
  name: string;
  /** Where an outage is reported; omitted: not reported (tests). */
  logger?: {
    warn(obj: object, msg: string): void;
    info(obj: object, msg: string): void;
  };
  /** A command not answered within this many ms fails (default 5000). */
  commandTimeoutMs?: number;
}

export const DEFAULT_REDIS_TIMEOUT_MS = 5_000;

/** The longest wait between two reconnect attempts. */
const MAX_BACKOFF_MS = 2_000;

export function createRedisClient(url: string, opts: RedisClientOptions): Redis {
  const client = new Redis(url, {
    // A command issued while the connection is down is kept for one reconnect attempt (a dropped
    // connection that comes straight back loses nothing), then fails.
    maxRetriesPerRequest: 1,
    commandTimeout: opts.commandTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS,
    connectTimeout: opts.commandTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_BACKOFF_MS),
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    opts.logger?.warn({ redis: opts.name, err: err.message }, 'redis unavailable; reconnecting');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    opts.logger?.info({ redis: opts.name }, 'redis reachable again');
  });
  return client;
}

/**
 * Closes a connection without hanging: QUIT when Redis answers (bounded by the command timeout),
 * otherwise drop the connection at once; commands still waiting fail, and whoever sent them handles it.
 */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Not answered: drop it below.
    }
  }
  client.disconnect();
}

/**
 * Marks the promises of `methods` as handled. The Socket.IO Redis adapter publishes and subscribes
 * without awaiting: while Redis is down each such command would be an unhandled rejection, which
 * ends the process. A lost publish only means other processes miss that one event, and their
 * clients catch up from the snapshot they get on reconnect.
 */
export function ignoreFailuresOf(client: Redis, methods: readonly string[]): Redis {
  const target = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of methods) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = (...args: unknown[]) => {
      const result = original.apply(client, args);
      if (result instanceof Promise) result.catch(() => {});
      return result;
    };
  }
  return client;
}
