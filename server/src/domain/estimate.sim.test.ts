// [E5] The estimate measured on a simulated office day. Visitors arrive at random (Poisson, busier
// mid-morning), clerks serve for random times around each sub-service's TRUE average — which differs
// from the configured one, so the estimator must learn from the day — and every counter calls next as
// soon as it is free. Each ticket's estimate at issue is compared with when it was actually called.
import { describe, expect, it } from 'vitest';
import { rng } from '../testing/day-sim.ts';
import { info, testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { estimate } from './estimate.ts';
import { EstimateWindow } from './estimate-window.ts';

interface DayResult {
  tickets: number;
  meanWait: number;
  mae: number;
  naiveMae: number;
  /** [E6] The same day's estimates given through the shared window, and how many it shared. */
  sharedMae: number;
  shared: number;
}

/**
 * One simulated day. `bursts`: visitors come in groups (1–6, a few seconds apart, as off a bus), at
 * the same load, so that tickets of one sub-service and class follow each other within E6's window.
 */
function simulateDay(seed: number, bursts = false): DayResult {
  const random = rng(seed);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  // Serving times: lognormal-ish spread (±40%) around the true mean.
  const serveTime = (mean: number) => mean * Math.exp((random() + random() + random() - 1.5) * 0.6);

  const trueMean: Record<string, number> = { s1: 7 * MIN, s2: 4 * MIN, s3: 10 * MIN }; // configured: 5 each
  const mix: [string, number][] = [
    ['s1', 0.45],
    ['s2', 0.4],
    ['s3', 0.15],
  ];
  const classes: [string, number][] = [
    ['normal', 0.85],
    ['elderly', 0.08],
    ['disabled', 0.03],
    ['veteran', 0.02],
    ['pregnant', 0.02],
  ];
  const pick = (table: [string, number][]) => {
    let r = random();
    for (const [k, p] of table) {
      r -= p;
      if (r <= 0) return k;
    }
    return table[0]?.[0] ?? '';
  };

  const h = new Harness(
    testConfig((c) => {
      for (const s of c.services) s.info = info(5);
      c.counters.push(
        {
          id: 'c4',
          number: 4,
          title: { fa: 'باجه ۴' },
          services: [{ serviceId: 's1', weight: 2 }, { serviceId: 's3' }],
        },
        {
          id: 'c5',
          number: 5,
          title: { fa: 'باجه ۵' },
          services: [{ serviceId: 's2', weight: 2 }, { serviceId: 's1' }],
        },
      );
      c.clerks.push({ id: 'k4', name: 'چهار' }, { id: 'k5', name: 'پنج' });
    }),
  );
  const counters = ['c1', 'c2', 'c3', 'c4', 'c5'];
  counters.forEach((c, i) => {
    h.open(c, `k${i + 1}`);
  });

  // Arrivals over 6 hours; a busy mid-morning near full load, quieter at the ends.
  const start = h.now;
  const end = start + 360 * MIN;
  const arrivals: number[] = [];
  for (let t = start; ; ) {
    const hour = (t - start) / (60 * MIN);
    const perMinute = (hour < 1 ? 0.55 : hour < 4 ? 0.95 : 0.6) / (bursts ? 3.5 : 1);
    t += exp(1 / perMinute) * MIN;
    if (t >= end) break;
    arrivals.push(t);
    // The rest of a group, a few seconds apart (no draw at all on a plain day: its stream is E5's).
    const group = bursts ? 1 + Math.floor(random() * 6) : 1;
    for (let i = 1, at = t; i < group; i++) {
      at += random() * 5_000;
      if (at < end) arrivals.push(at);
    }
  }
  arrivals.sort((a, b) => a - b);

  const busyUntil = new Map<string, number>(); // counter → time its current service ends
  const given = new Map<string, { eta: number; sharedEta: number; naive: number; issuedAt: number }>();
  // [E6] The shared window beside the exact estimate, fed every event the day applies.
  const window = new EstimateWindow();
  let fed = 0;
  let shared = 0;
  const feed = () => {
    window.applied(
      h.state,
      h.log.slice(fed).map((event) => ({ seq: 0, event })),
    );
    fed = h.log.length;
  };
  const actual = new Map<string, number>();

  const callAt = (counterId: string, at: number) => {
    h.now = at;
    const clerkId = `k${counterId.slice(1)}`;
    const t = h.next(counterId, clerkId);
    if (!t) {
      busyUntil.delete(counterId);
      return;
    }
    actual.set(t.id, at - t.issuedAt);
    h.ok({ type: 'start', counterId, clerkId });
    busyUntil.set(counterId, at + serveTime(trueMean[t.serviceId] ?? 5 * MIN));
  };

  let next = 0;
  for (;;) {
    const arrival = arrivals[next];
    let finishing: string | undefined;
    let finishAt = Number.POSITIVE_INFINITY;
    for (const [c, at] of busyUntil) {
      if (at < finishAt) {
        finishAt = at;
        finishing = c;
      }
    }
    if (arrival === undefined && finishing === undefined) break;
    if (arrival !== undefined && arrival <= finishAt) {
      next++;
      h.now = arrival;
      const serviceId = pick(mix);
      const t = h.issue(serviceId, pick(classes));
      const e = estimate(h.ix, h.state, h.now, { ticketId: t.id });
      feed();
      const w = window.atIssue(h.ix, h.state, h.now, t);
      if (w.etaMinutes !== e.etaMinutes || w.ahead !== e.ahead) shared++;
      const serving = counters.filter((c) => h.ix.counters.get(c)?.services.some((s) => s.serviceId === serviceId));
      // The naive estimate many systems show: people ahead in this queue × configured time ÷ its counters.
      const ahead = [...h.state.waiting].filter((id) => h.state.tickets.get(id)?.serviceId === serviceId).length - 1;
      given.set(t.id, {
        eta: e.etaMinutes ?? 0,
        sharedEta: w.etaMinutes ?? 0,
        naive: (ahead * 5) / serving.length,
        issuedAt: t.issuedAt,
      });
      for (const c of counters) if (!busyUntil.has(c)) callAt(c, arrival);
    } else if (finishing !== undefined) {
      h.now = finishAt;
      const clerkId = `k${finishing.slice(1)}`;
      h.ok({ type: 'finish', counterId: finishing, clerkId });
      callAt(finishing, finishAt);
      // A counter that found its queue empty stays idle until the next arrival wakes it.
    }
  }

  let err = 0;
  let sharedErr = 0;
  let naiveErr = 0;
  let waits = 0;
  for (const [id, g] of given) {
    const waited = (actual.get(id) ?? 0) / MIN;
    err += Math.abs(g.eta - waited);
    sharedErr += Math.abs(g.sharedEta - waited);
    naiveErr += Math.abs(g.naive - waited);
    waits += waited;
  }
  const n = given.size;
  return {
    tickets: n,
    meanWait: waits / n,
    mae: err / n,
    naiveMae: naiveErr / n,
    sharedMae: sharedErr / n,
    shared,
  };
}

describe('estimate on a simulated day', () => {
  it('[E5] the mean absolute error of the estimate at issue is small against the real wait', () => {
    const days = [1, 2, 3].map((seed) => simulateDay(seed));
    for (const [i, d] of days.entries()) {
      console.log(
        `[E5] day ${i + 1}: ${d.tickets} tickets, mean wait ${d.meanWait.toFixed(1)} min, ` +
          `estimate MAE ${d.mae.toFixed(2)} min, naive (ahead × configured ÷ counters) MAE ${d.naiveMae.toFixed(2)} min`,
      );
      expect(d.tickets).toBeGreaterThan(200);
      expect(d.meanWait).toBeGreaterThan(5); // a day with real queues, or the test proves nothing
      // Measured when written: MAE 2.3–3.0 min against mean waits of 15–27 min (naive: 10–17 min).
      expect(d.mae).toBeLessThan(0.35 * d.meanWait);
      expect(d.mae).toBeLessThan(4);
      expect(d.mae).toBeLessThan(d.naiveMae);
    }
  });

  it('[E5][E6] the estimate shared within a short window does not make the error at issue grow', () => {
    // Plain days (arrivals minutes apart: nothing to share) and days of bursts (groups within seconds).
    const days = [
      ...[1, 2, 3].map((seed) => ({ kind: 'plain', ...simulateDay(seed) })),
      ...[4, 5, 6].map((seed) => ({ kind: 'bursts', ...simulateDay(seed, true) })),
    ];
    let shared = 0;
    for (const d of days) {
      console.log(
        `[E6] ${d.kind} day: ${d.tickets} tickets, mean wait ${d.meanWait.toFixed(1)} min, ` +
          `MAE replayed ${d.mae.toFixed(3)} min, shared ${d.sharedMae.toFixed(3)} min (${d.shared} shared)`,
      );
      shared += d.shared;
      // No larger than the replay's own error, to the hundredth of a minute (under a second).
      expect(d.sharedMae).toBeLessThanOrEqual(d.mae + 0.01);
    }
    expect(shared).toBeGreaterThan(20); // the bursts did share, or this proves nothing
  });
});
