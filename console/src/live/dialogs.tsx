// The live floor's dialogs: open a counter for a clerk, pause (with a reason), close, move a waiting
// ticket (to a sub-service or a counter), cancel it (with a reason). Each is confirmed here and done
// by the page (SV1, SV2).
import { Button, Field, Modal } from '@nobat/client/preact';
import { type Lang, localized, type StaffTicket, type SupervisorSnapshot } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CounterRow } from './model.ts';
import { w } from './words.ts';

export type Dialog =
  | { kind: 'open'; counter: CounterRow }
  | { kind: 'pause'; counter: CounterRow }
  | { kind: 'close'; counter: CounterRow }
  | { kind: 'move'; ticket: StaffTicket }
  | { kind: 'cancel'; ticket: StaffTicket };

export function ActionDialog(props: {
  dialog: Dialog;
  lang: Lang;
  view: SupervisorSnapshot;
  counters: CounterRow[];
  onClose: () => void;
  onOpen: (c: CounterRow, clerkId: string) => Promise<void>;
  onPause: (c: CounterRow, reason: string) => Promise<void>;
  onCloseCounter: (c: CounterRow) => Promise<void>;
  onMove: (t: StaffTicket, target: { toServiceId?: string; toCounterId?: string }) => Promise<void>;
  onCancel: (t: StaffTicket, reason: string) => Promise<void>;
}) {
  const { dialog, lang, view } = props;
  const [text, setText] = useState('');
  const [choice, setChoice] = useState('');
  const [mode, setMode] = useState<'service' | 'counter'>('service');
  const [busy, setBusy] = useState(false);
  const run = async (p: Promise<void>) => {
    setBusy(true);
    await p;
    setBusy(false);
  };

  let title = '';
  let body: ComponentChildren = null;
  let ready = false;
  let confirm: () => Promise<void> = async () => {};
  let danger = false;

  if (dialog.kind === 'open') {
    const c = dialog.counter;
    // Clerks free now (not at another counter) and allowed at this one (C2, C4).
    const busyClerks = new Set(props.counters.flatMap((k) => (k.clerk ? [k.clerk.id] : [])));
    const clerks = view.clerks.filter(
      (k) => (k.counters === null || k.counters.includes(c.counterId)) && !busyClerks.has(k.id),
    );
    title = w(lang, 'openTitle', { n: c.number });
    ready = choice !== '';
    confirm = () => props.onOpen(c, choice);
    body =
      clerks.length === 0 ? (
        <p>{w(lang, 'noClerkFree')}</p>
      ) : (
        <Field label={w(lang, 'chooseClerk')}>
          {(f) => (
            <select {...f} value={choice} data-testid="open-clerk" onChange={(e) => setChoice(e.currentTarget.value)}>
              <option value="" />
              {clerks.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
  } else if (dialog.kind === 'pause') {
    const c = dialog.counter;
    title = w(lang, 'pauseTitle', { n: c.number });
    ready = text.trim() !== '';
    confirm = () => props.onPause(c, text.trim());
    body = (
      <Field label={w(lang, 'pauseReason')}>
        {(f) => (
          <input
            {...f}
            value={text}
            maxLength={200}
            data-testid="pause-reason"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        )}
      </Field>
    );
  } else if (dialog.kind === 'close') {
    const c = dialog.counter;
    title = w(lang, 'closeTitle', { n: c.number });
    ready = true;
    danger = true;
    confirm = () => props.onCloseCounter(c);
    body = <p>{w(lang, 'closeBody', { name: c.clerk?.name ?? '—' })}</p>;
  } else if (dialog.kind === 'move') {
    const t = dialog.ticket;
    title = w(lang, 'moveTitle', { n: t.number });
    ready = choice !== '';
    confirm = () => props.onMove(t, mode === 'service' ? { toServiceId: choice } : { toCounterId: choice });
    const services = view.services.filter((s) => s.id !== t.serviceId);
    // A counter takes it only if it serves its sub-service (SV1).
    const counters = view.counters.filter((c) => c.services.some((s) => s.serviceId === t.serviceId));
    body = (
      <>
        <fieldset class="lf-choice">
          <legend>{w(lang, 'moveTo')}</legend>
          <label>
            <input
              type="radio"
              name="move-mode"
              checked={mode === 'service'}
              data-testid="move-to-service"
              onChange={() => {
                setMode('service');
                setChoice('');
              }}
            />{' '}
            {w(lang, 'toService')}
          </label>
          <label>
            <input
              type="radio"
              name="move-mode"
              checked={mode === 'counter'}
              data-testid="move-to-counter"
              onChange={() => {
                setMode('counter');
                setChoice('');
              }}
            />{' '}
            {w(lang, 'toCounter')}
          </label>
        </fieldset>
        <Field label={mode === 'service' ? w(lang, 'toService') : w(lang, 'toCounter')}>
          {(f) => (
            <select {...f} value={choice} data-testid="move-target" onChange={(e) => setChoice(e.currentTarget.value)}>
              <option value="" />
              {mode === 'service'
                ? services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {localized(lang, s.title)}
                    </option>
                  ))
                : counters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {w(lang, 'counterN', { n: c.number })}
                    </option>
                  ))}
            </select>
          )}
        </Field>
        <p class="lf-muted">{w(lang, 'moveKeeps')}</p>
      </>
    );
  } else {
    const t = dialog.ticket;
    title = w(lang, 'cancelTitle', { n: t.number });
    ready = text.trim() !== '';
    danger = true;
    confirm = () => props.onCancel(t, text.trim());
    body = (
      <Field label={w(lang, 'cancelReason')}>
        {(f) => (
          <input
            {...f}
            value={text}
            maxLength={200}
            data-testid="cancel-reason"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        )}
      </Field>
    );
  }

  return (
    <Modal
      title={title}
      onClose={props.onClose}
      closeLabel={w(lang, 'closeDialog')}
      testId={`dialog-${dialog.kind}`}
      footer={
        <>
          <Button
            variant={danger ? 'danger' : 'primary'}
            disabled={!ready}
            busy={busy}
            data-testid="dialog-confirm"
            onClick={() => run(confirm())}
          >
            {w(lang, 'confirm')}
          </Button>
          <Button onClick={props.onClose}>{w(lang, 'dismiss')}</Button>
        </>
      }
    >
      {body}
    </Modal>
  );
}
