// E5-like simulated office days, run through the real engine (decide + fold) so their logs are what
// the server would write: Poisson arrivals busier mid-morning, serving times spread around each
// sub-service's true mean, some visitors gone when called (no-shows), every counter calling as soon
// as it is free. Seeded: the same day every run.
import type { BranchConfig } from '@nobat/protocol';
import type { DomainEvent } from '../domain/events.ts';
import { info, testConfig } from './fixtures.ts';
import { Harness, MIN } from './harness.ts';

import { rng } from './rng.ts';

export { rng };

/** The E5 branch: five counters, three sub-services, configured averages 5 min each. */
export function e5Config(): BranchConfig {
  return testConfig((c) => {
    for (const s of c.services) {
      s.info = info(5);
      s.targetWaitMinutes = 15;
    }
    c.counters.push(
      { id: 'c4', number: 4, title: { fa: 'باجه ۴' }, services: [{ serviceId: 's1', weight: 2 }, { serviceId: 's3' }] },
      { id: 'c5', number: 5, title: { fa: 'باجه ۵' }, services: [{ serviceId: 's2', weight: 2 }, { serviceId: 's1' }] },
    );
    c.clerks.push({ id: 'k4', name: 'چهار' }, { id: 'k5', name: 'پنج' });
  });
}

export interface SimDayOptions {
  seed: number;
  /** Instant the day's counters open (arrivals for 6 hours from it). */
  start: number;
  config?: BranchConfig;
  /** Share of visitors gone when called. */
  noShowShare?: number;
  /** Arrivals per minute in hour 0, hours 1–3, hours 4–5. */
  rates?: [number, number, number];
}

export const TRUE_MEAN: Record<string, number> = { s1: 7 * MIN, s2: 4 * MIN, s3: 10 * MIN };

/** One simulated day's log. */
export function simulateDay(opts: SimDayOptions): DomainEvent[] {
  const random = rng(opts.seed);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const serveTime = (mean: number) => mean * Math.exp((random() + random() + random() - 1.5) * 0.6);
  const [r0, r1, r2] = opts.rates ?? [0.55, 0.95, 0.6];
  const mix: [string, number][] = [
    ['s1', 0.45],
    ['s2', 0.4],
    ['s3', 0.15],
  ];
  const classes: [string, number][] = [
    ['normal', 0.88],
    ['elderly', 0.08],
    ['disabled', 0.04],
  ];
  const pick = (table: [string, number][]) => {
    let r = random();
    for (const [k, p] of table) {
      r -= p;
      if (r <= 0) return k;
    }
    return table[0]?.[0] ?? '';
  };
  const config = opts.config ?? e5Config();
  const h = new Harness(config);
  h.now = opts.start;
  const counters = config.counters.map((c) => c.id);
  const clerkOf = (c: string) => `k${c.slice(1)}`;
  for (const c of counters) h.open(c, clerkOf(c));
  const end = opts.start + 360 * MIN;
  const arrivals: number[] = [];
  for (let t = opts.start; ; ) {
    const hour = (t - opts.start) / (60 * MIN);
    const perMinute = hour < 1 ? r0 : hour < 4 ? r1 : r2;
    t += exp(1 / perMinute) * MIN;
    if (t >= end) break;
    arrivals.push(t);
  }
  const busyUntil = new Map<string, { at: number; noShow: boolean }>();
  const callAt = (counterId: string, at: number) => {
    h.now = at;
    const t = h.next(counterId, clerkOf(counterId));
    if (!t) {
      busyUntil.delete(counterId);
      return;
    }
    if (random() < (opts.noShowShare ?? 0)) {
      busyUntil.set(counterId, { at: at + 1 * MIN, noShow: true });
    } else {
      h.ok({ type: 'start', counterId, clerkId: clerkOf(counterId) });
      busyUntil.set(counterId, { at: at + serveTime(TRUE_MEAN[t.serviceId] ?? 5 * MIN), noShow: false });
    }
  };
  let next = 0;
  for (;;) {
    const arrival = arrivals[next];
    let finishing: string | undefined;
    let finishAt = Number.POSITIVE_INFINITY;
    for (const [c, b] of busyUntil) {
      if (b.at < finishAt) {
        finishAt = b.at;
        finishing = c;
      }
    }
    if (arrival === undefined && finishing === undefined) break;
    if (arrival !== undefined && arrival <= finishAt) {
      next++;
      h.now = arrival;
      h.issue(pick(mix), pick(classes));
      for (const c of counters) if (!busyUntil.has(c)) callAt(c, arrival);
    } else if (finishing !== undefined) {
      h.now = finishAt;
      const b = busyUntil.get(finishing);
      h.ok({ type: b?.noShow ? 'noShow' : 'finish', counterId: finishing, clerkId: clerkOf(finishing) });
      callAt(finishing, finishAt);
    }
  }
  for (const c of counters) h.ok({ type: 'close', counterId: c, clerkId: clerkOf(c) });
  return h.log;
}
