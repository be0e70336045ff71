// One request opened at the desk: who, what, where it is, and what the desk may do with it now —
// [RQ13] send a returned request on again once the visitor brought what was missing (ticked here),
// [RQ12] deliver a response at the desk (its notice printed first), and print the receipt again.
import { ApiError } from '@nobat/client';
import { Banner } from '@nobat/client/preact';
import { type Lang, localDigits, localized, type RequestView, type ServiceSummary } from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { shortDateTime } from '../i18n.ts';
import { deliverAtDesk, resubmit } from './api.ts';
import { codeText, dayText, requestErrorText, responseUrl, stageText, stateText } from './format.ts';
import { ReceiptLinks } from './receipt-links.tsx';
import { type RequestWord, rt } from './words.ts';

export function RequestDetail(props: {
  lang: Lang;
  view: RequestView;
  services: Map<string, ServiceSummary>;
  /** The request as the server answered a move. */
  onMoved: (view: RequestView) => void;
  /** Read it again (it changed meanwhile). */
  reread: () => void;
  onExpired: () => void;
}) {
  const { lang, view } = props;
  const docs = props.services.get(view.serviceId)?.info.requiredDocuments ?? [];
  const missing = docs.filter((d) => view.missing.includes(d.id));
  const [brought, setBrought] = useState<Set<string>>(() => new Set(view.brought));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  // A new version (a move here or elsewhere): the ticks start again from what it holds now.
  useEffect(() => {
    setBrought(new Set(view.brought));
    setNote('');
  }, [view.version]);

  const run = async (work: () => Promise<RequestView>, done: RequestWord) => {
    if (busy) return;
    setBusy(true);
    setSaid(null);
    try {
      const next = await work();
      setSaid({ tone: 'success', text: rt(lang, done) });
      props.onMoved(next);
    } catch (err) {
      if (err instanceof ApiError && err.unauthenticated) return props.onExpired();
      setSaid({ tone: 'error', text: requestErrorText(lang, err) });
      if (err instanceof ApiError && err.code === 'stale-request') props.reread();
    } finally {
      setBusy(false);
    }
  };

  const current = view.current;
  return (
    <section class="request-detail" data-testid="request-detail" data-request-id={view.id} data-state={view.state}>
      <header>
        <p class="tracking-code" dir="ltr" data-testid="detail-code">
          {codeText(lang, view.code)}
        </p>
        <p class="state" data-testid="detail-state">
          {stateText(lang, view.state)}
        </p>
      </header>
      <dl class="request-facts">
        <dt>{rt(lang, 'applicant')}</dt>
        <dd>
          <bdi>{view.applicant.fullName}</bdi> — <span dir="ltr">{localDigits(lang, view.applicant.nationalId)}</span> —{' '}
          <span dir="ltr">{localDigits(lang, view.applicant.mobile)}</span>
        </dd>
        <dt>{rt(lang, 'subService')}</dt>
        <dd>{localized(lang, view.serviceTitle)}</dd>
        <dt>{rt(lang, 'createdAt')}</dt>
        <dd>
          {shortDateTime(lang, view.createdAt)} — {rt(lang, 'forTicket')} {localDigits(lang, view.ticketNumber)}
        </dd>
        <dt>{rt(lang, 'promisedDate')}</dt>
        <dd>{dayText(lang, view.promisedDate)}</dd>
        {current && (
          <>
            <dt>{stageText(lang, current.step, view.steps.length)}</dt>
            <dd>
              {current.title} — {current.unit} ({rt(lang, `step_${current.status}` as RequestWord)}) {rt(lang, 'since')}{' '}
              {shortDateTime(lang, current.since)}
              {current.overdue && <strong class="overdue"> — {rt(lang, 'overdue')}</strong>}
            </dd>
          </>
        )}
        {view.returnedReason && (
          <>
            <dt>{rt(lang, 'returnedReason')}</dt>
            <dd data-testid="detail-returned-reason">{view.returnedReason}</dd>
          </>
        )}
        {view.deliveredAt && (
          <>
            <dt>{rt(lang, 'deliveredAt')}</dt>
            <dd>
              {shortDateTime(lang, view.deliveredAt)}
              {view.deliveryChannel && ` — ${rt(lang, `channel_${view.deliveryChannel}` as RequestWord)}`}
            </dd>
          </>
        )}
        {missing.length > 0 && (
          <>
            <dt>{rt(lang, 'missingDocuments')}</dt>
            <dd>{missing.map((d) => localized(lang, d.title)).join('، ')}</dd>
          </>
        )}
      </dl>
      {said && (
        <Banner tone={said.tone} testId="detail-message">
          {said.text}
        </Banner>
      )}
      {view.state === 'returned' && (
        <form
          class="resubmit"
          data-testid="resubmit-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () =>
                resubmit(view.id, {
                  version: view.version,
                  note: note.trim(),
                  brought: docs.map((d) => d.id).filter((id) => brought.has(id)),
                }),
              'resubmitted',
            );
          }}
        >
          {docs.length > 0 && (
            <fieldset>
              <legend>{rt(lang, 'resubmitHint')}</legend>
              {docs.map((d) => (
                <label key={d.id}>
                  <input
                    type="checkbox"
                    data-testid={`resubmit-doc-${d.id}`}
                    checked={brought.has(d.id)}
                    onChange={(e) => {
                      const next = new Set(brought);
                      if (e.currentTarget.checked) next.add(d.id);
                      else next.delete(d.id);
                      setBrought(next);
                    }}
                  />
                  {localized(lang, d.title)}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {rt(lang, 'notes')}
            <input
              maxLength={2000}
              data-testid="resubmit-note"
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <div class="buttons">
            <button type="submit" class="primary" data-testid="resubmit" disabled={busy}>
              {rt(lang, 'resubmit')}
            </button>
          </div>
        </form>
      )}
      {view.state === 'responded' && (
        <div class="buttons">
          <a
            class="button-link"
            href={responseUrl(view.id, lang)}
            target="_blank"
            rel="noopener"
            data-testid="print-response"
          >
            {rt(lang, 'printResponse')}
          </a>
          <button
            type="button"
            class="primary"
            data-testid="deliver"
            disabled={busy}
            onClick={() => {
              if (confirm(rt(lang, 'confirmDeliver')))
                void run(() => deliverAtDesk(view.id, view.version), 'delivered');
            }}
          >
            {rt(lang, 'deliver')}
          </button>
        </div>
      )}
      {view.state === 'delivered' && view.response && (
        <div class="buttons">
          <a class="button-link" href={responseUrl(view.id, lang)} target="_blank" rel="noopener">
            {rt(lang, 'printResponse')}
          </a>
        </div>
      )}
      <ReceiptLinks lang={lang} id={view.id} />
    </section>
  );
}
