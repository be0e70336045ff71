// The keypad driver reads each press with the time it was made: from the age the device reports in
// its POLL_KEYS answer, or, from a device that reports none, no later than its last answered poll, so
// presses a keypad held while it was off the bus never pass for fresh ones (server/SPEC.md, K1).
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedBus } from '../simulator/bus.ts';
import { parsePollKeysAnswer, pollKeysAnswerPayload } from './commands.ts';
import type { KeyName } from './frame.ts';
import { KeyCode } from './frame.ts';
import { Keypad } from './keypad.ts';
import { BusMaster } from './master.ts';
import { openMockBus } from './testing.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** A keypad at address 7 on a simulated bus; the device and the driver share a clock the test moves. */
async function setup(keyAges: boolean) {
  const clock = { now: 1_000_000 };
  const now = () => clock.now;
  const bus = await openMockBus();
  const sim = new SimulatedBus(bus.device, [{ address: 7, keypad: true }], { keyAges, now });
  const master = new BusMaster({
    timeoutMs: 500,
    retries: 2,
    offlineAfterMisses: 3,
    pingIntervalMs: 60_000,
    probeIntervalMs: 60_000,
  });
  master.attach(bus.port);
  const pad = new Keypad(master, 7, 60_000, now);
  const keys: { key: KeyName; pressedAt: number }[] = [];
  pad.on('key', (key, pressedAt) => keys.push({ key, pressedAt }));
  cleanup.push(() => {
    master.close();
    sim.close();
    bus.port.close();
  });
  return { clock, sim, pad, keys };
}

describe('POLL_KEYS with key ages', () => {
  it('the answer is [N, codes…] and, from a device that reports them, [ages in tenths of a second…]', () => {
    expect(pollKeysAnswerPayload([KeyCode.next, KeyCode.pause])).toEqual(Buffer.from([2, 1, 4]));
    expect(pollKeysAnswerPayload([KeyCode.next, KeyCode.pause], [8_049, 99_000])).toEqual(
      Buffer.from([2, 1, 4, 80, 255]),
    );
    expect(parsePollKeysAnswer(Buffer.from([2, 1, 4]))).toEqual([{ code: 1 }, { code: 4 }]);
    expect(parsePollKeysAnswer(Buffer.from([2, 1, 4, 80, 3]))).toEqual([
      { code: 1, ageMs: 8_000 },
      { code: 4, ageMs: 300 },
    ]);
    expect(parsePollKeysAnswer(Buffer.from([0]))).toEqual([]);
  });

  it('a press the keypad held while unplugged comes with its age: made 8 s before it was read', async () => {
    const { clock, sim, pad, keys } = await setup(true);
    await pad.poll(); // online
    sim.unplug(7);
    for (let i = 0; i < 3; i++) sim.press(7, 'next');
    clock.now += 8_000;
    sim.plug(7);
    await pad.poll();
    expect(keys).toEqual([
      { key: 'next', pressedAt: clock.now - 8_000 },
      { key: 'next', pressedAt: clock.now - 8_000 },
      { key: 'next', pressedAt: clock.now - 8_000 },
    ]);
  });

  it('a device without ages: a press is dated at the poll it answered before, or unknown (0) at first', async () => {
    const { clock, sim, pad, keys } = await setup(false);
    sim.press(7, 'recall'); // made before the bridge ever heard of the keypad
    await pad.poll();
    expect(keys).toEqual([{ key: 'recall', pressedAt: 0 }]);
    const answered = clock.now;
    clock.now += 150;
    sim.press(7, 'next');
    await pad.poll();
    expect(keys[1]).toEqual({ key: 'next', pressedAt: answered });
    // Held through an outage of 8 s: dated at the last poll before it, not at the poll that read it.
    const before = clock.now;
    sim.unplug(7);
    sim.press(7, 'next');
    clock.now += 8_000;
    sim.plug(7);
    await pad.poll();
    expect(keys[2]).toEqual({ key: 'next', pressedAt: before });
  });
});
