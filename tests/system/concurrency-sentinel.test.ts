// [S9][S11] The two-process concurrency scenario ([S2], tests/support/branch-load-run.ts) on a real
// Sentinel set (a master, two replicas, three sentinels, quorum 2), with every write waiting for one
// replica's acknowledgement (NOBAT_REDIS_MIN_REPLICAS=1). Mid-load the master is killed (SIGKILL):
// the workers see store-unavailable while Sentinel fails over, then go on against the new master;
// every command acknowledged before, during or after the failover is in the log, and the log is
// whole — no number twice, no ticket called twice, none lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBranchLoad } from '../support/branch-load-run.ts';
import { until } from '../support/redis-process.ts';
import { type RedisSentinelSet, startRedisSentinelSet } from '../support/redis-sentinel.ts';
import { redisAvailable } from '../support/redis-server.ts';
import { requireOrSkip } from '../support/require.ts';
import { BRANCH_ID } from '../support/system-branch.ts';
import { isAck } from '../support/worker-lines.ts';
import type { WorkerProcess } from '../support/worker-process.ts';

const KIOSKS_PER_PROCESS = 20;
const ISSUES_PER_KIOSK = 20;

describe.skipIf(!requireOrSkip('redis-server', redisAvailable()))(
  '[S9][S11] two worker processes on a Sentinel set whose master is killed mid-load',
  () => {
    let set: RedisSentinelSet | undefined;
    const workers: WorkerProcess[] = [];

    beforeAll(async () => {
      set = await startRedisSentinelSet({ replicas: 2 });
    }, 60_000);
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await set?.stop();
    });

    it('[S9][S11][S6] the master killed mid-load: store-unavailable during the failover, then on; every acknowledged command is in the log', async () => {
      if (!set) throw new Error('the sentinel set did not start');
      const sentinels = set;
      const first = await sentinels.master();
      const firstMaster = sentinels.data[0];
      expect(first).toBe(firstMaster?.address);
      let killedAt: number[] = [];
      const run = await runBranchLoad(
        {
          url: sentinels.url,
          branches: [BRANCH_ID],
          kiosksPerProcess: KIOSKS_PER_PROCESS,
          issuesPerKiosk: ISSUES_PER_KIOSK,
          env: {
            NOBAT_REDIS_MIN_REPLICAS: '1',
            NOBAT_REDIS_REPLICA_TIMEOUT_MS: '500',
            NOBAT_REDIS_TIMEOUT_MS: '1500',
          },
          outages: true,
          async duringLoad(ws) {
            // A fifth of the tickets issued: the master goes, as a machine that dies does.
            const issued = () => ws.reduce((n, w) => n + w.lines.filter((l) => l.kind === 'issued').length, 0);
            await until(async () => issued() >= (2 * KIOSKS_PER_PROCESS * ISSUES_PER_KIOSK) / 5, 60_000, 'load');
            killedAt = ws.map((w) => w.lines.length);
            firstMaster?.signal('SIGKILL');
            await until(async () => (await sentinels.master()) !== first, 60_000, 'Sentinel to promote a replica');
          },
        },
        workers,
      );
      const promoted = await sentinels.master();
      expect(promoted).not.toBe(first);
      expect(sentinels.data.slice(1).map((d) => d.address)).toContain(promoted);

      // The workers saw the outage (commands answered store-unavailable), and went on after it:
      // each acknowledged commands after its first store-unavailable.
      expect(run.unavailable.length).toBeGreaterThan(0);
      for (const [i, w] of run.workers.entries()) {
        const lines = w.lines.slice(killedAt[i] ?? 0);
        const firstOutage = lines.findIndex((l) => l.kind === 'unavailable');
        if (firstOutage < 0) continue; // this one happened to send nothing during the failover
        expect(lines.slice(firstOutage).some(isAck), `${w.name} went on after the failover`).toBe(true);
      }
      console.info(
        `[S9][S11] ${2 * KIOSKS_PER_PROCESS * ISSUES_PER_KIOSK} tickets in ${run.seconds.toFixed(1)} s across a failover ` +
          `${first} → ${promoted}; ${run.unavailable.length} commands answered store-unavailable and sent again`,
      );
    });
  },
);
