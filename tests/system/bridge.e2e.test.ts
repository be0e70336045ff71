// The real firmware bridge (its own process, `firmware-bridge/src/main.ts`) against simulated devices
// on socat pseudo-terminal pairs and a real server with the demo office: calls show on the right LED,
// keypad presses act on the server, a display whose pty is closed is reported offline and, once
// re-attached, online again and brought back to the current number; a printer out of paper is
// reported to the kiosk; a reprint comes out marked as a copy; and the bridge carries on after the server restarts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Alert,
  CounterSummary,
  DeviceHealth,
  DeviceStatus,
  IssuedTicket,
  KioskSnapshot,
  PrintResult,
} from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Cmd, NakReason } from '../../firmware-bridge/src/bus/frame.ts';
import type { BridgeConfigInput } from '../../firmware-bridge/src/config.ts';
import { type Bitmap, countDifferentDots } from '../../firmware-bridge/src/printer/bitmap.ts';
import { renderTicket } from '../../firmware-bridge/src/printer/render.ts';
import { GOLDEN_JOB, insertedBand, readQr } from '../../firmware-bridge/src/printer/testing.ts';
import type { LedView, SimulatedBus } from '../../firmware-bridge/src/simulator/bus.ts';
import { socatAvailable } from '../../firmware-bridge/src/simulator/pty.ts';
import {
  attachBus,
  attachSerialPrinter,
  detach,
  type PtyBus,
  type PtyPrinter,
} from '../../firmware-bridge/src/simulator/simulation.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { requireOrSkip } from '../support/redis-server.ts';
import { type ServerProcess, spawnServer } from '../support/server-process.ts';
import { apiOk, connectWithSnapshot, login, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'bridge-e2e-password';
const KIOSK_TOKEN = demoToken('kiosk-1');
const WAIT = { timeout: 10_000, interval: 20 };

describe.skipIf(!requireOrSkip('socat', socatAvailable()))('firmware bridge with simulated devices on ptys', () => {
  let dataDir = '';
  let ptyDir = '';
  let server: RunningServer | undefined;
  let url = '';
  let port = 0;
  let bridge: ServerProcess | undefined;
  let busA: PtyBus | undefined; // counters 4 and 5: LED and keypad each
  let busB: PtyBus | undefined; // counter 6's LED alone, to be unplugged
  let printerEnd: PtyPrinter | undefined;
  let desk: RecordingClient | undefined;
  const sockets: RecordingClient[] = [];
  const clerk: Record<string, string> = {};
  /** The server's clock runs this far ahead of the wall clock (tests move it on). */
  const serverSkew = { ms: 0 };
  const serverClock = () => Date.now() + serverSkew.ms;
  /** The keypads' clock on bus A, for the age of presses they hold. */
  const keypadSkew = { ms: 0 };

  const a = () => busA?.sim ?? fail('bus A');
  const led = (sim: SimulatedBus, address: number): LedView => sim.display(address);
  const issue = (serviceId: string) =>
    apiOk<IssuedTicket>(url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
      token: KIOSK_TOKEN,
      body: { serviceId },
      status: 201,
    });
  const act = (who: string, counter: string, action: string) =>
    apiOk<{ ticket: { number: string } | null }>(url, 'POST', `/api/v1/counters/${counter}/${action}`, {
      token: clerk[who],
      body: {},
    });
  const counters = () => apiOk<CounterSummary[]>(url, 'GET', `/api/v1/branches/${DEMO_BRANCH}/counters`);
  const counterState = async (id: string) => (await counters()).find((c) => c.id === id);
  const shows = (sim: SimulatedBus, address: number, check: (v: LedView) => boolean) =>
    vi.waitFor(() => {
      const v = led(sim, address);
      if (!check(v)) throw new Error(`LED ${address} shows ${JSON.stringify(v)}\nbridge log:\n${bridge?.stdout()}`);
    }, WAIT);
  const statusFrom = (from: number, deviceId: string, status: DeviceStatus['status']) =>
    desk?.waitFor<DeviceStatus>('device:status', (s) => s.deviceId === deviceId && s.status === status, {
      from,
      timeoutMs: 10_000,
    }) ?? fail('supervisor socket');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nobat-bridge-e2e-'));
    ptyDir = mkdtempSync(join(tmpdir(), 'nobat-bridge-pty-'));
    server = await startDemoServer({ password: PASSWORD, dataDir, port: 0, clock: serverClock });
    url = server.url;
    port = server.port;
    for (const who of ['clerk4', 'clerk6']) clerk[who] = await login(url, who, PASSWORD);
    const supervisor = await login(url, 'supervisor', PASSWORD);
    desk = (await connectWithSnapshot(url, '/supervisor', { auth: { branchId: DEMO_BRANCH, token: supervisor } }))
      .client;

    busA = await attachBus(
      join(ptyDir, 'bus-a'),
      [
        { address: 4, display: true, label: 'LED counter-4' },
        { address: 104, keypad: true },
        { address: 5, display: true, keypad: true, label: 'LED counter-5' },
      ],
      19200,
      { now: () => Date.now() + keypadSkew.ms },
    );
    busB = await attachBus(join(ptyDir, 'bus-b'), [{ address: 6, display: true, label: 'LED counter-6' }]);
    printerEnd = await attachSerialPrinter(join(ptyDir, 'printer'), { widthDots: 576 });

    const bus = {
      timeoutMs: 400,
      pingIntervalMs: 300,
      probeIntervalMs: 300,
      reopenIntervalMs: 300,
      pollIntervalMs: 50,
    };
    const config: BridgeConfigInput = {
      server: { url, token: demoToken('bridge-1') },
      buses: [
        {
          id: 'bus-a',
          path: join(ptyDir, 'bus-a'),
          ...bus,
          displays: [
            { address: 4, counterId: 'counter-4' },
            { address: 5, counterId: 'counter-5' },
          ],
          keypads: [
            { address: 104, counterId: 'counter-4' },
            { address: 5, counterId: 'counter-5' },
          ],
        },
        { id: 'bus-b', path: join(ptyDir, 'bus-b'), ...bus, displays: [{ address: 6, counterId: 'counter-6' }] },
      ],
      printers: [
        {
          deviceId: 'printer-kiosk-1',
          kioskId: 'kiosk-1',
          paperWidthMm: 80,
          transport: { type: 'serial', path: join(ptyDir, 'printer') },
        },
      ],
      // Long enough that a display re-attached soon after a call would still blink, were it sent so.
      blinkSeconds: 30,
      printerStatusIntervalMs: 1_000,
    };
    const configPath = join(ptyDir, 'bridge.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    bridge = spawnServer('bridge', process.execPath, ['--import', 'tsx', 'firmware-bridge/src/main.ts'], {
      NOBAT_BRIDGE_CONFIG: configPath,
    });
    await bridge.waitForOutput(/server: snapshot/, 20_000);
  });

  afterAll(async () => {
    for (const s of sockets.splice(0)) s.close();
    desk?.close();
    await bridge?.stop();
    for (const b of [busA, busB]) if (b) await detach(b).catch(() => {});
    if (printerEnd) await detach(printerEnd);
    await server?.close();
    for (const d of [dataDir, ptyDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('shows each counter’s state, and a call on the right LED display only (blinking)', async () => {
    const sim = a();
    await shows(sim, 4, (v) => v.text === 'CLOSED');
    await shows(sim, 5, (v) => v.text === 'CLOSED');
    await shows(busB?.sim ?? fail('bus B'), 6, (v) => v.text === 'CLOSED');

    await act('clerk4', 'counter-4', 'open');
    await act('clerk6', 'counter-6', 'open');
    await shows(sim, 4, (v) => v.mode === 'blank');
    const ticket = await issue('booklet-renewal');
    const called = await act('clerk4', 'counter-4', 'call-next');
    expect(called.ticket?.number).toBe(ticket.number);

    await shows(sim, 4, (v) => v.mode === 'number' && v.text === ticket.number);
    expect(sim.history(4).some((v) => v.text === ticket.number && v.blinking)).toBe(true);
    // Counter 6 is open and calls nobody: its display never showed counter 4's number; 5 is closed.
    await shows(busB?.sim ?? fail('bus B'), 6, (v) => v.mode === 'blank');
    expect((busB?.sim.history(6) ?? []).some((v) => v.text === ticket.number)).toBe(false);
    expect(led(sim, 5).text).toBe('CLOSED');
  });

  it('keypad presses act on the server for the keypad’s counter; a refusal shows on that counter’s LED', async () => {
    const sim = a();
    const next = await issue('booklet-renewal');
    // NEXT twice on counter 4's keypad, as on a four-key keypad: the first starts serving the ticket
    // that was called (the visitor came, more than the grace of K3 after the call: the server's clock
    // is moved on), the second finishes it and calls the next.
    serverSkew.ms += 4_000;
    sim.press(104, 'next');
    await vi.waitFor(async () => expect((await counterState('counter-4'))?.serving?.status).toBe('serving'), WAIT);
    sim.press(104, 'next');
    await vi.waitFor(
      async () =>
        expect((await counterState('counter-4'))?.serving).toMatchObject({ number: next.number, status: 'called' }),
      WAIT,
    );
    await shows(sim, 4, (v) => v.text === next.number);

    // Nobody holds counter 5: its keypad's NEXT is refused, E-01 shows on LED 5 (not on 4), nothing changes.
    sim.press(5, 'next');
    await shows(sim, 5, (v) => v.held && v.text === 'E-01');
    expect(led(sim, 4).text).toBe(next.number);
    await shows(sim, 5, (v) => !v.held && v.text === 'CLOSED');
    expect(await counterState('counter-5')).toMatchObject({ status: 'closed', serving: null });
    expect(bridge?.stdout()).toMatch(/keypad-counter-5: next at counter-5 refused: counter-closed/);
  });

  it('presses a keypad held while unplugged are refused as stale when it is back: E-12, nothing changes', async () => {
    const sim = a();
    const from = desk?.mark() ?? 0;
    const before = await counterState('counter-4');
    expect(before?.serving?.status).toBe('called');
    // Were they taken, the first NEXT would start serving it (its call was long ago) and the next ones
    // finish it and call on.
    sim.unplug(104);
    await statusFrom(from, 'keypad-counter-4', 'offline');
    for (let i = 0; i < 3; i++) sim.press(104, 'next');
    keypadSkew.ms += 8_000; // the keypad is plugged back 8 s later (by its own clock)
    const shown = sim.history(4).length;
    sim.plug(104);
    await statusFrom(from, 'keypad-counter-4', 'online');
    await vi.waitFor(() => {
      expect(bridge?.stdout().match(/next at counter-4 refused: stale-press/g)).toHaveLength(3);
      expect(
        sim
          .history(4)
          .slice(shown)
          .some((v) => v.held && v.text === 'E-12'),
      ).toBe(true);
    }, WAIT);
    await shows(sim, 4, (v) => !v.held && v.text === before?.serving?.number);
    expect(await counterState('counter-4')).toEqual(before);
  });

  it('a quick double NEXT right after a call does not start serving the ticket it called', async () => {
    const sim = a();
    const served = (await act('clerk4', 'counter-4', 'start')).ticket?.number;
    await issue('booklet-renewal');
    const ignoredBefore = bridge?.stdout().match(/next at counter-4 ignored/g)?.length ?? 0;
    sim.press(104, 'next');
    sim.press(104, 'next');
    await vi.waitFor(() => {
      expect(bridge?.stdout().match(/next at counter-4 ignored/g)?.length ?? 0).toBe(ignoredBefore + 1);
    }, WAIT);
    // The first NEXT finished the ticket being served and called the next one; the second left it called.
    const c = await counterState('counter-4');
    expect(c?.serving).toMatchObject({ status: 'called', number: expect.any(String) });
    expect(c?.serving?.number).not.toBe(served);
    await shows(sim, 4, (v) => v.text === c?.serving?.number);
  });

  it('a display whose pty is closed is reported offline; re-attached it is online again and shows the current number', async () => {
    const from = desk?.mark() ?? 0;
    if (!busB) throw new Error('bus B');
    await detach(busB);
    const offline = await statusFrom(from, 'led-counter-6', 'offline');
    expect(offline).toMatchObject({ kind: 'led', counterId: 'counter-6' });

    // Kept by the server as offline (device health, AL12); past the grace (30 s by the server's clock) it
    // is an alert, raised at the branch's next event.
    await desk?.waitFor<DeviceHealth>(
      'device:health',
      (h) => h.deviceId === 'led-counter-6' && h.status === 'offline',
      {
        from,
      },
    );
    serverSkew.ms += 31_000;

    // While it is away, counter 6 calls a ticket.
    const ticket = await issue('pension');
    expect((await act('clerk6', 'counter-6', 'call-next')).ticket?.number).toBe(ticket.number);
    const raised = await (desk?.waitFor<Alert>(
      'alert:raised',
      (x) => x.rule === 'device-offline' && x.subject.deviceId === 'led-counter-6',
      { from },
    ) ?? fail('supervisor socket'));
    expect(raised).toMatchObject({ state: 'open', subject: { deviceKind: 'led', counterId: 'counter-6' } });

    busB = await attachBus(join(ptyDir, 'bus-b'), [{ address: 6, display: true, label: 'LED counter-6' }]);
    expect(led(busB.sim, 6).mode).toBe('blank'); // a new device knows nothing yet
    const online = await statusFrom(from, 'led-counter-6', 'online');
    expect(online).toMatchObject({ kind: 'led', counterId: 'counter-6' });
    const order = (desk?.all<DeviceStatus>('device:status', from) ?? [])
      .filter((s) => s.deviceId === 'led-counter-6')
      .map((s) => s.status);
    expect(order).toEqual(['offline', 'online']);
    // Back online: its alert is resolved.
    await desk?.waitFor<Alert>('alert:changed', (x) => x.id === raised.id && x.state === 'resolved', { from });
    await shows(busB.sim, 6, (v) => v.mode === 'number' && v.text === ticket.number);
    // Shown steady: the call was announced while it was away (PROTOCOL.md, SHOW_NUMBER).
    expect(busB.sim.history(6).some((v) => v.blinking)).toBe(false);
    // Counter 4's devices on the other bus were not affected.
    expect(desk?.all<DeviceStatus>('device:status', from).some((s) => s.deviceId.endsWith('counter-4'))).toBe(false);
  });

  it('a printer out of paper: the kiosk says so before a tap, supervisors see it once; refilled, it prints', async () => {
    const printer = printerEnd?.sim ?? fail('printer');
    const { client: kiosk, snapshot } = await connectWithSnapshot<KioskSnapshot>(url, '/kiosk', {
      auth: { token: KIOSK_TOKEN },
    });
    sockets.push(kiosk);
    expect(snapshot.printer).toBe('online');
    const from = desk?.mark() ?? 0;
    const kioskFrom = kiosk.mark();
    printer.setPaperOut(true);
    // Before anyone taps: the bridge's status poll tells the server, which tells the kiosk.
    await kiosk.waitFor('printer:status', (p: { status: string }) => p.status === 'paper-out', {
      from: kioskFrom,
      timeoutMs: 10_000,
    });
    const { client: later, snapshot: laterSnapshot } = await connectWithSnapshot<KioskSnapshot>(url, '/kiosk', {
      auth: { token: KIOSK_TOKEN },
    });
    sockets.push(later);
    expect(laterSnapshot.printer).toBe('paper-out');

    const ticket = await issue('insured-record');
    const answer = await kiosk.request<{ data: PrintResult }>('ticket:print', { ticketId: ticket.id }, 15_000);
    expect(answer.data).toMatchObject({ ticketId: ticket.id, kioskId: 'kiosk-1', ok: false, status: 'paper-out' });
    const seen = await desk?.waitFor<DeviceStatus>(
      'device:status',
      (s) => s.kind === 'printer' && s.status === 'paper-out',
      { from, timeoutMs: 10_000 },
    );
    expect(seen).toMatchObject({ kioskId: 'kiosk-1' });
    expect(printer.printed).toHaveLength(0);
    // Supervisors hear of it once: from the bridge, not again from the failed print.
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a status poll and more: a second would have come
    expect(
      (desk?.all<DeviceStatus>('device:status', from) ?? []).filter(
        (s) => s.kind === 'printer' && s.status === 'paper-out',
      ),
    ).toHaveLength(1);

    printer.setPaperOut(false);
    await kiosk.waitFor('printer:status', (p: { status: string }) => p.status === 'online', {
      from: kioskFrom,
      timeoutMs: 10_000,
    });
    const second = await issue('insured-record');
    const printed = await kiosk.request<{ data: PrintResult }>('ticket:print', { ticketId: second.id }, 15_000);
    expect(printed.data).toMatchObject({ ticketId: second.id, ok: true });
    expect(printer.printed).toHaveLength(1);
    expect(printer.printed[0]?.subarray(1, 4).toString()).toBe('PNG');
  });

  it('a roll nearly empty is reported to supervisors as paper-near-end, and tickets still print', async () => {
    const printer = printerEnd?.sim ?? fail('printer');
    const { client: kiosk } = await connectWithSnapshot(url, '/kiosk', { auth: { token: KIOSK_TOKEN } });
    sockets.push(kiosk);
    const from = desk?.mark() ?? 0;
    printer.setPaperNearEnd(true);
    const seen = await statusFrom(from, 'printer-kiosk-1', 'paper-near-end');
    expect(seen).toMatchObject({ kind: 'printer', kioskId: 'kiosk-1', detail: expect.stringContaining('near end') });
    const before = printer.printed.length;
    const t = await issue('insured-record');
    const printed = await kiosk.request<{ data: PrintResult }>('ticket:print', { ticketId: t.id }, 15_000);
    expect(printed.data).toMatchObject({ ok: true, status: 'paper-near-end' });
    expect(printer.printed).toHaveLength(before + 1);
    printer.setPaperNearEnd(false);
    await statusFrom(from, 'printer-kiosk-1', 'online');
  });

  it('[T10] a reprint through the REST route comes out of the printer marked as a copy, the original not', async () => {
    const printer = printerEnd?.sim ?? fail('printer');
    const { client: kiosk } = await connectWithSnapshot(url, '/kiosk', { auth: { token: KIOSK_TOKEN } });
    sockets.push(kiosk);
    const before = printer.tickets.length;
    const t = await issue('insured-record');
    const printed = await kiosk.request<{ data: PrintResult }>('ticket:print', { ticketId: t.id }, 15_000);
    expect(printed.data).toMatchObject({ ticketId: t.id, ok: true });
    const copy = await apiOk<PrintResult>(url, 'POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/reprint`, {
      token: clerk.clerk4,
      body: { kioskId: 'kiosk-1' },
    });
    expect(copy).toMatchObject({ ticketId: t.id, kioskId: 'kiosk-1', ok: true });
    expect(printer.tickets).toHaveLength(before + 2);
    const [original, reprint] = printer.tickets.slice(before) as [Bitmap, Bitmap];

    // The mark as the renderer draws it: the band the golden copy has and the golden original has not.
    const mark = insertedBand(
      renderTicket(GOLDEN_JOB, { widthDots: 576 }),
      renderTicket({ ...GOLDEN_JOB, copy: true }, { widthDots: 576 }),
    );
    if (!mark) throw new Error('the renderer draws no copy mark');
    // The decoded paper: the same as the original down to the row where the copy's mark begins, and
    // there, dot for dot, the mark (what follows may differ: the estimate is as of the reprint).
    const row = (b: Bitmap, y: number) => b.data.subarray(y * b.bytesPerRow, (y + 1) * b.bytesPerRow);
    let top = 0;
    while (top < original.height && Buffer.compare(row(original, top), row(reprint, top)) === 0) top++;
    expect(top).toBeLessThan(original.height); // it differs from the original
    const band: Bitmap = {
      ...reprint,
      height: mark.band.height,
      data: reprint.data.subarray(top * reprint.bytesPerRow, (top + mark.band.height) * reprint.bytesPerRow),
    };
    expect(countDifferentDots(band, mark.band)).toBe(0);
    expect(readQr(reprint)).toBe(t.trackingUrl);
  });

  it('a display that refuses what it is sent (NAK) is reported to supervisors as a fault', async () => {
    const sim = a();
    const from = desk?.mark() ?? 0;
    const shown = led(sim, 4).text;
    sim.nakNext(4, NakReason.badValue, Cmd.showNumber);
    await act('clerk4', 'counter-4', 'recall'); // LED 4 is sent the number to blink, and refuses it
    const fault = await statusFrom(from, 'led-counter-4', 'error');
    expect(fault).toMatchObject({ kind: 'led', counterId: 'counter-4', detail: expect.stringContaining('badValue') });
    // It takes the next number it is sent: the fault is over.
    sim.press(104, 'recall');
    await statusFrom(from, 'led-counter-4', 'online');
    await shows(sim, 4, (v) => v.text === shown && v.blinking);
  });

  it('after the server restarts the bridge reconnects, resyncs every display and follows calls again', async () => {
    const sim = a();
    const current = led(sim, 4).text;
    await server?.close();
    server = undefined;
    await bridge?.waitForOutput(/server: disconnected/, 10_000);
    const before = sim.requests.length;
    const showsSince = (address: number) =>
      sim.requests
        .slice(before)
        .filter((f) => f.address === address && [Cmd.showNumber, Cmd.showText, Cmd.clear].includes(f.cmd as never));
    server = await startDemoServer({ password: PASSWORD, dataDir, port, clock: serverClock });
    // On the new connection the snapshot is shown again on every display (same content: sent anyway).
    await vi.waitFor(() => {
      expect(showsSince(4).length).toBeGreaterThan(0);
      expect(showsSince(5).length).toBeGreaterThan(0);
    }, WAIT);
    expect(led(sim, 4).text).toBe(current);

    for (const who of ['clerk4']) clerk[who] = await login(url, who, PASSWORD);
    const ticket = await issue('booklet-renewal');
    await act('clerk4', 'counter-4', 'start');
    expect((await act('clerk4', 'counter-4', 'call-next')).ticket?.number).toBe(ticket.number);
    await shows(sim, 4, (v) => v.text === ticket.number && v.blinking);
    // And the keypad works through the new connection.
    sim.press(104, 'recall');
    await vi.waitFor(() => expect(bridge?.stdout()).toMatch(/call: \S+ at counter-4 \(recall\)/), WAIT);
  });
});

describe('firmware bridge process: configuration and token', () => {
  let dir = '';
  let server: RunningServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nobat-bridge-cfg-'));
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (config: unknown) => {
    const path = join(dir, `bridge-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(config));
    return spawnServer('bridge', process.execPath, ['--import', 'tsx', 'firmware-bridge/src/main.ts'], {
      NOBAT_BRIDGE_CONFIG: path,
    });
  };

  it('a bad configuration stops it at once, naming the field', async () => {
    const proc = run({
      server: { url: 'http://127.0.0.1:1', token: 't' },
      buses: [{ path: '/dev/null', displays: [{ address: 0, counterId: 'counter-1' }] }],
    });
    const exit = await proc.exited;
    expect(exit.code).toBe(1);
    expect(proc.stderr()).toMatch(/buses\[0\]\.displays\[0\]\.address: bus addresses are 1\.\.247/);
  });

  it('an unknown token is refused by the server; the bridge says so and keeps trying', async () => {
    server = await startDemoServer({ password: PASSWORD, dataDir: join(dir, 'data'), port: 0 });
    const proc = run({ server: { url: server.url, token: 'bridge-1.not-the-token' } });
    try {
      // Refused, and after a while (5 s) tried again, and refused again: the process does not give up.
      await proc.waitForOutput(/server: connection refused \(unauthenticated\); trying again/, 15_000);
      await proc.waitForOutput(/connection refused[\s\S]*connection refused/, 15_000);
      expect(proc.child.exitCode).toBeNull();
    } finally {
      await proc.stop();
    }
  });
});

function fail(what: string): never {
  throw new Error(`${what} is not set up`);
}
