// A 1-bit image as a thermal printer sees it: rows of packed bits, the most significant bit the
// leftmost dot, 1 = black (burnt), the layout of ESC/POS raster data (GS v 0).
import { PNG } from 'pngjs';

export interface Bitmap {
  width: number;
  height: number;
  /** ceil(width / 8). */
  bytesPerRow: number;
  /** height × bytesPerRow bytes. */
  data: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function getDot(b: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return false;
  return ((b.data[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function setDot(b: Bitmap, x: number, y: number, black: boolean): void {
  if (x < 0 || y < 0 || x >= b.width || y >= b.height) return;
  const i = y * b.bytesPerRow + (x >> 3);
  const mask = 0x80 >> (x & 7);
  const byte = b.data[i] ?? 0;
  b.data[i] = black ? byte | mask : byte & ~mask;
}

/** RGBA pixels to dots: a pixel is black when its luminance is below `threshold` (0–255). */
export function bitmapFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 128) {
  const b = createBitmap(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const a = (rgba[p + 3] ?? 255) / 255;
      // Transparent pixels are paper (white).
      const lum = 0.299 * (rgba[p] ?? 255) + 0.587 * (rgba[p + 1] ?? 255) + 0.114 * (rgba[p + 2] ?? 255);
      const onWhite = lum * a + 255 * (1 - a);
      if (onWhite < threshold) setDot(b, x, y, true);
    }
  }
  return b;
}

/** Dots to opaque RGBA pixels: black or white. */
export function bitmapToRgba(b: Bitmap): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(b.width * b.height * 4);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      const v = getDot(b, x, y) ? 0 : 255;
      const p = (y * b.width + x) * 4;
      rgba[p] = v;
      rgba[p + 1] = v;
      rgba[p + 2] = v;
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

export function bitmapToPng(b: Bitmap): Buffer {
  const png = new PNG({ width: b.width, height: b.height });
  png.data = Buffer.from(bitmapToRgba(b).buffer);
  return PNG.sync.write(png);
}

export function bitmapFromPng(buf: Buffer): Bitmap {
  const png = PNG.sync.read(buf);
  return bitmapFromRgba(png.data, png.width, png.height);
}

/** Dots that differ between two bitmaps (all of the larger one's extra area counts as differing). */
export function countDifferentDots(a: Bitmap, b: Bitmap): number {
  let diff = 0;
  const w = Math.max(a.width, b.width);
  const h = Math.max(a.height, b.height);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inA = x < a.width && y < a.height;
      const inB = x < b.width && y < b.height;
      if (!inA || !inB || getDot(a, x, y) !== getDot(b, x, y)) diff++;
    }
  }
  return diff;
}
