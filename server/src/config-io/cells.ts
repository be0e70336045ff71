// One cell's value in and out. Offices type Persian digits, "بله", a time Excel turned into a
// fraction of a day, a Jalali date; every such form is read back to the value the schema wants, or
// to a message saying what the cell should hold.
import type { CellValue } from 'exceljs';
import { BALANCINGS, type CellKind, PRIORITY_KINDS, UNITS } from './sheets.ts';

/** A cell as the importer sees it: empty, or a primitive. */
export type Plain = string | number | boolean | Date | null;

export type Read = { ok: true; value: unknown } | { ok: false; message: string; raw: unknown };

const DIGITS: Record<string, string> = {};
for (const [i, c] of [...'۰۱۲۳۴۵۶۷۸۹'].entries()) DIGITS[c] = String(i);
for (const [i, c] of [...'٠١٢٣٤٥٦٧٨٩'].entries()) DIGITS[c] = String(i);

/** Persian and Arabic digits to Latin; the Persian decimal separator to a point. */
export function latinDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (c) => DIGITS[c] ?? c).replace(/٫/g, '.');
}

/** What exceljs hands back (formulas, rich text, links, errors) reduced to a primitive. */
export function plain(v: CellValue | undefined): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: CellValue }).result);
    if ('hyperlink' in v && 'text' in v) return plain(v.text as CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** True when a cell holds nothing (spaces count as nothing). */
export const isEmpty = (v: Plain): boolean => v === null || (typeof v === 'string' && v.trim() === '');

const fail = (message: string, raw: unknown): Read => ({ ok: false, message, raw });

function text(v: Plain): string {
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

function number(v: Plain): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = latinDigits(v).replace(/[,٬\s]/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

export const YES = 'بله';
export const NO = 'خیر';
const TRUE = new Set(['true', 'yes', 'y', '1', 'بله', 'بلی', 'آری', 'هست', 'دارد', '✓', '✔', 'x', '*']);
const FALSE = new Set(['false', 'no', 'n', '0', 'خیر', 'نه', 'نیست', 'ندارد', '-', '✗', '✘']);

function bool(v: Plain): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  const s = latinDigits(text(v)).toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** "7:30", "۰۷:۳۰", a Date at 1899-12-30 07:30 or 0.3125 (Excel's time of day) → "07:30". */
function time(v: Plain): string | undefined {
  let minutes: number | undefined;
  if (v instanceof Date) minutes = v.getUTCHours() * 60 + v.getUTCMinutes() + Math.round(v.getUTCSeconds() / 60);
  else if (typeof v === 'number' && v >= 0 && v <= 1) minutes = Math.round(v * 24 * 60);
  else {
    const m = /^(\d{1,2})[:٫.](\d{2})$/.exec(latinDigits(text(v)));
    if (!m) return undefined;
    return `${m[1]?.padStart(2, '0')}:${m[2]}`;
  }
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const JALALI = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function jalaliParts(utcMs: number): [number, number, number] {
  const parts = JALALI.formatToParts(new Date(utcMs));
  const n = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value);
  return [n('year'), n('month'), n('day')];
}

/** "2026-03-21" → "1405/01/01" (Latin digits, so the cell reads the same in any Excel). */
export function isoToJalali(iso: string): string {
  const [y, m, d] = jalaliParts(Date.parse(`${iso}T00:00:00Z`));
  return `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
}

/** A Jalali date to ISO, found by looking near its approximate Gregorian day (ICU knows the calendar). */
export function jalaliToIso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const guess = Date.UTC(y + 621, 2, 21) + ((m - 1) * 30.6 + (d - 1)) * 86_400_000;
  for (let offset = -4; offset <= 4; offset++) {
    const at = guess + offset * 86_400_000;
    const [jy, jm, jd] = jalaliParts(at);
    if (jy === y && jm === m && jd === d) return new Date(at).toISOString().slice(0, 10);
  }
  return undefined;
}

/** A holiday: a Jalali date ("۱۴۰۵/۱/۱"), an ISO date, or a date cell → "YYYY-MM-DD". */
function date(v: Plain): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  const m = /^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$/.exec(latinDigits(text(v)));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y >= 1700) {
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const back = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(back.getTime()) && back.toISOString().startsWith(iso) ? iso : undefined;
  }
  return jalaliToIso(y, mo, d);
}

function choice(v: Plain, options: readonly (readonly [string, string])[]): string | undefined {
  const s = text(v)
    .toLowerCase()
    .replace(/\u200c/g, '');
  return options.find(([key, fa]) => key === s || fa.replace(/\u200c/g, '') === s)?.[0];
}

const say = (fa: string, en: string) => `${fa} / ${en}`;

/** Reads a non-empty cell as `kind`. */
export function readCell(kind: CellKind, v: Plain): Read {
  switch (kind) {
    case 'id':
    case 'text':
      return { ok: true, value: typeof v === 'number' ? latinDigits(String(v)) : text(v) };
    case 'int':
    case 'number': {
      const n = number(v);
      if (n === undefined) return fail(say('عدد نیست', 'not a number'), v);
      if (kind === 'int' && !Number.isInteger(n)) return fail(say('عدد صحیح نیست', 'not a whole number'), v);
      return { ok: true, value: n };
    }
    case 'bool': {
      const b = bool(v);
      return b === undefined ? fail(say('بله یا خیر بنویسید', 'write yes or no'), v) : { ok: true, value: b };
    }
    case 'time': {
      const t = time(v);
      return t === undefined
        ? fail(say('ساعت را به شکل 07:30 بنویسید', 'write the time as HH:MM'), v)
        : { ok: true, value: t };
    }
    case 'date': {
      const d = date(v);
      return d === undefined
        ? fail(say('تاریخ را به شکل ۱۴۰۵/۰۱/۰۱ بنویسید', 'write the date as 1405/01/01 or 2026-03-21'), v)
        : { ok: true, value: d };
    }
    case 'ids':
      return {
        ok: true,
        value: text(v)
          .split(/[,،;\s]+/)
          .filter(Boolean),
      };
    case 'unit': {
      const u = choice(v, UNITS);
      return u === undefined
        ? fail(say(`یکی از ${UNITS.map((x) => x[1]).join('، ')}`, `one of ${UNITS.map((x) => x[0]).join(', ')}`), v)
        : { ok: true, value: u };
    }
    case 'kind': {
      const k = choice(v, PRIORITY_KINDS);
      return k === undefined
        ? fail(
            say(
              `یکی از ${PRIORITY_KINDS.map((x) => x[1]).join('، ')}`,
              `one of ${PRIORITY_KINDS.map((x) => x[0]).join(', ')}`,
            ),
            v,
          )
        : { ok: true, value: k };
    }
    case 'balancing': {
      const b = choice(v, BALANCINGS);
      return b === undefined
        ? fail(
            say(`یکی از ${BALANCINGS.map((x) => x[1]).join('، ')}`, `one of ${BALANCINGS.map((x) => x[0]).join(', ')}`),
            v,
          )
        : { ok: true, value: b };
    }
  }
}

/** A value of the configuration as it is written into a cell of `kind`. */
export function writeCell(kind: CellKind, value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  switch (kind) {
    // Words rather than boolean cells: LibreOffice shows a boolean cell as 1 or 0, Excel as TRUE/FALSE
    // in the office's language; «بله/خیر» reads the same everywhere (TRUE/FALSE are read back too).
    case 'bool':
      return value ? YES : NO;
    case 'unit':
      return UNITS.find(([key]) => key === value)?.[1] ?? String(value);
    case 'kind':
      return PRIORITY_KINDS.find(([key]) => key === value)?.[1] ?? String(value);
    case 'balancing':
      return BALANCINGS.find(([key]) => key === value)?.[1] ?? String(value);
    case 'ids':
      return (value as string[]).join(', ');
    case 'date':
      return isoToJalali(String(value));
    default:
      return value as CellValue;
  }
}
