// This period against the previous (R6): a figure's change, and whether it is for the better — fewer
// no-shows and shorter waits are better, more served and a larger share within target are better;
// the serving time's change is told without a verdict (longer service may be more care).
import type { ReportFigures } from '@nobat/protocol';

export type CompareKey = 'served' | 'noShow' | 'waitMean' | 'waitP90' | 'withinTarget' | 'serveMean';

/** Which way is better: up, down, or neither. */
const BETTER: Record<CompareKey, 'up' | 'down' | null> = {
  served: 'up',
  noShow: 'down',
  waitMean: 'down',
  waitP90: 'down',
  withinTarget: 'up',
  serveMean: null,
};

export const COMPARE_KEYS = Object.keys(BETTER) as CompareKey[];

/** The figure's value: counts as counts, times in ms, the share 0–1; null when nothing was measured. */
export function figure(f: ReportFigures, key: CompareKey): number | null {
  switch (key) {
    case 'served':
      return f.served;
    case 'noShow':
      return f.noShow;
    case 'waitMean':
      return f.wait.meanMs;
    case 'waitP90':
      return f.wait.p90Ms;
    case 'withinTarget':
      return f.wait.withinTargetShare;
    case 'serveMean':
      return f.serve.meanMs;
  }
}

export type Delta = {
  /** current − previous. */
  diff: number;
  /** The change as a share of the previous (null when the previous is 0). */
  relative: number | null;
  direction: 'up' | 'down' | 'same';
  tone: 'better' | 'worse' | 'neutral';
};

/** The change of a figure from the previous period to this one; null when either is not measured. */
export function delta(key: CompareKey, current: number | null, previous: number | null): Delta | null {
  if (current === null || previous === null) return null;
  const diff = current - previous;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const better = BETTER[key];
  const tone = direction === 'same' || better === null ? 'neutral' : direction === better ? 'better' : 'worse';
  return { diff, relative: previous === 0 ? null : diff / previous, direction, tone };
}
