// The bridge core with a fake server link, a fake printer and simulated devices on serialport's mock
// binding: what the LEDs show for each counter state, blinking on calls, keypad presses sent for the
// keypad's counter (pause toggling, retried with the same requestId, refusals flashed on the LED),
// offline/online reported and the display resynced, print jobs routed to the kiosk's printer.
import { EventEmitter } from 'node:events';
import type {
  BridgeClientEvents,
  CallPayload,
  CounterSummary,
  DeviceStatus,
  DisplaySnapshot,
  PrintJob,
  PrintResult,
} from '@nobat/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Bridge } from './bridge.ts';
import { Cmd, decodeFrames, NakReason } from './bus/frame.ts';
import { type MockBus, mockPath, mockPort, until, wireMock } from './bus/testing.ts';
import { type BridgeConfigInput, parseConfig } from './config.ts';
import type { AckOf, LinkEvents, RequestOf, ServerLink } from './link.ts';
import { memoryLogger } from './log.ts';
import { openPrinter } from './printer/index.ts';
import { workerRenderer } from './printer/renderer.ts';
import { simulatePrinterOnTcp } from './printer/sim-printer.ts';
import { GOLDEN_JOB } from './printer/testing.ts';
import type { Printer, PrinterConfig, PrinterOutcome } from './printer/types.ts';
import { type LedView, SimulatedBus } from './simulator/bus.ts';

type Sent = { event: string; payload: unknown };

class FakeLink extends EventEmitter<LinkEvents> implements ServerLink {
  connected = false;
  readonly sent: Sent[] = [];
  /** How the "server" answers each request. */
  answer: (event: string, payload: unknown) => unknown = () => ({ data: null });

  connect(): void {
    this.connected = true;
    this.emit('connect');
  }

  drop(): void {
    this.connected = false;
    this.emit('disconnect', 'transport close');
  }

