// A request as staff see it (issue 16 point 2–3): the applicant, the documents brought and missing,
// the desk's notes, the workflow with the current step marked and each step's agreed time, the whole
// history, the moves the user may make now, the response notice once issued, and the receipt and
// response PDFs. A change made elsewhere ('request:changed' with a newer version) shows at once.
import { formatDateTime, isoDateText } from '@nobat/client';
import { Banner, buttonClass } from '@nobat/client/preact';
import {
  durationText,
  type Lang,
  localDigits,
  localized,
  type Message,
  type RequestMove,
  type RequestView,
  type SessionUser,
} from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { Link } from '../router.tsx';
import { PageHead } from '../shell.tsx';
import { receiptUrl, requestsApi, responseUrl } from './api.ts';
import { useRequestChanges } from './live.ts';
import { actorText, codeText, eventLine, isOverdue, requestErrorText, statusText, stepMarks } from './model.ts';
import { MovesPanel } from './moves.tsx';
import { Overdue, useNow } from './table.tsx';
import { STATE_TEXT, t } from './words.ts';
import './requests.css';

type Notice = { tone: 'success' | 'warn'; text: Message };

export function RequestPage(props: { lang: Lang; user: SessionUser; id: string }) {
  const { lang, user, id } = props;
  const loaded = useLoad(() => requestsApi.get(id), [id]);
  // The latest view: a move's answer, else the loaded one.
  const [moved, setMoved] = useState<RequestView | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const view = moved && loaded.data && moved.version >= loaded.data.version ? moved : loaded.data;

  const reload = (say?: Notice) => {
    setMoved(null);
    setNotice(say ?? null);
    loaded.reload();
  };
  useRequestChanges(view?.branchId ?? user.branchId, (s) => {
    if (s.id === id && view && s.version > view.version) reload({ tone: 'warn', text: both('changedMeanwhile') });
  });

  if (loaded.error !== null && !view) {
    return (
      <>
        <PageHead title={t(lang, 'navRequests')} />
        <Banner tone="error" testId="request-error">
          <p>{requestErrorText(lang, loaded.error)}</p>
        </Banner>
        <BackLink lang={lang} user={user} branchId={null} />
      </>
    );
  }
  if (!view) return <p class="muted">…</p>;

  const onMoved = (v: RequestView, move: RequestMove) => {
    setMoved(v);
    setNotice({ tone: 'success', text: both(`did-${move}`) });
  };
  const onStale = () => reload({ tone: 'warn', text: both('changedMeanwhile') });

  return (
    <div class="rq-page rq-request" data-testid="request-page" data-version={view.version} data-state={view.state}>
      <PageHead
        // The code reads left to right inside Persian text (an isolate: U+2066 … U+2069).
        title={t(lang, 'requestTitle', { code: `\u2066${codeText(lang, view.code)}\u2069` })}
        actions={<BackLink lang={lang} user={user} branchId={view.branchId} />}
      />
      {notice && (
        <Banner tone={notice.tone} testId="request-notice">
          <p>{notice.text[lang]}</p>
        </Banner>
      )}
      {loaded.error !== null && <LoadFailed lang={lang} error={loaded.error} onReload={() => reload()} />}
      <Summary lang={lang} view={view} />
      <MovesPanel lang={lang} user={user} view={view} onMoved={onMoved} onStale={onStale} />
      <div class="rq-grid">
        <Applicant lang={lang} view={view} />
        <Documents lang={lang} view={view} />
      </div>
      <Workflow lang={lang} view={view} />
      {view.response && <Response lang={lang} view={view} />}
      <Files lang={lang} view={view} />
      <History lang={lang} view={view} />
    </div>
  );
}

const both = (w: Parameters<typeof t>[1]): Message => ({ fa: t('fa', w), en: t('en', w) });

function BackLink(props: { lang: Lang; user: SessionUser; branchId: string | null }) {
  const { lang, user } = props;
  if (user.role === 'officer') {
    return (
      <Link to="/inbox" class={buttonClass('secondary', true)} data-testid="back">
        {t(lang, 'backToInbox')}
      </Link>
    );
  }
  const branch = props.branchId ?? user.branchId;
  if (!branch) return null;
  return (
    <Link
      to={`/branches/${encodeURIComponent(branch)}/requests`}
      class={buttonClass('secondary', true)}
      data-testid="back"
    >
      {t(lang, 'backToList')}
    </Link>
  );
}

