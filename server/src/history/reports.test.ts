// The report service over a real live store (SQLite file: the branches' configuration records) and a
// history store (from openTestHistory): branches, filters and reach (R1), figures (R2–R3) equal to
// the pure fold of the same rows, labels in both languages (R4), the previous period (R5), one
// stream of rows folded as it comes (R7), the export document (R8), and nothing changed (R9).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BranchConfig, ReportQuery, type ReportQueryInput } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayRows, type RollupRow } from '../domain/archive.ts';
import { type BranchFacts, PeriodFold } from '../domain/reports.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { HistoryFilter, HistoryStore } from './port.ts';
import { ReportService, reportToDoc, UnknownBranchError } from './reports.ts';
import {
  FIXTURE_DAY,
  FIXTURE_DAY_BEFORE,
  fixtureConfig,
  fixtureEvents,
  fixtureEventsDayBefore,
} from './test-support/fixture-day.ts';
import { archiveLog, openTestHistory } from './test-support/test-history.ts';

const B1 = fixtureConfig();
/** A second branch in another province, of type 2, with the same day (and no day before). */
const B2: BranchConfig = {
  ...fixtureConfig(),
  branch: {
    ...fixtureConfig().branch,
    id: 'b2',
    name: { fa: 'شعبه اصفهان', en: 'Isfahan branch' },
    provincialOfficeId: 'isfahan',
    type: 2,
  },
  // k1 is not on b2's clerk list: b2 alone names them from the user records.
  clerks: [{ id: 'k2', name: 'علی رضایی', active: true }],
};

let dir: string;
let store: SqliteStore;
let history: HistoryStore;
let service: ReportService;
const filters: HistoryFilter[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nobat-reports-'));
  store = openSqliteStore(join(dir, 'live.sqlite'), { synchronous: 'normal' });
  // As the admin routes write them: the value with its change stamp beside it.
  const changed = { by: { id: 'admin', name: 'مدیر' }, at: '2026-11-01T08:00:00.000Z' };
  await store.putRecord('branch', 'b1', { ...B1, changed }, 0);
  await store.putRecord('branch', 'b2', { ...B2, changed }, 0);
  await store.putRecord('branch', 'broken', { branch: { id: 'broken' } }, 0);
  await store.putRecord(
    'provincial-office',
    'tehran',
    { id: 'tehran', organisationId: 'sso', name: { fa: 'استان تهران', en: 'Tehran province' }, changed },
    0,
  );
  await store.putRecord(
    'provincial-office',
    'isfahan',
    { id: 'isfahan', organisationId: 'sso', name: { fa: 'استان اصفهان' } },
    0,
  );
  await store.putRecord(
    'user',
    'k1',
    { id: 'k1', username: 'k1', name: 'مریم احمدی', role: 'clerk', branchId: 'b2' },
    0,
  );
  history = await openTestHistory();
  await archiveLog(history, B1, FIXTURE_DAY_BEFORE, fixtureEventsDayBefore());
  await archiveLog(history, B1, FIXTURE_DAY, fixtureEvents());
  await archiveLog(history, B2, FIXTURE_DAY, fixtureEvents());
  // Rows outside every period asked for below.
  await archiveLog(history, B1, '2026-10-01', fixtureEvents('2026-10-01'));
  const watched: HistoryStore = Object.create(history);
  watched.rollups = (f: HistoryFilter) => {
    filters.push(f);
    return history.rollups(f);
  };
  service = new ReportService({ store, history: watched });
});
afterAll(async () => {
  await store.close();
  await history.close();
  rmSync(dir, { recursive: true, force: true });
});

const q = (input: Partial<ReportQueryInput>) => ReportQuery.parse({ from: FIXTURE_DAY, to: FIXTURE_DAY, ...input });
const ALL = { all: true } as const;

/** The pure fold of the rows of these branch-days (what the service must agree with). */
function expected(by: ReportQuery['by'], days: [BranchConfig, string, ReturnType<typeof fixtureEvents>][]) {
  const facts = new Map<string, BranchFacts>(
    [B1, B2].map((c) => [c.branch.id, { provinceId: c.branch.provincialOfficeId, type: c.branch.type }]),
  );
  const fold = new PeriodFold(by, facts);
  for (const [config, day, events] of days) {
    for (const r of dayRows(config, events, { branchId: config.branch.id, day, final: true }).rollups) fold.add(r);
  }
  return fold.result();
}

