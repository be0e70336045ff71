// [XP1] An export document as CSV: UTF-8 with a byte-order mark (so Excel reads Persian), RFC 4180
// quoting and CRLF line ends (csv-stringify), numbers as plain numbers — minutes with one decimal,
// shares as a fraction 0–1 — and times as local «YYYY-MM-DD HH:mm» in the document's time zone.
// [XP5] The title and subtitle lines come first, then each section: its title, its header row, its
// rows and its total row, a blank line between sections. Charts are pictures of the tables' figures
// and are not written.
import { stringify } from 'csv-stringify/sync';
import type { ColumnKind, DocCell, DocSection, ExportDoc } from '../export-doc.ts';
import { isoLocal } from './format.ts';

type Field = string | number | null;

/** A cell as a CSV field: a number stays a number (rounded to what it means), a time is local text. */
export function csvField(kind: ColumnKind, cell: DocCell, timeZone: string): Field {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return null;
  switch (kind) {
    case 'int':
      return Math.round(cell);
    case 'minutes':
      return Math.round(cell * 10) / 10;
    case 'percent':
      return Math.round(cell * 10_000) / 10_000;
    case 'datetime':
      return isoLocal(cell, timeZone);
    default:
      return cell;
  }
}

function sectionRecords(section: DocSection, timeZone: string): Field[][] {
  const row = (cells: readonly DocCell[]) =>
    section.columns.map((c, i) => csvField(c.kind, cells[i] ?? null, timeZone));
  return [
    [section.title],
    section.columns.map((c) => c.header),
    ...section.rows.map(row),
    ...(section.total ? [row(section.total)] : []),
  ];
}

export function renderCsv(doc: ExportDoc): Uint8Array {
  const records: Field[][] = [[doc.title], ...doc.subtitle.map((line) => [line])];
  for (const section of doc.sections) records.push([], ...sectionRecords(section, doc.timeZone));
  const text = stringify(records, {
    bom: true,
    record_delimiter: 'windows',
    // A line break of either kind inside a field is quoted (csv-stringify quotes only the record delimiter, CRLF).
    quoted_match: /[\r\n]/,
    // A text cell that starts like a formula (=, +, -, @) is not run by a spreadsheet.
    escape_formulas: true,
  });
  return new TextEncoder().encode(text);
}