/** Where the request is: its state, the sub-service, the step and its status, since and due, the promised day. */
function Summary(props: { lang: Lang; view: RequestView }) {
  const { lang, view } = props;
  const now = useNow();
  const cur = view.current;
  return (
    <section class="card form-section rq-summary" aria-label={t(lang, 'status')} data-testid="request-summary">
      <div class="row">
        <span class={`rq-state rq-state--${view.state}`} data-testid="request-state">
          {STATE_TEXT[view.state][lang]}
        </span>
        <strong>{localized(lang, view.serviceTitle)}</strong>
      </div>
      <dl class="facts">
        {cur && (
          <>
            <dt>{t(lang, 'current')}</dt>
            <dd data-testid="current-step">
              <bdi data-user-text>
                {cur.title} — {cur.unit}
                {cur.post ? ` (${cur.post})` : ''}
              </bdi>
            </dd>
            <dt>{t(lang, 'status')}</dt>
            <dd data-testid="current-status">
              {statusText(lang, cur)}
              {cur.inquiry && (
                <>
                  {' — '}
                  {t(lang, 'inquiryWaiting')}: <bdi data-user-text>{cur.inquiry.agency}</bdi>
                </>
              )}
            </dd>
            <dt>{t(lang, 'since')}</dt>
            <dd>{formatDateTime(lang, cur.since)}</dd>
            <dt>{t(lang, 'due')}</dt>
            <dd>
              {formatDateTime(lang, cur.dueAt)} {isOverdue(view, now) && <Overdue lang={lang} />}
            </dd>
          </>
        )}
        <dt>{t(lang, 'created')}</dt>
        <dd>{formatDateTime(lang, view.createdAt)}</dd>
        <dt>{t(lang, 'promised')}</dt>
        <dd data-testid="promised-date">{isoDateText(lang, view.promisedDate)}</dd>
        {view.respondedAt && (
          <>
            <dt>{t(lang, 'respondedAt')}</dt>
            <dd>{formatDateTime(lang, view.respondedAt)}</dd>
          </>
        )}
        {view.deliveredAt && (
          <>
            <dt>{t(lang, 'deliveredAt')}</dt>
            <dd>{formatDateTime(lang, view.deliveredAt)}</dd>
          </>
        )}
        {view.returnedReason && (
          <>
            <dt>{t(lang, 'returnedReason')}</dt>
            <dd data-user-text>
              <bdi>{view.returnedReason}</bdi>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Applicant(props: { lang: Lang; view: RequestView }) {
  const { lang, view } = props;
  const a = view.applicant;
  return (
    <section class="card form-section" aria-labelledby="rq-applicant" data-testid="request-applicant">
      <h2 id="rq-applicant">{t(lang, 'applicant')}</h2>
      <dl class="facts">
        <dt>{t(lang, 'fullName')}</dt>
        <dd data-user-text>
          <bdi>{a.fullName}</bdi>
        </dd>
        <dt>{t(lang, 'nationalId')}</dt>
        <dd>
          <bdi dir="ltr">{localDigits(lang, a.nationalId)}</bdi>
        </dd>
        <dt>{t(lang, 'mobile')}</dt>
        <dd>
          <bdi dir="ltr">{localDigits(lang, a.mobile)}</bdi>
        </dd>
        <dt>{t(lang, 'ticket')}</dt>
        <dd>
          <bdi dir="ltr">{localDigits(lang, view.ticketNumber)}</bdi>
        </dd>
        <dt>{t(lang, 'handedAt')}</dt>
        <dd>{view.handedAt ? formatDateTime(lang, view.handedAt) : '—'}</dd>
      </dl>
      <h3 class="small-heading">{t(lang, 'notes')}</h3>
      <p data-user-text data-testid="request-notes" class={view.notes ? undefined : 'muted'}>
        {view.notes ? <bdi>{view.notes}</bdi> : t(lang, 'noNotes')}
      </p>
    </section>
  );
}

/** The documents received and missing, by their titles in the sub-service's list (the id if it is gone). */
function Documents(props: { lang: Lang; view: RequestView }) {
  const { lang, view } = props;
  const services = useLoad(() => requestsApi.services(view.branchId), [view.branchId]);
  const list = services.data?.find((s) => s.id === view.serviceId)?.info.requiredDocuments ?? [];
  const title = (id: string) => {
    const d = list.find((x) => x.id === id);
    return d ? localized(lang, d.title) : id;
  };
  const items = (ids: string[], testId: string) =>
    ids.length === 0 ? (
      <p class="muted" data-testid={testId}>
        {t(lang, 'noDocuments')}
      </p>
    ) : (
      <ul class="rq-docs" data-testid={testId}>
        {ids.map((id) => (
          <li key={id}>{title(id)}</li>
        ))}
      </ul>
    );
  return (
    <section class="card form-section" aria-labelledby="rq-docs" data-testid="request-documents">
      <h2 id="rq-docs">{t(lang, 'documents')}</h2>
      <h3 class="small-heading">{t(lang, 'brought')}</h3>
      {items(view.brought, 'docs-brought')}
      <h3 class="small-heading">{t(lang, 'missing')}</h3>
      {items(view.missing, 'docs-missing')}
    </section>
  );
}

function Workflow(props: { lang: Lang; view: RequestView }) {
  const { lang, view } = props;
  const marks = stepMarks(view);
  return (
    <section class="card form-section" aria-labelledby="rq-workflow" data-testid="request-workflow">
      <h2 id="rq-workflow">{t(lang, 'workflow')}</h2>
      <div class="ui-table-wrap">
        <table class="ui-table">
          <caption class="sr-only">{t(lang, 'workflow')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t(lang, 'step')}</th>
              <th scope="col">{t(lang, 'unit')}</th>
              <th scope="col">{t(lang, 'post')}</th>
              <th scope="col">{t(lang, 'agreed')}</th>
              <th scope="col">{t(lang, 'status')}</th>
            </tr>
          </thead>
          <tbody>
            {view.steps.map((s, i) => {
              const mark = marks[i];
              const current = mark === 'current';
              return (
                <tr
                  key={`${s.row}-${i}`}
                  class={`rq-step rq-step--${mark}`}
                  aria-current={current ? 'step' : undefined}
                  data-step={i}
                  data-mark={mark}
                >
                  <td>{localDigits(lang, i + 1)}</td>
                  <td>{s.title}</td>
                  <td>{current && view.current ? view.current.unit : s.unit}</td>
                  <td>{s.post}</td>
                  <td>{durationText(lang, s.duration, s.durationUnit)}</td>
                  <td>
                    {mark === 'done' ? (
                      <span class="rq-mark rq-mark--done">{t(lang, 'done')}</span>
                    ) : current && view.current ? (
                      <span class="rq-mark rq-mark--current">
                        {t(lang, 'current')}: {statusText(lang, view.current)}
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Response(props: { lang: Lang; view: RequestView }) {
  const { lang } = props;
  const r = props.view.response;
  if (!r) return null;
  return (
    <section class="card form-section" aria-labelledby="rq-response" data-testid="request-response">
      <h2 id="rq-response">{t(lang, 'response')}</h2>
      <dl class="facts">
        <dt>{t(lang, 'responseNumber')}</dt>
        <dd>
          <bdi dir="ltr">{localDigits(lang, r.number)}</bdi>
        </dd>
        <dt>{t(lang, 'issuedAt')}</dt>
        <dd>{formatDateTime(lang, r.issuedAt)}</dd>
        <dt>{t(lang, 'legalBasis')}</dt>
        <dd data-user-text>
          <bdi>{r.legalBasis}</bdi>
        </dd>
        <dt>{t(lang, 'answer')}</dt>
        <dd data-user-text>
          <bdi>{r.answer}</bdi>
        </dd>
        <dt>{t(lang, 'appealTo')}</dt>
        <dd data-user-text>
          <bdi>{r.appealTo}</bdi>
        </dd>
        <dt>{t(lang, 'appealUntil')}</dt>
        <dd>{isoDateText(lang, r.appealUntil)}</dd>
        <dt>{t(lang, 'remarks')}</dt>
        <dd data-user-text>
          <bdi>{r.remarks || '—'}</bdi>
        </dd>
        <dt>{t(lang, 'issuer')}</dt>
        <dd data-user-text>
          <bdi>
            {r.issuer.name}
            {r.issuer.post ? ` — ${r.issuer.post}` : ''}
          </bdi>
        </dd>
      </dl>
    </section>
  );
}

function Files(props: { lang: Lang; view: RequestView }) {
  const { lang, view } = props;
  return (
    <section class="card form-section" aria-labelledby="rq-files" data-testid="request-files">
      <h2 id="rq-files">{t(lang, 'documentsTitle')}</h2>
      <div class="row">
        <a
          class={buttonClass('secondary')}
          href={receiptUrl(view.id, lang)}
          target="_blank"
          rel="noopener"
          data-testid="receipt-link"
        >
          {t(lang, 'receiptPdf')}
        </a>
        {view.response && (
          <a
            class={buttonClass('primary')}
            href={responseUrl(view.id, lang)}
            target="_blank"
            rel="noopener"
            data-testid="response-link"
          >
            {t(lang, 'responsePdf')}
          </a>
        )}
      </div>
    </section>
  );
}

function History(props: { lang: Lang; view: RequestView }) {
  const { lang, view } = props;
  const events = [...view.events].sort((a, b) => b.seq - a.seq);
  return (
    <section class="card form-section" aria-labelledby="rq-history" data-testid="request-history">
      <h2 id="rq-history">{t(lang, 'history')}</h2>
      <div class="ui-table-wrap">
        <table class="ui-table">
          <caption class="sr-only">{t(lang, 'history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'when')}</th>
              <th scope="col">{t(lang, 'who')}</th>
              <th scope="col">{t(lang, 'what')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const line = eventLine(lang, e, view.steps);
              return (
                <tr key={e.seq} data-event={e.type}>
                  <td class="nowrap">
                    <time dateTime={e.at}>{formatDateTime(lang, e.at)}</time>
                  </td>
                  <td data-user-text>
                    <bdi>{actorText(lang, e.by)}</bdi>
                  </td>
                  <td>
                    <span>{line.what}</span>
                    {line.detail && (
                      <p class="rq-detail" data-user-text>
                        <bdi>{line.detail}</bdi>
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
