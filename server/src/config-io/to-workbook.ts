// A branch's configuration as a workbook an office can read and fill in: right to left, Persian
// headers over the keys the importer reads, headers frozen, numbers as numbers, dropdowns where a
// cell takes one of a few words.
import type { BranchConfig, Phrase } from '@nobat/protocol';
import ExcelJS from 'exceljs';
import { NO, writeCell, YES } from './cells.ts';
import {
  BALANCINGS,
  BRANCH_KEYS,
  type Column,
  FORMAT,
  FORMAT_VERSION,
  PRIORITY_KINDS,
  SHEETS,
  type SheetKey,
  type SheetSpec,
  sheetName,
  UNITS,
  WEEKDAYS,
} from './sheets.ts';

export interface ExportMeta {
  version: number;
  exportedAt: string;
}

type Row = Record<string, unknown>;

const FONT = 'Tahoma';
const phrase = (p: Phrase | undefined) => (p === undefined ? {} : typeof p === 'string' ? { fa: p } : p);

/** `{title:{fa,en}}` → `{'title.fa':…, 'title.en':…}`. */
function flat(value: unknown, prefix = '', out: Row = {}): Row {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = value;
  return out;
}

function get(value: unknown, path: string): unknown {
  let at = value;
  for (const part of path.split('.')) at = at && typeof at === 'object' ? (at as Row)[part] : undefined;
  return at;
}

/** The rows of every list sheet, as column key → value of the configuration. */
export function sheetRows(config: BranchConfig): Record<Exclude<SheetKey, 'readme' | 'branch'>, Row[]> {
  const perService = <T>(pick: (s: BranchConfig['services'][number]) => readonly T[], row: (x: T) => Row) =>
    config.services.flatMap((s) => pick(s).map((x) => ({ serviceId: s.id, ...row(x) })));
  const holidays = (config.branch as { holidays?: readonly string[] }).holidays ?? [];
  return {
    hours: config.branch.openingHours.map((h) => ({
      ...Object.fromEntries(WEEKDAYS.map(([d]) => [`days.${d}`, h.days.includes(d)])),
      open: h.open,
      close: h.close,
    })),
    holidays: holidays.map((date) => ({ date })),
    groups: config.groups.map((g) => flat(g)),
    services: config.services.map(({ info: _i, workflow: _w, ...s }) => flat(s)),
    info: config.services.map((s) =>
      flat({
        serviceId: s.id,
        averageDuration: s.info.averageDuration,
        responsible: {
          ...s.info.responsible,
          name: phrase(s.info.responsible.name),
          post: phrase(s.info.responsible.post),
        },
        complaintRoute: phrase(s.info.complaintRoute),
      }),
    ),
    steps: perService(
      (s) => s.info.steps,
      (p) => flat({ text: phrase(p) }),
    ),
    documents: perService(
      (s) => s.info.requiredDocuments,
      (d) => flat(d),
    ),
    fees: perService(
      (s) => s.info.fees,
      (f) => flat({ ...f, title: phrase(f.title), account: phrase(f.account), legalBasis: phrase(f.legalBasis) }),
    ),
    addresses: perService(
      (s) => s.info.addresses,
      (p) => flat({ text: phrase(p) }),
    ),
    inquiries: perService(
      (s) => s.info.inquiries,
      (p) => flat({ text: phrase(p) }),
    ),
    workflow: perService(
      (s) => s.workflow,
      (w) => ({ ...w }),
    ),
    priorities: config.priorities.map((p) => flat(p)),
    counters: config.counters.map(({ services: _s, ...c }) => flat(c)),
    counterServices: config.counters.flatMap((c) =>
      c.services.map((s) => ({ counterId: c.id, serviceId: s.serviceId, weight: s.weight })),
    ),
    clerks: config.clerks.map((k) => ({ ...k })),
  };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const KEY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF6' } };

/** A sheet with its two header rows (Persian title, key), frozen, right to left. */
function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(spec), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0, rightToLeft: true }],
    // Printed: A4 across, every column on the page, the two header rows on every page.
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
    },
  });
  // Text columns are formatted as text, so that what an office types there (a phone number, an id of
  // digits, 07:30) stays as typed; the branch's value column holds numbers too and is set row by row.
  const asText = (c: Column) => ['time', 'text', 'id'].includes(c.kind) && !(spec.keyValue && c.key === 'value');
  ws.columns = spec.columns.map((c) => ({
    key: c.key,
    width: c.width ?? 16,
    style: {
      font: { name: FONT, size: 10 },
      ...(asText(c) ? { numFmt: '@' } : {}),
      ...(c.kind === 'time' || c.kind === 'date' || c.kind === 'bool' ? { alignment: { horizontal: 'center' } } : {}),
    },
  }));
  const titles = ws.getRow(1);
  const keys = ws.getRow(2);
  spec.columns.forEach((c, i) => {
    const title = titles.getCell(i + 1);
    title.value = c.fa;
    title.font = { name: FONT, size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
    title.fill = HEADER_FILL;
    title.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true, readingOrder: 'rtl' };
    if (c.note) title.note = c.note;
    const key = keys.getCell(i + 1);
    key.value = c.key;
    key.font = { name: FONT, size: 8, italic: true, color: { argb: 'FF555555' } };
    key.fill = KEY_FILL;
    key.alignment = { horizontal: 'center' };
  });
  titles.height = 30;
  return ws;
}

