// The touch kiosk: group → sub-service → "take a ticket" (three touches), with the information
// package one touch away, optional priority class, mobile and national ID, and the printed ticket.
import {
  clockTime,
  durationText,
  etaText,
  handshakeCode,
  type IssuedTicket,
  jalaliDate,
  type KioskSnapshot,
  type Lang,
  localDigits,
  localized,
  newRequestId,
  type PrintResult,
  type ServiceSummary,
} from '@nobat/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { connectKiosk, issueTicket } from './api.ts';
import { useFocusOnScreenChange } from './focus.ts';
import { t } from './i18n.ts';
import { NumberPad, type PadKind } from './numpad.tsx';
import { PrinterNotice } from './printer-notice.tsx';

type Screen =
  | { name: 'groups' }
  | { name: 'services'; groupId: string }
  | { name: 'info'; serviceId: string; from: Screen }
  | {
      name: 'confirm';
      serviceId: string;
      /** One id per visit of this screen: a double tap or a retry issues one ticket. */
      requestId: string;
      priority: string;
      mobile: string;
      nationalId: string;
      pad?: PadKind;
    }
  | { name: 'sending'; serviceId: string }
  | { name: 'refused'; message: string }
  | { name: 'result'; ticket: IssuedTicket; print: 'printing' | 'printed' | 'failed' | 'paper-out' };

type Link = 'connecting' | 'online' | 'offline' | 'unauthorized';

/** Seconds untouched before the kiosk returns to its start screen: `?idle=` in its address, else 45. */
const idleSetting = Number(new URLSearchParams(location.search).get('idle'));
const IDLE_MS = (idleSetting >= 3 ? idleSetting : 45) * 1000;
const RESULT_IDLE_MS = Math.min(IDLE_MS, 30_000);

