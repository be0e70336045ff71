// [AP7][AP8][B2] Check-in at the desk: the visitor with an internet booking gives its code or their
// national ID (Persian or Latin digits); the server issues the appointment's one ticket (the same one
// again on a second check-in) or says why not, in the desk's language.
import { ApiError, path, say } from '@nobat/client';
import { Banner, Field, Modal } from '@nobat/client/preact';
import {
  CheckedIn,
  type CheckInBody,
  type Lang,
  localDigits,
  localized,
  type ServiceSummary,
  toAsciiDigits,
} from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { rest } from './rest.ts';

/** Ten digits are a national ID; anything else is taken as a booking code (the server judges both). */
export function checkInBody(typed: string): CheckInBody {
  const value = toAsciiDigits(typed).replace(/[\s-]/g, '');
  return /^\d{10}$/.test(value) ? { nationalId: value } : { code: value };
}

export function CheckInDialog(props: {
  lang: Lang;
  branchId: string;
  services: Map<string, ServiceSummary>;
  close: () => void;
  /** The session is gone: sign in again. */
  onExpired: () => void;
}) {
  const { lang } = props;
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckedIn | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async () => {
    if (busy || !typed.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await rest.post(
        CheckedIn,
        path('/api/v1/branches', props.branchId, 'appointments', 'check-in'),
        checkInBody(typed),
      );
      setResult(r);
    } catch (err) {
      if (err instanceof ApiError && err.unauthenticated) return props.onExpired();
      setResult(null);
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', { fa: String(err), en: String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const service = result ? props.services.get(result.ticket.serviceId) : undefined;
  return (
    <Modal title={t(lang, 'checkInTitle')} onClose={props.close} closeLabel={say(lang, 'close')} closeOnBackdrop>
      <form
        data-testid="checkin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t(lang, 'checkInWho')} hint={t(lang, 'checkInHint')} testId="checkin-field">
          {(control) => (
            <input
              {...control}
              data-autofocus
              data-testid="checkin-value"
              inputMode="numeric"
              autoComplete="off"
              dir="ltr"
              maxLength={20}
              value={typed}
              onInput={(e) => {
                setTyped((e.currentTarget as HTMLInputElement).value);
                setError(null);
              }}
            />
          )}
        </Field>
        {error && (
          <Banner tone="error" testId="checkin-error">
            {localized(lang, error.text)}
          </Banner>
        )}
        {result && (
          <div class="checked-in" data-testid="checkin-result" data-ticket-id={result.ticket.id}>
            <p>
              {t(lang, 'checkedInTicket')}{' '}
              <b class="number" data-testid="checkin-number">
                {localDigits(lang, result.ticket.number)}
              </b>
            </p>
            <p data-testid="checkin-service">
              {t(lang, 'subService')}: {service ? localized(lang, service.title) : result.ticket.serviceId}
            </p>
            <p>
              {localDigits(lang, result.slot.slice(11))} — {t(lang, result.late ? 'checkedInLate' : 'checkedInOnTime')}
            </p>
          </div>
        )}
        <div class="buttons">
          <button type="submit" class="primary" data-testid="checkin-confirm" disabled={busy}>
            {t(lang, 'checkInDo')}
          </button>
          <button type="button" onClick={props.close}>
            {t(lang, 'cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}
