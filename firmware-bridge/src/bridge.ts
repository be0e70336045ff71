// The bridge core: follows the server's view of the counters (snapshot on every connect, then calls
// and counter changes) and drives the devices from it. LED displays show their counter's number,
// blinking on a call or recall, or its closed/paused state; keypads act for their counter through
// `keypad:press` (the key as pressed and its age; the server decides what it means), a refusal
// flashing a short code on that counter's LEDs; print jobs go to the kiosk's
// printer. Every device's state (online, offline, paper-out, …) is reported with `device:status`.
import { randomBytes } from 'node:crypto';
import { type Followed, followLive, type LiveChange, type LiveSource } from '@nobat/client';
import {
  type BridgeTestRequest,
  type BridgeTestResult,
  type BusReport,
  type CallPayload,
  type DeviceStatus,
  type DisplaySnapshot,
  type ErrorCode,
  LED_TEST_PATTERN,
  LED_TEST_SECONDS,
  type PrintJob,
  type PrintResult,
} from '@nobat/protocol';
import type { SerialPortStream } from '@serialport/stream';
import { SerialPort } from 'serialport';
import type { KeyName } from './bus/frame.ts';
import { Keypad } from './bus/keypad.ts';
import { type LedContent, LedDisplay, steady } from './bus/led.ts';
import { BusMaster, NakError } from './bus/master.ts';
import { busReport, type Configured, reportSignature } from './bus/report.ts';
import { type BridgeConfig, type BusConfig, defaultDeviceId } from './config.ts';
import type { ServerLink } from './link.ts';
import type { Logger } from './log.ts';
import { openPrinter } from './printer/index.ts';
import { type Printer, type PrinterConfig, type PrinterOutcome, printerId } from './printer/types.ts';

export interface BridgeDeps {
  link: ServerLink;
  log: Logger;
  /** Opens a printer from its configuration; default: src/printer's openPrinter. */
  openPrinter?: (config: PrinterConfig) => Printer;
  /** Makes the (unopened) serial port of a bus; default: serialport's SerialPort. */
  openPort?: (bus: BusConfig) => SerialPortStream;
  /** How often the bus report is checked for a change worth sending (default 1 s). */
  busReportIntervalMs?: number;
}

/** The short code an LED flashes when the server refuses a key press (README, "Refusal codes"). */
const REFUSAL_CODES: Partial<Record<ErrorCode | 'offline', string>> = {
  'counter-closed': 'E-01',
  'counter-paused': 'E-02',
  'counter-not-paused': 'E-03',
  'no-current-ticket': 'E-04',
  'current-ticket-open': 'E-05',
  'not-counter-clerk': 'E-06',
  forbidden: 'E-07',
  'not-started': 'E-08',
  'already-started': 'E-09',
  'branch-closed': 'E-10',
  busy: 'E-11',
  'stale-press': 'E-12',
  /** Not a server refusal: the bridge has no connection to the server. */
  offline: 'E-20',
};
const OTHER_REFUSAL = 'E-99';

const PRESS_TIMEOUT_MS = 5_000;
/** The largest age a press is sent with (the protocol's bound); a press of unknown age is sent with it. */
const MAX_AGE_MS = 86_400_000;
/** A press is tried again (same requestId) until this old; then it is dropped and shown as E-20. */
const PRESS_DEADLINE_MS = 15_000;
const STATUS_TIMEOUT_MS = 5_000;
const SNAPSHOT_TIMEOUT_MS = 5_000;
const REPORT_TIMEOUT_MS = 5_000;
/** The counts and times of an unchanged report are sent again at most this often (BUS1). */
const FIGURES_EVERY_MS = 10_000;

interface BusDeviceRt {
  kind: 'led' | 'keypad';
  deviceId: string;
  counterId: string;
  address: number;
}
interface DisplayRt extends BusDeviceRt {
  kind: 'led';
  led: LedDisplay;
  /** The display refused what it was sent (NAK): reported as a fault until it takes something. */
  faulted: boolean;
}
interface KeypadRt extends BusDeviceRt {
  kind: 'keypad';
  pad: Keypad;
}
interface BusRt {
  id: string;
  cfg: BusConfig;
  master: BusMaster;
  displays: DisplayRt[];
  keypads: KeypadRt[];
  /** The displays and the keypads, in one list. */
  devices: BusDeviceRt[];
  port: SerialPortStream | undefined;
  reopen: ReturnType<typeof setTimeout> | undefined;
  lastOpenError: string | undefined;
  /** When the last scan of the bus ended (BUS3). */
  scannedAt: number | undefined;
}
interface PrinterRt {
  cfg: PrinterConfig;
  deviceId: string;
  printer: Printer;
  /** A status poll is under way (the next one is skipped until it ends). */
  polling: boolean;
}

