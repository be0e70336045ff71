// Today's changes (server/SPEC.md TD1–TD6): a counter's sub-services for today until a time, a
// sub-service closed for the rest of the day, and a message to the hall screens. Bodies and answers
// of /api/v1/branches/{branchId}/today…, and the hall message as displays receive it.
import { z } from 'zod';
import { Id, LocalizedText } from './model.ts';

/** "HH:MM", 24-hour, the branch's local time of today. */
export const LocalClock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM');

export const TodayServiceWeight = z.strictObject({
  serviceId: Id,
  weight: z.number().int().min(1).max(100),
});
export type TodayServiceWeight = z.infer<typeof TodayServiceWeight>;

/** [TD1][TD3] PUT …/today/counters/{counterId}: the counter serves these until `until` today. */
export const AssignTodayBody = z.strictObject({
  services: z.array(TodayServiceWeight).min(1).max(30),
  until: LocalClock,
});
export type AssignTodayBody = z.infer<typeof AssignTodayBody>;

/** [TD5] PUT …/today/hall-message: the text (Persian; English optional), for `minutes` or until cleared. */
export const HallMessageBody = z.strictObject({
  fa: z.string().trim().min(1).max(300),
  en: z.string().trim().max(300).optional(),
  minutes: z.number().int().min(1).max(720).optional(),
});
export type HallMessageBody = z.infer<typeof HallMessageBody>;

/** [TD5] The message the hall screens show: `until` null stays until cleared. */
export const HallMessage = z.object({
  text: LocalizedText,
  setAt: z.string(),
  until: z.string().nullable(),
});
export type HallMessage = z.infer<typeof HallMessage>;

const ByWhom = z.object({ id: z.string(), name: z.string() });

/** GET …/today and the answer of every change: the day's changes as they stand now. */
export const TodayView = z.object({
  branchId: Id,
  day: z.string(),
  serverTime: z.string(),
  timeZone: z.string(),
  counters: z.array(
    z.object({
      id: Id,
      number: z.number().int(),
      title: LocalizedText,
      /** As configured. */
      services: z.array(z.object({ serviceId: Id, weight: z.number() })),
      /** Today's assignment while in force (TD2), else null. */
      today: z
        .object({
          services: z.array(z.object({ serviceId: Id, weight: z.number() })),
          until: z.string(),
          by: ByWhom,
        })
        .nullable(),
    }),
  ),
  services: z.array(
    z.object({
      id: Id,
      title: LocalizedText,
      active: z.boolean(),
      waiting: z.number().int(),
      /** [TD4] Closed for the rest of today: when and by whom; else null. */
      closedToday: z.object({ at: z.string(), by: ByWhom }).nullable(),
    }),
  ),
  hallMessage: HallMessage.nullable(),
});
export type TodayView = z.infer<typeof TodayView>;
