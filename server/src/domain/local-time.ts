// Local calendar facts of an instant, in a branch's time zone. Pure: the instant is passed in.
import type { OpeningHours, Weekday } from '@nobat/protocol';

const WEEKDAYS: Record<string, Weekday> = {
  Sat: 'sat',
  Sun: 'sun',
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalMoment {
  /** The local calendar day, ISO (Gregorian) "YYYY-MM-DD": the key of a branch's daily log. */
  day: string;
  weekday: Weekday;
  /** "HH:MM", 24-hour. */
  time: string;
}

// Every command asks for today's local day; formatting a date is costly, and within one minute
// the answer cannot change (time zones move in whole minutes at the finest).
const moments = new Map<string, LocalMoment>();

export function localMoment(at: number, timeZone: string): LocalMoment {
  const key = `${timeZone}|${Math.floor(at / 60_000)}`;
  let m = moments.get(key);
  if (!m) {
    m = computeMoment(at, timeZone);
    if (moments.size > 512) moments.clear();
    moments.set(key, m);
  }
  return m;
}

function computeMoment(at: number, timeZone: string): LocalMoment {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const weekday = WEEKDAYS[parts.weekday ?? ''];
  if (!weekday) throw new Error(`cannot read weekday in ${timeZone}`);
  return { day: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

/** [N2] The day whose log an instant belongs to: local midnight in the branch's zone starts a new one. */
export function localDay(at: number, timeZone: string): string {
  return localMoment(at, timeZone).day;
}

/** [N5][N6] Open by the weekday hours at that local time, and the local day is not one of the holidays. */
export function isOpen(
  hours: readonly OpeningHours[],
  at: number,
  timeZone: string,
  holidays: readonly string[] = [],
): boolean {
  const m = localMoment(at, timeZone);
  if (holidays.includes(m.day)) return false;
  return hours.some((h) => h.days.includes(m.weekday) && h.open <= m.time && m.time < h.close);
}
