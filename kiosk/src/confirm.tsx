// The last touch before the ticket: the sub-service with its queue, the information package one touch
// away, a priority class, and the optional mobile number and national ID on the number pad.
import { etaText, type Lang, localDigits, localized, type PriorityClass, type ServiceSummary } from '@nobat/protocol';
import { t } from './i18n.ts';
import { NumberPad } from './numpad.tsx';
import type { ConfirmScreen } from './use-kiosk.ts';

export function Confirm(props: {
  lang: Lang;
  screen: ConfirmScreen;
  service: ServiceSummary;
  priorities: PriorityClass[];
  /** The number pad is not opened over the out-of-service notice: a modal dialog would sit above it. */
  online: boolean;
  change: (s: ConfirmScreen) => void;
  info: () => void;
  take: () => void;
  back: () => void;
}) {
  const { lang, screen, service: s, change } = props;
  return (
    <section class="confirm">
      <h2 class="service-title">{localized(lang, s.title)}</h2>
      <p class="queue-line">
        {localDigits(lang, s.waiting)} {t(lang, 'waiting')} · {etaText(lang, { ...s, ahead: s.waiting }, 'alone')}
      </p>
      <button type="button" class="secondary wide" data-testid="info" onClick={props.info}>
        {t(lang, 'info')}
      </button>
      <fieldset class="priorities">
        <legend>{t(lang, 'priority')}</legend>
        {props.priorities.map((p) => (
          <button
            type="button"
            key={p.id}
            class={`chip ${screen.priority === p.id ? 'on' : ''}`}
            aria-pressed={screen.priority === p.id}
            data-testid={`priority-${p.id}`}
            onClick={() => change({ ...screen, priority: p.id })}
          >
            {localized(lang, p.title)}
          </button>
        ))}
      </fieldset>
      <div class="optional">
        <button
          type="button"
          class="secondary"
          data-testid="mobile"
          onClick={() => change({ ...screen, pad: 'mobile' })}
        >
          {t(lang, 'mobile')}
          {screen.mobile && <b dir="ltr"> {localDigits(lang, screen.mobile)}</b>}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="national-id"
          onClick={() => change({ ...screen, pad: 'nationalId' })}
        >
          {t(lang, 'nationalId')}
          {screen.nationalId && <b dir="ltr"> {localDigits(lang, screen.nationalId)}</b>}
        </button>
      </div>
      <button type="button" class="primary huge" data-testid="take" onClick={props.take}>
        {t(lang, 'takeTicket')}
      </button>
      <nav class="actions">
        <button type="button" class="secondary" onClick={props.back}>
          {t(lang, 'back')}
        </button>
      </nav>
      {screen.pad && props.online && (
        <NumberPad
          lang={lang}
          kind={screen.pad}
          initial={screen.pad === 'mobile' ? screen.mobile : screen.nationalId}
          onCancel={() => change({ ...screen, pad: undefined })}
          onDone={(v) =>
            change({ ...screen, pad: undefined, ...(screen.pad === 'mobile' ? { mobile: v } : { nationalId: v }) })
          }
        />
      )}
    </section>
  );
}
