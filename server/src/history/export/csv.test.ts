// [XP1][XP5] The CSV export parsed back with csv-parse: the byte-order mark, Persian intact, RFC 4180
// quoting of commas, quotes and line breaks, numbers as numbers, local times, every section and total.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ExportDoc } from '../export-doc.ts';
import { renderDoc } from './render.ts';
import { SERVICES, sampleDoc } from './test-docs.ts';

async function csv(doc: ExportDoc) {
  const file = await renderDoc('csv', doc);
  const bytes = Buffer.from(file.body);
  const text = bytes.toString('utf8');
  // relax_column_count: title lines have one field, tables as many as their columns.
  const records: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  return { file, bytes, text, records };
}

describe('CSV export', () => {
  it('[XP1] starts with the UTF-8 byte-order mark, is named and typed as CSV, ends lines with CRLF', async () => {
    const { file, bytes, text } = await csv(sampleDoc('fa'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toBe('sample-fa.csv');
    expect(text.slice(1).split('\r\n')[0]).toBe('گزارش ماهانهٔ میز خدمت — شعبهٔ ۱۲ تهران');
    // Every line break outside a quoted field is CRLF.
    expect(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
  });

  it('[XP1] Persian text, commas, quotes and line breaks come back exactly as they went in', async () => {
    const { records, text } = await csv(sampleDoc('fa'));
    const firstColumn = records.map((r) => r[0]);
    for (const service of SERVICES.fa) expect(firstColumn).toContain(service);
    // Quoted as RFC 4180 says: the field in quotes, a quote doubled.
    expect(text).toContain('\r\nمستمری، بازنشستگی,85,'); // an Arabic comma needs no quoting…
    expect(text).toContain('"پرداخت حق بیمه ""اختیاری"""');
    expect(text).toContain('"ثبت‌نام\nبیمه‌شدهٔ جدید"');
    // …a Latin comma does.
    const en = await csv(sampleDoc('en'));
    expect(en.text).toContain('"Pensions, retirement"');
    expect(en.records.map((r) => r[0])).toContain('Pensions, retirement');
  });

  it('[XP1][XP5] title, subtitle, then each section: title, headers, rows with numbers as numbers, total', async () => {
    const { records } = await csv(sampleDoc('en'));
    expect(records.slice(0, 3)).toEqual([
      ['Monthly service-desk report — Tehran branch 12'],
      ['1 to 30 Azar 1405'],
      ['Made on 1 Dey 1405'],
    ]);
    expect(records[3]).toEqual(['']);
    expect(records[4]).toEqual(['By sub-service']);
    expect(records[5]).toEqual(['Sub-service', 'Visits', 'Mean wait (min)', 'Within target', 'Last visit']);
    // Counts whole, minutes with one decimal, shares as a fraction 0–1, times local to Tehran (UTC+03:30).
    expect(records[6]).toEqual(['Renewal of medical booklets', '120', '12.3', '0.8571', '2026-12-01 09:15']);
    expect(records[7]).toEqual(['Pensions, retirement', '85', '8.1', '0.95', '2026-12-01 09:52']);
    // Empty cells are empty fields.
    expect(records[10]).toEqual(['CRM follow-up', '7', '', '', '2026-12-01 11:43']);
    expect(records[11]).toEqual(['Total', '317', '10.9', '0.84', '']);
    expect(records[12]).toEqual(['']);
    expect(records[13]).toEqual(['By day']);
    expect(records[14]).toEqual(['Day', 'Visits', 'Served', 'Mean wait (min)']);
    expect(records.slice(15, 45)).toHaveLength(30);
    expect(records[15]).toEqual(['1405/09/01', '61', '14', '0.3']);
    expect(records[45]).toEqual(['Total', '1722', '428', '5.2']);
    expect(records).toHaveLength(46);
    // Numbers parse as numbers.
    for (const r of records.slice(6, 12)) expect(Number.isFinite(Number(r[1]))).toBe(true);
  });

  it('[XP1] a text cell that starts like a formula is not run by a spreadsheet; a negative number stays a number', async () => {
    const doc: ExportDoc = {
      lang: 'en',
      fileName: 'formula',
      title: 'T',
      subtitle: [],
      timeZone: 'Asia/Tehran',
      sections: [
        {
          title: 'S',
          columns: [
            { header: 'a', kind: 'text' },
            { header: 'b', kind: 'minutes' },
          ],
          rows: [['=HYPERLINK("http://x")', -2.26]],
        },
      ],
    };
    const { records } = await csv(doc);
    expect(records.at(-1)).toEqual([`'=HYPERLINK("http://x")`, '-2.3']);
  });
});
