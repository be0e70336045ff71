// The ticket as a 1-bit image at the printer's width, drawn right to left with the Vazirmatn font.
// Skia (through @napi-rs/canvas) shapes the Persian text (joining forms, ZWNJ, bidi); the canvas is
// then thresholded to black and white, and the QR code is set dot by dot afterwards so that its
// modules stay exact squares whatever the antialiasing did.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { clockTime, etaText, jalaliDate, localDigits, type PrintJob, toPersianDigits } from '@nobat/protocol';
import QRCode from 'qrcode';
import { type Bitmap, bitmapFromRgba, bitmapToPng, setDot } from './bitmap.ts';

export interface RenderOptions {
  /** Printable width in dots (384 or 576); must be a multiple of 8. */
  widthDots: number;
  /** The office's time zone, for the date and time on the ticket. */
  timeZone?: string;
}

const FAMILY = 'Vazirmatn';
let fontsRegistered = false;

function registerFonts(): void {
  if (fontsRegistered) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'ttf');
  for (const weight of ['Regular', 'Medium', 'Bold', 'Black']) {
    const key = GlobalFonts.registerFromPath(join(dir, `Vazirmatn-${weight}.ttf`), FAMILY);
    if (!key) throw new Error(`could not load the font Vazirmatn-${weight}.ttf from ${dir}`);
  }
  fontsRegistered = true;
}

/** Below this luminance a pixel is burnt. A little above mid-grey keeps thin strokes of small text. */
const THRESHOLD = 170;

/** What the ticket says, in the words of the kiosk's result screen. */
export interface TicketTexts {
  branch: string;
  branchEn: string | undefined;
  heading: string;
  number: string;
  service: string;
  serviceEn: string | undefined;
  rows: readonly (readonly [string, string])[];
  copyMark: string | null;
  qrCaption: string;
  footer: string;
}

export function ticketTexts(job: PrintJob, timeZone = 'Asia/Tehran'): TicketTexts {
  if (job.test) return testTexts(job, job.test, timeZone);
  return {
    branch: job.branchName.fa,
    branchEn: job.branchName.en,
    heading: 'شمارهٔ نوبت شما',
    number: toPersianDigits(job.number),
    service: job.serviceTitle.fa,
    serviceEn: job.serviceTitle.en,
    rows: [
      ['افراد پیش از شما', job.ahead === 0 ? 'هیچ‌کس' : `${localDigits('fa', job.ahead)} نفر`],
      ['زمان تقریبی انتظار', etaText('fa', job)],
      ['تاریخ', jalaliDate(job.issuedAt, 'fa', timeZone)],
      ['ساعت', clockTime(job.issuedAt, 'fa', timeZone)],
    ] as const,
    /** A reprint says so under the number, in Persian and English. */
    copyMark: job.copy ? 'المثنی — COPY' : null,
    qrCaption: 'برای پیگیری نوبت، این کد را با گوشی بخوانید',
    footer: 'لطفاً تا اعلام شماره در سالن انتظار بمانید',
  };
}

/** How a printer's status reads on a test slip. */
const STATUS_FA: Record<NonNullable<PrintJob['test']>['status'], string> = {
  online: 'آماده',
  'paper-near-end': 'کاغذ رو به پایان',
  offline: 'بی‌پاسخ',
  'paper-out': 'بی‌کاغذ',
  'cover-open': 'درِ باز',
  error: 'خطا',
};

/** [BUS4] A supervisor's test slip: marked as a test, with the printer, its status and the bridge's time. */
function testTexts(job: PrintJob, test: NonNullable<PrintJob['test']>, timeZone: string): TicketTexts {
  return {
    branch: job.branchName.fa,
    branchEn: job.branchName.en,
    heading: 'برگهٔ آزمایشی چاپگر',
    number: toPersianDigits(job.number),
    service: 'این برگه نوبت نیست',
    serviceEn: 'TEST PRINT — not a ticket',
    rows: [
      ['چاپگر', test.deviceId],
      ['وضعیت چاپگر', `${STATUS_FA[test.status]} (${test.status})`],
      ['تاریخ', jalaliDate(job.issuedAt, 'fa', timeZone)],
      ['ساعت پل ارتباطی', clockTime(job.issuedAt, 'fa', timeZone)],
    ],
    copyMark: 'چاپ آزمایشی — TEST',
    qrCaption: 'کد آزمایشی',
    footer: 'آزمون چاپگر از صفحهٔ پل ارتباطی',
  };
}

