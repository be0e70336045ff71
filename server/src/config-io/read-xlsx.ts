// The bytes of an uploaded workbook to a read workbook, or why they are not one.
import ExcelJS from 'exceljs';
import { fromWorkbook, type WorkbookRead } from './from-workbook.ts';
import { FORMAT, FORMAT_VERSION } from './sheets.ts';
import { checkZip } from './zip-guard.ts';

export type XlsxRead =
  | { ok: true; read: WorkbookRead }
  | { ok: false; reason: 'not-xlsx' | 'too-large' | 'not-nobat'; message: string };

export async function readXlsx(bytes: Buffer): Promise<XlsxRead> {
  const zip = checkZip(bytes);
  if (!zip.ok) {
    return zip.reason === 'too-large'
      ? { ok: false, reason: 'too-large', message: 'the workbook unpacks to more than a branch needs' }
      : { ok: false, reason: 'not-xlsx', message: 'not an .xlsx workbook' };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    return { ok: false, reason: 'not-xlsx', message: 'not a readable .xlsx workbook' };
  }
  const read = fromWorkbook(wb);
  if (read.meta.format !== FORMAT || Number(read.meta.formatVersion) !== FORMAT_VERSION) {
    return {
      ok: false,
      reason: 'not-nobat',
      message: `not a Nobat branch workbook (its readme sheet must say format ${FORMAT}, formatVersion ${FORMAT_VERSION})`,
    };
  }
  return { ok: true, read };
}
