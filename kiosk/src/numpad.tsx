// An on-screen number pad for the mobile number and national ID, checked as the visitor types. It
// is a modal <dialog>: named by its heading, the screen behind it inert, Esc cancels it, and focus
// goes back to the button that opened it. The dialog alone lets Tab go past its last key out of the
// page; focus-trap keeps Tab and Shift+Tab going round its keys.
import { isValidNationalId, type Lang, localDigits, normalizeMobile } from '@nobat/protocol';
import { createFocusTrap } from 'focus-trap';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from './i18n.ts';

export type PadKind = 'mobile' | 'nationalId';

const LENGTH: Record<PadKind, number> = { mobile: 11, nationalId: 10 };

/** The error to show for what has been typed so far, or null when it is fine (or not finished). */
export function padError(kind: PadKind, value: string, finished: boolean): 'badMobile' | 'badNationalId' | null {
  if (kind === 'mobile') {
    if (value.length >= 2 && !value.startsWith('09')) return 'badMobile';
    if (finished && !normalizeMobile(value)) return 'badMobile';
    return null;
  }
  if (value.length === LENGTH.nationalId || finished) return isValidNationalId(value) ? null : 'badNationalId';
  return null;
}

export function NumberPad(props: {
  lang: Lang;
  kind: PadKind;
  initial: string;
  onDone: (value: string) => void;
  onCancel: () => void;
}) {
  const { lang, kind } = props;
  const [value, setValue] = useState(props.initial);
  const [tried, setTried] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    // Esc is the dialog's own cancel event; focus goes back once the dialog has closed.
    const trap = createFocusTrap(d, { escapeDeactivates: false, returnFocusOnDeactivate: false, fallbackFocus: d });
    trap.activate();
    return () => {
      trap.deactivate();
      d.close();
      opener?.focus();
    };
  }, []);
  const error = padError(kind, value, tried);
  const press = (d: string) => {
    setTried(false);
    setValue((v) => (v.length < LENGTH[kind] ? v + d : v));
  };
  const confirm = () => {
    if (value === '') return props.onDone('');
    setTried(true);
    if (!padError(kind, value, true)) props.onDone(value);
  };
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return (
    <dialog
      ref={dialog}
      class="pad"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault(); // the kiosk closes it, by its own state
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{t(lang, kind === 'mobile' ? 'mobile' : 'nationalId')}</h2>
      <output class={`pad-value ${error ? 'invalid' : ''}`} dir="ltr" data-testid="pad-value">
        {value ? localDigits(lang, value) : '\u00a0'}
      </output>
      <p class="pad-error" role="alert" data-testid="pad-error">
        {error ? t(lang, error) : '\u00a0'}
      </p>
      <div class="pad-keys" dir="ltr">
        {keys.map((k) => (
          <button type="button" key={k} class="key" onClick={() => press(k)} data-testid={`key-${k}`}>
            {localDigits(lang, k)}
          </button>
        ))}
        <button type="button" class="key secondary" onClick={() => setValue((v) => v.slice(0, -1))}>
          {t(lang, 'erase')}
        </button>
        <button type="button" class="key" onClick={() => press('0')} data-testid="key-0">
          {localDigits(lang, '0')}
        </button>
        <button type="button" class="key primary" onClick={confirm} data-testid="pad-ok">
          {t(lang, 'ok')}
        </button>
      </div>
      <button type="button" class="link" onClick={props.onCancel}>
        {t(lang, 'cancel')}
      </button>
    </dialog>
  );
}
