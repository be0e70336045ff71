// The workbook's parts on their own (SPEC X2–X5): how a cell is read, where a problem is placed, the
// holidays sheet, and the zip check that runs before any workbook is opened.
import { deflateRawSync } from 'node:zlib';
import {
  AlertSettings,
  Branch,
  BranchConfig,
  BranchSettings,
  Clerk,
  Counter,
  CounterService,
  Fee,
  InfoPackage,
  OpeningHours,
  PhoneSettings,
  PriorityClass,
  RequiredDocument,
  ServiceGroup,
  SubService,
  WorkflowStep,
} from '@nobat/protocol';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoConfigInput } from '../demo.ts';
import { testConfig } from '../testing/fixtures.ts';
import { isoToJalali, jalaliToIso, readCell } from './cells.ts';
import { fromWorkbook } from './from-workbook.ts';
import { judgeImport } from './judge.ts';
import { locate } from './problems.ts';
import { readXlsx } from './read-xlsx.ts';
import { BRANCH_KEYS, type Column, SHEETS, sheetName } from './sheets.ts';
import { toWorkbook, toXlsx } from './to-workbook.ts';
import { checkZip } from './zip-guard.ts';

const META = { version: 4, exportedAt: '2026-03-01T08:00:00.000Z' };
const rules = (config: BranchConfig) => ({
  branchId: config.branch.id,
  current: config,
  mayMove: true,
  serviceInUse: () => false,
  counterInUse: () => false,
});

async function roundTrip(config: BranchConfig) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await toXlsx(config, META)) as never);
  return fromWorkbook(wb);
}

describe('[X2] sheets', () => {
  it('[X2] every sheet name fits Excel (31 characters) and carries its key', () => {
    for (const spec of Object.values(SHEETS)) {
      expect(sheetName(spec).length, sheetName(spec)).toBeLessThanOrEqual(31);
      expect(sheetName(spec)).toMatch(new RegExp(`\\(${spec.key}\\)$`));
    }
  });

  it('[X2] every field of the configuration has a column (a field added to the model without one fails here)', () => {
    const has = (columns: readonly Column[], key: string) =>
      columns.some((c) => c.key === key || c.key.startsWith(`${key}.`));
    const missing: string[] = [];
    const check = (what: string, keys: string[], columns: readonly Column[], elsewhere: string[] = [], prefix = '') => {
      for (const k of keys) if (!elsewhere.includes(k) && !has(columns, prefix + k)) missing.push(`${what}.${k}`);
    };
    const keys = (schema: { shape: object }) => Object.keys(schema.shape);
    check('config', keys(BranchConfig), [], ['branch', 'groups', 'services', 'counters', 'priorities', 'clerks']);
    check('branch', keys(Branch), BRANCH_KEYS, ['openingHours', 'holidays']);
    check('settings', keys(BranchSettings), BRANCH_KEYS, [], 'settings.');
    check('alerts', keys(AlertSettings), BRANCH_KEYS, [], 'settings.alerts.');
    check('phone', keys(PhoneSettings), BRANCH_KEYS, [], 'settings.phone.');
    check('openingHours', keys(OpeningHours), SHEETS.hours.columns);
    check('group', keys(ServiceGroup), SHEETS.groups.columns);
    check('service', keys(SubService), SHEETS.services.columns, ['info', 'workflow']);
    check('numbering', keys(SubService.shape.numbering), SHEETS.services.columns, [], 'numbering.');
    const lists = ['steps', 'requiredDocuments', 'fees', 'addresses', 'inquiries'];
    check('info', keys(InfoPackage), SHEETS.info.columns, lists);
    check('responsible', keys(InfoPackage.shape.responsible), SHEETS.info.columns, [], 'responsible.');
    check('document', keys(RequiredDocument), SHEETS.documents.columns);
    check('fee', keys(Fee), SHEETS.fees.columns);
    check('workflow', keys(WorkflowStep), SHEETS.workflow.columns);
    check('priority', keys(PriorityClass), SHEETS.priorities.columns);
    check('counter', keys(Counter), SHEETS.counters.columns, ['services']);
    check('counterService', keys(CounterService), SHEETS.counterServices.columns);
    check('clerk', keys(Clerk), SHEETS.clerks.columns);
    expect(missing).toEqual([]);
  });

  it('[X2] the readme sheet says what the file is, for the importer', async () => {
    const read = await roundTrip(testConfig());
    expect(read.meta).toMatchObject({ format: 'nobat-branch-config', formatVersion: 1, branchId: 'b1', version: 4 });
  });
});

