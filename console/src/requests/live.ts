// A list of requests kept live over the Socket.IO namespace '/requests': every 'request:changed'
// (a request made or moved: its summary now) adds, updates or drops a row. Every connect (the first
// and each reconnect, when changes may have been missed) loads the list again; the changes received
// while that load was under way are applied on top of its answer (by version), never lost under it.
// While there is no live connection (the server unreachable, a proxy that drops WebSockets), the list
// is read again every half minute, so an inbox left open is never stale for long.
import { connectSocket } from '@nobat/client';
import { REQUESTS_NAMESPACE, RequestSummary, type RequestsServerEvents } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { applyChange, reconcile } from './model.ts';

/** How often a list is read again while the live connection is down. */
const OFFLINE_RELOAD_MS = 30_000;

export type RequestsSocket = Socket<RequestsServerEvents, Record<string, never>>;

/** Opens the namespace (the session cookie says who; a branch for admins, who have none of their own). */
export const openRequestsSocket = (branchId: string | null): RequestsSocket =>
  connectSocket(REQUESTS_NAMESPACE, { auth: branchId ? { branchId } : {} });

/** Follows 'request:changed' on a socket of its own; `onChange` gets each summary, parsed. */
export function useRequestChanges(
  branchId: string | null,
  onChange: (s: RequestSummary) => void,
  onConnect?: () => void,
): { online: boolean } {
  const [online, setOnline] = useState(false);
  const handlers = useRef({ onChange, onConnect });
  handlers.current = { onChange, onConnect };
  useEffect(() => {
    const socket = openRequestsSocket(branchId);
    socket.on('connect', () => {
      setOnline(true);
      handlers.current.onConnect?.();
    });
    socket.on('disconnect', () => setOnline(false));
    socket.on('connect_error', () => setOnline(false));
    socket.on('request:changed', (payload: unknown) => {
      const parsed = RequestSummary.safeParse(payload);
      if (parsed.success) handlers.current.onChange(parsed.data);
    });
    return () => {
      socket.close();
    };
  }, [branchId]);
  return { online };
}

export interface LiveList {
  rows: RequestSummary[];
  error: unknown;
  loading: boolean;
  online: boolean;
  reload: () => void;
}

/**
 * A list loaded by `load` (again whenever `key` changes, and on every connect) and kept live:
 * `keeps` says whether a changed request belongs in it; `addNew` false only updates or drops rows
 * (a search the client cannot match itself).
 */
export function useLiveList(
  load: () => Promise<RequestSummary[]>,
  opts: { key: string; branchId: string | null; keeps: (s: RequestSummary) => boolean; addNew?: boolean },
): LiveList {
  const [rows, setRows] = useState<RequestSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  /** Changes received since the current load began. */
  const pending = useRef(new Map<string, RequestSummary>());
  const current = useRef(opts);
  current.current = opts;

  const reload = () => {
    const mine = ++generation.current;
    pending.current = new Map();
    setLoading(true);
    load().then(
      (list) => {
        if (mine !== generation.current) return;
        const { keeps, addNew } = current.current;
        setRows(reconcile(list, pending.current.values(), keeps, addNew !== false));
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(err);
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    setRows([]);
    reload();
  }, [opts.key]);

  const live = useRequestChanges(
    opts.branchId,
    (s) => {
      pending.current.set(s.id, s);
      const { keeps, addNew } = current.current;
      setRows((list) => applyChange(list, s, keeps, addNew !== false));
    },
    // A reconnect may have missed changes: read the list again (the first connect too: it may have
    // come after the first load began).
    () => reload(),
  );
  useEffect(() => {
    if (live.online) return;
    const timer = setInterval(reload, OFFLINE_RELOAD_MS);
    return () => clearInterval(timer);
  }, [live.online, opts.key]);
  return { rows, error, loading, online: live.online, reload };
}