describe('ReportService', () => {
  it('[R1][R2][R5] admin, every branch: the fold of both branches’ day, against the day before (b1 only)', async () => {
    filters.length = 0;
    const r = await service.run(q({ by: 'service' }), ALL);
    const now = expected('service', [
      [B1, FIXTURE_DAY, fixtureEvents()],
      [B2, FIXTURE_DAY, fixtureEvents()],
    ]);
    expect(r.by).toBe('service');
    expect(r.branches).toEqual([
      { id: 'b1', name: B1.branch.name },
      { id: 'b2', name: B2.branch.name },
    ]);
    expect(r.current.total).toEqual(now.total);
    expect(r.current.rows.map(({ key, figures }) => ({ key, figures }))).toEqual(now.rows);
    expect(r.current.total.issued).toBe(22);
    expect(r.previous?.from).toBe(FIXTURE_DAY_BEFORE);
    expect(r.previous?.to).toBe(FIXTURE_DAY_BEFORE);
    expect(r.previous?.total).toEqual(expected('service', [[B1, FIXTURE_DAY_BEFORE, fixtureEventsDayBefore()]]).total);
    // [R7] One stream for both periods, every branch (no list to send).
    expect(filters).toEqual([{ from: FIXTURE_DAY_BEFORE, to: FIXTURE_DAY }]);
  });

  it('[R1] filters: branch, province, branch type, sub-service; nothing matched is an empty report', async () => {
    const onlyB1 = expected('service', [[B1, FIXTURE_DAY, fixtureEvents()]]);
    const onlyB2 = expected('service', [[B2, FIXTURE_DAY, fixtureEvents()]]);
    filters.length = 0;
    const b1 = await service.run(q({ branchId: 'b1', compare: false }), ALL);
    expect(b1.branches.map((b) => b.id)).toEqual(['b1']);
    expect(b1.current.total).toEqual(onlyB1.total);
    expect(b1.previous).toBeNull();
    expect(filters).toEqual([{ from: FIXTURE_DAY, to: FIXTURE_DAY, branchIds: ['b1'] }]);

    const isfahan = await service.run(q({ provinceId: 'isfahan' }), ALL);
    expect(isfahan.branches.map((b) => b.id)).toEqual(['b2']);
    expect(isfahan.current.total).toEqual(onlyB2.total);
    // b2 has no day before.
    expect(isfahan.previous?.total.issued).toBe(0);
    expect(isfahan.previous?.rows).toEqual([]);

    const type2 = await service.run(q({ branchType: 2 }), ALL);
    expect(type2.branches.map((b) => b.id)).toEqual(['b2']);

    filters.length = 0;
    const s2 = await service.run(q({ serviceId: 's2', by: 'counter' }), ALL);
    expect(filters[0]?.serviceIds).toEqual(['s2']);
    // s2: in both branches, six visits each at counter c2 and five tickets issued.
    expect(s2.current.total.called).toBe(12);
    expect(s2.current.total.issued).toBe(10);
    expect(s2.current.rows.map((r) => r.key)).toEqual(['b1/c2', 'b2/c2', '']);

    const none = await service.run(q({ provinceId: 'tehran', branchType: 2 }), ALL);
    expect(none.branches).toEqual([]);
    expect(none.current.rows).toEqual([]);
    expect(none.current.total.issued).toBe(0);
    expect(none.current.total.wait.meanMs).toBeNull();
  });

  it('[R1] a supervisor’s reach: their own branch whatever the filters say; an admin naming an unknown branch', async () => {
    const own = await service.run(q({}), { branchIds: ['b2'] });
    expect(own.branches.map((b) => b.id)).toEqual(['b2']);
    expect(own.current.total).toEqual(expected('service', [[B2, FIXTURE_DAY, fixtureEvents()]]).total);
    const elsewhere = await service.run(q({ provinceId: 'tehran' }), { branchIds: ['b2'] });
    expect(elsewhere.branches).toEqual([]);
    expect(elsewhere.current.total.called).toBe(0);
    await expect(service.run(q({ branchId: 'nowhere' }), ALL)).rejects.toBeInstanceOf(UnknownBranchError);
    // A branch whose configuration does not parse is not a branch.
    await expect(service.run(q({ branchId: 'broken' }), ALL)).rejects.toBeInstanceOf(UnknownBranchError);
  });

  it('[R4] labels in Persian and English for every dimension', async () => {
    const labels = async (by: ReportQuery['by'], reach: Parameters<ReportService['run']>[1] = ALL, extra = {}) =>
      Object.fromEntries(
        (await service.run(q({ by, compare: false, ...extra }), reach)).current.rows.map((r) => [r.key, r.label]),
      );
    expect(await labels('service')).toEqual({
      s1: { fa: 'تمدید دفترچه', en: 'Booklet renewal' },
      s2: { fa: 'سابقه', en: 'Insurance record' },
    });
    // Several branches: each counter with its branch's name.
    expect(await labels('counter')).toEqual({
      'b1/c1': { fa: 'باجه ۱ — شعبه آزمایشی', en: 'Counter 1 — Test branch' },
      'b1/c2': { fa: 'باجه ۴ — شعبه آزمایشی', en: 'Counter 4 — Test branch' },
      'b2/c1': { fa: 'باجه ۱ — شعبه اصفهان', en: 'Counter 1 — Isfahan branch' },
      'b2/c2': { fa: 'باجه ۴ — شعبه اصفهان', en: 'Counter 4 — Isfahan branch' },
      '': { fa: 'بدون باجه', en: 'No counter' },
    });
    expect(await labels('counter', { branchIds: ['b1'] })).toMatchObject({
      'b1/c2': { fa: 'باجه ۴', en: 'Counter 4' },
    });
    expect(await labels('clerk')).toEqual({
      k1: { fa: 'مریم احمدی', en: 'مریم احمدی' },
      k2: { fa: 'علی رضایی', en: 'علی رضایی' },
      '': { fa: 'بدون کارمند', en: 'No clerk' },
    });
    // b2 does not list k1: the user record names them.
    expect((await labels('clerk', { branchIds: ['b2'] })).k1).toEqual({ fa: 'مریم احمدی', en: 'مریم احمدی' });
    expect(await labels('hour')).toEqual({ '9': { fa: '۹ تا ۱۰', en: '9–10' }, '10': { fa: '۱۰ تا ۱۱', en: '10–11' } });
    expect(await labels('weekday', ALL, { from: FIXTURE_DAY_BEFORE })).toEqual({
      '0': { fa: 'شنبه', en: 'Saturday' },
      '1': { fa: 'یکشنبه', en: 'Sunday' },
    });
    // 2026-11-21 and -22 are 30 Aban and 1 Azar 1405.
    expect(await labels('day', ALL, { from: FIXTURE_DAY_BEFORE })).toEqual({
      [FIXTURE_DAY_BEFORE]: { fa: '۱۴۰۵/۰۸/۳۰', en: '1405/08/30' },
      [FIXTURE_DAY]: { fa: '۱۴۰۵/۰۹/۰۱', en: '1405/09/01' },
    });
    expect(await labels('branch')).toEqual({
      b1: { fa: 'شعبه آزمایشی', en: 'Test branch' },
      b2: { fa: 'شعبه اصفهان', en: 'Isfahan branch' },
    });
    expect(await labels('province')).toEqual({
      tehran: { fa: 'استان تهران', en: 'Tehran province' },
      isfahan: { fa: 'استان اصفهان', en: 'استان اصفهان' },
    });
    expect(await labels('branch-type')).toEqual({
      '1': { fa: 'نوع ۱', en: 'Type 1' },
      '2': { fa: 'نوع ۲', en: 'Type 2' },
    });
  });

  it('[R7] folds a stream of 200 000 rollup rows as they come, to the end', async () => {
    const base = dayRows(B1, fixtureEvents(), { branchId: 'b1', day: FIXTURE_DAY, final: true }).rollups.find(
      (r) => r.counterId === 'c1' && r.hour === 9,
    ) as RollupRow;
    let yielded = 0;
    let finished = false;
    const endless: HistoryStore = Object.create(history);
    endless.rollups = (f: HistoryFilter) =>
      (async function* () {
        for (let i = 0; i < 200_000; i++) {
          yielded++;
          // Days spread over the asked range: both periods get rows.
          yield { ...base, day: i % 2 ? f.to : f.from, hour: i % 24 };
        }
        finished = true;
      })();
    const svc = new ReportService({ store, history: endless });
    const r = await svc.run(q({ by: 'hour', branchId: 'b1' }), ALL);
    expect(finished).toBe(true);
    expect(yielded).toBe(200_000);
    expect(r.current.total.called).toBe(100_000 * base.called);
    expect(r.previous?.total.called).toBe(100_000 * base.called);
    // Twelve hours fell on each day (i even: previous; i odd: current).
    expect(r.current.rows).toHaveLength(12);
    expect(r.current.total.wait.count).toBe(100_000 * base.waitCount);
  });

  it('[R9] running reports changes nothing in the live store or the history', async () => {
    const before = JSON.stringify(
      await Promise.all(['branch', 'provincial-office', 'user'].map((k) => store.listRecords(k as 'branch'))),
    );
    await service.run(q({ by: 'clerk' }), ALL);
    await service.run(q({ by: 'province' }), ALL);
    const after = JSON.stringify(
      await Promise.all(['branch', 'provincial-office', 'user'].map((k) => store.listRecords(k as 'branch'))),
    );
    expect(after).toBe(before);
    expect(await history.listReports({ limit: 10 })).toEqual([]);
  });
});

