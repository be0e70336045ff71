// The shape of the history bench's generated year (history-gen.ts writes it; history-bench.ts asks
// reports of it): 200 branches in 10 provinces, open Saturday to Wednesday through Jalali 1404.
export const HISTORY_BRANCHES = 200;
export const HISTORY_PROVINCES = 10;
export const YEAR = { from: '2025-03-21', to: '2026-03-20' } as const;
/** Province p holds branches p, p + 10, p + 20, …: 20 each. */
export const branchId = (i: number) => `hb-${String(i).padStart(3, '0')}`;
export const provinceId = (p: number) => `hp-${p}`;

export const OPEN_HOURS = [8, 9, 10, 11, 12, 13] as const;
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The days of the year the branches are open (Saturday to Wednesday; Thursday and Friday off). */
export function openDays(): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${YEAR.from}T00:00:00Z`); t <= Date.parse(`${YEAR.to}T00:00:00Z`); t += 86_400_000) {
    const wd = WEEKDAYS[new Date(t).getUTCDay()];
    if (wd !== 'thu' && wd !== 'fri') out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
