// [RD1–RD4] The receipt and the response notice: their forms field by field (every field of جدول ۳
// and جدول ۴), and their PDFs rendered by poppler and read back: the paper size, the text (English
// fully; Persian by what survives extraction: poppler cannot map every joined Persian glyph back to
// its letter), the status page's QR code decoded, no ink outside the margins. The PDFs and PNGs are
// kept under tests/.tmp/request-docs/ to be looked at.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Lang, ReceiptSize } from '@nobat/protocol';
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../../../../tests/support/require.ts';
import { popplerAvailable } from '../../history/export/test-docs.ts';
import { type FieldRow, type FormBlock, PAPERS, paragraphRtl } from './form.ts';
import { receiptForm, renderReceipt } from './receipt.ts';
import { renderResponse, responseForm } from './response.ts';
import { CODE, LONG_ANSWER, STATUS_URL, sampleConfig, sampleView } from './test-docs.ts';

const run = promisify(execFile);
const OUT = resolve(import.meta.dirname, '../../../../tests/.tmp/request-docs');
const SIZES: ReceiptSize[] = ['a4', 'a5', 'roll80', 'roll58'];

/** Extracted or expected text, compared without joining marks, ZWNJs and bidi controls, in NFKC. */
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ');

interface Rendered {
  pdf: string;
  text: string;
  /** Page size in points. */
  size: { width: number; height: number; pages: number };
  png: { path: string; width: number; height: number; data: Uint8ClampedArray };
}

async function look(body: Buffer, name: string, dpi = 100): Promise<Rendered> {
  mkdirSync(OUT, { recursive: true });
  const pdf = join(OUT, `${name}.pdf`);
  writeFileSync(pdf, body);
  await run('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', pdf, join(OUT, name)]);
  const path = join(OUT, `${name}.png`);
  const image = await loadImage(path);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const info = (await run('pdfinfo', [pdf])).stdout;
  const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  return {
    pdf,
    text: norm((await run('pdftotext', [pdf, '-'])).stdout),
    size: { width: Number(m?.[1]), height: Number(m?.[2]), pages },
    png: {
      path,
      width: image.width,
      height: image.height,
      data: ctx.getImageData(0, 0, image.width, image.height).data,
    },
  };
}

/** Dark pixels in a rectangle of the page image. */
function inkIn(png: Rendered['png'], x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(png.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x1); x++) {
      const i = (y * png.width + x) * 4;
      if ((png.data[i] ?? 255) + (png.data[i + 1] ?? 255) + (png.data[i + 2] ?? 255) < 600) n++;
    }
  }
  return n;
}

const fields = (blocks: FormBlock[]): FieldRow[] => blocks.flatMap((b) => (b.kind === 'fields' ? b.rows : []));
const field = (blocks: FormBlock[], label: string) => {
  const f = fields(blocks).find((r) => r.label === label);
  if (!f) throw new Error(`no field ${label}`);
  return norm(f.value);
};

