// Numbers as a person types and reads them in a form: Persian digits in Persian (with the Persian
// thousands separator where asked), Latin digits in English; either script, and either separator,
// is read back.
import { type Lang, toAsciiDigits, toPersianDigits } from '@nobat/protocol';

/** The text a number field shows: '' for none (null) or for a number not yet complete (NaN). */
export function formatNumber(lang: Lang, value: number | null, grouped = false): string {
  if (value === null || !Number.isFinite(value)) return '';
  const ascii = grouped ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(value);
  return lang === 'fa' ? toPersianDigits(ascii.replace(/,/g, '٬').replace('.', '٫')) : ascii;
}

/**
 * What was typed: null for an empty field, NaN for something that is not a number (the server then
 * names the field), else the number. Thousands separators are ignored; «٫» or "." is the decimal point.
 */
export function parseNumber(text: string): number | null {
  const t = toAsciiDigits(text)
    .replace(/[,٬\s]/g, '')
    .replace('٫', '.');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}