describe('[X3] reading cells as an office fills them in', () => {
  it.each([
    ['int', '۱۲۰', 120],
    ['int', '1,200', 1200],
    ['number', '۱٫۵', 1.5],
    ['bool', 'بله', true],
    ['bool', 'خیر', false],
    ['bool', 'FALSE', false],
    ['time', '7:30', '07:30'],
    ['time', '۱۴:۰۵', '14:05'],
    ['time', 0.75, '18:00'],
    ['time', new Date(Date.UTC(1899, 11, 30, 7, 30)), '07:30'],
    ['date', '۱۴۰۵/۰۱/۰۱', '2026-03-21'],
    ['date', '1404/12/29', '2026-03-20'],
    ['date', '2026-04-02', '2026-04-02'],
    ['date', new Date(Date.UTC(2026, 3, 2)), '2026-04-02'],
    ['unit', 'روز', 'day'],
    ['unit', 'hour', 'hour'],
    ['kind', 'اولویت‌دار', 'priority'],
    ['balancing', 'سهم به نسبت وزن', 'proportional'],
    ['balancing', 'longest-wait', 'longest-wait'],
    ['ids', 'counter-1، counter-2', ['counter-1', 'counter-2']],
    ['id', 1234, '1234'],
  ] as const)('%s %j → %j', (kind, raw, expected) => {
    expect(readCell(kind, raw as never)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['int', 'دو'],
    ['int', '1.5'],
    ['bool', 'شاید'],
    ['time', '7.5pm'],
    ['date', '1405/13/01'],
    ['date', '2026-02-30'],
    ['unit', 'fortnight'],
    ['balancing', 'random'],
  ] as const)('%s %j is refused with a message', (kind, raw) => {
    const read = readCell(kind, raw);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/ \/ /); // Persian / English
  });

  it('[X3] Jalali dates go both ways', () => {
    for (const iso of ['2026-03-21', '2026-09-22', '2027-03-20', '2024-12-31']) {
      const [y, m, d] = isoToJalali(iso).split('/').map(Number);
      expect(jalaliToIso(y ?? 0, m ?? 0, d ?? 0)).toBe(iso);
    }
  });
});

describe('[X3] the workbook back to a configuration', () => {
  it('[X3] the test branch comes back equal too', async () => {
    const config = testConfig();
    const read = await roundTrip(config);
    expect(read.problems).toEqual([]);
    const judged = judgeImport(read.input, read, rules(config));
    expect(judged).toEqual({ ok: true, config });
  });

  it('[X3] [B7] the balancing modes of the branch and of a counter come back (a counter without one stays without)', async () => {
    const config = testConfig((c) => {
      c.branch.settings = { balancing: 'longest-wait' };
      const c1 = c.counters[0];
      if (c1) c1.balancing = 'proportional';
    });
    const read = await roundTrip(config);
    expect(read.problems).toEqual([]);
    const judged = judgeImport(read.input, read, rules(config));
    expect(judged).toEqual({ ok: true, config });
    expect(judged.ok && judged.config.counters.map((c) => c.balancing)).toEqual(['proportional', undefined, undefined]);
  });

  it('[X3] holidays are written as Jalali dates and read back as ISO dates', async () => {
    const config = testConfig();
    const withHolidays = { ...config, branch: { ...config.branch, holidays: ['2026-03-21', '2026-04-01'] } };
    const wb = toWorkbook(withHolidays as BranchConfig, META);
    const ws = wb.getWorksheet(sheetName(SHEETS.holidays));
    expect(ws?.getRow(3).getCell(1).value).toBe('1405/01/01');
    const read = fromWorkbook(wb);
    expect((read.input.branch as { holidays: string[] }).holidays).toEqual(['2026-03-21', '2026-04-01']);
    // None written, none read: a model without holidays reads the workbook all the same.
    expect(fromWorkbook(toWorkbook(config, META)).input.branch).not.toHaveProperty('holidays');
  });

  it('[X4] a cell that cannot be read is one problem, not two (zod is not asked about it again)', async () => {
    const config = BranchConfig.parse(demoConfigInput());
    const wb = toWorkbook(config, META);
    const ws = wb.getWorksheet(sheetName(SHEETS.services));
    if (!ws) throw new Error('no services sheet');
    ws.getRow(3).getCell(6).value = 'many'; // numbering.from of the first service
    const read = fromWorkbook(wb);
    const judged = judgeImport(read.input, read, rules(config));
    expect(judged.ok).toBe(false);
    expect(!judged.ok && judged.problems).toEqual([
      { sheet: 'خدمات (services)', row: 3, field: 'numbering.from', message: '«شماره از»: عدد نیست / not a number' },
    ]);
  });

  it('[X4] a service with no row in the information sheet is named', async () => {
    const config = testConfig();
    const wb = toWorkbook(config, META);
    wb.getWorksheet(sheetName(SHEETS.info))?.spliceRows(4, 1); // s2's row
    const read = fromWorkbook(wb);
    const judged = judgeImport(read.input, read, rules(config));
    expect(!judged.ok && judged.problems).toEqual([
      {
        sheet: 'شناسنامهٔ خدمت (info)',
        row: null,
        field: 'serviceId',
        message: expect.stringContaining('"s2" has no row here'),
      },
    ]);
  });
});

