// The branch's Alerts page (open alerts on top with Acknowledge, history below with who acknowledged
// and when) and its Device health page (every device with its status colour, last seen, firmware and
// the day's counts). Both follow the /supervisor socket: a new alert or a device's change shows at once.
import { errorText, formatDateTime } from '@nobat/client';
import { Banner, Button, type Column, Table } from '@nobat/client/preact';
import {
  type Alert,
  AlertPage,
  Alert as AlertSchema,
  type DeviceHealth,
  type Lang,
  localDigits,
} from '@nobat/protocol';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { LoadFailed } from '../load-failed.tsx';
import { PageHead } from '../shell.tsx';
import { AlertsStrip, alertSubject, StatusMark } from './components.tsx';
import { type HealthLive, useHealthLive } from './live.ts';
import { KIND_TEXT, RULE_TEXT, w } from './words.ts';

const PAGE = 50;
const alertsPath = (branchId: string) => `/api/v1/branches/${encodeURIComponent(branchId)}/alerts`;

/** Acknowledging alerts: the call, which ones are under way, and the last failure. */
export function useAck(branchId: string, onDone?: () => void) {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const ack = useCallback(
    async (a: Alert) => {
      setBusy((s) => new Set([...s, a.id]));
      setError(null);
      try {
        await api.post(AlertSchema, `${alertsPath(branchId)}/${encodeURIComponent(a.id)}/ack`);
        onDone?.();
      } catch (err) {
        setError(err);
      } finally {
        setBusy((s) => new Set([...s].filter((id) => id !== a.id)));
      }
    },
    [branchId, onDone],
  );
  return { ack, busy, error };
}

function LiveMark(props: { lang: Lang; live: HealthLive }) {
  return props.live.online ? (
    <span class="health-live" data-testid="health-live">
      <span class="health-status health-status--ok">
        <span class="health-status__dot" aria-hidden="true" />
        {w(props.lang, 'live')}
      </span>
    </span>
  ) : null;
}