describe('the receipt’s form', () => {
  const view = sampleView('created');
  const fa = receiptForm(view, sampleConfig, { lang: 'fa', size: 'a4', statusUrl: STATUS_URL });
  const en = receiptForm(view, sampleConfig, { lang: 'en', size: 'a4', statusUrl: STATUS_URL });

  it('[RD1] has every field of جدول ۳, in Persian digits and Jalali dates in the branch’s time', () => {
    expect(field(fa, 'شماره پی‌گیری')).toBe('۱۲۳-۴۵۶-۷۸۹۴');
    expect(field(fa, 'عنوان خدمت')).toBe(norm('تمدید اعتبار دفترچهٔ درمانی'));
    // Made Saturday 2025-05-03 09:12 in Tehran: 13 Ordibehesht 1404.
    expect(field(fa, 'تاریخ دریافت درخواست خدمت')).toBe('شنبه ۱۳ اردیبهشت ۱۴۰۴، ساعت ۰۹:۱۲');
    // Saturday + 2 days + 1 day + ⌈4 h / 7 h⌉ = 4 working days (Saturday–Wednesday).
    expect(field(fa, 'تاریخ اعلام‌شده برای آماده شدن پاسخ')).toBe('چهارشنبه ۱۷ اردیبهشت ۱۴۰۴');
    expect(fields(fa).find((r) => r.label === 'تاریخ دریافت پاسخ خدمت')).toMatchObject({ blank: true, value: '' });
    expect(field(fa, 'نام و نام خانوادگی متقاضی')).toBe(norm('زهرا احمدی‌نژاد'));
    expect(field(fa, 'کد ملی متقاضی')).toBe('۰۴۹۹۳۷۰۸۹۹');
    const signatures = fa.find((b) => b.kind === 'signatures');
    expect(signatures).toEqual({
      kind: 'signatures',
      boxes: [
        { label: 'نام و امضای کارمند میز خدمت', name: 'مریم حسینی' },
        { label: 'امضای متقاضی', name: 'زهرا احمدی‌نژاد' },
      ],
    });
  });

  it('[RD1] adds the ticket, the branch, the documents received and missing, and how to follow it', () => {
    expect(field(fa, 'شمارهٔ نوبت')).toBe('۱۰۴۲');
    expect(field(fa, 'شعبه')).toBe(norm('شعبهٔ ۱۲ تهران (شهید بهشتی) تهران، خیابان شهید بهشتی، پلاک ۲۱۴'));
    expect(field(fa, 'مدارک دریافت‌شده')).toBe(norm('اصل کارت ملی، دفترچهٔ درمانی قبلی'));
    expect(field(fa, 'مدارک ناقص (باید ارائه شود)')).toBe(norm('دو قطعه عکس ۳×۴، فرم تکمیل‌شدهٔ درخواست'));
    expect(fa.find((b) => b.kind === 'follow')).toMatchObject({ url: STATUS_URL });
    expect(fa[0]).toMatchObject({ kind: 'heading', title: 'رسید خدمت' });
  });

  it('[RD1] in English: English words and titles, Latin digits; Persian only where no English exists', () => {
    expect(field(en, 'Tracking number')).toBe('123-456-7894');
    expect(field(en, 'Service')).toBe('Renewal of the medical booklet');
    expect(field(en, 'Request received')).toBe('Saturday 13 Ordibehesht 1404, 09:12');
    expect(field(en, 'Response promised by')).toBe('Wednesday 17 Ordibehesht 1404');
    expect(field(en, 'National ID')).toBe('0499370899');
    expect(field(en, 'Documents missing (still to bring)')).toBe(norm('Two 3×4 photos, فرم تکمیل‌شدهٔ درخواست'));
    const persian = /[\u0600-\u06ff]/;
    for (const b of en) {
      if (b.kind === 'heading')
        expect([b.title, ...b.over]).not.toEqual(expect.arrayContaining([expect.stringMatching(persian)]));
      if (b.kind === 'fields') for (const r of b.rows) expect(r.label).not.toMatch(persian);
      if (b.kind === 'follow') expect(b.caption.join(' ')).not.toMatch(persian);
      if (b.kind === 'signatures') for (const x of b.boxes) expect(x.label).not.toMatch(persian);
    }
  });

  it('[RD1] shows the delivery date once the response is delivered', () => {
    const done = receiptForm(sampleView('delivered'), sampleConfig, { lang: 'fa', size: 'a5', statusUrl: STATUS_URL });
    expect(field(done, 'تاریخ دریافت پاسخ خدمت')).toBe(
      'سه‌شنبه ۱۶ اردیبهشت ۱۴۰۴، ساعت ۱۰:۰۵'.normalize('NFKC').replace('\u200c', ''),
    );
  });

  it('[RD4] a paragraph runs in the direction of its first letter', () => {
    expect(paragraphRtl('زهرا احمدی')).toBe(true);
    expect(paragraphRtl('123 Main St, تهران')).toBe(false);
    expect(paragraphRtl('۱۲۳-۴۵۶')).toBeNull();
  });
});

