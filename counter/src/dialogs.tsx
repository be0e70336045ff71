// The desk's dialogs (transfer, pause, park, shortcuts), on the shared Modal: focus goes in and stays
// in, Escape or a click outside closes, focus returns to where it was.
import { say } from '@nobat/client';
import { Modal } from '@nobat/client/preact';
import {
  type CounterSummary,
  type Lang,
  localDigits,
  localized,
  ParkReason,
  type ServiceSummary,
  type TransferBody,
} from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t, type Word } from './i18n.ts';
import { type DeskCommand, SHORTCUTS } from './keys.ts';
import { PAUSE_REASONS } from './pause-reasons.ts';

function DeskModal(props: { lang: Lang; title: string; close: () => void; children: ComponentChildren }) {
  return (
    <Modal title={props.title} onClose={props.close} closeLabel={say(props.lang, 'close')} closeOnBackdrop>
      {props.children}
    </Modal>
  );
}

/** A dialog's closing row: confirm (the form's submit, when `confirm` names its test id), and cancel (Esc). */
function DialogButtons(props: { lang: Lang; confirm?: string; close: () => void }) {
  const { lang } = props;
  return (
    <div class="buttons">
      {props.confirm && (
        <button type="submit" class="primary" data-testid={props.confirm}>
          {t(lang, 'confirm')}
        </button>
      )}
      <button type="button" onClick={props.close}>
        {t(lang, 'cancel')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}

export function TransferDialog(props: {
  lang: Lang;
  services: ServiceSummary[];
  counters: CounterSummary[];
  close: () => void;
  submit: (body: TransferBody) => void;
}) {
  const { lang } = props;
  return (
    <DeskModal lang={lang} title={t(lang, 'transferTitle')} close={props.close}>
      <form
        data-testid="transfer-form"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget as HTMLFormElement);
          const toServiceId = String(f.get('service') ?? '');
          const toCounterId = String(f.get('counter') ?? '');
          const note = String(f.get('note') ?? '').trim();
          if (!toServiceId && !toCounterId) return;
          props.submit({
            ...(toServiceId ? { toServiceId } : {}),
            ...(toCounterId ? { toCounterId } : {}),
            ...(note ? { note } : {}),
          });
        }}
      >
        <label>
          {t(lang, 'toService')}
          <select name="service" data-autofocus data-testid="transfer-service">
            <option value="">{t(lang, 'choose')}</option>
            {props.services.map((s) => (
              <option key={s.id} value={s.id}>
                {localized(lang, s.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'toCounter')}
          <select name="counter" data-testid="transfer-counter">
            <option value="">{t(lang, 'choose')}</option>
            {props.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {t(lang, 'counter')} {localDigits(lang, c.number)} — {localized(lang, c.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'noteForNext')}
          <textarea name="note" maxLength={500} rows={3} data-testid="transfer-note" />
        </label>
        <DialogButtons lang={lang} confirm="transfer-confirm" close={props.close} />
      </form>
    </DeskModal>
  );
}

/** Digits 1–4 pick a reason: the desk's key handler does it, so a quick P then 2 is never lost. */
export function PauseDialog(props: { lang: Lang; close: () => void; submit: (reason: string) => void }) {
  const { lang } = props;
  const [other, setOther] = useState('');
  return (
    <DeskModal lang={lang} title={t(lang, 'pauseTitle')} close={props.close}>
      <div class="reasons">
        {PAUSE_REASONS.map((r, i) => (
          <button
            type="button"
            key={r.fa}
            data-autofocus={i === 0 ? true : undefined}
            data-testid={`pause-reason-${i + 1}`}
            onClick={() => props.submit(r.fa)}
          >
            {localized(lang, r)} <kbd>{localDigits(lang, i + 1)}</kbd>
          </button>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (other.trim()) props.submit(other.trim());
        }}
      >
        <label>
          {t(lang, 'otherReason')}
          <input
            value={other}
            maxLength={200}
            data-testid="pause-other"
            onInput={(e) => setOther((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <DialogButtons lang={lang} confirm="pause-confirm" close={props.close} />
      </form>
    </DeskModal>
  );
}

export function ParkDialog(props: {
  lang: Lang;
  number: string;
  reason: ParkReason;
  close: () => void;
  submit: (reason: ParkReason, note: string) => void;
}) {
  const { lang } = props;
  const [reason, setReason] = useState<ParkReason>(props.reason);
  const [note, setNote] = useState('');
  return (
    <DeskModal lang={lang} title={`${t(lang, 'park')} ${localDigits(lang, props.number)}`} close={props.close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.submit(reason, note.trim());
        }}
      >
        <fieldset class="park-reasons">
          <legend>{t(lang, 'parkReason')}</legend>
          {ParkReason.options.map((r) => (
            <label key={r}>
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason === r}
                data-testid={`park-reason-${r}`}
                onChange={() => setReason(r)}
              />
              {t(lang, `park_${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t(lang, 'parkNote')}
          <input
            maxLength={500}
            data-autofocus
            data-testid="park-note"
            value={note}
            onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <DialogButtons lang={lang} confirm="park-confirm" close={props.close} />
      </form>
    </DeskModal>
  );
}

const COMMAND_WORD: Record<DeskCommand, Word> = {
  next: 'next',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'noShow',
  transfer: 'transfer',
  park: 'park',
  callTicket: 'callTicket',
  pause: 'pause',
  documents: 'documents',
  day: 'day',
  checkIn: 'checkIn',
  makeRequest: 'makeRequest',
  requests: 'requests',
  help: 'shortcuts',
};

export function HelpDialog(props: { lang: Lang; close: () => void }) {
  const { lang } = props;
  return (
    <DeskModal lang={lang} title={t(lang, 'shortcuts')} close={props.close}>
      <table class="shortcuts" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.code}>
              <td>
                <kbd>{s.label}</kbd>
              </td>
              <td>
                {t(lang, COMMAND_WORD[s.command])}
                {s.command === 'pause' && ` / ${t(lang, 'resume')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t(lang, 'shortcutsHint')}</p>
      <DialogButtons lang={lang} close={props.close} />
    </DeskModal>
  );
}
