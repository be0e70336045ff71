// `npm run simulate -w firmware-bridge`: an office's LED displays, keypads and ticket printer on
// pseudo-terminals, so the bridge (and so the whole system) can be tried without hardware.
//
//   Without a configuration it plays the demo office (counters 1–6, kiosk-1's printer) and writes the
//   matching bridge configuration to <dir>/bridge.json. With --config (or NOBAT_BRIDGE_CONFIG) it plays
//   the devices of that configuration, making its ptys at the configured paths.
//
// Type commands to press keys (e.g. "4n": counter 4 presses NEXT); see `help`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import type { KeyName } from '../bus/frame.ts';
import { type BridgeConfig, ConfigError, loadConfig, parseConfig } from '../config.ts';
import type { LedView } from './bus.ts';
import { socatAvailable } from './pty.ts';
import { demoConfig, type Simulation, startSimulation } from './simulation.ts';

const KEYS: Record<string, KeyName> = { n: 'next', r: 'recall', x: 'no-show', p: 'pause', s: 'start', f: 'finish' };

const HELP = `Commands:
  4n  4r  4x  4p  4s  4f   counter 4 presses NEXT, RECALL, no-show (X), PAUSE/resume, START, FINISH
  leds                     what every LED shows
  unplug 4 | plug 4        pull / reconnect counter 4's devices (the bridge reports them offline/online)
  restart 4                power-cycle counter 4's devices (they go blank; the bridge resyncs them)
  twin 4 | untwin 4        a second device on counter 4's LED address / taken off again (the bridge's
                           bus report shows "two devices on one address", PROTOCOL.md BUS2)
  noise                    put garbage on every bus (the bridge must resync and carry on)
  paper out | paper in     the printer runs out of paper / is refilled
  paper low                the roll is nearly empty (it still prints)
  cover open | cover close the printer's cover
  help | quit`;

