import { describe, expect, it } from 'vitest';
import { rng } from '../testing/rng.ts';
import {
  erlangA,
  erlangAServiceLevel,
  erlangB,
  erlangC,
  meanWait,
  offeredLoad,
  planHours,
  serversForErlangAServiceLevel,
  serversForMeanWait,
  serversForServiceLevel,
  serviceLevel,
} from './staffing.ts';

// Published worked example: the ErlangC R package (CRAN, Damonsoul/ErlangC), README "Example",
// https://stat.ethz.ch/CRAN/web/packages/ErlangC/readme/README.html — 100 calls per 30 minutes,
// average handle time 180 s, target answer time 20 s:
//   14 agents: traffic_intensity 10, wait_probability 0.1741319, service_level 0.88835,
//              average_speed_of_answer 7.83593701177724 s, occupancy 0.7142857;
//   calculate_agents(… require_service_level = 0.8 …): agents 14, and its first row of `process`
//   (11 agents): wait_probability 0.6821182, service_level 0.3896138.
const CRAN = { arrivalRate: 100 / 1800, aht: 180, target: 20 };

function factorialFormB(n: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= n; k++) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

function factorialFormC(n: number, a: number): number {
  // Textbook form: (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)).
  let term = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * n) / (n - a);
  return top / (sum + top);
}

describe('staffing: published worked examples', () => {
  const load = offeredLoad(CRAN.arrivalRate, CRAN.aht);

  it('[W1] offered load of 100 calls per 30 min at 180 s is 10 erlangs (CRAN ErlangC README)', () => {
    expect(load).toBeCloseTo(10, 9);
  });

  it('[W1] P(wait) with 14 agents is 0.1741319, with 11 agents 0.6821182 (CRAN ErlangC README)', () => {
    expect(erlangC(14, load)).toBeCloseTo(0.1741319, 6);
    expect(erlangC(11, load)).toBeCloseTo(0.6821182, 6);
  });

  it('[W2] share answered within 20 s is 0.88835 with 14 agents, 0.3896138 with 11 (CRAN ErlangC README)', () => {
    expect(serviceLevel(14, load, CRAN.target, CRAN.aht)).toBeCloseTo(0.88835, 5);
    expect(serviceLevel(11, load, CRAN.target, CRAN.aht)).toBeCloseTo(0.3896138, 6);
  });

  it('[W3] mean wait (ASA) with 14 agents is 7.835937 s (CRAN ErlangC README)', () => {
    expect(meanWait(14, load, CRAN.aht)).toBeCloseTo(7.83593701177724, 6);
  });

  it('[W4] 80% within 20 s needs 14 agents (CRAN ErlangC README, calculate_agents)', () => {
    expect(serversForServiceLevel(load, CRAN.aht, CRAN.target, 0.8)).toBe(14);
    expect(serviceLevel(13, load, CRAN.target, CRAN.aht)).toBeLessThan(0.8);
  });
});

