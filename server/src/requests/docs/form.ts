// [RD1–RD4] The request's documents (receipt, response notice) as one-column official forms drawn by
// Skia into a PDF (@napi-rs/canvas, the Vazirmatn font of the exports: export/fonts.ts), so Persian
// is shaped and right to left, the text selectable, on any paper: A4 and A5 pages (a table of label
// and value with the labels shaded, broken across pages between rows or inside a long value), and
// the 80 and 58 mm receipt rolls (one page as long as the form, labels over their values, black on
// white only: a thermal printer has no grey).
import { PDFDocument } from '@napi-rs/canvas';
import type { Lang, ReceiptSize } from '@nobat/protocol';
import QRCode from 'qrcode';
import { font, type PageContext, registerFonts, wrap } from '../../history/export/fonts.ts';

export type PaperName = ReceiptSize;

interface Paper {
  width: number;
  /** Null for a roll: the page is as long as the form. */
  height: number | null;
  side: number;
  top: number;
  bottom: number;
  /** The body text's size (pt); headings and the code are scaled from it. */
  base: number;
  /** The label column's share of the content width (paged paper). */
  labelShare: number;
  qr: number;
}

const MM = 72 / 25.4;
/** [RD2] Paper sizes in points; a roll's printable width is 72 mm (80 mm paper) or 48 mm (58 mm paper). */
export const PAPERS: Record<PaperName, Paper> = {
  a4: { width: 595.28, height: 841.89, side: 48, top: 44, bottom: 48, base: 11, labelShare: 0.3, qr: 96 },
  a5: { width: 419.53, height: 595.28, side: 30, top: 30, bottom: 36, base: 9, labelShare: 0.34, qr: 80 },
  roll80: { width: 80 * MM, height: null, side: 4 * MM, top: 4 * MM, bottom: 8 * MM, base: 9, labelShare: 0, qr: 120 },
  roll58: {
    width: 58 * MM,
    height: null,
    side: 5 * MM,
    top: 3 * MM,
    bottom: 8 * MM,
    base: 7.5,
    labelShare: 0,
    qr: 104,
  },
};

const LINE = 1.55; // line height over font size: Vazirmatn's marks sit high and low
const COLOURS = { ink: '#000', grey: '#444', rule: '#8a96a3', label: '#eef2f6', head: '#1f4e79' };

export interface FieldRow {
  label: string;
  /** Empty with `blank`: a line left to write on by hand. */
  value: string;
  /** The tracking code: larger and bold. */
  strong?: boolean;
  /** Latin text read left to right (a URL, a code) even in a Persian form. */
  ltr?: boolean;
  blank?: boolean;
}

export type FormBlock =
  | { kind: 'heading'; over: string[]; title: string; under?: string[] }
  | { kind: 'fields'; rows: FieldRow[] }
  | { kind: 'signatures'; boxes: { label: string; name?: string }[] }
  | { kind: 'follow'; url: string; caption: string[] }
  | { kind: 'note'; text: string };

export interface FormDoc {
  lang: Lang;
  /** The PDF's title (metadata). */
  title: string;
  paper: PaperName;
  blocks: FormBlock[];
  /** [RD2] "Page 1 of 2", when the form runs onto more than one page. */
  pageLabel: (page: number, pages: number) => string;
}

type Draw = (ctx: PageContext, y: number) => void;
/** A piece of the form with its height; a tall one may be split to fill the rest of a page. */
interface Item {
  height: number;
  draw: Draw;
  split?: (room: number) => [Item, Item] | null;
  /** Space between blocks: dropped at a page's foot. */
  spacer?: boolean;
}

interface Ctx {
  lang: Lang;
  rtl: boolean;
  paper: Paper;
  roll: boolean;
  left: number;
  right: number;
  width: number;
}

/** A wrapped line and its paragraph's direction (null: no letters, the document's). */
interface Line {
  text: string;
  rtl: boolean | null;
}

const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
/** Arabic-Indic and Persian digits and the Arabic comma: in the Arabic block, but no letter. */
const NOT_LETTER = /[\u0660-\u066c\u06f0-\u06f9\u060c]/;
const LTR_LETTER = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;

