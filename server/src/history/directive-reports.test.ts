// The directives' reports made by themselves (DR1–DR6), with an injected clock in Tehran local time:
// over a real SQLite live store (branches and provinces), the in-memory report history of
// test-support and a fake report runner whose figures tell which query made them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SURVEY_QUESTION_IDS } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmMonthlyData, QuarterlyData } from '../domain/directive-reports.ts';
import { createLogger } from '../log.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { DirectiveReports, directiveToDoc } from './directive-reports.ts';
import type { StoredReport } from './port.ts';
import { type FakeRunner, fakeRunner } from './test-support/fake-runner.ts';
import { createTestReportHistory, type TestReportHistory } from './test-support/report-history.ts';

/** Epoch ms of a Tehran local time (Iran keeps +03:30 all year). */
const tehran = (isoDay: string, time = '00:00') => Date.parse(`${isoDay}T${time}:00+03:30`);
// 1 Azar 1405 = 2026-11-22; 30 Aban 1405 = 2026-11-21; 1 Farvardin 1405 = 2026-03-21; 1 Mehr 1405 = 2026-09-23.
const AZAR_1 = '2026-11-22';
const ABAN_30 = '2026-11-21';

const PER_DAY: Record<string, number> = { b1: 2, b2: 3, b3: 5, tehran: 7, fars: 11 };
const ALL_SCOPES = ['branch/b1', 'branch/b2', 'branch/b3', 'province/fars', 'province/tehran'];

