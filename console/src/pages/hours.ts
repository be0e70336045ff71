// Opening hours as an office thinks of them (each weekday: open or not, from when to when, maybe in
// two shifts) and as the configuration stores them (spans, each on the days it shares).
import type { OpeningHours, Weekday } from '@nobat/protocol';

export const WEEKDAYS: readonly Weekday[] = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'];

export type Span = { open: string; close: string };
export type WeekHours = Record<Weekday, Span[]>;

/** Each weekday's spans, in time order. */
export function toWeek(hours: readonly OpeningHours[]): WeekHours {
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as Span[]])) as WeekHours;
  for (const h of hours) for (const d of h.days) week[d].push({ open: h.open, close: h.close });
  for (const d of WEEKDAYS) week[d].sort((a, b) => a.open.localeCompare(b.open));
  return week;
}

/**
 * The stored spans: days with the same span share one entry (in week order). `where[i]` lists the
 * (day, span) pairs entry i came from, so a refusal of `openingHours.i.close` lands on their rows.
 */
export function fromWeek(week: WeekHours): { hours: OpeningHours[]; where: { day: Weekday; span: number }[][] } {
  const hours: OpeningHours[] = [];
  const where: { day: Weekday; span: number }[][] = [];
  const index = new Map<string, number>();
  for (const day of WEEKDAYS) {
    week[day].forEach((s, span) => {
      const key = `${s.open}-${s.close}`;
      let i = index.get(key);
      if (i === undefined) {
        i = hours.length;
        index.set(key, i);
        hours.push({ days: [], open: s.open, close: s.close });
        where.push([]);
      }
      hours[i]?.days.push(day);
      where[i]?.push({ day, span });
    });
  }
  return { hours, where };
}
