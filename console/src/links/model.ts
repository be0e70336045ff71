// [SY6][SY7] What the branch links page computes, pure (no DOM, no Preact) so it is tested as is: the
// outage log's range asked of the server and read back in local days, each outage's length (the one
// under way as the centre measured it), the total per branch, and the CSV of the rows shown.
import { formatDateTime } from '@nobat/client';
import type { BranchLinkListItem, BranchOutage, Lang } from '@nobat/protocol';
import { localToday } from '../reports/period.ts';
import { fill, type LINKS_WORDS, lengthText } from './words.ts';

export type DayRange = { from: string; to: string };

/** An ISO day moved by `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The days to ask the server for: it bounds an outage's start by its UTC day, the page by the local
 * (Tehran) day, so a day more either side is asked and `withinLocal` keeps the range's own.
 */
export const serverRange = (range: DayRange): DayRange => ({ from: addDays(range.from, -1), to: addDays(range.to, 1) });

/** The outages that began on a local day of the range, in the order given (oldest first, the one under way last). */
export function withinLocal(
  outages: readonly BranchOutage[],
  range: DayRange,
  timeZone = 'Asia/Tehran',
): BranchOutage[] {
  return outages.filter((o) => {
    const day = localToday(Date.parse(o.from), timeZone);
    return day >= range.from && day <= range.to;
  });
}

/**
 * An outage's length: a finished one's own; the one under way's as the centre measured it at the last
 * refresh (its clock, not this PC's), else up to `now`.
 */
export function outageMs(o: BranchOutage, links: readonly BranchLinkListItem[], now: number): number {
  if (o.durationMs !== null) return o.durationMs;
  const link = links.find((l) => l.branchId === o.branchId);
  if (link?.outage && link.outage.from === o.from) return link.outage.durationMs;
  return Math.max(0, now - Date.parse(o.from));
}

export interface BranchTotal {
  branchId: string;
  count: number;
  totalMs: number;
  /** One of them is still under way (the total grows). */
  ongoing: boolean;
}

/** The outages of each branch added up, branches in the order they first appear. */
export function totalsByBranch(rows: readonly { outage: BranchOutage; ms: number }[]): BranchTotal[] {
  const totals = new Map<string, BranchTotal>();
  for (const { outage, ms } of rows) {
    const t = totals.get(outage.branchId) ?? { branchId: outage.branchId, count: 0, totalMs: 0, ongoing: false };
    t.count++;
    t.totalMs += ms;
    t.ongoing ||= outage.to === null;
    totals.set(outage.branchId, t);
  }
  return [...totals.values()];
}

/** A CSV field (RFC 4180); text that a spreadsheet would run as a formula is kept as text. */
function field(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The rows shown, as CSV in the page's language: UTF-8 with a byte-order mark (so Excel reads Persian),
 * CRLF line ends. Times and lengths as the page writes them, then the length in minutes as a plain
 * number and the two instants in UTC, for a spreadsheet to add up and sort.
 */
export function outagesCsv(
  lang: Lang,
  rows: readonly { outage: BranchOutage; ms: number }[],
  nameOf: (branchId: string) => string,
): string {
  const w = (word: keyof typeof LINKS_WORDS) => fill(lang, word);
  const header = [
    w('branch'),
    w('csvBranchId'),
    w('outageFrom'),
    w('outageTo'),
    w('length'),
    w('csvMinutes'),
    w('csvFromIso'),
    w('csvToIso'),
  ];
  const lines = rows.map(({ outage: o, ms }) => [
    nameOf(o.branchId),
    o.branchId,
    formatDateTime(lang, o.from),
    o.to ? formatDateTime(lang, o.to) : w('ongoing'),
    lengthText(lang, ms),
    Math.round(ms / 6_000) / 10,
    o.from,
    o.to ?? '',
  ]);
  return `\uFEFF${[header, ...lines].map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
}
