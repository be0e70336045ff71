// The bus report and the supervisor's tests (PROTOCOL.md section 9, BUS1–BUS4), with a fake server link,
// a fake printer and simulated devices on serialport's mock binding: an address that answers, one
// that is silent, two devices on one address, a device a scan finds outside the configuration; the
// LED test pattern and the test print.
import { EventEmitter } from 'node:events';
import type {
  BridgeClientEvents,
  BridgeTestRequest,
  BridgeTestResult,
  BusAddressReport,
  BusReport,
  PrintJob,
} from '@nobat/protocol';
import { BusReport as BusReportSchema, LED_TEST_PATTERN } from '@nobat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Bridge } from './bridge.ts';
import type { NodeStats } from './bus/master.ts';
import { collisionSigns } from './bus/report.ts';
import { mockPath, mockPort, until, wireMock } from './bus/testing.ts';
import { parseConfig } from './config.ts';
import type { AckOf, LinkEvents, RequestOf, ServerLink } from './link.ts';
import { memoryLogger } from './log.ts';
import { ticketTexts } from './printer/render.ts';
import type { Printer, PrinterConfig, PrinterOutcome } from './printer/types.ts';
import { SimulatedBus } from './simulator/bus.ts';

class FakeLink extends EventEmitter<LinkEvents> implements ServerLink {
  connected = false;
  readonly sent: { event: string; payload: unknown }[] = [];
  connect(): void {
    this.connected = true;
    this.emit('connect');
  }
  request<E extends keyof BridgeClientEvents>(event: E, payload: RequestOf<E>, _timeoutMs: number): Promise<AckOf<E>> {
    this.sent.push({ event, payload });
    return Promise.resolve({ data: null } as AckOf<E>);
  }
  reconnect(): void {}
  close(): void {
    this.connected = false;
  }
  reports(): BusReport[] {
    return this.sent.filter((s) => s.event === 'bus:report').map((s) => s.payload as BusReport);
  }
}

class FakePrinter implements Printer {
  readonly jobs: PrintJob[] = [];
  next: PrinterOutcome = { ok: true, status: 'online' };
  constructor(readonly config: PrinterConfig) {}
  async print(job: PrintJob): Promise<PrinterOutcome> {
    this.jobs.push(job);
    return this.next;
  }
  async status(): Promise<PrinterOutcome> {
    return { ...this.next, status: this.next.ok ? 'paper-near-end' : this.next.status };
  }
  async close(): Promise<void> {}
}

interface Rig {
  bridge: Bridge;
  link: FakeLink;
  sim: SimulatedBus;
  printer: () => FakePrinter;
  test(t: BridgeTestRequest): Promise<BridgeTestResult>;
  /** The address as the latest report sent to the server gives it. */
  sentAddress(address: number): BusAddressReport | undefined;
}

const running: Rig[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.sim.close();
    await r.bridge.stop();
  }
});

/** Displays at 1 (answers), 2 (nothing there: silent) and 3 (two devices), a keypad at 104; a stray device at 50. */
async function rig(): Promise<Rig> {
  const config = parseConfig({
    server: { url: 'http://127.0.0.1:1', token: 't' },
    buses: [
      {
        id: 'bus-1',
        path: mockPath(),
        timeoutMs: 80,
        pollIntervalMs: 40,
        pingIntervalMs: 50,
        probeIntervalMs: 100,
        displays: [
          { address: 1, counterId: 'counter-1' },
          { address: 2, counterId: 'counter-2' },
          { address: 3, counterId: 'counter-3' },
        ],
        keypads: [{ address: 104, counterId: 'counter-4' }],
      },
    ],
    printers: [{ deviceId: 'printer-kiosk-1', kioskId: 'kiosk-1', transport: { type: 'tcp', host: '127.0.0.1' } }],
  });
  const link = new FakeLink();
  let sim: SimulatedBus | undefined;
  let printer: FakePrinter | undefined;
  const bridge = new Bridge(config, {
    link,
    log: memoryLogger(),
    busReportIntervalMs: 30,
    openPort: (bus) => {
      const port = mockPort(bus.path, bus.baudRate);
      const mock = wireMock(port);
      sim = new SimulatedBus(mock.device, [
        { address: 1, display: true, firmware: 7 },
        { address: 3, display: true },
        { address: 50, display: true, firmware: 9 },
        { address: 104, keypad: true },
      ]);
      sim.addTwin(3, { firmware: 2 });
      return port;
    },
    openPrinter: (cfg) => {
      printer = new FakePrinter(cfg);
      return printer;
    },
  });
  bridge.start();
  link.connect();
  if (!sim) throw new Error('the bridge did not open its bus');
  const s = sim;
  const r: Rig = {
    bridge,
    link,
    sim: s,
    printer: () => {
      if (!printer) throw new Error('no printer');
      return printer;
    },
    test: (t) => new Promise((resolve) => link.emit('bridge:test', t, resolve)),
    sentAddress: (address) =>
      link
        .reports()
        .at(-1)
        ?.buses[0]?.addresses.find((a) => a.address === address),
  };
  running.push(r);
  return r;
}

