// The font of the PDF exports and their charts: Vazirmatn (Persian and Latin), registered once with
// Skia, which shapes the text (joining forms, ZWNJ, bidi) and embeds it in the PDF as a subset.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';

/** What a PDF page is drawn with. */
export type PageContext = ReturnType<PDFDocument['beginPage']>;

export const FAMILY = 'Vazirmatn';
let registered = false;

export function registerFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'ttf');
  for (const weight of ['Regular', 'Bold']) {
    const key = GlobalFonts.registerFromPath(join(dir, `Vazirmatn-${weight}.ttf`), FAMILY);
    if (!key) throw new Error(`could not load the font Vazirmatn-${weight}.ttf from ${dir}`);
  }
  registered = true;
}

/** A CSS font for the canvas. */
export const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${FAMILY}`;

let measurer: SKRSContext2D | undefined;
export function measure(text: string, cssFont: string): number {
  if (!measurer) {
    registerFonts();
    measurer = createCanvas(8, 8).getContext('2d');
  }
  measurer.font = cssFont;
  return measurer.measureText(text).width;
}

/** Lines of at most `width` points, broken between words (inside a word only when it alone is wider). */
export function wrap(text: string, width: number, cssFont: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, cssFont) <= width || !line) {
        line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
      // A single word wider than the column is cut where it overflows.
      while (measure(line, cssFont) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut), cssFont) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}
