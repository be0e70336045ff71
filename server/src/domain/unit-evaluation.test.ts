import { type BranchConfig, type RequestEvent, UnitEvaluation, type UnitEvaluationRow } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../testing/fixtures.ts';
import { localToEpoch } from './appointments.ts';
import {
  decideCreate,
  decideMove,
  type Mover,
  newTrackingCode,
  type RequestCommand,
  type RequestRecord,
} from './requests.ts';
import { unitEvaluation } from './unit-evaluation.ts';

// The branch works Saturday–Wednesday 07:30–14:30 (Tehran). 2025-05-03 is a Saturday; the period is
// that week, Saturday 05-03 to Friday 05-09; "now" is Sunday 05-11 12:00.
const U1 = 'واحد درآمد';
const U2 = 'واحد فنی';
const U3 = 'امور حقوقی';
const U4 = 'بایگانی';
const P1 = 'کارشناس درآمد';
const P2 = 'کارشناس فنی';
const P3 = 'رئیس امور حقوقی';

const config: BranchConfig = testConfig((c) => {
  c.branch.openingHours = [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' }];
  const [s1, s2] = c.services as [NonNullable<(typeof c.services)[number]>, NonNullable<(typeof c.services)[number]>];
  s1.workflow = [
    { row: 1, title: 'بررسی سوابق', unit: U1, post: P1, duration: 2, durationUnit: 'day' },
    { row: 2, title: 'بازدید فنی', unit: U2, post: P2, duration: 4, durationUnit: 'hour' },
    { row: 3, title: 'صدور پاسخ', unit: U3, post: P3, duration: 1, durationUnit: 'day' },
  ];
  s2.workflow = [
    { row: 1, title: 'بایگانی', unit: U4, post: 'بایگان', duration: 30, durationUnit: 'minute' },
    { row: 2, title: 'بررسی', unit: U1, post: 'کارشناس', duration: 1, durationUnit: 'day' },
  ];
});
const otherBranch: BranchConfig = testConfig((c) => {
  c.branch.id = 'b2';
  const [s1] = c.services as [NonNullable<(typeof c.services)[number]>];
  s1.workflow = [{ row: 1, title: 'بررسی', unit: U1, post: P1, duration: 1, durationUnit: 'day' }];
});

const at = (day: string, time: string) => localToEpoch(day, time, 'Asia/Tehran');
const user = (id: string, role: 'clerk' | 'officer', unit: string | null = null): Mover => ({
  kind: 'user',
  id,
  name: id,
  role,
  branchId: 'b1',
  unit,
});
const clerk = user('k1', 'clerk');
const o1 = user('o1', 'officer', U1);
const o2 = user('o2', 'officer', U2);
const o3 = user('o3', 'officer', U3);
const o4 = user('o4', 'officer', U4);
const respond: RequestCommand = {
  type: 'respond',
  legalBasis: 'ماده ۱',
  answer: 'موافقت شد',
  appealTo: 'هیئت',
  appealUntil: '2025-12-01',
  remarks: '',
};

let n = 0;
/** A request made at `when` and moved by the rules themselves (so its log is one the service could write). */
function story(serviceId: string, when: number, branchId = 'b1') {
  n += 1;
  const id = `r${n}`;
  const cfg = branchId === 'b1' ? config : otherBranch;
  const d = decideCreate({
    config: cfg,
    now: when,
    mover: { ...(clerk as Extract<Mover, { kind: 'user' }>), branchId },
    code: newTrackingCode(() => (n * 0.137) % 1),
    visit: { ticketId: `t-${n}`, number: String(1000 + n), serviceId, brought: null },
    serviceId,
    applicant: { fullName: 'زهرا احمدی', nationalId: '1234567891', mobile: '09121234567' },
    notes: '',
  });
  if (!d.ok) throw new Error(d.code);
  let events: RequestEvent[] = [d.value];
  const s = {
    do(mover: Mover, command: RequestCommand, now: number) {
      const m = decideMove(cfg, events, mover, command, now);
      if (!m.ok) throw new Error(`${command.type}: ${m.code}`);
      events = [...events, ...m.value];
      return s;
    },
    get record(): RequestRecord {
      return { id, branchId, code: 'x', events };
    },
  };
  return s;
}
const accept: RequestCommand = { type: 'accept' };
const complete: RequestCommand = { type: 'complete', note: '' };

// A: every step finished; step 1 on time, step 2 late by 20 h (clock time), step 3 late by 2 h; responded
// Tuesday, before its promise (Saturday + 2 + 1 + ⌈4 h / 7 h⌉ = 4 working days: Wednesday 05-07).
const A = story('s1', at('2025-05-03', '09:00'))
  .do(o1, accept, at('2025-05-03', '09:10'))
  .do(o1, complete, at('2025-05-04', '10:00')) // due Mon 05-05 09:00: on time
  .do(o2, accept, at('2025-05-04', '10:05'))
  .do(o2, complete, at('2025-05-05', '10:00')) // due Sun 05-04 14:00: 20 h late
  .do(o3, accept, at('2025-05-05', '11:00'))
  .do(o3, respond, at('2025-05-06', '12:00')); // due Tue 05-06 10:00: 2 h late
// B: returned to the desk by U1, resubmitted, forwarded by U1 to U4 who finishes it on time (due Wed
// 05-07 09:00), then returned by U2 to step 1, where it is now at U1 since Tue 10:00, due Sat 05-10 10:00:
// overdue now.
const B = story('s1', at('2025-05-03', '11:00'))
  .do(o1, accept, at('2025-05-03', '11:30'))
  .do(o1, { type: 'return', reason: 'شناسنامه' }, at('2025-05-03', '12:00'))
  .do(clerk, { type: 'resubmit', note: '' }, at('2025-05-04', '08:00'))
  .do(o1, accept, at('2025-05-04', '08:30'))
  .do(o1, { type: 'forward', unit: U4, note: '' }, at('2025-05-05', '09:00'))
  .do(o4, accept, at('2025-05-05', '09:30'))
  .do(o4, complete, at('2025-05-06', '09:00'))
  .do(o2, accept, at('2025-05-06', '09:10'))
  .do(o2, { type: 'return', reason: 'ناقص' }, at('2025-05-06', '10:00'));
// C: made after the period, open at U1, due Tue 05-13: not overdue.
const C = story('s1', at('2025-05-11', '09:00'));
// D: withdrawn at once.
const D = story('s1', at('2025-05-03', '09:30')).do(
  clerk,
  { type: 'withdraw', reason: 'انصراف' },
  at('2025-05-03', '10:00'),
);
// F: made Wednesday; its first step finished on Saturday 05-10 (after the period); now at U2 since then,
// due 14:00 that day: overdue.
const F = story('s1', at('2025-05-07', '09:00'))
  .do(o1, accept, at('2025-05-07', '09:30'))
  .do(o1, complete, at('2025-05-10', '10:00'));
// G: steps 1 and 2 on time, step 3 due Sun 05-04 10:00 answered Wed 05-07 14:00: 76 h late; responded
// on its promised day (Wednesday 05-07).
const G = story('s1', at('2025-05-03', '08:00'))
  .do(o1, accept, at('2025-05-03', '08:10'))
  .do(o1, complete, at('2025-05-03', '09:00'))
  .do(o2, accept, at('2025-05-03', '09:10'))
  .do(o2, complete, at('2025-05-03', '10:00'))
  .do(o3, accept, at('2025-05-03', '10:10'))
  .do(o3, respond, at('2025-05-07', '14:00'));
// H (s2): 30 minutes at U4 (done in 20), then a day at U1 (due Mon 09:20) answered Wed 09:20: 48 h late;
// promised Sunday + ⌈30 min / 7 h⌉ + 1 = 2 working days, Tuesday 05-06: responded late.
const H = story('s2', at('2025-05-04', '09:00'))
  .do(o4, accept, at('2025-05-04', '09:05'))
  .do(o4, complete, at('2025-05-04', '09:20'))
  .do(o1, accept, at('2025-05-04', '10:00'))
  .do(o1, respond, at('2025-05-07', '09:20'));
// E: another branch's, not evaluated.
const E = story('s1', at('2025-05-03', '09:00'), 'b2');

const records = [A, B, C, D, F, G, H, E].map((s) => s.record);
const evaluation = UnitEvaluation.parse(
  unitEvaluation({ records, configs: [config], from: '2025-05-03', to: '2025-05-09', now: at('2025-05-11', '12:00') }),
);
const row = (unit: string, post: string): UnitEvaluationRow => {
  const r = evaluation.rows.find((x) => x.unit === unit && x.post === post);
  if (!r) throw new Error(`no row ${unit} / ${post}`);
  return r;
};

describe('unit evaluation', () => {
  it('[UE1] has a row per unit and post of the workflows, and one for a unit a step was forwarded to', () => {
    expect(evaluation.rows.map((r) => [r.unit, r.post])).toEqual([
      [U3, P3],
      [U4, ''],
      [U4, 'بایگان'],
      [U1, 'کارشناس'],
      [U1, P1],
      [U2, P2],
    ]);
    expect(evaluation.branchIds).toEqual(['b1']);
    expect([evaluation.from, evaluation.to]).toEqual(['2025-05-03', '2025-05-09']);
  });

  it('[UE2] counts the steps finished in the period, on time against the agreed duration, and the mean delay of the late', () => {
    expect(row(U1, P1)).toMatchObject({ handled: 2, onTime: 2, onTimeShare: 1, meanDelayHours: null });
    expect(row(U2, P2)).toMatchObject({ handled: 2, onTime: 1, onTimeShare: 0.5, meanDelayHours: 20 });
    expect(row(U3, P3)).toMatchObject({ handled: 2, onTime: 0, onTimeShare: 0, meanDelayHours: 39 });
    expect(row(U1, 'کارشناس')).toMatchObject({ handled: 1, onTime: 0, meanDelayHours: 48 });
    expect(row(U4, 'بایگان')).toMatchObject({ handled: 1, onTime: 1, meanDelayHours: null });
  });

  it('[UE2] a forwarded step counts for the unit it was forwarded to, with no post, due from the forward', () => {
    expect(row(U4, '')).toMatchObject({ handled: 1, onTime: 1, returned: 0, open: 0 });
  });

  it('[UE3] counts returns for the unit that returned, to the desk or to the step before', () => {
    expect(row(U1, P1).returned).toBe(1);
    expect(row(U2, P2).returned).toBe(1);
    expect(row(U3, P3).returned).toBe(0);
  });

  it('[UE4] counts what each unit holds now and what of it is past due, whatever the period', () => {
    // B back at U1 (due Sat 10:00, overdue) and C (due Tue 05-13); F at U2 since Saturday (overdue).
    expect(row(U1, P1)).toMatchObject({ open: 2, overdueNow: 1 });
    expect(row(U2, P2)).toMatchObject({ open: 1, overdueNow: 1 });
    expect(row(U3, P3)).toMatchObject({ open: 0, overdueNow: 0 });
  });

  it('[UE5] counts the requests made in the period, responded, and responded by their promised day', () => {
    // A, B, D, F, G, H (C after the period, E another branch's); responded A, G, H; H after its promise.
    expect(evaluation.requests).toEqual({ created: 6, responded: 3, respondedOnTime: 2 });
  });

  it('[UE2] leaves out steps finished outside the period', () => {
    const later = unitEvaluation({
      records,
      configs: [config],
      from: '2025-05-10',
      to: '2025-05-10',
      now: at('2025-05-11', '12:00'),
    });
    const r = later.rows.find((x) => x.unit === U1 && x.post === P1);
    // F's first step (made Wed 09:00, due Sun 05-11 09:00, done Sat 05-10): on time.
    expect(r).toMatchObject({ handled: 1, onTime: 1, returned: 0, open: 2, overdueNow: 1 });
    expect(later.requests).toEqual({ created: 0, responded: 0, respondedOnTime: 0 });
  });

  it('[UE1] evaluates several branches together and nothing with no branch', () => {
    const both = unitEvaluation({
      records,
      configs: [config, otherBranch],
      from: '2025-05-03',
      to: '2025-05-09',
      now: at('2025-05-11', '12:00'),
    });
    expect(both.branchIds).toEqual(['b1', 'b2']);
    // E counts as made; its first step is open at b2's U1 (same unit and post: the same row).
    expect(both.requests.created).toBe(7);
    expect(both.rows.find((x) => x.unit === U1 && x.post === P1)).toMatchObject({ open: 3, overdueNow: 2 });
    const none = unitEvaluation({ records, configs: [], from: '2025-05-03', to: '2025-05-09', now: 0 });
    expect(none).toEqual({
      branchIds: [],
      from: '2025-05-03',
      to: '2025-05-09',
      rows: [],
      requests: { created: 0, responded: 0, respondedOnTime: 0 },
    });
  });
});
