// Small pieces of alerts and device health, for this folder's pages and for the live floor page:
// <AlertsStrip> (the open alerts, each with its Acknowledge button) and <DevicesColumn> (every device
// with its status colour). Both take their data from props; the page that mounts them follows the
// /supervisor socket (useHealthLive) or its own.
import { formatDateTime, formatTime } from '@nobat/client';
import { Button } from '@nobat/client/preact';
import {
  type Alert,
  type DeviceHealth,
  formatTrackingCode,
  type Lang,
  localDigits,
  localized,
  type StaffSnapshot,
} from '@nobat/protocol';
import { KIND_TEXT, RULE_TEXT, STATUS_TEXT, statusTone, w } from './words.ts';
import './health.css';

/** Names the alert's subject from the branch's view: the ticket, service, counter or device. */
export function alertSubject(lang: Lang, a: Alert, view: Pick<StaffSnapshot, 'services' | 'counters'> | null): string {
  const s = a.subject;
  const service = s.serviceId && view?.services.find((x) => x.id === s.serviceId);
  const counter = s.counterId && view?.counters.find((x) => x.id === s.counterId);
  const parts: string[] = [];
  if (s.number) parts.push(`${lang === 'fa' ? 'نوبت' : 'Ticket'} ${localDigits(lang, s.number)}`);
  if (s.serviceId) parts.push(service ? localized(lang, service.title) : s.serviceId);
  if (s.waiting !== undefined) parts.push(`${localDigits(lang, s.waiting)} ${lang === 'fa' ? 'منتظر' : 'waiting'}`);
  if (s.deviceKind) parts.push(KIND_TEXT[s.deviceKind][lang]);
  if (s.deviceId) parts.push(s.deviceId);
  if (s.counterId) parts.push(counter ? `${w(lang, 'counter')} ${localDigits(lang, counter.number)}` : s.counterId);
  // [RN5] A request past its step's due time: its tracking code, the step and the unit holding it.
  if (s.code) parts.push(`${lang === 'fa' ? 'درخواست' : 'Request'} ${localDigits(lang, formatTrackingCode(s.code))}`);
  if (s.stepTitle) parts.push(s.stepTitle);
  if (s.unit) parts.push(s.unit);
  return parts.join(lang === 'fa' ? '، ' : ', ');
}

/** The status as a coloured mark and its word. */
export function StatusMark(props: { lang: Lang; status: DeviceHealth['status'] }) {
  const tone = statusTone(props.status);
  return (
    <span class={`health-status health-status--${tone}`} data-status={props.status}>
      <span class="health-status__dot" aria-hidden="true" />
      {STATUS_TEXT[props.status][props.lang]}
    </span>
  );
}

export interface AlertsStripProps {
  lang: Lang;
  /** Open alerts, newest first (useHealthLive's `alerts`, or the snapshot's). */
  alerts: readonly Alert[];
  /** For naming services and counters; null shows ids. */
  view: Pick<StaffSnapshot, 'services' | 'counters'> | null;
  /** Acknowledges an alert (POST …/alerts/:id/ack); absent: no button. */
  onAck?: (alert: Alert) => Promise<unknown>;
  /** The alert ids whose acknowledgement is under way. */
  busy?: ReadonlySet<string>;
  /** The branch's time zone, for times. */
  timeZone?: string;
  /** At most this many are shown (the rest counted); default all. */
  max?: number;
}

/** The open alerts, newest first, each with what it is about, since when, and Acknowledge. */
export function AlertsStrip(props: AlertsStripProps) {
  const { lang, alerts, view } = props;
  const shown = props.max !== undefined ? alerts.slice(0, props.max) : alerts;
  if (alerts.length === 0) {
    return (
      <p class="health-empty muted" data-testid="alerts-none">
        {w(lang, 'noOpenAlerts')}
      </p>
    );
  }
  return (
    <ul class="health-alerts" data-testid="alerts-strip" aria-label={w(lang, 'openAlerts')}>
      {shown.map((a) => (
        <li
          key={a.id}
          class={`health-alert${a.acked ? ' health-alert--acked' : ''}`}
          data-testid="alert"
          data-rule={a.rule}
        >
          <div class="health-alert__body">
            <strong class="health-alert__rule">{RULE_TEXT[a.rule][lang]}</strong>
            <span class="health-alert__subject">{alertSubject(lang, a, view)}</span>
            <span class="health-alert__time muted">
              <time dateTime={a.raisedAt}>{formatTime(lang, a.raisedAt, props.timeZone)}</time>
              {a.acked && (
                <>
                  {' · '}
                  {w(lang, 'ackedBy')} <bdi data-user-text>{a.acked.by.name}</bdi> (
                  {formatTime(lang, a.acked.at, props.timeZone)})
                </>
              )}
            </span>
          </div>
          {props.onAck && !a.acked && (
            <Button
              small
              variant="primary"
              busy={props.busy?.has(a.id) ?? false}
              onClick={() => void props.onAck?.(a)}
              data-testid="alert-ack"
            >
              {w(lang, 'ack')}
            </Button>
          )}
        </li>
      ))}
      {shown.length < alerts.length && (
        <li class="health-alert health-alert--more muted">+{localDigits(lang, alerts.length - shown.length)}</li>
      )}
    </ul>
  );
}

export interface DevicesColumnProps {
  lang: Lang;
  /** The branch's devices (useHealthLive's `devices`, or the snapshot's). */
  devices: readonly DeviceHealth[];
  timeZone?: string;
  /** Only devices that are not online (a narrow column on the floor); default all. */
  faultsOnly?: boolean;
}

/** Every device, faults first, with its status colour and when it was last seen. */
export function DevicesColumn(props: DevicesColumnProps) {
  const { lang } = props;
  const rank = (d: DeviceHealth) => ({ bad: 0, warn: 1, ok: 2 })[statusTone(d.status)];
  const list = [...props.devices]
    .filter((d) => !props.faultsOnly || d.status !== 'online')
    .sort((a, b) => rank(a) - rank(b) || (a.deviceId < b.deviceId ? -1 : 1));
  return (
    <section class="health-devices" aria-label={w(lang, 'devicesColumnTitle')} data-testid="devices-column">
      <h2 class="health-devices__title">{w(lang, 'devicesColumnTitle')}</h2>
      {list.length === 0 ? (
        <p class="muted">{props.devices.length === 0 ? w(lang, 'noDevices') : w(lang, 'allDevicesFine')}</p>
      ) : (
        <ul>
          {list.map((d) => (
            <li key={d.deviceId} class="health-devices__item" data-testid="device" data-device={d.deviceId}>
              <StatusMark lang={lang} status={d.status} />
              <span class="health-devices__name">
                {KIND_TEXT[d.kind][lang]} <bdi dir="ltr">{d.deviceId}</bdi>
              </span>
              <span class="muted health-devices__seen">
                <time dateTime={d.lastSeen}>{formatDateTime(lang, d.lastSeen, props.timeZone)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
