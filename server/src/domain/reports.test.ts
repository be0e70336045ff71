// Report figures folded from the rollups of the hand-computed fixture days (R2–R7). Every expected
// number is worked out in the comments from the visit table in history/test-support/fixture-day.ts.
import type { ReportFigures } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_BRANCH,
  FIXTURE_DAY,
  FIXTURE_DAY_BEFORE,
  fixtureConfig,
  fixtureEvents,
  fixtureEventsDayBefore,
} from '../history/test-support/fixture-day.ts';
import { dayRows, type RollupRow } from './archive.ts';
import {
  accumulate,
  type BranchFacts,
  emptyAccumulator,
  figuresOf,
  ordered,
  PeriodFold,
  percentileMs,
  previousPeriod,
  ReportFold,
} from './reports.ts';

const S = 1000;
const config = fixtureConfig();
const rollupsOf = (day: string, events: ReturnType<typeof fixtureEvents>) =>
  dayRows(config, events, { branchId: FIXTURE_BRANCH, day, final: false }).rollups;
const DAY = rollupsOf(FIXTURE_DAY, fixtureEvents());
const DAY_BEFORE = rollupsOf(FIXTURE_DAY_BEFORE, fixtureEventsDayBefore());
const BRANCHES = new Map<string, BranchFacts>([[FIXTURE_BRANCH, { provinceId: 'tehran', type: 1 }]]);

/** Bucket midpoint of a value in seconds (R3): (⌊s / 15⌋ + ½) × 15 s, in ms. */
const mid = (s: number) => (Math.floor(s / 15) + 0.5) * 15 * S;

interface Expect {
  counts: Partial<
    Pick<ReportFigures, 'issued' | 'called' | 'served' | 'noShow' | 'transferred' | 'cancelled' | 'parked' | 'recalls'>
  >;
  /** Waits in s: count, sum, median value, p90 value (the exact nearest-rank values), within target. */
  wait: [number, number, number, number, number] | null;
  /** Serves in s: count, sum, median value, p90 value. */
  serve: [number, number, number, number] | null;
}

function figures(e: Expect): ReportFigures {
  const counts = {
    issued: 0,
    called: 0,
    served: 0,
    noShow: 0,
    transferred: 0,
    cancelled: 0,
    parked: 0,
    recalls: 0,
    ...e.counts,
  };
  const [wc, ws, wm, wp, within] = e.wait ?? [0, 0, 0, 0, 0];
  const [sc, ss, sm, sp] = e.serve ?? [0, 0, 0, 0];
  return {
    ...counts,
    wait: {
      count: wc,
      meanMs: wc ? (ws * S) / wc : null,
      medianMs: wc ? mid(wm) : null,
      p90Ms: wc ? mid(wp) : null,
      withinTarget: within,
      withinTargetShare: wc ? within / wc : null,
    },
    serve: {
      count: sc,
      meanMs: sc ? (ss * S) / sc : null,
      medianMs: sc ? mid(sm) : null,
      p90Ms: sc ? mid(sp) : null,
    },
  };
}

function report(by: ConstructorParameters<typeof PeriodFold>[0], rows: readonly RollupRow[]) {
  const fold = new PeriodFold(by, BRANCHES);
  for (const r of rows) fold.add(r);
  return fold.result();
}

