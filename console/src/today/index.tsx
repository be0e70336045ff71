// «تغییرات امروز»: a supervisor's changes for today only (server/SPEC.md TD1–TD5) — a counter's
// sub-services until a time, a sub-service closed for the rest of the day, the message to the hall.
// Every answer of the server is the page's new state (TodayView), so nothing is refetched.
import { errorText, path } from '@nobat/client';
import { Banner, Button, Field, Modal } from '@nobat/client/preact';
import {
  clockTime,
  type Lang,
  type LocalizedText,
  localDigits,
  localized,
  TodayView,
  toAsciiDigits,
} from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { t, type WordKey } from './words.ts';
import './today.css';

type View = TodayView;
/** What the last change did, shown in the reader's language of the moment. */
type Notice = { tone: 'success'; word: WordKey } | { tone: 'error'; error: unknown } | null;

export function TodayPage(props: { branchId: string; lang: Lang }) {
  const { branchId, lang } = props;
  const base = path('/api/v1/branches', branchId, 'today');
  const loaded = useLoad(() => api.get(TodayView, base), [branchId]);
  const [view, setView] = useState<View | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<View['counters'][number] | null>(null);
  useEffect(() => {
    if (loaded.data) setView(loaded.data);
  }, [loaded.data]);

  /** Sends one change; its answer is the page's new state. */
  const send = async (key: string, run: () => Promise<View>, done: WordKey): Promise<boolean> => {
    setBusy(key);
    try {
      setView(await run());
      setNotice({ tone: 'success', word: done });
      return true;
    } catch (error) {
      setNotice({ tone: 'error', error });
      return false;
    } finally {
      setBusy(null);
    }
  };

  if (!view) {
    return (
      <>
        <PageHead title={t(lang, 'title')} />
        {loaded.error ? (
          <LoadFailed lang={lang} error={loaded.error} onReload={loaded.reload} />
        ) : (
          <p class="muted" role="status">
            {t(lang, 'loading')}
          </p>
        )}
      </>
    );
  }
  const title = (s: LocalizedText) => localized(lang, s);
  const serviceTitle = (id: string) => {
    const s = view.services.find((x) => x.id === id);
    return s ? title(s.title) : id;
  };
  const time = (iso: string) => clockTime(iso, lang, view.timeZone);
  const list = (services: { serviceId: string; weight: number }[]) =>
    services
      .map((x) => `${serviceTitle(x.serviceId)} (${localDigits(lang, x.weight)})`)
      .join(lang === 'fa' ? '، ' : ', ');

  return (
    <div class="today-page" data-testid="today-page">
      <PageHead title={t(lang, 'title')} intro={t(lang, 'intro')} />
      {notice && (
        <Banner tone={notice.tone} testId="today-notice">
          <p>{notice.tone === 'success' ? t(lang, notice.word) : errorText(lang, notice.error)}</p>
        </Banner>
      )}

      <HallBox
        lang={lang}
        view={view}
        busy={busy}
        time={time}
        onSend={(body) => send('hall', () => api.put(TodayView, `${base}/hall-message`, body), 'hallSent')}
        onClear={() => send('hall-clear', () => api.delete(TodayView, `${base}/hall-message`), 'hallCleared')}
      />

      <section class="today-section" aria-labelledby="today-counters">
        <h2 id="today-counters">{t(lang, 'countersTitle')}</h2>
        <table class="today-table" data-testid="today-counters">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'counter')}</th>
              <th scope="col">{t(lang, 'configured')}</th>
              <th scope="col">{t(lang, 'today')}</th>
              <th scope="col">
                <span class="sr-only">{t(lang, 'assign')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.counters.map((c) => (
              <tr key={c.id} data-testid={`today-counter-${c.id}`}>
                <th scope="row">
                  {t(lang, 'counter')} {localDigits(lang, c.number)}
                  <span class="muted today-sub" data-user-text>
                    {title(c.title)}
                  </span>
                </th>
                <td>{list(c.services)}</td>
                <td data-testid={`today-counter-${c.id}-today`}>
                  {c.today ? (
                    <span class="today-changed">
                      {list(c.today.services)} — {t(lang, 'untilTime')} {time(c.today.until)}
                      <span class="muted today-sub">
                        {t(lang, 'by')} <span data-user-text>{c.today.by.name}</span>
                      </span>
                    </span>
                  ) : (
                    <span class="muted">{t(lang, 'asConfigured')}</span>
                  )}
                </td>
                <td class="today-actions">
                  <Button small onClick={() => setAssigning(c)} data-testid={`assign-${c.id}`}>
                    {t(lang, 'assign')}
                  </Button>
                  {c.today && (
                    <Button
                      small
                      variant="ghost"
                      busy={busy === `end-${c.id}`}
                      onClick={() =>
                        send(`end-${c.id}`, () => api.delete(TodayView, path(base, 'counters', c.id)), 'ended')
                      }
                      data-testid={`end-${c.id}`}
                    >
                      {t(lang, 'endNow')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section class="today-section" aria-labelledby="today-services">
        <h2 id="today-services">{t(lang, 'servicesTitle')}</h2>
        <p class="muted">{t(lang, 'closedNote')}</p>
        <table class="today-table" data-testid="today-services">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'service')}</th>
              <th scope="col">{t(lang, 'waiting')}</th>
              <th scope="col">{t(lang, 'status')}</th>
              <th scope="col">
                <span class="sr-only">{t(lang, 'closeToday')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.services.map((s) => (
              <tr key={s.id} data-testid={`today-service-${s.id}`} class={s.closedToday ? 'is-closed' : ''}>
                <th scope="row">{title(s.title)}</th>
                <td>{localDigits(lang, s.waiting)}</td>
                <td data-testid={`today-service-${s.id}-status`}>
                  {!s.active ? (
                    <span class="muted">{t(lang, 'inactive')}</span>
                  ) : s.closedToday ? (
                    <span class="today-closed">
                      {t(lang, 'closedToday')}
                      <span class="muted today-sub">
                        {time(s.closedToday.at)} — {t(lang, 'by')} <span data-user-text>{s.closedToday.by.name}</span>
                      </span>
                    </span>
                  ) : (
                    t(lang, 'open')
                  )}
                </td>
                <td class="today-actions">
                  {s.active &&
                    (s.closedToday ? (
                      <Button
                        small
                        busy={busy === `svc-${s.id}`}
                        onClick={() =>
                          send(
                            `svc-${s.id}`,
                            () => api.delete(TodayView, path(base, 'closed-services', s.id)),
                            'serviceReopened',
                          )
                        }
                        data-testid={`reopen-${s.id}`}
                      >
                        {t(lang, 'reopen')}
                      </Button>
                    ) : (
                      <Button
                        small
                        variant="danger"
                        busy={busy === `svc-${s.id}`}
                        onClick={() =>
                          send(
                            `svc-${s.id}`,
                            () => api.put(TodayView, path(base, 'closed-services', s.id)),
                            'serviceClosed',
                          )
                        }
                        data-testid={`close-${s.id}`}
                      >
                        {t(lang, 'closeToday')}
                      </Button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {assigning && (
        <AssignDialog
          lang={lang}
          view={view}
          counter={assigning}
          busy={busy === 'assign'}
          onClose={() => setAssigning(null)}
          onSave={async (body) => {
            const ok = await send(
              'assign',
              () => api.put(TodayView, path(base, 'counters', assigning.id), body),
              'assigned',
            );
            if (ok) setAssigning(null);
          }}
        />
      )}
    </div>
  );
}

function HallBox(props: {
  lang: Lang;
  view: View;
  busy: string | null;
  time: (iso: string) => string;
  onSend: (body: { fa: string; en?: string; minutes?: number }) => Promise<boolean>;
  onClear: () => Promise<boolean>;
}) {
  const { lang, view } = props;
  const [fa, setFa] = useState('');
  const [en, setEn] = useState('');
  const [minutes, setMinutes] = useState('');
  const current = view.hallMessage;
  const mins = Number(toAsciiDigits(minutes.trim()));
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await props.onSend({
      fa: fa.trim(),
      ...(en.trim() ? { en: en.trim() } : {}),
      ...(minutes.trim() ? { minutes: mins } : {}),
    });
    if (ok) {
      setFa('');
      setEn('');
      setMinutes('');
    }
  };
  return (
    <section class="today-section today-hall" aria-labelledby="today-hall">
      <h2 id="today-hall">{t(lang, 'hallTitle')}</h2>
      <div class="today-hall__current" data-testid="hall-current">
        {current ? (
          <>
            <span class="today-hall__label">{t(lang, 'hallCurrent')}</span>
            <p lang="fa" dir="rtl" class="today-hall__text" data-user-text data-testid="hall-current-fa">
              {current.text.fa}
            </p>
            {current.text.en && (
              <p lang="en" dir="ltr" class="today-hall__text">
                {current.text.en}
              </p>
            )}
            <span class="muted">
              {current.until ? `${t(lang, 'hallUntil')} ${props.time(current.until)}` : t(lang, 'hallNoEnd')}
            </span>
            <Button
              small
              variant="danger"
              busy={props.busy === 'hall-clear'}
              onClick={props.onClear}
              data-testid="hall-clear"
            >
              {t(lang, 'hallClear')}
            </Button>
          </>
        ) : (
          <span class="muted">{t(lang, 'hallNone')}</span>
        )}
      </div>
      <form class="today-hall__form" onSubmit={submit}>
        <Field label={t(lang, 'hallFa')} class="today-hall__fa">
          {(c) => (
            <textarea
              {...c}
              lang="fa"
              dir="rtl"
              rows={2}
              maxLength={300}
              required
              value={fa}
              onInput={(e) => setFa(e.currentTarget.value)}
              data-testid="hall-fa"
            />
          )}
        </Field>
        <Field label={t(lang, 'hallEn')} class="today-hall__en">
          {(c) => (
            <input
              {...c}
              lang="en"
              dir="ltr"
              maxLength={300}
              value={en}
              onInput={(e) => setEn(e.currentTarget.value)}
              data-testid="hall-en"
            />
          )}
        </Field>
        <Field label={t(lang, 'hallMinutes')} hint={t(lang, 'hallMinutesHint')} class="today-hall__minutes">
          {(c) => (
            <input
              {...c}
              dir="ltr"
              inputMode="numeric"
              maxLength={3}
              value={minutes}
              onInput={(e) => setMinutes(e.currentTarget.value)}
              data-testid="hall-minutes"
            />
          )}
        </Field>
        <Button
          type="submit"
          variant="primary"
          busy={props.busy === 'hall'}
          disabled={!fa.trim()}
          data-testid="hall-send"
        >
          {t(lang, 'hallSend')}
        </Button>
      </form>
    </section>
  );
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function AssignDialog(props: {
  lang: Lang;
  view: View;
  counter: View['counters'][number];
  busy: boolean;
  onClose: () => void;
  onSave: (body: { services: { serviceId: string; weight: number }[]; until: string }) => Promise<void>;
}) {
  const { lang, view, counter } = props;
  const start = counter.today?.services ?? counter.services;
  const [chosen, setChosen] = useState<Record<string, string>>(
    Object.fromEntries(start.map((x) => [x.serviceId, String(x.weight)])),
  );
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);
  const active = view.services.filter((s) => s.active);
  const save = () => {
    const services = Object.entries(chosen).map(([serviceId, w]) => ({
      serviceId,
      weight: Number(toAsciiDigits(w.trim())) || 1,
    }));
    if (services.length === 0) return setError(t(lang, 'pickOne'));
    const m = HHMM.exec(toAsciiDigits(until.trim()));
    if (!m) return setError(t(lang, 'badTime'));
    setError(null);
    void props.onSave({ services, until: `${m[1]?.padStart(2, '0')}:${m[2]}` });
  };
  return (
    <Modal
      title={t(lang, 'assignTitle').replace('{n}', localDigits(lang, counter.number))}
      closeLabel={t(lang, 'close')}
      onClose={props.onClose}
      testId="assign-dialog"
      footer={
        <>
          <Button variant="primary" busy={props.busy} onClick={save} data-testid="assign-save">
            {t(lang, 'save')}
          </Button>
          <Button onClick={props.onClose}>{t(lang, 'cancel')}</Button>
        </>
      }
    >
      <p class="muted">{t(lang, 'assignHint')}</p>
      <fieldset class="today-assign">
        <legend class="sr-only">{t(lang, 'servicesTitle')}</legend>
        {active.map((s) => {
          const on = s.id in chosen;
          return (
            <div class="today-assign__row" key={s.id}>
              <label class="today-assign__pick">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => {
                    const next = { ...chosen };
                    if (e.currentTarget.checked) next[s.id] = '1';
                    else delete next[s.id];
                    setChosen(next);
                  }}
                  data-testid={`assign-pick-${s.id}`}
                />
                {localized(lang, s.title)}
              </label>
              <input
                class="ui-input today-assign__weight"
                dir="ltr"
                inputMode="numeric"
                maxLength={3}
                aria-label={`${t(lang, 'weight')} — ${localized(lang, s.title)}`}
                disabled={!on}
                value={on ? localDigits(lang, chosen[s.id] ?? '') : ''}
                onInput={(e) => setChosen({ ...chosen, [s.id]: toAsciiDigits(e.currentTarget.value) })}
                data-testid={`assign-weight-${s.id}`}
              />
            </div>
          );
        })}
      </fieldset>
      <Field label={t(lang, 'until')} hint={t(lang, 'untilHint')} error={error}>
        {(c) => (
          <input
            {...c}
            class="ui-input time"
            dir="ltr"
            inputMode="numeric"
            placeholder={localDigits(lang, '12:00')}
            maxLength={5}
            value={until}
            onInput={(e) => setUntil(e.currentTarget.value)}
            data-testid="assign-until"
          />
        )}
      </Field>
    </Modal>
  );
}