describe('the directives’ reports', () => {
  let dir: string;
  let store: SqliteStore;
  let history: TestReportHistory;
  let runner: FakeRunner;
  let now: number;
  const clock = () => now;
  const service = (r: FakeRunner = runner) =>
    new DirectiveReports({ store, history, runner: r, clock, logger: createLogger('silent') });
  const ids = async (prefix: string) =>
    (await history.all())
      .map((r) => r.id)
      .filter((id) => id.startsWith(prefix))
      .sort();

  const OPENED = '2025-01-04';
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-directive-'));
    store = openSqliteStore(join(dir, 'live.sqlite'));
    history = await createTestReportHistory();
    runner = fakeRunner((scope) => PER_DAY[scope] ?? 0);
    for (const [id, fa] of [
      ['tehran', 'استان تهران'],
      ['fars', 'استان فارس'],
    ] as const) {
      await store.putRecord('provincial-office', id, { id, organisationId: 'sso', name: { fa } }, 0);
    }
    for (const [id, office] of [
      ['b1', 'tehran'],
      ['b2', 'tehran'],
      ['b3', 'fars'],
    ] as const) {
      const config = testConfig((c) => {
        c.branch.id = id;
        c.branch.provincialOfficeId = office;
        c.branch.name = { fa: `شعبه ${id}`, en: `Branch ${id}` };
      });
      await store.putRecord('branch', id, config, 0);
      // Open long before the periods the tests ask about (DR4: a branch with no day by a period's end has no report).
      await history.archiveFinal(id, OPENED);
    }
  });
  afterEach(async () => {
    vi.useRealTimers();
    await history.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[DR3][J2] nothing of Aban before 1 Azar (Tehran midnight); on 1 Azar the Aban report of every branch and province', async () => {
    const s = service();
    now = tehran(ABAN_30, '23:59');
    await s.tick();
    expect(await ids('crm-monthly/1405-08/')).toEqual([]);
    now = tehran(AZAR_1, '00:00');
    const made = await s.tick();
    expect(made.filter((id) => id.startsWith('crm-monthly/1405-08/')).sort()).toEqual(
      ALL_SCOPES.map((x) => `crm-monthly/1405-08/${x}`),
    );
    // Azar 1 ends no quarter: the third (Mehr–Azar) is due on 1 Dey.
    expect(made.filter((id) => id.startsWith('quarterly/1405-Q3/'))).toEqual([]);
  });

  it('[DR1] the monthly CRM report of a branch: the month’s figures against the month before, the desk, and what is not held yet', async () => {
    now = tehran(AZAR_1, '00:10');
    await service().tick();
    const r = await history.getReport('crm-monthly/1405-08/branch/b1');
    expect(r).toMatchObject({
      kind: 'crm-monthly',
      scope: { level: 'branch', id: 'b1' },
      period: { jalali: '1405-08', from: '2026-10-23', to: ABAN_30 },
      generatedAt: new Date(now).toISOString(),
    });
    const d = r?.data as CrmMonthlyData;
    // Aban has 30 days, Mehr 30: b1's 2 a day.
    expect(d.total.served).toBe(60);
    expect(d.previousPeriod).toEqual({ jalali: '1405-07', from: '2026-09-23', to: '2026-10-22' });
    expect(d.previousTotal.served).toBe(60);
    expect(d.byDay.map((x) => x.key)).toHaveLength(30);
    expect(d.byDay[0]?.key).toBe('2026-10-23');
    expect(d.byCounter.length).toBeGreaterThan(0);
    expect(d.byClerk.length).toBeGreaterThan(0);
    expect(d.byBranch).toEqual([]);
    expect(d.scope).toEqual({
      level: 'branch',
      id: 'b1',
      name: { fa: 'شعبه b1', en: 'Branch b1' },
      province: { fa: 'استان تهران' },
      branchType: 1,
    });
    expect(d.setup).toMatchObject({ branches: 1, counters: 3, subServices: 3, clerks: 3 });
    expect(d.setup.signs.map((k) => [k.number, k.services.map((t) => t.fa)])).toEqual([
      [1, ['تمدید دفترچه', 'سابقه']],
      [2, ['سابقه']],
      [3, ['تمدید دفترچه', 'سابقه', 'مستمری']],
    ]);
    expect(d.setup.infoPackages).toHaveLength(3);
    expect(d.notYetHeld).toEqual({
      survey: null,
      complaints: null,
      electronicRequests: null,
      backOfficeResponses: null,
    });
    expect(d.unarchivedDays).toEqual([]);
    // Every figure was asked of the runner for b1 alone, as the generator (all branches in reach).
    const mine = runner.queries.filter((q) => q.query.branchId === 'b1' && q.query.from === '2026-10-23');
    expect(mine.map((q) => q.query.by).sort()).toEqual(['clerk', 'counter', 'day', 'hour', 'service', 'weekday']);
    expect(mine.every((q) => 'all' in q.reach && q.query.compare === false)).toBe(true);
  });

  it('[DR1] the monthly CRM report of a province: its branches together, by branch', async () => {
    now = tehran(AZAR_1, '00:10');
    await service().tick();
    const d = (await history.getReport('crm-monthly/1405-08/province/tehran'))?.data as CrmMonthlyData;
    expect(d.total.served).toBe(7 * 30);
    expect(d.setup).toMatchObject({ branches: 2, counters: 6, subServices: 6, clerks: 6, signs: [], infoPackages: [] });
    expect(d.byBranch.length).toBeGreaterThan(0);
    expect(d.byCounter).toEqual([]);
    expect(runner.queries.some((q) => q.query.provinceId === 'tehran' && q.query.by === 'branch')).toBe(true);
  });

  it('[DR4] a server down on the 1st: a new instance on the 3rd makes what was missed, and a second tick doubles nothing', async () => {
    now = tehran('2026-11-20', '12:00'); // 29 Aban
    await service().tick();
    expect(await ids('crm-monthly/1405-08/')).toEqual([]);
    now = tehran('2026-11-24', '10:00'); // 3 Azar: a restarted process, a new instance over the same history
    const restarted = service();
    const made = await restarted.tick();
    expect(made.filter((id) => id.includes('/1405-08/')).sort()).toEqual(
      ALL_SCOPES.map((x) => `crm-monthly/1405-08/${x}`),
    );
    const first = await history.getReport('crm-monthly/1405-08/branch/b2');
    expect(first?.generatedAt).toBe(new Date(now).toISOString());
    now += 3_600_000;
    expect(await restarted.tick()).toEqual([]);
    expect(await service().tick()).toEqual([]);
    expect(await ids('crm-monthly/1405-08/')).toHaveLength(ALL_SCOPES.length);
    expect((await history.getReport('crm-monthly/1405-08/branch/b2'))?.generatedAt).toBe(first?.generatedAt);
  });

  it('[DR4] it looks back two months and one quarter, no further', async () => {
    now = tehran(AZAR_1, '08:00');
    await service().tick();
    const periods = new Set((await history.all()).map((r) => `${r.kind}/${r.period.jalali}`));
    expect([...periods].sort()).toEqual(['crm-monthly/1405-07', 'crm-monthly/1405-08', 'quarterly/1405-Q2']);
  });

  it('[DR4] a branch with no day of its own by a period’s end gets no report for it (a new install makes none)', async () => {
    const config = testConfig((c) => {
      c.branch.id = 'b4';
      c.branch.provincialOfficeId = 'fars';
    });
    await store.putRecord('branch', 'b4', config, 0);
    // b4 opened in Aban 1405 (its first day, archived): Aban's report, not Mehr's or the summer quarter's.
    await history.archiveFinal('b4', '2026-11-10');
    now = tehran(AZAR_1, '08:00');
    expect(await history.all()).toEqual([]);
    const made = await service().tick();
    expect(made).toContain('crm-monthly/1405-08/branch/b4');
    expect(made).not.toContain('crm-monthly/1405-07/branch/b4');
    expect(made).not.toContain('quarterly/1405-Q2/branch/b4');
    expect(made).toContain('crm-monthly/1405-07/branch/b1');
  });

  it('[DR5] two instances ticking at once store one report per id', async () => {
    now = tehran(AZAR_1, '00:05');
    const [a, b] = await Promise.all([service().tick(), service(fakeRunner((s) => PER_DAY[s] ?? 0)).tick()]);
    const both = [...a, ...b];
    expect(new Set(both).size).toBe(both.length); // no id made by both
    const stored = (await history.all()).map((r) => r.id).sort();
    expect(both.sort()).toEqual(stored);
    expect(stored.filter((id) => id.includes('/1405-08/'))).toHaveLength(ALL_SCOPES.length);
  });

  it('[DR3][J1] the year edge: on 1 Farvardin 1405 Esfand 1404 (29 days) and the fourth quarter; Esfand 1403 had 30', async () => {
    now = tehran('2026-03-21', '00:00'); // 1 Farvardin 1405
    const made = await service().tick();
    expect(made).toContain('crm-monthly/1404-12/branch/b1');
    expect(made).toContain('quarterly/1404-Q4/branch/b1');
    const esfand = await history.getReport('crm-monthly/1404-12/branch/b1');
    expect(esfand?.period).toEqual({ jalali: '1404-12', from: '2026-02-20', to: '2026-03-20' });
    expect((esfand?.data as CrmMonthlyData | undefined)?.total.served).toBe(2 * 29);
    expect((esfand?.data as CrmMonthlyData | undefined)?.previousPeriod.jalali).toBe('1404-11');
    const q4 = await history.getReport('quarterly/1404-Q4/branch/b1');
    expect(q4?.period).toEqual({ jalali: '1404-Q4', from: '2025-12-22', to: '2026-03-20' });
    expect((q4?.data as QuarterlyData | undefined)?.previousPeriod.jalali).toBe('1404-Q3');

    now = tehran('2025-03-21', '00:00'); // 1 Farvardin 1404: 1403 was a leap year
    await service().tick();
    const leap = await history.getReport('crm-monthly/1403-12/branch/b1');
    expect(leap?.period).toEqual({ jalali: '1403-12', from: '2025-02-19', to: '2025-03-20' });
    expect((leap?.data as CrmMonthlyData | undefined)?.total.served).toBe(2 * 30);
  });

  it('[DR2][DR3] the quarter edge: nothing of Tir–Shahrivar on 31 Shahrivar; on 1 Mehr each branch’s, per sub-service against جدول ۱', async () => {
    now = tehran('2026-09-22', '23:00'); // 31 Shahrivar 1405
    await service().tick();
    expect(await ids('quarterly/1405-Q2/')).toEqual([]);
    now = tehran('2026-09-23', '00:30'); // 1 Mehr
    await service().tick();
    expect(await ids('quarterly/1405-Q2/')).toEqual([
      'quarterly/1405-Q2/branch/b1',
      'quarterly/1405-Q2/branch/b2',
      'quarterly/1405-Q2/branch/b3',
    ]);
    const q = await history.getReport('quarterly/1405-Q2/branch/b3');
    expect(q?.period).toEqual({ jalali: '1405-Q2', from: '2026-06-22', to: '2026-09-22' });
    const d = q?.data as QuarterlyData;
    expect(d.total.served).toBe(5 * 93); // Tir, Mordad, Shahrivar: 31 days each
    expect(d.services.map((s) => s.serviceId)).toEqual(['s1', 's2', 's3']);
    const s1 = d.services[0];
    expect(s1?.agreed).toEqual({
      averageDuration: { value: 5, unit: 'minute' },
      averageMinutes: 5,
      workflow: [],
      workflowMinutes: null,
    });
    expect(s1?.figures.served).toBe(5 * 93);
    expect(s1?.serveToAgreed).toBeCloseTo(4 / 5); // the fake's mean serving time is 4 minutes
    expect(d.services[2]?.figures.served).toBe(0); // s3: no row from the runner
    expect(d.services[2]?.serveToAgreed).toBeNull();
    expect(d.survey).toBeNull();
  });

  it('[SU6][DR2] the quarterly report carries the quarter’s survey answers of its branch by axis (جدول ۵)', async () => {
    const answers = (level: number) => Object.fromEntries(SURVEY_QUESTION_IDS.map((id) => [id, level]));
    const answer = (ticketId: string, branchId: string, day: string, level: number) =>
      store.putRecord(
        'survey',
        ticketId,
        {
          ticketId,
          branchId,
          serviceId: 's1',
          counterId: null,
          clerkId: null,
          day,
          answeredAt: `${day}T08:00:00.000Z`,
          answers: answers(level),
        },
        0,
      );
    await answer('b1~a', 'b1', '2026-07-01', 5); // Tir 1405: in Q2
    await answer('b1~b', 'b1', '2026-09-22', 3); // 31 Shahrivar: in Q2
    await answer('b1~c', 'b1', '2026-09-23', 1); // 1 Mehr: Q3
    await answer('b2~a', 'b2', '2026-07-01', 1); // another branch
    now = tehran('2026-09-23', '00:30');
    await service().tick();
    const d = (await history.getReport('quarterly/1405-Q2/branch/b1'))?.data as QuarterlyData;
    expect(d.survey?.answers).toBe(2);
    expect(d.survey?.byAxis.map((r) => r.key)).toEqual([
      'transparency',
      'responsiveness',
      'mastery',
      'time',
      'systematic',
      'overall',
    ]);
    // Transparency: three 5s and three 3s.
    expect(d.survey?.byAxis[0]).toMatchObject({ answers: 2, mean: 4, distribution: [0, 0, 3, 0, 3] });
    const b3 = (await history.getReport('quarterly/1405-Q2/branch/b3'))?.data as QuarterlyData;
    expect(b3.survey).toBeNull();
    const doc = directiveToDoc((await history.getReport('quarterly/1405-Q2/branch/b1')) as StoredReport, 'fa');
    const section = doc.sections.find((x) => x.title.startsWith('نظرسنجی رضایت مراجعان (جدول ۵) — پاسخ‌ها: ۲'));
    expect(section?.rows[0]).toEqual(['شفافیت فرایندی', 4, 3, 0, 3, 0, 0]);
    // No "not yet recorded" survey section once it holds answers.
    expect(doc.sections.filter((x) => x.title.includes('جدول ۵'))).toHaveLength(1);
  });

  it('[DR2] the agreed durations come from the workflow table (جدول ۱) in minutes', async () => {
    const config = testConfig((c) => {
      const s = c.services[0];
      if (!s) throw new Error('fixture');
      s.info.averageDuration = { value: 2, unit: 'day' };
      s.workflow = [
        { row: 1, title: 'دریافت', unit: 'میز خدمت', post: 'کارشناس', duration: 30, durationUnit: 'minute' },
        { row: 2, title: 'بررسی', unit: 'درآمد', post: 'رئیس', duration: 1, durationUnit: 'day' },
      ];
    });
    await store.putRecord('branch', 'b1', config, 1);
    now = tehran('2026-09-23', '00:30');
    await service().tick();
    const d = (await history.getReport('quarterly/1405-Q2/branch/b1'))?.data as QuarterlyData;
    expect(d.services[0]?.agreed).toMatchObject({ averageMinutes: 2 * 24 * 60, workflowMinutes: 30 + 24 * 60 });
    expect(d.services[0]?.agreed.workflow).toHaveLength(2);
  });

  it('[DR4] a report waits while a day of its period has a live log not archived final; from the 3rd it is made anyway, naming the day', async () => {
    // b1 worked on 30 Aban and the archiver has not finished that day yet.
    await store.appendEvents('b1', ABAN_30, 0, [
      { type: 'CounterOpened', at: tehran(ABAN_30, '08:00'), counterId: 'c1', clerkId: 'k1' },
    ]);
    now = tehran(AZAR_1, '00:05');
    const made = await service().tick();
    expect(made).not.toContain('crm-monthly/1405-08/branch/b1');
    expect(made).not.toContain('crm-monthly/1405-08/province/tehran');
    expect(made).toContain('crm-monthly/1405-08/branch/b2');
    expect(made).toContain('crm-monthly/1405-08/province/fars');

    await history.archiveFinal('b1', ABAN_30);
    now = tehran(AZAR_1, '01:00');
    expect((await service().tick()).sort()).toEqual([
      'crm-monthly/1405-08/branch/b1',
      'crm-monthly/1405-08/province/tehran',
    ]);
    expect(
      ((await history.getReport('crm-monthly/1405-08/branch/b1'))?.data as CrmMonthlyData | undefined)?.unarchivedDays,
    ).toEqual([]);
  });

  it('[DR4] from the 3rd a report is made with its unarchived days named', async () => {
    await store.appendEvents('b1', ABAN_30, 0, [
      { type: 'CounterOpened', at: tehran(ABAN_30, '08:00'), counterId: 'c1', clerkId: 'k1' },
    ]);
    now = tehran('2026-11-23', '23:00'); // 2 Azar: still waiting
    expect(await service().tick()).not.toContain('crm-monthly/1405-08/branch/b1');
    now = tehran('2026-11-24', '00:00'); // 3 Azar
    expect(await service().tick()).toContain('crm-monthly/1405-08/branch/b1');
    const d = (await history.getReport('crm-monthly/1405-08/province/tehran'))?.data as CrmMonthlyData;
    expect(d.unarchivedDays).toEqual([`b1/${ABAN_30}`]);
  });

  it('[DR4] a runner failure for one scope leaves the others, and the next tick makes it', async () => {
    let failing = true;
    const flaky = fakeRunner((s) => PER_DAY[s] ?? 0);
    const run = flaky.run.bind(flaky);
    flaky.run = async (q, reach) => {
      if (failing && q.branchId === 'b2') throw new Error('history unavailable');
      return run(q, reach);
    };
    now = tehran(AZAR_1, '00:05');
    const s = service(flaky);
    const first = await s.tick();
    expect(first).toContain('crm-monthly/1405-08/branch/b1');
    expect(first).not.toContain('crm-monthly/1405-08/branch/b2');
    failing = false;
    expect(await s.tick()).toContain('crm-monthly/1405-08/branch/b2');
  });

  it('[DR6] reach: an admin lists everything; a supervisor only their branch’s reports, and cannot read another scope', async () => {
    now = tehran(AZAR_1, '00:05');
    const s = service();
    await s.tick();
    const all = await s.list({ limit: 500 }, { all: true });
    expect(all.length).toBe((await history.all()).length);
    expect(all[0]?.period.jalali).toBe('1405-08'); // newest period first
    const tehranProvince = all.find((m) => m.id === 'crm-monthly/1405-08/province/tehran');
    expect(tehranProvince?.scope).toEqual({ level: 'province', id: 'tehran', name: { fa: 'استان تهران' } });
    const mine = await s.list({ limit: 500 }, { branchIds: ['b1'] });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((m) => m.scope.level === 'branch' && m.scope.id === 'b1')).toBe(true);
    expect(mine.find((m) => m.id === 'crm-monthly/1405-08/branch/b1')?.scope.name).toEqual({
      fa: 'شعبه b1',
      en: 'Branch b1',
    });
    const quarterly = await s.list({ kind: 'quarterly', limit: 500 }, { branchIds: ['b1'] });
    expect(quarterly.map((m) => m.id)).toEqual(['quarterly/1405-Q2/branch/b1']);
    expect(await s.get('crm-monthly/1405-08/branch/b1', { branchIds: ['b1'] })).toBeDefined();
    expect(await s.get('crm-monthly/1405-08/branch/b2', { branchIds: ['b1'] })).toBeUndefined();
    expect(await s.get('crm-monthly/1405-08/province/tehran', { branchIds: ['b1'] })).toBeUndefined();
    expect(await s.get('crm-monthly/1405-08/province/tehran', { all: true })).toBeDefined();
    expect(await s.get('crm-monthly/1405-08/branch/nope', { all: true })).toBeUndefined();
    expect(await s.list({ limit: 10 }, { branchIds: [] })).toEqual([]);
  });

  it('[DR4] start ticks at once and on its timer, which does not hold the process; stop ends it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const s = new DirectiveReports({
      store,
      history,
      runner,
      clock,
      logger: createLogger('silent'),
      intervalMs: 60_000,
    });
    const tick = vi.spyOn(s, 'tick');
    now = tehran(ABAN_30, '23:50');
    s.start();
    expect(tick).toHaveBeenCalledTimes(1);
    await tick.mock.results[0]?.value;
    expect(await ids('crm-monthly/1405-08/')).toEqual([]);
    now = tehran(AZAR_1, '00:00');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(2);
    await tick.mock.results[1]?.value;
    expect(await ids('crm-monthly/1405-08/')).toHaveLength(ALL_SCOPES.length);
    const timer = (s as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    await s.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(tick).toHaveBeenCalledTimes(2);
  });
});