const { values } = parseArgs({
  options: {
    config: { type: 'string', short: 'c' },
    dir: { type: 'string', short: 'd' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`usage: npm run simulate -w firmware-bridge [-- --config bridge.json] [--dir /tmp/nobat-sim]\n\n${HELP}`);
  process.exit(0);
}

if (!socatAvailable()) {
  console.error('socat is needed for the pseudo-terminals (apt-get install socat)');
  process.exit(1);
}

const dir = resolve(values.dir ?? '/tmp/nobat-sim');
const configPath = values.config ?? process.env.NOBAT_BRIDGE_CONFIG;
let config: BridgeConfig;
let bridgeConfigPath: string;
try {
  if (configPath) {
    config = loadConfig(configPath);
    bridgeConfigPath = resolve(configPath);
  } else {
    // The demo server's bridge-1 token: given, or derived from the device key the server was given.
    const deviceKey = process.env.NOBAT_DEMO_DEVICE_KEY;
    const token = process.env.NOBAT_BRIDGE_TOKEN ?? (deviceKey ? demoDeviceToken(deviceKey, 'bridge-1') : undefined);
    if (!token) {
      console.warn(
        'No NOBAT_BRIDGE_TOKEN or NOBAT_DEMO_DEVICE_KEY: put the token of bridge-1 (printed by `npm start`) in the config.',
      );
    }
    const input = demoConfig(dir, {
      url: process.env.NOBAT_SERVER_URL ?? 'http://127.0.0.1:8080',
      token: token ?? 'bridge-1.PUT-THE-TOKEN-HERE',
    });
    config = parseConfig(input, 'demo configuration');
    mkdirSync(dir, { recursive: true });
    bridgeConfigPath = join(dir, 'bridge.json');
    writeFileSync(bridgeConfigPath, `${JSON.stringify(input, null, 2)}\n`);
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}

const ticketsDir = join(dir, 'tickets');
let sim: Simulation;
try {
  sim = await startSimulation(config, { ticketsDir });
} catch (error) {
  console.error(`cannot start the simulation: ${(error as Error).message}`);
  process.exit(1);
}

const ledLine = (v: LedView, bus: string) => {
  const shown = v.mode === 'blank' ? '(blank)' : v.text;
  const notes = [v.blinking && 'blinking', v.held && 'for a few seconds', v.brightness !== 100 && `${v.brightness}%`];
  return `${v.label.padEnd(18)} ${bus}@${String(v.address).padEnd(3)} │ ${shown.padEnd(10)} ${notes.filter(Boolean).join(', ')}`;
};

for (const b of sim.buses) {
  b.sim.on('display', (v) => console.log(ledLine(v, b.id)));
  b.port.on('close', () => console.log(`${b.id}: pty closed`));
}
for (const p of sim.printers) {
  p.sim.onPrinted(() => {
    console.log(
      `printer ${p.cfg.kioskId}: ticket ${p.sim.printed.length} printed (PNG in ${join(ticketsDir, p.cfg.kioskId)})`,
    );
  });
}

console.log(`
Nobat device simulator
  ${sim.buses.map((b) => `${b.id}: ${b.cfg.displays.length} LED(s), ${b.cfg.keypads.length} keypad(s) on ${b.pair.a}`).join('\n  ')}
  ${sim.printers.map((p) => `printer of ${p.cfg.kioskId}: ${p.cfg.transport.type === 'tcp' ? `tcp ${p.cfg.transport.host}:${p.cfg.transport.port}` : p.pair?.a}`).join('\n  ')}
  tickets are saved in ${ticketsDir}

Start the bridge against it:
  NOBAT_BRIDGE_CONFIG=${bridgeConfigPath} npm start -w firmware-bridge

${HELP}
`);

let closing = false;
async function quit(code = 0): Promise<void> {
  if (closing) return;
  closing = true;
  await sim.close();
  process.exit(code);
}
process.on('SIGINT', () => void quit());
process.on('SIGTERM', () => void quit());

const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY === true });
rl.on('close', () => void quit());
rl.on('line', (raw) => {
  const line = raw.trim().toLowerCase();
  if (!line) return;
  try {
    console.log(run(line));
  } catch (error) {
    console.log((error as Error).message);
  }
});

/** Carries out one command; returns what to print. */
function run(line: string): string {
  if (line === 'help' || line === '?') return HELP;
  if (line === 'quit' || line === 'exit') {
    void quit();
    return 'bye';
  }
  if (line === 'leds') {
    return sim.buses.flatMap((b) => b.cfg.displays.map((d) => ledLine(b.sim.display(d.address), b.id))).join('\n');
  }
  if (line === 'noise') {
    for (const b of sim.buses) b.sim.noise();
    return 'noise sent on every bus';
  }
  const printerCmd = /^(paper|cover) (out|in|low|open|close|closed)$/.exec(line);
  if (printerCmd) {
    if (sim.printers.length === 0) return 'no printer is simulated';
    for (const p of sim.printers) {
      if (printerCmd[1] === 'paper') {
        p.sim.setPaperOut(printerCmd[2] === 'out');
        p.sim.setPaperNearEnd(printerCmd[2] === 'low');
      } else p.sim.setCoverOpen(printerCmd[2] === 'open');
    }
    return `printer: ${line}`;
  }
  const twin = /^(twin|untwin) (\S+)$/.exec(line);
  if (twin) {
    const [, what = '', counter = ''] = twin;
    const leds = sim.devicesOf(counter).filter((d) => d.display);
    if (leds.length === 0) return `no LED for counter ${counter}`;
    for (const d of leds) {
      if (what === 'twin') d.bus.sim.addTwin(d.address);
      else d.bus.sim.removeTwin(d.address);
    }
    return `${what}: ${leds.map((d) => `${d.bus.id}@${d.address}`).join(', ')}`;
  }
  const device = /^(unplug|plug|restart) (\S+)$/.exec(line);
  if (device) {
    const [, what = '', counter = ''] = device;
    const found = sim.devicesOf(counter);
    if (found.length === 0) return `no devices for counter ${counter}`;
    for (const d of found) {
      if (what === 'unplug') d.bus.sim.unplug(d.address);
      else if (what === 'plug') d.bus.sim.plug(d.address);
      else d.bus.sim.powerCycle(d.address);
    }
    return `${what}: ${found.map((d) => `${d.bus.id}@${d.address}`).join(', ')}`;
  }
  const press = /^(\S+?)\s*([nrxpsf])$/.exec(line);
  if (press) {
    const [, counter = '', letter = ''] = press;
    const key = KEYS[letter];
    const pads = sim.devicesOf(counter).filter((d) => d.keypad);
    const pad = pads[0];
    if (!key || !pad) return `no keypad for counter ${counter}`;
    pad.bus.sim.press(pad.address, key);
    const counterId = pad.bus.cfg.keypads.find((k) => k.address === pad.address)?.counterId ?? counter;
    return `keypad ${counterId}: ${key.toUpperCase()}`;
  }
  return `unknown command "${line}" (help lists them)`;
}
