// A filled-in workbook back to a branch configuration (not yet validated): every row of every sheet
// is read, every cell that cannot be read is a problem at its sheet, row and column, and each part of
// the configuration remembers where it came from so the whole validation can point at cells too.
import type { ImportProblem } from '@nobat/protocol';
import type ExcelJS from 'exceljs';
import { isEmpty, type Plain, plain, readCell } from './cells.ts';
import { indexRow, type Origin, type RowIndex, type Tracing } from './problems.ts';
import { BRANCH_KEYS, SHEETS, type SheetKey, type SheetSpec, sheetName, WEEKDAYS } from './sheets.ts';

/** Rows read from one sheet at most: a branch has tens; this bounds the work a hostile file can ask for. */
export const MAX_ROWS = 5000;

type Obj = Record<string, unknown>;

export interface WorkbookRead extends Tracing {
  /** The configuration as read (BranchConfigInput-shaped), for BranchConfig to judge. */
  input: Obj;
  problems: ImportProblem[];
  /** What the readme sheet says about the file. */
  meta: Obj;
}

const UNREADABLE = Symbol('unreadable');

/** One row of a sheet: its cells by column key, read (unreadable ones reported and marked). */
interface ReadRow {
  n: number;
  cells: Map<string, unknown>;
  raw: Map<string, Plain>;
}

interface ReadSheet {
  /** The sheet's name as the office sees it. */
  name: string;
  rows: ReadRow[];
}

const say = (fa: string, en: string) => `${fa} / ${en}`;

class Reader {
  readonly problems: ImportProblem[] = [];
  readonly origins: Origin[] = [];
  readonly index: RowIndex = new Map();
  readonly explained = new Set<string>();

  constructor(private readonly wb: ExcelJS.Workbook) {}

  problem(sheet: string | null, row: number | null, field: string | null, message: string): void {
    this.problems.push({ sheet, row, field, message });
  }

  /** A sheet by the key in brackets at the end of its name (or its key alone). */
  worksheet(spec: SheetSpec): ExcelJS.Worksheet | undefined {
    return this.wb.worksheets.find(
      (ws) => ws.name === sheetName(spec) || ws.name === spec.key || ws.name.trim().endsWith(`(${spec.key})`),
    );
  }

  /** Every non-empty row under the two header rows, its cells read by the column keys of row 2. */
  sheet(spec: SheetSpec): ReadSheet {
    const ws = this.worksheet(spec);
    if (!ws) {
      this.problem(sheetName(spec), null, null, say('این برگه در فایل نیست', 'sheet missing'));
      return { name: sheetName(spec), rows: [] };
    }
    const name = ws.name;
    const byKey = new Map<string, number>();
    ws.getRow(2).eachCell((cell, col) => {
      const key = String(plain(cell.value) ?? '').trim();
      if (key) byKey.set(key, col);
    });
    for (const key of byKey.keys()) {
      if (!spec.columns.some((c) => c.key === key)) this.problem(name, 2, key, say('ستون ناشناخته', 'unknown column'));
    }
    const columns = spec.columns.filter((c) => {
      if (byKey.has(c.key)) return true;
      if (!c.optional) this.problem(name, 2, c.key, say(`ستون «${c.fa}» در برگه نیست`, 'column missing'));
      return false;
    });
    const rows: ReadRow[] = [];
    let tooMany = false;
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      if (n < 3 || tooMany) return;
      const raw = new Map(columns.map((c) => [c.key, plain(row.getCell(byKey.get(c.key) ?? 0).value)] as const));
      if ([...raw.values()].every(isEmpty)) return;
      if (rows.length >= MAX_ROWS) {
        tooMany = true;
        this.problem(name, n, null, say(`بیش از ${MAX_ROWS} ردیف`, `more than ${MAX_ROWS} rows`));
        return;
      }
      const cells = new Map<string, unknown>();
      for (const c of columns) {
        const v = raw.get(c.key) ?? null;
        if (isEmpty(v)) continue;
        const read = readCell(c.kind, v);
        if (read.ok) cells.set(c.key, read.value);
        else {
          this.problem(name, n, c.key, `«${c.fa}»: ${read.message}`);
          cells.set(c.key, UNREADABLE);
        }
      }
      rows.push({ n, cells, raw });
    });
    return { name, rows };
  }

  /**
   * Records where an element of the configuration came from; the paths of its unreadable cells are
   * explained already (`at` maps a column to its path inside the element, '' for the element itself).
   */
  origin(path: string, sheet: ReadSheet, row: ReadRow, spec: SheetSpec, at: Record<string, string> = {}): void {
    this.origins.push({ path, sheet: sheet.name, row: row.n, columns: spec.columns });
    for (const [key, v] of row.cells) {
      if (v !== UNREADABLE) continue;
      const inner = at[key] ?? key;
      this.explained.add(inner ? `${path}.${inner}` : path);
    }
  }
}

