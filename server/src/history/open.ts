// Picks the history adapter from the environment: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded SQLite file beside the live store's, in NOBAT_DATA_DIR.
import { join } from 'node:path';
import type { HistoryStore } from './port.ts';
import { openPgHistory } from './postgres/pg-history.ts';
import { openSqliteHistory } from './sqlite/sqlite-history.ts';

export function openHistory(env: { DATABASE_URL?: string; NOBAT_DATA_DIR?: string }): HistoryStore {
  if (env.DATABASE_URL) return openPgHistory(env.DATABASE_URL);
  return openSqliteHistory(join(env.NOBAT_DATA_DIR ?? './data', 'history.sqlite'));
}
