// What every HistoryStore adapter must do, as one vitest suite each adapter's test file registers.
// Tests use fresh branch ids, so they share one database without depending on each other.
import { randomUUID } from 'node:crypto';
import type { BranchConfig } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DayRows, dayRows, type VisitRow } from '../domain/archive.ts';
import type { StoredEvent } from '../domain/events.ts';
import { testConfig } from '../testing/fixtures.ts';
import { seededDay } from '../testing/seed-history.ts';
import type { DayArchive, HistoryFilter, HistoryStore, StoredReport } from './port.ts';

/**
 * @param makeHistory opens a new history store over the SAME data on every call (migrated by the suite).
 * @param cleanup runs once after the suite, when every store it opened is closed.
 */
export function registerHistoryContract(
  name: string,
  makeHistory: () => Promise<HistoryStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`History contract: ${name}`, () => {
    let history: HistoryStore;
    beforeAll(async () => {
      history = await makeHistory();
      await history.migrate();
    });
    afterAll(async () => {
      await history?.close();
      await cleanup?.();
    });

    const branch = () => `br-${randomUUID()}`;
    const config = (branchId: string): BranchConfig =>
      testConfig((c) => {
        c.branch.id = branchId;
      });
    /** A seeded day's log and its rows. */
    const day = (branchId: string, date: string, seed: number, final = true) => {
      const cfg = config(branchId);
      const events: StoredEvent[] = seededDay(cfg, date, { seed, noShowShare: 0.2 }).map((event, i) => ({
        seq: i + 1,
        event,
      }));
      const rows = dayRows(
        cfg,
        events.map((e) => e.event),
        { branchId, day: date, final },
      );
      return { events, rows };
    };
    const batch = (branchId: string, date: string, d: { events: StoredEvent[]; rows: DayRows }, final = true) =>
      ({ branchId, day: date, events: d.events, ...d.rows, final }) satisfies DayArchive;
    const all = async <T>(rows: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const r of rows) out.push(r);
      return out;
    };
    const everything = (branchIds: string[]): HistoryFilter => ({ from: '0000-01-01', to: '9999-12-31', branchIds });

    it('[H7] migrate is idempotent and gives the schema version', async () => {
      const v = await history.migrate();
      expect(v).toBeGreaterThanOrEqual(1);
      expect(await history.migrate()).toBe(v);
      const again = await makeHistory();
      try {
        expect(await again.migrate()).toBe(v);
      } finally {
        await again.close();
      }
    });

    it('[H3][H5] archives a day: its log, visits, clerk log and rollups read back as written', async () => {
      const b = branch();
      const d = day(b, '2026-03-01', 1);
      expect(d.rows.visits.length).toBeGreaterThan(20);
      expect(d.rows.clerkLog.length).toBeGreaterThan(0);
      await history.archiveDay(batch(b, '2026-03-01', d));
      expect(await history.archived(b, '2026-03-01')).toEqual({
        branchId: b,
        day: '2026-03-01',
        seq: d.events.length,
        final: true,
      });
      expect(await history.readEvents(b, '2026-03-01', 0)).toStrictEqual(d.events);
      expect(await history.readEvents(b, '2026-03-01', 5)).toStrictEqual(d.events.slice(5));
      const f = everything([b]);
      const visits = await all(history.visits(f));
      expect(visits).toEqual([...d.rows.visits].sort((x, y) => cmp(x.ticketId, y.ticketId) || x.visitNo - y.visitNo));
      expect(sortRows(await all(history.clerkLog(f)))).toEqual(sortRows(d.rows.clerkLog));
      expect(sortRows(await all(history.rollups(f)))).toEqual(sortRows(d.rows.rollups));
    });

    it('[H4] histograms round-trip, and an empty one stays empty', async () => {
      const b = branch();
      const d = day(b, '2026-03-02', 2);
      const hist = d.rows.rollups.find((r) => Object.keys(r.waitHist).length > 1);
      expect(hist).toBeDefined();
      await history.archiveDay(batch(b, '2026-03-02', d));
      const read = await all(history.rollups(everything([b])));
      const same = read.find(
        (r) => r.hour === hist?.hour && r.serviceId === hist.serviceId && r.counterId === hist.counterId,
      );
      expect(same?.waitHist).toEqual(hist?.waitHist);
      expect(same?.serveHist).toEqual(hist?.serveHist);
      const issuedOnly = read.find((r) => r.counterId === '');
      expect(issuedOnly?.waitHist).toEqual({});
    });

    it('[H5] archiving twice doubles nothing', async () => {
      const b = branch();
      const d = day(b, '2026-03-03', 3);
      await history.archiveDay(batch(b, '2026-03-03', d));
      await history.archiveDay(batch(b, '2026-03-03', d));
      const f = everything([b]);
      expect(await all(history.visits(f))).toHaveLength(d.rows.visits.length);
      expect(await all(history.clerkLog(f))).toHaveLength(d.rows.clerkLog.length);
      expect(await all(history.rollups(f))).toHaveLength(d.rows.rollups.length);
      expect(await history.readEvents(b, '2026-03-03', 0)).toHaveLength(d.events.length);
      expect(await history.archivedDays(b)).toEqual(['2026-03-03']);
    });

    it('[H5] the same day archived by several at once (two servers): all succeed, nothing doubled', async () => {
      const b = branch();
      const d = day(b, '2026-03-06', 6);
      const others = [await makeHistory(), await makeHistory()];
      try {
        await Promise.all([history, ...others, history].map((h) => h.archiveDay(batch(b, '2026-03-06', d))));
      } finally {
        await Promise.all(others.map((h) => h.close()));
      }
      const f = everything([b]);
      expect(await all(history.visits(f))).toHaveLength(d.rows.visits.length);
      expect(await all(history.clerkLog(f))).toHaveLength(d.rows.clerkLog.length);
      expect(await all(history.rollups(f))).toHaveLength(d.rows.rollups.length);
      expect(await history.readEvents(b, '2026-03-06', 0)).toHaveLength(d.events.length);
    });

    it('[H5] a day archived in parts (today, not final) then final keeps each visit once with the final figures', async () => {
      const b = branch();
      const full = day(b, '2026-03-04', 4);
      const half = Math.floor(full.events.length / 2);
      const cfg = config(b);
      const partEvents = full.events.slice(0, half);
      const partRows = dayRows(
        cfg,
        partEvents.map((e) => e.event),
        { branchId: b, day: '2026-03-04', final: false },
      );
      await history.archiveDay(batch(b, '2026-03-04', { events: partEvents, rows: partRows }, false));
      expect(await history.archived(b, '2026-03-04')).toEqual({
        branchId: b,
        day: '2026-03-04',
        seq: half,
        final: false,
      });
      const f = everything([b]);
      expect(await all(history.visits(f))).toHaveLength(partRows.visits.length);
      expect(partRows.visits.length).toBeLessThan(full.rows.visits.length);

      await history.archiveDay(batch(b, '2026-03-04', full));
      expect(await history.archived(b, '2026-03-04')).toEqual({
        branchId: b,
        day: '2026-03-04',
        seq: full.events.length,
        final: true,
      });
      expect(await all(history.visits(f))).toHaveLength(full.rows.visits.length);
      expect(sortRows(await all(history.rollups(f)))).toEqual(sortRows(full.rows.rollups));
      expect(sortRows(await all(history.clerkLog(f)))).toEqual(sortRows(full.rows.clerkLog));
      expect(await history.readEvents(b, '2026-03-04', 0)).toStrictEqual(full.events);

      // An older pass arriving late changes nothing of the final day's figures.
      await history.archiveDay(batch(b, '2026-03-04', { events: partEvents, rows: partRows }, false));
      expect((await history.archived(b, '2026-03-04'))?.final).toBe(true);
      expect(sortRows(await all(history.rollups(f)))).toEqual(sortRows(full.rows.rollups));
    });

    it('[H5] an archive write that fails leaves nothing of the day behind', async () => {
      const b = branch();
      const d = day(b, '2026-03-05', 5);
      const broken = { ...batch(b, '2026-03-05', d), events: [...d.events, { seq: 99, event: d.events[0]?.event }] };
      await expect(history.archiveDay(broken as DayArchive)).rejects.toThrow();
      expect(await history.archived(b, '2026-03-05')).toBeUndefined();
      expect(await history.readEvents(b, '2026-03-05', 0)).toEqual([]);
      expect(await all(history.visits(everything([b])))).toEqual([]);
    });

    it('lists archived days ascending, within a range when given; an unknown day is undefined', async () => {
      const b = branch();
      for (const [i, date] of ['2026-03-09', '2026-03-07', '2026-03-08'].entries()) {
        await history.archiveDay(batch(b, date, day(b, date, 10 + i)));
      }
      expect(await history.archivedDays(b)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
      expect(await history.archivedDays(b, { from: '2026-03-08', to: '2026-03-09' })).toEqual([
        '2026-03-08',
        '2026-03-09',
      ]);
      expect(await history.archivedDays(branch())).toEqual([]);
      expect(await history.archived(b, '2026-03-10')).toBeUndefined();
      expect(await history.readEvents(b, '2026-03-10', 0)).toEqual([]);
      await expect(history.readEvents(b, '2026-03-07', -1)).rejects.toThrow(RangeError);
    });

    it('streams by filter in (day, branch) order: days inclusive, branches, services, counters, clerks', async () => {
      const [a, b] = [branch(), branch()].sort(cmp) as [string, string];
      const days = ['2026-04-01', '2026-04-02', '2026-04-03'];
      const made = new Map<string, ReturnType<typeof day>>();
      for (const [i, date] of days.entries()) {
        for (const br of [b, a]) {
          const d = day(br, date, 20 + i);
          made.set(`${br}/${date}`, d);
          await history.archiveDay(batch(br, date, d));
        }
      }
      const expected = (pred: (r: VisitRow) => boolean) =>
        [...made.values()].flatMap((d) => d.rows.visits).filter(pred);

      const visits = await all(history.visits({ from: '2026-04-02', to: '2026-04-03', branchIds: [a, b] }));
      expect(visits.length).toBe(expected((r) => r.day >= '2026-04-02').length);
      const order = visits.map((v) => `${v.day}/${v.branchId}`);
      expect(order).toEqual([...order].sort());
      expect(new Set(order)).toEqual(
        new Set([`2026-04-02/${a}`, `2026-04-02/${b}`, `2026-04-03/${a}`, `2026-04-03/${b}`]),
      );

      const one = await all(history.visits({ from: '2026-04-01', to: '2026-04-01', branchIds: [b] }));
      expect(one).toEqual(
        [...(made.get(`${b}/2026-04-01`)?.rows.visits ?? [])].sort(
          (x, y) => cmp(x.ticketId, y.ticketId) || x.visitNo - y.visitNo,
        ),
      );

      const both = { from: '2026-04-01', to: '2026-04-03', branchIds: [a, b] };
      const s1 = await all(history.visits({ ...both, serviceIds: ['s1'] }));
      expect(s1.length).toBe(expected((r) => r.serviceId === 's1').length);
      expect(s1.length).toBeGreaterThan(0);
      const c2 = await all(history.visits({ ...both, counterIds: ['c2'] }));
      expect(c2.length).toBe(expected((r) => r.counterId === 'c2').length);
      expect(c2.length).toBeGreaterThan(0);
      expect(await all(history.visits({ ...both, clerkIds: ['nobody'] }))).toEqual([]);
      expect(await all(history.visits({ ...both, serviceIds: [] }))).toEqual([]);
      expect(await all(history.visits({ ...both, clerkIds: ['seeded'] }))).toHaveLength(expected(() => true).length);

      const rollups = await all(history.rollups({ ...both, serviceIds: ['s2'], counterIds: ['c1', 'c2'] }));
      const wantRollups = [...made.values()]
        .flatMap((d) => d.rows.rollups)
        .filter((r) => r.serviceId === 's2' && ['c1', 'c2'].includes(r.counterId));
      expect(sortRows(rollups)).toEqual(sortRows(wantRollups));
      const rOrder = rollups.map((r) => `${r.day}/${r.branchId}`);
      expect(rOrder).toEqual([...rOrder].sort());

      const log = await all(history.clerkLog({ ...both, serviceIds: ['s3'], clerkIds: ['seeded'] }));
      const wantLog = [...made.values()].flatMap((d) => d.rows.clerkLog).filter((r) => r.serviceId === 's3');
      expect(sortRows(log)).toEqual(sortRows(wantLog));
      expect(log.length).toBeGreaterThan(0);
    });

    it('a stream left half way frees what it held, and others still read', async () => {
      const b = branch();
      const d = day(b, '2026-04-10', 30);
      await history.archiveDay(batch(b, '2026-04-10', d));
      for (let i = 0; i < 15; i++) {
        for await (const _ of history.visits(everything([b]))) break;
      }
      expect(await all(history.visits(everything([b])))).toHaveLength(d.rows.visits.length);
    });

    describe('reports', () => {
      const report = (id: string, over: Partial<StoredReport> = {}): StoredReport => ({
        id,
        kind: 'crm-monthly',
        scope: { level: 'branch', id: 'b1' },
        period: { from: '2026-10-23', to: '2026-11-21', jalali: '1405-08' },
        generatedAt: '2026-11-22T00:00:00.000Z',
        data: { title: 'گزارش ماهانه', rows: [{ b: 2, a: 1 }], n: 3.5 },
        ...over,
      });

      it('stores a report once: a second with the same id is refused and changes nothing', async () => {
        const id = `crm-monthly/1405-08/branch/${randomUUID()}`;
        expect(await history.putReport(report(id))).toBe(true);
        expect(await history.putReport(report(id, { data: { other: true } }))).toBe(false);
        expect(await history.getReport(id)).toEqual(report(id));
        expect(await history.getReport(`${id}-none`)).toBeUndefined();
      });

      it('lists newest period first, by kind and scope, at most limit, without data', async () => {
        const scope = randomUUID();
        const other = randomUUID();
        const mk = (jalali: string, from: string, kind: StoredReport['kind'] = 'crm-monthly', id = scope) =>
          report(`${kind}/${jalali}/branch/${id}`, {
            kind,
            scope: { level: 'branch', id },
            period: { from, to: from, jalali },
          });
        const reports = [
          mk('1405-06', '2026-08-23'),
          mk('1405-08', '2026-10-23'),
          mk('1405-07', '2026-09-23'),
          mk('1405-Q3', '2026-09-23', 'quarterly'),
          mk('1405-08', '2026-10-23', 'crm-monthly', other),
        ];
        for (const r of reports) expect(await history.putReport(r)).toBe(true);
        const list = await history.listReports({ scopeIds: [scope], limit: 10 });
        expect(list.map((r) => r.period.jalali)).toEqual(['1405-08', '1405-07', '1405-Q3', '1405-06']);
        expect('data' in (list[0] ?? {})).toBe(false);
        const { data: _, ...meta } = mk('1405-08', '2026-10-23');
        expect(list[0]).toEqual(meta);
        expect(
          (await history.listReports({ kind: 'quarterly', scopeIds: [scope, other], limit: 10 })).map((r) => r.id),
        ).toEqual([`quarterly/1405-Q3/branch/${scope}`]);
        expect(
          (await history.listReports({ scopeIds: [scope, other], limit: 2 })).map((r) => r.scope.id).sort(),
        ).toEqual([scope, other].sort());
        expect(await history.listReports({ scopeIds: [], limit: 10 })).toEqual([]);
      });
    });

    it('answers ping', async () => {
      await expect(history.ping()).resolves.toBeUndefined();
    });
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Rows in a fixed order by their JSON, to compare sets of rows. */
function sortRows<T>(rows: readonly T[]): T[] {
  return [...rows]
    .map((r) => [JSON.stringify(sortKeys(r)), r] as const)
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([, r]) => r);
}
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => cmp(a, b))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  }
  return v;
}
