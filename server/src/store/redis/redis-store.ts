// Redis adapter. A branch's keys share the hash tag {b:<branch>} so a Redis Cluster keeps each branch on
// one shard and the append script may touch all of them. Each check-and-write is a single Lua script,
// which Redis runs without interleaving, so concurrent servers cannot both win an expected version.
// A record kind's hash and its expiry set share the hash tag {r:<kind>} ([S10]), so the scripts that
// touch both run on one Cluster slot; the audit log is one key of its own. Keys written by earlier
// versions without the tag (`nobat:rec:<kind>`, `nobat:exp:<kind>`) are renamed at open.
// The audit log is one stream (ids given by Redis, growing); a filtered page is read newest first in
// chunks until it is full, which is fine for an admin's occasional look and keeps the log one key.
// Records written with an expiry are also kept in a sorted set per kind by expiry time; every write
// of such a record deletes up to a hundred of that kind's expired ones, and reads skip expired ones.
// A connection failure surfaces as StoreUnavailableError; a Lua script either ran whole or not at all.
// [S11] With `minReplicas`, every write is followed on the same connection by WAIT; fewer replicas
// acknowledging in time make the write fail as unavailable (its outcome unknown, as in [S6]).
import { createHash } from 'node:crypto';
import type { AuditEntry } from '@nobat/protocol';
import { type ChainableCommander, ReplyError } from 'ioredis';
import type { DomainEvent, StoredEvent } from '../../domain/events.ts';
import { assertExpiry, assertGroup, assertVersion, toJson } from '../codec.ts';
import {
  type AppendResult,
  type AuditFilter,
  type AuditInput,
  type ListOptions,
  type PutOptions,
  type PutResult,
  type RecordKind,
  type Store,
  StoreUnavailableError,
  type VersionedRecord,
} from '../port.ts';
import { pending, SchemaTooNewError } from '../schema.ts';
import { closeRedisClient, createRedisClient, parseRedisUrl, type RedisClientOptions } from './client.ts';

export interface RedisStoreOptions {
  keyPrefix?: string;
  /** Epoch ms for record expiry (tests pass a fake clock). */
  clock?: () => number;
  logger?: RedisClientOptions['logger'];
  commandTimeoutMs?: number;
  /** [S11] Replicas that must acknowledge each write (WAIT) before it counts as done (default 0: none). */
  minReplicas?: number;
  /** [S11] How long WAIT waits for them (ms, default 1000). */
  replicaTimeoutMs?: number;
}

