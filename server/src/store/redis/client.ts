// Every Redis connection the server opens (the store, the Socket.IO adapter's two, the sign-in
// throttle, the rate limits) is made here, from REDIS_URL alone, so that each behaves the same when
// Redis goes away: a command fails after one failed reconnect attempt or after `commandTimeoutMs`
// (a hung Redis), instead of waiting without end; the client reconnects for ever, with backoff; an
// outage is logged once when it starts and once when it ends, not at every retry; and closing never
// hangs. [S9] REDIS_URL names one of three topologies:
//   redis://[user:password@]host:port[/db]       one Redis (rediss:// for TLS)
//   redis+sentinel://[user:password@]h1:26379,h2:26379/<master name>[/db][?sentinelPassword=…]
//                                                the master that Redis Sentinel names, followed
//                                                across failovers
//   redis+cluster://[user:password@]h1:7000,h2:7001,h3:7002
//                                                a Redis Cluster (any of its nodes to start from)
// (rediss+sentinel:// and rediss+cluster:// speak TLS to the data nodes.)
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/** A connection to any of the three topologies. */
export type RedisClient = Redis | Cluster;

export interface RedisNode {
  host: string;
  port: number;
}

/** Where REDIS_URL points: one of the three topologies, parsed. */
export type RedisTarget =
  | { kind: 'standalone'; url: string }
  | {
      kind: 'sentinel';
      sentinels: RedisNode[];
      name: string;
      db?: number;
      username?: string;
      password?: string;
      sentinelPassword?: string;
      tls: boolean;
    }
  | { kind: 'cluster'; nodes: RedisNode[]; username?: string; password?: string; tls: boolean };

export class RedisUrlError extends Error {}

const SCHEMES = 'redis://, rediss://, redis+sentinel://, rediss+sentinel://, redis+cluster:// or rediss+cluster://';
const SENTINEL_FORM = 'redis+sentinel://[user:password@]host:port[,host:port…]/<master name>[/<db>]';
const CLUSTER_FORM = 'redis+cluster://[user:password@]host:port[,host:port…]';

/** Parses REDIS_URL; a malformed value throws RedisUrlError saying what is wrong and the form expected. */
export function parseRedisUrl(url: string): RedisTarget {
  const scheme = /^(rediss?)(?:\+(sentinel|cluster))?:\/\//.exec(url);
  if (!scheme) throw new RedisUrlError(`must start with ${SCHEMES}`);
  const tls = scheme[1] === 'rediss';
  const topology = scheme[2] as 'sentinel' | 'cluster' | undefined;
  if (!topology) {
    try {
      new URL(url);
    } catch {
      throw new RedisUrlError('is not a valid URL');
    }
    return { kind: 'standalone', url };
  }
  const form = topology === 'sentinel' ? SENTINEL_FORM : CLUSTER_FORM;
  const rest = url.slice(scheme[0].length);
  const m = /^(?:([^@/?#]*)@)?([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/.exec(rest);
  if (!m) throw new RedisUrlError(`must have the form ${form}`);
  const [, userinfo, hostList = '', path = '', query = ''] = m;
  const nodes = hostList.split(',').map((item) => parseNode(item, topology === 'sentinel' ? 26379 : 6379, form));
  const auth: { username?: string; password?: string } = {};
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    const user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon), form);
    const password = colon < 0 ? '' : decode(userinfo.slice(colon + 1), form);
    if (user) auth.username = user;
    if (password) auth.password = password;
  }
  const params = new URLSearchParams(query);
  const segments = path.split('/').filter((s) => s !== '');
  if (topology === 'cluster') {
    if (segments.length > 0) throw new RedisUrlError(`a cluster has no master name or database: ${form}`);
    for (const key of params.keys()) throw new RedisUrlError(`unknown parameter ${key} (${form})`);
    return { kind: 'cluster', nodes, tls, ...auth };
  }
  const [name, db, ...extra] = segments;
  if (!name || extra.length > 0) throw new RedisUrlError(`must name the master: ${form}`);
  if (db !== undefined && !/^\d{1,2}$/.test(db)) throw new RedisUrlError(`the database must be a number: ${form}`);
  for (const key of params.keys()) {
    if (key !== 'sentinelPassword') throw new RedisUrlError(`unknown parameter ${key} (only sentinelPassword)`);
  }
  const sentinelPassword = params.get('sentinelPassword');
  return {
    kind: 'sentinel',
    sentinels: nodes,
    name: decode(name, form),
    ...(db !== undefined ? { db: Number(db) } : {}),
    ...auth,
    ...(sentinelPassword ? { sentinelPassword } : {}),
    tls,
  };
}

function parseNode(item: string, defaultPort: number, form: string): RedisNode {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(item.trim());
  const port = m?.[2] === undefined ? defaultPort : Number(m[2]);
  if (!m?.[1] || port < 1 || port > 65535) throw new RedisUrlError(`bad host:port "${item}" (${form})`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

function decode(s: string, form: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new RedisUrlError(`bad percent-encoding in "${s}" (${form})`);
  }
}

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
  /** This connection subscribes (the Socket.IO adapter's): on a Cluster, to sharded channels. */
  subscriber?: boolean;
}