// The fixture day's figures for the two sub-services (the visits of c1 are exactly s1's, of c2 s2's).
// s1 waits 120 300 180 900 150 30 (sorted 30 120 150 180 300 900): sum 1680; median rank ⌈3⌉ → 150;
// p90 rank ⌈5.4⌉ = 6 → 900; within 10 min: all but 900 → 5. Serves 300 240 390 180 (sorted 180 240 300
// 390): sum 1110; median rank 2 → 240; p90 rank ⌈3.6⌉ = 4 → 390.
const S1_VISITS: Expect = {
  counts: { called: 6, served: 4, noShow: 1, recalls: 1 },
  wait: [6, 1680, 150, 900, 5],
  serve: [4, 1110, 240, 390],
};
// s2 waits 30 120 360 1200 540 60 (sorted 30 60 120 360 540 1200): sum 2310; median rank 3 → 120; p90
// rank 6 → 1200; within 5 min: 30 120 60 → 3. Serves 180 180 510: sum 870; median rank 2 → 180; p90
// rank ⌈2.7⌉ = 3 → 510. Transferred: T4's first visit and T6's parked one; parked T6, T9; cancelled T9.
const S2_VISITS: Expect = {
  counts: { called: 6, served: 3, transferred: 2, parked: 2, cancelled: 1 },
  wait: [6, 2310, 120, 1200, 3],
  serve: [3, 870, 180, 510],
};

