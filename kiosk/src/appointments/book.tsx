// The visitor's booking page (/b/{branch}): sub-service, Jalali day, slot, mobile and national ID,
// then the confirmation with the code (server/SPEC.md AP1–AP6).
import {
  type Booked,
  type BookingBranch,
  isValidNationalId,
  type Lang,
  localDigits,
  localized,
  normalizeMobile,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { book, branchOf, errorText } from './api.ts';
import { dayLabel, SlotPicker } from './picker.tsx';
import { w } from './words.ts';

export function BookPage(props: { branchId: string; lang: Lang; setLang: (l: Lang) => void }) {
  const { lang, branchId } = props;
  const [branch, setBranch] = useState<BookingBranch | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [slot, setSlot] = useState('');
  const [mobile, setMobile] = useState('');
  const [nationalId, setNationalId] = useState('');
  const [touched, setTouched] = useState({ mobile: false, nationalId: false });
  const [error, setError] = useState('');
  const [done, setDone] = useState<Booked | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    branchOf(branchId).then(
      (b) => {
        setBranch(b);
        setServiceId(b.services[0]?.id ?? '');
      },
      (e) => setError(errorText(e, lang)),
    );
  }, [branchId]);
  const service = branch?.services.find((s) => s.id === serviceId);
  const mobileOk = normalizeMobile(mobile) !== null;
  const idOk = isValidNationalId(nationalId);
  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched({ mobile: true, nationalId: true });
    if (!mobileOk || !idOk || !slot || sending) return;
    setSending(true);
    setError('');
    try {
      setDone(await book(branchId, { serviceId, slot, mobile, nationalId }));
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setSending(false);
    }
  };
  return (
    <div class="appt">
      <header class="bar">
        <h1>{w(lang, 'book')}</h1>
        <button type="button" class="lang" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {w(lang, 'language')}
        </button>
      </header>
      <main>
        {branch && <p class="branch-name">{localized(lang, branch.name)}</p>}
        {done ? (
          <section class="appt-done" data-testid="booked">
            <h2>{w(lang, 'booked')}</h2>
            <p>
              {localized(lang, done.serviceTitle)} — {dayLabel(lang, done.slot.slice(0, 10))}{' '}
              {localDigits(lang, done.slot.slice(11))}
            </p>
            <p class="label">{w(lang, 'code')}</p>
            <p class="appt-code" data-testid="booking-code" dir="ltr">
              {localDigits(lang, done.code)}
            </p>
            <p>{w(lang, 'codeHint')}</p>
            <a href={`/a/${done.token}`}>{w(lang, 'manage')}</a>
          </section>
        ) : branch && branch.services.length === 0 ? (
          <p>{w(lang, 'nothingBookable')}</p>
        ) : (
          branch && (
            <form onSubmit={submit} noValidate>
              <label>
                {w(lang, 'service')}
                <select
                  value={serviceId}
                  onChange={(e) => {
                    setServiceId(e.currentTarget.value);
                    setSlot('');
                  }}
                >
                  {branch.services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {localized(lang, s.title)}
                    </option>
                  ))}
                </select>
              </label>
              {service && <SlotPicker lang={lang} branchId={branchId} service={service} slot={slot} pick={setSlot} />}
              <Field
                label={w(lang, 'mobile')}
                name="mobile"
                value={mobile}
                set={setMobile}
                error={touched.mobile && !mobileOk ? w(lang, 'badMobile') : ''}
                blur={() => setTouched((t) => ({ ...t, mobile: true }))}
                autocomplete="tel"
              />
              <Field
                label={w(lang, 'nationalId')}
                name="nationalId"
                value={nationalId}
                set={setNationalId}
                error={(touched.nationalId || nationalId.length >= 10) && !idOk ? w(lang, 'badNationalId') : ''}
                blur={() => setTouched((t) => ({ ...t, nationalId: true }))}
                autocomplete="off"
              />
              {error && (
                <p role="alert" class="error" data-testid="book-error">
                  {error}
                </p>
              )}
              <button type="submit" class="primary" disabled={!slot || sending} data-testid="book">
                {w(lang, 'submit')}
              </button>
            </form>
          )
        )}
        {!branch && error && <p role="alert">{error}</p>}
      </main>
    </div>
  );
}

function Field(props: {
  label: string;
  name: string;
  value: string;
  set: (v: string) => void;
  error: string;
  blur: () => void;
  autocomplete: string;
}) {
  const id = `f-${props.name}`;
  return (
    <div class={`field ${props.error ? 'invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        inputMode="numeric"
        dir="ltr"
        autocomplete={props.autocomplete}
        value={props.value}
        aria-invalid={props.error ? 'true' : 'false'}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(e) => props.set(e.currentTarget.value)}
        onBlur={props.blur}
      />
      {props.error && (
        <p id={`${id}-error`} class="field-error" data-testid={`${props.name}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}
