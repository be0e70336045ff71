// [UE1–UE5] The evaluation of the back-office units against their agreed durations (guide no. 2,
// steps 5–6 and 9): per unit and post, the steps they finished in a period and how many of those
// within the workflow's agreed duration (WD4), the mean delay of the late ones, the steps they
// returned, and what they hold now. Pure: the request logs, the branches and `now` are given.
import type { BranchConfig, RequestStep, UnitEvaluation, UnitEvaluationRow } from '@nobat/protocol';
import { localDay } from './local-time.ts';
import type { RequestRecord } from './requests.ts';
import { stepDueAt } from './working-days.ts';

export interface UnitEvaluationInput {
  records: readonly RequestRecord[];
  /** The branches evaluated; requests of other branches are left out. */
  configs: readonly BranchConfig[];
  /** The period: local days (each branch's own), both included. */
  from: string;
  to: string;
  now: number;
}

const HOUR = 3_600_000;

interface Tally {
  unit: string;
  post: string;
  handled: number;
  onTime: number;
  delayMs: number;
  late: number;
  returned: number;
  open: number;
  overdueNow: number;
}

/** [UE1] Where a step is being worked on: its unit and post, since when, and when it is due. */
interface Stint {
  step: number;
  unit: string;
  post: string;
  due: number;
}

export function unitEvaluation(input: UnitEvaluationInput): UnitEvaluation {
  const { from, to, now } = input;
  const configs = new Map(input.configs.map((c) => [c.branch.id, c]));
  const tallies = new Map<string, Tally>();
  const tally = (unit: string, post: string): Tally => {
    const key = JSON.stringify([unit, post]);
    let t = tallies.get(key);
    if (!t) {
      t = { unit, post, handled: 0, onTime: 0, delayMs: 0, late: 0, returned: 0, open: 0, overdueNow: 0 };
      tallies.set(key, t);
    }
    return t;
  };
  // [UE1] Every unit and post of the branches' workflows has its row, even with nothing to count.
  for (const c of input.configs) {
    for (const s of c.services) for (const w of s.workflow) if (w.unit.trim()) tally(w.unit, w.post);
  }
  const requests = { created: 0, responded: 0, respondedOnTime: 0 };

  for (const record of input.records) {
    const config = configs.get(record.branchId);
    const first = record.events[0];
    if (!config || first?.type !== 'RequestCreated') continue;
    const { branch } = config;
    const inPeriod = (at: string) => {
      const day = localDay(Date.parse(at), branch.timeZone);
      return day >= from && day <= to;
    };
    const steps: readonly RequestStep[] = first.steps;
    // [UE1] A step at its own unit counts for the workflow's post; forwarded elsewhere, for that unit with no post.
    const reach = (step: number, at: string, unit?: string): Stint | null => {
      const s = steps[step];
      if (!s) return null;
      return {
        step,
        unit: unit ?? s.unit,
        post: unit === undefined ? s.post : '',
        due: stepDueAt(branch, s, Date.parse(at)),
      };
    };
    /** [UE2] A step finished: on time when at or before its due time, else late by the difference. */
    const finish = (stint: Stint | null, at: string) => {
      if (!stint || !inPeriod(at)) return;
      const t = tally(stint.unit, stint.post);
      t.handled += 1;
      const late = Date.parse(at) - stint.due;
      if (late <= 0) t.onTime += 1;
      else {
        t.late += 1;
        t.delayMs += late;
      }
    };

    let current = reach(0, first.at);
    let firstResponse: string | null = null;
    for (const e of record.events.slice(1)) {
      switch (e.type) {
        case 'StepCompleted':
          finish(current, e.at);
          current = reach(e.step + 1, e.at);
          break;
        case 'ResponseIssued':
          finish(current, e.at);
          current = null;
          firstResponse ??= e.at;
          break;
        case 'StepReturned':
          // [UE3] A return counts for the unit that returned it, in the period it was returned.
          if (current && inPeriod(e.at)) tally(current.unit, current.post).returned += 1;
          current = e.toStep === null ? null : reach(e.toStep, e.at);
          break;
        case 'StepForwarded':
          current = reach(e.step, e.at, e.toUnit);
          break;
        case 'Resubmitted':
          current = reach(0, e.at);
          break;
        case 'Withdrawn':
          current = null;
          break;
        default:
          break; // accepted, inquiries and delivery do not move the step
      }
    }
    // [UE4] What each unit holds now, and how much of it is past its due time.
    if (current) {
      const t = tally(current.unit, current.post);
      t.open += 1;
      if (now > current.due) t.overdueNow += 1;
    }
    // [UE5] Requests made in the period, responded (by now), and responded by their promised day.
    if (inPeriod(first.at)) {
      requests.created += 1;
      if (firstResponse !== null) {
        requests.responded += 1;
        if (localDay(Date.parse(firstResponse), branch.timeZone) <= first.promisedDate) requests.respondedOnTime += 1;
      }
    }
  }

  const rows: UnitEvaluationRow[] = [...tallies.values()]
    .sort((a, b) => a.unit.localeCompare(b.unit, 'fa') || a.post.localeCompare(b.post, 'fa'))
    .map((t) => ({
      unit: t.unit,
      post: t.post,
      handled: t.handled,
      onTime: t.onTime,
      onTimeShare: t.handled ? t.onTime / t.handled : null,
      meanDelayHours: t.late ? t.delayMs / t.late / HOUR : null,
      returned: t.returned,
      open: t.open,
      overdueNow: t.overdueNow,
    }));
  return { branchIds: input.configs.map((c) => c.branch.id), from, to, rows, requests };
}