export function AlertsPage(props: { lang: Lang; branchId: string }) {
  const { lang, branchId } = props;
  const live = useHealthLive(branchId);
  const [history, setHistory] = useState<Alert[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // The first page of the history, read again whenever an alert is raised or changes.
  useEffect(() => {
    let current = true;
    api.get(AlertPage, `${alertsPath(branchId)}?state=all&limit=${PAGE}`).then(
      (p) => {
        if (!current) return;
        setHistory(p.alerts);
        setNext(p.next);
        setLoadError(null);
      },
      (err: unknown) => current && setLoadError(err),
    );
    return () => {
      current = false;
    };
  }, [branchId, live.alertStamp, tick]);

  const more = async () => {
    if (!next) return;
    const p = await api.get(
      AlertPage,
      `${alertsPath(branchId)}?state=all&limit=${PAGE}&before=${encodeURIComponent(next)}`,
    );
    setHistory((h) => [...h, ...p.alerts]);
    setNext(p.next);
  };
  const { ack, busy, error } = useAck(branchId);

  const columns: Column<Alert>[] = [
    {
      key: 'raised',
      header: w(lang, 'colRaised'),
      cell: (a) => <time dateTime={a.raisedAt}>{formatDateTime(lang, a.raisedAt)}</time>,
    },
    { key: 'rule', header: w(lang, 'colAlert'), cell: (a) => <strong>{RULE_TEXT[a.rule][lang]}</strong> },
    { key: 'subject', header: w(lang, 'colWhere'), cell: (a) => alertSubject(lang, a, live.view) },
    {
      key: 'state',
      header: w(lang, 'colState'),
      cell: (a) =>
        a.state === 'open' ? (
          w(lang, 'stateOpen')
        ) : (
          <>
            {w(lang, 'stateResolved')}{' '}
            {a.resolvedAt && (
              <span class="muted">
                <time dateTime={a.resolvedAt}>{formatDateTime(lang, a.resolvedAt)}</time>
              </span>
            )}
          </>
        ),
    },
    {
      key: 'ack',
      header: w(lang, 'colAck'),
      cell: (a) =>
        a.acked ? (
          <span data-testid="history-acked">
            <bdi data-user-text>{a.acked.by.name}</bdi> ·{' '}
            <bdi>
              <time dateTime={a.acked.at}>{formatDateTime(lang, a.acked.at)}</time>
            </bdi>
          </span>
        ) : (
          <span class="muted">{w(lang, 'notAcked')}</span>
        ),
    },
  ];

  return (
    <>
      <PageHead
        title={w(lang, 'alertsTitle')}
        intro={w(lang, 'alertsIntro')}
        actions={<LiveMark lang={lang} live={live} />}
        testId="page-title"
      />
      {!live.online && live.view && (
        <Banner tone="warn" testId="health-offline">
          <p>{w(lang, 'offlineLink')}</p>
        </Banner>
      )}
      {error !== null && (
        <Banner tone="error" testId="ack-error">
          <p>{errorText(lang, error)}</p>
        </Banner>
      )}
      <section class="health-section card" aria-labelledby="open-alerts">
        <h2 id="open-alerts">
          {w(lang, 'openAlerts')} ({localDigits(lang, live.alerts.length)})
        </h2>
        <AlertsStrip lang={lang} alerts={live.alerts} view={live.view} onAck={ack} busy={busy} />
      </section>
      <section class="health-section" aria-labelledby="alert-history">
        <h2 id="alert-history">{w(lang, 'history')}</h2>
        {loadError !== null ? (
          <LoadFailed lang={lang} error={loadError} onReload={() => setTick((n) => n + 1)} />
        ) : (
          <Table
            caption={w(lang, 'history')}
            columns={columns}
            rows={history}
            rowKey={(a) => a.id}
            empty={w(lang, 'noHistory')}
            testId="alert-history"
          />
        )}
        {next && (
          <Button onClick={() => void more()} data-testid="alerts-more">
            {w(lang, 'more')}
          </Button>
        )}
      </section>
    </>
  );
}

export function DeviceHealthPage(props: { lang: Lang; branchId: string }) {
  const { lang, branchId } = props;
  const live = useHealthLive(branchId);
  const counterNumber = (id: string | undefined) => live.view?.counters.find((c) => c.id === id)?.number;
  const where = (d: DeviceHealth): string => {
    const n = counterNumber(d.counterId);
    if (d.counterId) return `${w(lang, 'counter')} ${n !== undefined ? localDigits(lang, n) : d.counterId}`;
    if (d.kioskId) return `${w(lang, 'kiosk')} ${d.kioskId}`;
    return '—';
  };
  const columns: Column<DeviceHealth>[] = [
    {
      key: 'device',
      header: w(lang, 'colDevice'),
      cell: (d) => <bdi dir="ltr">{d.deviceId}</bdi>,
      sortBy: (d) => d.deviceId,
    },
    { key: 'kind', header: w(lang, 'colKind'), cell: (d) => KIND_TEXT[d.kind][lang], sortBy: (d) => d.kind },
    { key: 'where', header: w(lang, 'colWhere'), cell: where },
    {
      key: 'status',
      header: w(lang, 'colStatus'),
      cell: (d) => (
        <>
          <StatusMark lang={lang} status={d.status} />
          {d.detail && <div class="muted">{d.detail}</div>}
        </>
      ),
      sortBy: (d) => d.status,
    },
    {
      key: 'since',
      header: w(lang, 'colSince'),
      cell: (d) => <time dateTime={d.since}>{formatDateTime(lang, d.since)}</time>,
    },
    {
      key: 'seen',
      header: w(lang, 'colLastSeen'),
      cell: (d) => <time dateTime={d.lastSeen}>{formatDateTime(lang, d.lastSeen)}</time>,
      sortBy: (d) => d.lastSeen,
    },
    {
      key: 'firmware',
      header: w(lang, 'colFirmware'),
      cell: (d) => (d.firmware ? <bdi dir="ltr">{d.firmware}</bdi> : <span class="muted">{w(lang, 'unknown')}</span>),
    },
    {
      key: 'offline',
      header: w(lang, 'colOffline'),
      cell: (d) => localDigits(lang, d.offlineCount),
      numeric: true,
      sortBy: (d) => d.offlineCount,
    },
    {
      key: 'errors',
      header: w(lang, 'colErrors'),
      cell: (d) => localDigits(lang, d.errorCount),
      numeric: true,
      sortBy: (d) => d.errorCount,
    },
  ];
  return (
    <>
      <PageHead
        title={w(lang, 'devicesTitle')}
        intro={w(lang, 'devicesIntro')}
        actions={<LiveMark lang={lang} live={live} />}
        testId="page-title"
      />
      {!live.online && live.view && (
        <Banner tone="warn" testId="health-offline">
          <p>{w(lang, 'offlineLink')}</p>
        </Banner>
      )}
      <Table
        caption={w(lang, 'devicesTitle')}
        columns={columns}
        rows={live.devices}
        rowKey={(d) => d.deviceId}
        empty={live.view ? w(lang, 'noDevices') : '…'}
        testId="device-health"
      />
    </>
  );
}
