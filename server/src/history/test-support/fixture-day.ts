// The hand-computed fixture days of the report tests (rules H3–H4, R2–R6): the test branch "b1"
// (Asia/Tehran), sub-services s1 (target wait 10 min) and s2 (target 5 min), counters c1 (serves
// s1, s2) and c2 (serves s2), clerks k1 and k2 (k1 at c1 and k2 at c2 until 10:00, then swapped).
// Every time below is Tehran local time (+03:30); the expected figures are worked out by hand in
// the tests that use them, from the visit table in the comments here.
import type { BranchConfig } from '@nobat/protocol';
import type { DomainEvent } from '../../domain/events.ts';
import { testConfig } from '../../testing/fixtures.ts';

export const FIXTURE_BRANCH = 'b1';
/** A Sunday in Tehran (weekday 1, Saturday being 0). */
export const FIXTURE_DAY = '2026-11-22';
/** The Saturday before it (weekday 0). */
export const FIXTURE_DAY_BEFORE = '2026-11-21';

export function fixtureConfig(): BranchConfig {
  return testConfig((c) => {
    const [s1, s2] = c.services;
    if (!s1 || !s2) throw new Error('fixture: the test config lost its services');
    s1.title = { fa: 'تمدید دفترچه', en: 'Booklet renewal' };
    s1.targetWaitMinutes = 10;
    s2.title = { fa: 'سابقه', en: 'Insurance record' };
    s2.targetWaitMinutes = 5;
    c.counters = [
      { id: 'c1', number: 1, title: { fa: 'باجه ۱' }, services: [{ serviceId: 's1' }, { serviceId: 's2' }] },
      { id: 'c2', number: 4, title: { fa: 'باجه ۴' }, services: [{ serviceId: 's2' }] },
    ];
    c.clerks = [
      { id: 'k1', name: 'مریم احمدی' },
      { id: 'k2', name: 'علی رضایی' },
    ];
  });
}

/** Epoch ms of a Tehran local time on a day. */
export const tehran = (day: string, time: string): number => Date.parse(`${day}T${time}+03:30`);

type Maker = (time: string) => number;

function issue(at: Maker, time: string, ticketId: string, serviceId: string, number: string): DomainEvent {
  return {
    type: 'TicketIssued',
    at: at(time),
    ticketId,
    number,
    value: Number(number.replace(/\D/g, '')),
    serviceId,
    priorityId: 'normal',
    source: { kind: 'kiosk', kioskId: 'kiosk-1' },
  };
}

const act =
  (at: Maker, counterId: string, clerkId: string) =>
  (time: string, ticketId: string, type: 'ServiceStarted' | 'ServiceFinished' | 'Unparked'): DomainEvent => ({
    type,
    at: at(time),
    ticketId,
    counterId,
    clerkId,
  });

/**
 * The fixture day (Sunday 2026-11-22). Visits (wait = call − entry into the queue; serve = start → end):
 *
 * | ticket    | visit                                   | hour | wait   | outcome     | serve |
 * |-----------|-----------------------------------------|------|--------|-------------|-------|
 * | T1 1001 s1| issued 09:00, c1/k1 call 09:02          | 9    | 120 s  | finished    | 300 s |
 * | T2 A001 s2| issued 09:01, c2/k2 call 09:01:30       | 9    | 30 s   | finished    | 180 s |
 * | T3 1002 s1| issued 09:03, c1/k1 call 09:08, recall  | 9    | 300 s  | no-show     | —     |
 * | T4 A002 s2| issued 09:04, c2/k2 call 09:06          | 9    | 120 s  | transferred | —     |
 * |  → s1     | transferred 09:08:15, c1/k1 call 09:11:15| 9   | 180 s  | finished    | 240 s |
 * | T5 1003 s1| issued 09:05, cancelled waiting 09:20   | —    | —      | (cancelled, no counter) |
 * | T6 A003 s2| issued 09:10, c2/k2 call 09:16, parked 09:20:30 | 9 | 360 s | transferred (parked) | — |
 * |           | called again from the park 09:40:30     | 9    | 1200 s | finished    | 180 s |
 * | T7 A004 s2| issued 09:12, c2/k2 call 09:21          | 9    | 540 s  | finished    | 510 s |
 * | T8 1004 s1| issued 09:50, c1/k2 call 10:05          | 10   | 900 s  | finished    | 390 s |
 * | T9 A005 s2| issued 10:00, c2/k1 call 10:01, parked 10:03, cancelled 10:30 | 10 | 60 s | cancelled | — |
 * | T10 1005 s1| issued 10:10, c1/k2 call 10:12:30      | 10   | 150 s  | finished    | 180 s |
 * | T11 1006 s1| issued 10:20, c1/k2 call 10:20:30     | 10   | 30 s   | open        | —     |
 */
