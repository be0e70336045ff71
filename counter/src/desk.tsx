// The clerk's desk: the counter they hold, its current ticket with the documents check, the queue of
// its sub-services and what it parked, and every action by button or key. The desk is always a view
// of the server's state: it is fetched on every (re)connect and again on every change the server
// announces, so a lost connection or a reload never loses the current ticket. The branch's counters
// come from the socket itself: its snapshot, then each counter change.
import {
  type CallNextBody,
  type CallTicketBody,
  type ClerkDesk,
  type CounterActionResult,
  type CounterSummary,
  type DocumentsBody,
  handshakeCode,
  type Lang,
  type LocalizedText,
  localDigits,
  localized,
  type Message,
  newRequestId,
  type ParkBody,
  ParkReason,
  type PauseBody,
  type ServiceSummary,
  type SessionUser,
  type StaffServerEvents,
  type StaffTicket,
  type TransferBody,
  toAsciiDigits,
} from '@nobat/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import { ApiError, api } from './api.ts';
import { Day } from './day.tsx';
import { duration, message, t, type Word } from './i18n.ts';
import { commandFor, type DeskCommand, labelOf, SHORTCUTS } from './keys.ts';
import { createActionRunner } from './runner.ts';

type Notice = { kind: 'error' | 'info'; text: Message } | null;
type Dialog = 'transfer' | 'pause' | 'park' | 'help' | null;

/** Each counter action and the body it takes (none where absent). */
interface ActionBodies {
  'call-next': CallNextBody;
  call: CallTicketBody;
  unpark: CallTicketBody;
  recall: undefined;
  start: undefined;
  finish: undefined;
  'no-show': undefined;
  transfer: TransferBody;
  park: ParkBody;
  documents: DocumentsBody;
  pause: PauseBody;
  resume: undefined;
  close: undefined;
}

/** Pause reasons offered with one key; the reason is shown on the counter's signboard, in Persian. */
const PAUSE_REASONS: LocalizedText[] = [
  { fa: 'نماز', en: 'Prayer' },
  { fa: 'ناهار', en: 'Lunch' },
  { fa: 'استراحت کوتاه', en: 'Short break' },
  { fa: 'کار اداری', en: 'Office work' },
];

export interface DeskProps {
  user: SessionUser;
  lang: Lang;
  setLang: (l: Lang) => void;
  /** The server no longer knows this session: sign in again. */
  onExpired: () => void;
  onSignOut: () => void;
  onChangePassword: () => void;
}

