// What every export is made from: a document of titled tables (and their charts), already in one
// language, with numbers as numbers. Reports (reports.ts), the directives' reports and the clerk's
// جدول ۲ each turn themselves into one; export/ renders it as CSV, XLSX or PDF (rules XP1–XP5).
import type { Lang } from '@nobat/protocol';

/** How a column's values are written: text as is; numbers as numbers (minutes and shares too). */
export type ColumnKind = 'text' | 'int' | 'minutes' | 'percent' | 'datetime';

export interface DocColumn {
  header: string;
  kind: ColumnKind;
}

/** A cell: text, a number (minutes as a decimal number of minutes; percent as 0–1), epoch ms for datetime, or empty. */
export type DocCell = string | number | null;

export interface DocChart {
  kind: 'bar' | 'line';
  title: string;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

export interface DocSection {
  title: string;
  columns: DocColumn[];
  rows: DocCell[][];
  /** A total row, shown apart under the rows. */
  total?: DocCell[];
  charts?: DocChart[];
}

export interface ExportDoc {
  lang: Lang;
  /** The file's name without extension (Latin letters, digits, '-'). */
  fileName: string;
  title: string;
  /** Lines under the title: the period, the filters, when it was made. */
  subtitle: string[];
  /** The time zone datetime cells are shown in. */
  timeZone: string;
  sections: DocSection[];
}
