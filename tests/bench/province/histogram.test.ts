import { describe, expect, it } from 'vitest';
import { fromWire, merge, newHistogram, quantile, record, toWire } from './histogram.ts';

describe('the latency histogram', () => {
  it('reads percentiles back within 1 % of the samples, the maximum exactly', () => {
    const h = newHistogram();
    const samples = Array.from({ length: 10_000 }, (_, i) => 0.05 + ((i * 37) % 10_000) / 13.7);
    for (const s of samples) record(h, s);
    const sorted = [...samples].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] ?? 0;
      expect(Math.abs(quantile(h, q) - exact) / exact).toBeLessThan(0.01);
    }
    expect(quantile(h, 1)).toBe(sorted[sorted.length - 1]);
    expect(h.count).toBe(10_000);
  });

  it('merges across processes by adding counts, and survives the wire', () => {
    const a = newHistogram();
    const b = newHistogram();
    for (let i = 1; i <= 100; i++) record(i % 2 ? a : b, i);
    const all = newHistogram();
    merge(all, fromWire(JSON.parse(JSON.stringify(toWire(a)))));
    merge(all, fromWire(JSON.parse(JSON.stringify(toWire(b)))));
    expect(all.count).toBe(100);
    expect(all.max).toBe(100);
    expect(Math.abs(quantile(all, 0.5) - 50) / 50).toBeLessThan(0.01);
    expect(Number.isNaN(quantile(newHistogram(), 0.5))).toBe(true);
  });
});
