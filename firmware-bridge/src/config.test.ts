// The configuration file: the documented example is valid, defaults fill the rest, and every mistake
// is reported with the path of the bad field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config.ts';

const EXAMPLE = fileURLToPath(new URL('../bridge.example.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nobat-bridge-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = { server: { url: 'http://127.0.0.1:8080', token: 'bridge-1.x' } };
const message = (value: unknown): string => {
  try {
    parseConfig(value, 'bridge.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('bridge configuration', () => {
  it('the documented example is valid', () => {
    const c = loadConfig(EXAMPLE);
    expect(c.buses[0]?.displays).toHaveLength(3);
    expect(c.buses[0]?.keypads[2]?.deviceId).toBe('keypad-3-left');
    expect(c.printers[0]).toMatchObject({ kioskId: 'kiosk-1', paperWidthMm: 80 });
  });

  it('fills in defaults', () => {
    const c = parseConfig({ ...minimal, buses: [{ path: '/dev/ttyUSB0' }] });
    expect(c.buses[0]).toMatchObject({ baudRate: 19200, timeoutMs: 150, retries: 2, offlineAfterMisses: 3 });
    expect(c.buses[0]?.displays).toEqual([]);
    expect(c.texts).toEqual({ closed: 'CLOSED', paused: 'PAUSE', idle: '', empty: '----' });
    expect(c.printers).toEqual([]);
  });

  it('names the bad field', () => {
    expect(
      message({
        ...minimal,
        buses: [{ path: '/dev/x', displays: [{ address: 1, counterId: 'c' }, { address: 300 }] }],
      }),
    ).toMatch(/buses\[0\]\.displays\[1\]\.address: bus addresses are 1\.\.247/);
    expect(message({ ...minimal, buses: [{ path: '/dev/x', displays: [{ address: 2 }] }] })).toMatch(
      /buses\[0\]\.displays\[0\]\.counterId/,
    );
    expect(message({ server: { url: 'not a url', token: 't' } })).toMatch(/server\.url/);
    expect(message({ ...minimal, buses: [{ path: '/dev/x', retries: 'two' }] })).toMatch(/buses\[0\]\.retries/);
    expect(message({ ...minimal, buses: [{ path: '/dev/x', adress: 3 }] })).toMatch(/buses\[0\]: .*adress/);
    expect(
      message({ ...minimal, printers: [{ deviceId: 'p', kioskId: 'k', transport: { type: 'usb', path: 'x' } }] }),
    ).toMatch(/printers\[0\]\.transport\.type/);
    expect(message({})).toMatch(/^bridge\.json: invalid configuration:\n {2}server: /);
  });

  it('refuses an address used twice, a device id used twice, a port used twice, two printers for a kiosk', () => {
    const twice = message({
      ...minimal,
      buses: [
        {
          path: '/dev/a',
          displays: [
            { address: 1, counterId: 'counter-1' },
            { address: 1, counterId: 'counter-2' },
          ],
        },
        { path: '/dev/a', displays: [{ address: 5, counterId: 'counter-1' }] },
      ],
      printers: [
        { deviceId: 'p1', kioskId: 'kiosk-1', transport: { type: 'tcp', host: 'a' } },
        { deviceId: 'p2', kioskId: 'kiosk-1', transport: { type: 'tcp', host: 'b' } },
      ],
    });
    expect(twice).toMatch(/buses\[0\]\.displays\[1\]\.address: address 1 is used twice/);
    expect(twice).toMatch(
      /buses\[1\]\.displays\[0\]\.deviceId: device id "led-counter-1" is also used by buses\.0\.displays\.0/,
    );
    expect(twice).toMatch(/buses\[1\]\.path: \/dev\/a is also bus 0/);
    expect(twice).toMatch(/printers\[1\]\.kioskId: kiosk kiosk-1 has two printers/);
    // A display and a keypad may share an address (one unit).
    expect(() =>
      parseConfig({
        ...minimal,
        buses: [
          { path: '/dev/a', displays: [{ address: 1, counterId: 'c' }], keypads: [{ address: 1, counterId: 'c' }] },
        ],
      }),
    ).not.toThrow();
  });

  it('says clearly when the file is missing or not JSON', () => {
    expect(() => loadConfig(join(dir, 'nope.json'))).toThrow(/no such file .*NOBAT_BRIDGE_CONFIG/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "server": ');
    expect(() => loadConfig(bad)).toThrow(/bad\.json: not valid JSON/);
  });
});
