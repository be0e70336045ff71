// The visitor's satisfaction survey (/s/{ticket id}): جدول ۵ on a phone, the six axes as sections of
// radio groups, the header, the suggestion; a thank-you once sent, "already answered" after that.
import { protocolHeaders, reloadForUpgrade } from '@nobat/client';
import {
  jalaliDate,
  type Lang,
  localDigits,
  localized,
  SUGGESTION_MAX,
  SURVEY_AXES,
  SURVEY_EDUCATION,
  SURVEY_EDUCATION_LABEL,
  SURVEY_QUESTION_IDS,
  SURVEY_SCALE,
  SURVEY_TEXT,
  type SurveyForm,
  toAsciiDigits,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.ts';

const words = {
  send: { fa: 'ارسال نظر', en: 'Send' },
  sending: { fa: 'در حال ارسال…', en: 'Sending…' },
  thanks: { fa: 'از شما سپاسگزاریم. نظر شما ثبت شد.', en: 'Thank you. Your answer has been recorded.' },
  already: { fa: 'به نظرسنجی این نوبت قبلاً پاسخ داده شده است.', en: 'This ticket’s survey has already been answered.' },
  notOpen: {
    fa: 'نظرسنجی پس از پایان خدمت باز می‌شود.',
    en: 'The survey opens once your visit has ended.',
  },
  notFound: { fa: 'این نوبت پیدا نشد.', en: 'Ticket not found.' },
  ticket: { fa: 'نوبت', en: 'Ticket' },
  missing: { fa: 'لطفاً به همهٔ پرسش‌ها پاسخ دهید.', en: 'Please answer every question.' },
  failed: { fa: 'ارسال نشد. دوباره تلاش کنید.', en: 'Could not send. Please try again.' },
  optional: { fa: '(اختیاری)', en: '(optional)' },
  choose: { fa: 'انتخاب کنید', en: 'Choose' },
} as const;
const w = (lang: Lang, k: keyof typeof words) => words[k][lang];

type State = 'loading' | 'form' | 'thanks' | 'answered' | 'not-open' | 'missing';

/** A number typed in Persian or Latin digits, or undefined when empty or not a whole number. */
const whole = (s: string): number | undefined => {
  const a = toAsciiDigits(s.trim());
  return /^\d{1,3}$/.test(a) ? Number(a) : undefined;
};

export function Survey(props: {
  ticketId: string;
  lang: Lang;
  setLang: (l: Lang) => void;
  /** Called once the answer is sent (the counter's tablet then goes back to waiting). */
  onDone?: () => void;
}) {
  const { lang, ticketId } = props;
  const [state, setState] = useState<State>('loading');
  const [form, setForm] = useState<SurveyForm | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [header, setHeader] = useState({ sex: '', age: '', education: '', job: '', visits: '', suggestion: '' });
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const url = `/api/v1/tickets/${encodeURIComponent(ticketId)}/survey`;

  useEffect(() => {
    fetch(url, { headers: protocolHeaders(), cache: 'no-store' })
      .then(async (r) => {
        if (r.status === 426) reloadForUpgrade(); // [UP7]
        if (r.status === 200) {
          const f = (await r.json()) as SurveyForm;
          setForm(f);
          setState(f.answered ? 'answered' : 'form');
        } else setState(r.status === 409 ? 'not-open' : 'missing');
      })
      .catch(() => setState('missing'));
  }, [url]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing = SURVEY_QUESTION_IDS.find((id) => answers[id] === undefined);
    if (missing) {
      setError(w(lang, 'missing'));
      document.querySelector<HTMLInputElement>(`input[name="${missing}"]`)?.focus();
      return;
    }
    const age = whole(header.age);
    const visits = whole(header.visits);
    const body = {
      ...(header.sex ? { sex: header.sex } : {}),
      ...(age !== undefined ? { age } : {}),
      ...(header.education ? { education: header.education } : {}),
      ...(header.job.trim() ? { job: header.job.trim() } : {}),
      ...(visits !== undefined ? { visits } : {}),
      ...(header.suggestion.trim() ? { suggestion: header.suggestion.trim() } : {}),
      answers,
    };
    setSending(true);
    setError(null);
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { ...protocolHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (r.status === 201) {
        setState('thanks');
        props.onDone?.();
      } else if (r.status === 409) setState('answered');
      else setError(w(lang, 'failed'));
    } catch {
      setError(w(lang, 'failed'));
    } finally {
      setSending(false);
    }
  };

  const set = (k: keyof typeof header) => (e: Event) =>
    setHeader({ ...header, [k]: (e.currentTarget as HTMLInputElement).value });

  return (
    <div class="survey">
      <header class="bar">
        <h1>{localized(lang, SURVEY_TEXT.title)}</h1>
        <button type="button" class="lang" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {t(lang, 'language')}
        </button>
      </header>
      {form && (
        <p class="survey-ticket">
          {localized(lang, form.branchName)} — {w(lang, 'ticket')}{' '}
          <strong data-testid="survey-number">{localDigits(lang, form.number)}</strong> —{' '}
          {localized(lang, form.serviceTitle)} — {jalaliDate(`${form.day}T12:00:00Z`, lang)}
        </p>
      )}
      <div role="status" aria-live="polite">
        {state === 'thanks' && (
          <p class="big-message ok" data-testid="survey-thanks">
            {w(lang, 'thanks')}
          </p>
        )}
        {state === 'answered' && (
          <p class="big-message" data-testid="survey-answered">
            {w(lang, 'already')}
          </p>
        )}
        {state === 'not-open' && (
          <p class="big-message" data-testid="survey-not-open">
            {w(lang, 'notOpen')}
          </p>
        )}
        {state === 'missing' && <p class="big-message">{w(lang, 'notFound')}</p>}
      </div>
      {state === 'form' && (
        <form onSubmit={submit} noValidate data-testid="survey-form">
          <p class="invitation">{localized(lang, SURVEY_TEXT.invitation)}</p>
          <fieldset class="survey-header">
            <legend class="sr-only">{localized(lang, SURVEY_TEXT.title)}</legend>
            <fieldset class="inline">
              <legend>{localized(lang, SURVEY_TEXT.sex)}</legend>
              {(['male', 'female'] as const).map((s) => (
                <label key={s}>
                  <input type="radio" name="sex" value={s} checked={header.sex === s} onChange={set('sex')} />
                  {localized(lang, SURVEY_TEXT[s])}
                </label>
              ))}
            </fieldset>
            <label>
              {localized(lang, SURVEY_TEXT.age)}
              <input inputMode="numeric" maxLength={3} value={header.age} onInput={set('age')} />
            </label>
            <label>
              {localized(lang, SURVEY_TEXT.education)}
              <select value={header.education} onChange={set('education')}>
                <option value="">{w(lang, 'choose')}</option>
                {SURVEY_EDUCATION.map((e) => (
                  <option key={e} value={e}>
                    {localized(lang, SURVEY_EDUCATION_LABEL[e])}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {localized(lang, SURVEY_TEXT.job)}
              <input maxLength={100} value={header.job} onInput={set('job')} />
            </label>
            <label>
              {localized(lang, SURVEY_TEXT.visits)}
              <input inputMode="numeric" maxLength={3} value={header.visits} onInput={set('visits')} />
            </label>
          </fieldset>
          {SURVEY_AXES.map((axis) => (
            <section key={axis.id} class="axis" aria-labelledby={`axis-${axis.id}`}>
              <h2 id={`axis-${axis.id}`}>{localized(lang, axis.title)}</h2>
              {axis.questions.map((q) => (
                <fieldset key={q.id} class="question" data-question={q.id}>
                  <legend>
                    {localDigits(lang, q.row)}. {localized(lang, q.text)}
                  </legend>
                  <div class="scale">
                    {SURVEY_SCALE.map((s) => (
                      <label key={s.value}>
                        <input
                          type="radio"
                          name={q.id}
                          value={s.value}
                          required
                          checked={answers[q.id] === s.value}
                          onChange={() => setAnswers({ ...answers, [q.id]: s.value })}
                        />
                        <span>{localized(lang, s.label)}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
            </section>
          ))}
          <label class="suggestion">
            {localized(lang, SURVEY_TEXT.suggestion)} {w(lang, 'optional')}
            <textarea rows={4} maxLength={SUGGESTION_MAX} value={header.suggestion} onInput={set('suggestion')} />
          </label>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="send" disabled={sending}>
            {sending ? w(lang, 'sending') : w(lang, 'send')}
          </button>
        </form>
      )}
    </div>
  );
}
