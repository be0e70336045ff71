// The centre's side of sync over a real SQLite store in a temp dir: batches merged into the mirror,
// refused on a gap or a difference, a closed day taking nothing more, and the link tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../domain/events.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { simulateDay } from '../testing/day-sim.ts';
import { T0 } from '../testing/harness.ts';
import { newBranchLink, SyncCentre } from './centre.ts';

const B = 'b1';
const DAY = '2026-11-22';
const log: StoredEvent[] = simulateDay({ seed: 3, start: T0 }).map((event, i) => ({ seq: i + 1, event }));
const batch = (from: number, to: number, final = false) => ({
  day: DAY,
  afterSeq: from,
  events: log.slice(from, to),
  final,
});

let dir: string;
let store: SqliteStore;
let centre: SyncCentre;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nobat-sync-centre-'));
  store = openSqliteStore(join(dir, 'nobat.sqlite'), { synchronous: 'normal' });
  centre = new SyncCentre({
    store,
    clock: () => T0,
    logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() },
  });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SyncCentre', () => {
  it('[SY3][SY4] merges batches with their seqs, skips resent events, refuses a gap with its seq', async () => {
    expect(await centre.receive(B, batch(0, 100))).toEqual({ data: { seq: 100, final: false } });
    expect(await centre.receive(B, batch(50, 150))).toEqual({ data: { seq: 150, final: false } });
    expect(await centre.receive(B, batch(200, 250))).toEqual({ error: { code: 'sync-gap', seq: 150 } });
    for (let from = 150; from < log.length; from += 500) {
      const to = Math.min(from + 500, log.length);
      expect(await centre.receive(B, batch(from, to))).toEqual({ data: { seq: to, final: false } });
    }
    expect(await store.readEvents(B, DAY, 0)).toEqual(log);
  });

  it('[SY5] a batch that differs from what the centre holds writes nothing', async () => {
    await centre.receive(B, batch(0, 10));
    const other = batch(5, 20);
    other.events = other.events.map((e) => (e.seq === 7 ? { seq: 7, event: { ...e.event, at: e.event.at + 1 } } : e));
    expect(await centre.receive(B, other)).toEqual({ error: { code: 'sync-diverged', seq: 7 } });
    expect(await store.readEvents(B, DAY, 0)).toEqual(log.slice(0, 10));
  });

  it('refuses a malformed batch', async () => {
    expect(await centre.receive(B, { day: 'yesterday', afterSeq: 0, events: [] })).toEqual({
      error: { code: 'invalid-input' },
    });
    expect(await centre.receive(B, { day: DAY, afterSeq: 0, events: [log[1]] })).toEqual({
      error: { code: 'invalid-input' },
    });
  });

  it('[SY9] a day closed by its branch server is final at the centre and takes nothing more', async () => {
    for (let from = 0; from < log.length; from += 500) {
      const to = Math.min(from + 500, log.length);
      const last = to === log.length;
      expect(await centre.receive(B, batch(from, to, last))).toEqual({ data: { seq: to, final: last } });
    }
    // A resend of what it has (a cursor lost at the branch) is answered as it is.
    expect(await centre.receive(B, batch(10, 20))).toEqual({ data: { seq: log.length, final: true } });
    expect(
      await centre.receive(B, {
        day: DAY,
        afterSeq: log.length,
        events: [{ seq: log.length + 1, event: log[0]?.event }],
      }),
    ).toEqual({
      error: { code: 'sync-diverged', seq: log.length },
    });
    await store.putRecord('branch-link', B, newBranchLink(B, new Date(T0).toISOString()).record, 0);
    await centre.refresh();
    expect(await centre.mayFinalise(B, DAY, log.length)).toBe(true);
    expect(await centre.mayFinalise(B, '2026-11-21', 5)).toBe(false);
  });

  it('[SY1][SY2] a link token is checked against its hash; the branch is then linked', async () => {
    const { record, token } = newBranchLink(B, new Date(T0).toISOString());
    expect(token.startsWith(`${B}.`)).toBe(true);
    expect(JSON.stringify(record)).not.toContain(token.slice(B.length + 1));
    expect(centre.isLinked(B)).toBe(false);
    await store.putRecord('branch-link', B, record, 0);
    await centre.refresh();
    expect(centre.isLinked(B)).toBe(true);
    expect(await centre.verify(token)).toBe(B);
    expect(await centre.verify(`${B}.${'x'.repeat(32)}`)).toBeUndefined();
    expect(await centre.verify(`b2.${token.slice(B.length + 1)}`)).toBeUndefined();
    expect(await centre.verify('no-dot')).toBeUndefined();
  });

  it('[SY6] a centre on its embedded store starting again shows the links it left connected as down from now', async () => {
    await store.putRecord('branch-link', B, newBranchLink(B, new Date(T0).toISOString()).record, 0);
    await store.putRecord('branch-link-state', B, { connected: true, since: T0 - 60_000, connection: 'old' }, 0);
    const onLinkChange = vi.fn();
    const again = new SyncCentre({
      store,
      clock: () => T0,
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() },
      onLinkChange,
    });
    await again.start();
    again.stop();
    expect(await again.linkState(B)).toEqual({ connected: false, since: T0, connection: null });
    expect(onLinkChange).toHaveBeenCalledWith(B, false);
  });
});