/** [RD4] A paragraph's direction by its first letter, as a browser's dir="auto" does. */
export function paragraphRtl(text: string): boolean | null {
  for (const ch of text) {
    if (NOT_LETTER.test(ch)) continue;
    if (RTL_LETTER.test(ch)) return true;
    if (LTR_LETTER.test(ch)) return false;
  }
  return null;
}

/** Text broken into lines of at most `width`, each paragraph ('\n') with its own direction. */
function lay(text: string, width: number, cssFont: string): Line[] {
  return text.split('\n').flatMap((p) => {
    const rtl = paragraphRtl(p);
    return wrap(p, width, cssFont).map((t) => ({ text: t, rtl }));
  });
}

/**
 * Lines of text in a box: each in its paragraph's direction and aligned to that direction's start
 * (a Persian name in an English form stands on the right), or centred; `ltr` keeps a Latin run (a
 * URL, a code) in its order, aligned to the document's start.
 */
function drawLines(
  ctx: PageContext,
  c: Ctx,
  lines: readonly Line[],
  box: { x: number; y: number; width: number },
  size: number,
  opts: { bold?: boolean; align?: 'start' | 'center'; ltr?: boolean; colour?: string } = {},
): void {
  ctx.font = font(size, opts.bold);
  ctx.fillStyle = opts.colour ?? COLOURS.ink;
  ctx.textBaseline = 'alphabetic';
  const centre = opts.align === 'center';
  lines.forEach((line, i) => {
    const rtl = opts.ltr ? false : (line.rtl ?? c.rtl);
    const right = opts.ltr ? c.rtl : rtl;
    ctx.direction = rtl ? 'rtl' : 'ltr';
    ctx.textAlign = centre ? 'center' : right ? 'right' : 'left';
    const x = centre ? box.x + box.width / 2 : right ? box.x + box.width : box.x;
    ctx.fillText(line.text, x, box.y + i * size * LINE + size * 1.12);
  });
}

const hLine = (ctx: PageContext, x1: number, x2: number, y: number, width = 0.6, colour = COLOURS.rule) => {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x1, y);
  ctx.lineTo(x2, y);
  ctx.stroke();
};

function heading(c: Ctx, b: Extract<FormBlock, { kind: 'heading' }>): Item[] {
  const { base } = c.paper;
  const overSize = base * 1.05;
  const titleSize = base * (c.roll ? 1.45 : 1.7);
  const underSize = base * 0.85;
  const over = b.over.flatMap((t) => lay(t, c.width, font(overSize, true)));
  const title = lay(b.title, c.width, font(titleSize, true));
  const under = (b.under ?? []).flatMap((t) => lay(t, c.width, font(underSize)));
  const height = (over.length * overSize + title.length * titleSize + under.length * underSize) * LINE + 10;
  return [
    {
      height: height + 8,
      draw: (ctx, y) => {
        let at = y;
        drawLines(ctx, c, over, { x: c.left, y: at, width: c.width }, overSize, { bold: true, align: 'center' });
        at += over.length * overSize * LINE;
        drawLines(ctx, c, title, { x: c.left, y: at, width: c.width }, titleSize, {
          bold: true,
          align: 'center',
          colour: c.roll ? COLOURS.ink : COLOURS.head,
        });
        at += title.length * titleSize * LINE;
        drawLines(ctx, c, under, { x: c.left, y: at, width: c.width }, underSize, {
          align: 'center',
          colour: c.roll ? COLOURS.ink : COLOURS.grey,
        });
        at += under.length * underSize * LINE + 6;
        hLine(ctx, c.left, c.right, at, c.roll ? 1 : 1.2, c.roll ? COLOURS.ink : COLOURS.head);
      },
    },
  ];
}

