// Picks the adapter from the environment: Redis for multi-server deployments, SQLite for a single box.
import type { Store } from './port.ts';
import { openRedisStore } from './redis/redis-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';

export function openStore(env: { REDIS_URL?: string; NOBAT_DATA_DIR?: string }): Store {
  if (env.REDIS_URL) return openRedisStore(env.REDIS_URL);
  return openSqliteStore(`${env.NOBAT_DATA_DIR ?? './data'}/nobat.sqlite`);
}
