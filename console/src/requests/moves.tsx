// The moves the user may make on a request now (issue 16 point 2–3): take it; complete it with a
// note; return it with a reason; forward it to another unit; send an inquiry and later enter its
// answer; at the last step the response notice (جدول ۴). Every move names the version it was
// decided on: a stale one is refused (409), the page reloads the request and says so.
import { ApiError } from '@nobat/client';
import { Banner, Button, Field } from '@nobat/client/preact';
import type { Lang, RequestMove, RequestView, SessionUser } from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLoad } from '../load.ts';
import { parseJalaliInput } from '../reports/period.ts';
import { type MoveBody, requestsApi } from './api.ts';
import { JalaliDateField } from './jalali-field.tsx';
import { isStale, movesFor, requestErrorText } from './model.ts';
import { type RequestsWord, t } from './words.ts';

const MOVE_WORD: Record<RequestMove, RequestsWord> = {
  accept: 'accept',
  complete: 'complete',
  return: 'return',
  forward: 'forward',
  inquiry: 'inquiry',
  'inquiry-answer': 'inquiryAnswer',
  respond: 'respond',
  deliver: 'deliver',
  resubmit: 'send',
  withdraw: 'withdraw',
};

type Runner = {
  busy: boolean;
  error: unknown;
  run: <M extends RequestMove>(move: M, body: MoveBody<M>) => Promise<void>;
  /** The server's words about one field of the body. */
  fieldError: (path: string) => string | null;
};

function useRunner(
  view: RequestView,
  onMoved: (v: RequestView, move: RequestMove) => void,
  onStale: () => void,
): Runner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return {
    busy,
    error,
    run: async (move, body) => {
      setBusy(true);
      setError(null);
      try {
        const answer = await requestsApi.move(view.id, move, { ...body, version: view.version });
        onMoved(answer, move);
      } catch (err) {
        if (isStale(err)) onStale();
        else setError(err);
      } finally {
        setBusy(false);
      }
    },
    fieldError: (path) => {
      if (!(error instanceof ApiError)) return null;
      const found = error.issuesAt(path);
      return found.length ? found.map((i) => i.message).join(' ') : null;
    },
  };
}

export function MovesPanel(props: {
  lang: Lang;
  user: SessionUser;
  view: RequestView;
  onMoved: (v: RequestView, move: RequestMove) => void;
  onStale: () => void;
}) {
  const { lang, view } = props;
  const moves = movesFor(view, props.user);
  const runner = useRunner(view, props.onMoved, props.onStale);
  // The response form is what the last step is for: open at once; the rest open on their button.
  const [chosen, setChosen] = useState<RequestMove | null>(null);
  const open = chosen && moves.includes(chosen) ? chosen : moves.includes('respond') ? 'respond' : null;
  const others = moves.filter((m) => m !== 'accept');

  return (
    <section class="card form-section rq-moves" aria-labelledby="rq-moves" data-testid="moves">
      <h2 id="rq-moves">{t(lang, 'moves')}</h2>
      {moves.length === 0 && (
        <p class="muted" data-testid="no-moves">
          {t(lang, 'noMoves')}
        </p>
      )}
      {runner.error !== null && (
        <Banner tone="error" testId="move-error">
          <p>{requestErrorText(lang, runner.error)}</p>
        </Banner>
      )}
      {moves.includes('accept') && (
        <div class="stack">
          <p class="muted">{t(lang, 'acceptHint')}</p>
          <div>
            <Button
              variant="primary"
              busy={runner.busy}
              onClick={() => runner.run('accept', {})}
              data-testid="move-accept"
            >
              {t(lang, 'accept')}
            </Button>
          </div>
        </div>
      )}
      {others.length > 0 && (
        <div class="row rq-move-tabs">
          {others.map((m) => (
            <Button
              key={m}
              variant={open === m ? 'primary' : 'secondary'}
              aria-pressed={open === m ? 'true' : 'false'}
              onClick={() => setChosen(open === m ? null : m)}
              data-testid={`choose-${m}`}
            >
              {t(lang, MOVE_WORD[m])}
            </Button>
          ))}
        </div>
      )}
      {open === 'complete' && <CompleteForm lang={lang} view={view} runner={runner} />}
      {open === 'return' && <ReturnForm lang={lang} view={view} runner={runner} />}
      {open === 'forward' && <ForwardForm lang={lang} view={view} runner={runner} />}
      {open === 'inquiry' && <InquiryForm lang={lang} runner={runner} />}
      {open === 'inquiry-answer' && <InquiryAnswerForm lang={lang} view={view} runner={runner} />}
      {open === 'respond' && <RespondForm lang={lang} view={view} runner={runner} />}
      {open === 'deliver' && (
        <MoveForm
          lang={lang}
          runner={runner}
          move="deliver"
          onSubmit={() => runner.run('deliver', { channel: 'desk' })}
        >
          {null}
        </MoveForm>
      )}
      {open === 'withdraw' && <WithdrawForm lang={lang} runner={runner} />}
    </section>
  );
}

