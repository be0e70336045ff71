import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/ports.ts';
import {
  type RedisCluster,
  redisClusterAvailable,
  startRedisCluster,
} from '../../../../tests/support/redis-cluster.ts';
import { type RedisProcess, spawnRedis, until } from '../../../../tests/support/redis-process.ts';
import {
  type RedisServer,
  redisAvailable,
  requireOrSkip,
  startRedisServer,
} from '../../../../tests/support/redis-server.ts';
import { registerStoreContract } from '../contract.ts';
import { type AuditInput, StoreUnavailableError } from '../port.ts';
import { openRedisStore } from './redis-store.ts';

const keyPrefix = `nobat-test-${randomUUID()}:`;
const AUDIT: AuditInput = {
  at: new Date(1_800_000_000_000).toISOString(),
  actor: { id: 'admin', name: 'مدیر سامانه', role: 'admin' },
  address: '192.0.2.7',
  action: 'update',
  target: { kind: 'branch', id: 'b1' },
  branchId: 'b1',
  fromVersion: 1,
  toVersion: 2,
  before: {},
  after: {},
  changes: [],
};

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))('redis store', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  registerStoreContract('redis', async (opts) => openRedisStore(server.url, { keyPrefix, ...opts }));

  it('[S4] keeps a branch under one hash tag and numbers stream entries 0-<seq>', async () => {
    const store = openRedisStore(server.url, { keyPrefix });
    const raw = new Redis(server.url);
    try {
      const event = { type: 'CounterOpened', at: 1, counterId: 'c1', clerkId: 'u1' } as const;
      await store.appendEvents('b1', '2025-03-21', 0, [event, { ...event, at: 2 }]);
      const keys = (await raw.keys(`${keyPrefix}{b:b1}:*`)).sort();
      expect(keys).toEqual([
        `${keyPrefix}{b:b1}:days`,
        `${keyPrefix}{b:b1}:log:2025-03-21`,
        `${keyPrefix}{b:b1}:ver:2025-03-21`,
      ]);
      const entries = await raw.xrange(`${keyPrefix}{b:b1}:log:2025-03-21`, '-', '+');
      expect(entries.map(([id]) => id)).toEqual(['0-1', '0-2']);
      expect(await raw.get(`${keyPrefix}{b:b1}:ver:2025-03-21`)).toBe('2');
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it('removes expired records and their expiry entries at the next write of the kind', async () => {
    let now = 1_800_000_000_000;
    const store = openRedisStore(server.url, { keyPrefix, clock: () => now });
    const raw = new Redis(server.url);
    try {
      await store.putRecord('session', 'gone-1', { n: 1 }, 0, { expiresAt: now + 10 });
      await store.putRecord('session', 'stays', { n: 2 }, 0);
      expect(await raw.zscore(`${keyPrefix}{r:session}:exp`, 'gone-1')).toBe(String(now + 10));
      now += 10;
      await store.putRecord('session', 'next', { n: 3 }, 0, { expiresAt: now + 10 });
      expect(await raw.hexists(`${keyPrefix}{r:session}:rec`, 'gone-1')).toBe(0);
      expect(await raw.zscore(`${keyPrefix}{r:session}:exp`, 'gone-1')).toBeNull();
      expect(await raw.hexists(`${keyPrefix}{r:session}:rec`, 'stays')).toBe(1);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it('completes commands issued while the connection is re-established', async () => {
    const store = openRedisStore(server.url, { keyPrefix });
    const raw = new Redis(server.url);
    try {
      expect(await store.putRecord('device', 'd-reconnect', { n: 1 }, 0)).toEqual({ ok: true, version: 1 });
      // Kill the store's connection from the server side; its queued command must still land.
      await raw.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      expect(await store.putRecord('device', 'd-reconnect', { n: 2 }, 1)).toEqual({ ok: true, version: 2 });
      // After a reconnect the script cache may be cold (e.g. a failover); EVALSHA must fall back to EVAL.
      await raw.script('FLUSH');
      expect(await store.appendEvents('b-flush', '2025-03-21', 0, [])).toEqual({ ok: true, version: 0 });
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
  it("[S10] a record kind's hash and expiry set share one hash tag; the audit log and the meta are keys of their own", async () => {
    const prefix = `nobat-tags-${randomUUID()}:`;
    const store = openRedisStore(server.url, { keyPrefix: prefix });
    const raw = new Redis(server.url);
    try {
      await store.putRecord('session', 's1', { n: 1 }, 0, { expiresAt: Date.now() + 60_000 });
      await store.appendAudit(AUDIT);
      expect((await raw.keys(`${prefix}*`)).sort()).toEqual([
        `${prefix}audit`,
        `${prefix}meta`,
        `${prefix}{r:session}:exp`,
        `${prefix}{r:session}:rec`,
      ]);
      const slots = await Promise.all(
        [`${prefix}{r:session}:exp`, `${prefix}{r:session}:rec`].map((k) =>
          raw.call('CLUSTER', 'KEYSLOT', k).catch(() => null),
        ),
      );
      // A standalone Redis answers CLUSTER KEYSLOT too (cluster support off: an error); when it does, one slot.
      if (slots[0] !== null) expect(slots[1]).toBe(slots[0]);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it('[S10] renames the record keys of earlier versions at open, once, and keeps both when both exist', async () => {
    const prefix = `nobat-old-${randomUUID()}:`;
    const raw = new Redis(server.url);
    const now = Date.now();
    // As an earlier version wrote them: nobat:rec:<kind> and nobat:exp:<kind>.
    await raw.hset(`${prefix}rec:user`, 'u1', '{"version":3,"value":{"name":"old"}}');
    await raw.hset(`${prefix}rec:session`, 't1', `{"version":1,"expiresAt":${now + 60_000},"value":{"u":"u1"}}`);
    await raw.zadd(`${prefix}exp:session`, now + 60_000, 't1');
    // A kind already written under the new name, and again under the old one (an older process still running).
    await raw.hset(`${prefix}{r:device}:rec`, 'd1', '{"version":1,"value":{"n":"new"}}');
    await raw.hset(`${prefix}rec:device`, 'd2', '{"version":1,"value":{"n":"old"}}');
    const store = openRedisStore(server.url, { keyPrefix: prefix });
    try {
      expect(await store.getRecord('user', 'u1')).toEqual({ id: 'u1', version: 3, value: { name: 'old' } });
      expect(await store.getRecord('session', 't1')).toEqual({ id: 't1', version: 1, value: { u: 'u1' } });
      expect(await store.putRecord('user', 'u1', { name: 'new' }, 3)).toEqual({ ok: true, version: 4 });
      expect(await raw.exists(`${prefix}rec:user`, `${prefix}rec:session`, `${prefix}exp:session`)).toBe(0);
      expect(await raw.zscore(`${prefix}{r:session}:exp`, 't1')).toBe(String(now + 60_000));
      // Both names of device exist: neither is touched (and it is logged), nothing is lost.
      expect(await raw.hget(`${prefix}rec:device`, 'd2')).toContain('old');
      expect((await store.listRecords('device')).map((r) => r.id)).toEqual(['d1']);
      // Three keys renamed (rec:user, rec:session, exp:session); a store opened later renames nothing.
      expect(await store.migrate()).toBe(2);
      expect(store.renamed()).toBe(3);
      const again = openRedisStore(server.url, { keyPrefix: prefix });
      expect(await again.migrate()).toBe(2);
      expect(again.renamed()).toBe(0);
      await again.close();
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  describe('[S11] replica acknowledgement (WAIT)', () => {
    let replica: RedisProcess | undefined;
    afterAll(async () => {
      await replica?.stop();
    });

    it('[S11] with no replica to acknowledge, a write is answered unavailable (it may have landed)', async () => {
      const store = openRedisStore(server.url, { keyPrefix, minReplicas: 1, replicaTimeoutMs: 50 });
      try {
        const event = { type: 'CounterOpened', at: 1, counterId: 'c1', clerkId: 'u1' } as const;
        await expect(store.appendEvents('b-wait', '2025-03-21', 0, [event])).rejects.toBeInstanceOf(
          StoreUnavailableError,
        );
        await expect(store.putRecord('device', 'd-wait', { n: 1 }, 0)).rejects.toThrow(/0 of 1 replicas acknowledged/);
        // The outcome is unknown to the caller; here, on the master, both landed.
        expect(await store.readEvents('b-wait', '2025-03-21', 0)).toHaveLength(1);
        expect((await store.getRecord('device', 'd-wait'))?.version).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('[S11] with a replica acknowledging, writes are answered, and a cold script cache still works', async () => {
      const port = await freePort();
      const master = new Redis(server.url);
      await master.config('SET', 'repl-diskless-sync-delay', '0');
      master.disconnect();
      replica = await spawnRedis(
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--replicaof',
          '127.0.0.1',
          String(server.port),
        ],
        port,
      );
      const raw = new Redis(server.url);
      const store = openRedisStore(server.url, { keyPrefix, minReplicas: 1, replicaTimeoutMs: 2_000 });
      try {
        await until(async () => /slave0:.*state=online/.test(await raw.info('replication')), 20_000, 'the replica');
        const event = { type: 'CounterOpened', at: 1, counterId: 'c1', clerkId: 'u1' } as const;
        expect(await store.appendEvents('b-wait-2', '2025-03-21', 0, [event])).toEqual({ ok: true, version: 1 });
        await raw.script('FLUSH');
        expect(await store.putRecord('device', 'd-wait-2', { n: 1 }, 0)).toEqual({ ok: true, version: 1 });
        expect(await store.deleteRecord('device', 'd-wait-2')).toBe(true);
        expect(await store.dropDay('b-wait-2', '2025-03-21', 1)).toBe(true);
        const id = await store.appendAudit(AUDIT);
        expect(id).toMatch(/^\d+-\d+$/);
        const onReplica = new Redis(replica.port, '127.0.0.1');
        try {
          expect(await onReplica.xlen(`${keyPrefix}audit`)).toBeGreaterThan(0);
        } finally {
          onReplica.disconnect();
        }
      } finally {
        raw.disconnect();
        await store.close();
      }
    });
  });
});

describe.skipIf(!requireOrSkip('redis-server and redis-cli', redisClusterAvailable()))(
  '[S10] redis store on a 3-master Redis Cluster',
  () => {
    let cluster: RedisCluster | undefined;
    beforeAll(async () => {
      cluster = await startRedisCluster(3);
    }, 60_000);
    afterAll(async () => {
      await cluster?.stop();
    });

    registerStoreContract('redis cluster', async (opts) => {
      if (!cluster) throw new Error('the cluster did not start');
      return openRedisStore(cluster.url, { keyPrefix, ...opts });
    });

    it('[S4][S10] keys of one branch, and of one record kind, share a slot; branches spread over the masters', async () => {
      if (!cluster) throw new Error('the cluster did not start');
      const slot = async (key: string) => (await cluster?.nodeOf(key))?.slot;
      const b = (id: string, rest: string) => `${keyPrefix}{b:${id}}:${rest}`;
      expect(
        new Set(await Promise.all([b('x', 'days'), b('x', 'log:2025-03-21'), b('x', 'ver:2025-03-21')].map(slot))).size,
      ).toBe(1);
      expect(new Set(await Promise.all([`${keyPrefix}{r:user}:rec`, `${keyPrefix}{r:user}:exp`].map(slot))).size).toBe(
        1,
      );
      const masters = new Set<string>();
      for (let i = 0; i < 30; i++) masters.add((await cluster.nodeOf(b(`br-${i}`, 'days'))).address);
      expect(masters.size).toBe(3);
    });

    it('[S9][S6] a hung master: its slots fail as unavailable after the command timeout, the others go on; then it is back', async () => {
      if (!cluster) throw new Error('the cluster did not start');
      const store = openRedisStore(cluster.url, { keyPrefix, commandTimeoutMs: 300 });
      const event = { type: 'CounterOpened', at: 1, counterId: 'c1', clerkId: 'u1' } as const;
      // Two branches on two different masters.
      const byMaster = new Map<string, string>();
      for (let i = 0; byMaster.size < 2; i++) {
        const { address } = await cluster.nodeOf(`${keyPrefix}{b:hang-${i}}:days`);
        if (!byMaster.has(address)) byMaster.set(address, `hang-${i}`);
      }
      const [[hungAddress, hung], [, alive]] = [...byMaster] as [[string, string], [string, string]];
      const hungNode = cluster.nodes.find((n) => n.address === hungAddress);
      expect(hungNode).toBeDefined();
      try {
        expect(await store.appendEvents(hung, '2025-03-21', 0, [event])).toEqual({ ok: true, version: 1 });
        hungNode?.signal('SIGSTOP');
        await expect(store.appendEvents(hung, '2025-03-21', 1, [event])).rejects.toBeInstanceOf(StoreUnavailableError);
        expect(await store.appendEvents(alive, '2025-03-21', 0, [event])).toEqual({ ok: true, version: 1 });
        hungNode?.signal('SIGCONT');
        // The append that timed out may have landed once the node went on (its outcome was unknown).
        let version = 0;
        await until(
          async () => {
            version = (await store.readEvents(hung, '2025-03-21', 0)).length;
            return version >= 1;
          },
          20_000,
          'the master to answer again',
        );
        expect(await store.appendEvents(hung, '2025-03-21', version, [event])).toEqual({
          ok: true,
          version: version + 1,
        });
      } finally {
        hungNode?.signal('SIGCONT');
        await store.close();
      }
    });
  },
);
