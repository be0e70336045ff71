// A bridge's page (/console/branches/:branchId/bridges/:deviceId): its bus as a table of addresses —
// answering, silent, two devices on one address, answering without being configured — with what each
// device says of itself, its last answer and its error counts; a test pattern for each LED, a test
// slip for each printer, and a scan of the free addresses, each showing its result. Refreshed every
// few seconds (the bridge sends a report whenever a state changes).
import { errorText, formatDateTime } from '@nobat/client';
import { Banner, Button, type Column, Table } from '@nobat/client/preact';
import {
  type BridgeBusView,
  BridgeBusView as BridgeBusViewSchema,
  type BridgeTestRequest,
  BridgeTestResult,
  type BusAddressReport,
  type BusReport,
  CounterSummary,
  type Lang,
  localDigits,
} from '@nobat/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { api } from '../api.ts';
import { counterLabel } from '../i18n.ts';
import { useLoad } from '../load.ts';
import { LoadFailed } from '../load-failed.tsx';
import { Link } from '../router.tsx';
import { PageHead } from '../shell.tsx';
import { type BusWord, w } from './words.ts';
import './bus.css';

/** How often the page asks for the bridge's latest report. */
const REFRESH_MS = 4_000;

type Printer = BusReport['printers'][number];
type Outcome = { tone: 'success' | 'error'; text: string; key: string };

