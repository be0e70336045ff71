import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateDay } from '../testing/day-sim.ts';
import { T0 } from '../testing/harness.ts';
import type { StoredEvent } from './events.ts';
import { canonical, linkDown, linkUp, mergeBatch, syncedWhole } from './sync.ts';

const log: StoredEvent[] = simulateDay({ seed: 7, start: T0 }).map((event, i) => ({ seq: i + 1, event }));
const slice = (from: number, to: number) => log.slice(from, to);

/** The centre's copy as a merge leaves it: appended events get the seqs that follow. */
function apply(copy: StoredEvent[], afterSeq: number, events: StoredEvent[]) {
  const have = copy.length;
  const d = mergeBatch(
    have,
    copy.filter((e) => e.seq > afterSeq),
    { afterSeq, events },
  );
  if (d.kind === 'append') {
    expect(d.expectedVersion).toBe(have);
    d.events.forEach((event, i) => {
      copy.push({ seq: have + 1 + i, event });
    });
  }
  return d;
}

describe('mergeBatch', () => {
  it('[SY3] appends a batch into an empty copy with the seqs it came with', () => {
    const copy: StoredEvent[] = [];
    expect(apply(copy, 0, slice(0, 50))).toMatchObject({ kind: 'append', skipped: 0, seq: 50 });
    expect(copy).toEqual(slice(0, 50));
  });

  it('[SY3] skips events it already holds (checked equal, keys in any order) and appends only the rest', () => {
    const copy = slice(0, 30);
    const resent = slice(20, 45).map((e) => ({
      seq: e.seq,
      event: Object.fromEntries(Object.entries(e.event).reverse()) as StoredEvent['event'],
    }));
    expect(apply(copy, 20, resent)).toMatchObject({ kind: 'append', skipped: 10, seq: 45 });
    expect(copy).toEqual(slice(0, 45));
    // The same batch once more: nothing new, nothing doubled.
    expect(apply(copy, 20, resent)).toMatchObject({ kind: 'append', events: [], skipped: 25, seq: 45 });
    expect(copy).toEqual(slice(0, 45));
  });

  it('[SY4] refuses a batch that starts past the copy, saying how far the copy goes', () => {
    const copy = slice(0, 10);
    expect(apply(copy, 12, slice(12, 20))).toEqual({ kind: 'gap', have: 10 });
    expect(copy).toEqual(slice(0, 10));
  });

  it('[SY5] refuses, writing nothing, a batch whose event differs from the one held at its seq', () => {
    const copy = slice(0, 10);
    const other = slice(5, 15).map((e) => (e.seq === 8 ? { seq: 8, event: { ...e.event, at: e.event.at + 1 } } : e));
    expect(apply(copy, 5, other)).toEqual({ kind: 'diverged', seq: 8 });
    expect(copy).toEqual(slice(0, 10));
  });

  it('refuses seqs that are not afterSeq+1, +2, …', () => {
    expect(mergeBatch(0, [], { afterSeq: 0, events: [log[1] as StoredEvent] })).toMatchObject({ kind: 'invalid' });
    expect(mergeBatch(0, [], { afterSeq: 0, events: [log[0] as StoredEvent, log[2] as StoredEvent] })).toMatchObject({
      kind: 'invalid',
    });
  });

  it('[SY3][SY4] a branch whose acks are lost and whose cursor goes back converges to its log, nothing doubled', () => {
    // A sender with a cursor: each step sends a batch from the cursor; the ack may be lost (cursor
    // stays), or the cursor may be set back (a restored file) or forward (a corrupt one: the gap answer
    // brings it back). Whatever the steps, once it sends to the end with acks, the copy is the log.
    const step = fc.record({
      size: fc.integer({ min: 1, max: 200 }),
      ackLost: fc.boolean(),
      jump: fc.integer({ min: -50, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const copy: StoredEvent[] = [];
        let cursor = 0;
        const send = (size: number, ackLost: boolean) => {
          const d = apply(copy, cursor, slice(cursor, cursor + size));
          if (ackLost) return;
          if (d.kind === 'append') cursor = d.seq;
          else if (d.kind === 'gap') cursor = d.have;
          else throw new Error(`unexpected ${d.kind}`);
        };
        for (const s of steps) {
          cursor = Math.max(0, Math.min(log.length, cursor + s.jump));
          send(s.size, s.ackLost);
        }
        for (let i = 0; cursor < log.length && i < log.length + 2; i++) send(500, false);
        expect(copy).toEqual(log);
      }),
      { numRuns: 200 },
    );
  });

  it('canonical is the same for equal values, different for different ones', () => {
    expect(canonical({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(canonical({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: 2 }));
  });
});

describe('link state and outages', () => {
  it('[SY6] a first connection is up, with no outage', () => {
    expect(linkUp(undefined, 's1', 1_000)).toEqual({ next: { connected: true, since: 1_000, connection: 's1' } });
  });

  it('[SY6][SY7] down then up again closes an outage with its duration', () => {
    const up = linkUp(undefined, 's1', 1_000).next;
    const down = linkDown(up, 's1', 5_000);
    expect(down).toEqual({ connected: false, since: 5_000, connection: null });
    expect(linkUp(down, 's2', 65_000)).toEqual({
      next: { connected: true, since: 65_000, connection: 's2' },
      outage: { from: 5_000, to: 65_000, durationMs: 60_000 },
    });
  });

  it('[SY6] the end of an old socket seen after the branch reconnected changes nothing', () => {
    const first = linkUp(undefined, 's1', 1_000).next;
    // The branch came back on a new socket before the centre saw the old one end.
    const second = linkUp(first, 's2', 2_000);
    expect(second).toEqual({ next: { connected: true, since: 1_000, connection: 's2' } });
    expect(linkDown(second.next, 's1', 3_000)).toBeUndefined();
    expect(linkDown(second.next, 's2', 4_000)).toEqual({ connected: false, since: 4_000, connection: null });
  });

  it('[SY6] going down twice keeps the first time it went down', () => {
    const down = linkDown(linkUp(undefined, 's1', 1_000).next, 's1', 2_000);
    expect(linkDown(down, 's1', 3_000)).toBeUndefined();
  });

  it('[SY7] a clock that went back never gives a negative duration', () => {
    const down = { connected: false, since: 5_000, connection: null };
    expect(linkUp(down, 's2', 4_000).outage).toEqual({ from: 5_000, to: 5_000, durationMs: 0 });
  });
});

describe('syncedWhole', () => {
  it('[SY9] a past day may leave the branch only when the centre has it whole and closed', () => {
    expect(syncedWhole(undefined, 10)).toBe(false);
    expect(syncedWhole({ seq: 10, final: false }, 10)).toBe(false);
    expect(syncedWhole({ seq: 9, final: true }, 10)).toBe(false);
    expect(syncedWhole({ seq: 10, final: true }, 10)).toBe(true);
  });
});