/** The printer never throws (its contract); should it all the same, the throw is an error outcome. */
const thrown = (error: unknown): PrinterOutcome => ({
  ok: false,
  status: 'error',
  detail: String(error).slice(0, 300),
});

export class Bridge {
  readonly #cfg: BridgeConfig;
  readonly #link: ServerLink;
  readonly #log: Logger;
  readonly #openPort: (bus: BusConfig) => SerialPortStream;
  readonly #buses: BusRt[] = [];
  readonly #printers: PrinterRt[] = [];
  /** The branch as the server last told it (followBranch over the link); null before the first snapshot. */
  #live: Followed<DisplaySnapshot> | null = null;
  #unfollow: (() => void) | undefined;
  /** The number each counter's LEDs blink, and until when. */
  readonly #blink = new Map<string, { number: string; until: number }>();
  readonly #statuses = new Map<string, DeviceStatus>();
  readonly #bootId = randomBytes(4).toString('hex');
  #presses = 0;
  readonly #pressChains = new Map<string, Promise<void>>();
  #printerTimer: ReturnType<typeof setInterval> | undefined;
  #started = false;
  #stopped = false;
  #warnedUnknown = new Set<string>();
  readonly #reportIntervalMs: number;
  #reportTimer: ReturnType<typeof setInterval> | undefined;
  /** The signature of the last report the server acknowledged (undefined: send on the next check). */
  #reportSent: string | undefined;
  #reportSentAt = 0;
  #figuresSent = '';

  constructor(config: BridgeConfig, deps: BridgeDeps) {
    this.#cfg = config;
    this.#link = deps.link;
    this.#log = deps.log;
    this.#openPort =
      deps.openPort ?? ((bus) => new SerialPort({ path: bus.path, baudRate: bus.baudRate, autoOpen: false }));
    this.#reportIntervalMs = deps.busReportIntervalMs ?? 1_000;

    for (const [i, cfg] of config.buses.entries()) this.#buses.push(this.#makeBus(cfg, cfg.id ?? `bus-${i + 1}`));
    const open = deps.openPrinter ?? ((cfg: PrinterConfig) => openPrinter(cfg));
    for (const cfg of config.printers) {
      this.#printers.push({ cfg, deviceId: printerId(cfg), printer: open(cfg), polling: false });
    }
  }

