// [T8] The current ticket's required documents: the clerk ticks what was brought, the rest is
// recorded as missing and told to the visitor.
import { type Lang, localized, type ServiceSummary, type StaffTicket } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { t } from './i18n.ts';
import { labelOf } from './keys.ts';

/** [T8] The current ticket's required documents: the clerk ticks what was brought, the rest is missing. */
export function Documents(props: {
  lang: Lang;
  ticket: StaffTicket;
  service: ServiceSummary | undefined;
  fieldset: { current: HTMLFieldSetElement | null };
  record: (brought: string[]) => void;
}) {
  const { lang, ticket } = props;
  const required = props.service?.info.requiredDocuments ?? [];
  const [brought, setBrought] = useState<Set<string>>(
    () =>
      new Set(
        ticket.missingDocuments ? required.map((d) => d.id).filter((id) => !ticket.missingDocuments?.includes(id)) : [],
      ),
  );
  const missing = ticket.missingDocuments && required.filter((d) => ticket.missingDocuments?.includes(d.id));
  return (
    <section class="documents" data-testid="documents">
      <h2>
        {t(lang, 'documents')} <kbd>{labelOf('documents')}</kbd>
      </h2>
      {required.length === 0 ? (
        <p>{t(lang, 'noDocuments')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.record([...brought]);
          }}
        >
          <fieldset ref={props.fieldset}>
            {required.map((d) => (
              <label key={d.id}>
                <input
                  type="checkbox"
                  data-testid={`doc-${d.id}`}
                  checked={brought.has(d.id)}
                  onChange={(e) => {
                    const next = new Set(brought);
                    if ((e.currentTarget as HTMLInputElement).checked) next.add(d.id);
                    else next.delete(d.id);
                    setBrought(next);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      props.record([...brought]);
                    }
                  }}
                />
                {localized(lang, d.title)}
              </label>
            ))}
          </fieldset>
          <button type="submit" data-testid="record-documents">
            {t(lang, 'recordDocuments')}
          </button>
        </form>
      )}
      {!ticket.missingDocuments && required.length > 0 && <p class="muted">{t(lang, 'documentsNotChecked')}</p>}
      {missing && missing.length === 0 && required.length > 0 && (
        <p class="ok" data-testid="documents-complete">
          {t(lang, 'documentsComplete')}
        </p>
      )}
      {missing && missing.length > 0 && (
        <div class="tell" role="alert" data-testid="missing-documents">
          <p>{t(lang, 'tellVisitor')}</p>
          <ul>
            {missing.map((d) => (
              <li key={d.id}>{localized(lang, d.title)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