describe('staffing: unstable and edge loads', () => {
  it('[W1] with A ≥ N everyone waits; [W2] nobody is within target; [W3] the mean wait is infinite', () => {
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 7.5)).toBe(1);
    expect(serviceLevel(5, 5, 10, 3)).toBe(0);
    expect(meanWait(5, 6, 3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('[W1] no load, no wait; [W4] no load needs no counter, any load at least ⌊A⌋+1', () => {
    expect(erlangC(3, 0)).toBe(0);
    expect(serversForServiceLevel(0, 5, 10, 0.8)).toBe(0);
    expect(serversForServiceLevel(4, 5, 1000, 0)).toBe(5);
    expect(serversForMeanWait(4, 5, 1e9)).toBe(5);
  });

  it('[W1] the recursion stays finite and in [0, 1] for hundreds of counters (factorials would overflow)', () => {
    const c = erlangC(400, 380);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });

  it('[W4] rejects impossible targets and bad input with a RangeError', () => {
    expect(() => serversForServiceLevel(3, 5, 10, 1)).toThrow(RangeError);
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(3, -1)).toThrow(RangeError);
    expect(() => serviceLevel(3, 1, 10, 0)).toThrow(RangeError);
  });
});

describe('staffing: properties (seeded)', () => {
  it('[W1] the Erlang B recursion equals the direct factorial formula, and C equals its textbook form, for small N', () => {
    const rnd = rng(13);
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(rnd() * 30);
      const a = rnd() * n * 1.5;
      expect(erlangB(n, a)).toBeCloseTo(factorialFormB(n, a), 12);
      if (a > 0 && a < n) expect(erlangC(n, a)).toBeCloseTo(factorialFormC(n, a), 10);
    }
  });

  it('[W1][W2][W3] more counters: lower P(wait), higher share within target, shorter mean wait', () => {
    const rnd = rng(7);
    for (let i = 0; i < 300; i++) {
      const a = rnd() * 60;
      const h = 1 + rnd() * 20;
      const t = rnd() * 30;
      for (let n = Math.floor(a) + 1; n < Math.floor(a) + 15; n++) {
        expect(erlangC(n + 1, a)).toBeLessThan(erlangC(n, a));
        expect(serviceLevel(n + 1, a, t, h)).toBeGreaterThanOrEqual(serviceLevel(n, a, t, h));
        expect(meanWait(n + 1, a, h)).toBeLessThan(meanWait(n, a, h));
      }
    }
  });

  it('[W4] the N found meets the target and N − 1 does not (minimal)', () => {
    const rnd = rng(42);
    for (let i = 0; i < 300; i++) {
      const a = 0.05 + rnd() * 80;
      const h = 1 + rnd() * 20;
      const t = rnd() * 20;
      const p = rnd() * 0.99;
      const n = serversForServiceLevel(a, h, t, p);
      expect(serviceLevel(n, a, t, h)).toBeGreaterThanOrEqual(p);
      if (n - 1 > a) expect(serviceLevel(n - 1, a, t, h)).toBeLessThan(p);
      else expect(n).toBe(Math.floor(a) + 1);
      const w = rnd() * h;
      const m = serversForMeanWait(a, h, w);
      expect(meanWait(m, a, h)).toBeLessThanOrEqual(w);
      if (m - 1 > a) expect(meanWait(m - 1, a, h)).toBeGreaterThan(w);
    }
  });
});

// Erlang A is NOT checked against a published table here (none could be verified in time). What these
// tests prove: its chain reduces to Erlang C as patience → ∞ and to Erlang B as patience → 0, it is
// consistent (abandonment = waiting time / patience), and patience only ever helps.
describe('staffing: Erlang A (M/M/N+M), checked against its limits', () => {
  it('[W5] with very long patience it is Erlang C (CRAN example: 0.1741319, ASA 7.835937 s)', () => {
    const r = erlangA(14, CRAN.arrivalRate, CRAN.aht, 1e12);
    expect(r.probWait).toBeCloseTo(0.1741319, 6);
    expect(r.meanWait).toBeCloseTo(7.83593701177724, 5);
    expect(r.probAbandon).toBeLessThan(1e-9);
  });

  it('[W5] with near-zero patience everyone who finds all busy leaves: P(wait) = P(abandon) = Erlang B', () => {
    const rnd = rng(5);
    for (let i = 0; i < 100; i++) {
      const n = 1 + Math.floor(rnd() * 20);
      const a = rnd() * 2 * n;
      const r = erlangA(n, a, 1, 1e-9);
      expect(r.probWait).toBeCloseTo(erlangB(n, a), 6);
      expect(r.probAbandon).toBeCloseTo(erlangB(n, a), 6);
    }
  });

  it('[W5] stays finite when A ≥ N (impatience bounds the queue); shorter patience, shorter waits', () => {
    const rnd = rng(11);
    for (let i = 0; i < 200; i++) {
      const n = 1 + Math.floor(rnd() * 15);
      const rate = (rnd() * 2 * n) / 5;
      const long = erlangA(n, rate, 5, 10 + rnd() * 30);
      const short = erlangA(n, rate, 5, 1 + rnd() * 5);
      for (const r of [long, short]) {
        expect(Number.isFinite(r.meanWait)).toBe(true);
        expect(r.probAbandon).toBeLessThanOrEqual(r.probWait + 1e-12);
      }
      expect(short.meanWait).toBeLessThanOrEqual(long.meanWait + 1e-12);
      if (rate * 5 < n) expect(long.probWait).toBeLessThanOrEqual(erlangC(n, rate * 5) + 1e-12);
    }
  });
});

