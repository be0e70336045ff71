// [SY13] The provincial office hears of its branches' link outages by SMS: when a linked branch's
// `branch-offline` alert is raised at the centre (SY10), each of the office's alert numbers gets one
// message saying since when the branch is cut off; when the alert is resolved, one saying the link is
// back and how long the outage lasted. One message per alert, number and direction, ever (the outbox's
// key), so a resent event or a second centre process never texts twice. Persian with Persian digits.
import { type Alert, type ProvincialOffice, toPersianDigits } from '@nobat/protocol';
import { localMoment } from '../domain/local-time.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/port.ts';
import type { Notifier, OutgoingMessage } from './port.ts';
import { jalaliText } from './request-messages.ts';

const fa = (s: string | number) => toPersianDigits(String(s));

/** A duration as an office reads it: "۱ ساعت و ۱۲ دقیقه", "۴۰ دقیقه", "کمتر از یک دقیقه". */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'کمتر از یک دقیقه';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    ...(days > 0 ? [`${fa(days)} روز`] : []),
    ...(hours > 0 ? [`${fa(hours)} ساعت`] : []),
    ...(mins > 0 ? [`${fa(mins)} دقیقه`] : []),
  ];
  return parts.join(' و ');
}

/** A moment in the branch's zone: "۱۴۰۵/۰۹/۱۲ ساعت ۱۰:۱۲". */
function momentText(iso: string, timeZone: string): string {
  const m = localMoment(Date.parse(iso), timeZone);
  return `${jalaliText(m.day)} ساعت ${fa(m.time)}`;
}

/** [SY13] The texts. */
export const outageTexts = {
  offline: (p: { branch: string; since: string }) =>
    `نوبت: ارتباط ${p.branch} با مرکز از ${p.since} قطع است. نوبت‌دهی شعبه ادامه دارد.`,
  online: (p: { branch: string; duration: string }) =>
    `نوبت: ارتباط ${p.branch} با مرکز برقرار شد. مدت قطعی: ${p.duration}.`,
};

/** What the notices need of a branch: its Persian name, zone and provincial office (undefined: unknown). */
export type OutageBranchInfo = (
  branchId: string,
) => Promise<{ name: string; timeZone: string; provincialOfficeId: string } | undefined>;

export interface OutageNoticesOptions {
  store: Store;
  notify: Notifier;
  branchInfo: OutageBranchInfo;
  logger: Logger;
}

/** The messages one alert event gives the office's numbers (none for other rules or other changes). */
export function outageMessages(
  event: 'alert:raised' | 'alert:changed',
  alert: Alert,
  branch: { name: string; timeZone: string },
  mobiles: readonly string[],
): OutgoingMessage[] {
  if (alert.rule !== 'branch-offline') return [];
  let kind: 'branch-offline' | 'branch-online';
  let text: string;
  if (event === 'alert:raised' && alert.state !== 'resolved') {
    kind = 'branch-offline';
    text = outageTexts.offline({ branch: branch.name, since: momentText(alert.since, branch.timeZone) });
  } else if (event === 'alert:changed' && alert.state === 'resolved' && alert.resolvedAt) {
    kind = 'branch-online';
    const duration = durationText(Date.parse(alert.resolvedAt) - Date.parse(alert.since));
    text = outageTexts.online({ branch: branch.name, duration });
  } else return [];
  return mobiles.map((to) => ({ key: `${kind}:${alert.id}:${to}`, branchId: alert.branchId, kind, to, text }));
}

/** [SY13] Follows the alert service and queues the office's messages. */
export class OutageNotices {
  readonly #o: OutageNoticesOptions;

  constructor(opts: OutageNoticesOptions) {
    this.#o = opts;
  }

  /** Queues what the event gives; resolves once queued (the outbox makes it durable and sends it). */
  async handle(event: 'alert:raised' | 'alert:changed', alert: Alert): Promise<number> {
    if (alert.rule !== 'branch-offline') return 0;
    const branch = await this.#o.branchInfo(alert.branchId);
    if (!branch) return 0;
    const office = await this.#o.store.getRecord<ProvincialOffice>('provincial-office', branch.provincialOfficeId);
    const mobiles = office?.value.alertMobiles ?? [];
    let queued = 0;
    for (const m of outageMessages(event, alert, branch, mobiles)) {
      if (await this.#o.notify.enqueue(m)) queued++;
    }
    if (queued > 0) {
      this.#o.logger.info(
        { branchId: alert.branchId, alertId: alert.id, office: branch.provincialOfficeId, messages: queued },
        'provincial office told of a branch link outage',
      );
    }
    return queued;
  }

  /**
   * What a process killed between raising or resolving an alert and queueing its messages missed:
   * every open `branch-offline` alert gives its "down" messages, every one resolved in the last day
   * its "back" ones; those already queued are not queued again (the outbox's keys). Run at start.
   */
  async catchUp(now: number): Promise<number> {
    let queued = 0;
    for (const { value: alert } of await this.#o.store.listRecords<Alert>('alert')) {
      if (alert.rule !== 'branch-offline') continue;
      if (alert.state !== 'resolved') queued += await this.handle('alert:raised', alert);
      else if (alert.resolvedAt && now - Date.parse(alert.resolvedAt) < CATCH_UP_MS) {
        queued += await this.handle('alert:changed', alert);
      }
    }
    return queued;
  }
}

/** How far back a start looks for resolved outages whose "back" messages may be missing. */
const CATCH_UP_MS = 24 * 3_600_000;
