import { describe, expect, it } from 'vitest';
import { commandFor, type KeyLike, SHORTCUTS } from './keys.ts';
import { createActionRunner } from './runner.ts';

const press = (code: string, extra: Partial<KeyLike> = {}): KeyLike => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  editing: false,
  ...extra,
});

describe('keyboard shortcuts', () => {
  it('map physical keys, so the Persian layout (N gives «د») calls next too', () => {
    // The event's `key` differs by layout; only `code` is read.
    expect(commandFor(press('KeyN'))).toBe('next');
    expect(commandFor(press('KeyP'))).toBe('pause');
    expect(commandFor(press('KeyQ'))).toBeNull();
  });

  it('[AP7] open the appointment check-in with A (the Persian layout sends «ش» there)', () => {
    expect(commandFor(press('KeyA'))).toBe('checkIn');
  });

  it('mean nothing while typing in a field, when held down, or with a modifier (Ctrl+R reloads)', () => {
    expect(commandFor(press('KeyN', { editing: true }))).toBeNull();
    expect(commandFor(press('KeyN', { repeat: true }))).toBeNull();
    expect(commandFor(press('KeyR', { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('KeyR', { altKey: true }))).toBeNull();
  });

  it('give every command one key, and no key two commands', () => {
    expect(new Set(SHORTCUTS.map((s) => s.code)).size).toBe(SHORTCUTS.length);
    expect(new Set(SHORTCUTS.map((s) => s.command)).size).toBe(SHORTCUTS.length);
  });
});

describe('the action runner', () => {
  const gate = () => {
    let open = () => {};
    const opened = new Promise<void>((r) => {
      open = r;
    });
    return { open, opened };
  };

  it('drops a repeat of a pending action and runs different ones in order', async () => {
    const runner = createActionRunner();
    const ran: string[] = [];
    const g = gate();
    expect(
      runner.push('next', async () => {
        await g.opened;
        ran.push('next');
      }),
    ).toBe(true);
    expect(runner.push('next', async () => void ran.push('next again'))).toBe(false);
    expect(runner.push('start', async () => void ran.push('start'))).toBe(true);
    expect(runner.pending()).toEqual(['next', 'start']);
    g.open();
    await runner.idle();
    expect(ran).toEqual(['next', 'start']);
    // Once done, the same action may run again.
    expect(runner.push('next', async () => void ran.push('next 2'))).toBe(true);
    await runner.idle();
    expect(ran).toEqual(['next', 'start', 'next 2']);
  });

  it('keeps going after a failed action', async () => {
    const runner = createActionRunner();
    const ran: string[] = [];
    runner.push('a', async () => {
      throw new Error('refused');
    });
    runner.push('b', async () => void ran.push('b'));
    await runner.idle();
    expect(ran).toEqual(['b']);
    expect(runner.pending()).toEqual([]);
  });
});
