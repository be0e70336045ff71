// A whole office's devices from a bridge configuration: for every bus a socat pty pair with the
// simulated displays and keypads on the far end, and for every printer a simulated ESC/POS printer
// (on a pty pair for serial printers, on a TCP port for network ones) saving its tickets as PNG.
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { BridgeConfig, BridgeConfigInput, BusConfig } from '../config.ts';
import {
  type EscPosSimulator,
  type SimPrinterOptions,
  type SimulatedPrinter,
  simulatePrinterOnStream,
  simulatePrinterOnTcp,
} from '../printer/sim-printer.ts';
import { PAPER_DOTS, type PrinterConfig } from '../printer/types.ts';
import { type SimDeviceSpec, SimulatedBus } from './bus.ts';
import { type PtyPair, startPtyPair } from './pty.ts';

/** A socat pty pair whose far end (`<path>.sim`) the simulator holds open as a serial port. */
export interface PtyEnd {
  pair: PtyPair;
  port: SerialPort;
}

/** Simulated displays and keypads on the far end of a pty pair. */
export interface PtyBus extends PtyEnd {
  sim: SimulatedBus;
}

/** A simulated ESC/POS printer on the far end of a pty pair. */
export interface PtyPrinter extends PtyEnd {
  sim: EscPosSimulator;
}

export interface SimBus extends PtyBus {
  id: string;
  cfg: BusConfig;
}

export interface SimPrinter {
  cfg: PrinterConfig;
  sim: SimulatedPrinter;
  /** Serial printers: the pty pair and the simulator's end of it. */
  pair?: PtyPair;
  port?: SerialPort;
}

export interface Simulation {
  buses: SimBus[];
  printers: SimPrinter[];
  /** Every simulated device at a counter: its bus, its address, and whether it is a display/keypad. */
  devicesOf(counter: string): { bus: SimBus; address: number; display: boolean; keypad: boolean }[];
  close(): Promise<void>;
}

/** Opens the simulator's end of a pty as a serial port. */
function openPty(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}

/** Makes a pty pair at `path` (the bridge's end) and `<path>.sim`, and opens the latter as a serial port. */
export async function attachPty(path: string, baudRate = 19200): Promise<PtyEnd> {
  const pair = await startPtyPair(path, `${path}.sim`);
  const port = await openPty(pair.b, baudRate).catch(async (error: unknown) => {
    await pair.stop();
    throw error;
  });
  return { pair, port };
}

/** Simulated bus devices behind a new pty pair at `path`, where the bridge opens its bus. */
export async function attachBus(
  path: string,
  devices: SimDeviceSpec[],
  baudRate = 19200,
  opts: ConstructorParameters<typeof SimulatedBus>[2] = {},
): Promise<PtyBus> {
  const end = await attachPty(path, baudRate);
  return { ...end, sim: new SimulatedBus(end.port, devices, opts) };
}

/** A simulated printer behind a new pty pair at `path`, where the bridge opens its serial printer. */
export async function attachSerialPrinter(
  path: string,
  opts: SimPrinterOptions,
  baudRate = 19200,
): Promise<PtyPrinter> {
  const end = await attachPty(path, baudRate);
  return { ...end, sim: simulatePrinterOnStream(end.port, opts) };
}

/** Pulls the cable: the simulated devices stop, the simulator's end is closed and the pty pair is gone. */
export async function detach(end: {
  sim?: { close(): void | Promise<void> };
  port?: SerialPort | undefined;
  pair?: PtyPair | undefined;
}): Promise<void> {
  await Promise.resolve(end.sim?.close()).catch(() => {});
  if (end.port) await closePort(end.port);
  await end.pair?.stop();
}

/** The simulated devices of one bus, as its configuration lists them (one unit may be both). */
function devicesOfBus(cfg: BusConfig): SimDeviceSpec[] {
  return [
    ...cfg.displays.map((d) => ({ address: d.address, display: true, label: `LED ${d.counterId}` })),
    ...cfg.keypads.map((k) => ({ address: k.address, keypad: true, label: `keypad ${k.counterId}` })),
  ];
}

/** True when `counter` (an id like "counter-4", or just "4") names `counterId`. */
function isCounter(counterId: string, counter: string): boolean {
  return counterId === counter || counterId.endsWith(`-${counter}`);
}

/** Starts every device of `config`; the pty links are made at the configured bus and printer paths. */
export async function startSimulation(config: BridgeConfig, opts: { ticketsDir?: string } = {}): Promise<Simulation> {
  const buses: SimBus[] = [];
  const printers: SimPrinter[] = [];
  const close = async () => {
    for (const b of buses) await detach(b);
    for (const p of printers) await detach(p);
  };
  const paths = [
    ...config.buses.map((b) => b.path),
    ...config.printers.flatMap((p) => (p.transport.type === 'serial' ? [p.transport.path] : [])),
  ];
  const real = paths.find((p) => p.startsWith('/dev/'));
  if (real) {
    throw new Error(
      `${real}: the simulator makes its own ptys; give it paths outside /dev (e.g. /tmp/nobat-sim/bus-1)`,
    );
  }
  try {
    for (const [i, cfg] of config.buses.entries()) {
      buses.push({
        id: cfg.id ?? `bus-${i + 1}`,
        cfg,
        ...(await attachBus(cfg.path, devicesOfBus(cfg), cfg.baudRate)),
      });
    }
    for (const cfg of config.printers) {
      const widthDots = PAPER_DOTS[cfg.paperWidthMm];
      const outDir = opts.ticketsDir ? join(opts.ticketsDir, cfg.kioskId) : undefined;
      const o = { widthDots, ...(outDir ? { outDir } : {}) };
      const t = cfg.transport;
      if (t.type === 'serial') {
        printers.push({ cfg, ...(await attachSerialPrinter(t.path, o, t.baudRate)) });
      } else if (t.type === 'tcp') {
        printers.push({ cfg, sim: await simulatePrinterOnTcp({ ...o, host: t.host, port: t.port }) });
      }
      // usb-lp printers are character devices made by the kernel: there is nothing to simulate.
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    buses,
    printers,
    devicesOf(counter) {
      return buses.flatMap((bus) => {
        const found = new Map<number, { bus: SimBus; address: number; display: boolean; keypad: boolean }>();
        for (const d of bus.cfg.displays) {
          if (isCounter(d.counterId, counter))
            found.set(d.address, { bus, address: d.address, display: true, keypad: false });
        }
        for (const k of bus.cfg.keypads) {
          if (!isCounter(k.counterId, counter)) continue;
          const f = found.get(k.address);
          if (f) f.keypad = true;
          else found.set(k.address, { bus, address: k.address, display: false, keypad: true });
        }
        return [...found.values()];
      });
    },
    close,
  };
}

/** A bridge configuration for the demo office: one bus with an LED (address N) and a keypad (100+N)
 * for each of counters 1–6, and kiosk-1's 80 mm printer on a pty, all under `dir`. */
export function demoConfig(dir: string, server: { url: string; token: string }): BridgeConfigInput {
  const counters = [1, 2, 3, 4, 5, 6];
  return {
    server,
    buses: [
      {
        id: 'bus-1',
        path: join(dir, 'bus-1'),
        displays: counters.map((n) => ({ address: n, counterId: `counter-${n}` })),
        keypads: counters.map((n) => ({ address: 100 + n, counterId: `counter-${n}` })),
      },
    ],
    printers: [
      {
        deviceId: 'printer-kiosk-1',
        kioskId: 'kiosk-1',
        paperWidthMm: 80,
        transport: { type: 'serial', path: join(dir, 'printer-kiosk-1') },
      },
    ],
  };
}
