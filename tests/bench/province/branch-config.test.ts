import { BranchConfig } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { provinceBranchConfig, servicesOfCounter } from './branch-config.ts';
import { SERVICES } from './model.ts';

describe('a province branch’s configuration', () => {
  it('validates for 6–12 counters, every sub-service of the model served, one clerk per counter', () => {
    for (let n = 6; n <= 12; n++) {
      const input = provinceBranchConfig(n, n);
      const config = BranchConfig.parse(input);
      expect(config.counters).toHaveLength(n);
      expect(config.clerks.map((k) => k.counters)).toEqual(config.counters.map((c) => [c.id]));
      const served = new Set(config.counters.flatMap((c) => servicesOfCounter(input, c.id)));
      for (const s of SERVICES) expect(served.has(s.id)).toBe(true);
      expect(config.services.filter((s) => s.dailyCap != null)).toEqual([]);
    }
  });
});
