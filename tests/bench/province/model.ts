// A province's day (issue 17, point 5): the load model's parameters and the pure functions that turn
// them into a reproducible schedule. No I/O, no clock: every time here is *simulated* minutes since the
// branch-day's local midnight, and every random draw comes from a seeded generator, so one seed gives
// one schedule, byte for byte.
//
// Sources and assumptions (numbers not taken from a source are stated as assumptions):
// - Opening hours: Iranian executive agencies receive the public Saturday to Wednesday, 07:30–14:00
//   (the government's office hours outside the summer schedule); the desk stops issuing tickets half an
//   hour before closing so the hall can be served before the doors close (assumption, common practice).
// - Arrival curve: a morning peak 08:30–10:30 (visitors come after dropping children at school and
//   before midday), a dip around the noon prayer and lunch (12:00–12:30), a smaller peak after it
//   (12:30–13:15). The half-hour weights below are an assumption shaped like the hourly profiles of
//   public offices and bank branches; the absolute level comes from the branch's size.
// - Branch sizes: an SSO province has a few large city branches (type 1–2) and many small ones
//   (type 4–5) (`seeds/000_…`, types 1–5). Counters are proportional to the daily visitors (guide no. 2,
//   step 7: «number of counters proportional to the sub-services and daily visitors»), so a branch's
//   visitors follow from its counters: VISITORS_PER_COUNTER a day, ±15 %.
// - Sub-services and mean serving times: the demo office's (`server/src/demo.ts`, SSO circular), with a
//   mix that puts medical-booklet renewal first (the most frequent errand at an SSO desk) — assumption.
// - Serving times are log-normal (right-skewed, never negative; the distribution call-centre and
//   service-desk studies fit to service times, e.g. Brown et al., "Statistical analysis of a telephone
//   call center", JASA 2005) with a coefficient of variation of 0.6, cut to [0.5, 45] minutes.
// - Priority visitors (elderly, disabled, veterans, pregnant) are 8 % of tickets (assumption).
// - No-shows: 5 % of called visitors are gone; the clerk recalls once (then marks no-show by hand) or
//   twice (then a third recall marks it no-show by rule T4, noShowAfterRecalls = 2). Another 10 % are
//   late: they come after one recall (assumption).
// - Transfers: 6 % of the visitors served turn out to need another sub-service, and are transferred to
//   it part-way (T5); parked: 3 % lack a document, are parked (T6) and come back 15–40 minutes later,
//   called by number (assumption).
// - Clerks' pauses: 70 % of clerks take one pause of 10–20 minutes (tea, noon prayer) between 10:00 and
//   12:45 (assumption).
import { rng } from '../../../server/src/testing/rng.ts';

/** How much faster than real time the simulated day runs. */
export const SPEED = 10;

/** A time of day in minutes since local midnight. */
export const hm = (s: string): number => {
  const [h = '0', m = '0'] = s.split(':');
  return Number(h) * 60 + Number(m);
};

export const OFFICE = {
  days: ['sat', 'sun', 'mon', 'tue', 'wed'] as const,
  open: hm('07:30'),
  close: hm('14:00'),
  /** The kiosk stops issuing half an hour before closing. */
  issueUntil: hm('13:30'),
} as const;

/** Relative arrival rate in each half hour from 07:30 (piecewise constant), until issueUntil. */
export const ARRIVAL_SHAPE: readonly { from: number; to: number; weight: number }[] = [
  ['07:30', 0.6],
  ['08:00', 1.0],
  ['08:30', 1.6],
  ['09:00', 1.9],
  ['09:30', 2.0],
  ['10:00', 1.8],
  ['10:30', 1.3],
  ['11:00', 1.1],
  ['11:30', 0.9],
  ['12:00', 0.6],
  ['12:30', 1.0],
  ['13:00', 0.8],
].map(([from, weight]) => ({ from: hm(from as string), to: hm(from as string) + 30, weight: weight as number }));

/** Counters per branch (6–12) and how many of the province's branches have that many. */
export const COUNTER_SHARES: readonly { counters: number; share: number }[] = [
  { counters: 6, share: 0.35 },
  { counters: 7, share: 0.2 },
  { counters: 8, share: 0.15 },
  { counters: 9, share: 0.1 },
  { counters: 10, share: 0.08 },
  { counters: 11, share: 0.06 },
  { counters: 12, share: 0.06 },
];

/**
 * Visitors a counter serves in a day. With a mean serving time near 6.2 minutes and 390 minutes
 * open, 45 a counter is a utilisation near 0.75 over the day and above 1 in the morning peak: queues
 * build from 09:00 and drain after 11:00, as in a real office.
 */
export const VISITORS_PER_COUNTER = 45;

