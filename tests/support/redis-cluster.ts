// [S10] A real Redis Cluster for a test file: `masters` redis-servers with --cluster-enabled on free
// ports (and free cluster-bus ports) in a temporary directory, no persistence, joined by
// `redis-cli --cluster create` with no replicas; ready once every node reports cluster_state:ok.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.ts';
import { type RedisProcess, spawnRedis, until } from './redis-process.ts';

/** redis-server and redis-cli (which makes the cluster) are both on the PATH. */
export function redisClusterAvailable(): boolean {
  return ['redis-server', 'redis-cli'].every((bin) => {
    const probe = spawnSync(bin, ['--version'], { stdio: 'ignore' });
    return probe.error === undefined && probe.status === 0;
  });
}

export interface RedisCluster {
  /** REDIS_URL for the server: redis+cluster://every node. */
  url: string;
  nodes: RedisProcess[];
  /** The node (host:port) that serves a key's slot, and the slot. */
  nodeOf(key: string): Promise<{ address: string; slot: number }>;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-cluster-'));
  const nodes: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const bus = await freePort();
      nodes.push(
        await spawnRedis(
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-port',
            String(bus),
            '--cluster-node-timeout',
            '3000',
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
          ],
          port,
        ),
      );
    }
    await redisCli(['--cluster', 'create', ...nodes.map((n) => n.address), '--cluster-replicas', '0', '--cluster-yes']);
    for (const node of nodes) {
      const raw = new Redis(node.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await until(
          async () => {
            const info = String(await raw.cluster('INFO'));
            return info.includes('cluster_state:ok') && info.includes('cluster_slots_ok:16384');
          },
          20_000,
          `cluster_state:ok on ${node.address}`,
        );
      } finally {
        raw.disconnect();
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const first = nodes[0] as RedisProcess;
  return {
    url: `redis+cluster://${nodes.map((n) => n.address).join(',')}`,
    nodes,
    async nodeOf(key) {
      const raw = new Redis(first.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
      try {
        const slot = Number(await raw.cluster('KEYSLOT', key));
        // CLUSTER NODES: "<id> <ip:port@bus> <flags> <master> … <slot ranges>" a line per node.
        const lines = String(await raw.cluster('NODES'))
          .trim()
          .split('\n');
        for (const line of lines) {
          const fields = line.split(' ');
          const address = (fields[1] ?? '').split('@')[0] ?? '';
          for (const range of fields.slice(8)) {
            const [from, to = from] = range.split('-').map(Number);
            if (from !== undefined && to !== undefined && slot >= from && slot <= to) return { address, slot };
          }
        }
        throw new Error(`no node serves slot ${slot}`);
      } finally {
        raw.disconnect();
      }
    },
    stop,
  };
}

export function redisCli(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`redis-cli ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}