const stats = (over: Partial<NodeStats>): NodeStats => ({
  state: 'online',
  info: { type: 1, version: 1, flags: 0 },
  lastAnswerAt: 0,
  consecutiveFailures: 0,
  answered: 10,
  missed: 0,
  garbled: 0,
  recent: ['answered', 'answered'],
  identities: ['1/1'],
  ...over,
});
const led = { kind: 'led' as const, deviceId: 'led-1', counterId: 'counter-1', address: 1 };

describe('bus report: the collision rule [BUS2]', () => {
  it('[BUS2] damaged answers at an address that also answers whole are a collision; damage alone is not', () => {
    expect(collisionSigns(stats({ recent: ['answered', 'garbled', 'answered', 'garbled'] }), [led])).toEqual([
      'garbled',
    ]);
    // One damaged answer: noise, not a second device.
    expect(collisionSigns(stats({ recent: ['answered', 'garbled', 'answered'] }), [led])).toEqual([]);
    // Damage and never a whole answer: a bad line (or nobody), not two devices.
    expect(collisionSigns(stats({ recent: ['garbled', 'missed', 'garbled'] }), [led])).toEqual([]);
  });

  it('[BUS2] two identities in the PING answers, or a device of another type than configured, are a collision', () => {
    expect(collisionSigns(stats({ identities: ['1/1', '1/2'] }), [led])).toEqual(['identities']);
    // A keypad only where the configuration has an LED.
    expect(collisionSigns(stats({ info: { type: 2, version: 1, flags: 0 } }), [led])).toEqual(['type-mismatch']);
    expect(collisionSigns(stats({ info: { type: 3, version: 1, flags: 0 } }), [led])).toEqual([]);
  });
});

