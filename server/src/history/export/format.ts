// How the cells of an export document are written, shared by the three formats (server/SPEC.md,
// Exports: XP1–XP3).
import { clockTime, jalaliShortDate, type Lang, localDigits } from '@nobat/protocol';
import type { ColumnKind, DocCell } from '../export-doc.ts';

const partsCache = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone. */
export function localParts(ms: number, timeZone: string) {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(timeZone, f);
  }
  const get = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = f.formatToParts(new Date(ms));
  return {
    year: get(parts, 'year'),
    month: get(parts, 'month'),
    day: get(parts, 'day'),
    hour: get(parts, 'hour'),
    minute: get(parts, 'minute'),
    second: get(parts, 'second'),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** [XP1] «2026-12-02 09:15»: the local date and time in the document's time zone, as spreadsheets read it. */
export function isoLocal(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * [XP2] The same wall-clock time as a Date whose UTC fields are the local ones: a spreadsheet date has
 * no time zone, and exceljs writes a Date by its UTC fields.
 */
export function wallClockDate(ms: number, timeZone: string): Date {
  const p = localParts(ms, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** A fixed number of decimals, with the Persian decimal separator in Persian. */
function decimal(lang: Lang, value: number, digits: number): string {
  const text = value.toFixed(digits);
  return localDigits(lang, lang === 'fa' ? text.replace('.', '٫') : text);
}

/** A number as a reader writes it: grouped, in the reader's digits. */
export function numberText(lang: Lang, value: number): string {
  return Number.isInteger(value) ? localDigits(lang, value) : decimal(lang, value, 1);
}

/** [XP3] A cell as the PDF shows it: Persian digits in Persian, Jalali dates, minutes with one decimal, percents. */
export function cellText(kind: ColumnKind, cell: DocCell, lang: Lang, timeZone: string): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'string') return lang === 'fa' ? localDigits('fa', cell) : cell;
  if (!Number.isFinite(cell)) return '';
  switch (kind) {
    case 'int':
      // Grouped: «۱۲٬۳۴۵» in Persian, "12,345" in English.
      return lang === 'fa' ? localDigits('fa', Math.round(cell)) : Math.round(cell).toLocaleString('en-US');
    case 'minutes':
      return decimal(lang, cell, 1);
    case 'percent':
      return lang === 'fa' ? `${localDigits('fa', Math.round(cell * 100))}٪` : `${Math.round(cell * 100)}%`;
    case 'datetime':
      return `${jalaliShortDate(cell, lang, timeZone)} ${clockTime(cell, lang, timeZone)}`;
    default:
      return numberText(lang, cell);
  }
}
