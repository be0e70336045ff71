import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_SHAPE,
  arrivalRate,
  branchVisits,
  clerkPlan,
  expectedArrivals,
  hm,
  logNormal,
  OFFICE,
  PEAK,
  province,
  rng,
  SERVICES,
  simMinute,
  wallMs,
} from './model.ts';

describe('the arrival curve', () => {
  it('integrates to the day’s expected visitors, and is zero outside issuing hours', () => {
    for (const daily of [150, 432, 1000]) {
      expect(expectedArrivals(daily, 0, 24 * 60)).toBeCloseTo(daily, 9);
      expect(expectedArrivals(daily, OFFICE.open, OFFICE.issueUntil)).toBeCloseTo(daily, 9);
      // The integral, summed minute by minute, agrees with the closed form.
      let sum = 0;
      for (let m = 0; m < 24 * 60; m++) sum += arrivalRate(daily, m);
      expect(sum).toBeCloseTo(daily, 9);
    }
    expect(arrivalRate(400, hm('07:29'))).toBe(0);
    expect(arrivalRate(400, OFFICE.issueUntil)).toBe(0);
  });

  it('peaks in the morning, with a smaller peak after noon', () => {
    const at = (t: string) => arrivalRate(100, hm(t));
    expect(at('09:30')).toBeGreaterThan(at('08:00'));
    expect(at('09:30')).toBeGreaterThan(at('12:45'));
    expect(at('12:45')).toBeGreaterThan(at('12:15'));
    // The morning peak carries well over its share of the time (2 of 6 hours).
    expect(expectedArrivals(100, PEAK.from, PEAK.to) / 100).toBeGreaterThan(0.45);
    expect(ARRIVAL_SHAPE[0]?.from).toBe(OFFICE.open);
  });
});

describe('the province', () => {
  it('has 200 branches of 6–12 counters, few large and many small, visitors in proportion', () => {
    const p = province(17, 200);
    expect(p).toHaveLength(200);
    expect(p.every((b) => b.counters >= 6 && b.counters <= 12)).toBe(true);
    const small = p.filter((b) => b.counters <= 7).length;
    const large = p.filter((b) => b.counters >= 11).length;
    expect(small).toBe(110);
    expect(large).toBe(24);
    for (const b of p) {
      expect(b.daily / b.counters).toBeGreaterThanOrEqual(45 * 0.85 - 0.5);
      expect(b.daily / b.counters).toBeLessThanOrEqual(45 * 1.15 + 0.5);
    }
  });

  it('never asks more of a sub-service in a day than its range of 999 numbers (no number comes round)', () => {
    const seed = 17;
    for (const plan of province(seed, 200)) {
      const perService = new Map<string, number>();
      for (const v of branchVisits(seed, plan)) {
        perService.set(v.serviceId, (perService.get(v.serviceId) ?? 0) + 1);
        if (v.transfer) perService.set(v.transfer.to, (perService.get(v.transfer.to) ?? 0) + 1);
      }
      expect(Math.max(...perService.values())).toBeLessThan(999);
    }
  });
});

describe('the schedule', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const plan = { index: 3, counters: 8, daily: 360 };
    expect(branchVisits(5, plan)).toEqual(branchVisits(5, plan));
    expect(province(5, 200)).toEqual(province(5, 200));
    expect(clerkPlan(5, 3, 2)).toEqual(clerkPlan(5, 3, 2));
    expect(branchVisits(6, plan)).not.toEqual(branchVisits(5, plan));
  });

  it('draws arrivals in time order, inside issuing hours, about as many as expected', () => {
    let total = 0;
    let peak = 0;
    const plans = province(1, 200);
    for (const plan of plans) {
      const visits = branchVisits(1, plan);
      const ats = visits.map((v) => v.at);
      expect(ats.every((t, i) => i === 0 || t >= (ats[i - 1] ?? 0))).toBe(true);
      expect(ats.every((t) => t >= OFFICE.open && t < OFFICE.issueUntil)).toBe(true);
      peak += ats.filter((t) => t >= PEAK.from && t < PEAK.to).length;
      total += visits.length;
    }
    const expected = plans.reduce((s, p) => s + p.daily, 0);
    const expectedPeak = plans.reduce((s, p) => s + expectedArrivals(p.daily, PEAK.from, PEAK.to), 0);
    // Poisson: the standard deviation of the total is √expected (≈ 265 here); allow 4 of them.
    expect(Math.abs(total - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(Math.abs(peak - expectedPeak)).toBeLessThan(4 * Math.sqrt(expectedPeak));
  });

  it('gives each sub-service its share, and the stated shares of no-shows, transfers and parks', () => {
    const visits = province(2, 200).flatMap((p) => branchVisits(2, p));
    const n = visits.length;
    const share = (f: (v: (typeof visits)[number]) => boolean) => visits.filter(f).length / n;
    for (const s of SERVICES) expect(share((v) => v.serviceId === s.id)).toBeCloseTo(s.share, 1);
    expect(share((v) => v.absentRecalls > 0)).toBeCloseTo(0.05, 1);
    expect(share((v) => v.transfer !== undefined)).toBeCloseTo(0.06 * 0.95, 1);
    expect(share((v) => v.park !== undefined)).toBeCloseTo(0.03 * 0.95, 1);
    expect(share((v) => v.priority !== undefined)).toBeCloseTo(0.08, 1);
    // Nobody both gone and transferred.
    expect(visits.some((v) => v.absentRecalls > 0 && (v.transfer || v.park || v.late))).toBe(false);
  });

  it('draws log-normal serving times with the stated mean', () => {
    const r = rng(9);
    let sum = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) sum += logNormal(r, 7, 0.6);
    expect(sum / n).toBeGreaterThan(7 * 0.97);
    expect(sum / n).toBeLessThan(7 * 1.03);
  });
});

describe('simulated time', () => {
  it('runs ten times faster than the wall clock', () => {
    expect(simMinute(PEAK, 1_000, 1_000)).toBe(PEAK.from);
    expect(simMinute(PEAK, 1_000, 1_000 + 12 * 60_000)).toBe(PEAK.to);
    expect(wallMs(120)).toBe(12 * 60_000);
  });
});
