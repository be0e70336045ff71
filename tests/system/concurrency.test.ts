// [S2] Two worker processes, each running the queue service as a server would, share one Redis. Each
// runs 10 counters calling (call-next → start → finish) and 25 kiosks issuing, all at once, so their
// compare-and-appends collide. Whatever the interleaving, the log must come out whole: no number
// issued twice, no ticket called twice, nothing acknowledged lost, every ticket served to the end.
// The scenario (tests/support/branch-load-run.ts) runs on a Cluster and on a Sentinel set too
// (concurrency-cluster, concurrency-sentinel).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runBranchLoad } from '../support/branch-load-run.ts';
import { type RedisServer, redisAvailable, startRedisServer } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { BRANCH_ID, COUNTER_COUNT } from '../support/system-branch.ts';
import type { WorkerProcess } from '../support/worker-process.ts';

const KIOSKS_PER_PROCESS = 25;
const ISSUES_PER_KIOSK = 20;

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))(
  '[S2] two worker processes on one Redis store',
  () => {
    let redis: RedisServer | undefined;
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await redis?.stop();
    });

    it('[S2] 20 counters calling and 50 kiosks issuing at once from two processes: no number issued twice, no ticket called twice, none lost', async () => {
      const url = redis?.url;
      if (!url) throw new Error('redis-server did not start');
      const run = await runBranchLoad(
        { url, branches: [BRANCH_ID], kiosksPerProcess: KIOSKS_PER_PROCESS, issuesPerKiosk: ISSUES_PER_KIOSK },
        workers,
      );
      const tickets = 2 * KIOSKS_PER_PROCESS * ISSUES_PER_KIOSK;
      console.info(
        `[S2] ${tickets} tickets through ${COUNTER_COUNT} counters in two processes in ${run.seconds.toFixed(1)} s; ` +
          `${run.stats.reduce((n, s) => n + s.appends, 0)} appends, ` +
          `${run.stats.reduce((n, s) => n + s.conflicts, 0)} lost the race and were decided again`,
      );
    });
  },
);
