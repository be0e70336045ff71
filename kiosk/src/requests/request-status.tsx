// [RQ16] The visitor's request status on their phone (/r/<tracking code>, printed on the receipt):
// with the applicant's national ID it shows the sub-service and branch, the stage and since when,
// an inquiry to another agency, what to bring when it came back to the desk, the history, the
// promised date, and the response to download once it is issued.
import { type Lang, localized, type RequestStatus } from '@nobat/protocol';
import { useState } from 'preact/hooks';
import { responseFile, statusOf } from './api.ts';
import {
  codeOf,
  codeText,
  dayText,
  historyText,
  momentText,
  nationalIdOf,
  refusalText,
  stageIndex,
  stageText,
} from './status.ts';
import { type StatusWord, sw } from './words.ts';
import './requests.css';

export function RequestStatusPage(props: { code: string; lang: Lang; setLang: (l: Lang) => void }) {
  const { lang } = props;
  const [typedCode, setTypedCode] = useState(props.code);
  const [typedId, setTypedId] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [asked, setAsked] = useState<{ code: string; nationalId: string } | null>(null);
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const fromAddress = codeOf(props.code);
  const code = codeOf(typedCode);
  const nationalId = nationalIdOf(typedId);

  const ask = async (who: { code: string; nationalId: string }) => {
    setBusy(true);
    setError('');
    try {
      setStatus(await statusOf(who.code, who.nationalId));
      setAsked(who);
      // The address names the request (a bookmark comes back to it); never the national ID.
      if (location.pathname !== `/r/${who.code}`) history.replaceState(null, '', `/r/${who.code}${location.search}`);
    } catch (err) {
      setError(refusalText(lang, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="rq">
      <header class="bar">
        <h1>{sw(lang, 'title')}</h1>
        <button
          type="button"
          class="lang"
          data-testid="language"
          onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}
        >
          {sw(lang, 'language')}
        </button>
      </header>
      <main>
        {status && asked ? (
          <StatusView
            lang={lang}
            status={status}
            nationalId={asked.nationalId}
            busy={busy}
            refresh={() => void ask(asked)}
            another={() => {
              setStatus(null);
              setAsked(null);
              setTypedId('');
              setTypedCode('');
              setTouched(false);
            }}
          />
        ) : (
          <form
            class="rq-ask"
            data-testid="rq-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setTouched(true);
              if (code && nationalId && !busy) void ask({ code, nationalId });
            }}
          >
            <p>{sw(lang, 'intro')}</p>
            {fromAddress && typedCode === props.code ? (
              <p class="rq-code-given">
                {sw(lang, 'code')}:{' '}
                <b dir="ltr" data-testid="rq-code-given">
                  {codeText(lang, fromAddress)}
                </b>
              </p>
            ) : (
              <label>
                {sw(lang, 'code')}
                <input
                  data-testid="rq-code"
                  inputMode="numeric"
                  autoComplete="off"
                  dir="ltr"
                  maxLength={20}
                  value={typedCode}
                  aria-invalid={touched && !code ? 'true' : undefined}
                  aria-describedby={touched && !code ? 'rq-code-error' : undefined}
                  onInput={(e) => setTypedCode(e.currentTarget.value)}
                />
                {touched && !code && (
                  <span class="field-error" id="rq-code-error" data-testid="rq-code-error">
                    {sw(lang, 'badCode')}
                  </span>
                )}
              </label>
            )}
            <label>
              {sw(lang, 'nationalId')}
              <input
                data-testid="rq-national-id"
                inputMode="numeric"
                autoComplete="off"
                dir="ltr"
                maxLength={14}
                value={typedId}
                aria-invalid={touched && !nationalId ? 'true' : undefined}
                aria-describedby={touched && !nationalId ? 'rq-national-id-error' : undefined}
                onInput={(e) => setTypedId(e.currentTarget.value)}
              />
              {touched && !nationalId && (
                <span class="field-error" id="rq-national-id-error" data-testid="rq-national-id-error">
                  {sw(lang, 'badNationalId')}
                </span>
              )}
            </label>
            <button type="submit" class="primary" data-testid="rq-show" disabled={busy}>
              {sw(lang, busy ? 'asking' : 'show')}
            </button>
          </form>
        )}
        {error && (
          <p class="rq-error" role="alert" data-testid="rq-error">
            {error}
          </p>
        )}
      </main>
    </div>
  );
}

