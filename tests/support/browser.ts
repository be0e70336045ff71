// A real browser for the system tests: the system's Chromium driven by playwright-core (no bundled
// browser is downloaded), and a QR decoder that reads a screenshot as a phone camera would.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import { repoRoot } from './paths.ts';

/** The Chromium to drive: $CHROMIUM_PATH, else `chromium` on the PATH; null when there is none. */
function chromiumPath(): string | null {
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

/** Builds a browser app when its dist is missing or older than its sources (its own, the client layer's, protocol's). */
export function ensureAppBuilt(app: 'kiosk' | 'display' | 'counter' | 'console'): void {
  const built = join(repoRoot, app, 'dist', 'index.html');
  const newest = Math.max(
    newestMtime(join(repoRoot, app, 'src')),
    newestMtime(join(repoRoot, app, 'index.html')),
    newestMtime(join(repoRoot, 'protocol', 'src')),
    newestMtime(join(repoRoot, 'client', 'src')),
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

/** Where the browser tests save their screenshots, for a person to look at. */
const SCREENSHOTS = join(repoRoot, 'tests', '.tmp', 'screenshots');

/** The path of screenshot `name` (a PNG in the screenshots directory). */
export function screenshotPath(name: string): string {
  return join(SCREENSHOTS, `${name}.png`);
}

/** Saves a screenshot of `page` as `name` and resolves with its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = screenshotPath(name);
  await page.screenshot({ path });
  return path;
}

/**
 * Switches an app to `want` with its language button and waits until the page says so (lang, dir)
 * and its fonts are in, so a photograph shows shaped Persian rather than a fallback. Clicked by
 * script: with a dialog open, the page behind it (the header too) is inert.
 */
export async function setLang(page: Page, want: 'fa' | 'en'): Promise<void> {
  const lang = () => page.evaluate(() => document.documentElement.lang);
  if ((await lang()) !== want) {
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid=language]')?.click());
  }
  await expect.poll(lang).toBe(want);
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(want === 'fa' ? 'rtl' : 'ltr');
  await page.evaluate(() => document.fonts.ready);
}

/** Signs in at the console's sign-in page and waits for the answer (and its cookie) before going on. */
export async function consoleSignIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  // A navigation right after the click would cut the answer off.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await page.getByTestId('sign-in').click();
  await answered;
}
