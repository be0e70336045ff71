// The bridge's configuration file (JSON): the server it connects to, the RS-485 buses with the LED
// displays and keypads on each (by address and counter), and the ticket printers (by kiosk). Checked
// once at start; a bad value stops the bridge with a message naming the field.
import { readFileSync } from 'node:fs';
import { DeviceStatus, Id } from '@nobat/protocol';
import { z } from 'zod';
import { MAX_ADDRESS, MIN_ADDRESS } from './bus/frame.ts';
import { PrinterConfig, printerId } from './printer/types.ts';

const Address = z
  .number()
  .int()
  .min(MIN_ADDRESS, `bus addresses are ${MIN_ADDRESS}..${MAX_ADDRESS}`)
  .max(MAX_ADDRESS, `bus addresses are ${MIN_ADDRESS}..${MAX_ADDRESS}`);
const CounterId = Id;
const DeviceId = DeviceStatus.shape.deviceId;

export const DisplayConfig = z.strictObject({
  address: Address,
  counterId: CounterId,
  /** Reported to the server (default "led-<counterId>"). */
  deviceId: DeviceId.optional(),
  /** 1..100 percent; unset leaves the device's own setting. */
  brightness: z.number().int().min(1).max(100).optional(),
});
export type DisplayConfig = z.infer<typeof DisplayConfig>;

export const KeypadConfig = z.strictObject({
  address: Address,
  counterId: CounterId,
  /** Reported to the server (default "keypad-<counterId>"). */
  deviceId: DeviceId.optional(),
});
export type KeypadConfig = z.infer<typeof KeypadConfig>;

export const BusConfig = z.strictObject({
  /** A name for logs (default "bus-<n>"). */
  id: z.string().min(1).max(32).optional(),
  /** The serial port of the RS-485 adapter, e.g. /dev/ttyUSB0 or /dev/serial/by-id/…. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(19200),
  /** Time to wait for an answer to each frame. */
  timeoutMs: z.number().int().min(5).max(5000).default(150),
  /** Times an unanswered request is sent again. */
  retries: z.number().int().min(0).max(10).default(2),
  /** Unanswered frames in a row after which a device is reported offline. */
  offlineAfterMisses: z.number().int().min(1).max(100).default(3),
  /** How often keypads are asked for presses. */
  pollIntervalMs: z.number().int().min(10).max(10_000).default(150),
  /** How often every online device is pinged (a restarted device is noticed and resynced). */
  pingIntervalMs: z.number().int().min(50).max(600_000).default(1000),
  /** How often an offline device is probed. */
  probeIntervalMs: z.number().int().min(50).max(600_000).default(1000),
  /** How often a port that could not be opened (or was lost) is tried again. */
  reopenIntervalMs: z.number().int().min(100).max(600_000).default(2000),
  displays: z.array(DisplayConfig).default([]),
  keypads: z.array(KeypadConfig).default([]),
});
export type BusConfig = z.infer<typeof BusConfig>;

export const LedTexts = z.strictObject({
  /** Shown while nobody holds the counter. */
  closed: z.string().max(32).default('CLOSED'),
  /** Shown while the counter is paused. */
  paused: z.string().max(32).default('PAUSE'),
  /** Shown while the counter is open with nobody called (empty: blank). */
  idle: z.string().max(32).default(''),
  /** Shown briefly when "next" finds nobody waiting. */
  empty: z.string().max(32).default('----'),
});

export const BridgeConfig = z
  .strictObject({
    server: z.strictObject({
      /** The Nobat server, e.g. http://10.0.0.5:8080 (the bridge connects to its /bridge namespace). */
      url: z.url(),
      /** This bridge's device token (from the server's device list). */
      token: z.string().min(1).max(200),
    }),
    buses: z.array(BusConfig).default([]),
    printers: z.array(PrinterConfig).default([]),
    /** Seconds a call (and a recall) blinks. */
    blinkSeconds: z.number().int().min(0).max(60).default(5),
    /** Seconds a refusal code stays on the LED. */
    messageSeconds: z.number().int().min(1).max(60).default(3),
    texts: LedTexts.default({ closed: 'CLOSED', paused: 'PAUSE', idle: '', empty: '----' }),
    /** How often printers are asked for their status. */
    printerStatusIntervalMs: z.number().int().min(500).max(600_000).default(5000),
  })
  .superRefine((c, ctx) => {
    const ids = new Map<string, string>();
    const claim = (id: string, path: (string | number)[]) => {
      const first = ids.get(id);
      if (first) ctx.addIssue({ code: 'custom', path, message: `device id "${id}" is also used by ${first}` });
      else ids.set(id, path.join('.'));
    };
    c.buses.forEach((bus, b) => {
      for (const kind of ['displays', 'keypads'] as const) {
        const seen = new Set<number>();
        bus[kind].forEach((d, i) => {
          if (seen.has(d.address)) {
            ctx.addIssue({
              code: 'custom',
              path: ['buses', b, kind, i, 'address'],
              message: `address ${d.address} is used twice among this bus's ${kind}`,
            });
          }
          seen.add(d.address);
          claim(d.deviceId ?? defaultDeviceId(kind, d.counterId), ['buses', b, kind, i, 'deviceId']);
        });
      }
    });
    const paths = new Map<string, number>();
    c.buses.forEach((bus, b) => {
      if (paths.has(bus.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['buses', b, 'path'],
          message: `${bus.path} is also bus ${paths.get(bus.path)}`,
        });
      }
      paths.set(bus.path, b);
    });
    const kiosks = new Set<string>();
    c.printers.forEach((p, i) => {
      claim(printerId(p), ['printers', i, 'deviceId']);
      if (kiosks.has(p.kioskId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['printers', i, 'kioskId'],
          message: `kiosk ${p.kioskId} has two printers`,
        });
      }
      kiosks.add(p.kioskId);
    });
  });
export type BridgeConfig = z.infer<typeof BridgeConfig>;
export type BridgeConfigInput = z.input<typeof BridgeConfig>;

export function defaultDeviceId(kind: 'displays' | 'keypads', counterId: string): string {
  return `${kind === 'displays' ? 'led' : 'keypad'}-${counterId}`.slice(0, 64);
}

export class ConfigError extends Error {}

/** Checks a parsed JSON value; the error lists every bad field by its path, e.g. buses[0].displays[1].address. */
export function parseConfig(value: unknown, source = 'config'): BridgeConfig {
  const r = BridgeConfig.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${fieldPath(i.path)}: ${i.message}`);
  throw new ConfigError(`${source}: invalid configuration:\n${lines.join('\n')}`);
}

export function loadConfig(path: string): BridgeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `${path}: no such file (copy bridge.example.json to bridge.json, or set NOBAT_BRIDGE_CONFIG)`
        : `${path}: cannot be read (${code ?? String(error)})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(value, path);
}

function fieldPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
