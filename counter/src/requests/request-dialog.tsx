// [RQ3] A request from a visit the counter could not finish: the applicant (name, national ID checked
// by its check digit, mobile), the sub-service (the ticket's by default; only those with a workflow),
// the documents received (ticked as recorded at intake, T8) and notes. Once made: the tracking code,
// the promised date, and the receipt to print.
import { ApiError, say } from '@nobat/client';
import { Banner, Field, Modal } from '@nobat/client/preact';
import {
  type Lang,
  localDigits,
  localized,
  normalizeMobile,
  type RequestView,
  type ServiceSummary,
  toAsciiDigits,
} from '@nobat/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createRequest, requestOfTicket, ticketTracking } from './api.ts';
import {
  type ApplicantField,
  applicantProblems,
  prefillBrought,
  requestErrorText,
  workflowServices,
} from './format.ts';
import { RequestMade } from './request-made.tsx';
import { rt } from './words.ts';
import './requests.css';

/** The visit a request is made from. `missingDocuments` undefined: not known here, read from the ticket. */
export interface Visit {
  ticketId: string;
  number: string;
  serviceId: string;
  missingDocuments?: string[] | null;
}

export function RequestDialog(props: {
  lang: Lang;
  visit: Visit;
  services: Map<string, ServiceSummary>;
  close: () => void;
  onExpired: () => void;
}) {
  const { lang, visit } = props;
  const choices = useMemo(() => workflowServices(props.services.values()), [props.services]);
  const [fullName, setFullName] = useState('');
  const [nationalId, setNationalId] = useState('');
  const [mobile, setMobile] = useState('');
  const [serviceId, setServiceId] = useState(() =>
    choices.some((s) => s.id === visit.serviceId) ? visit.serviceId : '',
  );
  const [missing, setMissing] = useState<string[] | null | undefined>(visit.missingDocuments);
  const [brought, setBrought] = useState<Set<string> | null>(null);
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState<Partial<Record<ApplicantField, boolean>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [made, setMade] = useState<{ view: RequestView; fresh: boolean } | null>(null);

  // From the day's list, the intake record is the ticket's: read it (its missing documents by title).
  useEffect(() => {
    if (missing !== undefined) return;
    const own = props.services.get(visit.serviceId)?.info.requiredDocuments ?? [];
    ticketTracking(visit.ticketId).then(
      (t) =>
        setMissing(
          t.missingDocuments === null
            ? null
            : own.filter((d) => t.missingDocuments?.some((m) => m.fa === d.title.fa)).map((d) => d.id),
        ),
      () => setMissing(null),
    );
  }, [visit.ticketId]);

  const service = props.services.get(serviceId);
  const required = service?.info.requiredDocuments ?? [];
  // [T8] Ticked first: what intake recorded as brought (documents on both lists); the clerk's ticks after.
  const intake = props.services.get(visit.serviceId)?.info.requiredDocuments ?? [];
  const ticked =
    brought ?? new Set(prefillBrought(intake, missing ?? null).filter((id) => required.some((d) => d.id === id)));
  const problems = applicantProblems({ fullName, nationalId, mobile, serviceId });
  const shown = (f: ApplicantField) => (touched[f] && problems[f] ? rt(lang, problems[f]) : null);

  const submit = async () => {
    setTouched({ fullName: true, nationalId: true, mobile: true, serviceId: true });
    if (busy || Object.keys(problems).length > 0) return;
    setBusy(true);
    setError('');
    try {
      const view = await createRequest({
        ticketId: visit.ticketId,
        serviceId,
        applicant: {
          fullName: fullName.trim(),
          nationalId: toAsciiDigits(nationalId.trim()),
          mobile: normalizeMobile(mobile) ?? mobile,
        },
        brought: required.map((d) => d.id).filter((id) => ticked.has(id)),
        notes: notes.trim(),
      });
      setMade({ view, fresh: true });
    } catch (err) {
      if (err instanceof ApiError && err.unauthenticated) return props.onExpired();
      // Made already (here a moment ago, or by a colleague): show that one, with its receipt.
      if (err instanceof ApiError && err.code === 'ticket-has-request') {
        const view = await requestOfTicket(visit.ticketId).catch(() => null);
        if (view) return setMade({ view, fresh: false });
      }
      setError(requestErrorText(lang, err));
    } finally {
      setBusy(false);
    }
  };

  const title = `${rt(lang, made ? (made.fresh ? 'created' : 'alreadyMade') : 'makeRequestTitle')} — ${rt(lang, 'forTicket')} ${localDigits(lang, visit.number)}`;
  return (
    <Modal title={title} onClose={props.close} closeLabel={say(lang, 'close')} wide testId="request-dialog">
      {made ? (
        <RequestMade lang={lang} view={made.view} services={props.services} close={props.close} />
      ) : (
        <form
          class="request-form"
          data-testid="request-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {choices.length === 0 && (
            <Banner tone="warn" testId="request-no-workflow">
              {rt(lang, 'noWorkflowServices')}
            </Banner>
          )}
          <fieldset class="applicant">
            <legend>{rt(lang, 'applicant')}</legend>
            <Field label={rt(lang, 'fullName')} error={shown('fullName')}>
              {(control) => (
                <input
                  {...control}
                  data-autofocus
                  data-testid="request-full-name"
                  autoComplete="off"
                  maxLength={200}
                  value={fullName}
                  onInput={(e) => setFullName(e.currentTarget.value)}
                  onBlur={() => setTouched((t) => ({ ...t, fullName: true }))}
                />
              )}
            </Field>
            <Field label={rt(lang, 'nationalId')} error={shown('nationalId')}>
              {(control) => (
                <input
                  {...control}
                  data-testid="request-national-id"
                  inputMode="numeric"
                  autoComplete="off"
                  dir="ltr"
                  maxLength={14}
                  value={nationalId}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setNationalId(v);
                    // Said as soon as the tenth digit is in, not only on leaving the field.
                    if (toAsciiDigits(v).replace(/\D/g, '').length >= 10)
                      setTouched((t) => ({ ...t, nationalId: true }));
                  }}
                  onBlur={() => setTouched((t) => ({ ...t, nationalId: true }))}
                />
              )}
            </Field>
            <Field label={rt(lang, 'mobile')} error={shown('mobile')}>
              {(control) => (
                <input
                  {...control}
                  data-testid="request-mobile"
                  inputMode="tel"
                  autoComplete="off"
                  dir="ltr"
                  maxLength={20}
                  value={mobile}
                  onInput={(e) => setMobile(e.currentTarget.value)}
                  onBlur={() => setTouched((t) => ({ ...t, mobile: true }))}
                />
              )}
            </Field>
          </fieldset>
          <Field label={rt(lang, 'subService')} error={shown('serviceId')}>
            {(control) => (
              <select
                {...control}
                data-testid="request-service"
                value={serviceId}
                onChange={(e) => {
                  setServiceId(e.currentTarget.value);
                  setBrought(null);
                  setTouched((t) => ({ ...t, serviceId: true }));
                }}
              >
                <option value="">{rt(lang, 'choose')}</option>
                {choices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localized(lang, s.title)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {service && (
            <fieldset class="request-documents" data-testid="request-documents">
              <legend>{rt(lang, 'documentsReceived')}</legend>
              {required.length === 0 ? (
                <p class="muted">{rt(lang, 'noDocuments')}</p>
              ) : (
                <>
                  {required.map((d) => (
                    <label key={d.id}>
                      <input
                        type="checkbox"
                        data-testid={`request-doc-${d.id}`}
                        checked={ticked.has(d.id)}
                        onChange={(e) => {
                          const next = new Set(ticked);
                          if (e.currentTarget.checked) next.add(d.id);
                          else next.delete(d.id);
                          setBrought(next);
                        }}
                      />
                      {localized(lang, d.title)}
                    </label>
                  ))}
                  <p class="muted">{rt(lang, 'documentsHint')}</p>
                </>
              )}
            </fieldset>
          )}
          <Field label={rt(lang, 'notes')}>
            {(control) => (
              <textarea
                {...control}
                data-testid="request-notes"
                rows={2}
                maxLength={2000}
                value={notes}
                onInput={(e) => setNotes(e.currentTarget.value)}
              />
            )}
          </Field>
          {error && (
            <Banner tone="error" testId="request-error">
              {error}
            </Banner>
          )}
          <div class="buttons">
            <button type="submit" class="primary" data-testid="request-submit" disabled={busy}>
              {rt(lang, 'submit')}
            </button>
            <button type="button" onClick={props.close}>
              {rt(lang, 'cancel')} <kbd>Esc</kbd>
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
