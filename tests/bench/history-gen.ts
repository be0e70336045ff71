// The history bench's data: a Jalali year (1404: 2025-03-21 … 2026-03-20) of 200 branches in 10
// provinces, written through the history port into SQLite (HISTORY_DIR/history.sqlite) or PostgreSQL
// (DATABASE_URL), and the branches' configuration into the live store (HISTORY_DIR/nobat.sqlite) so
// the server resolves provinces, types and names. Each branch-day is what archiving writes for a day
// of a branch like the demo office: rollups for every counter × sub-service it serves and hour it is
// open (reports read only those), with seeded random counts and times. No visits or events: reports
// never read them, and a year of them would only make the bench slow to prepare.
// The data is kept between runs: a store whose last branch-day is archived is not written again.
// Prints JSON lines: {kind:'progress', days, of} … {kind:'done', rows, seconds, reused}.
import { BranchConfig, type BranchConfigInput, type ProvincialOffice } from '@nobat/protocol';
import { demoConfigInput, demoTree, seedDemo } from '../../server/src/demo.ts';
import { emptyRollup, HISTOGRAM_BUCKET_MS, type RollupRow, WEEKDAY_INDEX } from '../../server/src/domain/archive.ts';
import { openHistory } from '../../server/src/history/open.ts';
import type { HistoryStore } from '../../server/src/history/port.ts';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { rng } from '../../server/src/testing/rng.ts';
import {
  branchId,
  HISTORY_BRANCHES,
  HISTORY_PROVINCES,
  OPEN_HOURS,
  openDays,
  provinceId,
  WEEKDAYS,
} from './history-shape.ts';
import { BENCH_DEVICE_KEY, BENCH_PASSWORD, say } from './shared.ts';

function branchConfig(i: number): BranchConfig {
  const input: BranchConfigInput = demoConfigInput();
  input.branch = {
    ...input.branch,
    id: branchId(i),
    provincialOfficeId: provinceId(i % HISTORY_PROVINCES),
    name: { fa: `شعبهٔ ${i + 1}`, en: `Branch ${i + 1}` },
    type: 1 + (i % 5),
  };
  return BranchConfig.parse(input);
}

/** One branch-day's rollups, as archiving would write them. */
function dayRollups(config: BranchConfig, day: string, seed: number): RollupRow[] {
  const random = rng(seed);
  const weekday = WEEKDAY_INDEX[WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? 'sat'];
  const rows: RollupRow[] = [];
  const hist = (count: number, meanMs: number) => {
    const h: Record<string, number> = {};
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const ms = Math.round(-Math.log(1 - random()) * meanMs);
      sum += ms;
      const b = String(Math.floor(ms / HISTOGRAM_BUCKET_MS));
      h[b] = (h[b] ?? 0) + 1;
    }
    return { h, sum };
  };
  const base = (hour: number, serviceId: string, counterId: string, clerkId: string): RollupRow =>
    emptyRollup({ branchId: config.branch.id, day, hour, weekday, serviceId, counterId, clerkId });
  const clerks = config.clerks.map((c) => c.id);
  for (const hour of OPEN_HOURS) {
    const issued = new Map<string, number>();
    config.counters.forEach((counter, n) => {
      const clerkId = clerks[n % clerks.length] ?? '';
      for (const { serviceId } of counter.services) {
        const called = Math.floor(random() * 6);
        if (called === 0) continue;
        const r = base(hour, serviceId, counter.id, clerkId);
        const noShow = random() < 0.1 ? 1 : 0;
        const transferred = random() < 0.05 ? 1 : 0;
        const served = Math.max(0, called - noShow - transferred);
        const wait = hist(called, 9 * 60_000);
        const serve = hist(served, 5 * 60_000);
        Object.assign(r, {
          called,
          served,
          noShow,
          transferred,
          recalls: random() < 0.2 ? 1 : 0,
          parked: random() < 0.03 ? 1 : 0,
          waitCount: called,
          waitSumMs: wait.sum,
          withinTarget: Object.entries(wait.h)
            .filter(([b]) => Number(b) * HISTOGRAM_BUCKET_MS <= 20 * 60_000)
            .reduce((s, [, c]) => s + c, 0),
          waitHist: wait.h,
          serveCount: served,
          serveSumMs: serve.sum,
          serveHist: serve.h,
        });
        rows.push(r);
        issued.set(serviceId, (issued.get(serviceId) ?? 0) + called);
      }
    });
    for (const [serviceId, n] of issued) {
      const r = base(hour, serviceId, '', '');
      r.issued = n + (random() < 0.3 ? 1 : 0);
      r.cancelled = random() < 0.1 ? 1 : 0;
      rows.push(r);
    }
  }
  return rows;
}

async function fillLive(dir: string): Promise<BranchConfig[]> {
  const store = openSqliteStore(`${dir}/nobat.sqlite`);
  try {
    // The demo office first (its users sign the bench in), then the year's branches beside it.
    await seedDemo(store, { password: BENCH_PASSWORD, deviceKey: BENCH_DEVICE_KEY });
    const sso = demoTree().find(([kind]) => kind === 'organisation')?.[1];
    for (let p = 0; p < HISTORY_PROVINCES; p++) {
      const office: ProvincialOffice = {
        id: provinceId(p),
        organisationId: sso?.id ?? 'sso',
        name: { fa: `استان ${p + 1}`, en: `Province ${p + 1}` },
        alertMobiles: [],
      };
      await store.putRecord('provincial-office', office.id, office, 0);
    }
    const configs = Array.from({ length: HISTORY_BRANCHES }, (_, i) => branchConfig(i));
    for (const c of configs) await store.putRecord('branch', c.branch.id, c, 0);
    return configs;
  } finally {
    await store.close();
  }
}

async function fillHistory(history: HistoryStore, configs: BranchConfig[]): Promise<{ rows: number; reused: boolean }> {
  const days = openDays();
  const last = days.at(-1) as string;
  const lastBranch = configs.at(-1)?.branch.id as string;
  if ((await history.archived(lastBranch, last))?.final) return { rows: 0, reused: true };
  let rows = 0;
  // A few writes at once: PostgreSQL commits in parallel; SQLite takes them one after another.
  const parallel = history.kind === 'postgres' ? 6 : 1;
  for (let d = 0; d < days.length; d++) {
    const day = days[d] as string;
    const pending = [...configs];
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let c = pending.shift(); c; c = pending.shift()) {
          if ((await history.archived(c.branch.id, day))?.final) continue;
          const rollups = dayRollups(c, day, d * 1_000 + configs.indexOf(c));
          rows += rollups.length;
          await history.archiveDay({
            branchId: c.branch.id,
            day,
            events: [],
            visits: [],
            clerkLog: [],
            rollups,
            final: true,
          });
        }
      }),
    );
    if (d % 20 === 0) say({ kind: 'progress', days: d, of: days.length });
  }
  return { rows, reused: false };
}

const dir = process.env.HISTORY_DIR;
if (!dir) throw new Error('HISTORY_DIR is required');
const started = performance.now();
const configs = await fillLive(dir);
const history = openHistory({
  NOBAT_DATA_DIR: dir,
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
await history.migrate();
const { rows, reused } = await fillHistory(history, configs);
await history.close();
say({ kind: 'done', rows, reused, seconds: Math.round((performance.now() - started) / 1000) });
process.exit(0);
