// [XP2] An export document as an XLSX workbook (exceljs): a sheet per section, right to left in
// Persian; the title, the subtitle lines and the section's title above a frozen header row (with a
// filter); numbers as number cells with formats (counts 0, minutes 0.0, shares 0%), times as real
// dates in the document's time zone; column widths from their contents; the total row bold.
import ExcelJS from 'exceljs';
import type { ColumnKind, DocCell, DocSection, ExportDoc } from '../export-doc.ts';
import { wallClockDate } from './format.ts';

const FONT = 'Tahoma';
export const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: '0',
  minutes: '0.0',
  percent: '0%',
  datetime: 'yyyy-mm-dd hh:mm',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF6' } };

/** A sheet's name: at most 31 characters, none of []:*?/\, not empty, unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` (${n})`.length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function cellValue(kind: ColumnKind, cell: DocCell, timeZone: string): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return null;
  return kind === 'datetime' ? wallClockDate(cell, timeZone) : cell;
}

/** Roughly how many characters wide a value shows. */
function shownWidth(kind: ColumnKind, cell: DocCell): number {
  if (cell === null) return 0;
  if (kind === 'datetime' && typeof cell === 'number') return 16;
  if (typeof cell === 'number') return kind === 'percent' ? 5 : String(Math.round(cell * 10) / 10).length + 1;
  return Math.max(...cell.split('\n').map((l) => l.length));
}

function addSection(wb: ExcelJS.Workbook, doc: ExportDoc, section: DocSection, name: string): void {
  const rtl = doc.lang === 'fa';
  const above = [doc.title, ...doc.subtitle, section.title];
  const headerRow = above.length + 1;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, rightToLeft: rtl }],
    pageSetup: {
      paperSize: 9,
      orientation: section.columns.length > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  const align: Partial<ExcelJS.Alignment> = rtl ? { readingOrder: 'rtl' } : {};
  ws.columns = section.columns.map((c, i) => {
    let widest = Math.max(8, Math.ceil(c.header.length / 3) + 2); // a header wraps over up to three lines
    for (const r of section.rows) widest = Math.max(widest, shownWidth(c.kind, r[i] ?? null) + 2);
    widest = Math.max(widest, shownWidth(c.kind, section.total?.[i] ?? null) + 2);
    const fmt = NUM_FMT[c.kind];
    return {
      width: Math.min(widest, 48),
      style: {
        font: { name: FONT, size: 10 },
        // Text wraps inside its column (a line break in a cell shows as one); the row grows to fit.
        alignment: { ...align, vertical: 'top', ...(c.kind === 'text' ? { wrapText: true } : {}) },
        ...(fmt ? { numFmt: fmt } : {}),
      },
    };
  });
  above.forEach((text, i) => {
    const row = ws.getRow(i + 1);
    const cell = row.getCell(1);
    cell.value = text;
    cell.numFmt = '@';
    const isTitle = i === 0 || i === above.length - 1;
    cell.font = { name: FONT, size: i === 0 ? 14 : isTitle ? 12 : 10, bold: isTitle, color: { argb: 'FF000000' } };
    cell.alignment = align;
  });
  const header = ws.getRow(headerRow);
  section.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.numFmt = '@';
    cell.font = { name: FONT, size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { ...align, vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  // Spreadsheets do not grow a row to its wrapped text on opening: the height is set from the lines.
  const linesOf = (texts: readonly (string | null)[]) =>
    Math.max(
      1,
      ...texts.map((t, i) => {
        const room = Math.max(1, (ws.getColumn(i + 1).width ?? 10) - 2);
        return (t ?? '').split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / room)), 0);
      }),
    );
  header.height = 15 * Math.min(4, linesOf(section.columns.map((c) => c.header))) + 4;
  const write = (cells: readonly DocCell[]) => {
    const row = ws.addRow(section.columns.map((c, i) => cellValue(c.kind, cells[i] ?? null, doc.timeZone)));
    const lines = linesOf(section.columns.map((c, i) => (c.kind === 'text' ? String(cells[i] ?? '') : null)));
    if (lines > 1) row.height = 15 * lines;
    return row;
  };
  for (const r of section.rows) write(r);
  if (section.total) {
    const total = write(section.total);
    total.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { name: FONT, size: 10, bold: true };
      cell.fill = TOTAL_FILL;
      cell.border = { top: { style: 'thin' } };
    });
  }
  if (section.columns.length > 0) {
    ws.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + section.rows.length, column: section.columns.length },
    };
  }
}

export async function renderXlsx(doc: ExportDoc): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nobat';
  wb.title = doc.title;
  wb.subject = doc.subtitle.join(' — ');
  const taken = new Set<string>();
  const sections = doc.sections.length > 0 ? doc.sections : [{ title: doc.title, columns: [], rows: [] }];
  for (const section of sections) addSection(wb, doc, section, sheetName(section.title, taken));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
