import { describe, expect, it } from 'vitest';
import { countersFromGrid, gridOf, parseWeight, servedBy, setCell } from './grid.ts';
import { testConfig } from './test-config.ts';

describe('the grid of counters × sub-services', () => {
  it('reads each counter’s services into cells', () => {
    expect(gridOf(testConfig().counters)).toEqual({ c1: { s1: 3, s2: 1 }, c2: { s3: 2 } });
  });
  it('round-trips: counters → grid → counters is the same list, the same objects', () => {
    const cfg = testConfig();
    const back = countersFromGrid(cfg.counters, gridOf(cfg.counters), ['s1', 's2', 's3']);
    expect(back).toEqual(cfg.counters);
    expect(back[0]).toBe(cfg.counters[0]);
  });
  it('a new cell adds the sub-service after those the counter had', () => {
    const cfg = testConfig();
    const out = setCell(setCell(cfg, 'c2', 's2', 4), 'c2', 's1', 10);
    expect(out.counters[1]?.services).toEqual([
      { serviceId: 's3', weight: 2 },
      { serviceId: 's2', weight: 4 },
      { serviceId: 's1', weight: 10 },
    ]);
    expect(cfg.counters[1]?.services).toHaveLength(1);
  });
  it('several new cells at once follow the page’s order of sub-services', () => {
    const cfg = testConfig();
    const out = countersFromGrid(cfg.counters, { c1: { s1: 3, s2: 1 }, c2: { s2: 4, s1: 10, s3: 2 } }, [
      's1',
      's2',
      's3',
    ]);
    expect(out[1]?.services.map((s) => s.serviceId)).toEqual(['s3', 's1', 's2']);
  });
  it('changes a weight in place and keeps the order', () => {
    const out = setCell(testConfig(), 'c1', 's1', 7);
    expect(out.counters[0]?.services).toEqual([
      { serviceId: 's1', weight: 7 },
      { serviceId: 's2', weight: 1 },
    ]);
  });
  it('an emptied cell: the counter no longer serves it; other counters untouched', () => {
    const cfg = testConfig();
    const out = setCell(cfg, 'c1', 's1', null);
    expect(out.counters[0]?.services).toEqual([{ serviceId: 's2', weight: 1 }]);
    expect(out.counters[1]).toBe(cfg.counters[1]);
  });
  it('counts the counters serving each sub-service', () => {
    expect(servedBy(setCell(testConfig(), 'c2', 's3', null))).toEqual({ s1: 1, s2: 1, s3: 0 });
  });
});

describe('what is typed in a cell', () => {
  it('reads weights 1–10 in Latin or Persian digits', () => {
    expect(parseWeight('3')).toBe(3);
    expect(parseWeight('۷')).toBe(7);
    expect(parseWeight(' ۱۰ ')).toBe(10);
  });
  it('empty or 0: does not serve; above 10: 10; not a number: unchanged', () => {
    expect(parseWeight('')).toBeNull();
    expect(parseWeight('0')).toBeNull();
    expect(parseWeight('۲۵')).toBe(10);
    expect(parseWeight('x')).toBeUndefined();
    expect(parseWeight('-1')).toBeUndefined();
  });
});
