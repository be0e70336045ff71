// The bus master on serialport's mock binding: the exact bytes it writes (decoded back), retries with
// the same sequence number, timeouts, NAKs, late answers, noise, coalescing, broadcast, offline after
// N missed answers and back online, and a restarted device noticed by its RESET flag.
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedBus } from '../simulator/bus.ts';
import { showNumberPayload } from './commands.ts';
import { BROADCAST, Cmd, decodeFrames, type Frame, frameBytes, NAK, NakReason, REPLY, slipEncode } from './frame.ts';
import { BusMaster, type MasterOptions, NakError, NoAnswerError, OfflineError } from './master.ts';
import { type MockBus, openMockBus, until } from './testing.ts';

// Generous: on a loaded machine a short timeout would retry where a test expects one frame. Tests of
// timeouts set their own.
const QUIET: MasterOptions = {
  timeoutMs: 500,
  retries: 2,
  offlineAfterMisses: 3,
  pingIntervalMs: 60_000,
  probeIntervalMs: 60_000,
};

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function setup(opts: Partial<MasterOptions> = {}): Promise<{ master: BusMaster; bus: MockBus }> {
  const bus = await openMockBus();
  const master = new BusMaster({ ...QUIET, ...opts });
  master.attach(bus.port);
  cleanup.push(() => {
    master.close();
    bus.port.close();
  });
  return { master, bus };
}

/** The frames the master has written so far, decoded from the mock port's recording. */
const sent = (bus: MockBus) => decodeFrames(bus.recording());

async function answer(bus: MockBus, f: Frame): Promise<void> {
  bus.device.write(await slipEncode(frameBytes(f)));
}

/** Answers the PING the master sends first to a new device (SEQ 1); then forgets the recording. */
async function known(master: BusMaster, bus: MockBus, address: number): Promise<void> {
  const ping = master.request(address, Cmd.ping);
  await until(() => bus.recording().length > 0, 'the PING');
  await answer(bus, { address, seq: 1, cmd: Cmd.ping | REPLY, payload: Buffer.from([1, 1, 0]) });
  await ping;
  bus.clearRecording();
}

