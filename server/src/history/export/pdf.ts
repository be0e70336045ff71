// [XP3] An export document as a PDF drawn by Skia (@napi-rs/canvas's PDFDocument): vector text in the
// embedded Vazirmatn font, shaped by Skia (joined letters, the words in right-to-left order, Latin runs
// kept left to right), so the text can be selected and searched; Persian digits and Jalali dates in
// Persian. A4, landscape when a table has more than six columns; the title and subtitle on the first
// page, the title small at the head of the others; each table's header row repeated on every page it
// runs onto; the total row bold; the charts after their table [XP4]; «صفحهٔ ۱ از ۳» at every page's foot.
import { PDFDocument } from '@napi-rs/canvas';
import { type Lang, localDigits } from '@nobat/protocol';
import type { ColumnKind, DocCell, DocSection, ExportDoc } from '../export-doc.ts';
import { type Box, drawChart } from './chart.ts';
import { font, measure, type PageContext, registerFonts, wrap } from './fonts.ts';
import { cellText } from './format.ts';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { side: 36, top: 40, bottom: 44 };
const SIZE = { title: 16, subtitle: 9.5, section: 12, cell: 8.5, running: 8, footer: 8 };
const LINE = 1.55; // line height over font size: Vazirmatn's marks sit high and low
const PAD = { x: 4, y: 3 };
const COLOURS = { ink: '#111', grey: '#555', rule: '#b9c3cf', header: '#1f4e79', stripe: '#f3f6f9', total: '#e7eef6' };
const CHART_HEIGHT = { portrait: 230, landscape: 200 };

type Draw = (ctx: PageContext) => void;
type Align = 'start' | 'center';

