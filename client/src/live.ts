// The small binding between a live connection and followBranch: every event goes through the fold,
// and on a gap the client asks for a fresh snapshot (`snapshot:request`) rather than reconnecting.
// While the answer is awaited, events are held and replayed over it (those it already holds are
// ignored by their versions). A server that cannot answer (an old one, or a timeout) gets a
// reconnect, which brings a snapshot too. Works over a socket.io-client Socket or the bridge's link.
import type { Ack } from '@nobat/protocol';
import {
  BRANCH_EVENTS,
  type BranchEvent,
  type BranchSnapshot,
  type Followed,
  followBranch,
  type Outcome,
} from './follow.ts';

/** What followLive needs of a connection. */
export interface LiveSource<S extends BranchSnapshot> {
  on(event: BranchEvent['type'], listener: (payload: unknown) => void): unknown;
  off(event: BranchEvent['type'], listener: (payload: unknown) => void): unknown;
  /** Asks for the namespace's snapshot again. */
  requestSnapshot(): Promise<S>;
  /** The last resort when no snapshot could be had: connect again (a connect brings one). */
  reconnect(): void;
}

export interface LiveChange<S extends BranchSnapshot> {
  state: Followed<S>;
  event: BranchEvent<S>;
  outcome: Outcome;
}

export interface Following {
  stop(): void;
  /** Asks for a fresh snapshot now (what no event announces: a branch closing by its hours). */
  refresh(): void;
}

/**
 * Follows a branch on `source`: `onChange` is called after every event that changed the state (and
 * after each snapshot).
 */
export function followLive<S extends BranchSnapshot>(
  source: LiveSource<S>,
  onChange: (change: LiveChange<S>) => void,
  opts: { onGap?: () => void } = {},
): Following {
  let state: Followed<S> | null = null;
  let resyncing = false;
  let held: BranchEvent<S>[] = [];
  let stopped = false;

  const handle = (event: BranchEvent<S>): void => {
    if (stopped) return;
    if (resyncing && event.type !== 'snapshot') {
      held.push(event);
      return;
    }
    const step = followBranch(state, event);
    if (step.outcome === 'gap') {
      opts.onGap?.();
      held = [event];
      resync();
      return;
    }
    if (event.type === 'snapshot') {
      // A reconnect's snapshot holds what was held meanwhile.
      resyncing = false;
      held = [];
    }
    state = step.state;
    if (step.outcome === 'applied' && state) onChange({ state, event, outcome: step.outcome });
  };

  const resync = (): void => {
    resyncing = true;
    source.requestSnapshot().then(
      (snapshot) => {
        if (stopped || !resyncing) return;
        resyncing = false;
        const replay = held;
        held = [];
        handle({ type: 'snapshot', payload: snapshot });
        for (const e of replay) handle(e);
      },
      () => {
        if (stopped || !resyncing) return;
        held = [];
        // resyncing stays on until the reconnect's snapshot arrives
        source.reconnect();
      },
    );
  };

  const listeners = BRANCH_EVENTS.map((type) => {
    const listener = (payload: unknown) => handle({ type, payload } as BranchEvent<S>);
    source.on(type, listener);
    return [type, listener] as const;
  });
  return {
    stop() {
      stopped = true;
      for (const [type, listener] of listeners) source.off(type, listener);
    },
    refresh() {
      if (!resyncing && state) resync();
    },
  };
}

/** The parts of a socket.io-client Socket that followLive uses (any namespace's typed socket fits). */
export interface SocketLike {
  // biome-ignore lint/suspicious/noExplicitAny: each namespace types its own events; only names are used here
  on(event: any, listener: any): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  off(event: any, listener: any): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  timeout(ms: number): { emitWithAck(event: any, ...args: any[]): Promise<unknown> };
  disconnect(): unknown;
  connect(): unknown;
}

/** A socket.io-client socket as a LiveSource: `snapshot:request` with an ack, else a reconnect. */
export function socketSource<S extends BranchSnapshot>(socket: SocketLike, timeoutMs = 5_000): LiveSource<S> {
  return {
    on: (event, listener) => socket.on(event, listener),
    off: (event, listener) => socket.off(event, listener),
    requestSnapshot: async () => {
      const answer = (await socket.timeout(timeoutMs).emitWithAck('snapshot:request', {})) as Ack<S>;
      if ('error' in answer) throw new Error(answer.error.code);
      return answer.data;
    },
    reconnect: () => {
      socket.disconnect();
      socket.connect();
    },
  };
}
