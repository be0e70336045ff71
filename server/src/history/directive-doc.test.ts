// A directive's stored report as an export document (DR1, DR2, J3): titled as readers write the
// period, in Persian with Persian digits or in English without Persian, every row as wide as its
// columns, and the parts not held yet as sections saying so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { testConfig } from '../testing/fixtures.ts';
import { DirectiveReports, directiveToDoc } from './directive-reports.ts';
import type { ExportDoc } from './export-doc.ts';
import type { StoredReport } from './port.ts';
import { fakeRunner } from './test-support/fake-runner.ts';
import { createTestReportHistory, type TestReportHistory } from './test-support/report-history.ts';

const PERSIAN = /[\u0600-\u06FF]/;
const LATIN_DIGIT = /[0-9]/;

let dir: string;
let store: SqliteStore;
let history: TestReportHistory;
const report = async (id: string): Promise<StoredReport> => {
  const r = await history.getReport(id);
  if (!r) throw new Error(`no report ${id}`);
  return r;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nobat-directive-doc-'));
  store = openSqliteStore(join(dir, 'live.sqlite'));
  history = await createTestReportHistory();
  await store.putRecord(
    'provincial-office',
    'tehran',
    { id: 'tehran', organisationId: 'sso', name: { fa: 'استان تهران', en: 'Tehran province' } },
    0,
  );
  const config = testConfig((c) => {
    const s = c.services[0];
    if (!s) throw new Error('fixture');
    s.title = { fa: 'تمدید دفترچه', en: 'Booklet renewal' };
    s.workflow = [
      { row: 1, title: 'دریافت مدارک', unit: 'میز خدمت', post: 'کارشناس', duration: 30, durationUnit: 'minute' },
      { row: 2, title: 'بررسی', unit: 'درآمد', post: 'رئیس اداره', duration: 2, durationUnit: 'day' },
    ];
  });
  await store.putRecord('branch', 'b1', config, 0);
  await history.archiveFinal('b1', '2025-01-04'); // DR4: open before the periods reported
  let now = Date.parse('2026-11-22T00:30:00+03:30'); // 1 Azar 1405
  const service = new DirectiveReports({
    store,
    history,
    runner: fakeRunner(() => 2),
    clock: () => now,
    logger: createLogger('silent'),
  });
  await service.tick();
  now = Date.parse('2026-09-23T00:30:00+03:30'); // 1 Mehr 1405
  await service.tick();
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectWellFormed(doc: ExportDoc): void {
  expect(doc.fileName).toMatch(/^[A-Za-z0-9-]+$/);
  for (const s of doc.sections) {
    for (const row of [...s.rows, ...(s.total ? [s.total] : [])]) expect(row, s.title).toHaveLength(s.columns.length);
    for (const c of s.charts ?? []) {
      for (const series of c.series) expect(series.values, c.title).toHaveLength(c.labels.length);
    }
  }
}

describe('directiveToDoc', () => {
  it('[DR1][J3] the monthly CRM report in Persian: «آبان ۱۴۰۵», Persian digits, and the sections the circular reads', async () => {
    const doc = directiveToDoc(await report('crm-monthly/1405-08/branch/b1'), 'fa');
    expectWellFormed(doc);
    expect(doc.fileName).toBe('crm-monthly-1405-08-branch-b1');
    expect(doc.title).toContain('آبان ۱۴۰۵');
    expect(doc.title).toContain('شعبه آزمایشی');
    for (const line of [doc.title, ...doc.subtitle]) expect(line).not.toMatch(LATIN_DIGIT);
    expect(doc.subtitle[0]).toContain('۱۴۰۵/۰۸/۰۱–۱۴۰۵/۰۸/۳۰');
    expect(doc.subtitle.some((l) => l.includes('پنجم ماه بعد'))).toBe(true);
    const titles = doc.sections.map((s) => s.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'خلاصهٔ عملکرد',
        'استقرار میز خدمت',
        'باجه‌ها و تابلوی راهنمای آن‌ها',
        'بستهٔ اطلاع‌رسانی زیرخدمات',
        'به تفکیک زیرخدمت',
        'به تفکیک باجه',
        'به تفکیک کارمند',
        'به تفکیک روز',
        'به تفکیک ساعت',
        'نظرسنجی رضایت مراجعان (جدول ۵)',
        'شکایات و پاسخ به آن‌ها',
      ]),
    );
    expect(titles).not.toContain('به تفکیک شعبه');
    const summary = doc.sections[0];
    // Issued: Aban (30 days) against Mehr (30 days), 2 a day.
    expect(summary?.rows[0]).toEqual(['نوبت صادرشده', 60, 60]);
    expect(summary?.columns[1]?.header).toContain('آبان ۱۴۰۵');
    expect(summary?.columns[2]?.header).toContain('مهر ۱۴۰۵');
    const byDay = doc.sections.find((s) => s.title === 'به تفکیک روز');
    expect(byDay?.rows).toHaveLength(30);
    expect(byDay?.rows[0]?.[0]).toBe('۱۴۰۵/۰۸/۰۱');
    expect(byDay?.rows[29]?.[0]).toBe('۱۴۰۵/۰۸/۳۰');
    expect(byDay?.charts?.[0]).toMatchObject({ kind: 'line' });
    expect(byDay?.charts?.[0]?.labels).toHaveLength(30);
    const waitColumn = byDay?.columns.findIndex((c) => c.kind === 'minutes') ?? -1;
    expect(byDay?.rows[0]?.[waitColumn]).toBe(6); // the fake's 6-minute mean wait, as a number of minutes
    const survey = doc.sections.find((s) => s.title.includes('جدول ۵'));
    expect(survey?.rows).toEqual([['نوبت هنوز این را ثبت نمی‌کند؛ این بخش پس از راه‌اندازی آن پر می‌شود.']]);
    const signs = doc.sections.find((s) => s.title.startsWith('باجه‌ها'));
    expect(signs?.rows[0]).toEqual([1, 'باجه ۱', 'تمدید دفترچه، سابقه']);
  });

  it('[DR1][J3] in English the document’s own words have no Persian', async () => {
    const doc = directiveToDoc(await report('crm-monthly/1405-08/branch/b1'), 'en');
    expectWellFormed(doc);
    expect(doc.title).toBe('Monthly service-desk report to the CRM — Test branch — Aban 1405');
    expect(doc.subtitle[0]).toBe('Period: Aban 1405 — Days 1405/08/01–1405/08/30');
    for (const line of [doc.title, ...doc.subtitle]) expect(line).not.toMatch(PERSIAN);
    for (const s of doc.sections) {
      expect(s.title).not.toMatch(PERSIAN);
      for (const c of s.columns) expect(c.header).not.toMatch(PERSIAN);
    }
    const byDay = doc.sections.find((s) => s.title === 'By day');
    expect(byDay?.rows[0]?.[0]).toBe('1405/08/01');
  });

  it('[DR1] a province’s report: by branch, no signboards or packages', async () => {
    const doc = directiveToDoc(await report('crm-monthly/1405-08/province/tehran'), 'en');
    expectWellFormed(doc);
    const titles = doc.sections.map((s) => s.title);
    expect(titles).toContain('By branch');
    expect(titles).not.toContain('Counters and their signboards');
    expect(titles).not.toContain('By counter');
    expect(doc.sections.find((s) => s.title === 'The desk as set up')?.rows[0]).toEqual(['Branches', 1]);
  });

  it('[DR2][J3] the quarterly report: «سه‌ماهه دوم ۱۴۰۵», agreed durations beside actual, and جدول ۱ itself', async () => {
    const fa = directiveToDoc(await report('quarterly/1405-Q2/branch/b1'), 'fa');
    expectWellFormed(fa);
    expect(fa.title).toContain('سه‌ماهه دوم ۱۴۰۵');
    const en = directiveToDoc(await report('quarterly/1405-Q2/branch/b1'), 'en');
    expectWellFormed(en);
    expect(en.title).toBe('Quarterly service-desk performance report — Test branch — Q2 1405 (Tir–Shahrivar)');
    const agreed = en.sections.find((s) => s.title === 'Against the agreed durations (table 1)');
    const row = agreed?.rows[0];
    const col = (header: string) => agreed?.columns.findIndex((c) => c.header === header) ?? -1;
    expect(row?.[0]).toBe('Booklet renewal');
    expect(row?.[col('Published duration')]).toBe('5 minutes');
    expect(row?.[col('Agreed (min)')]).toBe(5);
    expect(row?.[col('Workflow steps')]).toBe(2);
    expect(row?.[col('Workflow total (min)')]).toBe(30 + 2 * 24 * 60);
    expect(row?.[col('Served')]).toBe(2 * 93);
    expect(row?.[col('Serving / agreed')]).toBeCloseTo(0.8);
    expect(agreed?.charts?.[0]?.series.map((s) => s.name)).toEqual(['Mean serving (min)', 'Agreed (min)']);
    const workflow = en.sections.find((s) => s.title.startsWith('Table 1'));
    expect(workflow?.rows).toEqual([
      ['Booklet renewal', 1, 'دریافت مدارک', 'میز خدمت', 'کارشناس', '30 minutes'],
      ['Booklet renewal', 2, 'بررسی', 'درآمد', 'رئیس اداره', '2 days'],
    ]);
    expect(en.sections.some((s) => s.title === 'Visitor satisfaction survey (table 5)')).toBe(true);
  });
});