interface Layout {
  lang: Lang;
  width: number;
  height: number;
  /** The content box: left, right, top, bottom. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const words = {
  page: { fa: (i: number, n: number) => `صفحهٔ ${i} از ${n}`, en: (i: number, n: number) => `Page ${i} of ${n}` },
  noRows: { fa: 'ردیفی نیست.', en: 'No rows.' },
};

/** Text as the reader writes it: digits in Persian in a Persian document. */
const local = (lang: Lang, text: string) => (lang === 'fa' ? localDigits('fa', text) : text);

/** Draws lines of text in a box, aligned to the reader's start or centred. */
function textLines(
  ctx: PageContext,
  lang: Lang,
  lines: readonly string[],
  box: { x: number; y: number; width: number },
  size: number,
  align: Align,
): void {
  const rtl = lang === 'fa';
  ctx.direction = rtl ? 'rtl' : 'ltr';
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = align === 'center' ? 'center' : rtl ? 'right' : 'left';
  const x = align === 'center' ? box.x + box.width / 2 : rtl ? box.x + box.width : box.x;
  lines.forEach((line, i) => {
    ctx.fillText(line, x, box.y + i * size * LINE + size * 1.12);
  });
}

const alignOf = (kind: ColumnKind): Align => (kind === 'text' ? 'start' : 'center');

/**
 * Column widths that fill the content width: each column's natural width (its widest cell, its header
 * on up to three lines), shrunk towards its longest word when the table is wider than the page.
 */
function columnWidths(
  section: DocSection,
  headers: readonly string[],
  texts: string[][],
  headerFont: string,
  cellFont: string,
  width: number,
) {
  const longestWord = (t: string, f: string) => Math.max(0, ...t.split(/\s+/).map((w) => measure(w, f)));
  const cols = section.columns.map((c, i) => {
    const header = headers[i] ?? '';
    let natural = measure(header, headerFont) / 3;
    let least = longestWord(header, headerFont);
    for (const row of texts) {
      const t = row[i] ?? '';
      const width = measure(t, cellFont);
      natural = Math.max(natural, width);
      // Text wraps between words; a number or a date and time stays on one line.
      least = Math.max(least, Math.min(c.kind === 'text' ? longestWord(t, cellFont) : width, 90));
    }
    least = Math.min(least, 120);
    return { natural: Math.max(natural, least) + 2 * PAD.x, least: least + 2 * PAD.x };
  });
  const total = cols.reduce((s, c) => s + c.natural, 0);
  if (total <= width) return cols.map((c) => (c.natural * width) / total);
  const least = cols.reduce((s, c) => s + c.least, 0);
  if (least >= width) return cols.map((c) => (c.least * width) / least);
  const spare = width - least;
  const give = total - least;
  return cols.map((c) => c.least + ((c.natural - c.least) * spare) / give);
}

/** Pages as lists of drawing steps, laid out before anything is drawn so each page knows the count. */
class Pager {
  readonly pages: Draw[][] = [];
  y = 0;
  constructor(
    readonly L: Layout,
    readonly title: string,
  ) {
    this.newPage();
  }
  get page(): Draw[] {
    return this.pages[this.pages.length - 1] as Draw[];
  }
  newPage(): void {
    this.pages.push([]);
    this.y = this.L.top;
    if (this.pages.length > 1) {
      // Later pages carry the title small at their head.
      const { L, title } = this;
      const size = SIZE.running;
      this.page.push((ctx) => {
        ctx.fillStyle = COLOURS.grey;
        ctx.font = font(size);
        textLines(
          ctx,
          L.lang,
          [title],
          { x: L.left, y: L.top - size * LINE - 4, width: L.right - L.left },
          size,
          'start',
        );
      });
    }
  }
  /** Room for `height` on this page, or a new page. */
  need(height: number): void {
    if (this.y + height > this.L.bottom && this.y > this.L.top) this.newPage();
  }
}

function layoutSection(p: Pager, section: DocSection, doc: ExportDoc): void {
  const { L } = p;
  const { lang } = L;
  const width = L.right - L.left;
  const headerFont = font(SIZE.cell, true);
  const cellFont = font(SIZE.cell);
  const totalFont = font(SIZE.cell, true);
  const texts = (cells: readonly DocCell[]) =>
    section.columns.map((c, i) => cellText(c.kind, cells[i] ?? null, lang, doc.timeZone));
  const body = section.rows.map(texts);
  const total = section.total ? texts(section.total) : undefined;
  const headers = section.columns.map((c) => local(lang, c.header));
  const widths = section.columns.length
    ? columnWidths(section, headers, [...body, ...(total ? [total] : [])], headerFont, cellFont, width)
    : [];
  // Column i's left edge: the first column on the reader's start side.
  const lefts: number[] = [];
  let at = lang === 'fa' ? L.right : L.left;
  for (const w of widths) {
    if (lang === 'fa') at -= w;
    lefts.push(at);
    if (lang !== 'fa') at += w;
  }
  const lineH = SIZE.cell * LINE;
  const rowOf = (cells: string[], f: string) => {
    const lines = cells.map((t, i) => wrap(t, (widths[i] ?? 0) - 2 * PAD.x, f));
    return { lines, height: Math.max(1, ...lines.map((l) => l.length)) * lineH + 2 * PAD.y };
  };
  const header = rowOf(headers, headerFont);

  const drawRow = (
    y: number,
    row: { lines: string[][]; height: number },
    kind: 'header' | 'body' | 'total',
    n: number,
  ) =>
    p.page.push((ctx) => {
      const fill =
        kind === 'header' ? COLOURS.header : kind === 'total' ? COLOURS.total : n % 2 ? COLOURS.stripe : undefined;
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fillRect(L.left, y, width, row.height);
      }
      ctx.strokeStyle = COLOURS.rule;
      ctx.lineWidth = kind === 'total' ? 1 : 0.4;
      ctx.beginPath();
      ctx.moveTo(L.left, y + row.height);
      ctx.lineTo(L.right, y + row.height);
      if (kind === 'total') {
        ctx.moveTo(L.left, y);
        ctx.lineTo(L.right, y);
      }
      ctx.stroke();
      ctx.fillStyle = kind === 'header' ? '#fff' : COLOURS.ink;
      ctx.font = kind === 'header' ? headerFont : kind === 'total' ? totalFont : cellFont;
      section.columns.forEach((c, i) => {
        const box = { x: (lefts[i] ?? 0) + PAD.x, y: y + PAD.y, width: (widths[i] ?? 0) - 2 * PAD.x };
        textLines(ctx, lang, row.lines[i] ?? [], box, SIZE.cell, kind === 'header' ? 'center' : alignOf(c.kind));
      });
    });

  // The section's title stays with the header row and the first row.
  const titleLines = wrap(local(lang, section.title), width, font(SIZE.section, true));
  const titleH = titleLines.length * SIZE.section * LINE + 4;
  const first = body[0] ? rowOf(body[0], cellFont).height : lineH;
  p.need(titleH + header.height + first);
  const titleY = p.y;
  p.page.push((ctx) => {
    ctx.fillStyle = COLOURS.ink;
    ctx.font = font(SIZE.section, true);
    textLines(ctx, lang, titleLines, { x: L.left, y: titleY, width }, SIZE.section, 'start');
  });
  p.y += titleH;

