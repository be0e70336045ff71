// Which visit a request is made from at the desk: the ticket being served now, else the one this
// counter served last (a clerk often finishes first, then sees the work cannot end at the counter).
// The server has the last word (RQ3: served today at this branch, else `ticket-not-served`).
import type { StaffTicket } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Visit } from './request-dialog.tsx';

export const visitOf = (t: StaffTicket): Visit => ({
  ticketId: t.id,
  number: t.number,
  serviceId: t.serviceId,
  missingDocuments: t.missingDocuments,
});

/** The ticket a request would be made from now: the one being served, else the last one served here. */
export function requestTicket(current: StaffTicket | null, lastServed: StaffTicket | null): StaffTicket | null {
  if (current?.status === 'serving') return current;
  return lastServed;
}

/** The last ticket this counter was serving that left it otherwise than parked (finished, most likely). */
export function useLastServed(current: StaffTicket | null, parked: readonly StaffTicket[]): StaffTicket | null {
  const [last, setLast] = useState<StaffTicket | null>(null);
  const previous = useRef<StaffTicket | null>(current);
  useEffect(() => {
    const before = previous.current;
    previous.current = current;
    if (before && before.id !== current?.id && before.status === 'serving' && !parked.some((p) => p.id === before.id)) {
      setLast(before);
    }
  }, [current, parked]);
  return last;
}