describe('the response notice’s form', () => {
  const view = sampleView('delivered');
  const notice = view.response;
  if (!notice) throw new Error('no response');
  const fa = responseForm(view, sampleConfig, 'fa', notice);
  const en = responseForm(view, sampleConfig, 'en', notice);

  it('[RD3] has every field of جدول ۴ and the request it answers', () => {
    expect(field(fa, 'تاریخ و شمارهٔ پاسخ')).toBe('دوشنبه ۱۵ اردیبهشت ۱۴۰۴، ساعت ۱۳:۴۰ — ۱۲۳-۴۵۶-۷۸۹۴-۱');
    expect(field(fa, 'کد ملی')).toBe('۰۴۹۹۳۷۰۸۹۹');
    expect(field(fa, 'نام و نام خانوادگی ارباب رجوع')).toBe(norm('زهرا احمدی‌نژاد'));
    expect(field(fa, 'مستندات قانونی و استدلال‌های منجر به پاسخ ارائه‌شده')).toContain('مادهٔ ۳ قانون'.normalize('NFKC'));
    expect(field(fa, 'مفاد اصلی پاسخ')).toBe(norm(LONG_ANSWER));
    expect(field(fa, 'مرجع و مهلت اعتراض به پاسخ (تصمیم)')).toBe(
      norm('هیئت بدوی تشخیص مطالبات، شعبهٔ ۱۲ تهران تا پایان چهارشنبه ۱۴ خرداد ۱۴۰۴'),
    );
    expect(field(fa, 'توضیحات')).toBe(norm('در صورت نیاز به اطلاعات بیشتر با تلفن ۸۸۷۶۵۴۳۲ تماس بگیرید.'));
    expect(field(fa, 'نام و سمت صادرکنندهٔ ابلاغیه')).toBe('محمد جعفری — رئیس امور حقوقی');
    expect(field(fa, 'شمارهٔ پی‌گیری درخواست')).toBe('۱۲۳-۴۵۶-۷۸۹۴');
    expect(field(fa, 'عنوان خدمت')).toBe(norm('تمدید اعتبار دفترچهٔ درمانی'));
    expect(field(fa, 'تاریخ دریافت درخواست')).toBe('شنبه ۱۳ اردیبهشت ۱۴۰۴، ساعت ۰۹:۱۲');
    expect(field(fa, 'تاریخ اعلام‌شده برای پاسخ')).toBe('چهارشنبه ۱۷ اردیبهشت ۱۴۰۴');
    expect(field(fa, 'تحویل به ارباب رجوع')).toBe(norm('سه‌شنبه ۱۶ اردیبهشت ۱۴۰۴، ساعت ۱۰:۰۵ (در میز خدمت)'));
    expect(fa[0]).toMatchObject({ kind: 'heading', title: 'ابلاغ پاسخ خدمت' });
  });

  it('[RD3] in English: the officer’s Persian text as typed, the rest in English with Latin digits', () => {
    expect(field(en, 'Date and number')).toBe('Monday 15 Ordibehesht 1404, 13:40 — 123-456-7894-1');
    expect(field(en, 'Appeal: where, and until when')).toBe(
      norm('هیئت بدوی تشخیص مطالبات، شعبهٔ ۱۲ تهران until the end of Wednesday 14 Khordad 1404'),
    );
    expect(field(en, 'The response')).toBe(norm(LONG_ANSWER));
    expect(field(en, 'Delivered to the visitor')).toBe('Tuesday 16 Ordibehesht 1404, 10:05 (at the desk)');
  });

  it('[RD3] there is no notice before the response', async () => {
    await expect(renderResponse(sampleView('created'), sampleConfig, { lang: 'fa' })).rejects.toThrow(/no response/);
  });
});

const poppler = requireOrSkip('pdftoppm (poppler-utils)', popplerAvailable());

