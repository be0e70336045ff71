// [XP2][XP5] The XLSX export read back with exceljs: a sheet per section, right to left in Persian,
// the title above a frozen header row, numbers as number cells with their formats, times as dates,
// the total row bold.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportDoc } from '../export-doc.ts';
import { renderDoc } from './render.ts';
import { SERVICES, sampleDoc } from './test-docs.ts';
import { sheetName } from './xlsx.ts';

async function workbook(doc: ExportDoc) {
  const file = await renderDoc('xlsx', doc);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.body) as never);
  return { file, wb };
}

const sheet = (wb: ExcelJS.Workbook, i: number) => {
  const ws = wb.worksheets[i];
  if (!ws) throw new Error(`no sheet ${i}`);
  return ws;
};

describe('XLSX export', () => {
  it('[XP2] a sheet per section, named after it; right to left in Persian, left to right in English', async () => {
    const fa = await workbook(sampleDoc('fa'));
    expect(fa.file.fileName).toBe('sample-fa.xlsx');
    expect(fa.file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fa.wb.worksheets.map((w) => w.name)).toEqual(['به تفکیک زیرخدمت', 'به تفکیک روز']);
    for (const ws of fa.wb.worksheets) expect(ws.views[0]).toMatchObject({ rightToLeft: true });
    const en = await workbook(sampleDoc('en'));
    expect(en.wb.worksheets.map((w) => w.name)).toEqual(['By sub-service', 'By day']);
    for (const ws of en.wb.worksheets) expect(ws.views[0]?.rightToLeft ?? false).toBe(false);
  });

  it('[XP2][XP5] the title, subtitle and section title above a frozen header row of Persian headers', async () => {
    const { wb } = await workbook(sampleDoc('fa'));
    const ws = sheet(wb, 0);
    expect([1, 2, 3, 4].map((r) => ws.getCell(r, 1).value)).toEqual([
      'گزارش ماهانهٔ میز خدمت — شعبهٔ ۱۲ تهران',
      'از ۱ تا ۳۰ آذر ۱۴۰۵',
      'ساخته‌شده در ۱ دی ۱۴۰۵',
      'به تفکیک زیرخدمت',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getRow(5).values).toEqual([
      undefined,
      'زیرخدمت',
      'مراجعه',
      'میانگین انتظار (دقیقه)',
      'سهم در حد هدف',
      'آخرین مراجعه',
    ]);
    expect(ws.getCell(5, 1).font?.bold).toBe(true);
    // Every column has a width; a long text column is wider than a count.
    for (let c = 1; c <= 5; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(8);
    expect(ws.getColumn(1).width).toBeGreaterThan(ws.getColumn(2).width ?? 0);
    // Text as it was, line break included.
    expect([6, 7, 8, 9, 10].map((r) => ws.getCell(r, 1).value)).toEqual(SERVICES.fa);
    // Text wraps in its column, and a row of two lines is two lines high (spreadsheets do not grow it).
    expect(ws.getCell(9, 1).alignment?.wrapText).toBe(true);
    expect(ws.getRow(9).height).toBeGreaterThanOrEqual(30);
    expect(ws.getRow(6).height ?? 15).toBeLessThan(30);
  });

  it('[XP2] counts, minutes and shares are number cells with formats; times are dates in the branch', async () => {
    const { wb } = await workbook(sampleDoc('en'));
    const ws = sheet(wb, 0);
    const row = ws.getRow(6);
    expect(row.getCell(2)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 120, numFmt: '0' });
    expect(row.getCell(3)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 12.34, numFmt: '0.0' });
    expect(row.getCell(4)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 0.8571, numFmt: '0%' });
    const when = row.getCell(5);
    expect(when.type).toBe(ExcelJS.ValueType.Date);
    expect(when.numFmt).toBe('yyyy-mm-dd hh:mm');
    // 05:45 UTC is 09:15 in Tehran: the sheet shows the branch's clock.
    expect((when.value as Date).toISOString()).toBe('2026-12-01T09:15:00.000Z');
    // An empty cell is empty, not zero.
    expect(ws.getRow(10).getCell(3).value).toBeNull();
  });

  it('[XP2] the total row comes last, bold, with its numbers as numbers', async () => {
    const { wb } = await workbook(sampleDoc('en'));
    const ws = sheet(wb, 1);
    const last = ws.getRow(ws.rowCount);
    expect(last.values).toEqual([undefined, 'Total', 1722, 428, 5.2]);
    for (let c = 1; c <= 4; c++) expect(last.getCell(c).font?.bold).toBe(true);
    expect(ws.getRow(ws.rowCount - 1).getCell(1).font?.bold).toBeFalsy();
    expect(ws.rowCount).toBe(5 + 30 + 1);
  });

  it('[XP2] sheet names are cut to 31 characters, cleaned of []:*?/\\ and made unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b:c', taken)).toBe('a b c');
    const long = 'گزارش بسیار بلند به تفکیک زیرخدمت و باجه و کارمند';
    const first = sheetName(long, taken);
    expect(first.length).toBe(31);
    const second = sheetName(long, taken);
    expect(second).not.toBe(first);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith('(2)')).toBe(true);
    expect(sheetName('', taken)).toBe('Sheet');
  });
});
