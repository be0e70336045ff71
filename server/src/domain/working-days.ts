// Working-day arithmetic of the electronic desk (server/SPEC.md WD1–WD5): which local days a branch
// works, the n-th working day after a day, a request's promised response date and a step's due time.
// Pure: instants and the branch are passed in; days are ISO "YYYY-MM-DD" local days of the branch.
import type { BranchConfig, RequestStep } from '@nobat/protocol';
import { addDays, localToEpoch, weekdayOf } from './appointments.ts';
import { localMoment } from './local-time.ts';

type Branch = BranchConfig['branch'];

/** [WD2] The longest run of closed days searched before a branch is taken to never work (three years). */
export const MAX_CLOSED_RUN_DAYS = 3 * 366;

/** [WD3] A month of workflow duration is this many weeks of the branch's open weekdays. */
export const WEEKS_PER_MONTH = 4;

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** [WD1] A local day is a working day when the branch has opening hours that weekday and it is not a holiday. */
export function isWorkingDay(branch: Branch, day: string): boolean {
  if (branch.holidays.includes(day)) return false;
  const weekday = weekdayOf(day);
  return branch.openingHours.some((h) => h.days.includes(weekday));
}

/**
 * [WD2] The n-th working day strictly after `day` (n ≥ 1), or for n = 0 `day` itself if it is a
 * working day, else the next one. RangeError for a negative or fractional n, and for a branch that
 * is closed for more than MAX_CLOSED_RUN_DAYS days in a row (no working day at all).
 */
export function addWorkingDays(branch: Branch, day: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  weekdayOf(day); // throws on a day that is not one
  let current = day;
  let left = n;
  let closedRun = 0;
  if (n === 0) {
    while (!isWorkingDay(branch, current)) {
      if (++closedRun > MAX_CLOSED_RUN_DAYS) throw new RangeError(`branch ${branch.id} has no working day`);
      current = addDays(current, 1);
    }
    return current;
  }
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(branch, current)) {
      left -= 1;
      closedRun = 0;
    } else if (++closedRun > MAX_CLOSED_RUN_DAYS) {
      throw new RangeError(`branch ${branch.id} has no working day`);
    }
  }
  return current;
}

/** [WD3] How many weekdays the branch has opening hours on (0–7). */
export function openWeekdays(branch: Branch): number {
  return new Set(branch.openingHours.flatMap((h) => h.days)).size;
}

/**
 * [WD3] The length of a working day in minutes: the longest total opening time of any weekday (its
 * spans merged where they overlap), e.g. 07:30–14:30 → 420.
 */
export function workingDayMinutes(branch: Branch): number {
  let longest = 0;
  const weekdays = new Set(branch.openingHours.flatMap((h) => h.days));
  for (const weekday of weekdays) {
    const spans = branch.openingHours
      .filter((h) => h.days.includes(weekday))
      .map((h) => [toMinutes(h.open), toMinutes(h.close)] as const)
      .sort((a, b) => a[0] - b[0]);
    let total = 0;
    let end = -1;
    for (const [open, close] of spans) {
      const from = Math.max(open, end);
      if (close > from) total += close - from;
      end = Math.max(end, close);
    }
    longest = Math.max(longest, total);
  }
  return longest;
}

/**
 * [WD3] A day/week/month step's duration in whole working days, rounded up: `day` counts its value,
 * `week` its value × the branch's open weekdays, `month` its value × WEEKS_PER_MONTH × the open
 * weekdays. Null for `minute`/`hour` steps (they are clock time, WD4).
 */
export function stepWorkingDays(branch: Branch, step: Pick<RequestStep, 'duration' | 'durationUnit'>): number | null {
  const perWeek = openWeekdays(branch);
  switch (step.durationUnit) {
    case 'day':
      return Math.ceil(step.duration);
    case 'week':
      return Math.ceil(step.duration * perWeek);
    case 'month':
      return Math.ceil(step.duration * WEEKS_PER_MONTH * perWeek);
    default:
      return null;
  }
}

/** [WD4] A minute/hour step's duration in minutes (null for day/week/month steps). */
export function stepClockMinutes(step: Pick<RequestStep, 'duration' | 'durationUnit'>): number | null {
  if (step.durationUnit === 'minute') return step.duration;
  if (step.durationUnit === 'hour') return step.duration * 60;
  return null;
}

/**
 * [WD3] The working days a workflow takes: the sum of its day/week/month steps (each rounded up),
 * plus its minute/hour steps summed and rounded up to whole working days (WD3's working day length).
 */
export function workflowWorkingDays(branch: Branch, steps: readonly RequestStep[]): number {
  if (openWeekdays(branch) === 0) throw new RangeError(`branch ${branch.id} has no working day`);
  let days = 0;
  let minutes = 0;
  for (const step of steps) {
    const d = stepWorkingDays(branch, step);
    if (d !== null) days += d;
    else minutes += stepClockMinutes(step) ?? 0;
  }
  return days + Math.ceil(minutes / workingDayMinutes(branch));
}

/** [WD3] The promised response date: the local day of `createdAt` plus the workflow's working days (WD2). */
export function promisedDate(branch: Branch, steps: readonly RequestStep[], createdAt: number): string {
  const day = localMoment(createdAt, branch.timeZone).day;
  return addWorkingDays(branch, day, workflowWorkingDays(branch, steps));
}

/**
 * [WD4] When a step reached at `since` runs past its agreed duration: for day/week/month steps the
 * same local clock time on the n-th working day after since's local day (n as in WD3; n = 0: since
 * itself); for minute/hour steps since plus the duration in clock time.
 */
export function stepDueAt(branch: Branch, step: RequestStep, since: number): number {
  const clock = stepClockMinutes(step);
  if (clock !== null) return since + Math.round(clock * 60_000);
  const n = stepWorkingDays(branch, step) ?? 0;
  if (n === 0) return since;
  const m = localMoment(since, branch.timeZone);
  // Seconds and milliseconds past the local minute are kept (the local moment is to the minute).
  const rest = since - localToEpoch(m.day, m.time, branch.timeZone);
  const day = addWorkingDays(branch, m.day, n);
  return localToEpoch(day, m.time, branch.timeZone) + rest;
}
