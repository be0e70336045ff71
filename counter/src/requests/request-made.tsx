// A request just made: its tracking code to read out (3-3-4), the promised date in Jalali, the
// documents still missing to tell the visitor, and the receipt (جدول ۳) to print at a size.
import { type Lang, localized, type RequestView, type ServiceSummary } from '@nobat/protocol';
import { codeText, dayText, statusPath } from './format.ts';
import { ReceiptLinks } from './receipt-links.tsx';
import { rt } from './words.ts';

export function RequestMade(props: {
  lang: Lang;
  view: RequestView;
  services: Map<string, ServiceSummary>;
  close: () => void;
}) {
  const { lang, view } = props;
  const docs = props.services.get(view.serviceId)?.info.requiredDocuments ?? [];
  const missing = docs.filter((d) => view.missing.includes(d.id));
  return (
    <div class="request-made" data-testid="request-made" data-request-id={view.id}>
      <p class="label">{rt(lang, 'trackingCode')}</p>
      <p class="tracking-code" dir="ltr" data-testid="request-code" data-code={view.code}>
        {codeText(lang, view.code)}
      </p>
      <dl class="request-facts">
        <dt>{rt(lang, 'applicant')}</dt>
        <dd>
          <bdi>{view.applicant.fullName}</bdi>
        </dd>
        <dt>{rt(lang, 'subService')}</dt>
        <dd>{localized(lang, view.serviceTitle)}</dd>
        <dt>{rt(lang, 'promisedDate')}</dt>
        <dd data-testid="request-promised">{dayText(lang, view.promisedDate)}</dd>
        <dt>{rt(lang, 'statusLink')}</dt>
        <dd class="status-link">
          <bdi dir="ltr">
            {location.host}
            {statusPath(view.code)}
          </bdi>
        </dd>
      </dl>
      {missing.length > 0 && (
        <div class="tell" role="alert" data-testid="request-missing">
          <p>{rt(lang, 'tellMissing')}</p>
          <ul>
            {missing.map((d) => (
              <li key={d.id}>{localized(lang, d.title)}</li>
            ))}
          </ul>
        </div>
      )}
      <ReceiptLinks lang={lang} id={view.id} autofocus />
      <div class="buttons">
        <button type="button" data-testid="request-close" onClick={props.close}>
          {rt(lang, 'close')} <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