export function BridgePage(props: { branchId: string; deviceId: string; lang: Lang }) {
  const { branchId, deviceId, lang } = props;
  const base = `/api/v1/branches/${encodeURIComponent(branchId)}/bridges/${encodeURIComponent(deviceId)}`;
  const view = useLoad(() => api.get(BridgeBusViewSchema, `${base}/bus`), [base]);
  const counters = useLoad(
    () => api.get(z.array(CounterSummary), `/api/v1/branches/${encodeURIComponent(branchId)}/counters`),
    [branchId],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    const timer = setInterval(() => view.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [view.reload]);

  const counterName = (id: string) => {
    const c = counters.data?.find((x) => x.id === id);
    return c ? counterLabel(lang, c) : id;
  };

  const run = async (key: string, request: BridgeTestRequest, done: (r: BridgeTestResult) => Outcome) => {
    setBusy(key);
    setOutcome(null);
    try {
      const r = await api.post(BridgeTestResult, `${base}/test`, request);
      setOutcome(done(r));
      view.reload();
    } catch (err) {
      setOutcome({ tone: 'error', text: errorText(lang, err), key });
    } finally {
      setBusy(null);
    }
  };
  const statusWord = (s: string | null | undefined) => w(lang, (s ?? 'unknown') as BusWord);

  const pattern = (a: BusAddressReport, busId: string) =>
    run(`led-${busId}-${a.address}`, { kind: 'led-pattern', address: a.address, busId }, () => ({
      tone: 'success',
      text: w(lang, 'patternShown', { address: localDigits(lang, a.address) }),
      key: `led-${busId}-${a.address}`,
    }));
  const testPrint = (p: Printer) =>
    run(`print-${p.kioskId}`, { kind: 'test-print', kioskId: p.kioskId }, (r) => ({
      tone: r.ok ? 'success' : 'error',
      text: w(lang, r.ok ? 'printed' : 'notPrinted', { printer: p.deviceId, status: statusWord(r.status) }),
      key: `print-${p.kioskId}`,
    }));
  const scan = (busId: string) =>
    run(`scan-${busId}`, { kind: 'scan', busId }, () => ({ tone: 'success', text: w(lang, 'scanned'), key: 'scan' }));

  const data: BridgeBusView | undefined = view.data;
  const report = data?.report ?? null;

  return (
    <div class="bus-page" data-testid="bridge-page">
      <PageHead
        title={`${w(lang, 'title')} ${deviceId}`}
        intro={w(lang, 'intro')}
        actions={
          <Link class="ui-button" to="/devices">
            {w(lang, 'back')}
          </Link>
        }
      />
      {view.error !== null && !data && <LoadFailed lang={lang} error={view.error} onReload={view.reload} />}
      {data && (
        <Banner tone={data.connected ? 'success' : 'warn'} testId="bridge-connection">
          <p>
            {w(lang, data.connected ? 'connected' : 'notConnected')}
            {data.receivedAt && (
              <>
                {' '}
                {w(lang, 'reportAt')}: <span class="bus-nowrap">{formatDateTime(lang, data.receivedAt)}</span>
              </>
            )}
          </p>
        </Banner>
      )}
      {outcome && (
        <Banner tone={outcome.tone} testId="bus-test-result">
          <p>{outcome.text}</p>
        </Banner>
      )}
      {data && !report && (
        <p class="muted" data-testid="bus-no-report">
          {w(lang, 'noReport')}
        </p>
      )}
      {!data && view.loading && <p class="muted">{w(lang, 'loading')}</p>}
      {report?.buses.map((bus) => (
        <section class="bus-line" key={bus.id} data-testid={`bus-${bus.id}`}>
          <div class="bus-line__head">
            <h2>
              {w(lang, 'bus')} <span dir="ltr">{bus.id}</span>
            </h2>
            <p class="muted">
              <code dir="ltr">{bus.path}</code> · {w(lang, bus.open ? 'portOpen' : 'portClosed')} · {w(lang, 'noise')}:{' '}
              {localDigits(lang, bus.noise)}
              {bus.scannedAt && (
                <>
                  {' '}
                  · {w(lang, 'scannedAt')}: {formatDateTime(lang, bus.scannedAt)}
                </>
              )}
            </p>
            <Button
              small
              onClick={() => scan(bus.id)}
              disabled={busy !== null}
              title={w(lang, 'scanHint')}
              data-testid={`scan-${bus.id}`}
            >
              {busy === `scan-${bus.id}` ? w(lang, 'working') : w(lang, 'scan')}
            </Button>
          </div>
          <AddressTable
            lang={lang}
            bus={bus}
            counterName={counterName}
            busy={busy}
            onPattern={(a) => pattern(a, bus.id)}
          />
        </section>
      ))}
      {report && report.printers.length > 0 && (
        <section class="bus-line" data-testid="bus-printers">
          <h2>{w(lang, 'printers')}</h2>
          <Table
            caption={w(lang, 'printers')}
            rowKey={(p: Printer) => p.deviceId}
            rows={report.printers}
            testId="printers-table"
            empty={w(lang, 'none')}
            columns={[
              { key: 'printer', header: w(lang, 'printer'), cell: (p) => <code dir="ltr">{p.deviceId}</code> },
              { key: 'kiosk', header: w(lang, 'kiosk'), cell: (p) => <code dir="ltr">{p.kioskId}</code> },
              {
                key: 'status',
                header: w(lang, 'printerStatus'),
                cell: (p) => (
                  <span class={`bus-state bus-state--printer-${p.status ?? 'unknown'}`}>{statusWord(p.status)}</span>
                ),
              },
              {
                key: 'test',
                header: w(lang, 'actions'),
                srOnlyHeader: true,
                cell: (p) => (
                  <Button
                    small
                    onClick={() => testPrint(p)}
                    disabled={busy !== null}
                    data-testid={`test-print-${p.kioskId}`}
                  >
                    {busy === `print-${p.kioskId}` ? w(lang, 'working') : w(lang, 'testPrint')}
                  </Button>
                ),
              },
            ]}
          />
        </section>
      )}
    </div>
  );
}

function AddressTable(props: {
  lang: Lang;
  bus: BusReport['buses'][number];
  counterName: (id: string) => string;
  busy: string | null;
  onPattern: (a: BusAddressReport) => void;
}) {
  const { lang, bus, counterName, busy } = props;
  const none = <span class="muted">{w(lang, 'none')}</span>;
  const columns = useMemo<Column<BusAddressReport>[]>(
    () => [
      {
        key: 'address',
        header: w(lang, 'address'),
        numeric: true,
        sortBy: (a) => a.address,
        cell: (a) => <strong>{localDigits(lang, a.address)}</strong>,
      },
      {
        key: 'state',
        header: w(lang, 'state'),
        sortBy: (a) => a.state,
        cell: (a) => (
          <span class={`bus-state bus-state--${a.state}`} data-testid={`state-${a.address}`} data-state={a.state}>
            {w(lang, a.state)}
            {a.collision && (
              <span class="bus-state__why">{a.collision.map((c) => w(lang, c)).join(lang === 'fa' ? '، ' : ', ')}</span>
            )}
          </span>
        ),
      },
      {
        key: 'device',
        header: w(lang, 'device'),
        cell: (a) =>
          a.configured.length === 0
            ? none
            : a.configured.map((c) => (
                <div key={c.deviceId}>
                  {w(lang, c.kind)} · {counterName(c.counterId)}
                </div>
              )),
      },
      {
        key: 'reported',
        header: w(lang, 'reported'),
        cell: (a) =>
          a.reported
            ? [a.reported.display && w(lang, 'display'), a.reported.keypad && w(lang, 'keys')]
                .filter(Boolean)
                .join(lang === 'fa' ? ' و ' : ' + ') || none
            : none,
      },
      {
        key: 'firmware',
        header: w(lang, 'firmware'),
        numeric: true,
        cell: (a) => (a.firmware === null ? none : localDigits(lang, a.firmware)),
      },
      {
        key: 'last',
        header: w(lang, 'lastAnswer'),
        sortBy: (a) => a.lastAnswerAt ?? '',
        cell: (a) =>
          a.lastAnswerAt ? (
            <span class="bus-nowrap">{formatDateTime(lang, a.lastAnswerAt)}</span>
          ) : (
            <span class="muted">{w(lang, 'never')}</span>
          ),
      },
      {
        key: 'failures',
        header: w(lang, 'failures'),
        numeric: true,
        sortBy: (a) => a.consecutiveFailures,
        cell: (a) => localDigits(lang, a.consecutiveFailures),
      },
      {
        key: 'errors',
        header: w(lang, 'errors'),
        numeric: true,
        sortBy: (a) => a.garbled + a.missed,
        cell: (a) => (
          <span class="bus-nowrap" title={w(lang, 'garbled')}>
            {localDigits(lang, a.garbled)} / {localDigits(lang, a.missed)}
          </span>
        ),
      },
      {
        key: 'test',
        header: w(lang, 'actions'),
        srOnlyHeader: true,
        cell: (a) =>
          a.configured.some((c) => c.kind === 'led') ? (
            <Button
              small
              onClick={() => props.onPattern(a)}
              disabled={busy !== null || a.state === 'silent'}
              data-testid={`pattern-${a.address}`}
            >
              {busy === `led-${bus.id}-${a.address}` ? w(lang, 'working') : w(lang, 'testPattern')}
            </Button>
          ) : null,
      },
    ],
    [lang, busy, counterName, bus.id],
  );
  return (
    <Table
      caption={`${w(lang, 'bus')} ${bus.id}`}
      columns={columns}
      rows={bus.addresses}
      rowKey={(a) => String(a.address)}
      initialSort={{ key: 'address', dir: 'asc' }}
      empty={w(lang, 'none')}
      sortLabel={w(lang, 'sortBy')}
      testId={`addresses-${bus.id}`}
    />
  );
}
