// Picks the adapter from the environment: Redis for multi-server deployments, SQLite for a single box.
import type { Store } from './port.ts';
import type { RedisClientOptions } from './redis/client.ts';
import { openRedisStore } from './redis/redis-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

export function openStore(
  env: {
    REDIS_URL?: string;
    NOBAT_DATA_DIR?: string;
    NOBAT_REDIS_TIMEOUT_MS?: number;
    NOBAT_REDIS_MIN_REPLICAS?: number;
    NOBAT_REDIS_REPLICA_TIMEOUT_MS?: number;
  },
  opts: { logger?: RedisClientOptions['logger'] } = {},
): Store {
  if (env.REDIS_URL) {
    return openRedisStore(env.REDIS_URL, {
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(env.NOBAT_REDIS_TIMEOUT_MS ? { commandTimeoutMs: env.NOBAT_REDIS_TIMEOUT_MS } : {}),
      ...(env.NOBAT_REDIS_MIN_REPLICAS ? { minReplicas: env.NOBAT_REDIS_MIN_REPLICAS } : {}),
      ...(env.NOBAT_REDIS_REPLICA_TIMEOUT_MS ? { replicaTimeoutMs: env.NOBAT_REDIS_REPLICA_TIMEOUT_MS } : {}),
    });
  }
  return openSqliteStore(`${env.NOBAT_DATA_DIR ?? './data'}/nobat.sqlite`);
}
