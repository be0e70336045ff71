// [K1–K6] What a key of a clerk's keypad means. The bridge sends the key as pressed, with how long ago
// it was pressed; the meaning is decided here, against the counter's state when the press reaches the
// server, so a press that waited (a keypad off the bus, a lost connection) is judged by its age and
// not by what the counter looked like when it was made. Pure: the press time and `now` come in.
import { type KeypadKey, Refusal, type RefusalCode } from '@nobat/protocol';
import type { Command } from './decide.ts';
import { counterState, type DayState } from './state.ts';

/** A press of `key` on the keypad of `counterId`, made at `pressedAt` (epoch ms, the server's clock). */
export interface KeypadPressCommand {
  type: 'keypad';
  counterId: string;
  key: KeypadKey;
  pressedAt: number;
  /** [T1] A retried press carries its first try's id; done once, it is answered as `repeated`. */
  requestId?: string;
}

export interface KeypadSettings {
  keypadStaleSeconds: number;
  keypadNextGraceSeconds: number;
}

/** The reason a keypad's PAUSE gives: the signboard and the hall show it. */
export const KEYPAD_PAUSE_REASON = 'توقف موقت';

type CounterCommand = Extract<
  Command,
  { type: 'callNext' | 'start' | 'finish' | 'recall' | 'noShow' | 'pause' | 'resume' }
>;

export type KeypadMeaning =
  | { kind: 'refuse'; code: RefusalCode }
  /** [T1] The press was done already (a retry whose first answer was lost). */
  | { kind: 'repeated'; ticketId: string | null }
  /** [K3] NEXT right after a call: a double press, not the visitor's arrival. */
  | { kind: 'ignored'; ticketId: string }
  | { kind: 'command'; command: CounterCommand };

export function keypadMeaning(
  settings: KeypadSettings,
  knownCounter: boolean,
  state: DayState,
  press: KeypadPressCommand,
  now: number,
): KeypadMeaning {
  const refuse = (code: RefusalCode): KeypadMeaning => ({ kind: 'refuse', code });
  if (press.requestId) {
    const earlier = state.requests.get(press.requestId);
    if (earlier !== undefined) return { kind: 'repeated', ticketId: earlier || null };
  }
  // [K1] A press that waited too long (held by a keypad that was off the bus, or on the way) is
  // dropped: the counter may have moved on since, and nobody expects it to act now.
  if (now - press.pressedAt > settings.keypadStaleSeconds * 1000) return refuse(Refusal.stalePress);
  if (!knownCounter) return refuse(Refusal.unknownCounter);
  // [K2] A keypad acts as the clerk who holds its counter; nobody holds it: nothing to act for.
  const counter = counterState(state, press.counterId);
  if (counter.status === 'closed' || !counter.clerkId) return refuse(Refusal.counterClosed);
  const who = {
    counterId: press.counterId,
    clerkId: counter.clerkId,
    ...(press.requestId ? { requestId: press.requestId } : {}),
  };
  const command = (c: CounterCommand): KeypadMeaning => ({ kind: 'command', command: c });
  const current = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
  switch (press.key) {
    case 'next':
      if (current?.status === 'called') {
        // [K3] NEXT on a ticket only called means the visitor has come: start serving them. Unless it
        // was pressed within the grace after the call or recall (or before it): that is a double press.
        const announced = current.announcedAt ?? current.calledAt ?? 0;
        if (press.pressedAt - announced < settings.keypadNextGraceSeconds * 1000) {
          return { kind: 'ignored', ticketId: current.id };
        }
        return command({ type: 'start', ...who });
      }
      // [K4] Otherwise call the next ticket; one being served is finished first (T3).
      return command({ type: 'callNext', ...who });
    case 'pause':
      // [K5] PAUSE toggles: it resumes a paused counter.
      return counter.status === 'paused'
        ? command({ type: 'resume', ...who })
        : command({ type: 'pause', ...who, reason: KEYPAD_PAUSE_REASON });
    // [K6] The other keys are the clerk's commands of the same name.
    case 'recall':
      return command({ type: 'recall', ...who });
    case 'no-show':
      return command({ type: 'noShow', ...who });
    case 'start':
      return command({ type: 'start', ...who });
    case 'finish':
      return command({ type: 'finish', ...who });
    default: {
      const never: never = press.key;
      throw new Error(`unknown key ${String(never)}`);
    }
  }
}