describe('[R8] reportToDoc', () => {
  it('one section of rows and total (integers, decimal minutes, shares 0–1) with two charts; the comparison', async () => {
    const r = await service.run(q({ by: 'service', branchId: 'b1' }), ALL);
    const fa = reportToDoc(r, 'fa', { madeAt: Date.parse('2026-11-22T10:00:00Z') });
    expect(fa.fileName).toBe(`nobat-report-service-${FIXTURE_DAY}-${FIXTURE_DAY}`);
    expect(fa.title).toBe('گزارش عملکرد به تفکیک خدمت');
    expect(fa.subtitle[0]).toBe('از ۱۴۰۵/۰۹/۰۱ تا ۱۴۰۵/۰۹/۰۱');
    expect(fa.subtitle[1]).toBe('شعبه‌ها: شعبه آزمایشی');
    expect(fa.subtitle[2]).toContain('۱۳:۳۰');
    expect(fa.sections).toHaveLength(2);
    const [rows, compare] = fa.sections;
    expect(rows?.columns.map((c) => c.kind)).toEqual([
      'text',
      ...Array(8).fill('int'),
      'minutes',
      'minutes',
      'minutes',
      'percent',
      'minutes',
      'minutes',
      'minutes',
    ]);
    expect(rows?.columns[0]?.header).toBe('خدمت');
    // s1 (see domain/reports.test.ts): issued 6, called 6, served 4, no-show 1, cancelled 1, recall 1;
    // waits mean 280 s = 4.67 min, median 157.5 s = 2.63 min, p90 907.5 s = 15.13 min, 5 of 6 within;
    // serves mean 277.5 s = 4.63 min, median 247.5 s = 4.13 min, p90 397.5 s = 6.63 min.
    expect(rows?.rows[0]).toEqual(['تمدید دفترچه', 6, 6, 4, 1, 0, 1, 0, 1, 4.67, 2.63, 15.13, 5 / 6, 4.63, 4.13, 6.63]);
    // The total: twelve waits, mean 332.5 s = 5.54 min; 8 of 12 within.
    expect(rows?.total).toEqual(['جمع', 11, 12, 7, 1, 2, 2, 2, 1, 5.54, 2.63, 15.13, 8 / 12, 4.71, 4.13, 8.63]);
    expect(rows?.charts?.map((c) => [c.kind, c.labels, c.series.map((s) => s.values)])).toEqual([
      [
        'bar',
        ['تمدید دفترچه', 'سابقه'],
        [
          [4.67, 6.42],
          [15.13, 20.13],
        ],
      ],
      ['bar', ['تمدید دفترچه', 'سابقه'], [[4, 3]]],
    ]);
    // This day against the day before, per sub-service: served, mean wait, within target, mean serve.
    // The day before: s1 U1 (60 s, served 300 s); s2 U2 (600 s, no-show).
    expect(compare?.rows).toEqual([
      ['تمدید دفترچه', 4, 1, 4.67, 1, 5 / 6, 1, 4.63, 5],
      ['سابقه', 3, 0, 6.42, 10, 0.5, 0, 4.83, null],
    ]);
    expect(compare?.total).toEqual(['جمع', 7, 1, 5.54, 5.5, 8 / 12, 0.5, 4.71, 5]);

    const en = reportToDoc(r, 'en');
    expect(en.title).toBe('Performance report by sub-service');
    expect(en.subtitle).toEqual(['From 1405/09/01 to 1405/09/01', 'Branches: Test branch']);
    expect(en.sections[0]?.rows.map((x) => x[0])).toEqual(['Booklet renewal', 'Insurance record']);
    expect(en.sections[1]?.title).toBe('Against the previous period (from 1405/08/30 to 1405/08/30)');
    expect(JSON.stringify(en)).not.toMatch(/[\u0600-\u06FF]/);
  });

  it('the filters are lines under the period, in the document’s language', async () => {
    const query = q({ provinceId: 'tehran', branchId: 'b1', branchType: 1, serviceId: 's2' });
    const lines = await service.filterLines(query);
    expect(lines).toEqual([
      { fa: 'استان: استان تهران', en: 'Province: Tehran province' },
      { fa: 'شعبه: شعبه آزمایشی', en: 'Branch: Test branch' },
      { fa: 'نوع شعبه: ۱', en: 'Branch type: 1' },
      { fa: 'خدمت: سابقه', en: 'Sub-service: Insurance record' },
    ]);
    const doc = reportToDoc(await service.run(query, ALL), 'en', { filters: lines });
    expect(doc.subtitle).toEqual([
      'From 1405/09/01 to 1405/09/01',
      'Province: Tehran province',
      'Branch: Test branch',
      'Branch type: 1',
      'Sub-service: Insurance record',
      'Branches: Test branch',
    ]);
    expect(await service.filterLines(q({ provinceId: 'nowhere' }))).toEqual([
      { fa: 'استان: nowhere', en: 'Province: nowhere' },
    ]);
  });

  it('by day: a day is compared with the day a period’s length before it; no comparison without the previous period', async () => {
    const r = await service.run(q({ by: 'day', from: FIXTURE_DAY, to: FIXTURE_DAY, branchId: 'b1' }), ALL);
    const doc = reportToDoc(r, 'en');
    expect(doc.sections[0]?.charts?.[0]?.kind).toBe('line');
    // 2026-11-22 against 2026-11-21: served 7 vs 1.
    expect(doc.sections[1]?.rows).toEqual([['1405/09/01', 7, 1, 5.54, 5.5, 8 / 12, 0.5, 4.71, 5]]);
    const alone = await service.run(q({ by: 'day', compare: false, branchId: 'b1' }), ALL);
    expect(reportToDoc(alone, 'fa').sections).toHaveLength(1);
  });
});