/** [RD2] A field on paged paper: one row of a bordered table, the label shaded on the reader's start side. */
function tableRow(c: Ctx, row: FieldRow): Item {
  const { base } = c.paper;
  const pad = { x: base * 0.5, y: base * 0.35 };
  const labelW = c.width * c.paper.labelShare;
  const valueW = c.width - labelW;
  const valueSize = row.strong ? base * 1.45 : base;
  const labelFont = font(base, true);
  const valueFont = font(valueSize, row.strong);
  const labelLines = lay(row.label, labelW - 2 * pad.x, labelFont);
  const valueLines = row.blank ? [{ text: '', rtl: null }] : lay(row.value, valueW - 2 * pad.x, valueFont);
  const labelX = c.rtl ? c.right - labelW : c.left;
  const valueX = c.rtl ? c.left : c.left + labelW;
  const make = (label: Line[], value: Line[], minLines: number): Item => {
    const height =
      Math.max(label.length * base * LINE, value.length * valueSize * LINE, minLines * base * LINE) + 2 * pad.y;
    return {
      height,
      draw: (ctx, y) => {
        ctx.fillStyle = COLOURS.label;
        ctx.fillRect(labelX, y, labelW, height);
        ctx.strokeStyle = COLOURS.rule;
        ctx.lineWidth = 0.6;
        ctx.strokeRect(c.left, y, c.width, height);
        ctx.beginPath();
        ctx.moveTo(c.rtl ? labelX : labelX + labelW, y);
        ctx.lineTo(c.rtl ? labelX : labelX + labelW, y + height);
        ctx.stroke();
        drawLines(ctx, c, label, { x: labelX + pad.x, y: y + pad.y, width: labelW - 2 * pad.x }, base, { bold: true });
        drawLines(ctx, c, value, { x: valueX + pad.x, y: y + pad.y, width: valueW - 2 * pad.x }, valueSize, {
          bold: row.strong,
          ltr: row.ltr,
        });
      },
      // A long value goes on over the next page, its label left empty there.
      split: (room) => {
        const fit = Math.floor((room - 2 * pad.y) / (valueSize * LINE));
        // A short value moves to the next page whole; a long one fills this page first.
        if (fit < 2 || fit >= value.length || value.length <= 4) return null;
        return [make(label, value.slice(0, fit), 0), make([], value.slice(fit), 0)];
      },
    };
  };
  return make(labelLines, valueLines, row.blank ? 1.6 : 0);
}

/** [RD2] A field on a roll: the label over its value, a rule under; the code centred and large. */
function rollRow(c: Ctx, row: FieldRow): Item {
  const { base } = c.paper;
  const labelSize = base * 0.9;
  const valueSize = row.strong ? base * 1.6 : base;
  const label = lay(row.label, c.width, font(labelSize, true));
  const value = row.blank ? [] : lay(row.value, c.width, font(valueSize, row.strong));
  const blank = row.blank ? base * 2 : 0;
  const height = label.length * labelSize * LINE + value.length * valueSize * LINE + blank + base * 0.6;
  return {
    height,
    draw: (ctx, y) => {
      drawLines(ctx, c, label, { x: c.left, y, width: c.width }, labelSize, { bold: true });
      const at = y + label.length * labelSize * LINE;
      drawLines(ctx, c, value, { x: c.left, y: at, width: c.width }, valueSize, {
        bold: row.strong,
        ltr: row.ltr,
        align: row.strong ? 'center' : 'start',
      });
      if (row.blank) {
        ctx.setLineDash([1.5, 2]);
        hLine(ctx, c.left, c.right, at + blank - base * 0.3, 0.6, COLOURS.ink);
        ctx.setLineDash([]);
      }
      hLine(ctx, c.left, c.right, y + height - base * 0.3, 0.3, COLOURS.ink);
    },
  };
}