  request<E extends keyof BridgeClientEvents>(event: E, payload: RequestOf<E>, _timeoutMs: number): Promise<AckOf<E>> {
    this.sent.push({ event, payload });
    try {
      return Promise.resolve(this.answer(event, payload) as AckOf<E>);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  reconnect(): void {
    this.drop();
    this.connect();
  }

  close(): void {
    this.connected = false;
  }

  statuses(): DeviceStatus[] {
    return this.sent.filter((s) => s.event === 'device:status').map((s) => s.payload as DeviceStatus);
  }

  presses(): { counterId: string; key: string; ageMs: number; requestId: string }[] {
    return this.sent.filter((s) => s.event === 'keypad:press').map((s) => s.payload as never);
  }
}

class FakePrinter implements Printer {
  next: PrinterOutcome = { ok: true, status: 'online' };
  readonly jobs: PrintJob[] = [];
  closed = false;
  constructor(readonly config: PrinterConfig) {}
  async print(job: PrintJob): Promise<PrinterOutcome> {
    this.jobs.push(job);
    return this.next;
  }
  async status(): Promise<PrinterOutcome> {
    return this.next.ok ? this.next : { ...this.next, ok: false };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const counter = (n: number, status: CounterSummary['status'], serving?: string): CounterSummary => ({
  id: `counter-${n}`,
  number: n,
  title: { fa: `باجه ${n}` },
  services: [],
  status,
  pauseReason: status === 'paused' ? 'نماز' : null,
  serving: serving ? { ticketId: `t-${serving}`, number: serving, serviceId: 's', status: 'called' } : null,
});

const snapshot = (version: number, counters: CounterSummary[]): DisplaySnapshot => ({
  branchId: 'b',
  branchName: { fa: 'شعبه' },
  day: '2026-01-05',
  version,
  serverTime: new Date().toISOString(),
  counters,
  services: [],
  recentCalls: [],
});

const call = (n: number, number: string, version: number, recall = false): CallPayload => ({
  ticketId: `t-${number}`,
  number,
  counterId: `counter-${n}`,
  counterNumber: n,
  serviceId: 's',
  calledAt: new Date().toISOString(),
  recall,
  version,
});

interface Rig {
  bridge: Bridge;
  link: FakeLink;
  sim: SimulatedBus;
  mock: MockBus;
  printer: FakePrinter | undefined;
  log: ReturnType<typeof memoryLogger>;
  led(address: number): LedView;
  /** Waits until the LED at `address` satisfies `check`. */
  shows(address: number, check: (v: LedView) => boolean, what: string): Promise<void>;
}

const running: Rig[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    // The devices first: an answer they would send after the port closed has nowhere to go.
    r.sim.close();
    await r.bridge.stop();
  }
});

async function rig(
  extra: Partial<BridgeConfigInput> = {},
  simOpts: { now?: () => number } = {},
  realPrinter?: (cfg: PrinterConfig) => Printer,
): Promise<Rig> {
  const path = mockPath();
  const config = parseConfig({
    server: { url: 'http://127.0.0.1:1', token: 't' },
    buses: [
      {
        path,
        timeoutMs: 150,
        pollIntervalMs: 20,
        pingIntervalMs: 100,
        probeIntervalMs: 60,
        displays: [
          { address: 1, counterId: 'counter-1' },
          { address: 2, counterId: 'counter-2', brightness: 60 },
          { address: 3, counterId: 'counter-3' },
          { address: 4, counterId: 'counter-4' },
        ],
        keypads: [
          { address: 1, counterId: 'counter-1' },
          { address: 104, counterId: 'counter-4' },
        ],
      },
    ],
    blinkSeconds: 2,
    ...extra,
  });
  const link = new FakeLink();
  const log = memoryLogger();
  let sim: SimulatedBus | undefined;
  let mock: MockBus | undefined;
  let printer: FakePrinter | undefined;
  const bridge = new Bridge(config, {
    link,
    log,
    openPort: (bus) => {
      const port = mockPort(bus.path, bus.baudRate);
      mock = wireMock(port);
      sim = new SimulatedBus(
        mock.device,
        [
          { address: 1, display: true, keypad: true },
          { address: 2, display: true },
          { address: 3, display: true },
          { address: 4, display: true },
          { address: 104, keypad: true },
        ],
        simOpts,
      );
      return port;
    },
    openPrinter: (cfg) => {
      if (realPrinter) return realPrinter(cfg);
      printer = new FakePrinter(cfg);
      return printer;
    },
  });
  bridge.start();
  if (!sim || !mock) throw new Error('the bridge did not open its bus');
  // Every bus device answered once: what a test sends next is not raced by their first resync.
  await until(() => bridge.statuses().filter((st) => st.kind !== 'printer').length === 6, 'the bus devices online');
  const s = sim;
  const r: Rig = {
    bridge,
    link,
    sim: s,
    mock,
    printer,
    log,
    led: (a) => s.display(a),
    // What the LED showed since the wait began counts too: a loaded machine may run the check only
    // after a short-lived content (a flashed code) has already gone.
    shows: (a, check, what) => {
      const from = s.history(a).length;
      return until(
        () => check(s.display(a)) || s.history(a).slice(from).some(check),
        `LED ${a}: ${what} (shows ${JSON.stringify(s.display(a))})`,
      );
    },
  };
  running.push(r);
  return r;
}

describe('bridge: LED displays follow the counters', () => {
  it('shows each counter’s state from the snapshot: number, CLOSED, PAUSE, blank; brightness as configured', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit(
      'snapshot',
      snapshot(10, [
        counter(1, 'open', '1001'),
        counter(2, 'closed'),
        counter(3, 'paused', '3001'),
        counter(4, 'open'),
      ]),
    );
    await r.shows(1, (v) => v.mode === 'number' && v.text === '1001', '1001');
    await r.shows(2, (v) => v.text === 'CLOSED', 'CLOSED');
    await r.shows(3, (v) => v.text === 'PAUSE', 'PAUSE');
    expect(r.led(4)).toMatchObject({ mode: 'blank' });
    expect(r.led(1).blinking).toBe(false); // a snapshot is no call
    await r.shows(2, (v) => v.brightness === 60, 'brightness 60');
    expect(r.led(1).brightness).toBe(100); // none configured: left as it is
  });

  it('a call shows blinking on its counter’s display only; a recall blinks again; a pause shows PAUSE', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(1, 'open'), counter(4, 'open', '4001')]));
    await r.shows(4, (v) => v.text === '4001', '4001');

