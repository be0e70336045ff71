// Staffing mathematics (SPEC "Staffing", W1–W7): how many counters a sub-service needs so that its
// visitors are called within a target wait with a stated probability. Pure: numbers in, numbers out.
//
// Model: visitors arrive at random (Poisson, rate λ), serving times are exponential with mean h,
// N counters serve one queue first come first served (M/M/N, "Erlang C"). The offered load
// A = λ·h (in erlangs) is the mean number of counters busy. Times (h, waits, patience) may be in any
// unit as long as it is the same one, and λ in "per that unit".

/** Offered load A = λ·h in erlangs (W1). */
export function offeredLoad(arrivalRate: number, meanServiceTime: number): number {
  return arrivalRate * meanServiceTime;
}

/**
 * Erlang B (blocking probability of M/M/N/N) by the recursion B(0) = 1,
 * B(n) = A·B(n−1) / (n + A·B(n−1)) (W1): no factorials or powers, so it neither overflows nor loses
 * precision for hundreds of counters.
 */
export function erlangB(servers: number, load: number): number {
  assertServers(servers);
  assertLoad(load);
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (load * b) / (n + load * b);
  return b;
}

/**
 * Erlang C: the probability that a visitor has to wait at all, P(W > 0), from Erlang B as
 * C = N·B / (N − A·(1 − B)) (W1). With A ≥ N the queue grows without bound: every visitor waits, so 1.
 */
