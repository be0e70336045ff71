// [XP5][H2] The clerk's جدول ۲ exported over real HTTP (the app on a port, fetch from the test, the
// clock the test's own): the directive's headings, the clerk's own rows, in CSV, XLSX and PDF, in
// Persian and English; refused to anyone but a clerk, and for a format it does not know.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../../../../tests/support/require.ts';
import { BRANCH, createHttpHarness, type HttpHarness, type UserName } from '../../testing/http-harness.ts';
import { isoLocal } from './format.ts';
import { popplerAvailable } from './test-docs.ts';

const run = promisify(execFile);
const poppler = requireOrSkip('pdftoppm (poppler-utils)', popplerAvailable());
const OUT = resolve(import.meta.dirname, '../../../../tests/.tmp/exports');

/** جدول ۲ of guide no. 2 (seed 001), word for word, then the outcome and the serving time. */
const HEADINGS_FA = [
  'شماره رسید',
  'عنوان زیرخدمت مورد تقاضا',
  'تاریخ دریافت درخواست از ارباب رجوع',
  'تاریخ درج شده در سر رسید برای ارائه پاسخ زیرخدمت به ارباب رجوع',
  'تاریخ ارائه درخواست به اولین مرحله کاری',
  'تاریخ دریافت پاسخ زیرخدمت از آخرین مرحله کاری',
  'تاریخ ارائه',
  'نتیجه',
  'مدت خدمت (دقیقه)',
];

