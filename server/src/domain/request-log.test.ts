import type { BranchConfig, RequestEvent } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import type { ClerkLogRow } from './history.ts';
import { withRequestDates } from './request-log.ts';
import {
  decideCreate,
  decideMove,
  type Mover,
  newTrackingCode,
  type RequestCommand,
  type RequestRecord,
} from './requests.ts';

const config: BranchConfig = testConfig((c) => {
  const [s1] = c.services as [NonNullable<(typeof c.services)[number]>];
  s1.workflow = [{ row: 1, title: 'بررسی', unit: 'واحد درآمد', post: 'کارشناس', duration: 1, durationUnit: 'day' }];
});
const clerk: Mover = { kind: 'user', id: 'k1', name: 'کارمند یک', role: 'clerk', branchId: 'b1', unit: null };
const officer: Mover = { kind: 'user', id: 'o1', name: 'افسر', role: 'officer', branchId: 'b1', unit: 'واحد درآمد' };
const T = Date.parse('2025-05-03T06:00:00Z');
const MIN = 60_000;

function request(ticketId: string, moves: [Mover, RequestCommand, number][]): RequestRecord {
  const d = decideCreate({
    config,
    now: T + 10 * MIN,
    mover: clerk,
    code: newTrackingCode(() => 0.3),
    visit: { ticketId, number: '1001', serviceId: 's1', brought: null },
    serviceId: 's1',
    applicant: { fullName: 'زهرا احمدی', nationalId: '1234567891', mobile: '09121234567' },
    notes: '',
  });
  if (!d.ok) throw new Error(d.code);
  let events: RequestEvent[] = [d.value];
  for (const [mover, command, now] of moves) {
    const m = decideMove(config, events, mover, command, now);
    if (!m.ok) throw new Error(m.code);
    events = [...events, ...m.value];
  }
  return { id: `r-${ticketId}`, branchId: 'b1', code: 'c', events };
}

const row = (ticketId: string, number: string): ClerkLogRow => ({
  receiptNumber: number,
  ticketId,
  serviceId: 's1',
  receivedAt: T,
  promisedAt: T + 60 * MIN,
  handedAt: T + 5 * MIN,
  respondedAt: null,
  deliveredAt: T + 5 * MIN,
  outcome: 'finished',
  serveMs: 5 * MIN,
});

const respond: RequestCommand = {
  type: 'respond',
  legalBasis: 'ماده ۱',
  answer: 'موافقت شد',
  appealTo: 'هیئت',
  appealUntil: '2025-12-01',
  remarks: '',
};

describe('the clerk log with the requests’ dates', () => {
  it('[RD6] fills promised, handed, responded and delivered from the request made from the row’s ticket', () => {
    const delivered = request('t-1', [
      [officer, { type: 'accept' }, T + 20 * MIN],
      [officer, respond, T + 2 * 24 * 60 * MIN],
      [clerk, { type: 'deliver', channel: 'desk' }, T + 3 * 24 * 60 * MIN],
    ]);
    const open = request('t-2', [[officer, { type: 'accept' }, T + 20 * MIN]]);
    const rows = [row('t-1', '1001'), row('t-2', '1002'), row('t-3', '1003')];
    expect(open.events[0]).toMatchObject({ promisedDate: '2025-05-04' }); // Saturday 09:40 + one working day
    const out = withRequestDates(rows, [open, delivered], config.branch.timeZone);
    // Promised: the request's day, at the local time it was made.
    const promisedAt = T + 10 * MIN + 24 * 60 * MIN;
    expect(out[0]).toEqual({
      ...rows[0],
      promisedAt,
      requestCode: 'c',
      handedAt: T + 10 * MIN,
      respondedAt: T + 2 * 24 * 60 * MIN,
      deliveredAt: T + 3 * 24 * 60 * MIN,
    });
    // In progress: handed on, no response and not delivered (the desk's service end is not a delivery).
    expect(out[1]).toEqual({
      ...rows[1],
      promisedAt,
      requestCode: 'c',
      handedAt: T + 10 * MIN,
      respondedAt: null,
      deliveredAt: null,
    });
    // No request from this ticket: the row as the queue's log gave it.
    expect(out[2]).toBe(rows[2]);
  });

  it('[RD6] keeps the rows’ order and extra fields, and leaves them alone with no requests', () => {
    const rows = [
      { ...row('t-1', '1001'), extra: 1 },
      { ...row('t-9', '1009'), extra: 2 },
    ];
    expect(withRequestDates(rows, [], config.branch.timeZone)).toEqual(rows);
    const out = withRequestDates(rows, [request('t-9', [])], config.branch.timeZone);
    expect(out.map((r) => [r.receiptNumber, r.extra])).toEqual([
      ['1001', 1],
      ['1009', 2],
    ]);
  });
});
