// Issue 13's done-when line: staffing advice followed on the E5 simulated days gives fewer tickets
// past target than the configured plan. Four earlier weeks of the same weekday are simulated through
// the real engine; the advice is learnt from their logs (SA1–SA4) and turned into a plan (SA5); then
// each new day's ACTUAL arrivals (with each visit's own occupancy) are replayed with the real policy
// under the configured counters and under the advised ones (SA6–SA9).
import { describe, expect, it } from 'vitest';
import { e5Config, simulateDay } from '../testing/day-sim.ts';
import { T0 } from '../testing/harness.ts';
import { advise, hourlyHistory, planFromAdvice } from './advice.ts';
import { localDay } from './local-time.ts';
import { type PlanCounter, recordedDay, replay, replayWaits, waitStats } from './what-if.ts';

const DAY = 86_400_000;
const counterHours = (plan: readonly PlanCounter[]) =>
  plan.reduce((sum, c) => sum + c.windows.reduce((s, w) => s + (w.until - w.from), 0), 0) / 3_600_000;

describe('staffing advice on the E5 simulated days', () => {
  it('[SA5][SA6] the advised plan leaves fewer tickets past target than the configured one (both printed)', () => {
    const config = e5Config();
    const history = [1, 2, 3, 4].map((k) =>
      simulateDay({ seed: 100 + k, start: T0 - 7 * k * DAY, config, noShowShare: 0.06 }),
    );
    const rows = advise(config, hourlyHistory(config, history));
    expect(rows.some((r) => r.model === 'erlang-a')).toBe(true);
    let configuredTotal = 0;
    let advisedTotal = 0;
    let sameStaffTotal = 0;
    for (const seed of [201, 202, 203]) {
      const events = simulateDay({ seed, start: T0, config, noShowShare: 0.06 });
      const day = recordedDay(config, events);
      const advisedPlan = planFromAdvice(config, rows, localDay(T0, config.branch.timeZone));
      const figures = (plan: PlanCounter[]) => {
        const calls = replay(config, day.tickets, plan);
        const end = Math.max(day.until, calls[calls.length - 1]?.at ?? 0);
        return waitStats(config, day.tickets, replayWaits(day.tickets, calls), end).overall;
      };
      const configured = figures(day.plan);
      const advised = figures(advisedPlan);
      // The same advice within the configured staff (5 counters an hour): shared by need.
      const sameStaffPlan = planFromAdvice(config, rows, localDay(T0, config.branch.timeZone), day.plan.length);
      const sameStaff = figures(sameStaffPlan);
      console.log(
        `[E5 advice] day ${seed}: ${day.tickets.length} tickets; past target — configured plan ${configured.pastTarget} ` +
          `(${counterHours(day.plan).toFixed(1)} counter-hours, mean wait ${configured.meanMinutes.toFixed(1)} min), ` +
          `advised plan ${advised.pastTarget} (${counterHours(advisedPlan).toFixed(1)} counter-hours, mean wait ${advised.meanMinutes.toFixed(1)} min); ` +
          `advice within 5 counters ${sameStaff.pastTarget} (${counterHours(sameStaffPlan).toFixed(1)} counter-hours)`,
      );
      expect(configured.pastTarget).toBeGreaterThan(20); // a day with real queues, or the test proves nothing
      expect(advised.pastTarget).toBeLessThan(configured.pastTarget);
      configuredTotal += configured.pastTarget;
      advisedTotal += advised.pastTarget;
      sameStaffTotal += sameStaff.pastTarget;
    }
    console.log(
      `[E5 advice] three days: past target — configured ${configuredTotal}, advised ${advisedTotal}, ` +
        `advice within the configured staff ${sameStaffTotal}`,
    );
    expect(advisedTotal).toBeLessThan(configuredTotal);
    // Within the same staff the advice only re-deals the counters: better over the three days (measured
    // when written: 237 against 268), though not on every day (day 202: 99 against 91).
    expect(sameStaffTotal).toBeLessThan(configuredTotal);
  });
});