export function fixtureEvents(day = FIXTURE_DAY): DomainEvent[] {
  const at: Maker = (time) => tehran(day, time);
  const c1k1 = act(at, 'c1', 'k1');
  const c2k2 = act(at, 'c2', 'k2');
  const c1k2 = act(at, 'c1', 'k2');
  const c2k1 = act(at, 'c2', 'k1');
  const call = (time: string, ticketId: string, counterId: string, clerkId: string): DomainEvent => ({
    type: 'TicketCalled',
    at: at(time),
    ticketId,
    counterId,
    clerkId,
    how: 'next',
  });
  const events: DomainEvent[] = [
    issue(at, '09:00:00', 'T1', 's1', '1001'),
    issue(at, '09:01:00', 'T2', 's2', 'A001'),
    call('09:01:30', 'T2', 'c2', 'k2'),
    call('09:02:00', 'T1', 'c1', 'k1'),
    c2k2('09:02:00', 'T2', 'ServiceStarted'),
    c1k1('09:02:30', 'T1', 'ServiceStarted'),
    issue(at, '09:03:00', 'T3', 's1', '1002'),
    issue(at, '09:04:00', 'T4', 's2', 'A002'),
    issue(at, '09:05:00', 'T5', 's1', '1003'),
    c2k2('09:05:00', 'T2', 'ServiceFinished'),
    call('09:06:00', 'T4', 'c2', 'k2'),
    c2k2('09:06:15', 'T4', 'ServiceStarted'),
    c1k1('09:07:30', 'T1', 'ServiceFinished'),
    call('09:08:00', 'T3', 'c1', 'k1'),
    {
      type: 'Transferred',
      at: at('09:08:15'),
      ticketId: 'T4',
      counterId: 'c2',
      clerkId: 'k2',
      toServiceId: 's1',
      note: 'مدارک بیمه',
    },
    { type: 'TicketRecalled', at: at('09:09:00'), ticketId: 'T3', counterId: 'c1', clerkId: 'k1', recall: 1 },
    issue(at, '09:10:00', 'T6', 's2', 'A003'),
    { type: 'MarkedNoShow', at: at('09:10:00'), ticketId: 'T3', counterId: 'c1', clerkId: 'k1', auto: false },
    call('09:11:15', 'T4', 'c1', 'k1'),
    c1k1('09:11:30', 'T4', 'ServiceStarted'),
    issue(at, '09:12:00', 'T7', 's2', 'A004'),
    c1k1('09:15:30', 'T4', 'ServiceFinished'),
    call('09:16:00', 'T6', 'c2', 'k2'),
    c2k2('09:16:30', 'T6', 'ServiceStarted'),
    // A clerk cancels a waiting ticket from their counter: still a cancellation while waiting.
    { type: 'TicketCancelled', at: at('09:20:00'), ticketId: 'T5', counterId: 'c1', clerkId: 'k1', reason: 'left' },
    {
      type: 'Parked',
      at: at('09:20:30'),
      ticketId: 'T6',
      counterId: 'c2',
      clerkId: 'k2',
      reason: 'documents',
    },
    call('09:21:00', 'T7', 'c2', 'k2'),
    c2k2('09:21:30', 'T7', 'ServiceStarted'),
    c2k2('09:30:00', 'T7', 'ServiceFinished'),
    { type: 'TicketCalled', at: at('09:40:30'), ticketId: 'T6', counterId: 'c2', clerkId: 'k2', how: 'specific' },
    c2k2('09:41:00', 'T6', 'ServiceStarted'),
    c2k2('09:44:00', 'T6', 'ServiceFinished'),
    issue(at, '09:50:00', 'T8', 's1', '1004'),
    // 10:00 the clerks swap counters.
    issue(at, '10:00:00', 'T9', 's2', 'A005'),
    call('10:01:00', 'T9', 'c2', 'k1'),
    c2k1('10:01:30', 'T9', 'ServiceStarted'),
    { type: 'Parked', at: at('10:03:00'), ticketId: 'T9', counterId: 'c2', clerkId: 'k1', reason: 'payment' },
    call('10:05:00', 'T8', 'c1', 'k2'),
    c1k2('10:05:30', 'T8', 'ServiceStarted'),
    issue(at, '10:10:00', 'T10', 's1', '1005'),
    c1k2('10:12:00', 'T8', 'ServiceFinished'),
    call('10:12:30', 'T10', 'c1', 'k2'),
    c1k2('10:13:00', 'T10', 'ServiceStarted'),
    c1k2('10:16:00', 'T10', 'ServiceFinished'),
    issue(at, '10:20:00', 'T11', 's1', '1006'),
    call('10:20:30', 'T11', 'c1', 'k2'),
    { type: 'TicketCancelled', at: at('10:30:00'), ticketId: 'T9', counterId: 'c2', clerkId: 'k1', reason: 'unpaid' },
  ];
  return events;
}

/**
 * The day before (Saturday 2026-11-21): U1 1001 s1 issued 09:00, c1/k1 call 09:01 (wait 60 s),
 * served 09:01:30–09:06:30 (300 s); U2 A001 s2 issued 09:02, c2/k2 call 09:12 (wait 600 s, over
 * s2's 5 min), no-show 09:14.
 */
export function fixtureEventsDayBefore(day = FIXTURE_DAY_BEFORE): DomainEvent[] {
  const at: Maker = (time) => tehran(day, time);
  const c1k1 = act(at, 'c1', 'k1');
  return [
    issue(at, '09:00:00', 'U1', 's1', '1001'),
    { type: 'TicketCalled', at: at('09:01:00'), ticketId: 'U1', counterId: 'c1', clerkId: 'k1', how: 'next' },
    c1k1('09:01:30', 'U1', 'ServiceStarted'),
    issue(at, '09:02:00', 'U2', 's2', 'A001'),
    c1k1('09:06:30', 'U1', 'ServiceFinished'),
    { type: 'TicketCalled', at: at('09:12:00'), ticketId: 'U2', counterId: 'c2', clerkId: 'k2', how: 'next' },
    { type: 'MarkedNoShow', at: at('09:14:00'), ticketId: 'U2', counterId: 'c2', clerkId: 'k2', auto: true },
  ];
}
