// The rows a branch-day is archived as (H3, H4), checked against the hand-computed fixture day
// (history/test-support/fixture-day.ts: its visit table is the working), and Tehran local time.
import { describe, expect, it } from 'vitest';
import {
  FIXTURE_BRANCH,
  FIXTURE_DAY,
  fixtureConfig,
  fixtureEvents,
  tehran,
} from '../history/test-support/fixture-day.ts';
import { testConfig } from '../testing/fixtures.ts';
import { Harness, MIN } from '../testing/harness.ts';
import { dayRows, emptyRollup, type RollupRow } from './archive.ts';
import type { DomainEvent } from './events.ts';
import { visits } from './history.ts';
import { localDay } from './local-time.ts';

const S = 1000;
const config = fixtureConfig();
const at = { branchId: FIXTURE_BRANCH, day: FIXTURE_DAY };

const zero = emptyRollup({
  branchId: FIXTURE_BRANCH,
  day: FIXTURE_DAY,
  weekday: 1,
  hour: 0,
  serviceId: '',
  counterId: '',
  clerkId: '',
});
const key = (r: RollupRow) => `${r.hour}|${r.serviceId}|${r.counterId}|${r.clerkId}`;
const sorted = (rows: RollupRow[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('archive rows of a branch-day', () => {
  it('[H4] the rollups of the fixture day, worked by hand (hour × sub-service × counter × clerk)', () => {
    const { rollups } = dayRows(config, fixtureEvents(), { ...at, final: false });
    // Histograms: bucket ⌊ms / 15 s⌋ → count. Waits in s: 120→8, 300→20, 180→12, 30→2, 360→24,
    // 1200→80, 540→36, 900→60, 150→10, 60→4. Serves: 300→20, 240→16, 180→12, 510→34, 390→26.
    const expected: RollupRow[] = [
      // Tickets issued in the hour (T1 T3 T5 T8), and T5 cancelled while waiting at 09:20 (no counter,
      // though the clerk of c1 cancelled it).
      { ...zero, hour: 9, serviceId: 's1', counterId: '', clerkId: '', issued: 4, cancelled: 1 },
      // T2 T4 T6 T7.
      { ...zero, hour: 9, serviceId: 's2', counterId: '', clerkId: '', issued: 4 },
      // T10 T11.
      { ...zero, hour: 10, serviceId: 's1', counterId: '', clerkId: '', issued: 2 },
      // T9.
      { ...zero, hour: 10, serviceId: 's2', counterId: '', clerkId: '', issued: 1 },
      // T1 (120 s, served 300 s), T3 (300 s, recalled once, no-show), T4's second visit (180 s after
      // its transfer, served 240 s): all within s1's 10 min.
      {
        ...zero,
        hour: 9,
        serviceId: 's1',
        counterId: 'c1',
        clerkId: 'k1',
        called: 3,
        served: 2,
        noShow: 1,
        recalls: 1,
        waitCount: 3,
        waitSumMs: 600 * S,
        withinTarget: 3,
        waitHist: { '8': 1, '20': 1, '12': 1 },
        serveCount: 2,
        serveSumMs: 540 * S,
        serveHist: { '20': 1, '16': 1 },
      },
      // T2 (30 s, 180 s), T4 first visit (120 s, transferred), T6 first visit (360 s, parked: handed
      // on), T6 called from the park (1200 s from the park, 180 s), T7 (540 s, 510 s). Within s2's
      // 5 min: 30 s and 120 s.
      {
        ...zero,
        hour: 9,
        serviceId: 's2',
        counterId: 'c2',
        clerkId: 'k2',
        called: 5,
        served: 3,
        transferred: 2,
        parked: 1,
        waitCount: 5,
        waitSumMs: 2250 * S,
        withinTarget: 2,
        waitHist: { '2': 1, '8': 1, '24': 1, '80': 1, '36': 1 },
        serveCount: 3,
        serveSumMs: 870 * S,
        serveHist: { '12': 2, '34': 1 },
      },
      // After the swap: T8 (900 s, over 10 min; 390 s), T10 (150 s; 180 s), T11 (30 s, still open).
      {
        ...zero,
        hour: 10,
        serviceId: 's1',
        counterId: 'c1',
        clerkId: 'k2',
        called: 3,
        served: 2,
        waitCount: 3,
        waitSumMs: 1080 * S,
        withinTarget: 2,
        waitHist: { '60': 1, '10': 1, '2': 1 },
        serveCount: 2,
        serveSumMs: 570 * S,
        serveHist: { '26': 1, '12': 1 },
      },
      // T9: 60 s, parked for payment, then cancelled from the park (its visit carries it).
      {
        ...zero,
        hour: 10,
        serviceId: 's2',
        counterId: 'c2',
        clerkId: 'k1',
        called: 1,
        cancelled: 1,
        parked: 1,
        waitCount: 1,
        waitSumMs: 60 * S,
        withinTarget: 1,
        waitHist: { '4': 1 },
      },
    ];
    expect(sorted(rollups)).toEqual(sorted(expected));
  });

  it('[H4] rollups are the same whether the day is final or not, and from the same log the same rows', () => {
    const a = dayRows(config, fixtureEvents(), { ...at, final: false });
    const b = dayRows(config, fixtureEvents(), { ...at, final: true });
    expect(sorted(b.rollups)).toEqual(sorted(a.rollups));
    expect(dayRows(config, fixtureEvents(), { ...at, final: false })).toEqual(a);
  });

  it('[H3][H1] the visit rows: finished visits only until the day is final, then the open one too', () => {
    const t = (time: string) => tehran(FIXTURE_DAY, time);
    const brief = (rows: ReturnType<typeof dayRows>['visits']) =>
      rows.map((v) => [
        v.ticketId,
        v.visitNo,
        v.serviceId,
        v.counterId,
        v.clerkId,
        v.waitMs / S,
        v.outcome,
        v.serveMs === null ? null : v.serveMs / S,
        v.hour,
        v.weekday,
      ]);
    const closed = [
      ['T2', 1, 's2', 'c2', 'k2', 30, 'finished', 180, 9, 1],
      ['T1', 1, 's1', 'c1', 'k1', 120, 'finished', 300, 9, 1],
      ['T4', 1, 's2', 'c2', 'k2', 120, 'transferred', 120, 9, 1],
      ['T3', 1, 's1', 'c1', 'k1', 300, 'no-show', null, 9, 1],
      ['T4', 2, 's1', 'c1', 'k1', 180, 'finished', 240, 9, 1],
      // Parked at 09:20:30 after 4 min of service: the visit ends at the park.
      ['T6', 1, 's2', 'c2', 'k2', 360, 'transferred', 240, 9, 1],
      ['T7', 1, 's2', 'c2', 'k2', 540, 'finished', 510, 9, 1],
      ['T6', 2, 's2', 'c2', 'k2', 1200, 'finished', 180, 9, 1],
      ['T9', 1, 's2', 'c2', 'k1', 60, 'cancelled', 90, 10, 1],
      ['T8', 1, 's1', 'c1', 'k2', 900, 'finished', 390, 10, 1],
      ['T10', 1, 's1', 'c1', 'k2', 150, 'finished', 180, 10, 1],
    ];
    const open = dayRows(config, fixtureEvents(), { ...at, final: false });
    expect(brief(open.visits)).toEqual(closed);
    const final = dayRows(config, fixtureEvents(), { ...at, final: true });
    expect(brief(final.visits)).toEqual([...closed, ['T11', 1, 's1', 'c1', 'k2', 30, 'open', null, 10, 1]]);

    const t6 = final.visits.filter((v) => v.ticketId === 'T6');
    expect(t6.map((v) => [v.queuedAt, v.calledAt, v.startedAt, v.endedAt])).toEqual([
      [t('09:10:00'), t('09:16:00'), t('09:16:30'), t('09:20:30')],
      [t('09:20:30'), t('09:40:30'), t('09:41:00'), t('09:44:00')],
    ]);
    const t9 = final.visits.find((v) => v.ticketId === 'T9');
    expect(t9).toMatchObject({ endedAt: t('10:03:00'), number: 'A005', branchId: 'b1', day: FIXTURE_DAY });
    const t4 = final.visits.filter((v) => v.ticketId === 'T4');
    expect(t4.map((v) => v.queuedAt)).toEqual([t('09:04:00'), t('09:08:15')]);
  });

  it('[H3][H2] the clerks’ log rows: every ticket each clerk started, with its branch and day', () => {
    const { clerkLog } = dayRows(config, fixtureEvents(), { ...at, final: false });
    const of = (clerkId: string) =>
      clerkLog.filter((r) => r.clerkId === clerkId).map((r) => [r.receiptNumber, r.outcome, r.handedAt !== null]);
    expect(of('k1')).toEqual([
      ['1001', 'finished', true],
      ['A002', 'finished', true],
      ['A005', 'cancelled', false],
    ]);
    expect(of('k2')).toEqual([
      ['A001', 'finished', true],
      ['A002', 'transferred', true],
      ['A003', 'transferred', true],
      ['A004', 'finished', true],
      ['A003', 'finished', true],
      ['1004', 'finished', true],
      ['1005', 'finished', true],
    ]);
    expect(clerkLog.every((r) => r.branchId === 'b1' && r.day === FIXTURE_DAY)).toBe(true);
  });

  it('[H4] Tehran local time: an instant late in the UTC evening is the next local day, hour 0, its weekday', () => {
    // 20:45Z on Sunday 22 November is 00:15 on Monday 23 November in Tehran (+03:30).
    const issued = Date.parse('2026-11-22T20:45:00Z');
    expect(localDay(issued, 'Asia/Tehran')).toBe('2026-11-23');
    const called0 = Date.parse('2026-11-22T21:29:00Z'); // 00:59 Tehran
    const called1 = Date.parse('2026-11-22T21:30:00Z'); // 01:00 Tehran
    const events: DomainEvent[] = [
      {
        type: 'TicketIssued',
        at: issued,
        ticketId: 'N1',
        number: '1001',
        value: 1001,
        serviceId: 's1',
        priorityId: 'normal',
        source: { kind: 'web' },
      },
      {
        type: 'TicketIssued',
        at: issued + 60_000,
        ticketId: 'N2',
        number: '1002',
        value: 1002,
        serviceId: 's1',
        priorityId: 'normal',
        source: { kind: 'web' },
      },
      { type: 'TicketCalled', at: called0, ticketId: 'N1', counterId: 'c1', clerkId: 'k1', how: 'next' },
      { type: 'ServiceStarted', at: called0, ticketId: 'N1', counterId: 'c1', clerkId: 'k1' },
      // Finished in the next hour: the visit still counts in the hour it was called.
      { type: 'ServiceFinished', at: called0 + 3 * 60_000, ticketId: 'N1', counterId: 'c1', clerkId: 'k1' },
      { type: 'TicketCalled', at: called1 + 3 * 60_000, ticketId: 'N2', counterId: 'c1', clerkId: 'k1', how: 'next' },
    ];
    const rows = dayRows(config, events, { branchId: 'b1', day: '2026-11-23', final: true });
    const brief = rows.rollups.map((r) => [r.hour, r.weekday, r.counterId, r.issued, r.called, r.served]);
    // Monday is weekday 2 (Saturday 0).
    expect(brief).toEqual([
      [0, 2, '', 2, 0, 0],
      [0, 2, 'c1', 0, 1, 1],
      [1, 2, 'c1', 0, 1, 0],
    ]);
    expect(rows.visits.map((v) => [v.hour, v.weekday])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // And the other way: 05:29Z is 08:59 in Tehran (hour 8, not 5).
    const morning = dayRows(
      config,
      [{ ...(events[0] as DomainEvent & { type: 'TicketIssued' }), at: Date.parse('2026-11-22T05:29:59Z') }],
      { branchId: 'b1', day: '2026-11-22', final: true },
    );
    expect(morning.rollups.map((r) => [r.hour, r.weekday])).toEqual([[8, 1]]);
  });
});

describe('[H1] a parked ticket, through the queue rules', () => {
  it('called again from the park: the parked visit ends at the park, handed on; the next waits from the park', () => {
    const h = new Harness(testConfig());
    h.open('c1', 'k1');
    const a = h.issue('s1');
    h.advance(2);
    h.next('c1', 'k1');
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.advance(3);
    const parkedAt = h.now;
    h.ok({ type: 'park', counterId: 'c1', clerkId: 'k1', reason: 'documents' });
    h.advance(10);
    h.ok({ type: 'callTicket', counterId: 'c1', clerkId: 'k1', ticketId: a.id });
    h.ok({ type: 'start', counterId: 'c1', clerkId: 'k1' });
    h.advance(4);
    h.ok({ type: 'finish', counterId: 'c1', clerkId: 'k1' });
    const v = visits(h.log);
    expect(v.map((x) => [x.outcome, x.waitMs / MIN, (x.serveMs ?? 0) / MIN])).toEqual([
      ['transferred', 2, 3],
      ['finished', 10, 4],
    ]);
    expect(v[0]?.endedAt).toBe(parkedAt);
  });
});
