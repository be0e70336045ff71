// The requests panel's state: the branch's requests back at the desk (returned: the visitor must
// bring something) and those with a response to deliver, a search by tracking code, and the one
// opened. Lists are read again when the server says a request changed (Socket.IO '/requests'), and
// after each of the desk's own moves.
import { connectSocket } from '@nobat/client';
import type { RequestSummary, RequestsServerEvents, RequestView } from '@nobat/protocol';
import { REQUESTS_NAMESPACE } from '@nobat/protocol';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { listRequests, requestOf } from './api.ts';
import { findQuery } from './format.ts';
import type { RequestWord } from './words.ts';

export type Found = { typed: string; list: RequestSummary[] } | { typed: string; problem: RequestWord } | null;

export function useRequests(onError: (err: unknown) => void) {
  const [returned, setReturned] = useState<RequestSummary[] | null>(null);
  const [responded, setResponded] = useState<RequestSummary[] | null>(null);
  const [found, setFound] = useState<Found>(null);
  const [open, setOpen] = useState<RequestView | null>(null);
  const openId = useRef<string | null>(null);
  openId.current = open?.id ?? null;
  const failed = useRef(onError);
  failed.current = onError;
  /** The last search, asked again with the lists (a row must not show a state the request has left). */
  const searched = useRef<{ typed: string; q: string } | null>(null);

  const reload = useCallback(async () => {
    try {
      const [r, d] = await Promise.all([
        listRequests({ state: 'returned', limit: 100 }),
        listRequests({ state: 'responded', limit: 100 }),
      ]);
      setReturned(r);
      setResponded(d);
      const last = searched.current;
      if (last) setFound({ typed: last.typed, list: await listRequests({ q: last.q, limit: 20 }) });
      const id = openId.current;
      if (id) setOpen(await requestOf(id));
    } catch (err) {
      failed.current(err);
    }
  }, []);

  useEffect(() => {
    void reload();
    // Live: a request of the branch made or moved anywhere. Without the namespace (an older server),
    // the lists are still read on opening and after each move here.
    const socket: Socket<RequestsServerEvents> = connectSocket(REQUESTS_NAMESPACE, { reconnectionDelayMax: 10_000 });
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket.on('request:changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 300);
    });
    return () => {
      clearTimeout(timer);
      socket.close();
    };
  }, [reload]);

  const find = async (typed: string) => {
    const query = findQuery(typed);
    searched.current = null;
    if (!query) return setFound(null);
    if ('problem' in query) return setFound({ typed, problem: query.problem });
    try {
      searched.current = { typed, q: query.q };
      const list = await listRequests({ q: query.q, limit: 20 });
      setFound({ typed, list });
      const only = list[0];
      if (list.length === 1 && only) await show(only.id);
    } catch (err) {
      failed.current(err);
    }
  };

  const show = async (id: string) => {
    try {
      setOpen(await requestOf(id));
    } catch (err) {
      failed.current(err);
    }
  };

  /** After a move here: the request as it is now, and the lists read again. */
  const moved = (view: RequestView) => {
    setOpen(view);
    void reload();
  };

  return { returned, responded, found, open, setOpen, find, show, moved, reload };
}

export type RequestsState = ReturnType<typeof useRequests>;
