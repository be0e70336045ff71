// A sub-service's information package: documents, steps, duration, fees and who is responsible.
import { durationText, type Lang, localDigits, localized, type ServiceSummary } from '@nobat/protocol';
import { t } from './i18n.ts';

export function Info(props: { lang: Lang; service: ServiceSummary; back: () => void }) {
  const { lang, service } = props;
  const i = service.info;
  return (
    <section class="info" data-testid="info-page">
      <h2 class="service-title">{localized(lang, service.title)}</h2>
      <h3>{t(lang, 'documents')}</h3>
      <ul>
        {i.requiredDocuments.map((d) => (
          <li key={d.id}>{localized(lang, d.title)}</li>
        ))}
      </ul>
      <h3>{t(lang, 'steps')}</h3>
      <ol>
        {i.steps.map((x, n) => (
          // A step given in Persian only stays Persian (and right to left) on the English screen.
          <li key={`${n}`}>
            <bdi>{localized(lang, x)}</bdi>
          </li>
        ))}
      </ol>
      <h3>{t(lang, 'duration')}</h3>
      <p data-testid="info-duration">{durationText(lang, i.averageDuration.value, i.averageDuration.unit)}</p>
      <h3>{t(lang, 'fees')}</h3>
      {i.fees.length === 0 ? (
        <p>{t(lang, 'free')}</p>
      ) : (
        <ul>
          {i.fees.map((f, n) => (
            <li key={`${n}`} data-testid="info-fee">
              <bdi>{localized(lang, f.title)}</bdi>:{' '}
              {f.amountRials ? `${localDigits(lang, f.amountRials)} ${t(lang, 'rials')}` : '—'} (
              <bdi>{localized(lang, f.legalBasis)}</bdi>)
            </li>
          ))}
        </ul>
      )}
      <h3>{t(lang, 'responsible')}</h3>
      <p>
        <bdi>{localized(lang, i.responsible.name)}</bdi> — <bdi>{localized(lang, i.responsible.post)}</bdi>
        {i.responsible.phone && (
          <>
            {' — '}
            <bdi dir="ltr">{localDigits(lang, i.responsible.phone)}</bdi>
          </>
        )}
      </p>
      <nav class="actions">
        <button type="button" class="primary" onClick={props.back}>
          {t(lang, 'back')}
        </button>
      </nav>
    </section>
  );
}