export function erlangC(servers: number, load: number): number {
  assertServers(servers);
  assertLoad(load);
  if (load === 0) return 0;
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

/**
 * The share of visitors called within `targetWait`: P(W ≤ t) = 1 − C·e^{−(N−A)·t/h} (W2).
 * 0 when the load is unstable (A ≥ N): in the long run nobody is called within any fixed target.
 */
export function serviceLevel(servers: number, load: number, targetWait: number, meanServiceTime: number): number {
  assertPositive(meanServiceTime, 'meanServiceTime');
  assertNonNegative(targetWait, 'targetWait');
  if (load >= servers && load > 0) return 0;
  const c = erlangC(servers, load);
  return 1 - c * Math.exp((-(servers - load) * targetWait) / meanServiceTime);
}

/** Mean wait over all visitors (ASA) = C·h/(N − A) (W3); Infinity when A ≥ N. */
export function meanWait(servers: number, load: number, meanServiceTime: number): number {
  assertPositive(meanServiceTime, 'meanServiceTime');
  if (load >= servers && load > 0) return Number.POSITIVE_INFINITY;
  return (erlangC(servers, load) * meanServiceTime) / (servers - load);
}

/**
 * The smallest N with P(W ≤ targetWait) ≥ targetProbability (W4). Never below ⌊A⌋ + 1 (stability).
 * The service level rises with N, so the first N that meets the target is the minimum; the search is
 * bounded (a target of exactly 1 with a positive wait probability is never met) and throws past it.
 */
export function serversForServiceLevel(
  load: number,
  meanServiceTime: number,
  targetWait: number,
  targetProbability: number,
): number {
  assertLoad(load);
  if (!(targetProbability >= 0 && targetProbability < 1)) {
    throw new RangeError(`targetProbability must be in [0, 1), got ${targetProbability}`);
  }
  if (load === 0) return 0;
  return firstServers(load, (n) => serviceLevel(n, load, targetWait, meanServiceTime) >= targetProbability);
}

/** The smallest N with mean wait ≤ targetMeanWait (W4). */
export function serversForMeanWait(load: number, meanServiceTime: number, targetMeanWait: number): number {
  assertLoad(load);
  assertNonNegative(targetMeanWait, 'targetMeanWait');
  if (load === 0) return 0;
  return firstServers(load, (n) => meanWait(n, load, meanServiceTime) <= targetMeanWait);
}

function firstServers(load: number, meets: (n: number) => boolean): number {
  const limit = Math.ceil(load) + 10 + Math.ceil(10 * Math.sqrt(load)) + 1000;
  for (let n = Math.floor(load) + 1; n <= limit; n++) if (meets(n)) return n;
  throw new RangeError(`no number of servers up to ${limit} meets the target`);
}

/** Erlang A results for N counters (W5). Waits are in the unit of the inputs. */
export interface ErlangAResult {
  /** P(an arrival finds every counter busy) = P(W > 0) for the virtual wait. */
  probWait: number;
  /** Share of arrivals who leave before being called. */
  probAbandon: number;
  /** Mean time in the queue over all arrivals (those who leave count up to their leaving). */
  meanWait: number;
}

/**
 * Erlang A (M/M/N+M): as Erlang C, but each waiting visitor leaves after an exponential patience
 * with mean `meanPatience` (W5). Computed exactly from the birth–death chain's stationary law:
 * states 0…N through Erlang B, queue states N+k relative to N by the product Π λ/(Nμ + iθ)
 * (θ = 1/patience), summed until the terms vanish; then P(abandon) = θ·E[Lq]/λ and the mean wait is
 * E[Lq]/λ (Little). Stable for any load, since impatience bounds the queue.
 */
export function erlangA(
  servers: number,
  arrivalRate: number,
  meanServiceTime: number,
  meanPatience: number,
): ErlangAResult {
  const chain = erlangAChain(servers, arrivalRate, meanServiceTime, meanPatience);
  if (!chain) return { probWait: 0, probAbandon: 0, meanWait: 0 };
  const { b, queue, total } = chain;
  let s = 0;
  let l = 0;
  for (let k = 0; k < queue.length; k++) {
    s += queue[k] ?? 0;
    l += k * (queue[k] ?? 0);
  }
  const meanQueue = (b * l) / total;
  return {
    probWait: (b * s) / total,
    probAbandon: meanQueue / (meanPatience * arrivalRate),
    meanWait: meanQueue / arrivalRate,
  };
}

/**
 * Erlang A's share of visitors whose offered wait V (the time until a counter would take them, were
 * they patient) is at most `targetWait` (W5). An arrival finding k waiting ahead needs k + 1 departures
 * ahead of it, at rates N/h + j/p (j = k…0: a service ends or one ahead leaves); the law of V is
 * computed by uniformization of that pure-death chain, weighted by what arrivals find (PASTA).
 */
export function erlangAServiceLevel(
  servers: number,
  arrivalRate: number,
  meanServiceTime: number,
  meanPatience: number,
  targetWait: number,
): number {
  assertNonNegative(targetWait, 'targetWait');
  const chain = erlangAChain(servers, arrivalRate, meanServiceTime, meanPatience);
  if (!chain) return 1;
  if (servers === 0) return 0;
  const { b, queue, total } = chain;
  const serve = servers / meanServiceTime;
  const leave = 1 / meanPatience;
  // v[j]: probability that an arrival still waits with j ahead of it.
  let v = queue.map((q) => (b * q) / total);
  const uniform = serve + (queue.length - 1) * leave;
  const pieces = Math.max(1, Math.ceil((uniform * targetWait) / 50));
  const x = (uniform * targetWait) / pieces;
  for (let piece = 0; piece < pieces; piece++) {
    // v ← Σ_n Poisson(x; n) · Pⁿ v, with P the uniformized one-step matrix (absorbed mass dropped).
    let term = v;
    let weight = Math.exp(-x);
    let cumulative = weight;
    const next = term.map((m) => m * weight);
    for (let n = 1; 1 - cumulative > 1e-15 && n < 10_000; n++) {
      const stepped = term.map((m, j) => m * (1 - (serve + j * leave) / uniform));
      for (let j = 0; j + 1 < term.length; j++) {
        stepped[j] = (stepped[j] ?? 0) + (term[j + 1] ?? 0) * ((serve + (j + 1) * leave) / uniform);
      }
      term = stepped;
      weight *= x / n;
      cumulative += weight;
      for (let j = 0; j < next.length; j++) next[j] = (next[j] ?? 0) + (term[j] ?? 0) * weight;
    }
    v = next;
  }
  return 1 - v.reduce((sum, m) => sum + m, 0);
}

/**
 * The birth–death chain of M/M/N+M, normalised so that states 0…N weigh 1: b = π_N (Erlang B), queue[k]
 * = π_{N+k}/π_N = Π_{i≤k} λ/(N/h + i/p), total = 1 + b·(Σ queue − 1). Null when nobody arrives.
 */
function erlangAChain(servers: number, arrivalRate: number, meanServiceTime: number, meanPatience: number) {
  assertServers(servers);
  assertPositive(meanServiceTime, 'meanServiceTime');
  assertPositive(meanPatience, 'meanPatience');
  assertLoad(arrivalRate);
  if (arrivalRate === 0) return null;
  const serve = servers / meanServiceTime;
  const leave = 1 / meanPatience;
  const b = erlangB(servers, arrivalRate * meanServiceTime);
  const queue = [1];
  let q = 1;
  let s = 1;
  for (let k = 1; k < 1_000_000; k++) {
    q *= arrivalRate / (serve + k * leave);
    queue.push(q);
    s += q;
    if (q < 1e-16 * s && arrivalRate < serve + k * leave) break;
  }
  return { b, queue, total: 1 + b * (s - 1) };
}

/**
 * The smallest N (0…upTo) whose Erlang A share within `targetWait` meets `targetProbability` (W5); at
 * least one counter whenever anyone arrives (with none, everyone leaves). Visitors leaving can only shorten the offered wait of those behind them, so the Erlang C answer
 * (`upTo`) always meets it and bounds the search.
 */
export function serversForErlangAServiceLevel(
  arrivalRate: number,
  meanServiceTime: number,
  meanPatience: number,
  targetWait: number,
  targetProbability: number,
  upTo: number,
): number {
  for (let n = arrivalRate > 0 ? 1 : 0; n < upTo; n++) {
    if (erlangAServiceLevel(n, arrivalRate, meanServiceTime, meanPatience, targetWait) >= targetProbability) return n;
  }
  return upTo;
}

/** One hour of a day plan: its demand and the counters it needs (W6). */
export interface HourDemand {
  /** Start of the hour, e.g. 8 for 08:00–09:00. */
  hour: number;
  /** Visitors arriving during the hour. */
  arrivalsPerHour: number;
  /** Mean serving time (counter occupancy per visitor), in minutes. */
  meanServiceMinutes: number;
}

export interface StaffingTarget {
  /** Visitors should be called within this many minutes… */
  targetWaitMinutes: number;
  /** …with this probability (e.g. 0.8 for "80% within the target"). */
  targetProbability: number;
  /** Mean patience in minutes: when given, each row also says what Erlang A expects with that many counters. */
  meanPatienceMinutes?: number;
}

export interface HourPlan {
  hour: number;
  /** Offered load in erlangs: the mean number of counters busy serving. */
  load: number;
  /** Smallest number of counters meeting the target under Erlang C. */
  counters: number;
  /** With that many counters: share called within the target, P(wait > 0), mean wait (minutes). */
  serviceLevel: number;
  probWait: number;
  meanWaitMinutes: number;
  /** Erlang A expectations with that many counters, when a patience was given. */
  withAbandonment?: ErlangAResult;
  /**
   * When a patience was given: the smallest N whose share of visitors with an offered wait within the
   * target (Erlang A, W5) meets the target probability. Never above `counters`.
   */
  countersWithAbandonment?: number;
}

/**
 * Counters needed hour by hour (W6). Each hour is planned on its own (stationary within the hour),
 * by Erlang C. Erlang C ignores visitors who give up, so it never asks for too few counters; when a
 * patience is given, each row also carries what Erlang A expects with the same counters.
 */
export function planHours(hours: readonly HourDemand[], target: StaffingTarget): HourPlan[] {
  return hours.map((h) => {
    const rate = h.arrivalsPerHour / 60; // per minute, the unit of the times
    const load = offeredLoad(rate, h.meanServiceMinutes);
    const counters = serversForServiceLevel(
      load,
      h.meanServiceMinutes,
      target.targetWaitMinutes,
      target.targetProbability,
    );
    const row: HourPlan = {
      hour: h.hour,
      load,
      counters,
      serviceLevel: counters === 0 ? 1 : serviceLevel(counters, load, target.targetWaitMinutes, h.meanServiceMinutes),
      probWait: counters === 0 ? 0 : erlangC(counters, load),
      meanWaitMinutes: counters === 0 ? 0 : meanWait(counters, load, h.meanServiceMinutes),
    };
    if (target.meanPatienceMinutes !== undefined) {
      const patience = target.meanPatienceMinutes;
      row.withAbandonment = erlangA(counters, rate, h.meanServiceMinutes, patience);
      row.countersWithAbandonment = serversForErlangAServiceLevel(
        rate,
        h.meanServiceMinutes,
        patience,
        target.targetWaitMinutes,
        target.targetProbability,
        counters,
      );
    }
    return row;
  });
}

function assertServers(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`servers must be a non-negative integer, got ${n}`);
}
function assertLoad(a: number): void {
  if (!(Number.isFinite(a) && a >= 0)) throw new RangeError(`load must be a finite number ≥ 0, got ${a}`);
}
function assertPositive(x: number, name: string): void {
  if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`${name} must be > 0, got ${x}`);
}
function assertNonNegative(x: number, name: string): void {
  if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`${name} must be ≥ 0, got ${x}`);
}
