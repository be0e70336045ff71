// A branch with a three-step workflow and a request's life built by the pure rules (domain/requests.ts),
// for the notices', alerts' and live inboxes' tests: every log here is one the service could write.
import type { BranchConfig, RequestEvent } from '@nobat/protocol';
import {
  decideCreate,
  decideMove,
  type Mover,
  newTrackingCode,
  type RequestCommand,
  type RequestRecord,
} from '../domain/requests.ts';
import { testConfig } from '../testing/fixtures.ts';

export const UNIT_REVENUE = 'واحد درآمد';
export const UNIT_TECH = 'واحد فنی';
export const UNIT_LEGAL = 'امور حقوقی';
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Branch b1, open around the clock; s1's workflow: records (2 h), site visit (4 h), the answer (1 h). */
export function requestConfig(edit?: Parameters<typeof testConfig>[0]): BranchConfig {
  return testConfig((c) => {
    const s1 = c.services[0];
    if (!s1) throw new Error('no s1');
    s1.workflow = [
      { row: 1, title: 'بررسی سوابق', unit: UNIT_REVENUE, post: 'کارشناس درآمد', duration: 2, durationUnit: 'hour' },
      { row: 2, title: 'بازدید فنی', unit: UNIT_TECH, post: 'کارشناس فنی', duration: 4, durationUnit: 'hour' },
      { row: 3, title: 'صدور پاسخ', unit: UNIT_LEGAL, post: 'رئیس امور حقوقی', duration: 1, durationUnit: 'hour' },
    ];
    edit?.(c);
  });
}

const user = (id: string, role: 'admin' | 'supervisor' | 'clerk' | 'officer', unit?: string): Mover => ({
  kind: 'user',
  id,
  name: `نام ${id}`,
  role,
  branchId: role === 'admin' ? null : 'b1',
  unit: unit ?? null,
});
export const people = {
  clerk: user('k1', 'clerk'),
  revenue: user('o-rev', 'officer', UNIT_REVENUE),
  tech: user('o-tech', 'officer', UNIT_TECH),
  legal: user('o-legal', 'officer', UNIT_LEGAL),
  supervisor: user('sv', 'supervisor'),
};

export const APPLICANT = { fullName: 'زهرا احمدی', nationalId: '1234567891', mobile: '09121234567' };

/** A request's log that grows by the rules' own decisions, at a clock the test moves. */
export class RequestLife {
  readonly record: RequestRecord;
  now: number;

  constructor(
    readonly config: BranchConfig,
    t0: number,
    opts: { id?: string; ticketId?: string; seed?: number } = {},
  ) {
    this.now = t0;
    const code = newTrackingCode(() => opts.seed ?? 0.5);
    const ticketId = opts.ticketId ?? 't-1001';
    const d = decideCreate({
      config,
      now: t0,
      mover: people.clerk,
      code,
      visit: { ticketId, number: '1001', serviceId: 's1', brought: ['id-card'] },
      serviceId: 's1',
      applicant: APPLICANT,
      notes: 'یادداشت داخلی',
    });
    if (!d.ok) throw new Error(d.code);
    this.record = { id: opts.id ?? 'rq-1', branchId: config.branch.id, code, events: [d.value] };
  }

  /** A move that must be allowed, `after` ms later: the events it appended. */
  move(mover: Mover, command: RequestCommand, after = MIN): RequestEvent[] {
    this.now += after;
    const d = decideMove(this.config, this.record.events, mover, command, this.now);
    if (!d.ok) throw new Error(`${command.type} refused: ${d.code}`);
    this.record.events.push(...d.value);
    return d.value;
  }

  get events(): RequestEvent[] {
    return this.record.events;
  }
}

export const respondBody = (appealUntil: string): RequestCommand => ({
  type: 'respond',
  legalBasis: 'مادهٔ ۱۰ آیین‌نامه',
  answer: 'درخواست پذیرفته شد.',
  appealTo: 'هیئت تشخیص',
  appealUntil,
  remarks: '',
});