/**
 * An event-driven simulation of M/M/N+M (seeded), independent of the chain: the offered wait of a
 * visitor who leaves is the first moment a counter frees with no one still waiting ahead of them.
 */
function simulateErlangA(servers: number, rate: number, h: number, patience: number, arrivals: number, seed: number) {
  const rnd = rng(seed);
  const exp = (mean: number) => -mean * Math.log(1 - rnd());
  const busy: number[] = []; // end times of services in progress
  const queue: { at: number; deadline: number; left: boolean }[] = [];
  const offered: number[] = [];
  let waited = 0;
  let left = 0;
  let nextArrival = exp(1 / rate);
  let arrived = 0;
  while (arrived < arrivals || queue.length > 0) {
    const nextEnd = busy.length > 0 ? Math.min(...busy) : Number.POSITIVE_INFINITY;
    let nextLeave = Number.POSITIVE_INFINITY;
    for (const c of queue) if (!c.left && c.deadline < nextLeave) nextLeave = c.deadline;
    const arrival = arrived < arrivals ? nextArrival : Number.POSITIVE_INFINITY;
    const now = Math.min(arrival, nextEnd, nextLeave);
    if (now === arrival) {
      arrived++;
      nextArrival = now + exp(1 / rate);
      if (busy.length < servers) {
        offered.push(0);
        busy.push(now + exp(h));
      } else {
        waited++;
        queue.push({ at: now, deadline: now + exp(patience), left: false });
      }
    } else if (now === nextLeave) {
      const c = queue.find((x) => !x.left && x.deadline === now);
      if (c) c.left = true;
      left++;
    } else {
      busy.splice(busy.indexOf(now), 1);
      while (queue.length > 0) {
        const c = queue.shift();
        if (!c) break;
        offered.push(now - c.at);
        if (!c.left) {
          busy.push(now + exp(h));
          break;
        }
      }
    }
  }
  return { offered, probWait: waited / arrivals, probAbandon: left / arrivals };
}

