// Staffing advice and what-if (issue 13 points 6–7; server/SPEC.md SA1–SA12): the plan for a date
// hour by hour, the live advice for now, and a past day replayed under another profile or plan.
import { z } from 'zod';
import { Balancing, Id, IsoDate } from './model.ts';

/** A local clock time "HH:MM"; "24:00" is midnight at the day's end. */
const PlanTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'time as HH:MM');

/** [SA1][SA12] Which date to plan, how many weeks back, and the share to call within target. */
export const AdviceQuery = z.object({
  date: IsoDate.optional(),
  weeks: z.coerce.number().int().min(1).max(12).optional(),
  probability: z.coerce.number().min(0.5).max(0.99).optional(),
});
export type AdviceQuery = z.infer<typeof AdviceQuery>;

export const StaffingModel = z.enum(['erlang-c', 'erlang-a']);
export type StaffingModel = z.infer<typeof StaffingModel>;

/** [SA2–SA4] One sub-service in one local hour. */
export const AdviceRow = z.object({
  serviceId: Id,
  /** Start of the local hour, 0–23. */
  hour: z.number().int().min(0).max(23),
  arrivalsPerHour: z.number().min(0),
  meanServiceMinutes: z.number().min(0),
  noShowShare: z.number().min(0).max(1),
  meanWaitMinutes: z.number().min(0),
  targetWaitMinutes: z.number(),
  targetProbability: z.number(),
  counters: z.number().int().min(0),
  model: StaffingModel,
  patienceMinutes: z.number().nullable(),
  serviceLevel: z.number(),
});
export type AdviceRow = z.infer<typeof AdviceRow>;

export const AdvicePlan = z.object({
  branchId: Id,
  /** The date planned. */
  date: IsoDate,
  /** The past days it was learnt from (SA1), newest first. */
  days: z.array(IsoDate),
  probability: z.number(),
  rows: z.array(AdviceRow),
});
export type AdvicePlan = z.infer<typeof AdvicePlan>;

/** [SA10] A sub-service now. */
export const LiveServiceAdvice = z.object({
  serviceId: Id,
  waiting: z.number().int().min(0),
  serving: z.number().int().min(0),
  needed: z.number().int().min(0),
  /** Epoch ms it is back within target with `needed` counters; null when it already is. */
  backWithinTargetAt: z.number().nullable(),
});
export type LiveServiceAdvice = z.infer<typeof LiveServiceAdvice>;

export const WeightOf = z.object({ serviceId: Id, weight: z.number().int().min(1).max(10) });
export type WeightOf = z.infer<typeof WeightOf>;

/** [SA11] A counter to switch: take `serviceId` as main, with these weights. */
export const AdviceMove = z.object({
  counterId: Id,
  serviceId: Id,
  weights: z.array(WeightOf),
  pastTargetBefore: z.number().int().min(0),
  pastTargetAfter: z.number().int().min(0),
});
export type AdviceMove = z.infer<typeof AdviceMove>;

export const LiveAdvice = z.object({
  branchId: Id,
  at: z.number(),
  days: z.array(IsoDate),
  services: z.array(LiveServiceAdvice),
  moves: z.array(AdviceMove),
});
export type LiveAdvice = z.infer<typeof LiveAdvice>;

/** A staffed span of local clock time, [from, until). */
export const PlanWindow = z
  .object({ from: PlanTime, until: PlanTime })
  .refine((w) => w.from < w.until, { message: 'from must be before until', path: ['until'] });
export type PlanWindow = z.infer<typeof PlanWindow>;

/** [SA7] One counter of a what-if plan; without windows it is staffed the whole day. */
export const WhatIfCounter = z.object({
  id: Id,
  services: z.array(WeightOf).min(1).max(50),
  balancing: Balancing.optional(),
  windows: z.array(PlanWindow).max(24).optional(),
});
export type WhatIfCounter = z.infer<typeof WhatIfCounter>;

export const WhatIfBody = z.object({
  day: IsoDate,
  balancing: Balancing.optional(),
  counters: z.array(WhatIfCounter).max(100).optional(),
});
export type WhatIfBody = z.infer<typeof WhatIfBody>;

/** [SA9] Waits of a set of tickets (minutes). */
export const WaitStats = z.object({
  tickets: z.number().int(),
  uncalled: z.number().int(),
  meanMinutes: z.number(),
  p90Minutes: z.number(),
  pastTarget: z.number().int(),
});
export type WaitStats = z.infer<typeof WaitStats>;

export const WaitComparison = z.object({
  overall: WaitStats,
  services: z.array(z.object({ serviceId: Id, stats: WaitStats })),
});
export type WaitComparison = z.infer<typeof WaitComparison>;

export const WhatIfResult = z.object({
  branchId: Id,
  day: IsoDate,
  tickets: z.number().int(),
  /** The counters as they were staffed that day (SA8), to start an edit from. */
  plan: z.array(WhatIfCounter),
  recorded: WaitComparison,
  configured: WaitComparison,
  changed: WaitComparison,
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;

/** The past days with a log that a what-if may replay, newest first (at most 60). */
export const AdviceDays = z.object({ days: z.array(IsoDate) });
export type AdviceDays = z.infer<typeof AdviceDays>;

/** Errors of these routes (code and words). */
export const adviceErrors = {
  'unknown-day': { fa: 'برای این روز هیچ گزارشی در این شعبه نیست.', en: 'This branch has no log for that day.' },
  'day-too-large': {
    fa: 'این روز بیش از ۵٬۰۰۰ نوبت دارد و برای شبیه‌سازی بزرگ است.',
    en: 'That day has more than 5,000 tickets: too large to replay.',
  },
  'unknown-plan-service': {
    fa: 'در برنامهٔ باجه‌ها خدمتی آمده که در این شعبه نیست.',
    en: 'The counter plan names a service this branch does not have.',
  },
} as const;