export function Kiosk(props: { token: string | null; lang: Lang; defaultLang: Lang; setLang: (l: Lang) => void }) {
  const { token, lang, setLang } = props;
  const [snap, setSnap] = useState<KioskSnapshot | null>(null);
  const [link, setLink] = useState<Link>(token ? 'connecting' : 'unauthorized');
  const [screen, setScreen] = useState<Screen>({ name: 'groups' });
  const socketRef = useRef<ReturnType<typeof connectKiosk> | null>(null);
  const mainRef = useFocusOnScreenChange<HTMLElement>(screenKey(screen));

  useEffect(() => {
    if (!token) return;
    const socket = connectKiosk(token);
    socketRef.current = socket;
    socket.on('connect', () => setLink('online'));
    socket.on('disconnect', () => setLink('offline'));
    socket.on('connect_error', (err) => setLink(handshakeCode(err) === 'unauthenticated' ? 'unauthorized' : 'offline'));
    socket.on('snapshot', setSnap);
    socket.on('printer:status', (p) => setSnap((s) => (s ? { ...s, printer: p.status } : s)));
    socket.on('queue:changed', (q) =>
      setSnap((s) => {
        if (!s || q.version < s.version) return s;
        const byId = new Map(q.services.map((x) => [x.serviceId, x]));
        return {
          ...s,
          version: q.version,
          services: s.services.map((x) => {
            const c = byId.get(x.id);
            return c
              ? {
                  ...x,
                  waiting: c.waiting,
                  etaMinutes: c.etaMinutes,
                  etaUnknown: c.etaUnknown,
                  unavailable: c.unavailable,
                }
              : x;
          }),
        };
      }),
    );
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [token]);

  // What no event announces (the branch closing by its hours, a configuration change) is picked up
  // by reading the services again every minute.
  const branchId = snap?.branchId;
  useEffect(() => {
    if (!branchId) return;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(`/api/v1/branches/${encodeURIComponent(branchId)}/services`);
        if (res.ok) {
          const services = (await res.json()) as ServiceSummary[];
          setSnap((s) => (s ? { ...s, services } : s));
        }
      } catch {
        // offline: the socket's state already says so
      }
    }, 60_000);
    return () => clearInterval(timer);
  }, [branchId]);

  // Back to the start after a while untouched.
  const goHome = useCallback(() => setScreen({ name: 'groups' }), []);
  // When a visitor is done or walks away, the next one finds the kiosk in its own language.
  const { defaultLang } = props;
  const nextVisitor = useCallback(() => {
    setScreen({ name: 'groups' });
    setLang(defaultLang);
  }, [setLang, defaultLang]);
  useEffect(() => {
    if (screen.name === 'groups' || screen.name === 'sending') return;
    let timer = setTimeout(nextVisitor, screen.name === 'result' ? RESULT_IDLE_MS : IDLE_MS);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(nextVisitor, screen.name === 'result' ? RESULT_IDLE_MS : IDLE_MS);
    };
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, [screen, nextVisitor]);

  const services = snap?.services ?? [];
  const groups = useMemo(
    () => (snap?.groups ?? []).filter((g) => services.some((s) => s.groupId === g.id)),
    [snap, services],
  );
  const service = (id: string) => services.find((s) => s.id === id);
  /** The class a ticket gets when the visitor picks none: sent as no priority at all. */
  const normalPriority = snap?.priorities.find((p) => p.kind === 'normal')?.id ?? '';

  // Two touches can reach the button before the screen changes: only the first one acts.
  const taking = useRef<string | null>(null);
  const take = async (s: Extract<Screen, { name: 'confirm' }>) => {
    if (!token || !snap || taking.current === s.requestId) return;
    taking.current = s.requestId;
    setScreen({ name: 'sending', serviceId: s.serviceId });
    const outcome = await issueTicket(
      token,
      snap.branchId,
      {
        serviceId: s.serviceId,
        requestId: s.requestId,
        ...(s.priority !== normalPriority ? { priority: s.priority } : {}),
        ...(s.mobile ? { mobile: s.mobile } : {}),
        ...(s.nationalId ? { nationalId: s.nationalId } : {}),
      },
      lang,
    );
    if (!outcome.ok) {
      setScreen({ name: 'refused', message: outcome.message || t(lang, 'outOfService') });
      return;
    }
    const ticket = outcome.ticket;
    setScreen({ name: 'result', ticket, print: 'printing' });
    const answer = await new Promise<PrintResult | null>((resolve) => {
      const socket = socketRef.current;
      if (!socket?.connected) return resolve(null);
      socket.timeout(12_000).emit('ticket:print', { ticketId: ticket.id }, (err, ack) => {
        resolve(err || !ack || 'error' in ack ? null : ack.data);
      });
    });
    const print = answer?.ok ? 'printed' : answer?.status === 'paper-out' ? 'paper-out' : 'failed';
    setScreen((cur) => (cur.name === 'result' && cur.ticket.id === ticket.id ? { ...cur, print } : cur));
  };

  if (link === 'unauthorized') return <OutOfService lang={lang} configured={false} />;
  if (!snap) return <OutOfService lang={lang} configured={true} />;

  const header = (
    <header class="bar">
      <h1>{localized(lang, snap.branchName)}</h1>
      <button type="button" class="lang" onClick={() => setLang(lang === 'fa' ? 'en' : 'fa')} data-testid="lang">
        {t(lang, 'language')}
      </button>
    </header>
  );

  let body: preact.JSX.Element;
  switch (screen.name) {
    case 'groups': {
      if (groups.length === 1 && groups[0]) {
        body = (
          <ServiceList
            lang={lang}
            services={services.filter((s) => s.groupId === groups[0]?.id)}
            pick={(s) => setScreen(confirmFor(s, normalPriority))}
          />
        );
        break;
      }
      body = (
        <section>
          <h2 class="prompt">{t(lang, 'chooseGroup')}</h2>
          <div class="tiles">
            {groups.map((g) => {
              const inGroup = services.filter((s) => s.groupId === g.id);
              const waiting = inGroup.reduce((n, s) => n + s.waiting, 0);
              return (
                <button
                  type="button"
                  key={g.id}
                  class="tile"
                  data-testid={`group-${g.id}`}
                  onClick={() => setScreen({ name: 'services', groupId: g.id })}
                >
                  <span class="tile-title">{localized(lang, g.title)}</span>
                  <span class="tile-meta">
                    {localDigits(lang, waiting)} {t(lang, 'waiting')}
                  </span>
                </button>
              );
            })}
          </div>
        </section>
      );
      break;
    }
    case 'services':
      body = (
        <section>
          <h2 class="prompt">{t(lang, 'chooseService')}</h2>
          <ServiceList
            lang={lang}
            services={services.filter((s) => s.groupId === screen.groupId)}
            pick={(s) => setScreen(confirmFor(s, normalPriority))}
          />
          <nav class="actions">
            <button type="button" class="secondary" onClick={goHome}>
              {t(lang, 'back')}
            </button>
          </nav>
        </section>
      );
      break;
    case 'info': {
      const s = service(screen.serviceId);
      body = s ? <Info lang={lang} service={s} back={() => setScreen(screen.from)} /> : <span />;
      break;
    }
    case 'confirm': {
      const s = service(screen.serviceId);
      if (!s) {
        body = <span />;
        break;
      }
      body = (
        <section class="confirm">
          <h2 class="service-title">{localized(lang, s.title)}</h2>
          <p class="queue-line">
            {localDigits(lang, s.waiting)} {t(lang, 'waiting')} · {etaText(lang, { ...s, ahead: s.waiting }, 'alone')}
          </p>
          <button
            type="button"
            class="secondary wide"
            data-testid="info"
            onClick={() => setScreen({ name: 'info', serviceId: s.id, from: screen })}
          >
            {t(lang, 'info')}
          </button>
          <fieldset class="priorities">
            <legend>{t(lang, 'priority')}</legend>
            {snap.priorities.map((p) => (
              <button
                type="button"
                key={p.id}
                class={`chip ${screen.priority === p.id ? 'on' : ''}`}
                aria-pressed={screen.priority === p.id}
                data-testid={`priority-${p.id}`}
                onClick={() => setScreen({ ...screen, priority: p.id })}
              >
                {localized(lang, p.title)}
              </button>
            ))}
          </fieldset>
          <div class="optional">
            <button
              type="button"
              class="secondary"
              data-testid="mobile"
              onClick={() => setScreen({ ...screen, pad: 'mobile' })}
            >
              {t(lang, 'mobile')}
              {screen.mobile && <b dir="ltr"> {localDigits(lang, screen.mobile)}</b>}
            </button>
            <button
              type="button"
              class="secondary"
              data-testid="national-id"
              onClick={() => setScreen({ ...screen, pad: 'nationalId' })}
            >
              {t(lang, 'nationalId')}
              {screen.nationalId && <b dir="ltr"> {localDigits(lang, screen.nationalId)}</b>}
            </button>
          </div>
          <button type="button" class="primary huge" data-testid="take" onClick={() => void take(screen)}>
            {t(lang, 'takeTicket')}
          </button>
          <nav class="actions">
            <button type="button" class="secondary" onClick={() => setScreen({ name: 'services', groupId: s.groupId })}>
              {t(lang, 'back')}
            </button>
          </nav>
          {/* Not over the out-of-service notice: a modal dialog would sit above it. */}
          {screen.pad && link === 'online' && (
            <NumberPad
              lang={lang}
              kind={screen.pad}
              initial={screen.pad === 'mobile' ? screen.mobile : screen.nationalId}
              onCancel={() => setScreen({ ...screen, pad: undefined })}
              onDone={(v) =>
                setScreen({
                  ...screen,
                  pad: undefined,
                  ...(screen.pad === 'mobile' ? { mobile: v } : { nationalId: v }),
                })
              }
            />
          )}
        </section>
      );
      break;
    }
    case 'sending':
      body = (
        <section class="center">
          <p class="big-message" data-heading>
            {t(lang, 'sending')}
          </p>
        </section>
      );
      break;
    case 'refused':
      body = (
        <section class="center">
          <p class="big-message" role="alert" data-heading data-testid="refused">
            {screen.message}
          </p>
          <button type="button" class="primary" onClick={goHome}>
            {t(lang, 'home')}
          </button>
        </section>
      );
      break;
    case 'result': {
      const s = service(screen.ticket.serviceId);
      body = (
        <Result
          lang={lang}
          ticket={screen.ticket}
          serviceTitle={s ? localized(lang, s.title) : ''}
          print={screen.print}
          done={nextVisitor}
        />
      );
      break;
    }
  }

  return (
    <div class="kiosk">
      {header}
      {screen.name !== 'result' && <PrinterNotice lang={lang} status={snap.printer} />}
      <main ref={mainRef}>{body}</main>
      {link !== 'online' && screen.name !== 'sending' && screen.name !== 'result' && (
        <div class="overlay" data-testid="out-of-service">
          <p class="big-message">{t(lang, 'outOfService')}</p>
          <p>{t(lang, 'outOfServiceHint')}</p>
        </div>
      )}
    </div>
  );
}