export interface RedisStore extends Store {
  readonly kind: 'redis';
  readonly keyPrefix: string;
  /**
   * [UP1][UP2] Runs the forward migrations the store's schema version (the `schema` field of
   * `<prefix>meta`) has not had, once (done before the first read or write); the version it is at now.
   * A store of a newer schema: SchemaTooNewError. [S10] How many old record keys were renamed: renamed().
   */
  migrate(): Promise<number>;
  /** [S10] How many record keys of earlier versions this store object renamed. */
  renamed(): number;
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

// KEYS: log stream, version, days. ARGV: day, the version it must still have or ''. 1 when a log was removed.
const DROP_LUA = `
if ARGV[2] ~= '' and tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[2]) then return 0 end
local had = redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
if had > 0 then return 1 end
return 0
`;

// The stored JSON starts with the version, and then the expiry and the group ([UP9]) if it has them,
// written here, so reading them back needs no JSON decoding of the value.
const EXPIRED_LUA = `
local function expired(stored, now)
  local e = string.match(stored, '^{"version":%d+,"expiresAt":(%d+),')
  return e ~= nil and tonumber(e) <= now
end
local function groupOf(stored)
  return string.match(stored, '^{"version":%d+,"expiresAt":%d+,"group":"([%w_%-]+)"')
    or string.match(stored, '^{"version":%d+,"group":"([%w_%-]+)"')
end
`;

// KEYS: the kind's hash, its expiry set, the new group's set. ARGV: id, expected version, value JSON,
// now, expiresAt or '', group or '', the prefix of the kind's group sets. A group's set is named from
// ARGV (it shares the kind's hash tag, so it is on the same Cluster slot as the declared keys).
const PUT_LUA = `${EXPIRED_LUA}
local now = tonumber(ARGV[4])
local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
if #gone > 0 then
  for _, g in ipairs(gone) do
    local s = redis.call('HGET', KEYS[1], g)
    local og = s and groupOf(s)
    if og then redis.call('SREM', ARGV[7] .. og, g) end
  end
  redis.call('HDEL', KEYS[1], unpack(gone))
  redis.call('ZREM', KEYS[2], unpack(gone))
end
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local current = 0
if stored and not expired(stored, now) then current = tonumber(string.match(stored, '^{"version":(%d+),')) end
if current ~= tonumber(ARGV[2]) then return {0, current} end
local version = current + 1
local head = '{"version":' .. string.format('%d', version)
if ARGV[5] ~= '' then
  head = head .. ',"expiresAt":' .. ARGV[5]
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
end
if ARGV[6] ~= '' then head = head .. ',"group":"' .. ARGV[6] .. '"' end
local old = stored and groupOf(stored)
if old and old ~= ARGV[6] then redis.call('SREM', ARGV[7] .. old, ARGV[1]) end
if ARGV[6] ~= '' then redis.call('SADD', KEYS[3], ARGV[1]) end
redis.call('HSET', KEYS[1], ARGV[1], head .. ',"value":' .. ARGV[3] .. '}')
return {1, version}
`;

// KEYS: the kind's hash, its expiry set. ARGV: id, now, the prefix of the kind's group sets. 1 when a
// live record was deleted.
const DELETE_LUA = `${EXPIRED_LUA}
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return 0 end
local old = groupOf(stored)
if old then redis.call('SREM', ARGV[3] .. old, ARGV[1]) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if expired(stored, tonumber(ARGV[2])) then return 0 end
return 1
`;

// KEYS: the meta hash. ARGV: the version reached. Never lowers it (another process may be further on).
const SCHEMA_LUA = `
local v = tonumber(redis.call('HGET', KEYS[1], 'schema') or '0')
if tonumber(ARGV[1]) > v then redis.call('HSET', KEYS[1], 'schema', ARGV[1]) return tonumber(ARGV[1]) end
return v
`;

// KEYS: the old key, the new one. 1 when renamed; 0 when there was none; -1 when both exist.
const MIGRATE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
redis.call('RENAME', KEYS[1], KEYS[2])
return 1
`;

// [UP9] Migration 2. KEYS: the kind's hash, the group's set. ARGV: id, the stored value read, the same
// with its group. Written only if unchanged since it was read (0 otherwise: it is read again).
const GROUP_LUA = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

const SCRIPTS = {
  nobatAppend: { numberOfKeys: 3, lua: APPEND_LUA },
  nobatPut: { numberOfKeys: 3, lua: PUT_LUA },
  nobatDelete: { numberOfKeys: 2, lua: DELETE_LUA },
  nobatDropDay: { numberOfKeys: 3, lua: DROP_LUA },
} as const;
type ScriptName = keyof typeof SCRIPTS;
const SHA = Object.fromEntries(
  Object.entries(SCRIPTS).map(([name, { lua }]) => [name, createHash('sha1').update(lua).digest('hex')]),
) as Record<ScriptName, string>;

type ScriptReply = [ok: 0 | 1, version: number];

/** Replies Redis gives while it cannot serve (loading, failing over): unavailable, not a bug. */
const NOT_SERVING = /^(LOADING|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY|NOREPLICAS)\b/;

/** Runs one Redis operation; a connection failure or timeout becomes StoreUnavailableError. */
/** [S13] Log entries read per command. */
export const READ_PAGE = 1_000;

async function io<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof StoreUnavailableError || err instanceof SchemaTooNewError) throw err;
    if (err instanceof ReplyError && !NOT_SERVING.test((err as Error).message)) throw err;
    if (err instanceof RangeError || err instanceof TypeError || err instanceof SyntaxError) throw err;
    throw new StoreUnavailableError('redis', err);
  }
}

export function openRedisStore(url: string, opts: RedisStoreOptions = {}): RedisStore {
  const prefix = opts.keyPrefix ?? 'nobat:';
  const clock = opts.clock ?? Date.now;
  const minReplicas = opts.minReplicas ?? 0;
  const replicaTimeoutMs = opts.replicaTimeoutMs ?? 1_000;
  const redis = createRedisClient(url, {
    name: 'store',
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.commandTimeoutMs ? { commandTimeoutMs: opts.commandTimeoutMs } : {}),
  });
  for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, script);
  redis.defineCommand('nobatMigrate', { numberOfKeys: 2, lua: MIGRATE_LUA });
  redis.defineCommand('nobatSchema', { numberOfKeys: 1, lua: SCHEMA_LUA });
  redis.defineCommand('nobatGroup', { numberOfKeys: 2, lua: GROUP_LUA });
  const scripts = redis as unknown as {
    nobatMigrate(from: string, to: string): Promise<-1 | 0 | 1>;
    nobatGroup(hash: string, set: string, id: string, read: string, written: string): Promise<0 | 1>;
    nobatSchema(meta: string, version: number): Promise<number>;
  };
  const cluster = parseRedisUrl(url).kind === 'cluster';

  const branchKey = (branchId: string, rest: string) => `${prefix}{b:${branchId}}:${rest}`;
  const recordsKey = (kind: RecordKind) => `${prefix}{r:${kind}}:rec`;
  const expiriesKey = (kind: RecordKind) => `${prefix}{r:${kind}}:exp`;
  /** [UP9] The ids of a kind's records of one group (a set; `<prefix>{r:<kind>}:grp:<group>`). */
  const groupsPrefix = (kind: RecordKind) => `${prefix}{r:${kind}}:grp:`;
  const auditKey = `${prefix}audit`;
  const metaKey = `${prefix}meta`;

  /**
   * [S11] Waits for `minReplicas` replicas to acknowledge what this connection wrote. WAIT is sent
   * in one pipeline with the write, so it goes over the same connection to the same node (on a
   * Cluster, the node of the write's slot). Fewer acknowledgements: the write counts as unavailable.
   */
  async function replicated<T>(write: (p: ChainableCommander) => ChainableCommander, retry?: typeof write): Promise<T> {
    const once = async (w: typeof write) => {
      const replies = (await w(redis.pipeline()).wait(minReplicas, replicaTimeoutMs).exec()) ?? [];
      const [written, waited] = replies;
      if (!written || !waited) throw new Error('redis store: a pipeline lost its replies');
      return { written, waited };
    };
    let { written, waited } = await once(write);
    // A cold script cache (SCRIPT FLUSH): nothing ran; send the script's body instead.
    if (retry && written[0] instanceof Error && written[0].message.startsWith('NOSCRIPT')) {
      ({ written, waited } = await once(retry));
    }
    if (written[0]) throw written[0];
    if (waited[0]) throw waited[0];
    const acknowledged = Number(waited[1]);
    if (acknowledged < minReplicas) {
      throw new StoreUnavailableError(
        'redis',
        new Error(`${acknowledged} of ${minReplicas} replicas acknowledged the write within ${replicaTimeoutMs} ms`),
      );
    }
    return written[1] as T;
  }

  /** Runs one of the write scripts; with minReplicas, followed by WAIT. */
  function write<T>(name: ScriptName, keys: string[], argv: (string | number)[]): Promise<T> {
    if (minReplicas === 0) {
      const run = (redis as unknown as Record<ScriptName, (...a: (string | number)[]) => Promise<T>>)[name];
      return run.call(redis, ...keys, ...argv);
    }
    return replicated<T>(
      (p) => p.evalsha(SHA[name], keys.length, ...keys, ...argv),
      (p) => p.eval(SCRIPTS[name].lua, keys.length, ...keys, ...argv),
    );
  }

  // [S10] Record keys of versions before the hash tags are renamed once, before the first record is
  // touched. A Cluster never held any (their scripts could not run there). When both names exist
  // (an older process wrote after a newer one renamed), neither is touched and it is logged.
  let renamedKeys = 0;
  async function renameRecordKeys(): Promise<void> {
    if (cluster) return;
    let renamed = 0;
    for (const part of ['rec', 'exp'] as const) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(`${prefix}${part}:`)}*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) {
          const kind = key.slice(`${prefix}${part}:`.length) as RecordKind;
          const to = part === 'rec' ? recordsKey(kind) : expiriesKey(kind);
          const r = await scripts.nobatMigrate(key, to);
          if (r === 1) renamed++;
          if (r === -1)
            opts.logger?.warn(
              { from: key, to },
              'redis store: old and new record keys both exist; the old one is left',
            );
        }
      } while (cursor !== '0');
    }
    if (renamed > 0) opts.logger?.info({ renamed }, 'redis store: record keys renamed to their hash-tagged names');
    renamedKeys += renamed;
  }

  /**
   * [UP1][UP2] The Redis store's schema versions, in order. No meta key: version 0 (every store
   * written before versions were kept). Each migration is safe to run twice (two processes starting
   * together may both run it); the version is raised after it, never lowered.
   */
  const migrations: readonly { version: number; why: string; run: () => Promise<void> }[] = [
    { version: 1, why: '[S10] record keys under the hash tag {r:<kind>}', run: renameRecordKeys },
    { version: 2, why: '[UP9] requests grouped by their branch', run: groupRequests },
  ];

  // [UP9] Every request record written before groups gets its branch as its group. A record written
  // meanwhile is read again; one written by this code already has its group.
  async function groupRequests(): Promise<void> {
    const hash = recordsKey('request');
    let cursor = '0';
    let grouped = 0;
    do {
      const [next, flat] = await redis.hscan(hash, cursor, 'COUNT', 500);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const id = flat[i] as string;
        let stored: string | null = flat[i + 1] as string;
        while (stored !== null && !STORED_GROUP.test(stored)) {
          const branchId = (JSON.parse(stored) as { value?: { branchId?: unknown } }).value?.branchId;
          if (typeof branchId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(branchId)) break;
          const written = stored.replace(/^(\{"version":\d+(?:,"expiresAt":\d+)?)/, `$1,"group":"${branchId}"`);
          if ((await scripts.nobatGroup(hash, groupsPrefix('request') + branchId, id, stored, written)) === 1) {
            grouped++;
            break;
          }
          stored = await redis.hget(hash, id);
        }
      }
    } while (cursor !== '0');
    if (grouped > 0) opts.logger?.info({ grouped }, 'redis store: requests grouped by branch');
  }
  async function migrate(): Promise<number> {
    const found = Number((await redis.hget(metaKey, 'schema')) ?? '0');
    let version = found;
    for (const m of pending('redis store', migrations, found)) {
      await m.run();
      version = await scripts.nobatSchema(metaKey, m.version);
      opts.logger?.info({ version: m.version, why: m.why }, 'redis store: schema migrated');
    }
    return version;
  }
  let migrating: Promise<number> | undefined;
  /**
   * The migration, once; a failed one (Redis unavailable) is tried again by the next caller. A store
   * of a newer schema stays refused: every later call fails the same way.
   */
  const migrated = (): Promise<number> => {
    migrating ??= io(migrate).catch((err: unknown) => {
      if (!(err instanceof SchemaTooNewError)) migrating = undefined;
      throw err;
    });
    return migrating;
  };

  return {
    kind: 'redis',
    keyPrefix: prefix,
    async readEvents(branchId, day, afterSeq) {
      assertVersion(afterSeq, 'afterSeq');
      // [S13] In pages: a busy day's whole log in one reply would hold the connection (and every
      // command queued behind it, within the command timeout) for as long as it takes to send.
      const key = branchKey(branchId, `log:${day}`);
      const read: StoredEvent[] = [];
      for (let after = afterSeq; ; ) {
        const entries = await io(() => redis.xrange(key, `0-${after + 1}`, '+', 'COUNT', READ_PAGE));
        for (const [id, fields] of entries) {
          const json = fields[1];
          if (fields[0] !== 'e' || json === undefined) throw new Error(`redis store: malformed log entry ${id}`);
          read.push({ seq: Number(id.slice(2)), event: JSON.parse(json) as DomainEvent });
        }
        const last = read.at(-1);
        if (entries.length < READ_PAGE || !last) return read;
        after = last.seq;
      }
    },
    async appendEvents(branchId, day, expectedVersion, events): Promise<AppendResult> {
      assertVersion(expectedVersion, 'expectedVersion');
      const bodies = events.map(toJson);
      const [ok, version] = await io(() =>
        write<ScriptReply>(
          'nobatAppend',
          [branchKey(branchId, `log:${day}`), branchKey(branchId, `ver:${day}`), branchKey(branchId, 'days')],
          [expectedVersion, day, ...bodies],
        ),
      );
      return { ok: ok === 1, version };
    },
    async listDays(branchId) {
      // Equal scores: Redis orders by member, and "YYYY-MM-DD" sorts as text in date order.
      return io(() => redis.zrange(branchKey(branchId, 'days'), 0, -1));
    },
    async dropDay(branchId, day, version) {
      if (version !== undefined) assertVersion(version, 'version');
      const dropped = await io(() =>
        write<0 | 1>(
          'nobatDropDay',
          [branchKey(branchId, `log:${day}`), branchKey(branchId, `ver:${day}`), branchKey(branchId, 'days')],
          [day, version === undefined ? '' : String(version)],
        ),
      );
      return dropped === 1;
    },
    migrate: migrated,
    renamed: () => renamedKeys,
    async getRecord<T>(kind: RecordKind, id: string) {
      await migrated();
      const stored = await io(() => redis.hget(recordsKey(kind), id));
      return stored === null ? undefined : toRecord<T>(id, stored, clock());
    },
    async listRecords<T>(kind: RecordKind, options: ListOptions = {}) {
      assertGroup(options.group);
      await migrated();
      const { group } = options;
      if (group !== undefined) {
        // [UP9] The group's ids, then their records; an id whose record has gone, expired or moved is skipped.
        const ids = (await io(() => redis.smembers(groupsPrefix(kind) + group))).sort(byCodePoint);
        if (ids.length === 0) return [];
        const stored = await io(() => redis.hmget(recordsKey(kind), ...ids));
        const now = clock();
        return ids.flatMap((id, i) => {
          const s = stored[i];
          if (s === null || s === undefined || groupOfStored(s) !== group) return [];
          return toRecord<T>(id, s, now) ?? [];
        });
      }
      const all = await io(() => redis.hgetall(recordsKey(kind)));
      const now = clock();
      return Object.keys(all)
        .sort(byCodePoint)
        .flatMap((id) => toRecord<T>(id, all[id] as string, now) ?? []);
    },
    async putRecord<T>(
      kind: RecordKind,
      id: string,
      value: T,
      expectedVersion: number,
      opts: PutOptions = {},
    ): Promise<PutResult> {
      assertVersion(expectedVersion, 'expectedVersion');
      assertExpiry(opts.expiresAt);
      assertGroup(opts.group);
      const json = toJson(value);
      const expiresAt = opts.expiresAt === undefined ? '' : String(opts.expiresAt);
      const group = opts.group ?? '';
      await migrated();
      const [ok, version] = await io(() =>
        write<ScriptReply>(
          'nobatPut',
          [recordsKey(kind), expiriesKey(kind), groupsPrefix(kind) + group],
          [id, expectedVersion, json, clock(), expiresAt, group, groupsPrefix(kind)],
        ),
      );
      return { ok: ok === 1, version };
    },
    async deleteRecord(kind, id) {
      await migrated();
      const keys = [recordsKey(kind), expiriesKey(kind)];
      return (await io(() => write<0 | 1>('nobatDelete', keys, [id, clock(), groupsPrefix(kind)]))) === 1;
    },
    async appendAudit(entry: AuditInput) {
      const json = toJson(entry);
      const id = await io(() =>
        minReplicas === 0
          ? redis.xadd(auditKey, '*', 'e', json)
          : replicated<string | null>((p) => p.xadd(auditKey, '*', 'e', json)),
      );
      if (id === null) throw new Error('redis store: XADD gave no id');
      return id;
    },
    async listAudit(filter: AuditFilter) {
      if (filter.before !== undefined && !/^\d{1,16}-\d{1,16}$/.test(filter.before)) {
        throw new RangeError(`unknown audit cursor ${filter.before}`);
      }
      const wanted = (e: AuditEntry) =>
        (filter.branchId === undefined || e.branchId === filter.branchId) &&
        (filter.kind === undefined || e.target.kind === filter.kind) &&
        (filter.targetId === undefined || e.target.id === filter.targetId);
      const found: AuditEntry[] = [];
      let end = filter.before === undefined ? '+' : `(${filter.before}`;
      for (;;) {
        const chunk = await io(() => redis.xrevrange(auditKey, end, '-', 'COUNT', 500));
        for (const [id, fields] of chunk) {
          const json = fields[1];
          if (fields[0] !== 'e' || json === undefined) throw new Error(`redis store: malformed audit entry ${id}`);
          const entry: AuditEntry = { id, ...(JSON.parse(json) as AuditInput) };
          if (wanted(entry)) found.push(entry);
          if (found.length > filter.limit) break;
        }
        const last = chunk.at(-1);
        if (found.length > filter.limit || chunk.length < 500 || !last) break;
        end = `(${last[0]}`;
      }
      const entries = found.slice(0, filter.limit);
      return { entries, next: found.length > filter.limit ? (entries.at(-1)?.id ?? null) : null };
    },
    async ping() {
      await io(() => redis.ping());
    },
    async close() {
      await closeRedisClient(redis);
    },
  };
}

/** [UP9] A stored record's head names its group (migration 2 has grouped it, or it was written with one). */
const STORED_GROUP = /^\{"version":\d+(?:,"expiresAt":\d+)?,"group":"/;

/** The group in a stored record's head, if any. */
function groupOfStored(stored: string): string | undefined {
  return /^\{"version":\d+(?:,"expiresAt":\d+)?,"group":"([A-Za-z0-9_-]+)"/.exec(stored)?.[1];
}

/** The record, or undefined when it has expired by `now`. */
function toRecord<T>(id: string, stored: string, now: number): VersionedRecord<T> | undefined {
  const { version, expiresAt, value } = JSON.parse(stored) as { version: number; expiresAt?: number; value: T };
  if (expiresAt !== undefined && expiresAt <= now) return undefined;
  return { id, version, value };
}

// Matches SQLite's BINARY collation (UTF-8 byte order), which plain UTF-16 comparison does not for astral characters.
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The prefix as a SCAN pattern that matches only itself. */
function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