describe('staffing: Erlang A against a simulation (seeded)', () => {
  for (const [servers, rate, h, patience, t] of [
    [3, 1, 2.5, 3, 1],
    [2, 1, 2.5, 4, 2],
  ] as const) {
    it(`[W5] ${servers} counters, ${rate}/min, ${h} min, patience ${patience} min: P(wait), P(abandon), P(V ≤ ${t}) within 0.01`, () => {
      const sim = simulateErlangA(servers, rate, h, patience, 200_000, 99);
      const model = erlangA(servers, rate, h, patience);
      expect(Math.abs(sim.probWait - model.probWait)).toBeLessThan(0.01);
      expect(Math.abs(sim.probAbandon - model.probAbandon)).toBeLessThan(0.01);
      const within = sim.offered.filter((v) => v <= t).length / sim.offered.length;
      expect(Math.abs(within - erlangAServiceLevel(servers, rate, h, patience, t))).toBeLessThan(0.01);
    });
  }

  it('[W5] the offered-wait law tends to W2 as patience → ∞ and starts at 1 − P(wait)', () => {
    expect(erlangAServiceLevel(14, CRAN.arrivalRate, CRAN.aht, 1e9, CRAN.target)).toBeCloseTo(0.88835, 5);
    const rnd = rng(3);
    for (let i = 0; i < 50; i++) {
      const n = 1 + Math.floor(rnd() * 10);
      const rate = (rnd() * 2 * n) / 4;
      const p = 0.5 + rnd() * 20;
      expect(erlangAServiceLevel(n, rate, 4, p, 0)).toBeCloseTo(1 - erlangA(n, rate, 4, p).probWait, 9);
      const a = erlangAServiceLevel(n, rate, 4, p, 1);
      const b = erlangAServiceLevel(n, rate, 4, p, 3);
      expect(b).toBeGreaterThanOrEqual(a - 1e-12);
      expect(b).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});

describe('staffing: hour-by-hour plan', () => {
  it('[W6] gives each hour the smallest counters meeting "80% called within 10 min", with the figures', () => {
    const plan = planHours(
      [
        { hour: 8, arrivalsPerHour: 0, meanServiceMinutes: 6 },
        { hour: 9, arrivalsPerHour: 30, meanServiceMinutes: 6 },
        { hour: 10, arrivalsPerHour: 100, meanServiceMinutes: 6 },
      ],
      { targetWaitMinutes: 10, targetProbability: 0.8 },
    );
    expect(plan.map((r) => r.hour)).toEqual([8, 9, 10]);
    expect(plan[0]).toMatchObject({ load: 0, counters: 0, serviceLevel: 1, probWait: 0, meanWaitMinutes: 0 });
    for (const row of plan.slice(1)) {
      expect(row.counters).toBe(serversForServiceLevel(row.load, 6, 10, 0.8));
      expect(row.serviceLevel).toBeGreaterThanOrEqual(0.8);
      expect(serviceLevel(row.counters - 1, row.load, 10, 6)).toBeLessThan(0.8);
      expect(row.probWait).toBeCloseTo(erlangC(row.counters, row.load), 12);
      expect(row.meanWaitMinutes).toBeCloseTo(meanWait(row.counters, row.load, 6), 12);
      expect(row.withAbandonment).toBeUndefined();
    }
    expect(plan[1]?.load).toBeCloseTo(3, 12);
    expect(plan[2]?.load).toBeCloseTo(10, 12);
    expect(plan[2]?.counters).toBeGreaterThan(plan[1]?.counters ?? Number.POSITIVE_INFINITY);
  });

  it('[W6] with a patience, each row also carries the Erlang A figures for the same counters', () => {
    const [row] = planHours([{ hour: 9, arrivalsPerHour: 60, meanServiceMinutes: 5 }], {
      targetWaitMinutes: 5,
      targetProbability: 0.9,
      meanPatienceMinutes: 15,
    });
    expect(row?.withAbandonment).toEqual(erlangA(row?.counters ?? 0, 1, 5, 15));
    expect(row?.withAbandonment?.meanWait).toBeLessThan(row?.meanWaitMinutes ?? 0);
    expect(row?.countersWithAbandonment).toBe(serversForErlangAServiceLevel(1, 5, 15, 5, 0.9, row?.counters ?? 0));
  });

  it('[W5][W6] counters with abandonment: meet the target, the one fewer does not, never more than Erlang C', () => {
    const rnd = rng(21);
    for (let i = 0; i < 60; i++) {
      const perHour = rnd() * 120;
      const minutes = 2 + rnd() * 15;
      const patience = 1 + rnd() * 30;
      const t = rnd() * 15;
      const p = rnd() * 0.95;
      const [row] = planHours([{ hour: 10, arrivalsPerHour: perHour, meanServiceMinutes: minutes }], {
        targetWaitMinutes: t,
        targetProbability: p,
        meanPatienceMinutes: patience,
      });
      const n = row?.countersWithAbandonment ?? -1;
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(row?.counters ?? -1);
      expect(erlangAServiceLevel(n, perHour / 60, minutes, patience, t)).toBeGreaterThanOrEqual(p);
      if (perHour > 0) expect(n).toBeGreaterThanOrEqual(1);
      if (n > 1) expect(erlangAServiceLevel(n - 1, perHour / 60, minutes, patience, t)).toBeLessThan(p);
      // the bound used by the search: Erlang A never does worse than Erlang C with the same counters
      if (row && row.counters > 0) {
        expect(erlangAServiceLevel(row.counters, perHour / 60, minutes, patience, t)).toBeGreaterThanOrEqual(
          row.serviceLevel - 1e-9,
        );
      }
    }
  });
});
