// Reports over the archived rollups (rules R2–R9 in server/SPEC.md). Pure: rows are folded one at a
// time into one accumulator per group (the dimension's value), so memory grows with the number of
// groups, never with the number of rows read; figures come from the accumulators at the end.
import type { ReportDimension, ReportFigures, TimeFigures } from '@nobat/protocol';
import { HISTOGRAM_BUCKET_MS, ROLLUP_COUNTS, type RollupCount, type RollupRow } from './archive.ts';

/** What a branch is, for the dimensions above it: its provincial office and its type (1–9). */
export interface BranchFacts {
  provinceId: string;
  type: number;
}

/** [R2] The running sums of a group: the rollups' counts, and their merged histograms (bucket → count). */
export type Accumulator = Record<RollupCount, number> & {
  waitHist: Map<number, number>;
  serveHist: Map<number, number>;
};

export function emptyAccumulator(): Accumulator {
  const acc = { waitHist: new Map(), serveHist: new Map() } as Accumulator;
  for (const k of ROLLUP_COUNTS) acc[k] = 0;
  return acc;
}

const merge = (into: Map<number, number>, hist: Record<string, number>) => {
  for (const [b, n] of Object.entries(hist)) {
    const k = Number(b);
    into.set(k, (into.get(k) ?? 0) + n);
  }
};

/** [R2] Adds one rollup row to an accumulator. */
export function accumulate(acc: Accumulator, row: RollupRow): void {
  for (const k of ROLLUP_COUNTS) acc[k] += row[k];
  merge(acc.waitHist, row.waitHist);
  merge(acc.serveHist, row.serveHist);
}

/**
 * [R3] The p-th percentile (0 < p ≤ 1) of the values a histogram holds, by nearest rank: the value of
 * rank k = ⌈p·n⌉ (at least 1) in ascending order, resolved to the middle of its 15 s bucket —
 * (b + ½)·15 s for bucket b = ⌊ms / 15 s⌋ — so within 7.5 s of the exact value. Null when empty.
 */
export function percentileMs(hist: ReadonlyMap<number, number>, p: number): number | null {
  let n = 0;
  for (const c of hist.values()) n += c;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n - 1e-9));
  let seen = 0;
  for (const b of [...hist.keys()].sort((x, y) => x - y)) {
    seen += hist.get(b) ?? 0;
    if (seen >= rank) return (b + 0.5) * HISTOGRAM_BUCKET_MS;
  }
  return null;
}

function timeFigures(count: number, sumMs: number, hist: ReadonlyMap<number, number>): TimeFigures {
  return {
    count,
    meanMs: count > 0 ? sumMs / count : null,
    medianMs: percentileMs(hist, 0.5),
    p90Ms: percentileMs(hist, 0.9),
  };
}

/** [R2][R3] An accumulator's figures: counts as summed; mean exact, median and p90 by R3; share within target. */
export function figuresOf(acc: Accumulator): ReportFigures {
  return {
    issued: acc.issued,
    called: acc.called,
    served: acc.served,
    noShow: acc.noShow,
    transferred: acc.transferred,
    cancelled: acc.cancelled,
    parked: acc.parked,
    recalls: acc.recalls,
    wait: {
      ...timeFigures(acc.waitCount, acc.waitSumMs, acc.waitHist),
      withinTarget: acc.withinTarget,
      withinTargetShare: acc.waitCount > 0 ? acc.withinTarget / acc.waitCount : null,
    },
    serve: timeFigures(acc.serveCount, acc.serveSumMs, acc.serveHist),
  };
}

/**
 * [R4] The group a rollup row falls in. Counters are a branch's own, so their key is
 * `<branchId>/<counterId>`; rows with no counter (tickets issued, cancelled while waiting) are the
 * group '' of the counter and clerk dimensions. A branch missing from `branches` has province '' and type '0'.
 */
export function groupKey(by: ReportDimension, row: RollupRow, branches: ReadonlyMap<string, BranchFacts>): string {
  switch (by) {
    case 'service':
      return row.serviceId;
    case 'counter':
      return row.counterId === '' ? '' : `${row.branchId}/${row.counterId}`;
    case 'clerk':
      return row.clerkId;
    case 'hour':
      return String(row.hour);
    case 'weekday':
      return String(row.weekday);
    case 'day':
      return row.day;
    case 'branch':
      return row.branchId;
    case 'province':
      return branches.get(row.branchId)?.provinceId ?? '';
    case 'branch-type':
      return String(branches.get(row.branchId)?.type ?? 0);
  }
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number): string => new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10);
/** The number of days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;

/** [R5] The period before [from, to]: as many days, ending the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysIn(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

export interface GroupFigures {
  key: string;
  figures: ReportFigures;
}

/**
 * [R6] Rows in the dimension's order: hours, weekdays and days in time order; every other dimension
 * by served, most first, then by key.
 */
export function ordered(by: ReportDimension, rows: readonly GroupFigures[]): GroupFigures[] {
  const out = [...rows];
  if (by === 'hour' || by === 'weekday') out.sort((a, b) => Number(a.key) - Number(b.key));
  else if (by === 'day') out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  else out.sort((a, b) => b.figures.served - a.figures.served || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** [R2][R7] One period's accumulators: the total and one per group, nothing per row. */
export class PeriodFold {
  readonly total = emptyAccumulator();
  readonly #groups = new Map<string, Accumulator>();

  constructor(
    readonly by: ReportDimension,
    readonly branches: ReadonlyMap<string, BranchFacts>,
  ) {}

  add(row: RollupRow): void {
    accumulate(this.total, row);
    const key = groupKey(this.by, row, this.branches);
    let acc = this.#groups.get(key);
    if (!acc) {
      acc = emptyAccumulator();
      this.#groups.set(key, acc);
    }
    accumulate(acc, row);
  }

  /** How many accumulators the fold holds (the total aside): the groups seen. */
  get groupCount(): number {
    return this.#groups.size;
  }

  result(): { total: ReportFigures; rows: GroupFigures[] } {
    const rows = [...this.#groups].map(([key, acc]) => ({ key, figures: figuresOf(acc) }));
    return { total: figuresOf(this.total), rows: ordered(this.by, rows) };
  }
}

/**
 * [R5][R7] A report's fold: rows of [from, to] into the current period, rows of the period before
 * (when compared) into the previous one; any other row (outside both, or of a branch not in
 * `branches`) is ignored.
 */
export class ReportFold {
  readonly current: PeriodFold;
  readonly previous: PeriodFold | null;
  readonly previousRange: { from: string; to: string } | null;
  rowsRead = 0;

  constructor(
    readonly by: ReportDimension,
    readonly range: { from: string; to: string },
    readonly branches: ReadonlyMap<string, BranchFacts>,
    compare: boolean,
  ) {
    this.current = new PeriodFold(by, branches);
    this.previousRange = compare ? previousPeriod(range.from, range.to) : null;
    this.previous = compare ? new PeriodFold(by, branches) : null;
  }

  /** The days to read: the previous period and the current one together. */
  get readRange(): { from: string; to: string } {
    return { from: this.previousRange?.from ?? this.range.from, to: this.range.to };
  }

  add(row: RollupRow): void {
    this.rowsRead++;
    if (!this.branches.has(row.branchId)) return;
    if (row.day >= this.range.from && row.day <= this.range.to) this.current.add(row);
    else if (
      this.previous &&
      this.previousRange &&
      row.day >= this.previousRange.from &&
      row.day <= this.previousRange.to
    )
      this.previous.add(row);
  }
}