/** What tells one screen from another for focus: not a priority picked or a pad opened on it. */
function screenKey(s: Screen): string {
  switch (s.name) {
    case 'services':
      return `services:${s.groupId}`;
    case 'info':
      return `info:${s.serviceId}`;
    case 'confirm':
      return `confirm:${s.requestId}`;
    case 'result':
      return `result:${s.ticket.id}`;
    default:
      return s.name;
  }
}

function confirmFor(s: ServiceSummary, priority: string): Screen {
  return {
    name: 'confirm',
    serviceId: s.id,
    requestId: newRequestId(),
    priority,
    mobile: '',
    nationalId: '',
  };
}

function ServiceList(props: { lang: Lang; services: ServiceSummary[]; pick: (s: ServiceSummary) => void }) {
  const { lang } = props;
  const reason = (s: ServiceSummary) =>
    s.unavailable === 'inactive'
      ? t(lang, 'closed')
      : s.unavailable === 'capacity-reached'
        ? t(lang, 'full')
        : s.unavailable === 'branch-closed'
          ? t(lang, 'branchClosed')
          : null;
  return (
    <div class="tiles">
      {props.services.map((s) => {
        const why = reason(s);
        return (
          <button
            type="button"
            key={s.id}
            class={`tile ${why ? 'unavailable' : ''}`}
            disabled={why !== null}
            data-testid={`service-${s.id}`}
            onClick={() => props.pick(s)}
          >
            <span class="tile-title">{localized(lang, s.title)}</span>
            <span class="tile-meta">
              {why ?? (
                <>
                  {localDigits(lang, s.waiting)} {t(lang, 'waiting')} ·{' '}
                  {etaText(lang, { ...s, ahead: s.waiting }, 'alone')}
                </>
              )}
            </span>
          </button>
        );
      })}
    </div>
  );
}

