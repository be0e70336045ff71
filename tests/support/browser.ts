// A real browser for the system tests: the system's Chromium driven by playwright-core (no bundled
// browser is downloaded), and a QR decoder that reads a screenshot as a phone camera would.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import jsQR from 'jsqr';
import { type Browser, chromium } from 'playwright-core';
import { PNG } from 'pngjs';

/** The Chromium to drive: $CHROMIUM_PATH, else `chromium` on the PATH; null when there is none. */
export function chromiumPath(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given) return executable(given) ? given : null;
  const found = spawnSync('which', ['chromium'], { encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  return path && executable(path) ? path : null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function chromiumAvailable(): boolean {
  return chromiumPath() !== null;
}

/** Headless Chromium, without a sandbox (containers) or a GPU, and without background traffic. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium not found (set CHROMIUM_PATH)');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The text of the QR code in a PNG image, or null when none can be read. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return jsQR(pixels, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}