describe('bus master', () => {
  it('writes the exact frames (a PING first to a device not yet known), resolving with the matching answers', async () => {
    const { master, bus } = await setup();
    const hex = (s: string) => Buffer.from(s.replace(/ /g, ''), 'hex');
    const reply = master.request(4, Cmd.showNumber, showNumberPayload('5001', 5));
    await until(() => bus.recording().length > 0, 'a write');
    expect(bus.recording()).toEqual(hex('C0 04 01 01 00 51 44 C0')); // PING, SEQ 1
    await answer(bus, { address: 4, seq: 1, cmd: Cmd.ping | REPLY, payload: Buffer.from([1, 1, 1]) });
    await until(() => bus.recording().length > 8, 'a second write');
    expect(bus.recording().subarray(8)).toEqual(hex('C0 04 02 10 05 05 35 30 30 31 BE 6A C0')); // SHOW_NUMBER, SEQ 2
    expect(master.state(4)).toBe('online');
    await answer(bus, { address: 4, seq: 2, cmd: Cmd.showNumber | REPLY, payload: Buffer.alloc(0) });
    expect(await reply).toMatchObject({ address: 4, seq: 2, cmd: 0x90 });
    // Decoded back, the recording is exactly those two frames.
    expect((await sent(bus)).map((f) => [f.seq, f.cmd, f.payload.toString('latin1')])).toEqual([
      [1, Cmd.ping, ''],
      [2, Cmd.showNumber, '\x055001'],
    ]);
  });

  it('numbers requests per address 1, 2, 3 …, independently for each address', async () => {
    const { master, bus } = await setup();
    const sim = new SimulatedBus(bus.device, [
      { address: 4, display: true },
      { address: 7, keypad: true },
    ]);
    cleanup.push(() => sim.close());
    await master.request(4, Cmd.ping);
    await master.request(7, Cmd.ping);
    await master.request(4, Cmd.clear);
    await master.request(7, Cmd.pollKeys);
    await master.request(4, Cmd.ping);
    expect((await sent(bus)).map((f) => [f.address, f.seq, f.cmd])).toEqual([
      [4, 1, Cmd.ping],
      [7, 1, Cmd.ping],
      [4, 2, Cmd.clear],
      [7, 2, Cmd.pollKeys],
      [4, 3, Cmd.ping],
    ]);
  });

  it('sends an unanswered request again with the same sequence number, then gives up and marks it offline', async () => {
    const { master, bus } = await setup({ timeoutMs: 40 });
    const offline: [number, string][] = [];
    master.on('offline', (a, why) => offline.push([a, why]));
    await expect(master.request(5, Cmd.ping)).rejects.toBeInstanceOf(NoAnswerError);
    const frames = await sent(bus);
    expect(frames).toHaveLength(3); // 1 + 2 retries
    expect(new Set(frames.map((f) => `${f.address}/${f.seq}/${f.cmd}`))).toEqual(new Set(['5/1/1']));
    expect(offline).toEqual([[5, 'no answer to 3 frames']]);
    expect(master.state(5)).toBe('offline');

    // Offline: a request is refused at once, nothing is written.
    bus.clearRecording();
    await expect(master.request(5, Cmd.clear)).rejects.toBeInstanceOf(OfflineError);
    await new Promise((r) => setTimeout(r, 60));
    expect(bus.recording()).toHaveLength(0);
  });

  it('an answer lost once is recovered by the retry', async () => {
    const { master, bus } = await setup({ timeoutMs: 40 });
    await known(master, bus, 3);
    let answered = false;
    bus.device.on('data', async () => {
      // Answers only the second copy of the frame.
      const copies = (await sent(bus)).filter((f) => f.cmd === Cmd.clear).length;
      if (copies !== 2 || answered) return;
      answered = true;
      await answer(bus, { address: 3, seq: 2, cmd: Cmd.clear | REPLY, payload: Buffer.alloc(0) });
    });
    await master.request(3, Cmd.clear);
    expect((await sent(bus)).map((f) => [f.seq, f.cmd])).toEqual([
      [2, Cmd.clear],
      [2, Cmd.clear],
    ]);
    expect(master.state(3)).toBe('online');
  });

  it('ignores answers that do not match the outstanding request (other seq, other address, a request)', async () => {
    const { master, bus } = await setup();
    const got = master.request(4, Cmd.ping);
    await until(() => bus.recording().length > 0, 'a write');
    await answer(bus, { address: 4, seq: 9, cmd: Cmd.ping | REPLY, payload: Buffer.from([1, 1, 0]) }); // late, other seq
    await answer(bus, { address: 5, seq: 1, cmd: Cmd.ping | REPLY, payload: Buffer.from([1, 1, 0]) }); // other device
    await answer(bus, { address: 4, seq: 1, cmd: Cmd.ping, payload: Buffer.alloc(0) }); // an echo of the request
    await answer(bus, { address: 4, seq: 1, cmd: Cmd.ping | REPLY, payload: Buffer.from([1, 7, 0]) });
    expect((await got).payload).toEqual(Buffer.from([1, 7, 0]));
    expect(master.info(4)).toEqual({ type: 1, version: 7, flags: 0 });
  });

  it('finds its answer after line noise', async () => {
    const { master, bus } = await setup();
    const noise: string[] = [];
    master.on('noise', (r) => noise.push(r));
    await known(master, bus, 4);
    const got = master.request(4, Cmd.clear);
    await until(() => bus.recording().length > 0, 'a write');
    const wire = await slipEncode(frameBytes({ address: 4, seq: 2, cmd: Cmd.clear | REPLY, payload: Buffer.alloc(0) }));
    bus.device.write(Buffer.from('17ff00c0', 'hex'));
    bus.device.write(Buffer.concat([Buffer.from('42dbdd99', 'hex'), wire.subarray(0, 3)]));
    bus.device.write(wire.subarray(3));
    expect(await got).toMatchObject({ address: 4, seq: 2 });
    expect(noise.length).toBeGreaterThan(0);
    expect(await sent(bus)).toHaveLength(1); // no retry was needed
  });

  it('a NAK rejects at once with its reason (no retry); BUSY is tried again', async () => {
    const { master, bus } = await setup({ timeoutMs: 200 });
    await known(master, bus, 4);
    const refused = master.request(4, Cmd.brightness, Buffer.from([0]));
    await until(() => bus.recording().length > 0, 'a write');
    await answer(bus, { address: 4, seq: 2, cmd: NAK, payload: Buffer.from([Cmd.brightness, NakReason.badValue]) });
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NakError);
    expect(error).toMatchObject({ reason: NakReason.badValue, cmd: Cmd.brightness });
    expect((error as Error).message).toContain('badValue');
    expect(await sent(bus)).toHaveLength(1);
    expect(master.state(4)).toBe('online'); // a NAK is an answer

    bus.clearRecording();
    let copies = 0;
    bus.device.on('data', async () => {
      copies++;
      const f: Frame =
        copies === 1
          ? { address: 4, seq: 3, cmd: NAK, payload: Buffer.from([Cmd.clear, NakReason.busy]) }
          : { address: 4, seq: 3, cmd: Cmd.clear | REPLY, payload: Buffer.alloc(0) };
      await answer(bus, f);
    });
    await master.request(4, Cmd.clear);
    expect((await sent(bus)).map((f) => [f.seq, f.cmd])).toEqual([
      [3, Cmd.clear],
      [3, Cmd.clear],
    ]);
  });

  it('broadcasts to address 0 with sequence 0 and waits for no answer', async () => {
    const { master, bus } = await setup();
    await master.broadcast(Cmd.brightness, Buffer.from([80]));
    expect(await sent(bus)).toEqual([{ address: BROADCAST, seq: 0, cmd: Cmd.brightness, payload: Buffer.from([80]) }]);
  });

  it('coalesces queued display updates: only the latest content is sent', async () => {
    const { master, bus } = await setup();
    const sim = new SimulatedBus(bus.device, [{ address: 4, display: true }]);
    cleanup.push(() => sim.close());
    const busy = master.request(4, Cmd.ping); // occupies the line
    const a = master.request(4, Cmd.showNumber, showNumberPayload('1001', 0), { coalesce: 'show:4' });
    const b = master.request(4, Cmd.showNumber, showNumberPayload('1002', 0), { coalesce: 'show:4' });
    const c = master.request(4, Cmd.showNumber, showNumberPayload('1003', 0), { coalesce: 'show:4' });
    await Promise.all([busy, a, b, c]);
    const shows = (await sent(bus)).filter((f) => f.cmd === Cmd.showNumber);
    expect(shows.map((f) => f.payload.subarray(1).toString())).toEqual(['1003']);
    expect(sim.display(4)).toMatchObject({ mode: 'number', text: '1003' });
  });

  it('offline after N missed answers, probed, and online again when it answers (reported once each way)', async () => {
    const { master, bus } = await setup({ timeoutMs: 100, pingIntervalMs: 60, probeIntervalMs: 60 });
    const sim = new SimulatedBus(bus.device, [{ address: 6, display: true }]);
    cleanup.push(() => sim.close());
    const events: string[] = [];
    master.on('online', (a) => events.push(`online ${a}`));
    master.on('offline', (a) => events.push(`offline ${a}`));
    master.watch(6);
    await until(() => events.includes('online 6'), 'online');

    sim.unplug(6);
    await until(() => events.includes('offline 6'), 'offline');
    await expect(master.request(6, Cmd.clear)).rejects.toBeInstanceOf(OfflineError);
    // While offline it is probed with single PINGs.
    const before = (await sent(bus)).length;
    await new Promise((r) => setTimeout(r, 200));
    const probes = (await sent(bus)).slice(before);
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((f) => f.cmd === Cmd.ping && f.address === 6)).toBe(true);
    // Each probe is a new request: no retries while offline.
    expect(new Set(probes.map((f) => f.seq)).size).toBe(probes.length);

    sim.plug(6);
    await until(() => events.filter((e) => e === 'online 6').length === 2, 'back online');
    expect(events).toEqual(['online 6', 'offline 6', 'online 6']);
    await master.request(6, Cmd.clear);
  });

  it('a device that restarted without being missed is noticed by its RESET flag', async () => {
    const { master, bus } = await setup({ pingIntervalMs: 50 });
    const sim = new SimulatedBus(bus.device, [{ address: 2, display: true }]);
    cleanup.push(() => sim.close());
    const resets: number[] = [];
    master.on('reset', (a) => resets.push(a));
    master.watch(2);
    await until(() => master.state(2) === 'online', 'online');
    await new Promise((r) => setTimeout(r, 120));
    expect(resets).toEqual([]); // the power-up RESET came with going online, not as a restart
    sim.powerCycle(2);
    await until(() => resets.length === 1, 'a reset event');
    expect(resets).toEqual([2]);
  });

  it('a detached bus fails what is queued and marks every address offline', async () => {
    const { master, bus } = await setup();
    const sim = new SimulatedBus(bus.device, [{ address: 1, display: true }]);
    cleanup.push(() => sim.close());
    master.watch(1);
    await until(() => master.state(1) === 'online', 'online');
    const offline: string[] = [];
    master.on('offline', (a, why) => offline.push(`${a}: ${why}`));
    master.detach('port closed');
    expect(offline).toEqual(['1: port closed']);
    await expect(master.request(1, Cmd.clear)).rejects.toThrow(/no port/);
  });
});
