// The kiosk's «نوبت اینترنتی دارم»: the booking code or the national ID, then the ticket (AP7).
import { type Lang, toAsciiDigits } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { w } from './words.ts';

export function CheckInScreen(props: { lang: Lang; submit: (value: string) => void; back: () => void }) {
  const { lang } = props;
  const [value, setValue] = useState('');
  const [error, setError] = useState(false);
  const digits = toAsciiDigits(value).replace(/\D/g, '');
  return (
    <section class="appt-check-in">
      <h2 class="prompt" data-heading>
        {w(lang, 'codeOrId')}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (digits.length !== 7 && digits.length !== 10) return setError(true);
          props.submit(digits);
        }}
      >
        <input
          class="appt-input"
          inputMode="numeric"
          dir="ltr"
          data-testid="appointment-code"
          aria-label={w(lang, 'codeOrId')}
          value={value}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setError(false);
          }}
        />
        {error && <p class="field-error">{w(lang, 'badCodeOrId')}</p>}
        <nav class="actions">
          <button type="button" class="secondary" onClick={props.back}>
            {w(lang, 'back')}
          </button>
          <button type="submit" class="primary" data-testid="check-in">
            {w(lang, 'checkIn')}
          </button>
        </nav>
      </form>
    </section>
  );
}
