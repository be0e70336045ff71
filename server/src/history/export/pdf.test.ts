// [XP3][XP4][XP5] The PDF export rendered to PNG by poppler's pdftoppm and read back: pages, ink,
// which side the title stands on, the charts' colours; and its text extracted by pdftotext, in
// logical order, with Persian digits only in Persian. The PNGs are kept under tests/.tmp/exports/
// to be looked at.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Lang } from '@nobat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../../../../tests/support/require.ts';
import type { ExportDoc } from '../export-doc.ts';
import { PALETTE } from './chart.ts';
import { renderDoc } from './render.ts';
import { popplerAvailable, sampleDoc } from './test-docs.ts';

const run = promisify(execFile);
const OUT = resolve(import.meta.dirname, '../../../../tests/.tmp/exports');

interface Rendered {
  pdf: string;
  pages: { path: string; width: number; height: number; data: Uint8ClampedArray }[];
  text: (page?: number) => Promise<string>;
}

/** Writes the document's PDF, renders every page to PNG at 60 dpi and decodes them. */
async function render(doc: ExportDoc, name: string): Promise<Rendered> {
  const file = await renderDoc('pdf', doc);
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.startsWith(`${name}-`) || f === `${name}.pdf`) rmSync(join(OUT, f));
  const pdf = join(OUT, `${name}.pdf`);
  writeFileSync(pdf, file.body);
  await run('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, name)]);
  const pngs = readdirSync(OUT)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort();
  const pages = await Promise.all(
    pngs.map(async (f) => {
      const image = await loadImage(join(OUT, f));
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      return {
        path: join(OUT, f),
        width: image.width,
        height: image.height,
        data: ctx.getImageData(0, 0, image.width, image.height).data,
      };
    }),
  );
  const text = async (page?: number) => {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    const { stdout } = await run('pdftotext', [...range, pdf, '-']);
    // Shaped glyphs come back as presentation forms; poppler adds bidi marks around runs.
    return stdout.normalize('NFKC').replace(/[\u202a-\u202e\u200e\u200f]/g, '');
  };
  return { pdf, pages, text };
}

type Page = Rendered['pages'][number];

/** Dark pixels (text, rules, bars) in a band of rows: their count and mean column. */
function ink(page: Page, top = 0, bottom = page.height) {
  let count = 0;
  let xs = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < page.width; x++) {
      const i = (y * page.width + x) * 4;
      const lum = 0.299 * (page.data[i] ?? 0) + 0.587 * (page.data[i + 1] ?? 0) + 0.114 * (page.data[i + 2] ?? 0);
      if (lum < 110) {
        count++;
        xs += x;
      }
    }
  }
  return { count, meanX: count ? xs / count : Number.NaN, share: count / (page.width * (bottom - top)) };
}

/** Pixels within a small distance of a colour. */
function pixelsOf(page: Page, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < page.data.length; i += 4) {
    if (
      Math.abs((page.data[i] ?? 0) - r) < 24 &&
      Math.abs((page.data[i + 1] ?? 0) - g) < 24 &&
      Math.abs((page.data[i + 2] ?? 0) - b) < 24
    )
      n++;
  }
  return n;
}

const docs: Partial<Record<Lang, Rendered>> = {};
const get = (lang: Lang) => {
  const d = docs[lang];
  if (!d) throw new Error(`not rendered: ${lang}`);
  return d;
};
const poppler = requireOrSkip('pdftoppm (poppler-utils)', popplerAvailable());
beforeAll(async () => {
  if (!poppler) return;
  docs.fa = await render(sampleDoc('fa'), 'sample-fa');
  docs.en = await render(sampleDoc('en'), 'sample-en');
});

