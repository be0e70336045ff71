// [SV1–SV4] The supervisor's live floor of a branch: every sub-service's queue against its target,
// every counter and its clerk, and the actions a supervisor takes on the clerk's behalf. Followed
// over the /supervisor socket (snapshot + events through the shared fold, plus throttled
// floor:stats); no refetch per event. `?tv=1` is the wall screen: no menu, larger, no actions.
import { ApiError, connectSocket, path } from '@nobat/client';
import { Banner, Button, useBranchLive } from '@nobat/client/preact';
import {
  type CounterStatus,
  FloorCounterAnswer,
  type FloorStats,
  type Lang,
  localDigits,
  localized,
  MovedTicket,
  StaffTicket,
  type SupervisorClientEvents,
  type SupervisorServerEvents,
  type SupervisorSnapshot,
} from '@nobat/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { api } from '../api.ts';
import { navigate } from '../router.tsx';
import { ActionDialog, type Dialog } from './dialogs.tsx';
import { type CounterRow, type FloorRows, floorRows, newerStats, type ServiceRow, type WaitingRow } from './model.ts';
import { floorSlot } from './slots.ts';
import { clockDuration, type LiveWord, w } from './words.ts';
import './live.css';

type FloorSocket = Socket<SupervisorServerEvents, SupervisorClientEvents>;

const STATUS_WORD: Record<CounterStatus, LiveWord> = {
  open: 'statusOpen',
  paused: 'statusPaused',
  closed: 'statusClosed',
};

/** The clock, ticking each second, set to the server's time by the last snapshot. */
function useServerNow(serverTime: string | undefined): number {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (serverTime) setOffset(Date.parse(serverTime) - Date.now());
  }, [serverTime]);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + offset;
}

export function LiveFloorPage(props: { branchId: string; lang: Lang; wall: boolean }) {
  const { branchId, lang, wall } = props;
  const [stats, setStats] = useState<FloorStats | null>(null);
  const { live, online, refusal, socket } = useBranchLive<SupervisorSnapshot, FloorSocket>(
    () => connectSocket('/supervisor', { auth: { branchId } }),
    branchId,
    {
      retryAfterServerClose: 500,
      onChange: (change) => {
        if (change.event.type === 'snapshot') setStats(change.event.payload.floor);
      },
    },
  );
  useEffect(() => {
    if (!socket) return;
    const onStats = (s: FloorStats) => setStats((shown) => newerStats(shown, s));
    socket.on('floor:stats', onStats);
    return () => {
      socket.off('floor:stats', onStats);
    };
  }, [socket]);

  const now = useServerNow(live?.view.serverTime);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const rows = useMemo(() => (live && stats ? floorRows(live, stats, now) : null), [live, stats, now]);
  const Devices = floorSlot('devices');
  const Alerts = floorSlot('alerts');

  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      setDialog(null);
      setNotice({ tone: 'success', text: w(lang, 'done') });
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? localized(lang, err.text) : String(err) });
      setDialog(null);
    }
  };
  const base = path('/api/v1/branches', branchId, 'supervise');
  const counterAction = (counterId: string, action: string, body?: unknown) =>
    act(() => api.post(FloorCounterAnswer, `${base}/counters/${encodeURIComponent(counterId)}/${action}`, body));

  return (
    <div class={`lf${wall ? ' lf--wall' : ''}`} data-testid="live-floor" dir={lang === 'fa' ? 'rtl' : 'ltr'}>
      <div class="lf-head">
        <div>
          <h1 class="lf-title" data-heading tabIndex={-1}>
            {w(lang, 'title')}
            {live && <span class="lf-branch"> — {localized(lang, live.view.branchName)}</span>}
          </h1>
          {!wall && <p class="lf-intro">{w(lang, 'intro')}</p>}
        </div>
        <div class="lf-head__side">
          <span class={`lf-online lf-online--${online ? 'on' : 'off'}`} data-testid="live-online" role="status">
            {online ? w(lang, 'online') : live ? w(lang, 'offline') : w(lang, 'connecting')}
          </span>
          <span class="lf-clock" dir="ltr">
            {new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', {
              hour: '2-digit',
              minute: '2-digit',
              timeZone: 'Asia/Tehran',
            }).format(now)}
          </span>
          <Button
            small
            variant="secondary"
            data-testid="wall-toggle"
            onClick={() => navigate(`/branches/${encodeURIComponent(branchId)}/live${wall ? '' : '?tv=1'}`)}
          >
            {wall ? w(lang, 'leaveWall') : w(lang, 'wall')}
          </Button>
        </div>
      </div>
      {refusal && (
        <Banner tone="error" testId="live-refused">
          <p>{refusal === 'forbidden' ? w(lang, 'refusedForbidden') : w(lang, 'refusedOther')}</p>
        </Banner>
      )}
      {notice && !wall && (
        <Banner
          tone={notice.tone}
          testId="live-notice"
          actions={
            <Button small variant="ghost" onClick={() => setNotice(null)}>
              {w(lang, 'closeDialog')}
            </Button>
          }
        >
          <p>{notice.text}</p>
        </Banner>
      )}
      {/* Alerts slot: filled by console/src/health (registerFloorSlot('alerts', …)). */}
      {Alerts && (
        <section class="lf-slot lf-slot--alerts" data-slot="alerts" aria-label={w(lang, 'alertsSlot')}>
          <Alerts branchId={branchId} lang={lang} wall={wall} />
        </section>
      )}
      {rows && (
        <Floor
          rows={rows}
          lang={lang}
          wall={wall}
          onDialog={setDialog}
          onResume={(c) => counterAction(c.counterId, 'resume')}
          devices={
            Devices && (
              <section class="lf-slot lf-slot--devices" data-slot="devices" aria-label={w(lang, 'devicesSlot')}>
                <Devices branchId={branchId} lang={lang} wall={wall} />
              </section>
            )
          }
        />
      )}
      {dialog && live && rows && (
        <ActionDialog
          dialog={dialog}
          lang={lang}
          view={live.view}
          counters={rows.counters}
          onClose={() => setDialog(null)}
          onOpen={(c, clerkId) => counterAction(c.counterId, 'open', { clerkId })}
          onPause={(c, reason) => counterAction(c.counterId, 'pause', { reason })}
          onCloseCounter={(c) => counterAction(c.counterId, 'close')}
          onMove={(t, target) =>
            act(() => api.post(MovedTicket, `${base}/tickets/${encodeURIComponent(t.id)}/move`, target))
          }
          onCancel={(t, reason) =>
            act(() => api.post(StaffTicket, path('/api/v1/tickets', t.id, 'cancel'), { reason }))
          }
        />
      )}
    </div>
  );
}

