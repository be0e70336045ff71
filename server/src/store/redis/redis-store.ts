// Redis adapter. A branch's keys share the hash tag {b:<branch>} so a Redis Cluster keeps each branch on
// one shard and the append script may touch all of them. Each check-and-write is a single Lua script,
// which Redis runs without interleaving, so concurrent servers cannot both win an expected version.
import { Redis } from 'ioredis';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import { assertVersion, toJson } from '../codec.ts';
import type { AppendResult, PutResult, RecordKind, Store, VersionedRecord } from '../port.ts';

export interface RedisStoreOptions {
  keyPrefix?: string;
}

export interface RedisStore extends Store {
  readonly kind: 'redis';
  readonly keyPrefix: string;
}

// KEYS: log stream, version, days. ARGV: expected version, day, event JSON…
// Everything is checked before the first write: a Lua error does not roll back earlier writes.
const APPEND_LUA = `
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if current ~= tonumber(ARGV[1]) then return {0, current} end
if redis.call('XLEN', KEYS[1]) ~= current then
  return redis.error_reply('nobat: log ' .. KEYS[1] .. ' disagrees with its version ' .. current)
end
local n = #ARGV - 2
if n == 0 then return {1, current} end
for i = 1, n do
  redis.call('XADD', KEYS[1], '0-' .. string.format('%d', current + i), 'e', ARGV[i + 2])
end
redis.call('SET', KEYS[2], current + n)
redis.call('ZADD', KEYS[3], 0, ARGV[2])
return {1, current + n}
`;

// KEYS: the kind's hash. ARGV: id, expected version, value JSON. The stored JSON starts with the version,
// written here, so reading it back needs no JSON decoding of the value.
const PUT_LUA = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local current = 0
if stored then current = tonumber(string.match(stored, '^{"version":(%d+),')) end
if current ~= tonumber(ARGV[2]) then return {0, current} end
local version = current + 1
redis.call('HSET', KEYS[1], ARGV[1], '{"version":' .. string.format('%d', version) .. ',"value":' .. ARGV[3] .. '}')
return {1, version}
`;

type ScriptReply = [ok: 0 | 1, version: number];

interface Scripted {
  nobatAppend(log: string, ver: string, days: string, ...argv: (string | number)[]): Promise<ScriptReply>;
  nobatPut(hash: string, id: string, expected: number, json: string): Promise<ScriptReply>;
}

export function openRedisStore(url: string, opts: RedisStoreOptions = {}): RedisStore {
  const prefix = opts.keyPrefix ?? 'nobat:';
  const redis = new Redis(url);
  redis.defineCommand('nobatAppend', { numberOfKeys: 3, lua: APPEND_LUA });
  redis.defineCommand('nobatPut', { numberOfKeys: 1, lua: PUT_LUA });
  const scripts = redis as unknown as Scripted;

  const branchKey = (branchId: string, rest: string) => `${prefix}{b:${branchId}}:${rest}`;
  const recordsKey = (kind: RecordKind) => `${prefix}rec:${kind}`;

  return {
    kind: 'redis',
    keyPrefix: prefix,
    async readEvents(branchId, day, afterSeq) {
      assertVersion(afterSeq, 'afterSeq');
      const entries = await redis.xrange(branchKey(branchId, `log:${day}`), `0-${afterSeq + 1}`, '+');
      return entries.map(([id, fields]): StoredEvent => {
        const json = fields[1];
        if (fields[0] !== 'e' || json === undefined) throw new Error(`redis store: malformed log entry ${id}`);
        return { seq: Number(id.slice(2)), event: JSON.parse(json) as DomainEvent };
      });
    },
    async appendEvents(branchId, day, expectedVersion, events): Promise<AppendResult> {
      assertVersion(expectedVersion, 'expectedVersion');
      const bodies = events.map(toJson);
      const [ok, version] = await scripts.nobatAppend(
        branchKey(branchId, `log:${day}`),
        branchKey(branchId, `ver:${day}`),
        branchKey(branchId, 'days'),
        expectedVersion,
        day,
        ...bodies,
      );
      return { ok: ok === 1, version };
    },
    async listDays(branchId) {
      // Equal scores: Redis orders by member, and "YYYY-MM-DD" sorts as text in date order.
      return redis.zrange(branchKey(branchId, 'days'), 0, -1);
    },
    async getRecord<T>(kind: RecordKind, id: string) {
      const stored = await redis.hget(recordsKey(kind), id);
      return stored === null ? undefined : toRecord<T>(id, stored);
    },
    async listRecords<T>(kind: RecordKind) {
      const all = await redis.hgetall(recordsKey(kind));
      return Object.keys(all)
        .sort(byCodePoint)
        .map((id) => toRecord<T>(id, all[id] as string));
    },
    async putRecord<T>(kind: RecordKind, id: string, value: T, expectedVersion: number): Promise<PutResult> {
      assertVersion(expectedVersion, 'expectedVersion');
      const [ok, version] = await scripts.nobatPut(recordsKey(kind), id, expectedVersion, toJson(value));
      return { ok: ok === 1, version };
    },
    async deleteRecord(kind, id) {
      return (await redis.hdel(recordsKey(kind), id)) > 0;
    },
    async close() {
      if (redis.status !== 'end') await redis.quit();
    },
  };
}

function toRecord<T>(id: string, stored: string): VersionedRecord<T> {
  const { version, value } = JSON.parse(stored) as { version: number; value: T };
  return { id, version, value };
}

// Matches SQLite's BINARY collation (UTF-8 byte order), which plain UTF-16 comparison does not for astral characters.
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
