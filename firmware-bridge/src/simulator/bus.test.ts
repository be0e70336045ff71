// The simulated devices answer as PROTOCOL.md says a device must (the bridge's tests rely on them):
// a repeated sequence number gets the same answer without doing it again, held texts return to the
// previous content, NAKs for what a device cannot do, broadcasts obeyed silently, unplugged is silent
// (but a keypad keeps its presses, with their age).
import { afterEach, describe, expect, it } from 'vitest';
import { pollKeysAnswerPayload, showNumberPayload, showTextPayload } from '../bus/commands.ts';
import { BROADCAST, Cmd, type Frame, FrameLink, KeyCode, NAK, NakReason, REPLY } from '../bus/frame.ts';
import { until } from '../bus/testing.ts';
import { SimulatedBus } from './bus.ts';
import { duplexPair } from './pipe.ts';

const open: (() => void)[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c();
});

function setup() {
  const [master, devices] = duplexPair();
  const clock = { now: 1_000_000 };
  const sim = new SimulatedBus(
    devices,
    [
      { address: 1, display: true },
      { address: 2, keypad: true },
    ],
    { now: () => clock.now },
  );
  const link = new FrameLink(master);
  const answers: Frame[] = [];
  link.on('frame', (f) => answers.push(f));
  open.push(() => {
    sim.close();
    link.detach();
  });
  let seq = 0;
  const ask = async (
    address: number,
    cmd: number,
    payload: Buffer = Buffer.alloc(0),
    sameSeq = false,
  ): Promise<Frame> => {
    if (!sameSeq) seq++;
    const before = answers.length;
    link.send({ address, seq, cmd, payload });
    await until(() => answers.length > before, `an answer to 0x${cmd.toString(16)}`, 1_000);
    return answers[answers.length - 1] as Frame;
  };
  return { sim, link, answers, ask, clock };
}

describe('simulated bus devices', () => {
  it('PING answers type, firmware and the RESET flag once after power-up', async () => {
    const { ask } = setup();
    expect((await ask(1, Cmd.ping)).payload).toEqual(Buffer.from([0x01, 1, 0x01]));
    expect((await ask(1, Cmd.ping)).payload).toEqual(Buffer.from([0x01, 1, 0x00]));
    expect((await ask(2, Cmd.ping)).payload).toEqual(Buffer.from([0x02, 1, 0x01]));
  });

  it('a repeated SEQ is answered the same and not executed again: keys are neither lost nor doubled', async () => {
    const { sim, ask, clock } = setup();
    sim.press(2, 'next');
    clock.now += 300;
    sim.press(2, 'pause');
    clock.now += 200;
    const first = await ask(2, Cmd.pollKeys);
    expect(first).toMatchObject({ address: 2, cmd: Cmd.pollKeys | REPLY });
    // The keys, oldest first, then their ages in tenths of a second.
    expect(first.payload).toEqual(pollKeysAnswerPayload([KeyCode.next, KeyCode.pause], [500, 200]));
    expect(first.payload).toEqual(Buffer.from([2, KeyCode.next, KeyCode.pause, 5, 2]));
    sim.press(2, 'recall');
    // The master lost that answer and asks again with the same SEQ: the same two keys.
    expect((await ask(2, Cmd.pollKeys, Buffer.alloc(0), true)).payload).toEqual(first.payload);
    // A new SEQ: only the key pressed since.
    expect((await ask(2, Cmd.pollKeys)).payload).toEqual(pollKeysAnswerPayload([KeyCode.recall], [0]));
    expect((await ask(2, Cmd.pollKeys)).payload).toEqual(pollKeysAnswerPayload([]));
  });

  it('shows numbers (blinking), texts, held texts that return, clear and brightness', async () => {
    const { sim, ask } = setup();
    await ask(1, Cmd.showNumber, showNumberPayload('A012', 1));
    expect(sim.display(1)).toMatchObject({ mode: 'number', text: 'A012', blinking: true });
    await until(() => !sim.display(1).blinking, 'the blink to end', 2_000);
    await ask(1, Cmd.showText, showTextPayload('E-01', 1));
    expect(sim.display(1)).toMatchObject({ mode: 'text', text: 'E-01', held: true });
    await until(() => sim.display(1).text === 'A012', 'back to the number', 2_000);
    await ask(1, Cmd.showText, showTextPayload('CLOSED', 0));
    expect(sim.display(1)).toMatchObject({ mode: 'text', text: 'CLOSED', held: false });
    await ask(1, Cmd.brightness, Buffer.from([40]));
    await ask(1, Cmd.clear);
    expect(sim.display(1)).toMatchObject({ mode: 'blank', brightness: 40 });
  });

  it('NAKs what it cannot do, with the reason', async () => {
    const { ask } = setup();
    const nak = (f: Frame) => [f.cmd, ...f.payload];
    expect(nak(await ask(1, Cmd.pollKeys))).toEqual([NAK, Cmd.pollKeys, NakReason.unsupported]);
    expect(nak(await ask(2, Cmd.clear))).toEqual([NAK, Cmd.clear, NakReason.unsupported]);
    expect(nak(await ask(1, 0x55))).toEqual([NAK, 0x55, NakReason.unknownCommand]);
    expect(nak(await ask(1, Cmd.brightness, Buffer.from([0])))).toEqual([NAK, Cmd.brightness, NakReason.badValue]);
    expect(nak(await ask(1, Cmd.brightness, Buffer.from([1, 2])))).toEqual([NAK, Cmd.brightness, NakReason.badLength]);
    expect(nak(await ask(1, Cmd.showNumber, Buffer.from([0, 0x61])))).toEqual([
      NAK,
      Cmd.showNumber,
      NakReason.badValue,
    ]);
  });

  it('obeys broadcasts without answering; an unplugged device is silent', async () => {
    const { sim, link, answers, ask } = setup();
    link.send({ address: BROADCAST, seq: 0, cmd: Cmd.showText, payload: showTextPayload('HELLO', 0) });
    await until(() => sim.display(1).text === 'HELLO', 'the broadcast shown');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answers).toEqual([]);

    sim.unplug(1);
    link.send({ address: 1, seq: 9, cmd: Cmd.ping, payload: Buffer.alloc(0) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answers).toEqual([]);
    sim.plug(1);
    expect((await ask(1, Cmd.ping)).address).toBe(1);
  });

  it('an unplugged keypad keeps its presses and reports them with their age when it is polled again', async () => {
    const { sim, ask, clock } = setup();
    sim.unplug(2);
    sim.press(2, 'next');
    sim.press(2, 'next');
    clock.now += 8_000;
    sim.plug(2);
    expect((await ask(2, Cmd.pollKeys)).payload).toEqual(Buffer.from([2, KeyCode.next, KeyCode.next, 80, 80]));
  });
});