interface Layout {
  ctx: SKRSContext2D;
  width: number;
  /** Scale of rules and spaces relative to 80 mm paper. */
  k: number;
  /** Scale of text: 58 mm paper keeps its text a little larger than in proportion, to stay legible. */
  kText: number;
  margin: number;
  y: number;
}

/** The smallest text that still prints legibly on a 203 dpi head. */
const MIN_TEXT_PX = 17;

function font(weight: number, px: number): string {
  return `${weight} ${Math.round(px)}px ${FAMILY}`;
}

function textSize(l: Layout, size: number): number {
  return Math.max(MIN_TEXT_PX, Math.round(size * l.kText));
}

/** Greedy line breaking at spaces: lines no wider than maxWidth (a single long word stays whole). */
function greedyLines(ctx: SKRSContext2D, words: readonly string[], maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Splits text into as few lines as fit in maxWidth, then evens them out (the narrowest width that
 * still gives that many lines), so that a long office name does not leave one word alone below.
 */
function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  // A dash or other lone punctuation stays at the end of the line before it, never starts one.
  const words: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = words.length - 1;
    if (last >= 0 && /^[\p{P}\p{S}]+$/u.test(word)) words[last] = `${words[last]} ${word}`;
    else words.push(word);
  }
  const lines = greedyLines(ctx, words, maxWidth);
  if (lines.length < 2) return lines;
  let lo = 0;
  let hi = maxWidth;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (greedyLines(ctx, words, mid).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return greedyLines(ctx, words, hi);
}

/** Draws lines of text; `y` moves past them. The line height follows the font's own ascent and descent. */
function paragraph(
  l: Layout,
  text: string,
  opts: { weight: number; size: number; align?: 'center' | 'right'; dir?: 'rtl' | 'ltr'; shrink?: boolean },
): void {
  const { ctx } = l;
  const maxWidth = l.width - 2 * l.margin;
  let size = textSize(l, opts.size);
  ctx.font = font(opts.weight, size);
  if (opts.shrink) {
    // One line, as large as fits.
    while (size > 10 && ctx.measureText(text).width > maxWidth) {
      size -= 2;
      ctx.font = font(opts.weight, size);
    }
  }
  ctx.direction = opts.dir ?? 'rtl';
  ctx.textAlign = opts.align ?? 'center';
  ctx.textBaseline = 'alphabetic';
  const x = ctx.textAlign === 'center' ? l.width / 2 : l.width - l.margin;
  for (const line of opts.shrink ? [text] : wrap(ctx, text, maxWidth)) {
    const m = ctx.measureText(line);
    const ascent = opts.shrink ? m.actualBoundingBoxAscent : m.fontBoundingBoxAscent;
    const descent = opts.shrink ? m.actualBoundingBoxDescent : m.fontBoundingBoxDescent;
    ctx.fillText(line, x, Math.round(l.y + ascent));
    l.y = Math.ceil(l.y + ascent + descent);
  }
}

/** A label on the right and its value on the left; on narrow paper a value that does not fit goes below. */
function row(l: Layout, label: string, value: string): void {
  const { ctx } = l;
  const size = textSize(l, 22);
  ctx.direction = 'rtl';
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(400, size);
  const labelText = `${label}:`;
  const labelWidth = ctx.measureText(labelText).width;
  ctx.font = font(700, size);
  const valueWidth = ctx.measureText(value).width;
  const m = ctx.measureText(value);
  const lineHeight = Math.ceil(m.fontBoundingBoxAscent + m.fontBoundingBoxDescent);
  const ascent = m.fontBoundingBoxAscent;
  const gap = 12 * l.k;
  const fits = labelWidth + gap + valueWidth <= l.width - 2 * l.margin;
  ctx.font = font(400, size);
  ctx.textAlign = 'right';
  ctx.fillText(labelText, l.width - l.margin, Math.round(l.y + ascent));
  if (!fits) l.y += lineHeight;
  ctx.font = font(700, size);
  ctx.textAlign = fits ? 'left' : 'right';
  ctx.fillText(value, fits ? l.margin : l.width - l.margin, Math.round(l.y + ascent));
  l.y += lineHeight;
}

function rule(l: Layout, dashed: boolean): void {
  const { ctx } = l;
  const thickness = Math.max(2, Math.round(2 * l.k));
  ctx.fillStyle = '#000';
  if (!dashed) ctx.fillRect(l.margin, Math.round(l.y), l.width - 2 * l.margin, thickness);
  else {
    const dash = Math.round(10 * l.k);
    for (let x = l.margin; x < l.width - l.margin; x += 2 * dash) {
      ctx.fillRect(x, Math.round(l.y), Math.min(dash, l.width - l.margin - x), thickness);
    }
  }
  l.y += thickness;
}

