// The kiosk's «نوبت اینترنتی دارم»: the booking code or the national ID, then the ticket (AP7).
import { type Lang, localDigits, toAsciiDigits } from '@nobat/protocol';
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
          value={lang === 'fa' ? localDigits(lang, value) : value}
          onInput={(e) => {
            setValue(toAsciiDigits(e.currentTarget.value));
            setError(false);
          }}
        />
        {error && <p class="field-error">{w(lang, 'badCodeOrId')}</p>}
        {/* A kiosk has no keyboard: its own keys, Latin digits kept in the field. */}
        <div class="appt-keys" dir="ltr">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
            <button
              type="button"
              key={d}
              class="secondary"
              data-key={d}
              onClick={() => {
                setValue((v) => (toAsciiDigits(v).length < 10 ? `${v}${d}` : v));
                setError(false);
              }}
            >
              {localDigits(lang, d)}
            </button>
          ))}
          <button type="button" class="secondary" data-key="erase" onClick={() => setValue((v) => v.slice(0, -1))}>
            {w(lang, 'erase')}
          </button>
        </div>
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
