// useBranchLive: a screen's view of its branch, followed over its socket with followBranch (through
// followLive: a gap asks for a fresh snapshot). Also whether the socket is up, and why the server
// refused it, for the screen's own banner. The screen opens the socket (its namespace and auth); the
// hook follows it and closes it when the screen goes or `key` changes.
import { handshakeCode } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BranchSnapshot, Followed } from '../follow.ts';
import { type Following, followLive, type LiveChange, type SocketLike, socketSource } from '../live.ts';

export interface LiveSocket extends SocketLike {
  readonly connected: boolean;
  close(): unknown;
}

export interface BranchLive<S extends BranchSnapshot, K extends LiveSocket> {
  /** The branch as followed so far; null until the first snapshot. */
  live: Followed<S> | null;
  online: boolean;
  /** The code the server refused the handshake with (`unauthenticated`, …), until it accepts. */
  refusal: string | null;
  /** The socket, for requests of the screen's own (null before it is opened). */
  socket: K | null;
  /** Asks for a fresh snapshot now. */
  refresh: () => void;
}

export interface BranchLiveOptions<S extends BranchSnapshot> {
  /** Called for each change as it is applied (a live call to announce, a ticket to react to). */
  onChange?: (change: LiveChange<S>) => void;
  /** A server that closes the socket (a session signed out) is asked again after this many ms, to learn why. */
  retryAfterServerClose?: number;
}

/**
 * Follows the branch on the socket `open` makes (none while `open` is null). `key` names the
 * connection: when it changes, the old socket is closed and a new one opened.
 */
export function useBranchLive<S extends BranchSnapshot, K extends LiveSocket>(
  open: (() => K) | null,
  key: string,
  opts: BranchLiveOptions<S> = {},
): BranchLive<S, K> {
  const [live, setLive] = useState<Followed<S> | null>(null);
  const [online, setOnline] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [socket, setSocket] = useState<K | null>(null);
  const following = useRef<Following | null>(null);
  const options = useRef(opts);
  options.current = opts;
  const enabled = open !== null;

  // `key` names the connection; `open` is read when it changes.
  useEffect(() => {
    if (!open) return;
    const s = open();
    setSocket(s);
    s.on('connect', () => {
      setOnline(true);
      setRefusal(null);
    });
    s.on('disconnect', (reason: string) => {
      setOnline(false);
      const retry = options.current.retryAfterServerClose;
      if (reason === 'io server disconnect' && retry !== undefined) setTimeout(() => s.connect(), retry);
    });
    s.on('connect_error', (err: Error) => {
      setOnline(false);
      setRefusal(handshakeCode(err) ?? null);
    });
    const f = followLive<S>(socketSource(s), (change) => {
      setLive(change.state);
      options.current.onChange?.(change);
    });
    following.current = f;
    return () => {
      f.stop();
      following.current = null;
      s.close();
      setSocket(null);
    };
  }, [key, enabled]);

  return { live, online, refusal, socket, refresh: () => following.current?.refresh() };
}