function choices(kind: Column['kind']): string[] | undefined {
  if (kind === 'unit') return UNITS.map(([, fa]) => fa);
  if (kind === 'kind') return PRIORITY_KINDS.map(([, fa]) => fa);
  if (kind === 'balancing') return BALANCINGS.map(([, fa]) => fa);
  if (kind === 'bool') return [YES, NO];
  return undefined;
}

/** Dropdowns on the columns that take one of a few words, for the rows there are and a few hundred more. */
function addChoices(ws: ExcelJS.Worksheet, columns: readonly Column[], rows: number): void {
  columns.forEach((c, i) => {
    const list = choices(c.kind);
    if (!list) return;
    const letter = ws.getColumn(i + 1).letter;
    const validation: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: false,
    };
    // One rule for the whole range (exceljs writes one per cell otherwise).
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}3:${letter}${rows + 502}`,
      validation,
    );
  });
}

function readme(wb: ExcelJS.Workbook, config: BranchConfig, meta: ExportMeta): void {
  const ws = addSheet(wb, SHEETS.readme);
  const lines: [string, unknown][] = [
    ['format', FORMAT],
    ['formatVersion', FORMAT_VERSION],
    ['branchId', config.branch.id],
    ['version', meta.version],
    ['exportedAt', meta.exportedAt],
    [
      '',
      'پیکربندی شعبه در نوبت. هر برگه یک فهرست است؛ ردیف اول عنوان ستون و ردیف دوم کلید آن است (کلیدها را تغییر ندهید).',
    ],
    [
      '',
      'برای افزودن، ردیف تازه‌ای زیر آخرین ردیف بنویسید؛ برای حذف، ردیف را پاک کنید. ترتیب ردیف‌ها همان ترتیب نمایش است.',
    ],
    ['', 'مراحل، مدارک، هزینه‌ها، نشانی‌ها، استعلام‌ها و جدول ۱ با «شناسهٔ خدمت» به خدمت خود وصل می‌شوند.'],
    ['', 'بله/خیر را با «بله» و «خیر» بنویسید. تاریخ تعطیلات شمسی است (۱۴۰۵/۰۱/۰۱). ساعت به شکل 07:30.'],
    [
      '',
      'فایل تنها وقتی وارد می‌شود که همهٔ ردیف‌ها درست باشند؛ در غیر این صورت فهرست همهٔ خطاها با برگه و ردیف نشان داده می‌شود.',
    ],
  ];
  for (const [key, value] of lines) {
    const row = ws.addRow({ key, value });
    row.getCell(2).alignment = { wrapText: true, readingOrder: 'rtl', vertical: 'top' };
    // Rows do not grow to wrapped text by themselves in every spreadsheet program.
    row.height = 15 * Math.max(1, Math.ceil(String(value).length / 90));
  }
}

function branchSheet(wb: ExcelJS.Workbook, config: BranchConfig): void {
  const ws = addSheet(wb, SHEETS.branch);
  for (const c of BRANCH_KEYS) {
    const row = ws.addRow({
      key: c.key,
      label: c.fa,
      value: writeCell(c.kind, get(config.branch, c.key)),
      help: c.note ?? '',
    });
    if (c.kind === 'text' || c.kind === 'id') row.getCell(3).numFmt = '@';
    for (const n of [1, 2, 3]) row.getCell(n).alignment = { vertical: 'top' };
    row.getCell(4).alignment = { wrapText: true, readingOrder: 'rtl', vertical: 'top' };
    row.height = 15 * Math.max(1, Math.ceil((c.note?.length ?? 0) / 75));
  }
}

/** The workbook of a branch's configuration. */
export function toWorkbook(config: BranchConfig, meta: ExportMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nobat';
  wb.title = `${config.branch.name.fa} — ${config.branch.id}`;
  wb.subject = FORMAT;
  wb.created = new Date(meta.exportedAt);
  readme(wb, config, meta);
  branchSheet(wb, config);
  const rows = sheetRows(config);
  for (const [key, list] of Object.entries(rows) as [keyof typeof rows, Row[]][]) {
    const spec: SheetSpec = SHEETS[key];
    const ws = addSheet(wb, spec);
    for (const r of list) {
      ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, writeCell(c.kind, r[c.key])])));
    }
    addChoices(ws, spec.columns, list.length);
  }
  return wb;
}

/** The workbook's bytes (.xlsx). */
export async function toXlsx(config: BranchConfig, meta: ExportMeta): Promise<Buffer> {
  return Buffer.from(await toWorkbook(config, meta).xlsx.writeBuffer());
}