    r.link.emit('ticket:called', call(1, '1002', 11));
    await r.shows(1, (v) => v.mode === 'number' && v.text === '1002' && v.blinking, '1002 blinking');
    expect(r.led(4).text).toBe('4001');
    // The counter:changed that follows the call does not restart or stop the blink.
    const shown = r.sim.history(1).length;
    r.link.emit('counter:changed', { ...counter(1, 'open', '1002'), version: 11 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(r.sim.history(1).length).toBe(shown);
    // The device stops blinking by itself after blinkSeconds.
    await r.shows(1, (v) => v.text === '1002' && !v.blinking, 'steady after the blink');

    r.link.emit('ticket:called', call(1, '1002', 12, true));
    await r.shows(1, (v) => v.text === '1002' && v.blinking, 'blinking on recall');

    r.link.emit('counter:changed', { ...counter(1, 'paused'), version: 13 });
    await r.shows(1, (v) => v.text === 'PAUSE', 'PAUSE');
    r.link.emit('counter:changed', { ...counter(1, 'closed'), version: 14 });
    await r.shows(1, (v) => v.text === 'CLOSED', 'CLOSED');
    // A stale change (older version) is ignored.
    r.link.emit('counter:changed', { ...counter(1, 'open', '999'), version: 12 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(r.led(1).text).toBe('CLOSED');
  });

  it('a change after versions it never saw asks the server for a snapshot, and shows that (no reconnect)', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(1, 'open', '1001'), counter(4, 'open', '4001')]));
    await r.shows(1, (v) => v.text === '1001', '1001');
    // The server answers with the branch as it is now: counter-4 paused meanwhile.
    r.link.answer = (event) =>
      event === 'snapshot:request'
        ? { data: snapshot(15, [counter(1, 'open', '1001'), counter(4, 'paused')]) }
        : { data: null };
    // Versions 11–13 were missed: this change follows 13.
    r.link.emit('counter:changed', { ...counter(1, 'open', '1005'), version: 14, since: 13 });
    await r.shows(4, (v) => v.text === 'PAUSE', 'PAUSE from the fresh snapshot');
    expect(r.link.sent.filter((x) => x.event === 'snapshot:request')).toHaveLength(1);
    expect(r.link.connected).toBe(true);
    // Once followed again, the next change (after 15) is shown as it comes.
    r.link.emit('counter:changed', { ...counter(1, 'open', '1006'), version: 16, since: 15 });
    await r.shows(1, (v) => v.text === '1006', '1006');
    expect(r.link.sent.filter((x) => x.event === 'snapshot:request')).toHaveLength(1);
  });

  it('resends every display on each snapshot (after a drop the server may have moved on)', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(1, 'open', '1001')]));
    await r.shows(1, (v) => v.text === '1001', '1001');
    r.link.drop();
    r.link.connect();
    const before = r.sim.history(1).length;
    r.link.emit('snapshot', snapshot(20, [counter(1, 'open', '1007')]));
    await r.shows(1, (v) => v.text === '1007', '1007 after the new snapshot');
    // Same state again: still sent (forced), since the device may have been changed meanwhile.
    const after = r.sim.history(1).length;
    expect(after).toBeGreaterThan(before);
    r.link.emit('snapshot', snapshot(21, [counter(1, 'open', '1007')]));
    await until(() => r.sim.history(1).length > after, 'the same content sent again');
  });
});

