// Latencies kept as counts in log-spaced buckets (HdrHistogram's idea with a fixed relative error):
// bucket i holds values in [MIN·G^i, MIN·G^(i+1)), G = 1.01, so any percentile read back is within 1 %
// of the true sample, whatever the count, in constant memory. Histograms of several processes merge
// by adding their counts; they travel as sparse {bucket: count} objects.

const MIN = 0.01; // ms
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Up to MIN·G^BUCKETS ≈ 28 minutes. */
const BUCKETS = 2_200;

export interface Histogram {
  counts: Map<number, number>;
  count: number;
  max: number;
  sum: number;
}

export const newHistogram = (): Histogram => ({ counts: new Map(), count: 0, max: 0, sum: 0 });

export function bucketOf(ms: number): number {
  if (!(ms > MIN)) return 0;
  return Math.min(BUCKETS - 1, Math.floor(Math.log(ms / MIN) / LOG_GROWTH));
}

/** The value a bucket reports: its geometric middle (within 0.5 % of anything in it). */
export const bucketValue = (bucket: number): number => MIN * GROWTH ** (bucket + 0.5);

export function record(h: Histogram, ms: number): void {
  const b = bucketOf(ms);
  h.counts.set(b, (h.counts.get(b) ?? 0) + 1);
  h.count++;
  h.sum += ms;
  if (ms > h.max) h.max = ms;
}

export function merge(into: Histogram, from: Histogram): void {
  for (const [b, n] of from.counts) into.counts.set(b, (into.counts.get(b) ?? 0) + n);
  into.count += from.count;
  into.sum += from.sum;
  if (from.max > into.max) into.max = from.max;
}

/** The q-quantile (nearest rank), NaN when empty; the maximum is exact. */
export function quantile(h: Histogram, q: number): number {
  if (h.count === 0) return Number.NaN;
  const rank = Math.min(h.count, Math.max(1, Math.ceil(q * h.count)));
  if (rank === h.count) return h.max;
  let seen = 0;
  for (const b of [...h.counts.keys()].sort((x, y) => x - y)) {
    seen += h.counts.get(b) ?? 0;
    if (seen >= rank) return Math.min(bucketValue(b), h.max);
  }
  return h.max;
}

export interface WireHistogram {
  counts: Record<string, number>;
  count: number;
  max: number;
  sum: number;
}

export const toWire = (h: Histogram): WireHistogram => ({
  counts: Object.fromEntries(h.counts),
  count: h.count,
  max: h.max,
  sum: h.sum,
});

export const fromWire = (w: WireHistogram): Histogram => ({
  counts: new Map(Object.entries(w.counts).map(([b, n]) => [Number(b), n])),
  count: w.count,
  max: w.max,
  sum: w.sum,
});

/** The histogram under `key`, made empty on first use. */
export function histogramIn<K>(map: Map<K, Histogram>, key: K): Histogram {
  let h = map.get(key);
  if (!h) {
    h = newHistogram();
    map.set(key, h);
  }
  return h;
}