  if (section.columns.length) {
    const putHeader = () => {
      drawRow(p.y, header, 'header', 0);
      p.y += header.height;
    };
    putHeader();
    const rows = [
      ...body.map((r) => ({ cells: r, kind: 'body' as const })),
      ...(total ? [{ cells: total, kind: 'total' as const }] : []),
    ];
    rows.forEach((r, n) => {
      const row = rowOf(r.cells, r.kind === 'total' ? totalFont : cellFont);
      if (p.y + row.height > L.bottom) {
        p.newPage();
        putHeader();
      }
      drawRow(p.y, row, r.kind, n);
      p.y += row.height;
    });
  }
  if (section.rows.length === 0) {
    const y = p.y;
    p.page.push((ctx) => {
      ctx.fillStyle = COLOURS.grey;
      ctx.font = font(SIZE.cell);
      textLines(ctx, lang, [words.noRows[lang]], { x: L.left, y: y + PAD.y, width }, SIZE.cell, 'start');
    });
    p.y += lineH + 2 * PAD.y;
  }
  p.y += 10;

  const chartH = L.width > L.height ? CHART_HEIGHT.landscape : CHART_HEIGHT.portrait;
  // A chart with no figure to draw is left out rather than drawn as an empty grid.
  const charts = (section.charts ?? []).filter((c) =>
    c.series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v))),
  );
  for (const chart of charts) {
    p.need(chartH + 8);
    const box: Box = { x: L.left, y: p.y, width, height: chartH };
    p.page.push((ctx) => drawChart(ctx, chart, box, lang));
    p.y += chartH + 12;
  }
}

export function renderPdf(doc: ExportDoc): Uint8Array {
  registerFonts();
  const { lang } = doc;
  const landscape = doc.sections.some((s) => s.columns.length > 6);
  const width = landscape ? A4.height : A4.width;
  const height = landscape ? A4.width : A4.height;
  const L: Layout = {
    lang,
    width,
    height,
    left: MARGIN.side,
    right: width - MARGIN.side,
    top: MARGIN.top,
    bottom: height - MARGIN.bottom,
  };
  const title = local(lang, doc.title);
  const p = new Pager(L, title);
  const contentW = L.right - L.left;

  const titleLines = wrap(title, contentW, font(SIZE.title, true));
  const subLines = doc.subtitle.flatMap((s) => wrap(local(lang, s), contentW, font(SIZE.subtitle)));
  const top = p.y;
  p.page.push((ctx) => {
    ctx.fillStyle = COLOURS.ink;
    ctx.font = font(SIZE.title, true);
    textLines(ctx, lang, titleLines, { x: L.left, y: top, width: contentW }, SIZE.title, 'start');
    const subTop = top + titleLines.length * SIZE.title * LINE + 2;
    ctx.fillStyle = COLOURS.grey;
    ctx.font = font(SIZE.subtitle);
    textLines(ctx, lang, subLines, { x: L.left, y: subTop, width: contentW }, SIZE.subtitle, 'start');
    const ruleY = subTop + subLines.length * SIZE.subtitle * LINE + 6;
    ctx.strokeStyle = COLOURS.header;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    ctx.moveTo(L.left, ruleY);
    ctx.lineTo(L.right, ruleY);
    ctx.stroke();
  });
  p.y += titleLines.length * SIZE.title * LINE + 2 + subLines.length * SIZE.subtitle * LINE + 18;

  for (const section of doc.sections) layoutSection(p, section, doc);

  const pdf = new PDFDocument({ title, creator: 'Nobat', producer: 'Nobat (Skia/PDF)' });
  const count = p.pages.length;
  p.pages.forEach((steps, i) => {
    const ctx = pdf.beginPage(width, height);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    for (const step of steps) {
      ctx.save();
      step(ctx);
      ctx.restore();
    }
    ctx.fillStyle = COLOURS.grey;
    ctx.font = font(SIZE.footer);
    const footer = local(lang, words.page[lang](i + 1, count));
    textLines(
      ctx,
      lang,
      [footer],
      { x: L.left, y: height - MARGIN.bottom + 14, width: contentW },
      SIZE.footer,
      'center',
    );
    pdf.endPage();
  });
  return new Uint8Array(pdf.close());
}
