// Upward sync, pure (server/SPEC.md SY3–SY7): how the centre merges a batch of a branch-day's events
// into the copy it holds, and how a branch's link comes and goes (and what outage that leaves). No I/O,
// no clock: the services pass the events they read and the times they saw.
import type { DomainEvent, StoredEvent } from './events.ts';

export interface SyncBatch {
  afterSeq: number;
  events: readonly StoredEvent[];
}

export type MergeDecision =
  /** [SY3] Append `events` (possibly none: every one was already held) on top of `expectedVersion`. */
  | { kind: 'append'; expectedVersion: number; events: DomainEvent[]; skipped: number; seq: number }
  /** [SY4] The batch starts past the centre's end: nothing written; the branch resends from `have`. */
  | { kind: 'gap'; have: number }
  /** [SY5] The centre holds a different event at `seq`: nothing written. */
  | { kind: 'diverged'; seq: number }
  /** The batch's seqs are not afterSeq+1, +2, …: nothing written. */
  | { kind: 'invalid'; detail: string };

/**
 * [SY3][SY4][SY5] Merges a batch into the centre's copy of a day. `have` is the seq of the centre's last
 * event; `held` are the centre's events with seq > batch.afterSeq (only those up to `have` matter).
 * Events the centre holds are checked equal and skipped; the rest are appended with the seq they came
 * with, so the centre's log is the branch's, seq for seq.
 */
export function mergeBatch(have: number, held: readonly StoredEvent[], batch: SyncBatch): MergeDecision {
  for (let i = 0; i < batch.events.length; i++) {
    const seq = batch.events[i]?.seq;
    if (seq !== batch.afterSeq + 1 + i) {
      return { kind: 'invalid', detail: `event ${i} has seq ${seq}, expected ${batch.afterSeq + 1 + i}` };
    }
  }
  if (batch.afterSeq > have) return { kind: 'gap', have };
  const bySeq = new Map(held.map((e) => [e.seq, e.event]));
  const fresh: DomainEvent[] = [];
  let skipped = 0;
  for (const e of batch.events) {
    if (e.seq <= have) {
      const mine = bySeq.get(e.seq);
      if (mine === undefined || canonical(mine) !== canonical(e.event)) return { kind: 'diverged', seq: e.seq };
      skipped++;
    } else fresh.push(e.event);
  }
  return {
    kind: 'append',
    expectedVersion: have,
    events: fresh,
    skipped,
    seq: Math.max(have, batch.afterSeq + batch.events.length),
  };
}

/** JSON with keys sorted at every level: two events are equal when these are. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** [SY6] A branch's link at the centre. `connection` names the socket that holds it now. */
export interface LinkState {
  connected: boolean;
  /** Epoch ms the link came up (connected) or went down. */
  since: number;
  connection: string | null;
}

/** [SY7] A finished outage: the link was down from `from` to `to`. */
export interface Outage {
  from: number;
  to: number;
  durationMs: number;
}

/**
 * [SY6][SY7] A branch server connected (socket `connection`) at `at`. Coming back after being down
 * closes an outage; a first connection, or a new socket while another still counts as up (the branch
 * reconnected before the old socket's end was seen), does not.
 */
export function linkUp(
  prev: LinkState | undefined,
  connection: string,
  at: number,
): { next: LinkState; outage?: Outage } {
  if (prev && !prev.connected) {
    const from = prev.since;
    const to = Math.max(at, from);
    return { next: { connected: true, since: at, connection }, outage: { from, to, durationMs: to - from } };
  }
  return { next: { connected: true, since: prev?.connected ? prev.since : at, connection } };
}

/**
 * [SY6] Socket `connection` ended at `at`. Only the socket that holds the link takes it down: the end
 * of an older one, seen after the branch had already reconnected, changes nothing (undefined).
 */
export function linkDown(prev: LinkState | undefined, connection: string, at: number): LinkState | undefined {
  if (!prev?.connected || prev.connection !== connection) return undefined;
  return { connected: false, since: at, connection: null };
}

/** [SY9] Whether the branch may drop a past day from its live store: the centre has it whole and closed. */
export function syncedWhole(cursor: { seq: number; final: boolean } | undefined, logSeq: number): boolean {
  return cursor?.final === true && cursor.seq >= logSeq;
}