  /** The latest status of every device that has one (for tests and logs). */
  statuses(): DeviceStatus[] {
    return [...this.#statuses.values()];
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const link = this.#link;
    link.on('connect', () => {
      this.#log.info('server: connected');
      // The server keeps no device states: tell it every one we know on each connection.
      for (const s of this.#statuses.values()) this.#sendStatus(s);
      // And its bus, as it is now (BUS1).
      this.#reportSent = undefined;
      this.#checkReport();
    });
    link.on('disconnect', (reason) => this.#log.warn(`server: disconnected (${reason}); reconnecting`));
    link.on('refused', (message) => this.#log.warn(`server: connection refused (${message}); trying again`));
    // [UP8] One clear line; the link has stopped trying (the process decides whether to exit).
    link.on('outdated', ({ client, oldest }) =>
      this.#log.error(
        `server: this bridge speaks protocol ${client}, the server needs ≥ ${oldest ?? client + 1}: upgrade the bridge`,
      ),
    );
    this.#unfollow = followLive(liveSource(link), (change) => this.#onLive(change)).stop;
    link.on('print:job', (job, ack) => void this.#onPrintJob(job, ack));
    link.on('bridge:test', (test, ack) => void this.#onTest(test, ack));
    this.#reportTimer = setInterval(() => this.#checkReport(), this.#reportIntervalMs);
    this.#reportTimer.unref?.();

    for (const bus of this.#buses) {
      this.#openBus(bus);
      for (const k of bus.keypads) k.pad.start();
    }
    if (this.#printers.length > 0) {
      void this.#pollPrinters();
      this.#printerTimer = setInterval(() => void this.#pollPrinters(), this.#cfg.printerStatusIntervalMs);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#printerTimer) clearInterval(this.#printerTimer);
    if (this.#reportTimer) clearInterval(this.#reportTimer);
    this.#unfollow?.();
    this.#link.close();
    for (const bus of this.#buses) {
      if (bus.reopen) clearTimeout(bus.reopen);
      for (const k of bus.keypads) k.pad.stop();
      bus.master.close();
      const port = bus.port;
      bus.port = undefined;
      if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    }
    await Promise.all(this.#printers.map((p) => p.printer.close().catch(() => {})));
  }

  // ---- buses

  #makeBus(cfg: BusConfig, id: string): BusRt {
    const master = new BusMaster({
      timeoutMs: cfg.timeoutMs,
      retries: cfg.retries,
      offlineAfterMisses: cfg.offlineAfterMisses,
      pingIntervalMs: cfg.pingIntervalMs,
      probeIntervalMs: cfg.probeIntervalMs,
    });
    const bus: BusRt = {
      id,
      cfg,
      master,
      displays: [],
      keypads: [],
      devices: [],
      port: undefined,
      reopen: undefined,
      lastOpenError: undefined,
      scannedAt: undefined,
    };
    for (const d of cfg.displays) {
      const deviceId = d.deviceId ?? defaultDeviceId('displays', d.counterId);
      // A display that refuses what it is sent (a number it cannot show, a command it does not know)
      // is up but not showing the counter: a fault supervisors must see, until it takes something.
      const rt = { kind: 'led', deviceId, counterId: d.counterId, address: d.address, faulted: false } as DisplayRt;
      rt.led = new LedDisplay(master, d.address, {
        ...(d.brightness !== undefined ? { brightness: d.brightness } : {}),
        onRefused: (e) => {
          this.#log.warn(`${id}: ${deviceId}: ${e.message}`);
          rt.faulted = true;
          this.#deviceStatus(rt, 'error', `${id} address ${d.address}: ${e.message}`);
        },
        onAccepted: () => {
          if (!rt.faulted) return;
          rt.faulted = false;
          this.#deviceStatus(rt, 'online');
        },
      });
      bus.displays.push(rt);
    }
    for (const k of cfg.keypads) {
      const deviceId = k.deviceId ?? defaultDeviceId('keypads', k.counterId);
      const pad = new Keypad(master, k.address, cfg.pollIntervalMs);
      pad.on('key', (key, pressedAt) => void this.#onKey(deviceId, k.counterId, key, pressedAt));
      pad.on('unknownKey', (code) => this.#log.warn(`${id}: ${deviceId}: unknown key code ${code}`));
      bus.keypads.push({ kind: 'keypad', deviceId, counterId: k.counterId, address: k.address, pad });
    }
    bus.devices.push(...bus.displays, ...bus.keypads);
    master.on('online', (address) => {
      const info = master.info(address);
      this.#log.info(`${id}: address ${address} online${info ? ` (type ${info.type}, firmware ${info.version})` : ''}`);
      this.#forAddress(bus, address, 'online');
      for (const d of bus.displays) if (d.address === address) void d.led.resync();
    });
    master.on('offline', (address, reason) => {
      this.#log.warn(`${id}: address ${address} offline (${reason})`);
      this.#forAddress(bus, address, 'offline', `${id} address ${address}: ${reason}`);
    });
    master.on('reset', (address) => {
      this.#log.info(`${id}: address ${address} restarted; showing its content again`);
      for (const d of bus.displays) if (d.address === address) void d.led.resync();
    });
    let noise = 0;
    master.on('noise', (reason) => {
      noise++;
      // Some noise is normal on a long line; say so now and then, not for every frame.
      if (noise === 1 || noise % 100 === 0)
        this.#log.info(`${id}: ${noise} damaged frame(s) dropped (last: ${reason})`);
    });
    return bus;
  }

  #forAddress(bus: BusRt, address: number, status: 'online' | 'offline', detail?: string): void {
    for (const d of bus.devices) if (d.address === address) this.#deviceStatus(d, status, detail);
  }

  #deviceStatus(d: BusDeviceRt, status: 'online' | 'offline' | 'error', detail?: string): void {
    this.#setStatus({
      deviceId: d.deviceId,
      kind: d.kind,
      counterId: d.counterId,
      status,
      ...(detail ? { detail } : {}),
    });
  }

  #openBus(bus: BusRt): void {
    if (this.#stopped) return;
    bus.reopen = undefined;
    let port: SerialPortStream;
    try {
      port = this.#openPort(bus.cfg);
    } catch (error) {
      this.#openFailed(bus, (error as Error).message);
      return;
    }
    let gone = false;
    const lost = (why: string) => {
      if (gone) return;
      gone = true;
      if (bus.port === port) bus.port = undefined;
      bus.master.detach(why);
      if (port.isOpen) port.close(() => {});
      if (!this.#stopped) {
        this.#log.warn(`${bus.id}: ${bus.cfg.path} lost (${why}); opening it again`);
        this.#scheduleReopen(bus);
      }
    };
    port.on('error', (e: Error) => lost(e.message));
    port.on('close', () => lost('port closed'));
    port.open((error) => {
      if (error) {
        gone = true;
        this.#openFailed(bus, error.message);
        return;
      }
      if (this.#stopped) {
        port.close(() => {});
        return;
      }
      bus.lastOpenError = undefined;
      bus.port = port;
      this.#log.info(`${bus.id}: ${bus.cfg.path} open at ${bus.cfg.baudRate} baud`);
      bus.master.attach(port);
    });
  }

  #openFailed(bus: BusRt, message: string): void {
    if (bus.lastOpenError !== message)
      this.#log.warn(`${bus.id}: cannot open ${bus.cfg.path}: ${message}; trying again`);
    bus.lastOpenError = message;
    // Until the port opens its devices are offline (reported once, when we first know it).
    for (const d of bus.devices) {
      if (bus.master.state(d.address) !== 'online' && !this.#statuses.has(d.deviceId)) {
        this.#deviceStatus(d, 'offline', `${bus.id}: cannot open ${bus.cfg.path}`);
      }
    }
    this.#scheduleReopen(bus);
  }

  #scheduleReopen(bus: BusRt): void {
    if (this.#stopped || bus.reopen) return;
    bus.reopen = setTimeout(() => this.#openBus(bus), bus.cfg.reopenIntervalMs);
  }

  // ---- what the server says

  #onLive({ state, event }: LiveChange<DisplaySnapshot>): void {
    this.#live = state;
    if (event.type === 'snapshot') this.#onSnapshot(state.view);
    else if (event.type === 'ticket:called') this.#onCalled(event.payload);
    else if (event.type === 'counter:changed') {
      for (const d of this.#displays())
        if (d.counterId === event.payload.id) void d.led.show(this.#contentFor(d.counterId));
    }
  }

  #onSnapshot(s: DisplaySnapshot): void {
    const known = new Set(s.counters.map((c) => c.id));
    for (const bus of this.#buses) {
      for (const d of bus.devices) {
        if (!known.has(d.counterId) && !this.#warnedUnknown.has(d.counterId)) {
          this.#warnedUnknown.add(d.counterId);
          this.#log.warn(`${bus.id}: ${d.deviceId}: counter ${d.counterId} is not in branch ${s.branchId}`);
        }
      }
    }
    this.#log.info(`server: snapshot of ${s.branchId} (version ${s.version}); showing it on every display`);
    // After any drop the displays may be behind: everything is sent again, a number steady (a
    // snapshot is no call: PROTOCOL.md, SHOW_NUMBER).
    for (const d of this.#displays()) void d.led.show(steady(this.#contentFor(d.counterId)), true);
  }

  /** A live call (a stale or repeated one never gets here): its counter's LEDs blink the number. */
  #onCalled(c: CallPayload): void {
    this.#blink.set(c.counterId, { number: c.number, until: Date.now() + this.#cfg.blinkSeconds * 1000 });
    this.#log.info(`call: ${c.number} at ${c.counterId}${c.recall ? ' (recall)' : ''}`);
    for (const d of this.#displays())
      if (d.counterId === c.counterId) void d.led.show(this.#contentFor(d.counterId), true);
  }

  #contentFor(counterId: string): LedContent {
    const c = this.#live?.view.counters.find((x) => x.id === counterId);
    const t = this.#cfg.texts;
    const text = (s: string): LedContent => (s ? { kind: 'text', text: s } : { kind: 'blank' });
    if (!c || c.status === 'closed') return text(c ? t.closed : '');
    if (c.status === 'paused') return text(t.paused);
    if (!c.serving) return text(t.idle);
    const blink = this.#blink.get(counterId);
    return {
      kind: 'number',
      text: c.serving.number,
      ...(blink && blink.number === c.serving.number ? { blinkUntil: blink.until } : {}),
    };
  }

  #displays(): DisplayRt[] {
    return this.#buses.flatMap((b) => b.displays);
  }

  // ---- keypads

  /** Presses at one counter go to the server one after another, each after the answer to the last. */
  #onKey(deviceId: string, counterId: string, key: KeyName, pressedAt: number): Promise<void> {
    const before = this.#pressChains.get(counterId) ?? Promise.resolve();
    const next = before.then(() => this.#press(deviceId, counterId, key, pressedAt));
    this.#pressChains.set(counterId, next);
    void next.finally(() => {
      if (this.#pressChains.get(counterId) === next) this.#pressChains.delete(counterId);
    });
    return next;
  }

  /**
   * Sends the key as pressed, with its age: what it means (NEXT starting a called ticket, PAUSE
   * resuming, a press too old to act on) is the server's rule (server/SPEC.md, K1–K6).
   */
  async #press(deviceId: string, counterId: string, key: KeyName, pressedAt: number): Promise<void> {
    const requestId = `${this.#bootId}-${++this.#presses}`;
    const ageMs = () => Math.min(MAX_AGE_MS, Math.max(0, Date.now() - pressedAt));
    this.#log.info(`keypad ${deviceId}: ${key} at ${counterId} (pressed ${(ageMs() / 1000).toFixed(1)} s ago)`);
    const deadline = Date.now() + PRESS_DEADLINE_MS;
    // Pressed while the server is unreachable: refused at once, not kept to act later by surprise.
    if (!this.#link.connected) {
      this.#refused(counterId, deviceId, key, 'offline', 'no connection to the server');
      return;
    }
    for (;;) {
      try {
        const press = { counterId, key, ageMs: ageMs(), requestId };
        const answer = await this.#link.request('keypad:press', press, PRESS_TIMEOUT_MS);
        if ('error' in answer) {
          this.#refused(counterId, deviceId, key, answer.error.code, answer.error.message.en);
          return;
        }
        const { outcome } = answer.data;
        if (outcome === 'nobody-waiting') {
          this.#log.info(`keypad ${deviceId}: nobody waiting for ${counterId}`);
          this.#flash(counterId, this.#cfg.texts.empty);
        } else if (outcome === 'ignored') {
          this.#log.info(`keypad ${deviceId}: ${key} at ${counterId} ignored (right after the call)`);
        } else {
          this.#log.debug(`keypad ${deviceId}: ${key} at ${counterId}: ${outcome}`);
        }
        return;
      } catch {
        // No answer in time (a drop mid-request): once connected again, the same requestId is sent
        // again; the server answers a press it has done with `repeated` and does it only once.
        if (this.#stopped || !(await this.#connectedBy(deadline))) {
          this.#refused(counterId, deviceId, key, 'offline', 'no answer from the server');
          return;
        }
        this.#log.warn(`keypad ${deviceId}: no answer to ${key}; trying again`);
      }
    }
  }

  /** Resolves true once the link is connected (at once if it is), false if `deadline` passes first. */
  #connectedBy(deadline: number): Promise<boolean> {
    if (Date.now() >= deadline) return Promise.resolve(false);
    if (this.#link.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.#link.off('connect', onConnect);
        resolve(ok);
      };
      const onConnect = () => done(true);
      const timer = setTimeout(() => done(false), deadline - Date.now());
      this.#link.on('connect', onConnect);
    });
  }

  #refused(counterId: string, deviceId: string, key: string, code: string, why: string): void {
    const shown = REFUSAL_CODES[code as ErrorCode] ?? OTHER_REFUSAL;
    this.#log.warn(`keypad ${deviceId}: ${key} at ${counterId} refused: ${code} (${why}); LED shows ${shown}`);
    this.#flash(counterId, shown);
  }

  #flash(counterId: string, text: string): void {
    if (!text) return;
    for (const d of this.#displays()) {
      if (d.counterId === counterId) d.led.flash(text, this.#cfg.messageSeconds).catch(() => {});
    }
  }

  // ---- printers

  async #onPrintJob(job: PrintJob, ack: (r: PrintResult) => void): Promise<void> {
    const head = { jobId: job.jobId, kioskId: job.kioskId, ticketId: job.ticketId };
    const p = this.#printers.find((x) => x.cfg.kioskId === job.kioskId);
    if (!p) {
      this.#log.warn(`print: no printer configured for ${job.kioskId}`);
      ack({ ...head, ok: false, status: 'offline' });
      return;
    }
    this.#log.info(`print: ticket ${job.number}${job.copy ? ' (copy)' : ''} on ${p.deviceId}`);
    const outcome = await p.printer.print(job).catch(thrown);
    if (!outcome.ok)
      this.#log.warn(`print: ticket ${job.number} not printed: ${outcome.status} ${outcome.detail ?? ''}`);
    ack({ ...head, ok: outcome.ok, status: outcome.status });
    this.#printerStatus(p, outcome);
  }

