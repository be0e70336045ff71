// Server clocks for system tests that must not depend on the hour the suite happens to run at.
import { localMoment } from '../../server/src/domain/local-time.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How far to run a server's clock ahead of the wall clock to reach the next 10:00 in Tehran (UTC+3:30):
 * outside the SMS night window (21:00–07:00) with the whole working day ahead, whenever the suite runs.
 * Skewing the wall clock (not fixing it) keeps the store's own wall-clock housekeeping consistent.
 */
export function skewToTehranMorning(now: number = Date.now()): number {
  const local = now + 3.5 * HOUR;
  const ahead = Math.floor(local / DAY) * DAY + 10 * HOUR - local;
  return ahead >= 0 ? ahead : ahead + DAY;
}

/**
 * For tests whose servers run on the wall clock and follow a branch's local day: a run started in the
 * last `minutes` of that day waits for the next one (and 5 s more), so the day cannot end under it.
 */
export async function awayFromMidnight(timeZone: string, minutes = 5): Promise<void> {
  const [h = 0, m = 0] = localMoment(Date.now(), timeZone).time.split(':').map(Number);
  const left = (24 * 60 - (h * 60 + m)) * 60_000;
  if (left <= minutes * 60_000) await new Promise((r) => setTimeout(r, left + 5_000));
}