function StatusView(props: {
  lang: Lang;
  status: RequestStatus;
  nationalId: string;
  busy: boolean;
  refresh: () => void;
  another: () => void;
}) {
  const { lang, status } = props;
  const stage = stageIndex(status);
  const current = status.current;
  return (
    <section class="rq-status" data-testid="rq-status" data-state={status.state}>
      <p class="rq-service" data-testid="rq-service">
        {localized(lang, status.serviceTitle)}
      </p>
      <p class="rq-branch">{localized(lang, status.branchName)}</p>
      <p class="rq-code" dir="ltr" data-testid="rq-code-shown">
        {codeText(lang, status.code)}
      </p>
      <div class="rq-state" data-testid="rq-state">
        <p class="rq-headline">{sw(lang, `state_${status.state}` as StatusWord)}</p>
        {current && (
          <>
            <p data-testid="rq-stage">
              {stage !== null && <b>{stageText(lang, stage, status.stepCount)}: </b>}
              {current.title}
            </p>
            <p class="rq-since">
              {sw(lang, 'since')} {momentText(lang, current.since)}
            </p>
            {current.inquiry && (
              <p class="rq-inquiry" data-testid="rq-inquiry">
                {sw(lang, 'inquiry')}
              </p>
            )}
          </>
        )}
      </div>
      {status.state === 'returned' && <Returned lang={lang} status={status} />}
      {status.responseReady && (
        <Download lang={lang} code={status.code} nationalId={props.nationalId} done={props.refresh} />
      )}
      <dl class="rq-facts">
        <dt>{sw(lang, 'promised')}</dt>
        <dd data-testid="rq-promised">{dayText(lang, status.promisedDate)}</dd>
        <dt>{sw(lang, 'createdAt')}</dt>
        <dd>{momentText(lang, status.createdAt)}</dd>
      </dl>
      <h2>{sw(lang, 'history')}</h2>
      <ol class="rq-history" data-testid="rq-history" reversed>
        {[...status.history].reverse().map((h, i) => (
          <li key={`${h.at}-${status.history.length - i}`} data-type={h.type}>
            <span>{historyText(lang, h)}</span>
            <time dateTime={h.at}>{momentText(lang, h.at)}</time>
          </li>
        ))}
      </ol>
      <nav class="rq-actions">
        <button type="button" class="secondary" disabled={props.busy} onClick={props.refresh}>
          {sw(lang, 'refresh')}
        </button>
        <button type="button" class="secondary" data-testid="rq-another" onClick={props.another}>
          {sw(lang, 'otherRequest')}
        </button>
      </nav>
    </section>
  );
}

/** Back at the desk: why, and what to bring (the reason is the last return's). */
function Returned(props: { lang: Lang; status: RequestStatus }) {
  const { lang, status } = props;
  const reason = [...status.history].reverse().find((h) => h.type === 'returned')?.text;
  return (
    <section class="rq-returned" role="alert" data-testid="rq-returned">
      {reason && (
        <p>
          <b>{sw(lang, 'returnedReason')}:</b> {reason}
        </p>
      )}
      {status.missingDocuments.length > 0 && (
        <>
          <p>
            <b>{sw(lang, 'bring')}</b>
          </p>
          <ul data-testid="rq-bring">
            {status.missingDocuments.map((d) => (
              <li key={d.fa}>{localized(lang, d)}</li>
            ))}
          </ul>
        </>
      )}
      <p>{sw(lang, 'bringHint')}</p>
    </section>
  );
}

/** The response notice as a PDF: fetched with the code and national ID, then saved by the phone. */
function Download(props: { lang: Lang; code: string; nationalId: string; done: () => void }) {
  const { lang } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const download = async () => {
    setBusy(true);
    setError('');
    try {
      const blob = await responseFile(props.code, props.nationalId, lang);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `response-${props.code}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      // Downloading delivers it: the page shows it so.
      props.done();
    } catch (err) {
      setError(refusalText(lang, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="rq-download">
      <button type="button" class="primary" data-testid="rq-download" disabled={busy} onClick={() => void download()}>
        {sw(lang, busy ? 'downloading' : 'download')}
      </button>
      {error && (
        <p class="rq-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
