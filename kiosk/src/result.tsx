// The ticket taken: its number, place, estimate, date and time, whether it printed, and its QR code
// for following it on a phone.
import { clockTime, etaText, type IssuedTicket, jalaliDate, type Lang, localDigits } from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { t } from './i18n.ts';
import type { PrintState } from './use-kiosk.ts';

export function Result(props: {
  lang: Lang;
  ticket: IssuedTicket;
  serviceTitle: string;
  print: PrintState;
  done: () => void;
}) {
  const { lang, ticket, print } = props;
  const [qr, setQr] = useState('');
  useEffect(() => {
    QRCode.toString(ticket.trackingUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then(setQr, () =>
      setQr(''),
    );
  }, [ticket.trackingUrl]);
  return (
    <section class="result" data-testid="result">
      <p class="label" data-heading>
        {t(lang, 'yourNumber')}
      </p>
      <p class="number" data-testid="number">
        {localDigits(lang, ticket.number)}
      </p>
      <p class="service-title">{props.serviceTitle}</p>
      <p class="queue-line">
        <span data-testid="ahead">
          {localDigits(lang, ticket.ahead)} {t(lang, 'ahead')}
        </span>
        {' · '}
        <span data-testid="eta">
          {t(lang, 'estimate')}: {etaText(lang, ticket)}
        </span>
      </p>
      <p class="when">
        {jalaliDate(ticket.issuedAt, lang)} — {clockTime(ticket.issuedAt, lang)}
      </p>
      <div class="print-status" role="status" data-testid="print-status" data-state={print}>
        {print === 'printing' && t(lang, 'printing')}
        {print === 'printed' && t(lang, 'printed')}
        {print === 'failed' && t(lang, 'printFailed')}
        {print === 'paper-out' && `${t(lang, 'paperOut')} ${t(lang, 'printFailed')}`}
      </div>
      <figure class="qr" data-testid="qr" data-url={ticket.trackingUrl}>
        <div dangerouslySetInnerHTML={{ __html: qr }} />
        <figcaption>{t(lang, 'scanToTrack')}</figcaption>
      </figure>
      <button type="button" class="primary" data-testid="done" onClick={props.done}>
        {t(lang, 'done')}
      </button>
    </section>
  );
}
