// What other packages (tests, bench, tools) use of the server.
export * from './domain/index.ts';
export * from './queue/queue-service.ts';
export * from './store/open.ts';
export type * from './store/port.ts';
export { openRedisStore } from './store/redis/redis-store.ts';
export { openSqliteStore } from './store/sqlite/sqlite-store.ts';