/** A line of white text on a black band across the paper: the mark of a reprint, not to be missed. */
function banner(l: Layout, text: string): void {
  const { ctx } = l;
  const size = textSize(l, 34);
  ctx.font = font(900, size);
  ctx.direction = 'rtl';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const m = ctx.measureText(text);
  const pad = Math.round(10 * l.k);
  const top = Math.round(l.y);
  const height = Math.ceil(m.fontBoundingBoxAscent + m.fontBoundingBoxDescent) + 2 * pad;
  ctx.fillStyle = '#000';
  ctx.fillRect(l.margin, top, l.width - 2 * l.margin, height);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, l.width / 2, Math.round(top + pad + m.fontBoundingBoxAscent));
  ctx.fillStyle = '#000';
  l.y = top + height;
}

function space(l: Layout, dots: number): void {
  l.y += Math.round(dots * l.k);
}

interface QrPlacement {
  x: number;
  y: number;
  module: number;
  matrix: { size: number; get(row: number, col: number): number | boolean };
}

/** Reserves room for the QR code (with its four-module quiet zone) centred on the paper. */
function qrBox(l: Layout, url: string): QrPlacement {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  // About 45% of the paper's width on 80 mm, a bit more on 58 mm; whole dots per module.
  const target = l.width * (l.width <= 384 ? 0.55 : 0.45);
  const module = Math.max(3, Math.floor(target / (size + 8)));
  const side = (size + 8) * module;
  const x = Math.round((l.width - side) / 2) + 4 * module;
  const y = Math.round(l.y) + 4 * module;
  l.y += side;
  return { x, y, module, matrix: qr.modules };
}

function drawQr(b: Bitmap, q: QrPlacement): void {
  for (let r = 0; r < q.matrix.size; r++) {
    for (let c = 0; c < q.matrix.size; c++) {
      const black = Boolean(q.matrix.get(r, c));
      for (let dy = 0; dy < q.module; dy++) {
        for (let dx = 0; dx < q.module; dx++) setDot(b, q.x + c * q.module + dx, q.y + r * q.module + dy, black);
      }
    }
  }
}

/** The ticket as a 1-bit bitmap `widthDots` wide; the height is a multiple of 8 (what GS v 0 prints). */
export function renderTicket(job: PrintJob, opts: RenderOptions): Bitmap {
  const width = opts.widthDots;
  if (!Number.isInteger(width) || width <= 0 || width % 8 !== 0) throw new Error(`bad printer width ${width}`);
  registerFonts();
  const texts = ticketTexts(job, opts.timeZone);
  // Drawn on a canvas taller than any ticket, then cut to the height used.
  const canvas: Canvas = createCanvas(width, 3000);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#000';
  const k = width / 576;
  const l: Layout = { ctx, width, k, kText: Math.max(k, 0.75), margin: Math.round(14 * k), y: Math.round(8 * k) };

  paragraph(l, texts.branch, { weight: 700, size: 30 });
  if (texts.branchEn) paragraph(l, texts.branchEn, { weight: 500, size: 18, dir: 'ltr' });
  space(l, 10);
  rule(l, false);
  space(l, 12);
  paragraph(l, texts.heading, { weight: 500, size: 26 });
  space(l, 14);
  paragraph(l, texts.number, { weight: 900, size: 150, shrink: true });
  space(l, 18);
  if (texts.copyMark) {
    banner(l, texts.copyMark);
    space(l, 14);
  }
  paragraph(l, texts.service, { weight: 700, size: 30 });
  if (texts.serviceEn) paragraph(l, texts.serviceEn, { weight: 500, size: 18, dir: 'ltr' });
  space(l, 12);
  rule(l, true);
  space(l, 10);
  for (const [label, value] of texts.rows) row(l, label, value);
  space(l, 8);
  rule(l, true);
  space(l, 4);
  const qr = qrBox(l, job.trackingUrl);
  paragraph(l, texts.qrCaption, { weight: 500, size: 20 });
  space(l, 14);
  rule(l, false);
  space(l, 10);
  paragraph(l, texts.footer, { weight: 500, size: 22 });
  space(l, 16);

  const height = Math.ceil(l.y / 8) * 8;
  const pixels = ctx.getImageData(0, 0, width, height);
  const bitmap = bitmapFromRgba(pixels.data, width, height, THRESHOLD);
  drawQr(bitmap, qr);
  return bitmap;
}

/** The ticket as a PNG (black and white, exactly the dots that print), for previews. */
export function renderTicketPng(job: PrintJob, opts: RenderOptions): Buffer {
  return bitmapToPng(renderTicket(job, opts));
}