describe('bridge: the bus report [BUS1][BUS2][BUS3]', () => {
  it('[BUS1][BUS2] reports the answering, the silent and the doubled address to the server, and again when one changes', async () => {
    const r = await rig();
    await until(() => {
      const [a1, a2, a3] = [1, 2, 3].map((a) => r.sentAddress(a));
      return a1?.state === 'answers' && a2?.state === 'silent' && a3?.state === 'collision';
    }, 'a report with 1 answering, 2 silent and 3 colliding');
    const report = r.link.reports().at(-1);
    expect(BusReportSchema.safeParse(report).success).toBe(true);
    const a1 = r.sentAddress(1);
    expect(a1).toMatchObject({
      firmware: 7,
      reported: { display: true, keypad: false },
      consecutiveFailures: 0,
      configured: [{ kind: 'led', counterId: 'counter-1' }],
    });
    expect(a1?.lastAnswerAt).not.toBeNull();
    const a2 = r.sentAddress(2);
    expect(a2).toMatchObject({ firmware: null, lastAnswerAt: null, reported: null, answered: 0 });
    expect(a2?.consecutiveFailures).toBeGreaterThanOrEqual(3);
    const a3 = r.sentAddress(3);
    expect(a3?.garbled).toBeGreaterThanOrEqual(2);
    expect(a3?.collision).toContain('garbled');
    expect(r.sentAddress(104)).toMatchObject({ state: 'answers', reported: { display: false, keypad: true } });
    expect(report?.printers).toEqual([expect.objectContaining({ deviceId: 'printer-kiosk-1', kioskId: 'kiosk-1' })]);

    // The LED at 1 goes quiet: a new report says so.
    const before = r.link.reports().length;
    r.sim.unplug(1);
    await until(() => r.sentAddress(1)?.state === 'silent', 'a report with 1 silent');
    expect(r.link.reports().length).toBeGreaterThan(before);
    expect(r.sentAddress(1)?.firmware).toBe(7); // what it last said of itself stays
  });

  it('[BUS1] does not send the same report again while nothing in it changes', async () => {
    const r = await rig();
    await until(() => r.sentAddress(3)?.state === 'collision', 'the collision reported');
    r.sim.removeTwin(3);
    // Once the collision has left address 3's recent exchanges, the reports stop changing.
    await until(() => r.sentAddress(3)?.state === 'answers', 'address 3 answering alone');
    const count = r.link.reports().length;
    const report = r.bridge.busReport();
    // Three more checks: the figures moved on (answers counted), the states did not.
    await until(
      () => r.bridge.busReport().buses[0]?.addresses[0]?.answered !== report.buses[0]?.addresses[0]?.answered,
      'more answers',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const states = (b: BusReport) => b.buses[0]?.addresses.map((a) => `${a.address}:${a.state}`);
    expect(states(r.bridge.busReport())).toEqual(states(report));
    expect(r.link.reports().length).toBe(count);
  });

  it('[BUS3] a scan finds a device at an address the configuration does not list', async () => {
    const r = await rig();
    await until(() => r.sentAddress(1)?.state === 'answers', 'a first report');
    expect(r.sentAddress(50)).toBeUndefined();
    const result = await r.test({ kind: 'scan', from: 45, to: 55 });
    expect(result.ok).toBe(true);
    await until(() => r.link.reports().at(-1)?.buses[0]?.scannedAt !== undefined, 'the end of the scan reported');
    expect(r.sentAddress(50)).toMatchObject({ state: 'unexpected', firmware: 9, configured: [] });
    expect(r.link.reports().at(-1)?.buses[0]?.scannedAt).toBeDefined();
    // Nothing else in the range answered.
    const found = r.link
      .reports()
      .at(-1)
      ?.buses[0]?.addresses.filter((a) => a.state === 'unexpected');
    expect(found?.map((a) => a.address)).toEqual([50]);
  });
});

describe('bridge: the supervisor’s tests [BUS4]', () => {
  it('[BUS4] the LED test pattern is held for its seconds, then the LED shows its content again', async () => {
    const r = await rig();
    await until(() => r.sentAddress(1)?.state === 'answers', 'address 1 answering');
    const from = r.sim.history(1).length;
    const before = r.sim.display(1);
    const result = await r.test({ kind: 'led-pattern', address: 1, seconds: 1 });
    expect(result).toEqual({ ok: true });
    const seen = () => r.sim.history(1).slice(from);
    expect(seen().some((v) => v.held && v.text === LED_TEST_PATTERN)).toBe(true);
    // The device goes back by itself when the hold ends (the simulated device's own timer).
    await until(() => seen().some((v) => !v.held && v !== seen()[0]), 'the LED back to its content');
    const after = r.sim.display(1);
    expect({ mode: after.mode, text: after.text, held: after.held }).toEqual({
      mode: before.mode,
      text: before.text,
      held: false,
    });
  });

  it('[BUS4] a pattern on a silent or unknown address is refused with the reason', async () => {
    const r = await rig();
    await until(() => r.sentAddress(2)?.state === 'silent', 'address 2 silent');
    expect(await r.test({ kind: 'led-pattern', address: 2 })).toEqual({ ok: false, reason: 'device-offline' });
    expect(await r.test({ kind: 'led-pattern', address: 104 })).toEqual({ ok: false, reason: 'unknown-device' });
    expect(await r.test({ kind: 'led-pattern', address: 1, busId: 'bus-9' })).toEqual({
      ok: false,
      reason: 'unknown-device',
    });
  });

  it('[BUS4] a test print is marked as a test, with the printer’s status and the bridge’s time', async () => {
    const r = await rig();
    const result = await r.test({ kind: 'test-print', kioskId: 'kiosk-1' });
    expect(result).toEqual({ ok: true, status: 'online' });
    const [job] = r.printer().jobs;
    expect(job?.test).toEqual({ deviceId: 'printer-kiosk-1', status: 'paper-near-end' });
    const texts = ticketTexts(job as PrintJob);
    expect(texts.copyMark).toBe('چاپ آزمایشی — TEST');
    expect(texts.rows.map(([label]) => label)).toContain('وضعیت چاپگر');
    expect(texts.rows.find(([label]) => label === 'وضعیت چاپگر')?.[1]).toBe('کاغذ رو به پایان (paper-near-end)');
    r.printer().next = { ok: false, status: 'paper-out' };
    expect(await r.test({ kind: 'test-print', kioskId: 'kiosk-1' })).toMatchObject({
      ok: false,
      status: 'paper-out',
      reason: 'refused',
    });
    expect(await r.test({ kind: 'test-print', kioskId: 'kiosk-9' })).toEqual({ ok: false, reason: 'unknown-device' });
  });
});