describe('bridge: keypads', () => {
  it('a key press is sent for the keypad’s own counter, each with a new requestId', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(1, 'open'), counter(4, 'open')]));
    r.link.answer = () => ({ data: { ticket: { number: '4001' }, outcome: 'called' } });
    r.sim.press(104, 'next');
    r.sim.press(104, 'recall');
    r.sim.press(1, 'no-show');
    await until(() => r.link.presses().length === 3, 'three presses');
    const presses = r.link.presses();
    // In the order pressed at each keypad (keypads are polled in turn).
    const at = (counterId: string) => presses.filter((p) => p.counterId === counterId).map((p) => p.key);
    expect(at('counter-4')).toEqual(['next', 'recall']);
    expect(at('counter-1')).toEqual(['no-show']);
    expect(new Set(presses.map((p) => p.requestId)).size).toBe(3);
    // The mock port's bytes show the keypads were polled with POLL_KEYS.
    const polls = (await decodeFrames(r.mock.recording())).filter((f) => f.cmd === Cmd.pollKeys);
    expect(new Set(polls.map((f) => f.address))).toEqual(new Set([1, 104]));
  });

  it('keys go to the server as pressed, with their age; the bridge does not reinterpret them', async () => {
    const r = await rig();
    r.link.connect();
    // A paused counter and one whose ticket is only called: the server decides what PAUSE and NEXT mean.
    r.link.emit('snapshot', snapshot(10, [counter(1, 'paused'), counter(4, 'open', '4001')]));
    r.link.answer = () => ({ data: { ticket: null, outcome: 'started' } });
    r.sim.press(1, 'pause');
    r.sim.press(104, 'next');
    await until(() => r.link.presses().length === 2, 'two presses');
    expect(
      r.link
        .presses()
        .map((p) => `${p.counterId} ${p.key}`)
        .sort(),
    ).toEqual(['counter-1 pause', 'counter-4 next']);
    for (const p of r.link.presses()) expect(p.ageMs).toBeGreaterThanOrEqual(0);
  });

  it('a press the keypad held while it was off the bus goes with its age; refused as stale, E-12 shows', async () => {
    const clock = { skew: 0 };
    const r = await rig({}, { now: () => Date.now() + clock.skew });
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open', '4001')]));
    r.link.answer = (event, payload) =>
      event === 'keypad:press' && (payload as { ageMs: number }).ageMs > 5_000
        ? { error: { code: 'stale-press', message: { fa: 'کهنه', en: 'Stale.' } } }
        : { data: { ticket: null, outcome: 'started' } };
    await until(() => r.link.statuses().some((s) => s.deviceId === 'keypad-counter-4' && s.status === 'online'), 'on');
    r.sim.unplug(104);
    await until(
      () => r.link.statuses().some((s) => s.deviceId === 'keypad-counter-4' && s.status === 'offline'),
      'off',
    );
    for (let i = 0; i < 3; i++) r.sim.press(104, 'next');
    clock.skew += 8_000; // the keypad is back 8 s after the presses (its clock moved on)
    r.sim.plug(104);
    await until(() => r.link.presses().length === 3, 'the three held presses');
    for (const p of r.link.presses()) expect(p.ageMs).toBeGreaterThanOrEqual(8_000);
    await r.shows(4, (v) => v.held && v.text === 'E-12', 'E-12');
    expect(r.log.lines.filter((l) => l.includes('refused: stale-press'))).toHaveLength(3);
  });

  it('a retried press answered `repeated` (its lost first try did it) is not shown as an error', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open', '4001')]));
    let tries = 0;
    r.link.answer = (event) => {
      if (event !== 'keypad:press') return { data: null };
      tries++;
      if (tries === 1) throw new Error('operation has timed out'); // it did start, the answer was lost
      return { data: { ticket: null, outcome: 'repeated' } };
    };
    r.sim.press(104, 'next');
    await until(() => r.link.presses().length === 2, 'the retry');
    await new Promise((res) => setTimeout(res, 300));
    expect(r.led(4).text).toBe('4001');
    expect(r.log.lines.some((l) => l.includes('refused'))).toBe(false);
  });

  it('NEXT ignored by the server (right after a call) changes nothing on the LED', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open', '4001')]));
    r.link.answer = () => ({ data: { ticket: null, outcome: 'ignored' } });
    const shown = r.sim.history(4).length;
    r.sim.press(104, 'next');
    await until(() => r.log.lines.some((l) => l.includes('ignored')), 'the ignored press logged');
    expect(
      r.sim
        .history(4)
        .slice(shown)
        .some((v) => v.held),
    ).toBe(false);
  });

  it('a refusal flashes its code on that counter’s LED, which then returns to its content; it is logged', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(1, 'open', '1001'), counter(4, 'closed')]));
    await r.shows(4, (v) => v.text === 'CLOSED', 'CLOSED');
    r.link.answer = () => ({
      error: { code: 'counter-closed', message: { fa: 'بسته', en: 'The counter is closed.' } },
    });
    r.sim.press(104, 'next');
    await r.shows(4, (v) => v.held && v.text === 'E-01', 'E-01 held');
    expect(r.led(1).text).toBe('1001'); // not on another counter's display
    expect(r.log.lines.some((l) => l.includes('refused: counter-closed'))).toBe(true);
    await r.shows(4, (v) => !v.held && v.text === 'CLOSED', 'back to CLOSED');
  }, 10_000);

  it('"next" with nobody waiting flashes ----', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open')]));
    r.link.answer = () => ({ data: { ticket: null, outcome: 'nobody-waiting' } });
    r.sim.press(104, 'next');
    await r.shows(4, (v) => v.held && v.text === '----', '----');
  });

  it('a press without an answer is sent again with the same requestId (the server calls once)', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open')]));
    let tries = 0;
    r.link.answer = (event) => {
      if (event !== 'keypad:press') return { data: null };
      tries++;
      if (tries === 1) throw new Error('operation has timed out');
      return { data: { ticket: null, outcome: 'nobody-waiting' } };
    };
    r.sim.press(104, 'next');
    await until(() => r.link.presses().length === 2, 'the retry');
    const [a, b] = r.link.presses();
    expect(a?.requestId).toBeDefined();
    expect(b?.requestId).toBe(a?.requestId);
  });

  it('a press lost in a connection drop is sent again, same requestId, once the connection is back', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open')]));
    let tries = 0;
    r.link.answer = (event) => {
      if (event !== 'keypad:press') return { data: null };
      tries++;
      if (tries > 1) return { data: { ticket: null, outcome: 'nobody-waiting' } };
      r.link.drop(); // the connection drops before the answer comes
      throw new Error('operation has timed out');
    };
    r.sim.press(104, 'next');
    await until(() => tries === 1, 'the first try');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.link.presses()).toHaveLength(1); // nothing sent while disconnected
    r.link.connect();
    await until(() => r.link.presses().length === 2, 'the retry after reconnecting');
    const [a, b] = r.link.presses();
    expect(b?.requestId).toBe(a?.requestId);
    expect(r.sim.history(4).some((v) => v.text === 'E-20')).toBe(false);
  });

  it('without a server connection a press is not queued for later: E-20 shows at once', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open', '4001')]));
    r.link.drop();
    r.sim.press(104, 'next');
    await r.shows(4, (v) => v.held && v.text === 'E-20', 'E-20');
    expect(r.link.presses()).toEqual([]);
  });
});

