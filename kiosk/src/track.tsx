// The visitor's phone page (/t/{ticket id}, from the QR code): status, place and estimate, live.
import { connectSocket } from '@nobat/client';
import {
  callText,
  clockTime,
  etaText,
  handshakeCode,
  jalaliDate,
  type Lang,
  localDigits,
  localized,
  type TicketTracking,
  type TrackServerEvents,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { t, type Word } from './i18n.ts';
import { LateButton } from './phone/late.tsx';

export function Track(props: { ticketId: string; lang: Lang; setLang: (l: Lang) => void }) {
  const { lang, ticketId } = props;
  const [ticket, setTicket] = useState<TicketTracking | null>(null);
  const [state, setState] = useState<'connecting' | 'live' | 'offline' | 'missing'>('connecting');
  useEffect(() => {
    const socket: Socket<TrackServerEvents> = connectSocket('/track', {
      auth: { ticketId },
      transports: ['websocket', 'polling'],
    });
    socket.on('connect', () => setState('live'));
    socket.on('disconnect', () => setState('offline'));
    socket.on('connect_error', (err) => {
      if (handshakeCode(err) === 'ticket-not-found') {
        setState('missing');
        socket.close();
      } else setState('offline');
    });
    socket.on('ticket:tracking', setTicket);
    return () => socket.close();
  }, [ticketId]);

  const called = ticket?.status === 'called';
  return (
    <div class={`track ${called ? 'called' : ''}`}>
      <header class="bar">
        <h1>{t(lang, 'track')}</h1>
        <button type="button" class="lang" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {t(lang, 'language')}
        </button>
      </header>
      {state === 'missing' && <p class="big-message">{t(lang, 'notFound')}</p>}
      {ticket && (
        <main>
          <p class="number" data-testid="track-number">
            {localDigits(lang, ticket.number)}
          </p>
          <p class="service-title">{localized(lang, ticket.serviceTitle)}</p>
          <p class="status" data-testid="track-status" data-status={ticket.status}>
            {ticket.status === 'parked'
              ? t(lang, `parked_${ticket.parkReason ?? 'other'}`)
              : t(lang, `status_${ticket.status}` as Word)}
            {ticket.counterNumber !== null && (
              <>
                {' — '}
                {t(lang, 'counter')} {localDigits(lang, ticket.counterNumber)}
              </>
            )}
          </p>
          {ticket.status === 'waiting' && (
            <dl class="facts">
              <dt>{t(lang, 'ahead')}</dt>
              <dd data-testid="track-ahead">{localDigits(lang, ticket.ahead)}</dd>
              <dt>{t(lang, 'estimate')}</dt>
              <dd data-testid="track-eta">{etaText(lang, ticket)}</dd>
            </dl>
          )}
          {ticket.missingDocuments && ticket.missingDocuments.length > 0 && (
            <section class="missing" data-testid="track-missing" role="alert">
              <p>{t(lang, 'missingDocuments')}</p>
              <ul>
                {ticket.missingDocuments.map((d) => (
                  <li key={d.fa}>{localized(lang, d)}</li>
                ))}
              </ul>
            </section>
          )}
          {ticket.missingDocuments?.length === 0 && <p class="documents-ok">{t(lang, 'allDocuments')}</p>}
          <LateButton ticketId={ticketId} status={ticket.status} lang={lang} />
          {ticket.status === 'finished' && (
            <a class="survey-link" href={`/s/${encodeURIComponent(ticketId)}`} data-testid="track-survey">
              {t(lang, 'survey')}
            </a>
          )}
          <p class="when">
            {jalaliDate(ticket.issuedAt, lang)} — {clockTime(ticket.issuedAt, lang)}
          </p>
        </main>
      )}
      {/* Said to a screen reader when the visitor's turn comes: «شماره ۱۰۰۱ به باجه ۴». */}
      <div class="sr-only" aria-live="assertive" aria-atomic="true" data-testid="track-announcer">
        {called && ticket.counterNumber !== null && (
          <p key={ticket.counterNumber}>{callText(lang, ticket.number, ticket.counterNumber)}</p>
        )}
      </div>
      <footer class={`live ${state}`}>
        {state === 'live' ? `● ${t(lang, 'live')}` : state === 'offline' ? t(lang, 'reconnecting') : ''}
      </footer>
    </div>
  );
}