function Floor(props: {
  rows: FloorRows;
  lang: Lang;
  wall: boolean;
  onDialog: (d: Dialog) => void;
  onResume: (c: CounterRow) => void;
  devices: ComponentChildren;
}) {
  const { lang, wall, rows } = props;
  const serviceTitle = (id: string) =>
    localized(lang, rows.services.find((s) => s.serviceId === id)?.title ?? { fa: id });
  return (
    <div class="lf-grid">
      <section class="lf-section lf-services" aria-labelledby="lf-services">
        <h2 id="lf-services">{w(lang, 'services')}</h2>
        <table class="lf-table">
          <thead>
            <tr>
              <th scope="col">{w(lang, 'service')}</th>
              <th scope="col">{w(lang, 'waiting')}</th>
              <th scope="col">{w(lang, 'longestWait')}</th>
              <th scope="col">{w(lang, 'target')}</th>
              <th scope="col">{w(lang, 'lastInLine')}</th>
              <th scope="col">{w(lang, 'servedToday')}</th>
              <th scope="col">{w(lang, 'noShowsToday')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.services.map((s) => (
              <ServiceRowView key={s.serviceId} s={s} lang={lang} />
            ))}
          </tbody>
        </table>
      </section>
      <section class="lf-section lf-counters" aria-labelledby="lf-counters">
        <h2 id="lf-counters">{w(lang, 'counters')}</h2>
        <div class="lf-cards lf-cards--counters">
          {rows.counters.map((c) => (
            <CounterCard
              key={c.counterId}
              c={c}
              lang={lang}
              wall={wall}
              serviceTitle={serviceTitle}
              onDialog={props.onDialog}
              onResume={props.onResume}
            />
          ))}
        </div>
      </section>
      {props.devices}
      {!wall && (
        <section class="lf-section lf-waiting" aria-labelledby="lf-waiting">
          <h2 id="lf-waiting">{w(lang, 'waitingTickets')}</h2>
          {rows.waiting.size === 0 && <p class="lf-muted">{w(lang, 'noWaiting')}</p>}
          {rows.services
            .filter((s) => rows.waiting.has(s.serviceId))
            .map((s) => (
              <div class="lf-queue" key={s.serviceId} data-testid={`queue-${s.serviceId}`}>
                <h3>{localized(lang, s.title)}</h3>
                <ul>
                  {(rows.waiting.get(s.serviceId) ?? []).map((r) => (
                    <WaitingItem
                      key={r.ticket.id}
                      r={r}
                      lang={lang}
                      counters={rows.counters}
                      onDialog={props.onDialog}
                    />
                  ))}
                </ul>
              </div>
            ))}
        </section>
      )}
    </div>
  );
}

