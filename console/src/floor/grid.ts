// Who serves what: the grid of counters × sub-services the page shows, and the `services` list of
// each counter the configuration stores. A cell holds the counter's weight for that sub-service
// (1 "also serves" … 10 "mainly serves"); an empty cell: the counter does not serve it.

import type { BranchConfig, Counter } from '@nobat/protocol';
import { toAsciiDigits } from '@nobat/protocol';

export const MIN_WEIGHT = 1;
export const MAX_WEIGHT = 10;

/** counterId → serviceId → weight. */
export type Grid = Record<string, Record<string, number>>;

export function gridOf(counters: readonly Counter[]): Grid {
  const grid: Grid = {};
  for (const c of counters) grid[c.id] = Object.fromEntries(c.services.map((s) => [s.serviceId, s.weight]));
  return grid;
}

/**
 * The counters with their services as the grid says. A counter keeps the order of the services it
 * already had (the order is the tie-break of equal weights); newly served ones follow in the order
 * of `serviceOrder` (the sub-services' order on the page).
 */
export function countersFromGrid(counters: readonly Counter[], grid: Grid, serviceOrder: readonly string[]): Counter[] {
  return counters.map((c) => {
    const row = grid[c.id] ?? {};
    const kept = c.services.filter((s) => row[s.serviceId] !== undefined).map((s) => s.serviceId);
    const added = serviceOrder.filter((id) => row[id] !== undefined && !kept.includes(id));
    const services = [...kept, ...added].map((serviceId) => ({ serviceId, weight: row[serviceId] as number }));
    const unchanged =
      services.length === c.services.length &&
      services.every((s, i) => s.serviceId === c.services[i]?.serviceId && s.weight === c.services[i]?.weight);
    return unchanged ? c : { ...c, services };
  });
}

/** Sets one cell: a weight, or null for "does not serve". */
export function setCell(cfg: BranchConfig, counterId: string, serviceId: string, weight: number | null): BranchConfig {
  const grid = gridOf(cfg.counters);
  const row = { ...(grid[counterId] ?? {}) };
  if (weight === null) delete row[serviceId];
  else row[serviceId] = weight;
  grid[counterId] = row;
  return {
    ...cfg,
    counters: countersFromGrid(
      cfg.counters,
      grid,
      cfg.services.map((s) => s.id),
    ),
  };
}

/**
 * What a person typed into a cell: empty or 0 means "does not serve"; a number above the scale is
 * the top of the scale; anything that is not a number is undefined (the cell keeps its value).
 * Persian and Arabic-Indic digits are read like Latin ones.
 */
export function parseWeight(text: string): number | null | undefined {
  const t = toAsciiDigits(text).trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  if (n < MIN_WEIGHT) return null;
  return Math.min(MAX_WEIGHT, n);
}

/** How many counters serve each sub-service: a sub-service no counter serves cannot be called. */
export function servedBy(cfg: BranchConfig): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(cfg.services.map((s) => [s.id, 0]));
  for (const c of cfg.counters) for (const s of c.services) out[s.serviceId] = (out[s.serviceId] ?? 0) + 1;
  return out;
}
