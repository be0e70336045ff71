// [S10] The two-process concurrency scenario ([S2], tests/support/branch-load-run.ts) on a real
// 3-master Redis Cluster, with three branches whose keys live on three different masters: each
// branch's appends stay on its slot, and the logs come out whole on every shard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBranchLoad } from '../support/branch-load-run.ts';
import { type RedisCluster, redisClusterAvailable, startRedisCluster } from '../support/redis-cluster.ts';
import { requireOrSkip } from '../support/require.ts';
import type { WorkerProcess } from '../support/worker-process.ts';

describe.skipIf(!requireOrSkip('redis-server and redis-cli', redisClusterAvailable()))(
  '[S10] two worker processes on a 3-master Redis Cluster',
  () => {
    let cluster: RedisCluster | undefined;
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      cluster = await startRedisCluster(3);
    }, 60_000);
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await cluster?.stop();
    });

    it('[S10][S4][S2] three branches on three masters, 20 counters and 16 kiosks in each from two processes: no number twice, no ticket called twice, none lost', async () => {
      if (!cluster) throw new Error('the cluster did not start');
      // One branch per master: the first ids whose hash tag lands on a master not yet taken.
      const byMaster = new Map<string, string>();
      for (let i = 1; byMaster.size < 3 && i < 100; i++) {
        const id = `sys-${i}`;
        const { address } = await cluster.nodeOf(`nobat:{b:${id}}:days`);
        if (!byMaster.has(address)) byMaster.set(address, id);
      }
      const branches = [...byMaster.values()];
      expect(branches).toHaveLength(3);
      // Each branch's keys (log, version, days) share one slot, and the three branches three masters.
      for (const id of branches) {
        const slots = await Promise.all(
          ['days', `log:2030-03-10`, `ver:2030-03-10`].map(
            async (rest) => (await cluster?.nodeOf(`nobat:{b:${id}}:${rest}`))?.slot,
          ),
        );
        expect(new Set(slots).size).toBe(1);
      }
      const masters = await Promise.all(
        branches.map(async (id) => (await cluster?.nodeOf(`nobat:{b:${id}}:days`))?.address),
      );
      expect(new Set(masters).size).toBe(3);

      const run = await runBranchLoad({ url: cluster.url, branches, kiosksPerProcess: 8, issuesPerKiosk: 20 }, workers);
      console.info(
        `[S10] ${branches.length} × ${2 * 8 * 20} tickets on a 3-master cluster in ${run.seconds.toFixed(1)} s; ` +
          `${run.stats.reduce((n, s) => n + s.appends, 0)} appends, ${run.stats.reduce((n, s) => n + s.conflicts, 0)} conflicts`,
      );
    });
  },
);
