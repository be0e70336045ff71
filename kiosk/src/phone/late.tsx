// "I'm late" on the tracking page (PH6, PH7): offered for a waiting ticket taken from the phone, once.
import { ApiError, createRestClient, path } from '@nobat/client';
import { type Lang, localDigits, PhoneLateResult, PhoneTicketInfo, type TicketStatus } from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { w } from './words.ts';

const rest = createRestClient({ timeoutMs: 10_000 });

export function LateButton(props: { ticketId: string; status: TicketStatus; lang: Lang }) {
  const { ticketId, lang } = props;
  const [late, setLate] = useState<PhoneTicketInfo['late']>(null);
  const [moved, setMoved] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    rest
      .get(PhoneTicketInfo, path('/api/v1/phone/tickets', ticketId))
      .then((r) => setLate(r.late))
      .catch(() => setLate(null));
  }, [ticketId]);
  if (!late) return null;
  const n = (s: string, x: number) => s.replace('{n}', localDigits(lang, x));
  if (moved !== null) {
    return (
      <p class="late-done" data-testid="late-done">
        {n(w(lang, 'lateDone'), moved)}
      </p>
    );
  }
  if (late.used) return <p class="late-done">{w(lang, 'lateUsed')}</p>;
  if (props.status !== 'waiting') return null;
  return (
    <section class="late">
      <button
        type="button"
        data-testid="late-button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError('');
          try {
            const r = await rest.post(PhoneLateResult, path('/api/v1/phone/tickets', ticketId, 'late'));
            setMoved(r.moved);
          } catch (err) {
            setError(err instanceof ApiError && !err.network ? err.text[lang] : w(lang, 'offline'));
          } finally {
            setBusy(false);
          }
        }}
      >
        {w(lang, 'late')}
      </button>
      <p class="hint">{n(w(lang, 'lateHint'), late.places)}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