function Info(props: { lang: Lang; service: ServiceSummary; back: () => void }) {
  const { lang, service } = props;
  const i = service.info;
  return (
    <section class="info" data-testid="info-page">
      <h2 class="service-title">{localized(lang, service.title)}</h2>
      <h3>{t(lang, 'documents')}</h3>
      <ul>
        {i.requiredDocuments.map((d) => (
          <li key={d.id}>{localized(lang, d.title)}</li>
        ))}
      </ul>
      <h3>{t(lang, 'steps')}</h3>
      <ol>
        {i.steps.map((x, n) => (
          // A step given in Persian only stays Persian (and right to left) on the English screen.
          <li key={`${n}`}>
            <bdi>{localized(lang, x)}</bdi>
          </li>
        ))}
      </ol>
      <h3>{t(lang, 'duration')}</h3>
      <p data-testid="info-duration">{durationText(lang, i.averageDuration.value, i.averageDuration.unit)}</p>
      <h3>{t(lang, 'fees')}</h3>
      {i.fees.length === 0 ? (
        <p>{t(lang, 'free')}</p>
      ) : (
        <ul>
          {i.fees.map((f, n) => (
            <li key={`${n}`} data-testid="info-fee">
              <bdi>{localized(lang, f.title)}</bdi>:{' '}
              {f.amountRials ? `${localDigits(lang, f.amountRials)} ${t(lang, 'rials')}` : '—'} (
              <bdi>{localized(lang, f.legalBasis)}</bdi>)
            </li>
          ))}
        </ul>
      )}
      <h3>{t(lang, 'responsible')}</h3>
      <p>
        <bdi>{localized(lang, i.responsible.name)}</bdi> — <bdi>{localized(lang, i.responsible.post)}</bdi>
        {i.responsible.phone && (
          <>
            {' — '}
            <bdi dir="ltr">{localDigits(lang, i.responsible.phone)}</bdi>
          </>
        )}
      </p>
      <nav class="actions">
        <button type="button" class="primary" onClick={props.back}>
          {t(lang, 'back')}
        </button>
      </nav>
    </section>
  );
}

