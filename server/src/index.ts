// What other packages (tests, bench, tools) use of the server.
export * from './domain/index.ts';
export { Archiver } from './history/archiver.ts';
export { dayLogs } from './history/day-logs.ts';
export { openHistory } from './history/open.ts';
export type * from './history/port.ts';
export { openPgHistory } from './history/postgres/pg-history.ts';
export { openSqliteHistory } from './history/sqlite/sqlite-history.ts';
export * from './queue/queue-service.ts';
export * from './store/open.ts';
export type * from './store/port.ts';
export { openRedisStore } from './store/redis/redis-store.ts';
export { openSqliteStore } from './store/sqlite/sqlite-store.ts';