function value(row: ReadRow, key: string): unknown {
  const v = row.cells.get(key);
  return v === UNREADABLE ? undefined : v;
}
const str = (row: ReadRow, key: string) => value(row, key) as string | undefined;

/** The given keys that have a value, under their last part (absent ones left out, so defaults apply). */
function pick(row: ReadRow, keys: readonly string[], prefix = ''): Obj {
  const out: Obj = {};
  for (const key of keys) {
    const v = value(row, prefix + key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Persian and English text, required: {fa, en?}. */
function localized(row: ReadRow, key: string): Obj {
  const en = str(row, `${key}.en`);
  return { fa: str(row, `${key}.fa`) ?? '', ...(en ? { en } : {}) };
}

/** A phrase: Persian alone is a plain string, with English an object; an empty pair is undefined. */
function phrase(row: ReadRow, key: string): unknown {
  const fa = str(row, `${key}.fa`);
  const en = str(row, `${key}.en`);
  if (fa === undefined && en === undefined) return undefined;
  return en ? { fa: fa ?? '', en } : fa;
}

function setPath(target: Obj, path: string, v: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    at[part] ??= {};
    at = at[part] as Obj;
  }
  at[parts.at(-1) ?? ''] = v;
}

/** Reads a whole workbook. Problems found here are the cells'; BranchConfig then judges the whole. */
export function fromWorkbook(wb: ExcelJS.Workbook): WorkbookRead {
  const r = new Reader(wb);
  const meta = readMeta(r);
  const branch = readBranch(r);

  const hours = r.sheet(SHEETS.hours);
  branch.openingHours = hours.rows.map((row, i) => {
    r.origin(`branch.openingHours.${i}`, hours, row, SHEETS.hours);
    return {
      days: WEEKDAYS.filter(([d]) => value(row, `days.${d}`) === true).map(([d]) => d),
      ...pick(row, ['open', 'close']),
    };
  });
  const holidays = r.sheet(SHEETS.holidays);
  // Only when there are any, so that a workbook without holidays reads the same whatever the model.
  if (holidays.rows.length > 0) {
    branch.holidays = holidays.rows.map((row, i) => {
      r.origin(`branch.holidays.${i}`, holidays, row, SHEETS.holidays, { date: '' });
      return value(row, 'date');
    });
  }

  /** A list sheet read into elements of `prefix`, indexed by id under `kind` for problems between records. */
  const list = (key: SheetKey, kind: string, build: (row: ReadRow) => Obj) => {
    const sheet = r.sheet(SHEETS[key]);
    indexRow(r.index, `sheet:${key}`, sheet.name, 0);
    return sheet.rows.map((row, i) => {
      r.origin(`${key}.${i}`, sheet, row, SHEETS[key]);
      indexRow(r.index, `${kind}:${str(row, 'id') ?? ''}`, sheet.name, row.n);
      return build(row);
    });
  };

  const groups = list('groups', 'group', (row) => ({ ...pick(row, ['id', 'order']), title: localized(row, 'title') }));
  const services = list('services', 'service', (row) => {
    // [AP1] No appointment cell filled: the sub-service is not booked online.
    const appointments = pick(row, ['slotMinutes', 'perSlot', 'daysAhead', 'graceMinutes'], 'appointments.');
    return {
      ...pick(row, ['id', 'groupId', 'dailyCap', 'targetWaitMinutes', 'averageServiceMinutes', 'active']),
      title: localized(row, 'title'),
      numbering: pick(row, ['prefix', 'from', 'to', 'digits'], 'numbering.'),
      ...(Object.keys(appointments).length > 0 ? { appointments } : {}),
    };
  });
  readServiceParts(r, services);
  const priorities = list('priorities', 'priority', (row) => ({
    ...pick(row, ['id', 'kind', 'weight']),
    title: localized(row, 'title'),
  }));
  const counters = list('counters', 'counter', (row) => {
    const n = value(row, 'number');
    if (n !== undefined) indexRow(r.index, `counterNumber:${String(n)}`, r.origins.at(-1)?.sheet ?? '', row.n);
    return { ...pick(row, ['id', 'number', 'active', 'balancing']), title: localized(row, 'title'), services: [] };
  });
  readCounterServices(r, counters);
  const clerks = list('clerks', 'clerk', (row) => pick(row, ['id', 'name', 'active', 'counters']));

  return {
    input: { branch, groups, services, counters, priorities, clerks },
    problems: r.problems,
    origins: r.origins,
    index: r.index,
    explained: r.explained,
    meta,
  };
}

function readMeta(r: Reader): Obj {
  const meta: Obj = {};
  r.worksheet(SHEETS.readme)?.eachRow((row, n) => {
    if (n < 3) return;
    const key = String(plain(row.getCell(1).value) ?? '').trim();
    if (key) meta[key] = plain(row.getCell(2).value);
  });
  return meta;
}

function readBranch(r: Reader): Obj {
  const branch: Obj = { settings: {} };
  const sheet = r.sheet(SHEETS.branch);
  const seen = new Set<string>();
  for (const row of sheet.rows) {
    const key = str(row, 'key');
    if (!key) continue;
    const column = BRANCH_KEYS.find((c) => c.key === key);
    if (!column) {
      r.problem(sheet.name, row.n, key, say('کلید ناشناخته', 'unknown key'));
      continue;
    }
    if (seen.has(key)) {
      r.problem(sheet.name, row.n, key, say('این کلید دو بار آمده', 'key given twice'));
      continue;
    }
    seen.add(key);
    r.origins.push({ path: `branch.${key}`, sheet: sheet.name, row: row.n, columns: [], field: key });
    const cell = row.raw.get('value') ?? null;
    if (isEmpty(cell)) continue;
    const read = readCell(column.kind, cell);
    if (!read.ok) {
      r.problem(sheet.name, row.n, key, `«${column.fa}»: ${read.message}`);
      r.explained.add(`branch.${key}`);
      continue;
    }
    setPath(branch, key, read.value);
  }
  return branch;
}

/** The rows of the sheets keyed by service id, each attached to its service in row order. */
function readServiceParts(r: Reader, services: Obj[]): void {
  const byId = new Map<string, number>();
  services.forEach((s, i) => {
    if (typeof s.id === 'string' && !byId.has(s.id)) byId.set(s.id, i);
  });
  const lists = new Map<string, unknown[]>();
  const partOf = (i: number, part: string) => {
    const key = `${i}:${part}`;
    const l = lists.get(key) ?? [];
    lists.set(key, l);
    return l;
  };
  const each = (key: SheetKey, take: (sheet: ReadSheet, row: ReadRow, i: number) => void) => {
    const sheet = r.sheet(SHEETS[key]);
    for (const row of sheet.rows) {
      const id = str(row, 'serviceId');
      const i = id === undefined ? undefined : byId.get(id);
      if (i !== undefined) take(sheet, row, i);
      else {
        r.problem(
          sheet.name,
          row.n,
          'serviceId',
          id === undefined
            ? '«شناسهٔ خدمت»: خالی است / required'
            : `«شناسهٔ خدمت»: ${say(`خدمت «${id}» در برگهٔ خدمات نیست`, `no service "${id}" in the services sheet`)}`,
        );
      }
    }
  };

  const info = new Map<number, Obj>();
  const infoSheet = r.worksheet(SHEETS.info)?.name ?? sheetName(SHEETS.info);
  each('info', (sheet, row, i) => {
    if (info.has(i)) {
      r.problem(sheet.name, row.n, 'serviceId', say('این خدمت دو ردیف دارد', 'this service has two rows'));
      return;
    }
    r.origin(`services.${i}.info`, sheet, row, SHEETS.info);
    const complaint = phrase(row, 'complaintRoute');
    info.set(i, {
      averageDuration: pick(row, ['value', 'unit'], 'averageDuration.'),
      responsible: {
        name: phrase(row, 'responsible.name'),
        post: phrase(row, 'responsible.post'),
        ...pick(row, ['phone', 'email'], 'responsible.'),
      },
      ...(complaint === undefined ? {} : { complaintRoute: complaint }),
    });
  });

  const add = (key: SheetKey, part: string, build: (row: ReadRow) => unknown, at?: Record<string, string>) =>
    each(key, (sheet, row, i) => {
      const l = partOf(i, part);
      r.origin(`services.${i}.${part}.${l.length}`, sheet, row, SHEETS[key], at);
      l.push(build(row));
    });
  add('steps', 'info.steps', (row) => phrase(row, 'text') ?? '');
  add('documents', 'info.requiredDocuments', (row) => ({
    ...pick(row, ['id', 'note']),
    title: localized(row, 'title'),
  }));
  add('fees', 'info.fees', (row) => ({
    title: phrase(row, 'title'),
    ...pick(row, ['amountRials']),
    account: phrase(row, 'account') ?? '',
    legalBasis: phrase(row, 'legalBasis') ?? '',
  }));
  add('addresses', 'info.addresses', (row) => phrase(row, 'text') ?? '');
  add('inquiries', 'info.inquiries', (row) => phrase(row, 'text') ?? '');
  add('workflow', 'workflow', (row) => ({
    ...pick(row, ['row', 'title', 'duration', 'durationUnit']),
    unit: str(row, 'unit') ?? '',
    post: str(row, 'post') ?? '',
  }));

  services.forEach((s, i) => {
    const found = info.get(i);
    if (!found) {
      const id = String(s.id ?? '');
      r.problem(
        infoSheet,
        null,
        'serviceId',
        say(`خدمت «${id}» در این برگه ردیف ندارد`, `service "${id}" has no row here`),
      );
      r.explained.add(`services.${i}.info`);
    }
    const part = (name: string) => lists.get(`${i}:${name}`) ?? [];
    s.info = {
      ...found,
      steps: part('info.steps'),
      requiredDocuments: part('info.requiredDocuments'),
      fees: part('info.fees'),
      addresses: part('info.addresses'),
      inquiries: part('info.inquiries'),
    };
    s.workflow = part('workflow');
  });
}

function readCounterServices(r: Reader, counters: Obj[]): void {
  const byId = new Map<string, number>();
  counters.forEach((c, i) => {
    if (typeof c.id === 'string' && !byId.has(c.id)) byId.set(c.id, i);
  });
  const sheet = r.sheet(SHEETS.counterServices);
  for (const row of sheet.rows) {
    const counterId = str(row, 'counterId');
    indexRow(r.index, `counterService:${counterId ?? ''}|${str(row, 'serviceId') ?? ''}`, sheet.name, row.n);
    const i = counterId === undefined ? undefined : byId.get(counterId);
    const counter = i === undefined ? undefined : (counters[i] as { services: unknown[] } | undefined);
    if (i === undefined || !counter) {
      r.problem(
        sheet.name,
        row.n,
        'counterId',
        counterId === undefined
          ? '«شناسهٔ باجه»: خالی است / required'
          : `«شناسهٔ باجه»: ${say(`باجهٔ «${counterId}» در برگهٔ باجه‌ها نیست`, `no counter "${counterId}" in the counters sheet`)}`,
      );
      continue;
    }
    r.origin(`counters.${i}.services.${counter.services.length}`, sheet, row, SHEETS.counterServices);
    counter.services.push(pick(row, ['serviceId', 'weight']));
  }
}