/** The demo office's sub-services: share of tickets and mean serving time (minutes). */
export const SERVICES: readonly { id: string; share: number; meanMinutes: number }[] = [
  { id: 'booklet-renewal', share: 0.25, meanMinutes: 3 },
  { id: 'insured-record', share: 0.18, meanMinutes: 5 },
  { id: 'premium-list', share: 0.12, meanMinutes: 6 },
  { id: 'insured-benefits', share: 0.12, meanMinutes: 8 },
  { id: 'registration', share: 0.1, meanMinutes: 7 },
  { id: 'premium-debt', share: 0.08, meanMinutes: 10 },
  { id: 'pension', share: 0.08, meanMinutes: 12 },
  { id: 'finance', share: 0.07, meanMinutes: 6 },
];
export const SERVING_CV = 0.6;
export const SERVING_MIN = 0.5;
export const SERVING_MAX = 45;

/** Where a transferred visitor goes (the sub-service they turn out to need). */
export const TRANSFER_TO: Readonly<Record<string, string>> = {
  'booklet-renewal': 'registration',
  'insured-record': 'premium-list',
  'premium-list': 'premium-debt',
  'insured-benefits': 'insured-record',
  registration: 'booklet-renewal',
  'premium-debt': 'finance',
  pension: 'insured-record',
  finance: 'premium-debt',
};

export const PRIORITIES: readonly { id: string; share: number }[] = [
  { id: 'elderly', share: 0.04 },
  { id: 'disabled', share: 0.015 },
  { id: 'veteran', share: 0.015 },
  { id: 'pregnant', share: 0.01 },
];

export const BEHAVIOUR = {
  /** Called but gone. */
  noShow: 0.05,
  /** Of the no-shows, the share the clerk recalls twice (the third recall marks it, T4); else once. */
  noShowTwoRecalls: 0.4,
  /** Present but late: comes after one recall. */
  late: 0.1,
  /** Of those served, transferred part-way to another sub-service. */
  transfer: 0.06,
  /** Of those served, parked for a missing document, back later. */
  park: 0.03,
  parkReturnMinutes: [15, 40] as const,
  /** Minutes from the call to the visitor at the counter, and between the clerk's recalls. */
  walkMinutes: [0.3, 1.2] as const,
  recallAfterMinutes: 1,
} as const;

export const PAUSES = {
  share: 0.7,
  window: [hm('10:00'), hm('12:45')] as const,
  minutes: [10, 20] as const,
} as const;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

export type Rng = () => number;

/** mulberry32, the project's one seeded generator. */
export { rng };

/** A seed for one part of the run (a branch, a clerk), mixed from the run's seed. */
export function subSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export const uniform = (r: Rng, lo: number, hi: number): number => lo + (hi - lo) * r();

