// A real browser for the system tests: the system's Chromium driven by playwright-core (no bundled
// browser is downloaded), and a QR decoder that reads a screenshot as a phone camera would.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Builds a browser app (kiosk, display, counter) when its dist is missing or older than its sources. */
export function ensureAppBuilt(app: 'kiosk' | 'display' | 'counter'): void {
  const built = join(repoRoot, app, 'dist', 'index.html');
  const newest = Math.max(
    newestMtime(join(repoRoot, app, 'src')),
    newestMtime(join(repoRoot, app, 'index.html')),
    newestMtime(join(repoRoot, 'protocol', 'src')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  const r = spawnSync('npm', ['run', 'build', '-w', app], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build -w ${app} failed:\n${r.stdout}\n${r.stderr}`);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}