function Result(props: {
  lang: Lang;
  ticket: IssuedTicket;
  serviceTitle: string;
  print: 'printing' | 'printed' | 'failed' | 'paper-out';
  done: () => void;
}) {
  const { lang, ticket, print } = props;
  const [qr, setQr] = useState('');
  useEffect(() => {
    QRCode.toString(ticket.trackingUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then(setQr, () =>
      setQr(''),
    );
  }, [ticket.trackingUrl]);
  return (
    <section class="result" data-testid="result">
      <p class="label" data-heading>
        {t(lang, 'yourNumber')}
      </p>
      <p class="number" data-testid="number">
        {localDigits(lang, ticket.number)}
      </p>
      <p class="service-title">{props.serviceTitle}</p>
      <p class="queue-line">
        <span data-testid="ahead">
          {localDigits(lang, ticket.ahead)} {t(lang, 'ahead')}
        </span>
        {' · '}
        <span data-testid="eta">
          {t(lang, 'estimate')}: {etaText(lang, ticket)}
        </span>
      </p>
      <p class="when">
        {jalaliDate(ticket.issuedAt, lang)} — {clockTime(ticket.issuedAt, lang)}
      </p>
      <div class="print-status" role="status" data-testid="print-status" data-state={print}>
        {print === 'printing' && t(lang, 'printing')}
        {print === 'printed' && t(lang, 'printed')}
        {print === 'failed' && t(lang, 'printFailed')}
        {print === 'paper-out' && `${t(lang, 'paperOut')} ${t(lang, 'printFailed')}`}
      </div>
      <figure class="qr" data-testid="qr" data-url={ticket.trackingUrl}>
        <div dangerouslySetInnerHTML={{ __html: qr }} />
        <figcaption>{t(lang, 'scanToTrack')}</figcaption>
      </figure>
      <button type="button" class="primary" data-testid="done" onClick={props.done}>
        {t(lang, 'done')}
      </button>
    </section>
  );
}

function OutOfService(props: { lang: Lang; configured: boolean }) {
  const { lang } = props;
  return (
    <div class="kiosk">
      <div class="overlay solid" data-testid="out-of-service">
        <p class="big-message">{t(lang, props.configured ? 'outOfService' : 'notConfigured')}</p>
        {props.configured && <p>{t(lang, 'outOfServiceHint')}</p>}
      </div>
    </div>
  );
}