export function Desk(props: DeskProps) {
  const { user, lang, onExpired } = props;
  const branchId = user.branchId ?? '';
  const [desk, setDesk] = useState<ClerkDesk | null>(null);
  /** The branch's counters, from the socket: null until its first snapshot. */
  const [counters, setCounters] = useState<CounterSummary[] | null>(null);
  const [services, setServices] = useState<Map<string, ServiceSummary>>(new Map());
  // Offline until the socket first connects: the desk is loaded then, and the banner says why it is not yet.
  const [online, setOnline] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [view, setView] = useState<'desk' | 'day'>('desk');
  const callInput = useRef<HTMLInputElement>(null);
  const docsRef = useRef<HTMLFieldSetElement>(null);
  const socketRef = useRef<Socket<StaffServerEvents> | null>(null);

  const expired = useRef(onExpired);
  expired.current = onExpired;
  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.unauthenticated) return expired.current();
    const text = err instanceof ApiError ? err.text : { fa: String(err), en: String(err) };
    setNotice({ kind: 'error', text });
  }, []);

  // One refresh at a time; a change announced meanwhile makes one more, so none is missed.
  const loading = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  // Sub-services (titles, documents) change rarely: they are fetched on every (re)connect only.
  const needServices = useRef(true);
  const refresh = useCallback((): Promise<void> => {
    if (loading.current) {
      again.current = true;
      return loading.current;
    }
    const load = async () => {
      do {
        again.current = false;
        const withServices = needServices.current;
        const [d, s] = await Promise.all([
          api<ClerkDesk>('GET', '/api/v1/clerks/me/desk'),
          withServices ? api<ServiceSummary[]>('GET', `/api/v1/branches/${branchId}/services`) : null,
        ]);
        if (s) {
          needServices.current = false;
          setServices(new Map(s.map((x) => [x.id, x])));
        }
        setDesk(d);
      } while (again.current);
    };
    loading.current = load()
      .catch(fail)
      .finally(() => {
        loading.current = null;
      });
    return loading.current;
  }, [branchId, fail]);

  useEffect(() => {
    // The session cookie goes with the handshake.
    const socket: Socket<StaffServerEvents> = io('/counter', { auth: { branchId } });
    socketRef.current = socket;
    socket.on('connect', () => {
      setOnline(true);
      needServices.current = true;
      void refresh();
    });
    socket.on('disconnect', (reason) => {
      setOnline(false);
      // The server closes a signed-out session's socket; connecting again tells us why.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500);
    });
    socket.on('connect_error', (err) => {
      setOnline(false);
      if (handshakeCode(err) === 'unauthenticated') expired.current();
    });
    socket.on('snapshot', (snap) => setCounters(snap.counters));
    socket.on('counter:changed', ({ version: _, ...changed }) => {
      setCounters((list) => {
        if (!list) return list;
        return list.some((c) => c.id === changed.id)
          ? list.map((c) => (c.id === changed.id ? changed : c))
          : [...list, changed];
      });
      void refresh();
    });
    socket.on('ticket:changed', () => void refresh());
    socket.on('queue:changed', () => void refresh());
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [branchId, refresh]);

  /** After an action: while the socket is up, the change comes back as an event that refreshes the
   * desk; without it, the desk is read again here. */
  const refreshUnlessLive = () => (socketRef.current?.connected ? undefined : refresh());

  const counter = desk?.counter ?? null;
  const current = desk?.current ?? null;
  const runner = useMemo(createActionRunner, []);

  /** Runs a counter action; a repeat of a pending one is dropped (a double click calls one ticket). */
  const act = <N extends keyof ActionBodies>(
    name: N,
    body?: ActionBodies[N],
    then?: (r: CounterActionResult) => void,
  ) => {
    const counterId = counter?.id;
    if (!counterId) return;
    runner.push(name, async () => {
      try {
        const r = await api<CounterActionResult>('POST', `/api/v1/counters/${counterId}/${name}`, body ?? {});
        setNotice(null);
        then?.(r);
      } catch (err) {
        fail(err);
      }
      await refreshUnlessLive();
    });
  };

  const callNext = () =>
    act('call-next', { requestId: newRequestId() }, (r) => {
      if (!r.ticket) setNotice({ kind: 'info', text: message('queueEmpty') });
    });

  const findTicket = (typed: string): StaffTicket | undefined => {
    const want = toAsciiDigits(typed).trim().toUpperCase();
    if (!want) return undefined;
    return [...(desk?.queue ?? []), ...(desk?.parked ?? [])].find((x) => x.number.toUpperCase() === want);
  };

  const run = (command: DeskCommand) => {
    if (view === 'day' && command !== 'day' && command !== 'help') return;
    switch (command) {
      case 'next':
        return callNext();
      case 'recall':
        return act('recall');
      case 'start':
        return act('start');
      case 'finish':
        return act('finish');
      case 'noShow':
        return act('no-show');
      case 'transfer':
        return current && setDialog('transfer');
      case 'park':
        return current && setDialog('park');
      case 'callTicket':
        return callInput.current?.focus();
      case 'pause':
        return counter?.status === 'paused' ? act('resume') : setDialog('pause');
      case 'documents':
        return docsRef.current?.querySelector('input')?.focus();
      case 'day':
        return setView(view === 'day' ? 'desk' : 'day');
      case 'help':
        return setDialog('help');
    }
  };

  // One listener for the page's life, calling the handler of the latest render: a key pressed right
  // after another (P then 2) always sees the state the first one made.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => {});
  onKey.current = (e: KeyboardEvent) => {
    if (dialog) {
      if (e.key === 'Escape') setDialog(null);
      const reason =
        dialog === 'pause' && e.code.startsWith('Digit') ? PAUSE_REASONS[Number(e.code.slice(5)) - 1] : undefined;
      if (reason && !(e.target instanceof HTMLInputElement)) {
        e.preventDefault();
        setDialog(null);
        act('pause', { reason: reason.fa });
      }
      return;
    }
    if (e.key === 'Escape' && e.target instanceof HTMLElement) e.target.blur();
    const target = e.target as HTMLElement | null;
    const editing =
      !!target &&
      (target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement ||
        target.isContentEditable) &&
      !(target instanceof HTMLInputElement && target.type === 'checkbox');
    const command = commandFor({
      code: e.code,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      repeat: e.repeat,
      editing,
    });
    if (!command) return;
    e.preventDefault();
    run(command);
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const take = async (id: string) => {
    try {
      await api('POST', `/api/v1/counters/${id}/open`);
      setNotice(null);
    } catch (err) {
      fail(err);
    }
    await refreshUnlessLive();
  };

  const header = (
    <header class="bar">
      <h1>
        {counter ? `${t(lang, 'counter')} ${localDigits(lang, counter.number)}` : t(lang, 'appTitle')}
        <small>
          {user.name}
          {desk && ` — ${localized(lang, desk.branchName)}`}
        </small>
      </h1>
      <nav>
        {counter && (
          <button type="button" data-testid="day" onClick={() => run('day')}>
            {view === 'day' ? t(lang, 'backToDesk') : t(lang, 'day')} <kbd>{labelOf('day')}</kbd>
          </button>
        )}
        <button type="button" onClick={() => setDialog('help')} aria-label={t(lang, 'shortcuts')}>
          <kbd>?</kbd>
        </button>
        <button type="button" data-testid="language" onClick={() => props.setLang(lang === 'fa' ? 'en' : 'fa')}>
          {t(lang, 'language')}
        </button>
        {counter && (
          <button
            type="button"
            data-testid="leave"
            onClick={() => {
              if (confirm(t(lang, 'confirmLeave'))) act('close');
            }}
          >
            {t(lang, 'leaveCounter')}
          </button>
        )}
        <button type="button" data-testid="change-password" onClick={props.onChangePassword}>
          {t(lang, 'changePassword')}
        </button>
        <button type="button" data-testid="sign-out" onClick={props.onSignOut}>
          {t(lang, 'signOut')}
        </button>
      </nav>
    </header>
  );
  const banner = !online && (
    <p class="offline" role="status" data-testid="offline">
      {t(lang, 'offline')}
    </p>
  );
  const noticeLine = notice && (
    <p class={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="message">
      {localized(lang, notice.text)}
    </p>
  );
  const help = dialog === 'help' && <Help lang={lang} close={() => setDialog(null)} />;

  if (!desk || !counters) {
    return (
      <div class="page">
        {header}
        {banner}
        {noticeLine}
      </div>
    );
  }

  if (!counter) {
    return (
      <div class="page">
        {header}
        {banner}
        <main class="pick">
          <h2>
            {t(lang, 'welcome')} {user.name}
          </h2>
          <p>{t(lang, 'pickCounter')}</p>
          <div class="counters">
            {counters
              .filter((c) => desk.mayStaff.includes(c.id))
              .map((c) => (
                <button
                  type="button"
                  key={c.id}
                  class="counter"
                  disabled={c.status !== 'closed'}
                  data-testid={`take-${c.id}`}
                  onClick={() => void take(c.id)}
                >
                  <b>
                    {t(lang, 'counter')} {localDigits(lang, c.number)}
                  </b>
                  <span>{c.services.map((s) => localized(lang, s.title)).join(lang === 'fa' ? '، ' : ', ')}</span>
                  <em>{c.status === 'closed' ? t(lang, 'free') : t(lang, 'takenByColleague')}</em>
                </button>
              ))}
          </div>
          {noticeLine}
        </main>
        {help}
      </div>
    );
  }

  if (view === 'day') {
    return (
      <div class="page">
        {header}
        {banner}
        <Day user={user} lang={lang} branchName={desk.branchName} services={services} onError={fail} />
        {help}
      </div>
    );
  }

  const serviceTitle = (id: string) => {
    const s = services.get(id);
    return s ? localized(lang, s.title) : id;
  };
  const priorityTitle = (id: string) => {
    const p = desk.priorities.find((x) => x.id === id);
    return p ? localized(lang, p.title) : id;
  };
  const button = (command: DeskCommand, word: Word, testId: string, extra: { primary?: boolean } = {}) => (
    <button type="button" class={extra.primary ? 'primary huge' : ''} data-testid={testId} onClick={() => run(command)}>
      {t(lang, word)} <kbd>{labelOf(command)}</kbd>
    </button>
  );

  return (
    <div class="page">
      {header}
      {banner}
      {counter.status === 'paused' && (
        <p class="paused" data-testid="paused">
          {t(lang, 'paused')}
          {counter.pauseReason && `: ${counter.pauseReason}`}
          <button type="button" class="primary" data-testid="resume" onClick={() => act('resume')}>
            {t(lang, 'resume')} <kbd>{labelOf('pause')}</kbd>
          </button>
        </p>
      )}
      <main class="desk">
        <section class="current" data-testid="current">
          {current ? (
            <>
              <p class="number" data-testid="current-number">
                {localDigits(lang, current.number)}
              </p>
              <p class="status" data-testid="current-status" data-status={current.status}>
                {t(lang, `status_${current.status}` as Word)}
              </p>
              <dl class="facts">
                <dt>{t(lang, 'subService')}</dt>
                <dd data-testid="current-service">{serviceTitle(current.serviceId)}</dd>
                <dt>{t(lang, 'priority')}</dt>
                <dd>{priorityTitle(current.priority)}</dd>
                <dt>{t(lang, 'waited')}</dt>
                <dd>
                  {current.calledAt ? (
                    duration(lang, Date.parse(current.calledAt) - Date.parse(current.issuedAt))
                  ) : (
                    <Elapsed lang={lang} from={current.issuedAt} />
                  )}
                </dd>
                {current.startedAt ? (
                  <>
                    <dt>{t(lang, 'serving')}</dt>
                    <dd data-testid="serving-time">
                      <Elapsed lang={lang} from={current.startedAt} />
                    </dd>
                  </>
                ) : (
                  current.calledAt && (
                    <>
                      <dt>{t(lang, 'sinceCalled')}</dt>
                      <dd>
                        <Elapsed lang={lang} from={current.calledAt} />
                      </dd>
                    </>
                  )
                )}
                {current.recalls > 0 && (
                  <>
                    <dt>{t(lang, 'recalls')}</dt>
                    <dd>{localDigits(lang, current.recalls)}</dd>
                  </>
                )}
                {current.transfers > 0 && (
                  <>
                    <dt>{t(lang, 'transfers')}</dt>
                    <dd>{localDigits(lang, current.transfers)}</dd>
                  </>
                )}
              </dl>
              {current.note && (
                <p class="note" data-testid="current-note">
                  {t(lang, 'note')}: {current.note}
                </p>
              )}
            </>
          ) : (
            <p class="idle">{t(lang, 'noTicket')}</p>
          )}
          {noticeLine}
        </section>

        <section class="actions">
          {button('next', 'next', 'call-next', { primary: true })}
          {button('recall', 'recall', 'recall')}
          {button('start', 'start', 'start')}
          {button('finish', 'finish', 'finish')}
          {button('noShow', 'noShow', 'no-show')}
          {button('transfer', 'transfer', 'transfer')}
          {button('park', 'park', 'park')}
          {counter.status !== 'paused' && button('pause', 'pause', 'pause')}
        </section>

        {current && (
          <Documents
            key={current.id}
            lang={lang}
            ticket={current}
            service={services.get(current.serviceId)}
            fieldset={docsRef}
            record={(brought) => act('documents', { brought })}
          />
        )}

        <aside class="queue">
          <h2>
            {t(lang, 'queue')} (<span data-testid="queue-count">{localDigits(lang, desk.queue.length)}</span>)
          </h2>
          <ul class="counts">
            {counter.services.map((s) => (
              <li key={s.serviceId} data-testid={`count-${s.serviceId}`}>
                <span>{localized(lang, s.title)}</span>
                <b>{localDigits(lang, desk.queue.filter((x) => x.serviceId === s.serviceId).length)}</b>
              </li>
            ))}
          </ul>
          <h3>{t(lang, 'nextNumbers')}</h3>
          <ol data-testid="queue">
            {desk.queue.slice(0, 8).map((x) => (
              <li key={x.id} data-ticket={x.id}>
                <button
                  type="button"
                  class="ticket"
                  title={`${t(lang, 'call')} ${localDigits(lang, x.number)}`}
                  onClick={() => act('call', { ticketId: x.id })}
                >
                  {localDigits(lang, x.number)}
                </button>
                <small class="queue-hint">
                  {serviceTitle(x.serviceId)}
                  {x.targetCounterId && ` ← ${t(lang, 'counter')}`}
                  {x.note && ` — ${x.note}`}
                </small>
              </li>
            ))}
          </ol>
          <form
            class="call-number"
            onSubmit={(e) => {
              e.preventDefault();
              const input = callInput.current;
              const found = input && findTicket(input.value);
              if (!found) {
                setNotice({ kind: 'error', text: message('notInQueue') });
                return;
              }
              act('call', { ticketId: found.id });
              if (input) {
                input.value = '';
                input.blur();
              }
            }}
          >
            <label>
              {t(lang, 'callTicket')} <kbd>{labelOf('callTicket')}</kbd>
              <input
                ref={callInput}
                inputMode="numeric"
                autoComplete="off"
                placeholder={t(lang, 'numberToCall')}
                data-testid="call-number"
              />
            </label>
            <button type="submit">{t(lang, 'call')}</button>
          </form>
          {desk.parked.length > 0 && (
            <>
              <h3>{t(lang, 'parked')}</h3>
              <ul class="parked" data-testid="parked">
                {desk.parked.map((x) => (
                  <li key={x.id} data-ticket={x.id}>
                    <b>{localDigits(lang, x.number)}</b>
                    <small class="queue-hint" data-testid={`parked-reason-${x.number}`}>
                      {t(lang, `park_${x.parkReason ?? 'other'}`)}
                      {x.note && ` — ${x.note}`}
                    </small>
                    <button
                      type="button"
                      data-testid={`call-parked-${x.number}`}
                      onClick={() => act('call', { ticketId: x.id })}
                    >
                      {t(lang, 'call')}
                    </button>
                    <button type="button" onClick={() => act('unpark', { ticketId: x.id })}>
                      {t(lang, 'unpark')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      </main>
      {dialog === 'transfer' && current && (
        <TransferDialog
          lang={lang}
          services={[...services.values()].filter((s) => s.active)}
          counters={counters.filter((c) => c.id !== counter.id)}
          close={() => setDialog(null)}
          submit={(body) => {
            setDialog(null);
            act('transfer', body);
          }}
        />
      )}
      {dialog === 'pause' && (
        <PauseDialog
          lang={lang}
          close={() => setDialog(null)}
          submit={(reason) => {
            setDialog(null);
            act('pause', { reason });
          }}
        />
      )}
      {dialog === 'park' && current && (
        <NoteDialog
          lang={lang}
          title={`${t(lang, 'park')} ${localDigits(lang, current.number)}`}
          // [T6] Documents found missing make that the likely reason; the clerk may pick another.
          reason={current.missingDocuments?.length ? 'documents' : 'other'}
          close={() => setDialog(null)}
          submit={(reason, note) => {
            setDialog(null);
            act('park', { reason, ...(note ? { note } : {}) });
          }}
        />
      )}
      {help}
    </div>
  );
}

/** The time since `from`, counting up each second: only this text is drawn again, not the desk. */
function Elapsed(props: { lang: Lang; from: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <>{duration(props.lang, now - Date.parse(props.from))}</>;
}

/** [T8] The current ticket's required documents: the clerk ticks what was brought, the rest is missing. */
function Documents(props: {
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

function Modal(props: { title: string; close: () => void; children: preact.ComponentChildren }) {
  return (
    // Esc closes a dialog (the desk's key handler); a click outside it does too.
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop only closes; the keyboard path is Esc
    // biome-ignore lint/a11y/useKeyWithClickEvents: Esc is handled by the desk for every dialog
    <div class="backdrop" onClick={(e) => e.target === e.currentTarget && props.close()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-label={props.title}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** A dialog's closing row: confirm (the form's submit, when `confirm` names its test id), and cancel (Esc). */
function DialogButtons(props: { lang: Lang; confirm?: string; close: () => void }) {
  const { lang } = props;
  return (
    <div class="buttons">
      {props.confirm && (
        <button type="submit" class="primary" data-testid={props.confirm}>
          {t(lang, 'confirm')}
        </button>
      )}
      <button type="button" onClick={props.close}>
        {t(lang, 'cancel')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}

function TransferDialog(props: {
  lang: Lang;
  services: ServiceSummary[];
  counters: CounterSummary[];
  close: () => void;
  submit: (body: TransferBody) => void;
}) {
  const { lang } = props;
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <Modal title={t(lang, 'transferTitle')} close={props.close}>
      <form
        data-testid="transfer-form"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget as HTMLFormElement);
          const toServiceId = String(f.get('service') ?? '');
          const toCounterId = String(f.get('counter') ?? '');
          const note = String(f.get('note') ?? '').trim();
          if (!toServiceId && !toCounterId) return;
          props.submit({
            ...(toServiceId ? { toServiceId } : {}),
            ...(toCounterId ? { toCounterId } : {}),
            ...(note ? { note } : {}),
          });
        }}
      >
        <label>
          {t(lang, 'toService')}
          <select name="service" ref={first} data-testid="transfer-service">
            <option value="">{t(lang, 'choose')}</option>
            {props.services.map((s) => (
              <option key={s.id} value={s.id}>
                {localized(lang, s.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'toCounter')}
          <select name="counter" data-testid="transfer-counter">
            <option value="">{t(lang, 'choose')}</option>
            {props.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {t(lang, 'counter')} {localDigits(lang, c.number)} — {localized(lang, c.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'noteForNext')}
          <textarea name="note" maxLength={500} rows={3} data-testid="transfer-note" />
        </label>
        <DialogButtons lang={lang} confirm="transfer-confirm" close={props.close} />
      </form>
    </Modal>
  );
}

function PauseDialog(props: { lang: Lang; close: () => void; submit: (reason: string) => void }) {
  const { lang } = props;
  const [other, setOther] = useState('');
  // Digits 1–4 pick a reason: the desk's key handler does it, so a quick P then 2 is never lost.
  return (
    <Modal title={t(lang, 'pauseTitle')} close={props.close}>
      <div class="reasons">
        {PAUSE_REASONS.map((r, i) => (
          <button type="button" key={r.fa} data-testid={`pause-reason-${i + 1}`} onClick={() => props.submit(r.fa)}>
            {localized(lang, r)} <kbd>{localDigits(lang, i + 1)}</kbd>
          </button>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (other.trim()) props.submit(other.trim());
        }}
      >
        <label>
          {t(lang, 'otherReason')}
          <input
            value={other}
            maxLength={200}
            data-testid="pause-other"
            onInput={(e) => setOther((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <DialogButtons lang={lang} confirm="pause-confirm" close={props.close} />
      </form>
    </Modal>
  );
}

function NoteDialog(props: {
  lang: Lang;
  title: string;
  reason: ParkReason;
  close: () => void;
  submit: (reason: ParkReason, note: string) => void;
}) {
  const { lang } = props;
  const input = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState<ParkReason>(props.reason);
  useEffect(() => input.current?.focus(), []);
  return (
    <Modal title={props.title} close={props.close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.submit(reason, input.current?.value.trim() ?? '');
        }}
      >
        <fieldset class="park-reasons">
          <legend>{t(lang, 'parkReason')}</legend>
          {ParkReason.options.map((r) => (
            <label key={r}>
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason === r}
                data-testid={`park-reason-${r}`}
                onChange={() => setReason(r)}
              />
              {t(lang, `park_${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t(lang, 'parkNote')}
          <input ref={input} maxLength={500} data-testid="park-note" />
        </label>
        <DialogButtons lang={lang} confirm="park-confirm" close={props.close} />
      </form>
    </Modal>
  );
}

const COMMAND_WORD: Record<DeskCommand, Word> = {
  next: 'next',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'noShow',
  transfer: 'transfer',
  park: 'park',
  callTicket: 'callTicket',
  pause: 'pause',
  documents: 'documents',
  day: 'day',
  help: 'shortcuts',
};

function Help(props: { lang: Lang; close: () => void }) {
  const { lang } = props;
  return (
    <Modal title={t(lang, 'shortcuts')} close={props.close}>
      <table class="shortcuts" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.code}>
              <td>
                <kbd>{s.label}</kbd>
              </td>
              <td>
                {t(lang, COMMAND_WORD[s.command])}
                {s.command === 'pause' && ` / ${t(lang, 'resume')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t(lang, 'shortcutsHint')}</p>
      <DialogButtons lang={lang} close={props.close} />
    </Modal>
  );
}