function signatures(c: Ctx, b: Extract<FormBlock, { kind: 'signatures' }>): Item[] {
  const { base } = c.paper;
  if (c.roll) {
    return b.boxes.map((box) => {
      const label = lay(box.label, c.width, font(base * 0.9, true));
      const name = box.name ? lay(box.name, c.width, font(base)) : [];
      const height = label.length * base * 0.9 * LINE + name.length * base * LINE + base * 3.2;
      return {
        height,
        draw: (ctx, y) => {
          drawLines(ctx, c, label, { x: c.left, y, width: c.width }, base * 0.9, { bold: true });
          const at = y + label.length * base * 0.9 * LINE;
          drawLines(ctx, c, name, { x: c.left, y: at, width: c.width }, base);
          ctx.setLineDash([1.5, 2]);
          hLine(ctx, c.left, c.right, y + height - base * 0.6, 0.6, COLOURS.ink);
          ctx.setLineDash([]);
        },
      };
    });
  }
  const gap = base;
  const n = b.boxes.length;
  // Side by side from the reader's start; a lone box (the issuer's) stands at the end side.
  const boxW = Math.min((c.width - gap * (n - 1)) / n, c.width * 0.48);
  const lone = n === 1;
  const pad = base * 0.5;
  const laid = b.boxes.map((box) => ({
    label: lay(box.label, boxW - 2 * pad, font(base, true)),
    name: box.name ? lay(box.name, boxW - 2 * pad, font(base)) : [],
  }));
  const text = Math.max(...laid.map((l) => (l.label.length + l.name.length) * base * LINE));
  const height = text + base * 4.5 + 2 * pad;
  return [
    {
      height: height + base,
      draw: (ctx, y0) => {
        const y = y0 + base;
        laid.forEach((l, i) => {
          // The first box on the reader's start side.
          const fromStart = c.rtl ? c.right - (i + 1) * boxW - i * gap : c.left + i * (boxW + gap);
          const x = lone ? (c.rtl ? c.left : c.right - boxW) : fromStart;
          ctx.strokeStyle = COLOURS.rule;
          ctx.lineWidth = 0.6;
          ctx.strokeRect(x, y, boxW, height);
          drawLines(ctx, c, l.label, { x: x + pad, y: y + pad, width: boxW - 2 * pad }, base, { bold: true });
          drawLines(
            ctx,
            c,
            l.name,
            { x: x + pad, y: y + pad + l.label.length * base * LINE, width: boxW - 2 * pad },
            base,
          );
        });
      },
    },
  ];
}

/** Draws a QR code of `url` in a square of `side` points at (x, y), with its four-module quiet zone. */
function drawQr(ctx: PageContext, url: string, x: number, y: number, side: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const m = side / (n + 8);
  ctx.fillStyle = '#fff';
  ctx.fillRect(x, y, side, side);
  ctx.fillStyle = '#000';
  for (let r = 0; r < n; r++) {
    // Runs of dark modules as one rectangle: no hairline seams between neighbours in a viewer.
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < n && modules.get(r, end)) end++;
      ctx.fillRect(x + (4 + c) * m, y + (4 + r) * m, (end - c) * m, m);
      c = end;
    }
  }
}

/** [RD1] How to follow the request: the QR code of its status page and its address, with a caption. */
function follow(c: Ctx, b: Extract<FormBlock, { kind: 'follow' }>): Item[] {
  const { base, qr } = c.paper;
  const size = base * 0.95;
  if (c.roll) {
    const caption = b.caption.flatMap((t) => lay(t, c.width, font(size)));
    const url = lay(b.url, c.width, font(size * 0.95));
    const side = Math.min(qr, c.width);
    const height = caption.length * size * LINE + side + url.length * size * 0.95 * LINE + base;
    return [
      {
        height,
        draw: (ctx, y) => {
          drawLines(ctx, c, caption, { x: c.left, y, width: c.width }, size, { align: 'center' });
          const at = y + caption.length * size * LINE;
          drawQr(ctx, b.url, c.left + (c.width - side) / 2, at, side);
          drawLines(ctx, c, url, { x: c.left, y: at + side, width: c.width }, size * 0.95, {
            align: 'center',
            ltr: true,
          });
        },
      },
    ];
  }
  const gap = base;
  const textW = c.width - qr - gap;
  const caption = b.caption.flatMap((t) => lay(t, textW, font(size)));
  const url = lay(b.url, textW, font(size, true));
  const text = (caption.length * size + url.length * size) * LINE;
  const height = Math.max(qr, text) + base;
  return [
    {
      height,
      draw: (ctx, y0) => {
        const y = y0 + base * 0.5;
        // The QR code on the reader's start side, the words beside it.
        const qrX = c.rtl ? c.right - qr : c.left;
        const textX = c.rtl ? c.left : c.left + qr + gap;
        drawQr(ctx, b.url, qrX, y, qr);
        const top = y + Math.max(0, (qr - text) / 2);
        drawLines(ctx, c, caption, { x: textX, y: top, width: textW }, size);
        drawLines(ctx, c, url, { x: textX, y: top + caption.length * size * LINE, width: textW }, size, {
          bold: true,
          ltr: true,
        });
      },
    },
  ];
}

