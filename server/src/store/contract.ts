// What every Store adapter must do, as one vitest suite each adapter's test file registers. Tests use
// fresh branch and record ids, so they share one backend without depending on each other.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/events.ts';
import type { AuditInput, RecordKind, Store } from './port.ts';

/**
 * @param makeStore opens a new store over the SAME data on every call (the reopen and race tests rely
 * on it), with `clock` as its time for record expiry when given.
 * @param cleanup runs once after the suite, when every store it opened is closed.
 */
export function registerStoreContract(
  name: string,
  makeStore: (opts?: { clock?: () => number }) => Promise<Store>,
  cleanup?: () => Promise<void>,
): void {
  describe(`[S1] Store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const DAY = '2025-03-21';
    const branch = () => `br-${randomUUID()}`;

    describe('event log', () => {
      it('reads an empty log as [] and lists no days', async () => {
        const b = branch();
        expect(await store.readEvents(b, DAY, 0)).toEqual([]);
        expect(await store.listDays(b)).toEqual([]);
      });

      it('appends to version 0 and reads back the same events as seq 1..n', async () => {
        const b = branch();
        const events = sampleEvents();
        expect(await store.appendEvents(b, DAY, 0, events)).toEqual({ ok: true, version: events.length });
        const read = await store.readEvents(b, DAY, 0);
        expect(read.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(read.map((e) => e.event)).toStrictEqual(events);
      });

      it('continues the seq across appends and reads only events after afterSeq', async () => {
        const b = branch();
        const [first, second, third, fourth] = sampleEvents();
        await store.appendEvents(b, DAY, 0, [first as DomainEvent, second as DomainEvent]);
        expect(await store.appendEvents(b, DAY, 2, [third as DomainEvent, fourth as DomainEvent])).toEqual({
          ok: true,
          version: 4,
        });
        expect(await store.readEvents(b, DAY, 2)).toStrictEqual([
          { seq: 3, event: third },
          { seq: 4, event: fourth },
        ]);
        expect(await store.readEvents(b, DAY, 3)).toStrictEqual([{ seq: 4, event: fourth }]);
        expect(await store.readEvents(b, DAY, 4)).toEqual([]);
        expect(await store.readEvents(b, DAY, 99)).toEqual([]);
      });

      it('[S2] refuses a stale or ahead expectedVersion, writes nothing and reports the current version', async () => {
        const b = branch();
        await store.appendEvents(b, DAY, 0, [opened(1), opened(2)]);
        expect(await store.appendEvents(b, DAY, 1, [opened(3)])).toEqual({ ok: false, version: 2 });
        expect(await store.appendEvents(b, DAY, 0, [opened(3)])).toEqual({ ok: false, version: 2 });
        expect(await store.appendEvents(b, DAY, 5, [opened(3)])).toEqual({ ok: false, version: 2 });
        expect(await store.appendEvents(branch(), DAY, 1, [opened(3)])).toEqual({ ok: false, version: 0 });
        expect((await store.readEvents(b, DAY, 0)).map((e) => e.event.at)).toEqual([1, 2]);
      });

      it('rejects a negative or fractional version as a caller error', async () => {
        const b = branch();
        await expect(store.appendEvents(b, DAY, -1, [opened(1)])).rejects.toThrow(RangeError);
        await expect(store.appendEvents(b, DAY, 0.5, [opened(1)])).rejects.toThrow(RangeError);
        await expect(store.readEvents(b, DAY, -1)).rejects.toThrow(RangeError);
        expect(await store.readEvents(b, DAY, 0)).toEqual([]);
      });

      it('treats an empty batch as a version check that writes nothing', async () => {
        const b = branch();
        expect(await store.appendEvents(b, DAY, 0, [])).toEqual({ ok: true, version: 0 });
        expect(await store.listDays(b)).toEqual([]);
        await store.appendEvents(b, DAY, 0, [opened(1)]);
        expect(await store.appendEvents(b, DAY, 1, [])).toEqual({ ok: true, version: 1 });
        expect(await store.appendEvents(b, DAY, 0, [])).toEqual({ ok: false, version: 1 });
      });

      it('keeps the logs of different branches and different days apart', async () => {
        const [a, b] = [branch(), branch()];
        await store.appendEvents(a, '2025-03-21', 0, [opened(1)]);
        await store.appendEvents(a, '2025-03-22', 0, [opened(2), opened(3)]);
        await store.appendEvents(b, '2025-03-21', 0, [opened(4), opened(5), opened(6)]);
        const ats = async (br: string, day: string) => (await store.readEvents(br, day, 0)).map((e) => e.event.at);
        expect(await ats(a, '2025-03-21')).toEqual([1]);
        expect(await ats(a, '2025-03-22')).toEqual([2, 3]);
        expect(await ats(b, '2025-03-21')).toEqual([4, 5, 6]);
        expect(await ats(b, '2025-03-22')).toEqual([]);
        expect(await store.appendEvents(a, '2025-03-22', 2, [opened(7)])).toEqual({ ok: true, version: 3 });
        expect(await store.listDays(b)).toEqual(['2025-03-21']);
      });

      it('lists days ascending, each once, whatever the order they were written in', async () => {
        const b = branch();
        for (const day of ['2025-03-10', '2024-12-31', '2025-01-02']) await store.appendEvents(b, day, 0, [opened(1)]);
        await store.appendEvents(b, '2024-12-31', 1, [opened(2)]);
        expect(await store.listDays(b)).toEqual(['2024-12-31', '2025-01-02', '2025-03-10']);
      });

      it('[H6] drops a branch-day: it reads as empty and is no longer listed; other days and branches stay', async () => {
        const [a, b] = [branch(), branch()];
        await store.appendEvents(a, '2025-03-20', 0, [opened(1), opened(2)]);
        await store.appendEvents(a, '2025-03-21', 0, [opened(3)]);
        await store.appendEvents(b, '2025-03-20', 0, [opened(4)]);
        expect(await store.dropDay(a, '2025-03-20')).toBe(true);
        expect(await store.readEvents(a, '2025-03-20', 0)).toEqual([]);
        expect(await store.listDays(a)).toEqual(['2025-03-21']);
        expect((await store.readEvents(a, '2025-03-21', 0)).map((e) => e.event.at)).toEqual([3]);
        expect((await store.readEvents(b, '2025-03-20', 0)).map((e) => e.event.at)).toEqual([4]);
        expect(await store.listDays(b)).toEqual(['2025-03-20']);
        expect(await store.dropDay(a, '2025-03-20')).toBe(false);
        expect(await store.dropDay(branch(), '2025-03-20')).toBe(false);
        // The day may be written afresh (from version 0) after it was dropped.
        expect(await store.appendEvents(a, '2025-03-20', 0, [opened(5)])).toEqual({ ok: true, version: 1 });
        expect(await store.listDays(a)).toEqual(['2025-03-20', '2025-03-21']);
      });

      it('[H6][S2] drops a day with a version only while the log still has that version', async () => {
        const b = branch();
        await store.appendEvents(b, DAY, 0, [opened(1), opened(2)]);
        expect(await store.dropDay(b, DAY, 1)).toBe(false);
        expect(await store.readEvents(b, DAY, 0)).toHaveLength(2);
        expect(await store.listDays(b)).toEqual([DAY]);
        await expect(store.dropDay(b, DAY, -1)).rejects.toThrow(RangeError);
        expect(await store.dropDay(b, DAY, 2)).toBe(true);
        expect(await store.listDays(b)).toEqual([]);
        expect(await store.dropDay(b, DAY, 0)).toBe(false);
      });

      it('round-trips events exactly: nested objects, Persian text, absent optional fields stay absent', async () => {
        const b = branch();
        const events = sampleEvents();
        await store.appendEvents(b, DAY, 0, events);
        const read = (await store.readEvents(b, DAY, 0)).map((e) => e.event);
        expect(read).toStrictEqual(events);
        expect(JSON.stringify(read)).toBe(JSON.stringify(events));
        const transferred = read.find((e) => e.type === 'Transferred');
        expect(transferred && 'toCounterId' in transferred).toBe(false);
        const issued = read.find((e) => e.type === 'TicketIssued');
        expect(issued && 'appointmentAt' in issued).toBe(false);
      });

      it('[S2] writes a batch all or nothing', async () => {
        const b = branch();
        await store.appendEvents(b, DAY, 0, [opened(1)]);
        // A BigInt has no JSON form, so the third event fails after the first two were prepared.
        const poisoned = { ...opened(4), at: 4n } as unknown as DomainEvent;
        await expect(store.appendEvents(b, DAY, 1, [opened(2), opened(3), poisoned])).rejects.toThrow();
        expect((await store.readEvents(b, DAY, 0)).map((e) => e.seq)).toEqual([1]);
        expect(await store.appendEvents(b, DAY, 1, [opened(2)])).toEqual({ ok: true, version: 2 });
      });

      it('appends a large batch in one go', async () => {
        const b = branch();
        const events = Array.from({ length: 1000 }, (_, i) => opened(i));
        expect(await store.appendEvents(b, DAY, 0, events)).toEqual({ ok: true, version: 1000 });
        const tail = await store.readEvents(b, DAY, 990);
        expect(tail.map((e) => e.seq)).toEqual([991, 992, 993, 994, 995, 996, 997, 998, 999, 1000]);
      });

      it('[S13] reads a log longer than a read page whole and in order, from its start or from the middle of a page', async () => {
        const b = branch();
        const total = 2_345; // more than two pages of the Redis store (READ_PAGE 1,000)
        for (let at = 0; at < total; at += 500) {
          const batch = Array.from({ length: Math.min(500, total - at) }, (_, i) => opened(at + i));
          expect((await store.appendEvents(b, DAY, at, batch)).ok).toBe(true);
        }
        const all = await store.readEvents(b, DAY, 0);
        expect(all.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(all.at(-1)?.event).toEqual(opened(total - 1));
        const rest = await store.readEvents(b, DAY, 1_234);
        expect(rest.map((e) => e.seq)).toEqual(Array.from({ length: total - 1_234 }, (_, i) => 1_235 + i));
        expect(await store.readEvents(b, DAY, 2_000)).toHaveLength(total - 2_000);
        expect(await store.readEvents(b, DAY, total)).toEqual([]);
      });

      it('[S2] lets exactly one of 50 racing appends on the same version win, leaving no gaps', async () => {
        const b = branch();
        await store.appendEvents(b, DAY, 0, [opened(0)]);
        // Spread the race over several connections so it is real where the backend allows it.
        const others = await Promise.all([makeStore(), makeStore(), makeStore()]);
        const stores = [store, ...others];
        try {
          const results = await Promise.all(
            Array.from({ length: 50 }, (_, i) =>
              (stores[i % stores.length] as Store).appendEvents(b, DAY, 1, [opened(100 + i), opened(200 + i)]),
            ),
          );
          const winners = results.filter((r) => r.ok);
          expect(winners).toEqual([{ ok: true, version: 3 }]);
          expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 49 }, () => ({ ok: false, version: 3 })));
          const log = await store.readEvents(b, DAY, 0);
          expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
          const winner = results.indexOf(winners[0] as (typeof results)[number]);
          expect(log.map((e) => e.event.at)).toEqual([0, 100 + winner, 200 + winner]);
        } finally {
          await Promise.all(others.map((s) => s.close()));
        }
      });
    });

    describe('records', () => {
      const kind: RecordKind = 'branch';
      const id = () => `rec-${randomUUID()}`;
      const value = { name: 'شعبه مرکزی تهران', counters: [{ id: 'c1', label: 'باجه ۱' }], open: true };

      it('creates with expectedVersion 0 and refuses a second create', async () => {
        const r = id();
        expect(await store.putRecord(kind, r, value, 0)).toEqual({ ok: true, version: 1 });
        expect(await store.getRecord(kind, r)).toStrictEqual({ id: r, version: 1, value });
        expect(await store.putRecord(kind, r, { other: true }, 0)).toEqual({ ok: false, version: 1 });
        expect(await store.getRecord(kind, r)).toStrictEqual({ id: r, version: 1, value });
      });

      it('updates with the right version only', async () => {
        const r = id();
        await store.putRecord(kind, r, value, 0);
        const changed = { ...value, open: false };
        expect(await store.putRecord(kind, r, changed, 1)).toEqual({ ok: true, version: 2 });
        expect(await store.putRecord(kind, r, value, 1)).toEqual({ ok: false, version: 2 });
        expect(await store.putRecord(kind, r, value, 3)).toEqual({ ok: false, version: 2 });
        expect(await store.putRecord(kind, id(), value, 1)).toEqual({ ok: false, version: 0 });
        expect(await store.getRecord(kind, r)).toStrictEqual({ id: r, version: 2, value: changed });
      });

      it('returns undefined for a missing record', async () => {
        expect(await store.getRecord(kind, id())).toBeUndefined();
      });

      it('keeps kinds apart and lists a kind ordered by id', async () => {
        const prefix = `list-${randomUUID()}`;
        await store.putRecord(kind, `${prefix}-b`, { n: 2 }, 0);
        await store.putRecord(kind, `${prefix}-a`, { n: 1 }, 0);
        await store.putRecord(kind, `${prefix}-c`, { n: 3 }, 0);
        await store.putRecord(kind, `${prefix}-a`, { n: 11 }, 1);
        await store.putRecord('user', `${prefix}-u`, { n: 4 }, 0);
        const mine = (await store.listRecords(kind)).filter((r) => r.id.startsWith(prefix));
        expect(mine).toStrictEqual([
          { id: `${prefix}-a`, version: 2, value: { n: 11 } },
          { id: `${prefix}-b`, version: 1, value: { n: 2 } },
          { id: `${prefix}-c`, version: 1, value: { n: 3 } },
        ]);
        expect(await store.getRecord('user', `${prefix}-a`)).toBeUndefined();
      });

      it("[BB1] keeps a bridge's bus report under its device id apart from its device record", async () => {
        const r = id();
        const report = { branchId: 'b', receivedAt: '2026-01-05T08:00:00.000Z', report: { at: 'x', buses: [] } };
        await store.putRecord('device', r, { kind: 'bridge' }, 0);
        expect(await store.putRecord('bus-report', r, report, 0)).toEqual({ ok: true, version: 1 });
        expect(await store.putRecord('bus-report', r, { ...report, receivedAt: 'later' }, 1)).toEqual({
          ok: true,
          version: 2,
        });
        expect(await store.getRecord('bus-report', r)).toStrictEqual({
          id: r,
          version: 2,
          value: { ...report, receivedAt: 'later' },
        });
        expect(await store.getRecord('device', r)).toStrictEqual({ id: r, version: 1, value: { kind: 'bridge' } });
      });

      it('deletes: true, then false, and the id can be created afresh', async () => {
        const r = id();
        await store.putRecord(kind, r, value, 0);
        await store.putRecord(kind, r, value, 1);
        expect(await store.deleteRecord(kind, r)).toBe(true);
        expect(await store.deleteRecord(kind, r)).toBe(false);
        expect(await store.getRecord(kind, r)).toBeUndefined();
        expect(await store.putRecord(kind, r, value, 0)).toEqual({ ok: true, version: 1 });
      });
    });

    describe('records that expire', () => {
      const kind: RecordKind = 'session';
      const id = () => `exp-${randomUUID()}`;
      let now = 1_800_000_000_000;
      let timed: Store;
      beforeAll(async () => {
        timed = await makeStore({ clock: () => now });
      });
      afterAll(async () => {
        await timed?.close();
      });

      it('is there until expiresAt and gone from then on, for get, list and delete alike', async () => {
        const [a, b] = [id(), id()];
        expect(await timed.putRecord(kind, a, { n: 1 }, 0, { expiresAt: now + 1000 })).toEqual({
          ok: true,
          version: 1,
        });
        expect(await timed.putRecord(kind, b, { n: 2 }, 0, { expiresAt: now + 1000 })).toEqual({
          ok: true,
          version: 1,
        });
        now += 999;
        expect(await timed.getRecord(kind, a)).toStrictEqual({ id: a, version: 1, value: { n: 1 } });
        expect((await timed.listRecords(kind)).map((r) => r.id)).toEqual(expect.arrayContaining([a, b]));
        now += 1;
        expect(await timed.getRecord(kind, a)).toBeUndefined();
        expect((await timed.listRecords(kind)).map((r) => r.id)).not.toEqual(expect.arrayContaining([a]));
        expect(await timed.deleteRecord(kind, b)).toBe(false);
        // Gone means absent: the id is created afresh, at version 1, and no stale version is asked for.
        expect(await timed.putRecord(kind, a, { n: 3 }, 1)).toEqual({ ok: false, version: 0 });
        expect(await timed.putRecord(kind, a, { n: 3 }, 0)).toEqual({ ok: true, version: 1 });
        expect(await timed.getRecord(kind, a)).toStrictEqual({ id: a, version: 1, value: { n: 3 } });
      });

      it('holds for one write: an update may move it, and a write without it makes the record lasting', async () => {
        const r = id();
        await timed.putRecord(kind, r, { n: 1 }, 0, { expiresAt: now + 1000 });
        expect(await timed.putRecord(kind, r, { n: 2 }, 1, { expiresAt: now + 5000 })).toEqual({
          ok: true,
          version: 2,
        });
        now += 2000;
        expect(await timed.getRecord(kind, r)).toStrictEqual({ id: r, version: 2, value: { n: 2 } });
        expect(await timed.putRecord(kind, r, { n: 3 }, 2)).toEqual({ ok: true, version: 3 });
        now += 1_000_000;
        expect(await timed.getRecord(kind, r)).toStrictEqual({ id: r, version: 3, value: { n: 3 } });
        expect(await timed.deleteRecord(kind, r)).toBe(true);
      });

      it('is seen expired by another store over the same data, and a record without expiry is untouched', async () => {
        const [short, lasting] = [id(), id()];
        await timed.putRecord(kind, short, { n: 1 }, 0, { expiresAt: now + 10 });
        await timed.putRecord(kind, lasting, { n: 2 }, 0);
        const other = await makeStore({ clock: () => now + 10 });
        try {
          expect(await other.getRecord(kind, short)).toBeUndefined();
          expect(await other.getRecord(kind, lasting)).toStrictEqual({ id: lasting, version: 1, value: { n: 2 } });
        } finally {
          await other.close();
        }
      });

      it('rejects an expiresAt that is not an integer epoch ms, and writes nothing', async () => {
        const r = id();
        await expect(timed.putRecord(kind, r, { n: 1 }, 0, { expiresAt: 1.5 })).rejects.toThrow(RangeError);
        await expect(timed.putRecord(kind, r, { n: 1 }, 0, { expiresAt: Number.NaN })).rejects.toThrow(RangeError);
        expect(await timed.getRecord(kind, r)).toBeUndefined();
      });

      it('[UP9] an expired record of a group is listed in it no more', async () => {
        const group = `g${randomUUID().slice(0, 8)}`;
        const [a, b] = [id(), id()].sort();
        await timed.putRecord(kind, a as string, { n: 1 }, 0, { group, expiresAt: now + 10 });
        await timed.putRecord(kind, b as string, { n: 2 }, 0, { group });
        expect((await timed.listRecords(kind, { group })).map((r) => r.id)).toEqual([a, b]);
        now += 10;
        expect((await timed.listRecords(kind, { group })).map((r) => r.id)).toEqual([b]);
        // Its id may be created afresh, in another group.
        await timed.putRecord(kind, a as string, { n: 3 }, 0, { group: `${group}-2` });
        expect((await timed.listRecords(kind, { group })).map((r) => r.id)).toEqual([b]);
        expect((await timed.listRecords(kind, { group: `${group}-2` })).map((r) => r.id)).toEqual([a]);
      });
    });

    describe('[UP9] record groups', () => {
      const kind: RecordKind = 'request';
      const ids = (records: { id: string }[]) => records.map((r) => r.id);

      it("lists a group's records only, ordered by id, as the kind's list has them", async () => {
        const p = `grp-${randomUUID()}`;
        const [g1, g2] = [`${p}-1`, `${p}-2`];
        await store.putRecord(kind, `${p}-c`, { n: 3 }, 0, { group: g1 });
        await store.putRecord(kind, `${p}-a`, { n: 1 }, 0, { group: g1 });
        await store.putRecord(kind, `${p}-b`, { n: 2 }, 0, { group: g2 });
        await store.putRecord(kind, `${p}-d`, { n: 4 }, 0);
        await store.putRecord('user', `${p}-u`, { n: 5 }, 0, { group: g1 });
        expect(await store.listRecords(kind, { group: g1 })).toStrictEqual([
          { id: `${p}-a`, version: 1, value: { n: 1 } },
          { id: `${p}-c`, version: 1, value: { n: 3 } },
        ]);
        expect(ids(await store.listRecords(kind, { group: g2 }))).toEqual([`${p}-b`]);
        expect(ids(await store.listRecords(kind, { group: `${p}-none` }))).toEqual([]);
        // The kind's whole list still has every one of them, grouped or not.
        expect(ids((await store.listRecords(kind)).filter((r) => r.id.startsWith(p)))).toEqual([
          `${p}-a`,
          `${p}-b`,
          `${p}-c`,
          `${p}-d`,
        ]);
      });

      it('a write moves a record to the group it names (none: out of every group); a delete takes it out', async () => {
        const p = `grp-${randomUUID()}`;
        const [g1, g2] = [`${p}-1`, `${p}-2`];
        await store.putRecord(kind, `${p}-a`, { n: 1 }, 0, { group: g1 });
        await store.putRecord(kind, `${p}-b`, { n: 2 }, 0, { group: g1 });
        expect(await store.putRecord(kind, `${p}-a`, { n: 11 }, 1, { group: g2 })).toEqual({ ok: true, version: 2 });
        expect(ids(await store.listRecords(kind, { group: g1 }))).toEqual([`${p}-b`]);
        expect(await store.listRecords(kind, { group: g2 })).toStrictEqual([
          { id: `${p}-a`, version: 2, value: { n: 11 } },
        ]);
        // A refused write moves nothing.
        expect(await store.putRecord(kind, `${p}-b`, { n: 0 }, 5, { group: g2 })).toEqual({ ok: false, version: 1 });
        expect(ids(await store.listRecords(kind, { group: g1 }))).toEqual([`${p}-b`]);
        await store.putRecord(kind, `${p}-b`, { n: 22 }, 1);
        expect(ids(await store.listRecords(kind, { group: g1 }))).toEqual([]);
        expect(await store.getRecord(kind, `${p}-b`)).toStrictEqual({ id: `${p}-b`, version: 2, value: { n: 22 } });
        expect(await store.deleteRecord(kind, `${p}-a`)).toBe(true);
        expect(ids(await store.listRecords(kind, { group: g2 }))).toEqual([]);
        // Created afresh without a group: not in the one it was in before.
        await store.putRecord(kind, `${p}-a`, { n: 3 }, 0);
        expect(ids(await store.listRecords(kind, { group: g2 }))).toEqual([]);
      });

      it('refuses a group that is not an id, and writes nothing', async () => {
        const r = `grp-${randomUUID()}`;
        await expect(store.putRecord(kind, r, { n: 1 }, 0, { group: 'a"b' })).rejects.toThrow(RangeError);
        await expect(store.putRecord(kind, r, { n: 1 }, 0, { group: '' })).rejects.toThrow(RangeError);
        await expect(store.listRecords(kind, { group: 'x:y' })).rejects.toThrow(RangeError);
        expect(await store.getRecord(kind, r)).toBeUndefined();
      });
    });

    describe('audit log', () => {
      const auditEntry = (branchId: string | null, kind: AuditInput['target']['kind'], id: string, n: number) =>
        ({
          at: new Date(1_800_000_000_000 + n * 1000).toISOString(),
          actor: { id: 'admin', name: 'مدیر سامانه', role: 'admin' },
          address: '192.0.2.7',
          action: 'update',
          target: { kind, id },
          branchId,
          fromVersion: n,
          toVersion: n + 1,
          before: { name: { fa: 'شعبهٔ کهنه' }, list: [1, 2], nested: { deep: true } },
          after: { name: { fa: 'شعبهٔ تازه', en: 'New' }, list: [1, 2, 3], nested: { deep: false } },
          changes: ['name.fa', 'name.en', 'list.2', 'nested.deep'],
        }) satisfies AuditInput;

      it('appends entries and lists them newest first, each with its id, exactly as written', async () => {
        const b = branch();
        const written = [
          auditEntry(b, 'branch', b, 1),
          auditEntry(b, 'user', 'u1', 2),
          auditEntry(b, 'device', 'd', 3),
        ];
        const ids: string[] = [];
        for (const e of written) ids.push(await store.appendAudit(e));
        expect(new Set(ids).size).toBe(3);
        const page = await store.listAudit({ branchId: b, limit: 10 });
        expect(page.next).toBeNull();
        expect(page.entries).toStrictEqual([...written].reverse().map((e, i) => ({ id: ids[2 - i], ...e })));
      });

      it('filters by branch, target kind and target id, together or alone', async () => {
        const [a, b] = [branch(), branch()];
        await store.appendAudit(auditEntry(a, 'branch', a, 1));
        await store.appendAudit(auditEntry(a, 'user', 'clerk-x', 2));
        await store.appendAudit(auditEntry(b, 'user', 'clerk-x', 3));
        await store.appendAudit(auditEntry(null, 'organisation', `org-${a}`, 4));
        const versions = async (f: Parameters<Store['listAudit']>[0]) =>
          (await store.listAudit(f)).entries.map((e) => e.fromVersion);
        expect(await versions({ branchId: a, limit: 10 })).toEqual([2, 1]);
        expect(await versions({ branchId: a, kind: 'user', limit: 10 })).toEqual([2]);
        expect(await versions({ kind: 'user', targetId: 'clerk-x', branchId: b, limit: 10 })).toEqual([3]);
        expect(await versions({ kind: 'organisation', targetId: `org-${a}`, limit: 10 })).toEqual([4]);
        expect(await versions({ branchId: branch(), limit: 10 })).toEqual([]);
      });

      it('pages with a cursor: no entry twice, none skipped, later appends do not shift a page', async () => {
        const b = branch();
        for (let n = 1; n <= 7; n++) await store.appendAudit(auditEntry(b, 'branch', b, n));
        const first = await store.listAudit({ branchId: b, limit: 3 });
        expect(first.entries.map((e) => e.fromVersion)).toEqual([7, 6, 5]);
        expect(first.next).toBe(first.entries[2]?.id);
        await store.appendAudit(auditEntry(b, 'branch', b, 8));
        const second = await store.listAudit({ branchId: b, limit: 3, before: first.next ?? '' });
        expect(second.entries.map((e) => e.fromVersion)).toEqual([4, 3, 2]);
        const third = await store.listAudit({ branchId: b, limit: 3, before: second.next ?? '' });
        expect(third.entries.map((e) => e.fromVersion)).toEqual([1]);
        expect(third.next).toBeNull();
        const exact = await store.listAudit({ branchId: b, limit: 8 });
        expect([exact.entries.length, exact.next]).toEqual([8, null]);
      });

      it('refuses a cursor it never gave as a caller error (RangeError)', async () => {
        await expect(store.listAudit({ limit: 5, before: 'not-a-cursor' })).rejects.toThrow(RangeError);
        await expect(store.listAudit({ limit: 5, before: '' })).rejects.toThrow(RangeError);
      });
    });

    it('answers ping while it is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('shows everything to a store reopened over the same data', async () => {
      const b = branch();
      const r = `rec-${randomUUID()}`;
      const first = await makeStore();
      await first.appendEvents(b, DAY, 0, sampleEvents());
      await first.putRecord('device', r, { serial: 'K-۱۲۳' }, 0);
      const auditId = await first.appendAudit({
        at: '2026-12-02T06:00:00.000Z',
        actor: { id: 'admin', name: 'مدیر', role: 'admin' },
        address: null,
        action: 'create',
        target: { kind: 'branch', id: b },
        branchId: b,
        fromVersion: null,
        toVersion: 1,
        before: null,
        after: { id: b },
        changes: [],
      });
      await first.close();

      const second = await makeStore();
      try {
        expect((await second.readEvents(b, DAY, 0)).map((e) => e.event)).toStrictEqual(sampleEvents());
        expect(await second.listDays(b)).toEqual([DAY]);
        expect(await second.getRecord('device', r)).toStrictEqual({ id: r, version: 1, value: { serial: 'K-۱۲۳' } });
        expect(await second.appendEvents(b, DAY, sampleEvents().length, [opened(9)])).toMatchObject({ ok: true });
        expect((await second.listAudit({ branchId: b, limit: 5 })).entries.map((e) => e.id)).toEqual([auditId]);
      } finally {
        await second.close();
      }
    });
  });
}

function opened(at: number): DomainEvent {
  return { type: 'CounterOpened', at, counterId: 'c1', clerkId: 'u1' };
}

function sampleEvents(): DomainEvent[] {
  const at = 1_742_536_800_000;
  return [
    opened(at),
    {
      type: 'TicketIssued',
      at: at + 1,
      ticketId: 't-1',
      number: 'A007',
      value: 7,
      serviceId: 'svc-پاسپورت',
      priorityId: 'normal',
      requestId: 'req-1',
      source: { kind: 'counter', counterId: 'c1', clerkId: 'u1' },
    },
    { type: 'TicketCalled', at: at + 2, ticketId: 't-1', counterId: 'c1', clerkId: 'u1', how: 'next' },
    {
      type: 'Transferred',
      at: at + 3,
      ticketId: 't-1',
      counterId: 'c1',
      clerkId: 'u1',
      toServiceId: 'svc-2',
      note: 'ارجاع به باجه‌ی ۳ — «مدارک ناقص»',
    },
    { type: 'TicketCancelled', at: at + 4, ticketId: 't-2', reason: 'مراجعه‌کننده منصرف شد 🙂' },
    { type: 'MarkedNoShow', at: at + 5, ticketId: 't-3', counterId: 'c2', clerkId: 'u2', auto: false },
  ];
}
