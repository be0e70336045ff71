// The rows a branch-day is archived as (rules H3–H5): one per visit (H1), the clerk's daily log (H2),
// and rollups by hour × sub-service × counter × clerk that reports read instead of the visits. Pure:
// from the day's configuration and log, the same rows every time (archiving twice writes the same).
import type { BranchConfig, Weekday } from '@nobat/protocol';
import type { DomainEvent } from './events.ts';
import { type ClerkLogRow, clerkDailyLog, type Outcome, visits } from './history.ts';
import { localMoment } from './local-time.ts';

/** Waiting and serving times are kept in buckets of this width (ms): medians and p90 resolve to it. */
export const HISTOGRAM_BUCKET_MS = 15_000;

/** A sparse histogram: bucket index (floor(ms / HISTOGRAM_BUCKET_MS)) → count. */
export type Histogram = Record<string, number>;

/** The Iranian week: Saturday is 0, Friday 6. */
export const WEEKDAY_INDEX: Record<Weekday, number> = { sat: 0, sun: 1, mon: 2, tue: 3, wed: 4, thu: 5, fri: 6 };

/** [H3] One visit of a ticket to a counter (H1), as archived. Times are epoch ms. */
export interface VisitRow {
  branchId: string;
  /** The branch-day, local "YYYY-MM-DD". */
  day: string;
  ticketId: string;
  /** 1 for the ticket's first call that day, 2 for its next, … (with ticketId: the row's key). */
  visitNo: number;
  number: string;
  serviceId: string;
  counterId: string;
  clerkId: string;
  queuedAt: number;
  calledAt: number;
  startedAt: number | null;
  endedAt: number | null;
  outcome: Outcome;
  recalls: number;
  waitMs: number;
  serveMs: number | null;
  /** Local hour of the call (0–23) and weekday (WEEKDAY_INDEX). */
  hour: number;
  weekday: number;
}

/** [H3] A row of a clerk's daily log (جدول ۲), as archived. */
export interface ClerkLogArchiveRow extends ClerkLogRow {
  branchId: string;
  day: string;
  clerkId: string;
}

/**
 * [H4] The figures of one branch-day × local hour × sub-service × counter × clerk. Tickets issued and
 * tickets cancelled while waiting have no counter or clerk (''). A visit counts in the hour it was
 * called, all its figures there (its service too, even if it ended in the next hour).
 */
export interface RollupRow {
  branchId: string;
  day: string;
  hour: number;
  weekday: number;
  serviceId: string;
  counterId: string;
  clerkId: string;
  issued: number;
  /** Visits (calls that opened a visit). */
  called: number;
  served: number;
  noShow: number;
  transferred: number;
  cancelled: number;
  parked: number;
  recalls: number;
  waitCount: number;
  waitSumMs: number;
  /** Of waitCount, those called within the sub-service's target wait of that day. */
  withinTarget: number;
  waitHist: Histogram;
  serveCount: number;
  serveSumMs: number;
  serveHist: Histogram;
}

/** The additive counts of a rollup row: the one list the archive, the reports and their tests share. */
export const ROLLUP_COUNTS = [
  'issued',
  'called',
  'served',
  'noShow',
  'transferred',
  'cancelled',
  'parked',
  'recalls',
  'waitCount',
  'waitSumMs',
  'withinTarget',
  'serveCount',
  'serveSumMs',
] as const satisfies readonly (keyof RollupRow)[];
export type RollupCount = (typeof ROLLUP_COUNTS)[number];

/** Where a rollup row belongs: its branch-day, local hour and weekday, sub-service, counter and clerk. */
export type RollupKey = Pick<
  RollupRow,
  'branchId' | 'day' | 'hour' | 'weekday' | 'serviceId' | 'counterId' | 'clerkId'
>;

/** A rollup row with every count zero and empty histograms. */
export function emptyRollup(key: RollupKey): RollupRow {
  const row = { ...key, waitHist: {}, serveHist: {} } as RollupRow;
  for (const k of ROLLUP_COUNTS) row[k] = 0;
  return row;
}

export interface DayRows {
  /** Finished visits only, unless the day is final (then every visit, open ones as 'open'). */
  visits: VisitRow[];
  clerkLog: ClerkLogArchiveRow[];
  /** The whole day's rollups so far: they replace the day's earlier ones. */
  rollups: RollupRow[];
}

const bucket = (ms: number) => String(Math.floor(Math.max(0, ms) / HISTOGRAM_BUCKET_MS));
const add = (h: Histogram, ms: number) => {
  const b = bucket(ms);
  h[b] = (h[b] ?? 0) + 1;
};

/**
 * [H3][H4] The rows of a branch-day from its log. `final`: the day is over, every visit is kept
 * (otherwise only the visits that ended, which can no longer change).
 */
