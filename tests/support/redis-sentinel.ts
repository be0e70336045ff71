// [S9] A real Redis Sentinel set for a test file: a master, `replicas` replicas (--replicaof) and
// three sentinels (quorum 2) watching it, with a short down-after and failover timeout so a killed
// master is replaced within seconds. No persistence; everything in a temporary directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.ts';
import { type RedisProcess, spawnRedis, until } from './redis-process.ts';

export const MASTER_NAME = 'nobat';

export interface RedisSentinelSet {
  /** REDIS_URL for the server: redis+sentinel://the sentinels/nobat. */
  url: string;
  /** The data nodes as started: [0] the first master, then the replicas. */
  data: RedisProcess[];
  sentinels: RedisProcess[];
  /** host:port of the master the sentinels name now. */
  master(): Promise<string>;
  stop(): Promise<void>;
}

export async function startRedisSentinelSet(
  opts: { replicas?: number; downAfterMs?: number } = {},
): Promise<RedisSentinelSet> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-sentinel-'));
  const data: RedisProcess[] = [];
  const sentinels: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all([...sentinels, ...data].map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  // Any node may become the master: each starts a replica's sync at once (no diskless-sync delay).
  const common = [
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--repl-diskless-sync-delay',
    '0',
  ];
  try {
    const masterPort = await freePort();
    data.push(await spawnRedis(['--port', String(masterPort), ...common], masterPort));
    for (let i = 0; i < (opts.replicas ?? 2); i++) {
      const port = await freePort();
      data.push(
        await spawnRedis(['--port', String(port), ...common, '--replicaof', '127.0.0.1', String(masterPort)], port),
      );
    }
    const master = new Redis(masterPort, '127.0.0.1', { maxRetriesPerRequest: 1 });
    try {
      await until(
        async () => Number(/connected_slaves:(\d+)/.exec(await master.info('replication'))?.[1]) === data.length - 1,
        20_000,
        'the replicas to connect',
      );
    } finally {
      master.disconnect();
    }
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${MASTER_NAME} ${opts.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${MASTER_NAME} 5000`,
          `sentinel parallel-syncs ${MASTER_NAME} 2`,
          '',
        ].join('\n'),
      );
      sentinels.push(await spawnRedis([conf, '--sentinel'], port));
    }
    // Ready when every sentinel knows the replicas and the other two sentinels (needed to fail over).
    for (const s of sentinels) {
      const raw = new Redis(s.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
      try {
        await until(
          async () => {
            const flat = (await raw.call('SENTINEL', 'MASTER', MASTER_NAME)) as string[];
            const info = new Map<string, string>();
            for (let i = 0; i + 1 < flat.length; i += 2) info.set(String(flat[i]), String(flat[i + 1]));
            return Number(info.get('num-slaves')) === data.length - 1 && Number(info.get('num-other-sentinels')) === 2;
          },
          30_000,
          `sentinel ${s.address} to see the replicas and the other sentinels`,
        );
      } finally {
        raw.disconnect();
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `redis+sentinel://${sentinels.map((s) => s.address).join(',')}/${MASTER_NAME}`,
    data,
    sentinels,
    async master() {
      for (const s of sentinels) {
        if (s.exited()) continue;
        const raw = new Redis(s.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
        try {
          const [host, port] = (await raw.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER_NAME)) as string[];
          return `${host}:${port}`;
        } finally {
          raw.disconnect();
        }
      }
      throw new Error('no sentinel answers');
    },
    stop,
  };
}