describe('bridge: device status', () => {
  it('reports a display offline when it stops answering, and online with its content again when it returns', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(2, 'open', '2001')]));
    await r.shows(2, (v) => v.text === '2001', '2001');
    await until(() => r.link.statuses().some((s) => s.deviceId === 'led-counter-2' && s.status === 'online'), 'online');

    r.sim.unplug(2);
    await until(
      () => r.link.statuses().some((s) => s.deviceId === 'led-counter-2' && s.status === 'offline'),
      'offline',
    );
    const offline = r.link.statuses().find((s) => s.deviceId === 'led-counter-2' && s.status === 'offline');
    expect(offline).toMatchObject({
      kind: 'led',
      counterId: 'counter-2',
      detail: expect.stringContaining('address 2'),
    });
    // While it is away the counter moves on; and the unit lost power and was replaced meanwhile.
    r.link.emit('ticket:called', call(2, '2002', 11));
    r.sim.powerCycle(2);
    expect(r.led(2).mode).toBe('blank');
    const from = r.link.statuses().length;
    r.sim.plug(2);
    await r.shows(2, (v) => v.text === '2002' && v.brightness === 60, 'resynced to 2002 at 60%');
    expect(r.link.statuses().slice(from)).toEqual([
      { deviceId: 'led-counter-2', kind: 'led', counterId: 'counter-2', status: 'online' },
    ]);
  });

  it('a display that refuses a number (NAK) is reported as a fault, and online again once it takes one', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(4, 'open', '4001')]));
    await r.shows(4, (v) => v.text === '4001', '4001');
    r.sim.nakNext(4, NakReason.badValue, Cmd.showNumber);
    r.link.emit('ticket:called', call(4, '4002', 11));
    await until(() => r.link.statuses().some((s) => s.deviceId === 'led-counter-4' && s.status === 'error'), 'error');
    expect(r.link.statuses().find((s) => s.status === 'error')).toMatchObject({
      kind: 'led',
      counterId: 'counter-4',
      detail: expect.stringContaining('refused command 0x10: badValue'),
    });
    r.link.emit('ticket:called', call(4, '4003', 12));
    await r.shows(4, (v) => v.text === '4003', '4003');
    await until(
      () =>
        r.link
          .statuses()
          .filter((s) => s.deviceId === 'led-counter-4')
          .at(-1)?.status === 'online',
      'online again',
    );
  });

  it('after a resync a number is shown steady, even within its call’s blink time', async () => {
    const r = await rig({ blinkSeconds: 60 });
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(2, 'open')]));
    r.link.emit('ticket:called', call(2, '2002', 11));
    await r.shows(2, (v) => v.text === '2002' && v.blinking, '2002 blinking');
    // The display loses power and comes back (a short dip: its RESET flag): shown again, steady.
    r.sim.powerCycle(2);
    await r.shows(2, (v) => v.text === '2002', '2002 again');
    expect(r.led(2).blinking).toBe(false);
    // And after it was away (offline, then online).
    r.sim.unplug(2);
    await until(() => r.link.statuses().some((s) => s.deviceId === 'led-counter-2' && s.status === 'offline'), 'off');
    r.sim.powerCycle(2);
    r.sim.plug(2);
    await r.shows(2, (v) => v.text === '2002', '2002 after coming back');
    expect(r.led(2).blinking).toBe(false);
    // A new snapshot (after a reconnect) is no call either.
    r.link.emit('snapshot', snapshot(12, [counter(2, 'open', '2002')]));
    const sent = r.sim.requests.length;
    await until(() => r.sim.requests.slice(sent).some((f) => f.address === 2 && f.cmd === Cmd.showNumber), 'sent');
    expect(r.sim.requests.slice(sent).find((f) => f.address === 2 && f.cmd === Cmd.showNumber)?.payload[0]).toBe(0);
  });

  it('a display that restarted while still answering is shown its content again', async () => {
    const r = await rig();
    r.link.connect();
    r.link.emit('snapshot', snapshot(10, [counter(3, 'paused')]));
    await r.shows(3, (v) => v.text === 'PAUSE', 'PAUSE');
    r.sim.powerCycle(3);
    await r.shows(3, (v) => v.text === 'PAUSE', 'PAUSE again after the restart');
  });

  it('statuses learnt while disconnected are all sent on the next connection', async () => {
    const r = await rig();
    await until(() => r.bridge.statuses().length === 6, 'every device known');
    expect(r.link.statuses()).toEqual([]);
    r.link.connect();
    expect(
      r.link
        .statuses()
        .map((s) => `${s.deviceId} ${s.status}`)
        .sort(),
    ).toEqual([
      'keypad-counter-1 online',
      'keypad-counter-4 online',
      'led-counter-1 online',
      'led-counter-2 online',
      'led-counter-3 online',
      'led-counter-4 online',
    ]);
  });
});