describe('report figures of the fixture day', () => {
  it('[R2][R3] the total: counts, mean, median and p90 by nearest rank at bucket midpoints, share within target', () => {
    // Twelve waits 30 30 60 120 120 150 180 300 360 540 900 1200: sum 3990 s (mean 332.5 s); median
    // rank ⌈6⌉ → 150 s → 157.5 s; p90 rank ⌈10.8⌉ = 11 → 900 s → 907.5 s; within target 8 of 12.
    // Seven serves 180 180 180 240 300 390 510: sum 1980 s; median rank ⌈3.5⌉ = 4 → 240 → 247.5 s;
    // p90 rank ⌈6.3⌉ = 7 → 510 → 517.5 s.
    const { total } = report('service', DAY);
    expect(total).toEqual(
      figures({
        counts: { issued: 11, called: 12, served: 7, noShow: 1, transferred: 2, cancelled: 2, parked: 2, recalls: 1 },
        wait: [12, 3990, 150, 900, 8],
        serve: [7, 1980, 240, 510],
      }),
    );
    expect(total.wait.meanMs).toBe(332_500);
    expect(total.wait.medianMs).toBe(157_500);
    expect(total.wait.p90Ms).toBe(907_500);
    expect(total.wait.withinTargetShare).toBeCloseTo(8 / 12, 12);
    expect(total.serve.medianMs).toBe(247_500);
    expect(total.serve.p90Ms).toBe(517_500);
  });

  it('[R2][R4][R6] by sub-service: s1 (issued 6, T5 cancelled waiting) before s2, by served', () => {
    const { rows } = report('service', DAY);
    expect(rows).toEqual([
      { key: 's1', figures: figures({ ...S1_VISITS, counts: { ...S1_VISITS.counts, issued: 6, cancelled: 1 } }) },
      { key: 's2', figures: figures({ ...S2_VISITS, counts: { ...S2_VISITS.counts, issued: 5 } }) },
    ]);
  });

  it('[R4][R6] by counter: keys <branch>/<counter>; tickets issued and cancelled while waiting in the group ""', () => {
    const { rows, total } = report('counter', DAY);
    expect(rows).toEqual([
      { key: 'b1/c1', figures: figures(S1_VISITS) },
      { key: 'b1/c2', figures: figures(S2_VISITS) },
      { key: '', figures: figures({ counts: { issued: 11, cancelled: 1 }, wait: null, serve: null }) },
    ]);
    // [R2] The rows' counts add up to the total.
    for (const k of [
      'issued',
      'called',
      'served',
      'noShow',
      'transferred',
      'cancelled',
      'parked',
      'recalls',
    ] as const) {
      expect(rows.reduce((a, r) => a + r.figures[k], 0)).toBe(total[k]);
    }
  });

  it('[R4][R6] by clerk: the clerks swapped counters at 10:00, so a clerk’s figures span both', () => {
    // k1: T1 T3 T4b at c1 (9h) and T9 at c2 (10h). Waits 120 300 180 60 (sorted 60 120 180 300): sum
    // 660; median rank 2 → 120; p90 rank 4 → 300; all within their targets. Serves 300 240: median
    // rank 1 → 240, p90 rank 2 → 300.
    // k2: T2 T4a T6a T6b T7 at c2 (9h), T8 T10 T11 at c1 (10h). Waits 30 120 360 1200 540 900 150 30
    // (sorted 30 30 120 150 360 540 900 1200): sum 3330; median rank 4 → 150; p90 rank ⌈7.2⌉ = 8 →
    // 1200; within: 30 120 (s2) and 150 30 (s1) → 4. Serves 180 180 510 390 180 (sorted 180 180 180
    // 390 510): sum 1440; median rank 3 → 180; p90 rank ⌈4.5⌉ = 5 → 510.
    const { rows } = report('clerk', DAY);
    expect(rows).toEqual([
      {
        key: 'k2',
        figures: figures({
          counts: { called: 8, served: 5, transferred: 2, parked: 1 },
          wait: [8, 3330, 150, 1200, 4],
          serve: [5, 1440, 180, 510],
        }),
      },
      {
        key: 'k1',
        figures: figures({
          counts: { called: 4, served: 2, noShow: 1, recalls: 1, cancelled: 1, parked: 1 },
          wait: [4, 660, 120, 300, 4],
          serve: [2, 540, 240, 300],
        }),
      },
      { key: '', figures: figures({ counts: { issued: 11, cancelled: 1 }, wait: null, serve: null }) },
    ]);
  });

  it('[R4][R6] by hour of the call, in time order', () => {
    // 9h: waits 120 300 180 30 120 360 1200 540 (sorted 30 120 120 180 300 360 540 1200): sum 2850;
    // median rank 4 → 180; p90 rank 8 → 1200; within 3 + 2 = 5. Serves 300 240 180 180 510: sum 1410;
    // median rank 3 → 240; p90 rank 5 → 510. Issued 8 (T1–T8), T5 cancelled at 09:20.
    // 10h: waits 900 150 30 60: sum 1140; median rank 2 → 60; p90 rank 4 → 900; within 150 30 60 → 3.
    // Serves 390 180: median rank 1 → 180; p90 rank 2 → 390. Issued 3 (T9–T11), T9 cancelled.
    const { rows } = report('hour', DAY);
    expect(rows).toEqual([
      {
        key: '9',
        figures: figures({
          counts: { issued: 8, called: 8, served: 5, noShow: 1, transferred: 2, cancelled: 1, parked: 1, recalls: 1 },
          wait: [8, 2850, 180, 1200, 5],
          serve: [5, 1410, 240, 510],
        }),
      },
      {
        key: '10',
        figures: figures({
          counts: { issued: 3, called: 4, served: 2, cancelled: 1, parked: 1 },
          wait: [4, 1140, 60, 900, 3],
          serve: [2, 570, 180, 390],
        }),
      },
    ]);
  });

  it('[R4][R6] by weekday and by day over two days: Saturday (0) before Sunday (1), days in order', () => {
    // The day before: U1 waits 60 s, served 300 s; U2 waits 600 s (over 5 min), no-show. Waits 60 600:
    // median rank 1 → 60, p90 rank 2 → 600; within 1.
    const before = figures({
      counts: { issued: 2, called: 2, served: 1, noShow: 1 },
      wait: [2, 660, 60, 600, 1],
      serve: [1, 300, 300, 300],
    });
    const sunday = report('service', DAY).total;
    const rows = [...DAY, ...DAY_BEFORE]; // not in day order: the fold does not care
    expect(report('weekday', rows).rows).toEqual([
      { key: '0', figures: before },
      { key: '1', figures: sunday },
    ]);
    expect(report('day', rows).rows).toEqual([
      { key: FIXTURE_DAY_BEFORE, figures: before },
      { key: FIXTURE_DAY, figures: sunday },
    ]);
    // Branch, province and branch type: one group each, the total.
    const all = report('service', rows).total;
    expect(report('branch', rows).rows).toEqual([{ key: 'b1', figures: all }]);
    expect(report('province', rows).rows).toEqual([{ key: 'tehran', figures: all }]);
    expect(report('branch-type', rows).rows).toEqual([{ key: '1', figures: all }]);
  });
});

