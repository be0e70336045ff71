// The desk's state, held in one hook: the branch followed live on /counter (the shared fold: counters,
// waiting, parked and called tickets, each change applied as it comes), and what only the server
// knows, read on every (re)connect: which counter this clerk holds, the sub-services, and the order
// its queue would be called in. The order is the server's rule (B1–B6), so it is read again only
// when a ticket the desk has not placed arrives; calls and changes elsewhere in the branch are
// applied, never refetched.
import { ApiError, connectSocket, path } from '@nobat/client';
import { useBranchLive } from '@nobat/client/preact';
import {
  type CallNextBody,
  type CallTicketBody,
  ClerkDesk,
  CounterActionResult,
  type DocumentsBody,
  type Message,
  type ParkBody,
  type PauseBody,
  ServiceSummary,
  type SessionUser,
  type StaffClientEvents,
  type StaffServerEvents,
  type StaffSnapshot,
  StaffTicket,
  type TransferBody,
  toAsciiDigits,
} from '@nobat/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { rest } from './rest.ts';
import { createActionRunner } from './runner.ts';

export type Notice = { kind: 'error' | 'info'; text: Message } | null;
export type Dialog = 'transfer' | 'pause' | 'park' | 'checkIn' | 'help' | null;

/** Each counter action and the body it takes (none where absent). */
export interface ActionBodies {
  'call-next': CallNextBody;
  call: CallTicketBody;
  unpark: CallTicketBody;
  recall: undefined;
  start: undefined;
  finish: undefined;
  'no-show': undefined;
  transfer: TransferBody;
  park: ParkBody;
  documents: DocumentsBody;
  pause: PauseBody;
  resume: undefined;
  close: undefined;
}

/** The server's call order for one counter, and the tickets it left out (not this counter's to call). */
interface Order {
  counterId: string;
  ids: string[];
  excluded: ReadonlySet<string>;
}

const Services = z.array(ServiceSummary);
const Queue = z.array(StaffTicket);

export function useDesk(user: SessionUser, onExpired: () => void) {
  const branchId = user.branchId ?? '';
  /** The desk as last read: branch name, priorities, the counters this clerk may staff. */
  const [desk, setDesk] = useState<ClerkDesk | null>(null);
  /** The counter this clerk holds, as the server said (on connect, or answering open). */
  const [heldId, setHeldId] = useState<string | null>(null);
  const [services, setServices] = useState<Map<string, ServiceSummary>>(new Map());
  const [order, setOrder] = useState<Order | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const expired = useRef(onExpired);
  expired.current = onExpired;
  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.unauthenticated) return expired.current();
    const text = err instanceof ApiError ? err.text : { fa: String(err), en: String(err) };
    setNotice({ kind: 'error', text });
  }, []);

  // The session cookie goes with the handshake. A server that closes the socket (signed out
  // elsewhere) is asked again, so that its refusal says why.
  const { live, online, refusal } = useBranchLive<StaffSnapshot, Socket<StaffServerEvents, StaffClientEvents>>(
    () => connectSocket('/counter', { auth: { branchId } }),
    branchId,
    { retryAfterServerClose: 500 },
  );
  useEffect(() => {
    if (refusal === 'unauthenticated') expired.current();
  }, [refusal]);

  /** What only the server knows, read on every (re)connect and when an action could not be heard live. */
  const load = useCallback(async () => {
    const [d, s] = await Promise.all([
      rest.get(ClerkDesk, '/api/v1/clerks/me/desk'),
      rest.get(Services, path('/api/v1/branches', branchId, 'services')),
    ]);
    setServices(new Map(s.map((x) => [x.id, x])));
    setDesk(d);
    setHeldId(d.counter?.id ?? null);
    if (d.counter) setOrder({ counterId: d.counter.id, ids: d.queue.map((t) => t.id), excluded: new Set() });
  }, [branchId]);
  useEffect(() => {
    if (online) load().catch(fail);
  }, [online, load, fail]);

  const view = live?.view;
  const counters = view?.counters ?? null;
  // A counter closed (by this clerk elsewhere, or a supervisor) is no longer held.
  const counter = counters?.find((c) => c.id === heldId && c.status !== 'closed') ?? null;
  const current = (counter && view?.serving?.find((t) => t.counterId === counter.id)) ?? null;
  const waiting = view?.waiting;
  const queue = useMemo(() => {
    if (!waiting || !counter || order?.counterId !== counter.id) return [];
    const byId = new Map(waiting.map((t) => [t.id, t]));
    return order.ids.flatMap((id) => byId.get(id) ?? []);
  }, [waiting, counter, order]);
  const parked = useMemo(
    () => (counter && view ? view.parked.filter((t) => t.counterId === counter.id) : []),
    [view, counter],
  );

  // A waiting ticket of this counter's sub-services that the server's order has not placed yet (a
  // new ticket, a transfer): the order is read again, once for all that arrived meanwhile.
  const ordering = useRef(false);
  useEffect(() => {
    if (!counter || !waiting || ordering.current) return;
    const mine = new Set(counter.services.map((s) => s.serviceId));
    const known = order?.counterId === counter.id ? order : null;
    const unplaced = waiting.filter(
      (t) => mine.has(t.serviceId) && !known?.ids.includes(t.id) && !known?.excluded.has(t.id),
    );
    if (known && unplaced.length === 0) return;
    ordering.current = true;
    const counterId = counter.id;
    rest
      .get(Queue, path('/api/v1/counters', counterId, 'queue'))
      .then((q) => {
        const ids = q.map((t) => t.id);
        const excluded = new Set(
          [...(known?.excluded ?? []), ...unplaced.map((t) => t.id)].filter((id) => !ids.includes(id)),
        );
        setOrder({ counterId, ids, excluded });
      }, fail)
      .finally(() => {
        ordering.current = false;
      });
  }, [counter, waiting, order, fail]);

  const runner = useMemo(createActionRunner, []);
  /** Runs a counter action; a repeat of a pending one is dropped (a double click calls one ticket). */
  const act = <N extends keyof ActionBodies>(
    name: N,
    body?: ActionBodies[N],
    then?: (r: CounterActionResult) => void,
  ) => {
    const counterId = counter?.id;
    if (!counterId) return;
    runner.push(name, async () => {
      try {
        const r = await rest.post(CounterActionResult, path('/api/v1/counters', counterId, name), body ?? {});
        setNotice(null);
        then?.(r);
      } catch (err) {
        fail(err);
      }
      // The change comes back as events while the socket is up; without it, the desk is read here.
      if (!online) await load().catch(fail);
    });
  };

  const take = async (counterId: string) => {
    try {
      await rest.post(CounterActionResult, path('/api/v1/counters', counterId, 'open'), {});
      setNotice(null);
      setHeldId(counterId);
    } catch (err) {
      fail(err);
    }
    if (!online) await load().catch(fail);
  };

  /** The ticket of this counter's queue or parked list with the number typed (Persian digits too). */
  const findTicket = (typed: string): StaffTicket | undefined => {
    const want = toAsciiDigits(typed).trim().toUpperCase();
    if (!want) return undefined;
    return [...queue, ...parked].find((x) => x.number.toUpperCase() === want);
  };

  return {
    desk,
    counters,
    counter,
    current,
    queue,
    parked,
    services,
    online,
    notice,
    setNotice,
    fail,
    act,
    take,
    findTicket,
    /** The desk is ready to show once the server's desk and the live branch are both in. */
    ready: desk !== null && counters !== null,
  };
}

export type DeskState = ReturnType<typeof useDesk>;