describe('bridge: printers', () => {
  const printers = [
    {
      deviceId: 'printer-kiosk-1',
      kioskId: 'kiosk-1',
      transport: { type: 'tcp' as const, host: '127.0.0.1' },
    },
  ];
  const job: PrintJob = {
    jobId: 'j1',
    kioskId: 'kiosk-1',
    ticketId: 'tk',
    number: '5001',
    serviceTitle: { fa: 'خدمت' },
    branchName: { fa: 'شعبه' },
    ahead: 2,
    etaMinutes: 6,
    etaUnknown: null,
    issuedAt: new Date().toISOString(),
    trackingUrl: 'http://x/t/tk',
  };
  const printJob = (r: Rig, j: PrintJob) =>
    new Promise<PrintResult>((resolve) => {
      r.link.emit('print:job', j, resolve);
    });

  it('routes a print job to the kiosk’s printer and acks its outcome', async () => {
    const r = await rig({ printers, printerStatusIntervalMs: 500 });
    r.link.connect();
    expect(await printJob(r, job)).toEqual({
      jobId: 'j1',
      kioskId: 'kiosk-1',
      ticketId: 'tk',
      ok: true,
      status: 'online',
    });
    expect(r.printer?.jobs.map((j) => j.number)).toEqual(['5001']);

    if (r.printer) r.printer.next = { ok: false, status: 'paper-out', detail: 'paper end sensor' };
    expect(await printJob(r, { ...job, jobId: 'j2' })).toEqual({
      jobId: 'j2',
      kioskId: 'kiosk-1',
      ticketId: 'tk',
      ok: false,
      status: 'paper-out',
    });
    await until(
      () => r.link.statuses().some((s) => s.kind === 'printer' && s.status === 'paper-out'),
      'paper-out status',
    );
    expect(r.link.statuses().find((s) => s.status === 'paper-out')).toEqual({
      deviceId: 'printer-kiosk-1',
      kind: 'printer',
      kioskId: 'kiosk-1',
      status: 'paper-out',
      detail: 'paper end sensor',
    });
  });

  it('a roll nearly empty is reported as paper-near-end (it still prints), once', async () => {
    const r = await rig({ printers, printerStatusIntervalMs: 500 });
    r.link.connect();
    await until(() => r.link.statuses().some((s) => s.kind === 'printer' && s.status === 'online'), 'printer online');
    if (r.printer) r.printer.next = { ok: true, status: 'paper-near-end', detail: 'paper near end' };
    await until(() => r.link.statuses().some((s) => s.status === 'paper-near-end'), 'paper-near-end', 3_000);
    expect(await printJob(r, job)).toMatchObject({ ok: true, status: 'paper-near-end' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(r.link.statuses().filter((s) => s.status === 'paper-near-end')).toEqual([
      {
        deviceId: 'printer-kiosk-1',
        kind: 'printer',
        kioskId: 'kiosk-1',
        status: 'paper-near-end',
        detail: 'paper near end',
      },
    ]);
  });

  it('a job for a kiosk without a printer here is answered offline', async () => {
    const r = await rig({ printers });
    r.link.connect();
    expect(await printJob(r, { ...job, kioskId: 'kiosk-9' })).toMatchObject({ ok: false, status: 'offline' });
  });

  it('polls the printer’s status and reports each change once', async () => {
    const r = await rig({ printers, printerStatusIntervalMs: 500 });
    r.link.connect();
    await until(() => r.link.statuses().some((s) => s.kind === 'printer' && s.status === 'online'), 'printer online');
    if (r.printer) r.printer.next = { ok: false, status: 'cover-open' };
    await until(() => r.link.statuses().some((s) => s.status === 'cover-open'), 'cover-open', 3_000);
    if (r.printer) r.printer.next = { ok: true, status: 'online' };
    await until(() => r.link.statuses().filter((s) => s.kind === 'printer').length === 3, 'online again', 3_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(
      r.link
        .statuses()
        .filter((s) => s.kind === 'printer')
        .map((s) => s.status),
    ).toEqual(['online', 'cover-open', 'online']);
  });
});

describe('bridge: printing does not hold up the bus', () => {
  it('while a ticket is being drawn (made slow on purpose), the bus keeps exchanging frames and a call shows', async () => {
    const sim = await simulatePrinterOnTcp({ port: 0, widthDots: 576 });
    // The worker blocks in its render until released: a render as slow as we like, with no clock.
    const hold = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
    const renderer = workerRenderer({ hold });
    const printers = [{ kioskId: 'kiosk-1', transport: { type: 'tcp' as const, host: '127.0.0.1', port: sim.port } }];
    const r = await rig({ printers, printerStatusIntervalMs: 60_000 }, {}, (cfg) => openPrinter(cfg, { renderer }));
    try {
      r.link.connect();
      r.link.emit('snapshot', snapshot(10, [counter(1, 'open'), counter(4, 'open', '4001')]));
      await r.shows(4, (v) => v.text === '4001', '4001');

      let answered: PrintResult | undefined;
      r.link.emit('print:job', { ...GOLDEN_JOB, kioskId: 'kiosk-1' }, (a) => {
        answered = a;
      });
      // (The worker thread starts on the first ticket: loading the renderer may take a while.)
      await until(() => Atomics.load(hold, 1) === 1, 'the render to begin', 15_000);
      // The render is under way and held. The bus master goes on: polls and pings are exchanged…
      const before = r.sim.requests.length;
      await until(() => r.sim.requests.length >= before + 20, '20 frames on the bus during the render');
      // …and a call made now reaches its LED while the ticket is still being drawn.
      r.link.emit('ticket:called', call(1, '1002', 11));
      await r.shows(1, (v) => v.text === '1002' && v.blinking, '1002 blinking');
      expect(Atomics.load(hold, 2)).toBe(0); // still in the render
      expect(answered).toBeUndefined();

      Atomics.store(hold, 0, 1);
      Atomics.notify(hold, 0);
      await until(() => answered !== undefined, 'the print answer');
      expect(answered).toMatchObject({ ok: true, status: 'online' });
      expect(sim.printed).toHaveLength(1);
    } finally {
      Atomics.store(hold, 0, 1);
      Atomics.notify(hold, 0);
      await renderer.close();
      await sim.close();
    }
  });
});