describe('[R3] percentiles over a histogram', () => {
  const hist = (...seconds: number[]) => {
    const acc = emptyAccumulator();
    for (const s of seconds) {
      const b = String(Math.floor(s / 15));
      accumulate(acc, {
        ...DAY[0],
        waitHist: { [b]: 1 },
        serveHist: {},
      } as RollupRow);
    }
    return acc.waitHist;
  };

  it('nearest rank ⌈p·n⌉, resolved to the middle of the 15 s bucket; null when empty', () => {
    expect(percentileMs(new Map(), 0.5)).toBeNull();
    expect(percentileMs(hist(0), 0.5)).toBe(7_500);
    expect(percentileMs(hist(0), 0.9)).toBe(7_500);
    // Two values: the median is the lower (rank 1), p90 the upper (rank ⌈1.8⌉ = 2).
    expect(percentileMs(hist(10, 100), 0.5)).toBe(7_500);
    expect(percentileMs(hist(10, 100), 0.9)).toBe(97_500);
    // Ten values 1…10 min: median rank 5 → 5 min → bucket 20 → 307.5 s; p90 rank 9 → 9 min → 547.5 s.
    const ten = hist(60, 120, 180, 240, 300, 360, 420, 480, 540, 600);
    expect(percentileMs(ten, 0.5)).toBe(307_500);
    expect(percentileMs(ten, 0.9)).toBe(547_500);
    // Bucket edges: 14.999 s is bucket 0, 15 s bucket 1.
    expect(percentileMs(hist(14.999), 0.5)).toBe(7_500);
    expect(percentileMs(hist(15), 0.5)).toBe(22_500);
  });

  it('the rank is ⌈p·n⌉ exactly, for every n up to 300 (checked with integer arithmetic)', () => {
    for (let n = 1; n <= 300; n++) {
      // n values, one in each of the buckets 0 … n−1: the value of rank k is in bucket k − 1.
      const h = new Map(Array.from({ length: n }, (_, i) => [i, 1] as [number, number]));
      const p90Rank = Math.floor((9 * n + 9) / 10);
      const medianRank = Math.floor((n + 1) / 2);
      expect([n, percentileMs(h, 0.9)]).toEqual([n, (p90Rank - 0.5) * 15_000]);
      expect([n, percentileMs(h, 0.5)]).toEqual([n, (medianRank - 0.5) * 15_000]);
    }
  });

  it('buckets are ordered as numbers, not as text (bucket 80 after bucket 8)', () => {
    const h = new Map([
      [80, 1],
      [8, 1],
      [100, 1],
    ]);
    expect(percentileMs(h, 0.5)).toBe(80.5 * 15_000);
  });

  it('[R2] an empty accumulator has zero counts and null times', () => {
    const f = figuresOf(emptyAccumulator());
    expect(f.called).toBe(0);
    expect(f.wait).toEqual({
      count: 0,
      meanMs: null,
      medianMs: null,
      p90Ms: null,
      withinTarget: 0,
      withinTargetShare: null,
    });
    expect(f.serve).toEqual({ count: 0, meanMs: null, medianMs: null, p90Ms: null });
  });
});