let h: HttpHarness;
let server: ReturnType<typeof serve>;
let base: string;
beforeEach(async () => {
  h = await createHttpHarness();
  await new Promise<void>((ready) => {
    server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ready());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((done) => server.close(done));
  await h.close();
});

const act = (action: string) => h.request('POST', `/api/v1/counters/counter-1/${action}`, { as: 'clerk1', body: {} });

function download(query: string, as: UserName | null = 'clerk1') {
  const token = as === null ? undefined : h.tokenOf(as);
  return fetch(`${base}/api/v1/clerks/me/day/export?${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** clerk1 serves two tickets of the premium list (4 and 2 minutes) and marks a third no-show. */
async function aDayAtTheDesk() {
  await act('open');
  const first = await h.issue('premium-list');
  const second = await h.issue('premium-list');
  await h.issue('premium-list');
  await act('call-next');
  h.advance(60_000);
  const firstStart = h.now();
  await act('start');
  h.advance(4 * 60_000);
  await act('finish');
  await act('call-next');
  await act('start');
  h.advance(2 * 60_000);
  await act('call-next'); // finishes the second, calls the third
  await act('no-show');
  return { first, second, firstStart, firstEnd: firstStart + 4 * 60_000 };
}

describe("the clerk's جدول ۲ as a file", () => {
  it('[XP1][XP5][H2] CSV in Persian: the directive’s headings, the clerk’s rows, local times, a total', async () => {
    const day = await aDayAtTheDesk();
    const res = await download('format=csv&lang=fa');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="table-2-clerk1-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(bytes.toString('utf8'), { bom: true, relax_column_count: true });
    expect(records[0]).toEqual(['جدول ۲- جدول گزارش کارکنان میز خدمت']);
    const header = records.findIndex((r) => r[0] === 'شماره رسید');
    expect(records[header]).toEqual(HEADINGS_FA);
    const rows = records.slice(header + 1);
    expect(rows.map((r) => [r[0], r[7], r[8]])).toEqual([
      [day.first.number, 'انجام شد', '4'],
      [day.second.number, 'انجام شد', '2'],
      ['جمع: ۲ درخواست', '', '6'],
    ]);
    const tz = 'Asia/Tehran';
    const [first] = rows as [string[]];
    const ix = await h.deps.queue.config(BRANCH);
    const title = ix?.config.services.find((s) => s.id === 'premium-list')?.title;
    expect(first[1]).toBe(typeof title === 'string' ? title : title?.fa);
    expect(first[1]).toMatch(/[\u0600-\u06ff]/);
    expect(first[2]).toBe(isoLocal(day.firstStart, tz)); // received: service started
    expect(first[4]).toBe(isoLocal(day.firstEnd, tz)); // handed on: service ended at the desk
    expect(first[5]).toBe(''); // the back office's answer: not the queue's to know
    expect(first[6]).toBe(isoLocal(day.firstEnd, tz)); // delivered
    expect((first[3] ?? '') > (first[2] ?? '')).toBe(true); // promised after received
  });

  it('[XP2][XP5] XLSX: a right-to-left sheet in Persian, a left-to-right one in English, serving minutes as numbers', async () => {
    await aDayAtTheDesk();
    const load = async (query: string) => {
      const res = await download(query);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      return ws;
    };
    const fa = await load('format=xlsx&lang=fa');
    expect(fa.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen' });
    const headerRow = (fa.views[0] as { ySplit: number }).ySplit;
    expect((fa.getRow(headerRow).values as unknown[]).slice(1)).toEqual(HEADINGS_FA);
    const firstRow = fa.getRow(headerRow + 1);
    expect(firstRow.getCell(9)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 4, numFmt: '0.0' });
    expect(firstRow.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(fa.getRow(fa.rowCount).getCell(1).font?.bold).toBe(true);

    const en = await load('format=xlsx&lang=en');
    expect(en.views[0]?.rightToLeft ?? false).toBe(false);
    const enHeader = (en.views[0] as { ySplit: number }).ySplit;
    expect(en.getRow(enHeader).getCell(1).value).toBe('Receipt no.');
    expect(en.getRow(enHeader + 1).getCell(8).value).toBe('done');
  });

  it.skipIf(!poppler)('[XP3][XP5] PDF in Persian and English, landscape A4, its text the log’s', async () => {
    const day = await aDayAtTheDesk();
    mkdirSync(OUT, { recursive: true });
    for (const lang of ['fa', 'en'] as const) {
      const res = await download(`format=pdf&lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = join(OUT, `clerk-log-${lang}.pdf`);
      writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
      // Nine columns: the page is turned.
      const info = (await run('pdfinfo', [pdf])).stdout;
      expect(info).toMatch(/Page size:\s+842 x 595 pts \(A4\)/);
      expect(info).toMatch(/Pages:\s+1\b/);
      await run('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, `clerk-log-${lang}`)]);
      const text = (await run('pdftotext', [pdf, '-'])).stdout
        .normalize('NFKC')
        .replace(/[\u202a-\u202e\u200e\u200f]/g, '');
      if (lang === 'fa') {
        // (pdftotext reorders «۲-» oddly; the page shows «جدول ۲- جدول گزارش کارکنان میز خدمت».)
        expect(text).toContain('گزارش کارکنان');
        expect(text).toContain(day.first.number.replace(/\d/g, (d: string) => String.fromCharCode(0x06f0 + Number(d))));
        expect(text.match(/[0-9]/g)).toBeNull();
      } else {
        expect(text).toContain('Table 2 — service-desk staff report');
        expect(text).toContain('Receipt no.');
        expect(text).toContain(day.second.number);
        expect(text).toContain('Total: 2 requests');
      }
    }
  });

  it('[XP5] each clerk downloads their own day: another clerk’s file has none of these rows', async () => {
    await aDayAtTheDesk();
    const res = await download('format=csv&lang=en', 'clerk2');
    expect(res.status).toBe(200);
    const records: string[][] = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), {
      bom: true,
      relax_column_count: true,
    });
    const header = records.findIndex((r) => r[0] === 'Receipt no.');
    expect(records.slice(header + 1).map((r) => r[0])).toEqual(['Total: 0 requests']);
  });

  it('[XP5] refused: no session (401), a supervisor or an admin (403), a format it does not make (400)', async () => {
    const errorOf = async (res: Response) => {
      expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
      return ((await res.json()) as { error: { code: string } }).error.code;
    };
    const anonymous = await download('format=csv', null);
    expect([anonymous.status, await errorOf(anonymous)]).toEqual([401, 'unauthenticated']);
    for (const who of ['supervisor', 'admin'] as const) {
      const r = await download('format=pdf', who);
      expect([r.status, await errorOf(r)]).toEqual([403, 'forbidden']);
    }
    for (const query of ['format=docx', '', 'format=csv&lang=de']) {
      const r = await download(query);
      expect(r.status).toBe(400);
      expect(await errorOf(r)).toBe('invalid-input');
    }
  });
});
