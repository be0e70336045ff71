// [K1–K6] What a keypad's key means, decided on the counter's state when the press arrives.
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { Harness } from '../testing/harness.ts';
import type { KeypadPressCommand } from './keypad.ts';

const SEC = 1000;

/** Counter c1 open by clerk k1, one ticket waiting. */
function counter(settings: Record<string, number> = {}) {
  const h = new Harness(
    testConfig((c) => {
      c.branch.settings = { ...c.branch.settings, ...settings };
    }),
  );
  h.open('c1', 'k1');
  h.issue('s1');
  h.issue('s1');
  return h;
}

/** A press at c1, made `ageMs` before now. */
const press = (h: Harness, key: KeypadPressCommand['key'], ageMs = 0, requestId?: string): KeypadPressCommand => ({
  type: 'keypad',
  counterId: 'c1',
  key,
  pressedAt: h.now - ageMs,
  ...(requestId ? { requestId } : {}),
});

const status = (h: Harness) => {
  const id = h.state.counters.get('c1')?.currentTicketId;
  return id ? h.state.tickets.get(id)?.status : undefined;
};

describe('keypad rules', () => {
  it('[K1] a press older than keypadStaleSeconds (default 5 s) is refused as stale-press and changes nothing', () => {
    const h = counter();
    const before = h.log.length;
    expect(h.run(press(h, 'next', 8 * SEC))).toEqual({ ok: false, code: 'stale-press' });
    expect(h.run(press(h, 'pause', 5 * SEC + 1))).toEqual({ ok: false, code: 'stale-press' });
    expect(h.log.length).toBe(before);
    expect(h.run(press(h, 'next', 5 * SEC))).toMatchObject({ ok: true, keypad: 'called' });
  });

  it('[K1] the bound is the branch setting keypadStaleSeconds', () => {
    const h = counter({ keypadStaleSeconds: 20 });
    expect(h.run(press(h, 'next', 8 * SEC))).toMatchObject({ ok: true, keypad: 'called' });
    expect(h.run(press(h, 'next', 21 * SEC))).toMatchObject({ ok: false, code: 'stale-press' });
  });

  it('[K1] three NEXT presses held by an unplugged keypad and delivered 8 s later do nothing', () => {
    const h = counter();
    h.ok(press(h, 'next')); // the ticket is called
    h.now += 10 * SEC;
    const before = h.log.length;
    for (const age of [8, 8, 8]) expect(h.run(press(h, 'next', age * SEC))).toMatchObject({ code: 'stale-press' });
    expect(h.log.length).toBe(before);
    expect(status(h)).toBe('called');
  });

  it('[K2] a keypad acts as the clerk who holds its counter; nobody holds it: counter-closed', () => {
    const h = counter();
    const closed = { ...press(h, 'next'), counterId: 'c2' };
    expect(h.run(closed)).toEqual({ ok: false, code: 'counter-closed' });
    expect(h.run({ ...closed, counterId: 'nope' })).toEqual({ ok: false, code: 'unknown-counter' });
    const called = h.run(press(h, 'next'));
    expect(called).toMatchObject({ ok: true, keypad: 'called' });
    expect(h.log.at(-1)).toMatchObject({ type: 'TicketCalled', counterId: 'c1', clerkId: 'k1' });
  });

  it('[K3] NEXT within keypadNextGraceSeconds (default 3 s) of the call is ignored, not taken as START', () => {
    const h = counter();
    const called = h.run(press(h, 'next'));
    expect(called).toMatchObject({ keypad: 'called' });
    // A quick double press: the second NEXT was pressed 1 s after the call.
    h.now += 1 * SEC;
    const before = h.log.length;
    expect(h.run(press(h, 'next'))).toMatchObject({
      ok: true,
      events: [],
      keypad: 'ignored',
      ticketId: called.ok ? called.ticketId : '',
    });
    expect(h.log.length).toBe(before);
    expect(status(h)).toBe('called');
    // A press made before the call but arriving after it is ignored too.
    h.now += 2 * SEC;
    expect(h.run(press(h, 'next', 3.5 * SEC))).toMatchObject({ keypad: 'ignored' });
    // After the grace, NEXT means the visitor came: serving starts.
    expect(h.run(press(h, 'next'))).toMatchObject({ ok: true, keypad: 'started' });
    expect(status(h)).toBe('serving');
  });

  it('[K3] the grace runs from the last recall too', () => {
    const h = counter();
    h.ok(press(h, 'next'));
    h.now += 10 * SEC;
    expect(h.run(press(h, 'recall'))).toMatchObject({ ok: true, keypad: 'recalled' });
    h.now += 2 * SEC;
    expect(h.run(press(h, 'next'))).toMatchObject({ keypad: 'ignored' });
    h.now += 2 * SEC;
    expect(h.run(press(h, 'next'))).toMatchObject({ keypad: 'started' });
  });

  it('[K4] NEXT while serving finishes the ticket and calls the next; with nobody waiting, nobody-waiting', () => {
    const h = counter();
    const first = h.ok(press(h, 'next'));
    h.now += 10 * SEC;
    h.ok(press(h, 'next')); // started
    const second = h.run(press(h, 'next'));
    expect(second).toMatchObject({ ok: true, keypad: 'called' });
    expect(h.state.tickets.get(first?.id ?? '')?.status).toBe('finished');
    h.now += 10 * SEC;
    h.ok(press(h, 'next')); // started
    expect(h.run(press(h, 'next'))).toMatchObject({ ok: true, keypad: 'nobody-waiting', ticketId: null });
  });

  it('[K5] PAUSE pauses an open counter with the keypad’s reason and resumes a paused one', () => {
    const h = counter();
    expect(h.run(press(h, 'pause'))).toMatchObject({ keypad: 'paused' });
    expect(h.state.counters.get('c1')).toMatchObject({ status: 'paused', pauseReason: 'توقف موقت' });
    expect(h.run(press(h, 'pause'))).toMatchObject({ keypad: 'resumed' });
    expect(h.state.counters.get('c1')?.status).toBe('open');
  });

  it('[K6] RECALL, NO-SHOW, START and FINISH are the clerk’s commands; their refusals are the commands’', () => {
    const h = counter();
    expect(h.run(press(h, 'recall'))).toEqual({ ok: false, code: 'no-current-ticket' });
    h.ok(press(h, 'next'));
    expect(h.run(press(h, 'finish'))).toEqual({ ok: false, code: 'not-started' });
    expect(h.run(press(h, 'start'))).toMatchObject({ keypad: 'started' });
    expect(h.run(press(h, 'start'))).toEqual({ ok: false, code: 'already-started' });
    expect(h.run(press(h, 'finish'))).toMatchObject({ keypad: 'finished' });
    h.ok(press(h, 'next'));
    expect(h.run(press(h, 'no-show'))).toMatchObject({ keypad: 'no-show' });
  });

  it('[T1] a retried press (same requestId) whose first try was done is answered, not done again', () => {
    const h = counter();
    const first = h.ok(press(h, 'next', 0, 'p1'));
    h.now += 10 * SEC;
    const start = h.run(press(h, 'next', 0, 'p2'));
    expect(start).toMatchObject({ keypad: 'started' });
    // p2's answer was lost; its retry must not finish the ticket and call the next one.
    const before = h.log.length;
    expect(h.run(press(h, 'next', 6 * SEC, 'p2'))).toEqual({
      ok: true,
      events: [],
      ticketId: first?.id,
      keypad: 'repeated',
    });
    expect(h.log.length).toBe(before);
    expect(status(h)).toBe('serving');
    // A PAUSE retried after the counter was paused does not resume it.
    h.ok(press(h, 'finish'));
    h.ok(press(h, 'pause', 0, 'p3'));
    expect(h.run(press(h, 'pause', 0, 'p3'))).toMatchObject({ keypad: 'repeated', ticketId: null });
    expect(h.state.counters.get('c1')?.status).toBe('paused');
  });
});