describe('[R5] the previous period', () => {
  it.each([
    ['2026-11-22', '2026-11-22', '2026-11-21', '2026-11-21'],
    // A Gregorian month of 31 days: the 31 days before it, across February (28 days in 2026).
    ['2026-03-01', '2026-03-31', '2026-01-29', '2026-02-28'],
    // Leap year: 29 February is one of the days.
    ['2024-03-01', '2024-03-31', '2024-01-30', '2024-02-29'],
    ['2024-03-01', '2024-03-01', '2024-02-29', '2024-02-29'],
    // Across the year end.
    ['2026-01-01', '2026-01-10', '2025-12-22', '2025-12-31'],
    // Esfand 1403 (a leap Esfand of 30 days: 2025-02-19 … 2025-03-20): the 30 days before it.
    ['2025-02-19', '2025-03-20', '2025-01-20', '2025-02-18'],
    // Farvardin 1405 (31 days: 2026-03-21 … 2026-04-20) after a 29-day Esfand 1404.
    ['2026-03-21', '2026-04-20', '2026-02-18', '2026-03-20'],
  ])('%s … %s → %s … %s', (from, to, pFrom, pTo) => {
    expect(previousPeriod(from, to)).toEqual({ from: pFrom, to: pTo });
  });

  it('[R5][R7] a report fold puts rows of the period in the current figures, of the period before in the previous, others nowhere', () => {
    const fold = new ReportFold('service', { from: FIXTURE_DAY, to: FIXTURE_DAY }, BRANCHES, true);
    expect(fold.readRange).toEqual({ from: FIXTURE_DAY_BEFORE, to: FIXTURE_DAY });
    const outside = DAY.map((r) => ({ ...r, day: '2026-11-20' }));
    const otherBranch = DAY.map((r) => ({ ...r, branchId: 'elsewhere' }));
    for (const r of [...DAY_BEFORE, ...outside, ...DAY, ...otherBranch]) fold.add(r);
    expect(fold.current.result()).toEqual(report('service', DAY));
    expect(fold.previous?.result()).toEqual(report('service', DAY_BEFORE));
    expect(fold.rowsRead).toBe(DAY_BEFORE.length + 3 * DAY.length);
    const alone = new ReportFold('service', { from: FIXTURE_DAY, to: FIXTURE_DAY }, BRANCHES, false);
    expect(alone.previous).toBeNull();
    expect(alone.readRange).toEqual({ from: FIXTURE_DAY, to: FIXTURE_DAY });
  });
});

describe('[R6] order', () => {
  const f = (served: number) => figures({ counts: { served }, wait: null, serve: null });
  it('hours and weekdays as numbers, days as dates, the rest by served then key', () => {
    const keys = (by: Parameters<typeof ordered>[0], rows: [string, number][]) =>
      ordered(
        by,
        rows.map(([key, served]) => ({ key, figures: f(served) })),
      ).map((r) => r.key);
    expect(
      keys('hour', [
        ['10', 9],
        ['9', 1],
        ['23', 5],
        ['0', 0],
      ]),
    ).toEqual(['0', '9', '10', '23']);
    expect(
      keys('weekday', [
        ['6', 1],
        ['0', 0],
        ['2', 3],
      ]),
    ).toEqual(['0', '2', '6']);
    expect(
      keys('day', [
        ['2026-12-01', 1],
        ['2026-11-30', 9],
      ]),
    ).toEqual(['2026-11-30', '2026-12-01']);
    expect(
      keys('service', [
        ['b', 3],
        ['a', 3],
        ['c', 7],
        ['', 0],
      ]),
    ).toEqual(['c', 'a', 'b', '']);
  });
});

describe('[R7] memory grows with the groups, not the rows', () => {
  it('200 000 rows of three sub-services and 24 hours: three accumulators by service, 24 by hour', () => {
    const byService = new PeriodFold('service', BRANCHES);
    const byHour = new PeriodFold('hour', BRANCHES);
    const base = DAY.find((r) => r.counterId === 'c1') as RollupRow;
    for (let i = 0; i < 200_000; i++) {
      const row = { ...base, serviceId: `s${i % 3}`, hour: i % 24 };
      byService.add(row);
      byHour.add(row);
    }
    expect(byService.groupCount).toBe(3);
    expect(byHour.groupCount).toBe(24);
    expect(byService.result().total.called).toBe(200_000 * base.called);
    // The histograms stay as sparse as the buckets used: three for c1's waits.
    expect(byService.total.waitHist.size).toBe(Object.keys(base.waitHist).length);
  });
});