export function dayRows(
  config: BranchConfig,
  events: readonly DomainEvent[],
  at: { branchId: string; day: string; final: boolean },
): DayRows {
  const { branchId, day } = at;
  const tz = config.branch.timeZone;
  const targets = new Map(config.services.map((s) => [s.id, s.targetWaitMinutes * 60_000]));
  const local = (ms: number) => {
    const m = localMoment(ms, tz);
    return { hour: Number(m.time.slice(0, 2)), weekday: WEEKDAY_INDEX[m.weekday] };
  };
  const rollups = new Map<string, RollupRow>();
  const row = (ms: number, serviceId: string, counterId: string, clerkId: string): RollupRow => {
    const { hour, weekday } = local(ms);
    const key = `${hour}\n${serviceId}\n${counterId}\n${clerkId}`;
    let r = rollups.get(key);
    if (!r) {
      r = emptyRollup({ branchId, day, hour, weekday, serviceId, counterId, clerkId });
      rollups.set(key, r);
    }
    return r;
  };

  // Tickets issued and cancelled while waiting; parks counted on the visit they interrupt.
  const calledNow = new Map<string, { calledAt: number; serviceId: string; counterId: string; clerkId: string }>();
  const serviceOf = new Map<string, string>();
  for (const e of events) {
    switch (e.type) {
      case 'TicketIssued':
        serviceOf.set(e.ticketId, e.serviceId);
        row(e.at, e.serviceId, '', '').issued++;
        break;
      case 'Transferred':
      case 'TicketMoved':
        serviceOf.set(e.ticketId, e.toServiceId);
        calledNow.delete(e.ticketId);
        break;
      case 'TicketCalled':
        calledNow.set(e.ticketId, {
          calledAt: e.at,
          serviceId: serviceOf.get(e.ticketId) ?? '',
          counterId: e.counterId,
          clerkId: e.clerkId,
        });
        break;
      case 'Parked': {
        const c = calledNow.get(e.ticketId);
        if (c) row(c.calledAt, c.serviceId, c.counterId, c.clerkId).parked++;
        break;
      }
      case 'TicketCancelled':
        // At a counter the visit carries it (below); while waiting it has no counter.
        if (!calledNow.has(e.ticketId)) row(e.at, serviceOf.get(e.ticketId) ?? '', '', '').cancelled++;
        calledNow.delete(e.ticketId);
        break;
      case 'ServiceFinished':
      case 'MarkedNoShow':
      case 'Unparked':
        calledNow.delete(e.ticketId);
        break;
      default:
        break;
    }
  }

  const visitRows: VisitRow[] = [];
  const calls = new Map<string, number>();
  for (const v of visits(events)) {
    const visitNo = (calls.get(v.ticketId) ?? 0) + 1;
    calls.set(v.ticketId, visitNo);
    const r = row(v.calledAt, v.serviceId, v.counterId, v.clerkId);
    r.called++;
    r.recalls += v.recalls;
    r.waitCount++;
    r.waitSumMs += v.waitMs;
    add(r.waitHist, v.waitMs);
    if (v.waitMs <= (targets.get(v.serviceId) ?? 20 * 60_000)) r.withinTarget++;
    if (v.outcome === 'finished') r.served++;
    else if (v.outcome === 'no-show') r.noShow++;
    else if (v.outcome === 'transferred') r.transferred++;
    else if (v.outcome === 'cancelled') r.cancelled++;
    if (v.outcome === 'finished' && v.serveMs !== undefined) {
      r.serveCount++;
      r.serveSumMs += v.serveMs;
      add(r.serveHist, v.serveMs);
    }
    if (v.outcome === 'open' && !at.final) continue;
    const { hour, weekday } = local(v.calledAt);
    visitRows.push({
      branchId,
      day,
      ticketId: v.ticketId,
      visitNo,
      number: v.number,
      serviceId: v.serviceId,
      counterId: v.counterId,
      clerkId: v.clerkId,
      queuedAt: v.queuedAt,
      calledAt: v.calledAt,
      startedAt: v.startedAt ?? null,
      endedAt: v.endedAt ?? null,
      outcome: v.outcome,
      recalls: v.recalls,
      waitMs: v.waitMs,
      serveMs: v.serveMs ?? null,
      hour,
      weekday,
    });
  }

  const clerks = [...new Set(visitRows.map((v) => v.clerkId))];
  const clerkLog = clerks.flatMap((clerkId) =>
    clerkDailyLog(config, events, clerkId)
      .filter((r) => at.final || r.outcome !== 'open')
      .map((r) => ({ ...r, branchId, day, clerkId })),
  );
  return { visits: visitRows, clerkLog, rollups: [...rollups.values()] };
}
