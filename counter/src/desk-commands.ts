// What the clerk asks of the desk, by button or key: the command, the dialog it opens, the view it
// switches to. Keys are read by one listener for the page's life, which calls the handler of the
// latest render: a key pressed right after another (P then 2) always sees the state the first made.
import { newRequestId } from '@nobat/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { message } from './i18n.ts';
import { commandFor, type DeskCommand } from './keys.ts';
import { PAUSE_REASONS } from './pause-reasons.ts';
import type { Visit } from './requests/request-dialog.tsx';
import { requestTicket, useLastServed, visitOf } from './requests/visit.ts';
import { requestMessage } from './requests/words.ts';
import type { DeskState, Dialog } from './use-desk.ts';

export function useDeskCommands(s: DeskState) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [view, setView] = useState<DeskView>('desk');
  /** The visit the request dialog is open for (M, its button, or a row of the day's list). */
  const [requestFor, setRequestFor] = useState<Visit | null>(null);
  const lastServed = useLastServed(s.current, s.parked);
  const callInput = useRef<HTMLInputElement>(null);
  const docsRef = useRef<HTMLFieldSetElement>(null);
  const { act, counter, current } = s;

  const callNext = () =>
    act('call-next', { requestId: newRequestId() }, (r) => {
      if (!r.ticket) s.setNotice({ kind: 'info', text: message('queueEmpty') });
    });

  const run = (command: DeskCommand) => {
    if (view !== 'desk' && !ANY_VIEW.includes(command)) return;
    switch (command) {
      case 'next':
        return callNext();
      case 'recall':
        return act('recall');
      case 'start':
        return act('start');
      case 'finish':
        return act('finish');
      case 'noShow':
        return act('no-show');
      case 'transfer':
        return current && setDialog('transfer');
      case 'park':
        return current && setDialog('park');
      case 'callTicket':
        return callInput.current?.focus();
      case 'pause':
        return counter?.status === 'paused' ? act('resume') : setDialog('pause');
      case 'documents':
        return docsRef.current?.querySelector('input')?.focus();
      case 'day':
        return setView(view === 'day' ? 'desk' : 'day');
      case 'checkIn':
        return setDialog('checkIn');
      case 'makeRequest': {
        const ticket = requestTicket(current, lastServed);
        if (!ticket) return s.setNotice({ kind: 'info', text: requestMessage('noTicketForRequest') });
        return setRequestFor(visitOf(ticket));
      }
      case 'requests':
        return setView(view === 'requests' ? 'desk' : 'requests');
      case 'help':
        return setDialog('help');
    }
  };

  const onKey = useRef<(e: KeyboardEvent) => void>(() => {});
  onKey.current = (e: KeyboardEvent) => {
    if (requestFor) return; // the request dialog's own keys (Escape closes it)
    if (dialog) {
      // Escape is the dialog's own; digits 1–4 pick a pause reason here, so a quick P then 2 is never lost.
      const reason =
        dialog === 'pause' && e.code.startsWith('Digit') ? PAUSE_REASONS[Number(e.code.slice(5)) - 1] : undefined;
      if (reason && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        setDialog(null);
        act('pause', { reason: reason.fa });
      }
      return;
    }
    if (e.key === 'Escape' && e.target instanceof HTMLElement) e.target.blur();
    const target = e.target as HTMLElement | null;
    const editing =
      !!target &&
      (target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement ||
        target.isContentEditable) &&
      !(target instanceof HTMLInputElement && target.type === 'checkbox');
    const command = commandFor({
      code: e.code,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      repeat: e.repeat,
      editing,
    });
    if (!command) return;
    e.preventDefault();
    run(command);
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  /** Calls the ticket whose number was typed, if it is in this counter's queue or parked list. */
  const callTyped = () => {
    const input = callInput.current;
    const found = input && s.findTicket(input.value);
    if (!found) {
      s.setNotice({ kind: 'error', text: message('notInQueue') });
      return;
    }
    act('call', { ticketId: found.id });
    if (input) {
      input.value = '';
      input.blur();
    }
  };

  return {
    dialog,
    setDialog,
    view,
    run,
    callInput,
    docsRef,
    callTyped,
    requestFor,
    setRequestFor,
    /** The ticket M would make a request from now, if any. */
    requestTicket: requestTicket(current, lastServed),
  };
}

export type DeskView = 'desk' | 'day' | 'requests';
/** The commands that work in the day's and the requests' views too. */
const ANY_VIEW: readonly DeskCommand[] = ['day', 'requests', 'help', 'checkIn', 'makeRequest'];

export type DeskCommands = ReturnType<typeof useDeskCommands>;