describe('[R4] the configuration as it is now', () => {
  it('a branch’s configuration changed since the last report: the labels follow it; a deleted branch is gone', async () => {
    const first = await service.run(q({ by: 'service', branchId: 'b1', compare: false }), ALL);
    expect(first.current.rows[0]?.label.en).toBe('Booklet renewal');
    const record = await store.getRecord<BranchConfig>('branch', 'b1');
    if (!record) throw new Error('b1 missing');
    const edited = structuredClone(record.value);
    const s1 = edited.services.find((s) => s.id === 's1');
    if (!s1) throw new Error('s1 missing');
    s1.title = { fa: 'تمدید دفترچهٔ درمان', en: 'Health booklet renewal' };
    expect((await store.putRecord('branch', 'b1', edited, record.version)).ok).toBe(true);
    const again = await service.run(q({ by: 'service', branchId: 'b1', compare: false }), ALL);
    expect(again.current.rows[0]?.label).toEqual({ fa: 'تمدید دفترچهٔ درمان', en: 'Health booklet renewal' });
    expect(again.current.total).toEqual(first.current.total);
    expect(await store.deleteRecord('branch', 'b2')).toBe(true);
    const all = await service.run(q({}), ALL);
    expect(all.branches.map((b) => b.id)).toEqual(['b1']);
    expect(all.current.total).toEqual(first.current.total);
  });
});