describe.skipIf(!poppler)('the documents as PDFs', () => {
  const receipts = new Map<string, Rendered>();
  const key = (lang: Lang, size: ReceiptSize) => `${lang}-${size}`;
  beforeAll(async () => {
    for (const lang of ['fa', 'en'] as const) {
      for (const size of SIZES) {
        const body = await renderReceipt(sampleView('created'), sampleConfig, { lang, size, statusUrl: STATUS_URL });
        receipts.set(key(lang, size), await look(body, `receipt-${lang}-${size}`));
      }
    }
  });
  const get = (lang: Lang, size: ReceiptSize) => receipts.get(key(lang, size)) as Rendered;

  it('[RD2] prints on A4 and A5 pages and on 80 and 58 mm rolls, one page as long as the receipt', () => {
    for (const lang of ['fa', 'en'] as const) {
      // pdfinfo writes whole points.
      expect(get(lang, 'a4').size).toEqual({ width: 595, height: 842, pages: 1 });
      expect(get(lang, 'a5').size).toEqual({ width: 420, height: 595, pages: 1 });
      for (const size of ['roll80', 'roll58'] as const) {
        const { width, height, pages } = get(lang, size).size;
        expect(pages).toBe(1);
        expect(Math.abs(width - PAPERS[size].width)).toBeLessThan(1);
        // Taller than wide, and not a page of blank paper.
        expect(height).toBeGreaterThan(width * 2.5);
        expect(height).toBeLessThan(1400);
      }
    }
  });

  it('[RD1][RD2] its QR code reads as the status page’s address at every size', () => {
    for (const lang of ['fa', 'en'] as const) {
      for (const size of SIZES) {
        const { png } = get(lang, size);
        const found = jsQR(png.data, png.width, png.height);
        expect(found?.data, `${lang} ${size}`).toBe(STATUS_URL);
      }
    }
  });

  it('[RD2] nothing is drawn in the margins (nothing clipped at the paper’s edge)', () => {
    for (const lang of ['fa', 'en'] as const) {
      for (const size of SIZES) {
        const { png } = get(lang, size);
        const k = png.width / PAPERS[size].width; // pixels per point
        const side = Math.floor(PAPERS[size].side * k) - 1;
        expect(inkIn(png, 0, 0, side, png.height), `${lang} ${size} left`).toBe(0);
        expect(inkIn(png, png.width - side, 0, png.width, png.height), `${lang} ${size} right`).toBe(0);
        expect(inkIn(png, 0, png.height - 8, png.width, png.height), `${lang} ${size} foot`).toBe(0);
      }
    }
  });

  it('[RD1][RD4] reads in Persian with Persian digits (Latin ones only in the address to type)', () => {
    for (const size of SIZES) {
      const { text } = get('fa', size);
      expect(text).toContain('۱۲۳-۴۵۶-۷۸۹۴');
      expect(text).toContain('۰۴۹۹۳۷۰۸۹۹');
      expect(text).toContain('اردیبهشت');
      expect(text).toContain('۰۹:۱۲');
      expect(text).toContain('۱۰۴۲');
      expect(text).toContain('مریم حسینی');
      expect(text).toContain(STATUS_URL);
      expect(text.replace(STATUS_URL, '')).not.toMatch(/[0-9]/);
    }
  });

  it('[RD1][RD4] reads in English, every field, no Persian beyond the visitor’s and the clerk’s names and untranslated texts', () => {
    for (const size of SIZES) {
      const { text } = get('en', size);
      for (const s of [
        'Service receipt',
        'Tracking number 123-456-7894',
        'Service Renewal of the medical booklet',
        'Request received Saturday 13 Ordibehesht 1404, 09:12',
        'Response promised by Wednesday 17 Ordibehesht 1404',
        'Response delivered',
        'National ID 0499370899',
        'Ticket 1042',
        'Tehran branch 12 (Shahid Beheshti)',
        'Documents received National ID card, The old medical booklet',
        'Documents missing',
        'scan this code',
        STATUS_URL,
        'Desk clerk’s name and signature',
        'Applicant’s signature',
      ]) {
        expect(text.replace(/ ?\n ?/g, ' '), `${size}: ${s}`).toContain(s);
      }
    }
  });

  it('[RD3] the response notice is an A4 PDF; a long answer runs onto a second page, numbered', async () => {
    const fa = await look(await renderResponse(sampleView('delivered'), sampleConfig, { lang: 'fa' }), 'response-fa');
    const en = await look(await renderResponse(sampleView('delivered'), sampleConfig, { lang: 'en' }), 'response-en');
    expect(fa.size).toEqual({ width: 595, height: 842, pages: 1 });
    expect(en.size.pages).toBe(1);
    expect(fa.text).toContain('۱۲۳-۴۵۶-۷۸۹۴-۱');
    expect(fa.text).toContain('۰۴۹۹۳۷۰۸۹۹');
    expect(fa.text).toContain('خرداد ۱۴۰۴');
    expect(fa.text).not.toMatch(/[0-9]/);
    for (const s of [
      'Notice of the response',
      'Date and number Monday 15 Ordibehesht 1404, 13:40 — 123-456-7894-1',
      'National ID 0499370899',
      'Request tracking number 123-456-7894',
      'Legal basis and reasoning',
      'The response',
      'until the end of Wednesday 14 Khordad 1404',
      'Remarks',
      'Issued by (name and post)',
      'Delivered to the visitor',
      'Tuesday 16 Ordibehesht 1404, 10:05 (at the desk)',
      'Issuer’s signature',
    ]) {
      expect(en.text, s).toContain(s);
    }
    const long = Array.from({ length: 14 }, () => LONG_ANSWER).join('\n');
    const two = await look(
      await renderResponse(sampleView('responded', { answer: long }), sampleConfig, { lang: 'en' }),
      'response-long-en',
    );
    expect(two.size.pages).toBe(2);
    const page2 = norm((await run('pdftotext', ['-f', '2', '-l', '2', two.pdf, '-'])).stdout);
    expect(two.text).toContain('Page 1 of 2');
    expect(page2).toContain('Page 2 of 2');
    expect(page2).toContain('Issuer’s signature');
    expect(CODE).toBe('1234567894');
  });
});
