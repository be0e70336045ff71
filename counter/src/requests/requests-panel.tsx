// The desk's requests panel (key L): the branch's requests returned to the desk and those with a
// response to deliver, a search by tracking code (any digits, with or without dashes), and the one
// opened with what the desk may do with it.
import type { Lang, RequestSummary, ServiceSummary } from '@nobat/protocol';
import { localDigits, localized } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { codeText, dayText, stateText } from './format.ts';
import { RequestDetail } from './request-detail.tsx';
import { useRequests } from './use-requests.ts';
import { type RequestWord, rt } from './words.ts';
import './requests.css';

export function RequestsPanel(props: {
  lang: Lang;
  services: Map<string, ServiceSummary>;
  onError: (err: unknown) => void;
  onExpired: () => void;
}) {
  const { lang } = props;
  const r = useRequests(props.onError);
  const [typed, setTyped] = useState('');
  const list = (testId: string, title: RequestWord, items: RequestSummary[] | null, empty: RequestWord) => (
    <section class="request-list" data-testid={testId}>
      <h2>
        {rt(lang, title)}
        {items && ` (${localDigits(lang, items.length)})`}
      </h2>
      {items && items.length === 0 && <p class="muted">{rt(lang, empty)}</p>}
      <ul>
        {items?.map((x) => (
          <li key={x.id}>
            <button
              type="button"
              class={r.open?.id === x.id ? 'chosen' : ''}
              aria-pressed={r.open?.id === x.id}
              data-testid={`request-${x.code}`}
              onClick={() => void r.show(x.id)}
            >
              <b dir="ltr">{codeText(lang, x.code)}</b>
              <bdi>{x.applicantName}</bdi>
              <small>
                {localized(lang, x.serviceTitle)} — {stateText(lang, x.state)} — {rt(lang, 'promisedDate')}:{' '}
                {dayText(lang, x.promisedDate)}
              </small>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
  const found = r.found;
  return (
    <main class="requests-view" data-testid="requests-view">
      <div class="request-lists">
        <form
          class="request-find"
          onSubmit={(e) => {
            e.preventDefault();
            void r.find(typed);
          }}
        >
          <label>
            {rt(lang, 'findLabel')}
            <input
              data-testid="request-find"
              dir="auto"
              autoComplete="off"
              maxLength={40}
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-testid="request-find-go">
            {rt(lang, 'find')}
          </button>
          <button type="button" onClick={() => void r.reload()}>
            {rt(lang, 'refresh')}
          </button>
        </form>
        {found && 'problem' in found && (
          <p class="error" role="alert" data-testid="request-find-problem">
            {rt(lang, found.problem)}
          </p>
        )}
        {found && 'list' in found && list('request-found', 'found', found.list, 'nothingFound')}
        {list('requests-returned', 'returnedList', r.returned, 'nothingHere')}
        {list('requests-responded', 'respondedList', r.responded, 'nothingHere')}
      </div>
      {r.open ? (
        <RequestDetail
          key={r.open.id}
          lang={lang}
          view={r.open}
          services={props.services}
          onMoved={r.moved}
          reread={() => r.open && void r.show(r.open.id)}
          onExpired={props.onExpired}
        />
      ) : (
        <section class="request-detail empty">
          <p class="muted">{rt(lang, 'pickOne')}</p>
        </section>
      )}
    </main>
  );
}