/** Standard normal (Box–Muller). */
export function normal(r: Rng): number {
  const u = 1 - r(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** A log-normal draw with the given mean and coefficient of variation. */
export function logNormal(r: Rng, mean: number, cv: number): number {
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal(r));
}

function pick<T extends { share: number }>(r: Rng, items: readonly T[]): T {
  let x = r() * items.reduce((s, i) => s + i.share, 0);
  for (const item of items) {
    x -= item.share;
    if (x < 0) return item;
  }
  return items[items.length - 1] as T;
}

// ---------------------------------------------------------------------------------------------------
// The arrival curve

const shapeArea = ARRIVAL_SHAPE.reduce((s, seg) => s + seg.weight * (seg.to - seg.from), 0);

/** Visitors a minute at `minute` for a branch expecting `daily` visitors a day. */
export function arrivalRate(daily: number, minute: number): number {
  const seg = ARRIVAL_SHAPE.find((s) => minute >= s.from && minute < s.to);
  return seg ? (daily * seg.weight) / shapeArea : 0;
}

/** Expected arrivals between two times of day (the integral of arrivalRate). */
export function expectedArrivals(daily: number, from: number, to: number): number {
  let sum = 0;
  for (const seg of ARRIVAL_SHAPE) {
    const lo = Math.max(from, seg.from);
    const hi = Math.min(to, seg.to);
    if (hi > lo) sum += (daily * seg.weight * (hi - lo)) / shapeArea;
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------------
// The province and its schedule

export interface BranchPlan {
  index: number;
  counters: number;
  /** Expected visitors over the whole day. */
  daily: number;
}

/** The province's branches: counters from COUNTER_SHARES (largest remainder), visitors from counters. */
export function province(seed: number, branches: number): BranchPlan[] {
  const quotas = COUNTER_SHARES.map((c) => ({ counters: c.counters, exact: c.share * branches }));
  const counts = quotas.map((q) => Math.floor(q.exact));
  let left = branches - counts.reduce((s, c) => s + c, 0);
  const byRemainder = quotas.map((q, i) => ({ i, rem: q.exact - Math.floor(q.exact) })).sort((a, b) => b.rem - a.rem);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const sizes = quotas.flatMap((q, i) => Array.from({ length: counts[i] ?? 0 }, () => q.counters));
  // Shuffle the sizes over the branch numbers, so large branches are not all first.
  const r = rng(subSeed(seed, 0xb1));
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [sizes[i], sizes[j]] = [sizes[j] as number, sizes[i] as number];
  }
  return sizes.map((counters, index) => ({
    index,
    counters,
    daily: Math.round(counters * VISITORS_PER_COUNTER * uniform(r, 0.85, 1.15)),
  }));
}

/** What the visitor holding a ticket will do; drawn when the schedule is made. */
export interface Visit {
  /** Simulated minute of the day the visitor takes the ticket. */
  at: number;
  serviceId: string;
  /** A priority class, or undefined for normal. */
  priority: string | undefined;
  /** Recalls before the clerk gives up (1 or 2), when the visitor is gone; 0 when present. */
  absentRecalls: 0 | 1 | 2;
  late: boolean;
  /** Minutes of service at the first counter. */
  serve: number;
  /** Transferred after this share of `serve` to `transferTo`, served there for `serveAfter` minutes. */
  transfer?: { after: number; to: string; serveAfter: number };
  /** Parked after this share of `serve`, back `returnAfter` minutes later, then served the rest. */
  park?: { after: number; returnAfter: number };
}

export function servingMinutes(r: Rng, serviceId: string): number {
  const mean = SERVICES.find((s) => s.id === serviceId)?.meanMinutes ?? 6;
  return Math.min(SERVING_MAX, Math.max(SERVING_MIN, logNormal(r, mean, SERVING_CV)));
}

function visit(r: Rng, at: number): Visit {
  const serviceId = pick(r, SERVICES).id;
  const prioritised = r() < PRIORITIES.reduce((s, p) => s + p.share, 0);
  const priority = prioritised ? pick(r, PRIORITIES).id : undefined;
  const gone = r() < BEHAVIOUR.noShow;
  const absentRecalls: Visit['absentRecalls'] = gone ? (r() < BEHAVIOUR.noShowTwoRecalls ? 2 : 1) : 0;
  const late = !gone && r() < BEHAVIOUR.late;
  const serve = servingMinutes(r, serviceId);
  const v: Visit = { at, serviceId, priority, absentRecalls, late, serve };
  const fate = r();
  if (!gone && fate < BEHAVIOUR.transfer) {
    const to = TRANSFER_TO[serviceId] ?? 'insured-record';
    v.transfer = { after: uniform(r, 0.2, 0.6), to, serveAfter: servingMinutes(r, to) };
  } else if (!gone && fate < BEHAVIOUR.transfer + BEHAVIOUR.park) {
    v.park = { after: uniform(r, 0.1, 0.4), returnAfter: uniform(r, ...BEHAVIOUR.parkReturnMinutes) };
  }
  return v;
}

/**
 * A branch's visitors over the whole day, in order of arrival: a non-homogeneous Poisson process
 * (piecewise constant rate, exponential gaps within each half hour). The whole day is drawn whatever
 * span is run, so a span's visitors are the same in every run with that seed.
 */
export function branchVisits(seed: number, plan: BranchPlan): Visit[] {
  const r = rng(subSeed(seed, 0x5c, plan.index));
  const visits: Visit[] = [];
  for (const seg of ARRIVAL_SHAPE) {
    const rate = arrivalRate(plan.daily, seg.from);
    if (rate <= 0) continue;
    let t = seg.from;
    for (;;) {
      t += -Math.log(1 - r()) / rate;
      if (t >= seg.to) break;
      visits.push(visit(r, t));
    }
  }
  return visits;
}

export interface ClerkPlan {
  /** A pause starting at this minute (or as soon after as the counter has no ticket), or none. */
  pauseAt?: number;
  pauseMinutes?: number;
  /** Minutes after the span's start the clerk opens the counter. */
  openDelay: number;
}

export function clerkPlan(seed: number, branch: number, counter: number): ClerkPlan {
  const r = rng(subSeed(seed, 0xc1, branch, counter));
  const openDelay = uniform(r, 0, 5);
  if (r() >= PAUSES.share) return { openDelay };
  return {
    openDelay,
    pauseAt: uniform(r, ...PAUSES.window),
    pauseMinutes: uniform(r, ...PAUSES.minutes),
  };
}

/** The simulated window a run covers; the default is the morning peak. */
export interface Span {
  from: number;
  to: number;
}
export const PEAK: Span = { from: hm('08:30'), to: hm('10:30') };

/** The simulated minute at a wall-clock instant, given when (wall ms) the span began. */
export const simMinute = (span: Span, startedWallMs: number, nowWallMs: number, speed = SPEED): number =>
  span.from + ((nowWallMs - startedWallMs) * speed) / 60_000;

/** Wall milliseconds for a stretch of simulated minutes. */
export const wallMs = (simMinutes: number, speed = SPEED): number => (simMinutes * 60_000) / speed;