function ServiceRowView(props: { s: ServiceRow; lang: Lang }) {
  const { s, lang } = props;
  const eta =
    s.waiting === 0
      ? w(lang, 'nobody')
      : s.etaPending
        ? '…'
        : s.etaMinutes !== null
          ? w(lang, 'minutes', { n: s.etaMinutes })
          : w(lang, s.etaUnknown === 'counter-closed' ? 'counterClosedEta' : 'noCounterOpen');
  return (
    <tr class={`lf-tone--${s.tone}`} data-testid={`service-${s.serviceId}`} data-tone={s.tone}>
      <th scope="row" class="lf-service-name">
        {localized(lang, s.title)}
      </th>
      <td class="lf-num lf-waiting-n" data-testid="waiting-count">
        {localDigits(lang, s.waiting)}
      </td>
      <td data-testid="longest-wait">
        {s.waiting === 0 ? (
          w(lang, 'nobody')
        ) : (
          <span class={`lf-chip lf-chip--${s.tone}`}>
            <span dir="ltr">{clockDuration(lang, s.longestWaitMs)}</span> · {w(lang, s.tone)}
          </span>
        )}
      </td>
      <td class="lf-num">{w(lang, 'minutes', { n: Math.round(s.targetWaitMs / 60_000) })}</td>
      <td data-testid="last-eta" data-pending={s.etaPending ? 'true' : undefined}>
        {eta}
      </td>
      <td class="lf-num" data-testid="served-today">
        {localDigits(lang, s.servedToday)}
      </td>
      <td class="lf-num">{localDigits(lang, s.noShowsToday)}</td>
    </tr>
  );
}

function CounterCard(props: {
  c: CounterRow;
  lang: Lang;
  wall: boolean;
  serviceTitle: (id: string) => string;
  onDialog: (d: Dialog) => void;
  onResume: (c: CounterRow) => void;
}) {
  const { c, lang } = props;
  return (
    <article
      class={`lf-card lf-counter lf-counter--${c.status}`}
      data-testid={`counter-${c.counterId}`}
      data-status={c.status}
    >
      <div class="lf-counter__head">
        <h3 class="lf-card__title">{w(lang, 'counterN', { n: c.number })}</h3>
        <span class={`lf-status lf-status--${c.status}`} data-testid="counter-status">
          {w(lang, STATUS_WORD[c.status])}
        </span>
      </div>
      <p class="lf-counter__clerk">
        {w(lang, 'clerk')}: <strong>{c.clerk?.name ?? w(lang, 'noClerk')}</strong>
      </p>
      {c.current ? (
        <p class="lf-counter__ticket" data-testid="counter-current">
          <strong class="lf-ticket-number" dir="ltr">
            {localDigits(lang, c.current.number)}
          </strong>{' '}
          {props.serviceTitle(c.current.serviceId)} · {w(lang, c.current.status === 'serving' ? 'serving' : 'calling')}{' '}
          <span class="lf-timer" dir="ltr" data-testid="serving-time">
            {clockDuration(lang, c.current.servingMs)}
          </span>
        </p>
      ) : c.status === 'open' ? (
        <p class="lf-muted">{w(lang, 'idle')}</p>
      ) : null}
      {c.status === 'paused' && (
        <p class="lf-counter__pause" data-testid="pause-info">
          {w(lang, 'reason')}: <strong>{c.pauseReason}</strong>
          {c.pausedMs !== null && (
            <>
              {' '}
              · {w(lang, 'pausedFor')}{' '}
              <span class="lf-timer" dir="ltr">
                {clockDuration(lang, c.pausedMs)}
              </span>
            </>
          )}
        </p>
      )}
      {!props.wall && (
        <div class="lf-actions">
          {c.status === 'closed' && (
            <Button small data-testid="counter-open" onClick={() => props.onDialog({ kind: 'open', counter: c })}>
              {w(lang, 'open')}
            </Button>
          )}
          {c.status === 'open' && (
            <Button
              small
              data-testid="counter-pause"
              disabled={c.current !== null}
              onClick={() => props.onDialog({ kind: 'pause', counter: c })}
            >
              {w(lang, 'pause')}
            </Button>
          )}
          {c.status === 'paused' && (
            <Button small data-testid="counter-resume" onClick={() => props.onResume(c)}>
              {w(lang, 'resume')}
            </Button>
          )}
          {c.status !== 'closed' && (
            <Button
              small
              variant="danger"
              data-testid="counter-close"
              disabled={c.current !== null}
              onClick={() => props.onDialog({ kind: 'close', counter: c })}
            >
              {w(lang, 'close')}
            </Button>
          )}
        </div>
      )}
    </article>
  );
}

function WaitingItem(props: { r: WaitingRow; lang: Lang; counters: CounterRow[]; onDialog: (d: Dialog) => void }) {
  const { r, lang } = props;
  const target = r.ticket.targetCounterId
    ? props.counters.find((c) => c.counterId === r.ticket.targetCounterId)
    : undefined;
  return (
    <li class="lf-waiting-item" data-testid={`waiting-${r.ticket.number}`}>
      <strong class="lf-ticket-number" dir="ltr">
        {localDigits(lang, r.ticket.number)}
      </strong>
      <span class="lf-muted">
        {w(lang, 'waitedFor')} <span dir="ltr">{clockDuration(lang, r.waitedMs)}</span>
        {target && <> · {w(lang, 'sentTo', { n: target.number })}</>}
      </span>
      <span class="lf-actions">
        <Button small data-testid="ticket-move" onClick={() => props.onDialog({ kind: 'move', ticket: r.ticket })}>
          {w(lang, 'move')}
        </Button>
        <Button
          small
          variant="danger"
          data-testid="ticket-cancel"
          onClick={() => props.onDialog({ kind: 'cancel', ticket: r.ticket })}
        >
          {w(lang, 'cancel')}
        </Button>
      </span>
    </li>
  );
}
