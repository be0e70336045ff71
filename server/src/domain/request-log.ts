// [RD6] The clerk's daily log (جدول ۲, history.ts H2) completed from the requests: a visit the
// counter could not finish became a request (RQ3), and its back-office dates are the request's.
// Pure: the day's rows and the requests made from their tickets are given.
import type { ClerkLogRow } from './history.ts';
import { localDay } from './local-time.ts';
import { foldRequest, type RequestRecord } from './requests.ts';

const DAY_MS = 86_400_000;

/**
 * [RD6] Each row whose ticket a request was made from gets that request's dates: handed to the first
 * stage (the request's creation, RQ16), the response back from the last stage (its response notice)
 * and delivered to the visitor (its delivery), each null until it happens; the promised response date
 * becomes the request's (WD3: its promised local day, at the local time the request was made). Other
 * rows are unchanged.
 */
export function withRequestDates<R extends ClerkLogRow>(
  rows: readonly R[],
  records: readonly RequestRecord[],
  timeZone: string,
): R[] {
  const byTicket = new Map<string, RequestRecord>();
  for (const r of records) {
    const first = r.events[0];
    if (first?.type === 'RequestCreated') byTicket.set(first.ticketId, r);
  }
  return rows.map((row) => {
    const record = byTicket.get(row.ticketId);
    if (!record) return row;
    const f = foldRequest(record.events);
    const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
    const madeAt = Date.parse(f.created.at);
    const days = Math.round((Date.parse(f.created.promisedDate) - Date.parse(localDay(madeAt, timeZone))) / DAY_MS);
    return {
      ...row,
      promisedAt: madeAt + days * DAY_MS,
      requestCode: record.code,
      handedAt: ms(f.created.at),
      respondedAt: ms(f.respondedAt),
      deliveredAt: ms(f.deliveredAt),
    };
  });
}