describe.skipIf(!poppler)('PDF export', () => {
  it('[XP3] is an A4 PDF of two pages, each with ink on it, and its name and type', async () => {
    const file = await renderDoc('pdf', sampleDoc('fa'));
    expect(file.contentType).toBe('application/pdf');
    expect(file.fileName).toBe('sample-fa.pdf');
    expect(Buffer.from(file.body.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    for (const lang of ['fa', 'en'] as const) {
      const { pages } = get(lang);
      expect(pages).toHaveLength(2);
      for (const page of pages) {
        // A4 portrait at 60 dpi: 496 × 702.
        expect([page.width, page.height]).toEqual([496, 702]);
        const { share } = ink(page);
        expect(share).toBeGreaterThan(0.01);
        expect(share).toBeLessThan(0.5);
      }
    }
    const { stdout } = await run('pdffonts', [get('fa').pdf]);
    // The font is embedded (as a subset), so the page reads the same everywhere.
    expect(stdout).toMatch(/Vazirmatn-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('[XP3] the title stands on the right in Persian and on the left in English', () => {
    const band = (lang: Lang) => {
      const page = get(lang).pages[0] as Page;
      // The title's line: 40 pt from the top, 16 pt type (60 dpi: 1 pt = 0.83 px).
      return { ...ink(page, 33, 55), width: page.width };
    };
    const fa = band('fa');
    const en = band('en');
    expect(fa.count).toBeGreaterThan(200);
    expect(en.count).toBeGreaterThan(200);
    expect(fa.meanX).toBeGreaterThan(fa.width * 0.6);
    expect(en.meanX).toBeLessThan(en.width * 0.4);
  });

  it('[XP3] Persian text comes back in logical order, with Persian digits only', async () => {
    const text = await get('fa').text();
    const firstLine = text.split('\n')[0] ?? '';
    // Reversed or unjoined text would not read «گزارش … تهران» from its start.
    expect(firstLine.indexOf('گزارش')).toBeGreaterThanOrEqual(0);
    expect(firstLine.indexOf('تهران')).toBeGreaterThan(firstLine.indexOf('گزارش'));
    expect(firstLine).toContain('۱۲');
    expect(text).toMatch(/تمدید دفترچ.* درمانی/);
    expect(text).toContain('۱۲٫۳'); // minutes, one decimal, the Persian separator
    expect(text).toContain('۸۶٪');
    expect(text).toContain('۰۹:۱۵ ۱۴۰۵/۰۹/۱۰'); // Jalali date and local time
    // Every digit on every page (tables, chart axes, page numbers) is Persian.
    expect(text.match(/[0-9]/g)).toBeNull();
    const en = await get('en').text();
    expect(en).toContain('Monthly service-desk report — Tehran branch 12');
    expect(en).toContain('12.3');
    expect(en).toContain('1,722'); // counts grouped
    expect(text).toContain('۱٬۷۲۲');
    expect(en).toContain('1405/09/10 09:15');
    expect(en.match(/[\u0600-\u06ff]/g)).toBeNull();
  });

  it('[XP3][XP5] a table running onto the next page repeats its header row there; every page is numbered', async () => {
    const en = get('en');
    const second = await en.text(2);
    expect(second).toContain('Mean wait (min)');
    expect(second).toContain('Visits');
    expect(second).toContain('Total');
    expect(await en.text(1)).toContain('Page 1 of 2');
    expect(second).toContain('Page 2 of 2');
    // The running head of later pages: the title again.
    expect(second.split('\n')[0]).toBe('Monthly service-desk report — Tehran branch 12');
    const fa = await get('fa').text(2);
    expect(fa).toContain('مراجعه');
    expect(fa).toContain('جمع');
    expect(fa).toMatch(/۲\s*از ۲/);
  });

  it('[XP4] the charts are drawn: the bars and the lines in their colours, on the page of their section', async () => {
    const bare = sampleDoc('fa');
    for (const section of bare.sections) delete section.charts;
    const without = await render(bare, 'no-charts-fa');
    for (const lang of ['fa', 'en'] as const) {
      const pages = get(lang).pages;
      const blue = (p: Page[]) => pixelsOf(p[0] as Page, PALETTE[0] as string);
      const orange = (p: Page[]) => p.reduce((n, page) => n + pixelsOf(page, PALETTE[1] as string), 0);
      // The bar chart's bars on page 1 (the table headers share its blue: counted against the bare PDF).
      expect(blue(pages) - blue(without.pages)).toBeGreaterThan(3000);
      // The line chart's second series, orange, drawn on page 2 only.
      expect(pixelsOf(pages[1] as Page, PALETTE[1] as string)).toBeGreaterThan(150);
      expect(pixelsOf(pages[0] as Page, PALETTE[1] as string)).toBe(0);
      expect(orange(without.pages)).toBe(0);
    }
  });
  it('[XP3][XP4] a section with no rows says so; one without columns, or no section at all, still makes a page; an empty chart is left out', async () => {
    const doc: ExportDoc = {
      lang: 'fa',
      fileName: 'edge-fa',
      title: 'گزارش بی‌داده',
      subtitle: [],
      timeZone: 'Asia/Tehran',
      sections: [
        {
          title: 'بدون ردیف',
          columns: [
            { header: 'زیرخدمت', kind: 'text' },
            { header: 'مراجعه', kind: 'int' },
          ],
          rows: [],
          charts: [
            { kind: 'bar', title: 'نمودار تهی', labels: [], series: [] },
            { kind: 'line', title: 'نمودار پوچ', labels: ['۱', '۲'], series: [{ name: 'الف', values: [null, null] }] },
            { kind: 'bar', title: 'نمودار دوم', labels: ['۱', '۲'], series: [{ name: 'الف', values: [3, null] }] },
          ],
        },
        { title: 'بدون ستون', columns: [], rows: [] },
      ],
    };
    const edge = await render(doc, 'edge-fa');
    expect(edge.pages).toHaveLength(1);
    const text = await edge.text();
    expect(text).toContain('ردیفی نیست');
    expect(text).toContain('بدون ستون');
    expect(text).toContain('نمودار دوم');
    expect(text).not.toContain('نمودار تهی');
    expect(text).not.toContain('نمودار پوچ');
    const empty = await render({ ...doc, fileName: 'empty-fa', sections: [] }, 'empty-fa');
    expect(empty.pages).toHaveLength(1);
    expect(ink(empty.pages[0] as Page).count).toBeGreaterThan(100); // the title
  });
});