  /** Asks every printer at once; one whose last answer is still awaited is left out this time. */
  async #pollPrinters(): Promise<void> {
    await Promise.all(
      this.#printers.map(async (p) => {
        if (p.polling) return;
        p.polling = true;
        try {
          const outcome = await p.printer.status().catch(thrown);
          if (!this.#stopped) this.#printerStatus(p, outcome);
        } finally {
          p.polling = false;
        }
      }),
    );
  }

  #printerStatus(p: PrinterRt, o: PrinterOutcome): void {
    this.#setStatus({
      deviceId: p.deviceId,
      kind: 'printer',
      kioskId: p.cfg.kioskId,
      status: o.status,
      ...(o.detail ? { detail: o.detail } : {}),
    });
  }

  // ---- the bus report and the supervisor's tests (PROTOCOL.md, section 9)

  /** [BUS1] Every bus as the bridge sees it now, and its printers. */
  busReport(): BusReport {
    return {
      at: new Date().toISOString(),
      buses: this.#buses.map((b) =>
        busReport(
          { id: b.id, path: b.cfg.path, open: b.port !== undefined, scannedAt: b.scannedAt },
          b.master,
          configuredOf(b),
        ),
      ),
      printers: this.#printers.map((p) => ({
        deviceId: p.deviceId,
        kioskId: p.cfg.kioskId,
        status: this.#statuses.get(p.deviceId)?.status ?? null,
      })),
    };
  }

  /** Sends the report when something in it changed since the server last acknowledged one. */
  #checkReport(): void {
    if (!this.#link.connected || this.#stopped) return;
    const report = this.busReport();
    const sig = reportSignature(report.buses) + JSON.stringify(report.printers);
    const figures = JSON.stringify(
      report.buses.map((b) => [b.noise, b.addresses.map((a) => [a.answered, a.missed, a.garbled])]),
    );
    const now = Date.now();
    if (sig === this.#reportSent && (figures === this.#figuresSent || now - this.#reportSentAt < FIGURES_EVERY_MS))
      return;
    this.#reportSent = sig;
    this.#figuresSent = figures;
    this.#reportSentAt = now;
    this.#link.request('bus:report', report, REPORT_TIMEOUT_MS).then(
      (a) => {
        if ('error' in a) {
          this.#log.warn(`bus report: server refused it: ${a.error.code}`);
          this.#reportSent = undefined;
        }
      },
      () => {
        if (this.#reportSent === sig) this.#reportSent = undefined; // send it again on the next check
      },
    );
  }

  async #onTest(test: BridgeTestRequest, ack: (r: BridgeTestResult) => void): Promise<void> {
    try {
      ack(await this.#runTest(test));
    } catch (error) {
      ack({ ok: false, reason: 'refused', detail: String(error).slice(0, 300) });
    }
  }

  async #runTest(test: BridgeTestRequest): Promise<BridgeTestResult> {
    if (test.kind === 'led-pattern') {
      // [BUS4] Every segment lit for a few seconds, as a held text: the display goes back to its
      // content by itself (SHOW_TEXT with HOLD), even should the bridge stop meanwhile.
      const display = this.#buses
        .filter((b) => !test.busId || b.id === test.busId)
        .flatMap((b) => b.displays.map((d) => ({ b, d })))
        .find(({ d }) => d.address === test.address);
      if (!display) return { ok: false, reason: 'unknown-device' };
      const { b, d } = display;
      if (b.master.state(d.address) === 'offline' || !b.master.attached) return { ok: false, reason: 'device-offline' };
      this.#log.info(`test: pattern on ${d.deviceId} (${b.id} address ${d.address})`);
      try {
        await d.led.flash(LED_TEST_PATTERN, test.seconds ?? LED_TEST_SECONDS);
        return { ok: true };
      } catch (error) {
        if (error instanceof NakError) return { ok: false, reason: 'refused', detail: error.message };
        return { ok: false, reason: 'device-offline', detail: (error as Error).message };
      }
    }
    if (test.kind === 'test-print') {
      const p = this.#printers.find((x) => x.cfg.kioskId === test.kioskId);
      if (!p) return { ok: false, reason: 'unknown-device' };
      const before = await p.printer.status().catch(thrown);
      this.#printerStatus(p, before);
      this.#log.info(`test: test print on ${p.deviceId} (printer ${before.status})`);
      const job: PrintJob = {
        jobId: `test:${Date.now()}`,
        kioskId: p.cfg.kioskId,
        ticketId: 'test',
        number: '0000',
        serviceTitle: { fa: 'برگهٔ آزمایشی', en: 'Test slip' },
        branchName: this.#live?.view.branchName ?? { fa: 'نوبت', en: 'Nobat' },
        ahead: 0,
        etaMinutes: null,
        etaUnknown: null,
        // The bridge's own time: the slip shows whether its clock is right.
        issuedAt: new Date().toISOString(),
        trackingUrl: `nobat-test:${p.deviceId}`,
        test: { deviceId: p.deviceId, status: before.status },
      };
      const outcome = await p.printer.print(job).catch(thrown);
      this.#printerStatus(p, outcome);
      return {
        ok: outcome.ok,
        status: outcome.status,
        ...(outcome.ok ? {} : { reason: outcome.status === 'offline' ? 'device-offline' : 'refused' }),
        ...(outcome.detail ? { detail: outcome.detail.slice(0, 300) } : {}),
      };
    }
    // [BUS3] A scan of the free addresses; the report then lists what answered.
    const buses = this.#buses.filter((b) => !test.busId || b.id === test.busId);
    if (buses.length === 0) return { ok: false, reason: 'unknown-device' };
    if (buses.some((b) => !b.master.attached)) return { ok: false, reason: 'device-offline' };
    // A whole range takes longer than anyone waits for an answer: the scan goes on by itself, and
    // each address found is in the next report (its end too: scannedAt).
    for (const b of buses) {
      this.#log.info(`test: scanning ${b.id} from ${test.from ?? 1} to ${test.to ?? 247}`);
      void b.master.scan(test.from, test.to).then((found) => {
        b.scannedAt = Date.now();
        this.#log.info(`test: scan of ${b.id} done; ${found.size} unexpected address(es)`);
        this.#checkReport();
      });
    }
    return { ok: true, detail: 'scan started' };
  }

  // ---- device status

  #setStatus(s: DeviceStatus): void {
    const before = this.#statuses.get(s.deviceId);
    if (before?.status === s.status) return;
    this.#statuses.set(s.deviceId, s);
    if (before || s.status !== 'online') {
      this.#log.info(`status: ${s.deviceId} ${s.status}${s.detail ? ` (${s.detail})` : ''}`);
    }
    this.#sendStatus(s);
  }

  #sendStatus(s: DeviceStatus): void {
    if (!this.#link.connected) return; // sent with all the others on the next connect
    this.#link.request('device:status', s, STATUS_TIMEOUT_MS).then(
      (a) => {
        if ('error' in a) this.#log.warn(`status: server refused ${s.deviceId}: ${a.error.code}`);
      },
      () => {},
    );
  }
}

/** The devices a bus's configuration lists, each at its address. */
function configuredOf(b: BusRt): Configured[] {
  return b.devices.map((d) => ({ kind: d.kind, deviceId: d.deviceId, counterId: d.counterId, address: d.address }));
}

/** The link as followLive's source: `snapshot:request` with an ack, else a reconnect. */
function liveSource(link: ServerLink): LiveSource<DisplaySnapshot> {
  return {
    // One listener for every event name: the link's typed map cannot follow a name chosen at run time.
    on: (event, listener) => link.on(event, listener as never),
    off: (event, listener) => link.off(event, listener as never),
    requestSnapshot: async () => {
      const answer = await link.request('snapshot:request', {}, SNAPSHOT_TIMEOUT_MS);
      if ('error' in answer) throw new Error(answer.error.code);
      return answer.data;
    },
    reconnect: () => link.reconnect(),
  };
}