export const DEFAULT_REDIS_TIMEOUT_MS = 5_000;

/** The longest wait between two reconnect attempts. */
const MAX_BACKOFF_MS = 2_000;
const backoff = (attempt: number) => Math.min(attempt * 100, MAX_BACKOFF_MS);

/** True when REDIS_URL names a Redis Cluster. */
export function isClusterUrl(url: string): boolean {
  return parseRedisUrl(url).kind === 'cluster';
}

export function createRedisClient(url: string, opts: RedisClientOptions): RedisClient {
  const target = parseRedisUrl(url);
  const timeout = opts.commandTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const common: RedisOptions = {
    // A command issued while the connection is down is kept for one reconnect attempt (a dropped
    // connection that comes straight back loses nothing), then fails.
    maxRetriesPerRequest: 1,
    commandTimeout: timeout,
    connectTimeout: timeout,
    retryStrategy: backoff,
  };
  let client: RedisClient;
  switch (target.kind) {
    case 'standalone':
      client = new Redis(target.url, common);
      break;
    case 'sentinel':
      client = new Redis({
        ...common,
        sentinels: target.sentinels,
        name: target.name,
        role: 'master',
        ...(target.db !== undefined ? { db: target.db } : {}),
        ...(target.username ? { username: target.username } : {}),
        ...(target.password ? { password: target.password } : {}),
        ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
        ...(target.tls ? { tls: {} } : {}),
        // Asking the sentinels again for ever, with the same backoff.
        sentinelRetryStrategy: backoff,
        // Sentinel's +switch-master makes the client move to the new master at once.
        failoverDetector: true,
        // A master demoted to a replica answers writes READONLY: the command fails (unavailable)
        // and the client asks the sentinels where the master is now.
        reconnectOnError: (err) => err.message.startsWith('READONLY'),
      });
      reviveAfterFailoverRace(client, opts);
      break;
    case 'cluster': {
      const options: ClusterOptions = {
        redisOptions: {
          ...common,
          ...(target.username ? { username: target.username } : {}),
          ...(target.password ? { password: target.password } : {}),
          ...(target.tls ? { tls: {} } : {}),
        },
        clusterRetryStrategy: backoff,
        slotsRefreshTimeout: timeout,
        // SSUBSCRIBE goes to the node that holds the channel's slot (the sharded Socket.IO adapter).
        ...(opts.subscriber ? { shardedSubscribers: true } : {}),
      };
      client = withCommandTimeout(new Cluster(target.nodes, options), timeout);
      break;
    }
  }
  let down = false;
  const onError = (err: Error) => {
    if (down) return;
    down = true;
    opts.logger?.warn({ redis: opts.name, err: err.message }, 'redis unavailable; reconnecting');
  };
  client.on('error', onError);
  if (target.kind === 'cluster') client.on('node error', onError);
  client.on('ready', () => {
    if (!down) return;
    down = false;
    opts.logger?.info({ redis: opts.name }, 'redis reachable again');
  });
  return client;
}

/**
 * [S9] ioredis ends a Sentinel client for good (status `end`, every command "Connection is closed")
 * when a `+switch-master` reaches a failover detector left from the connection that died while the
 * client is asking a sentinel where the master is: the detector's disconnect cancels that connect,
 * and a cancelled connect is taken as the end. A client this factory made ends only when it is
 * closed (`quit()`, `disconnect()`); any other end is connected again, so a process that lived
 * through a failover is not left without its store until it is restarted.
 */
function reviveAfterFailoverRace(client: Redis, opts: RedisClientOptions): void {
  let closing = false;
  const quit = client.quit.bind(client);
  client.quit = ((...args: Parameters<Redis['quit']>) => {
    closing = true;
    return quit(...args);
  }) as Redis['quit'];
  const disconnect = client.disconnect.bind(client);
  client.disconnect = (reconnect = false) => {
    if (!reconnect) closing = true;
    disconnect(reconnect);
  };
  client.on('end', () => {
    if (closing) return;
    opts.logger?.warn({ redis: opts.name }, 'redis: the Sentinel client was ended during a failover; connecting again');
    setTimeout(() => {
      if (!closing && client.status === 'end') client.connect().catch(() => {});
    }, 100).unref();
  });
}

/**
 * A Cluster has no command timeout of its own: a command waiting while no node is reachable (in its
 * offline queue, or between redirections) would wait for ever. Every command gets the same timeout
 * its node connections have.
 */
function withCommandTimeout(cluster: Cluster, ms: number): Cluster {
  type Send = (command: { setTimeout?: (ms: number) => void }, ...rest: unknown[]) => unknown;
  const target = cluster as unknown as { sendCommand: Send };
  const send = target.sendCommand.bind(cluster);
  target.sendCommand = (command, ...rest) => {
    command.setTimeout?.(ms);
    return send(command, ...rest);
  };
  return cluster;
}

/**
 * Closes a connection without hanging: QUIT when Redis answers (bounded by the command timeout),
 * otherwise drop the connection at once; commands still waiting fail, and whoever sent them handles it.
 */
export async function closeRedisClient(client: RedisClient): Promise<void> {
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
export function ignoreFailuresOf<C extends RedisClient>(client: C, methods: readonly string[]): C {
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