function MoveForm(props: {
  lang: Lang;
  runner: Runner;
  move: RequestMove;
  intro?: ComponentChildren;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class="stack rq-move-form"
      data-testid={`form-${props.move}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.intro && <p class="muted">{props.intro}</p>}
      {props.children}
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={props.runner.busy} data-testid={`move-${props.move}`}>
          {t(props.lang, MOVE_WORD[props.move])}
        </Button>
      </div>
    </form>
  );
}

/** A step named in a sentence: the words are the console's, the title and unit the workflow's (data). */
function StepName(props: { label: string; title: string; unit: string }) {
  return (
    <>
      {props.label}:{' '}
      <bdi data-user-text>
        {props.title} ({props.unit})
      </bdi>
    </>
  );
}

function TextArea(props: {
  label: string;
  hint?: string;
  value: string;
  onInput: (v: string) => void;
  required?: boolean;
  rows?: number;
  error?: string | null;
  testId: string;
}) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error ?? null}>
      {(c) => (
        <textarea
          {...c}
          dir="auto"
          rows={props.rows ?? 3}
          required={props.required}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          data-testid={props.testId}
        />
      )}
    </Field>
  );
}

function CompleteForm(props: { lang: Lang; view: RequestView; runner: Runner }) {
  const { lang, view, runner } = props;
  const [note, setNote] = useState('');
  const next = view.current ? view.steps[view.current.step + 1] : undefined;
  return (
    <MoveForm
      lang={lang}
      runner={runner}
      move="complete"
      intro={next ? <StepName label={t(lang, 'nextStep')} title={next.title} unit={next.unit} /> : undefined}
      onSubmit={() => runner.run('complete', { note })}
    >
      <TextArea
        label={t(lang, 'note')}
        hint={t(lang, 'noteHint')}
        value={note}
        onInput={setNote}
        error={runner.fieldError('note')}
        testId="field-note"
      />
    </MoveForm>
  );
}

function ReturnForm(props: { lang: Lang; view: RequestView; runner: Runner }) {
  const { lang, view, runner } = props;
  const [reason, setReason] = useState('');
  const i = view.current?.step ?? 0;
  const previous = i > 0 ? view.steps[i - 1] : undefined;
  return (
    <MoveForm
      lang={lang}
      runner={runner}
      move="return"
      intro={
        previous ? (
          <StepName label={t(lang, 'returnToStep')} title={previous.title} unit={previous.unit} />
        ) : (
          t(lang, 'returnToDesk')
        )
      }
      onSubmit={() => runner.run('return', { reason })}
    >
      <TextArea
        label={t(lang, 'reason')}
        value={reason}
        onInput={setReason}
        required
        error={runner.fieldError('reason')}
        testId="field-reason"
      />
    </MoveForm>
  );
}

function ForwardForm(props: { lang: Lang; view: RequestView; runner: Runner }) {
  const { lang, view, runner } = props;
  const units = useLoad(() => requestsApi.units(view.branchId), [view.branchId]);
  const [unit, setUnit] = useState('');
  const [note, setNote] = useState('');
  const choices = (units.data ?? []).filter((u) => u !== view.current?.unit);
  return (
    <MoveForm lang={lang} runner={runner} move="forward" onSubmit={() => runner.run('forward', { unit, note })}>
      <Field label={t(lang, 'toUnit')} error={runner.fieldError('unit')}>
        {(c) => (
          <select
            {...c}
            required
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
            data-testid="field-unit"
          >
            <option value="">{t(lang, 'chooseUnit')}</option>
            {choices.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        )}
      </Field>
      {units.error !== null && (
        <p class="ui-field__error" role="alert">
          {requestErrorText(lang, units.error)}
        </p>
      )}
      <TextArea
        label={t(lang, 'note')}
        hint={t(lang, 'noteHint')}
        value={note}
        onInput={setNote}
        error={runner.fieldError('note')}
        testId="field-note"
      />
    </MoveForm>
  );
}

function InquiryForm(props: { lang: Lang; runner: Runner }) {
  const { lang, runner } = props;
  const [agency, setAgency] = useState('');
  const [question, setQuestion] = useState('');
  return (
    <MoveForm lang={lang} runner={runner} move="inquiry" onSubmit={() => runner.run('inquiry', { agency, question })}>
      <Field label={t(lang, 'agency')} error={runner.fieldError('agency')}>
        {(c) => (
          <input
            {...c}
            dir="auto"
            required
            value={agency}
            onInput={(e) => setAgency(e.currentTarget.value)}
            data-testid="field-agency"
          />
        )}
      </Field>
      <TextArea
        label={t(lang, 'question')}
        value={question}
        onInput={setQuestion}
        required
        error={runner.fieldError('question')}
        testId="field-question"
      />
    </MoveForm>
  );
}

function InquiryAnswerForm(props: { lang: Lang; view: RequestView; runner: Runner }) {
  const { lang, view, runner } = props;
  const [answer, setAnswer] = useState('');
  const inquiry = view.current?.inquiry;
  return (
    <MoveForm
      lang={lang}
      runner={runner}
      move="inquiry-answer"
      intro={
        inquiry ? (
          <>
            {t(lang, 'inquiryWaiting')}: <bdi data-user-text>{inquiry.agency}</bdi> —{' '}
            <bdi data-user-text>{inquiry.question}</bdi>
          </>
        ) : undefined
      }
      onSubmit={() => runner.run('inquiry-answer', { answer })}
    >
      <TextArea
        label={t(lang, 'answerOfAgency')}
        value={answer}
        onInput={setAnswer}
        required
        rows={4}
        error={runner.fieldError('answer')}
        testId="field-inquiry-answer"
      />
    </MoveForm>
  );
}

function WithdrawForm(props: { lang: Lang; runner: Runner }) {
  const { lang, runner } = props;
  const [reason, setReason] = useState('');
  return (
    <MoveForm lang={lang} runner={runner} move="withdraw" onSubmit={() => runner.run('withdraw', { reason })}>
      <TextArea
        label={t(lang, 'reason')}
        value={reason}
        onInput={setReason}
        required
        error={runner.fieldError('reason')}
        testId="field-reason"
      />
    </MoveForm>
  );
}

/** The response notice (جدول ۴): every field, the appeal deadline as a Jalali date. */
function RespondForm(props: { lang: Lang; view: RequestView; runner: Runner }) {
  const { lang, view, runner } = props;
  const lastPost = view.steps[view.steps.length - 1]?.post ?? '';
  const [f, setF] = useState({
    legalBasis: '',
    answer: '',
    appealTo: '',
    appealText: '',
    remarks: '',
    issuerPost: lastPost,
  });
  const [dateError, setDateError] = useState(false);
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const submit = () => {
    const appealUntil = parseJalaliInput(f.appealText);
    setDateError(!appealUntil);
    if (!appealUntil) return;
    return runner.run('respond', {
      legalBasis: f.legalBasis,
      answer: f.answer,
      appealTo: f.appealTo,
      appealUntil,
      remarks: f.remarks,
      ...(f.issuerPost.trim() ? { issuerPost: f.issuerPost.trim() } : {}),
    });
  };
  return (
    <MoveForm lang={lang} runner={runner} move="respond" intro={t(lang, 'respondIntro')} onSubmit={submit}>
      <TextArea
        label={t(lang, 'legalBasis')}
        value={f.legalBasis}
        onInput={(v) => set({ legalBasis: v })}
        required
        rows={4}
        error={runner.fieldError('legalBasis')}
        testId="field-legal-basis"
      />
      <TextArea
        label={t(lang, 'answer')}
        value={f.answer}
        onInput={(v) => set({ answer: v })}
        required
        rows={5}
        error={runner.fieldError('answer')}
        testId="field-answer"
      />
      <div class="grid-2">
        <Field label={t(lang, 'appealTo')} error={runner.fieldError('appealTo')}>
          {(c) => (
            <input
              {...c}
              dir="auto"
              required
              value={f.appealTo}
              onInput={(e) => set({ appealTo: e.currentTarget.value })}
              data-testid="field-appeal-to"
            />
          )}
        </Field>
        <JalaliDateField
          lang={lang}
          label={t(lang, 'appealUntil')}
          hint={t(lang, 'appealUntilHint')}
          text={f.appealText}
          onText={(v) => set({ appealText: v })}
          error={dateError ? t(lang, 'badDate') : runner.fieldError('appealUntil')}
          testId="field-appeal-until"
        />
      </div>
      <TextArea
        label={t(lang, 'remarks')}
        value={f.remarks}
        onInput={(v) => set({ remarks: v })}
        error={runner.fieldError('remarks')}
        testId="field-remarks"
      />
      <Field label={t(lang, 'issuerPost')} error={runner.fieldError('issuerPost')}>
        {(c) => (
          <input
            {...c}
            dir="auto"
            value={f.issuerPost}
            onInput={(e) => set({ issuerPost: e.currentTarget.value })}
            data-testid="field-issuer-post"
          />
        )}
      </Field>
    </MoveForm>
  );
}