function note(c: Ctx, b: Extract<FormBlock, { kind: 'note' }>): Item[] {
  const size = c.paper.base * 0.85;
  const lines = lay(b.text, c.width, font(size));
  return [
    {
      height: lines.length * size * LINE + size,
      draw: (ctx, y) =>
        drawLines(ctx, c, lines, { x: c.left, y: y + size * 0.5, width: c.width }, size, {
          colour: c.roll ? COLOURS.ink : COLOURS.grey,
        }),
    },
  ];
}

function items(c: Ctx, b: FormBlock): Item[] {
  switch (b.kind) {
    case 'heading':
      return heading(c, b);
    case 'fields':
      return [
        ...b.rows.map((r) => (c.roll ? rollRow(c, r) : tableRow(c, r))),
        { height: c.paper.base * 0.8, draw: () => {}, spacer: true },
      ];
    case 'signatures':
      return signatures(c, b);
    case 'follow':
      return follow(c, b);
    case 'note':
      return note(c, b);
  }
}

/** [RD2] The form as a PDF: paged paper broken between items (a long value split), a roll as one long page. */
export function renderForm(doc: FormDoc): Buffer {
  registerFonts();
  const paper = PAPERS[doc.paper];
  const roll = paper.height === null;
  const c: Ctx = {
    lang: doc.lang,
    rtl: doc.lang === 'fa',
    paper,
    roll,
    left: paper.side,
    right: paper.width - paper.side,
    width: paper.width - 2 * paper.side,
  };
  const all = doc.blocks.flatMap((b) => items(c, b));
  const pages: { item: Item; y: number }[][] = [[]];
  let y = paper.top;
  if (paper.height === null) {
    for (const item of all) {
      (pages[0] as { item: Item; y: number }[]).push({ item, y });
      y += item.height;
    }
  } else {
    const bottom = paper.height - paper.bottom;
    const queue = [...all];
    while (queue.length) {
      const item = queue.shift() as Item;
      const page = pages[pages.length - 1] as { item: Item; y: number }[];
      if (y + item.height > bottom) {
        if (item.spacer) continue; // space at a page's foot is not carried over
        const parts = item.split?.(bottom - y);
        if (parts || page.length) {
          if (parts) page.push({ item: parts[0], y });
          queue.unshift(parts ? parts[1] : item);
          pages.push([]);
          y = paper.top;
          continue;
        }
      }
      page.push({ item, y });
      y += item.height;
    }
  }
  const height = paper.height ?? Math.ceil(y + paper.bottom);
  const pdf = new PDFDocument({ title: doc.title, creator: 'Nobat', producer: 'Nobat (Skia/PDF)' });
  pages.forEach((page, i) => {
    const ctx = pdf.beginPage(paper.width, height);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, paper.width, height);
    for (const { item, y } of page) {
      ctx.save();
      item.draw(ctx, y);
      ctx.restore();
    }
    if (pages.length > 1) {
      const size = paper.base * 0.8;
      drawLines(
        ctx,
        c,
        [{ text: doc.pageLabel(i + 1, pages.length), rtl: null }],
        { x: c.left, y: height - paper.bottom + size, width: c.width },
        size,
        { align: 'center', colour: COLOURS.grey },
      );
    }
    pdf.endPage();
  });
  return pdf.close();
}
