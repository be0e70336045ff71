// The manage page (/a/{token}, the SMS's link): the booking, cancel it, or move it (AP6).
import { type BookingBranch, type BookingView, type Lang, localDigits, localized } from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { bookingOf, branchOf, cancelBooking, errorText, moveBooking } from './api.ts';
import { dayLabel, SlotPicker } from './picker.tsx';
import { type ApptWord, w } from './words.ts';

export function ManagePage(props: { token: string; lang: Lang; setLang: (l: Lang) => void }) {
  const { lang, token } = props;
  const [b, setB] = useState<BookingView | null>(null);
  const [branch, setBranch] = useState<BookingBranch | null>(null);
  const [moving, setMoving] = useState(false);
  const [slot, setSlot] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    bookingOf(token).then(
      (v) => {
        setB(v);
        branchOf(v.branchId).then(setBranch, () => undefined);
      },
      (e) => setError(errorText(e, lang)),
    );
  }, [token]);
  const act = async (work: () => Promise<BookingView>) => {
    setError('');
    try {
      setB(await work());
      setMoving(false);
    } catch (e) {
      setError(errorText(e, lang));
    }
  };
  const service = branch?.services.find((s) => s.id === b?.serviceId);
  return (
    <div class="appt">
      <header class="bar">
        <h1>{w(lang, 'manage')}</h1>
        <button type="button" class="lang" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {w(lang, 'language')}
        </button>
      </header>
      <main>
        {b && (
          <section class="appt-done" data-testid="booking">
            <p class="branch-name">{localized(lang, b.branchName)}</p>
            <h2>{localized(lang, b.serviceTitle)}</h2>
            <p data-testid="booking-slot">
              {dayLabel(lang, b.slot.slice(0, 10))} {localDigits(lang, b.slot.slice(11))}
            </p>
            <p class="label">{w(lang, 'code')}</p>
            <p class="appt-code" dir="ltr">
              {localDigits(lang, b.code)}
            </p>
            <p data-testid="booking-state" data-state={b.state}>
              {w(lang, `state_${b.state}` as ApptWord)}
            </p>
            {b.state === 'booked' && !moving && (
              <nav class="actions">
                <button type="button" class="secondary" onClick={() => setMoving(true)}>
                  {w(lang, 'move')}
                </button>
                <button type="button" class="danger" onClick={() => act(() => cancelBooking(token))}>
                  {w(lang, 'cancelBooking')}
                </button>
              </nav>
            )}
            {moving && service && (
              <>
                <SlotPicker lang={lang} branchId={b.branchId} service={service} slot={slot} pick={setSlot} />
                <nav class="actions">
                  <button type="button" class="secondary" onClick={() => setMoving(false)}>
                    {w(lang, 'back')}
                  </button>
                  <button
                    type="button"
                    class="primary"
                    disabled={!slot}
                    onClick={() => act(() => moveBooking(token, slot))}
                  >
                    {w(lang, 'move')}
                  </button>
                </nav>
              </>
            )}
          </section>
        )}
        {error && <p role="alert">{error}</p>}
      </main>
    </div>
  );
}