describe('[X4] problems between records land on the rows that make them', () => {
  it('[X4] duplicate ids and numbers, unknown groups and counters, overlapping numbers: each on its row', async () => {
    const config = testConfig();
    const wb = toWorkbook(config, META);
    const sheetOf = (key: keyof typeof SHEETS) => {
      const ws = wb.getWorksheet(sheetName(SHEETS[key]));
      if (!ws) throw new Error(key);
      return ws;
    };
    const cell = (key: keyof typeof SHEETS, row: number, column: string) => {
      const i = SHEETS[key].columns.findIndex((c) => c.key === column);
      return sheetOf(key)
        .getRow(row)
        .getCell(i + 1);
    };
    cell('services', 4, 'groupId').value = 'no-group'; // s2
    cell('services', 5, 'numbering.from').value = 1500; // s3 now overlaps s1 (1001–1999)
    cell('services', 5, 'numbering.to').value = 1600;
    cell('counters', 5, 'number').value = 1; // c3 takes c1's number
    cell('clerks', 4, 'counters').value = 'c1, c9'; // k2
    cell('groups', 3, 'id').value = 'g1'; // unchanged, then a second g1:
    sheetOf('groups').addRow(['g1', 'دوباره', '', 2]);
    const read = fromWorkbook(wb);
    const judged = judgeImport(read.input, read, rules(config));
    expect(judged.ok).toBe(false);
    const where = !judged.ok ? judged.problems.map((p) => [p.sheet, p.row, p.field]) : [];
    expect(where).toEqual(
      expect.arrayContaining([
        ['خدمات (services)', 4, 'groupId'],
        ['خدمات (services)', 5, 'numbering.to'],
        ['باجه‌ها (counters)', 5, 'number'],
        ['کارمندان (clerks)', 4, 'counters'],
        ['گروه‌های خدمت (groups)', 4, 'id'],
      ]),
    );
    expect(where).toHaveLength(5);
  });
});

describe('[X4] where a problem is', () => {
  const origins = [
    { path: 'services.1', sheet: 'S', row: 4, columns: SHEETS.services.columns },
    { path: 'services.1.info.steps.0', sheet: 'T', row: 7, columns: SHEETS.steps.columns },
    { path: 'branch.name.fa', sheet: 'B', row: 6, columns: [], field: 'name.fa' },
  ];
  it.each([
    ['services.1.numbering.to', { sheet: 'S', row: 4, field: 'numbering.to' }],
    ['services.1.numbering', { sheet: 'S', row: 4, field: 'numbering.to' }],
    ['services.1.title', { sheet: 'S', row: 4, field: 'title.fa' }],
    ['services.1.info.steps.0', { sheet: 'T', row: 7, field: null }],
    ['branch.name', { sheet: 'B', row: 6, field: 'name.fa' }],
    ['counters.0', { sheet: null, row: null, field: 'counters.0' }],
  ])('%s', (path, expected) => {
    const { header: _, ...place } = locate(origins, path);
    expect(place).toEqual(expected);
  });
});

describe('[X5] the zip check before a workbook is opened', () => {
  it('[X5] a real workbook passes', async () => {
    expect(checkZip(await toXlsx(testConfig(), META))).toEqual({ ok: true });
  });

  it('[X5] a small file that unpacks past the budget is refused without unpacking it all', () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 65);
    const bomb = zipOf(deflateRawSync(big), big.length, 8);
    expect(bomb.length).toBeLessThan(20_000);
    expect(checkZip(bomb, 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
    // Lying about its size does not help: what inflates is counted.
    expect(checkZip(zipOf(deflateRawSync(big), 10, 8), 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('[X5] truncated, encrypted or unknown compression: not a zip we open', async () => {
    const real = await toXlsx(testConfig(), META);
    expect(checkZip(real.subarray(0, real.length - 30))).toEqual({ ok: false, reason: 'not-zip' });
    expect(checkZip(zipOf(Buffer.from('x'), 1, 0, 1))).toEqual({ ok: false, reason: 'not-zip' });
    expect(checkZip(zipOf(Buffer.from('x'), 1, 12))).toEqual({ ok: false, reason: 'not-zip' });
    expect(checkZip(Buffer.from('PK but nothing else'))).toEqual({ ok: false, reason: 'not-zip' });
  });

  it('[X5] readXlsx says why bytes are not a branch workbook', async () => {
    expect(await readXlsx(Buffer.from('nope'))).toMatchObject({ ok: false, reason: 'not-xlsx' });
    const other = new ExcelJS.Workbook();
    other.addWorksheet('x');
    const bytes = Buffer.from(await other.xlsx.writeBuffer());
    expect(await readXlsx(bytes)).toMatchObject({ ok: false, reason: 'not-nobat' });
  });
});

/** One entry's zip, with its sizes and flags as given. */
function zipOf(data: Buffer, declared: number, method: number, flags = 0): Buffer {
  const name = Buffer.from('a.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
