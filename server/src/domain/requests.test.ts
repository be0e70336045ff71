import {
  type BranchConfig,
  dammDigit,
  fromJalali,
  isValidTrackingCode,
  RequestEvent,
  RequestStatus,
  RequestView,
  toJalali,
} from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { info, testConfig } from '../testing/fixtures.ts';
import { localToEpoch } from './appointments.ts';
import {
  actorOf,
  branchUnits,
  type CreateInput,
  decideCreate,
  decideMove,
  type Mover,
  mayRead,
  newTrackingCode,
  type RequestCommand,
  type RequestRecord,
  requestStatus,
  requestSummary,
  requestView,
  responseOf,
} from './requests.ts';

// ---- the branch: Saturday–Wednesday 07:30–14:30, Nowruz 1404 and 12–13 Farvardin closed.

const J = (jy: number, jm: number, jd: number) => fromJalali(jy, jm, jd);
const jalali = (iso: string) => {
  const { jy, jm, jd } = toJalali(iso);
  return `${jy}-${String(jm).padStart(2, '0')}-${String(jd).padStart(2, '0')}`;
};
const at = (jy: number, jm: number, jd: number, time: string) => localToEpoch(J(jy, jm, jd), time, 'Asia/Tehran');

const U1 = 'واحد درآمد';
const U2 = 'واحد فنی';
const U3 = 'امور حقوقی';
const U4 = 'بایگانی';

const config: BranchConfig = testConfig((c) => {
  c.branch.openingHours = [{ days: ['sat', 'sun', 'mon', 'tue', 'wed'], open: '07:30', close: '14:30' }];
  c.branch.holidays = [J(1404, 1, 1), J(1404, 1, 2), J(1404, 1, 3), J(1404, 1, 4), J(1404, 1, 12), J(1404, 1, 13)];
  const [s1, s2] = c.services as [NonNullable<(typeof c.services)[number]>, NonNullable<(typeof c.services)[number]>];
  s1.info = {
    ...info(),
    requiredDocuments: [
      { id: 'id-card', title: { fa: 'کارت ملی', en: 'National ID card' } },
      { id: 'birth-cert', title: { fa: 'شناسنامه', en: 'Birth certificate' } },
      { id: 'form', title: { fa: 'فرم درخواست' } },
    ],
  };
  // Rows out of order on purpose: the request's steps follow `row`.
  s1.workflow = [
    { row: 3, title: 'صدور پاسخ', unit: U3, post: 'رئیس امور حقوقی', duration: 1, durationUnit: 'day' },
    { row: 1, title: 'بررسی سوابق', unit: U1, post: 'کارشناس درآمد', duration: 2, durationUnit: 'day' },
    { row: 2, title: 'بازدید فنی', unit: U2, post: 'کارشناس فنی', duration: 4, durationUnit: 'hour' },
  ];
  s2.workflow = [
    { row: 1, title: 'بایگانی', unit: U4, post: 'بایگان', duration: 30, durationUnit: 'minute' },
    { row: 2, title: 'بررسی', unit: U1, post: 'کارشناس', duration: 1, durationUnit: 'day' },
  ];
});

// ---- people

const user = (id: string, role: 'admin' | 'supervisor' | 'clerk' | 'officer', branchId: string | null, unit?: string) =>
  ({ kind: 'user', id, name: `نام ${id}`, role, branchId, unit: unit ?? null }) as const satisfies Mover;
const clerk = user('k1', 'clerk', 'b1');
const clerkOther = user('k9', 'clerk', 'b2');
const officerA = user('o-a', 'officer', 'b1', U1);
const officerB = user('o-b', 'officer', 'b1', U1);
const officerTech = user('o-t', 'officer', 'b1', U2);
const officerLegal = user('o-l', 'officer', 'b1', U3);
const officerLegal2 = user('o-l2', 'officer', 'b1', U3);
const officerOtherBranch = user('o-x', 'officer', 'b2', U1);
const supervisor = user('sv', 'supervisor', 'b1');
const supervisorOther = user('sv2', 'supervisor', 'b2');
const admin = user('ad', 'admin', null);
const visitor: Mover = { kind: 'visitor' };
const system: Mover = { kind: 'system' };

const applicant = { fullName: 'زهرا احمدی', nationalId: '1234567891', mobile: '09121234567' };
const CODE = newTrackingCode(() => 0.5);
const T0 = at(1403, 12, 28, '10:00'); // Tuesday 28 Esfand 1403, a leap year

function createInput(over: Partial<CreateInput> = {}): CreateInput {
  return {
    config,
    now: T0,
    mover: clerk,
    code: CODE,
    visit: { ticketId: 't-1001', number: '1001', serviceId: 's1', brought: ['id-card'] },
    serviceId: 's1',
    applicant,
    notes: 'یادداشت داخلی',
    ...over,
  };
}

function created(): RequestEvent[] {
  const d = decideCreate(createInput());
  if (!d.ok) throw new Error(d.code);
  return [d.value];
}

const MIN = 60_000;
/** A move that must be allowed: the log with its events appended. */
function move(events: RequestEvent[], mover: Mover, command: RequestCommand, now: number): RequestEvent[] {
  const d = decideMove(config, events, mover, command, now);
  if (!d.ok) throw new Error(`${command.type} refused: ${d.code}`);
  for (const e of d.value) RequestEvent.parse(e);
  return [...events, ...d.value];
}
const refusal = (events: RequestEvent[], mover: Mover, command: RequestCommand, now = T0 + 60 * MIN) => {
  const d = decideMove(config, events, mover, command, now);
  return d.ok ? 'ok' : d.code;
};
const record = (events: RequestEvent[]): RequestRecord => ({ id: 'r1', branchId: 'b1', code: CODE, events });
const view = (events: RequestEvent[], now: number) => RequestView.parse(requestView(config, record(events), now));
const status = (events: RequestEvent[], now: number) => RequestStatus.parse(requestStatus(config, record(events), now));

const respondBody = (appealUntil = J(1404, 2, 15)): RequestCommand => ({
  type: 'respond',
  legalBasis: 'ماده ۱۲ قانون',
  answer: 'با درخواست موافقت شد.',
  appealTo: 'هیئت تشخیص',
  appealUntil,
  remarks: '',
});

// ---- the states of the matrix

const S = {
  pending: created(),
  accepted: [] as RequestEvent[],
  inquiry: [] as RequestEvent[],
  lastAccepted: [] as RequestEvent[],
  returned: [] as RequestEvent[],
  responded: [] as RequestEvent[],
  delivered: [] as RequestEvent[],
  withdrawn: [] as RequestEvent[],
};
S.accepted = move(S.pending, officerA, { type: 'accept' }, T0 + MIN);
S.inquiry = move(
  S.accepted,
  officerA,
  { type: 'inquiry', agency: 'ثبت احوال', question: 'اصالت شناسنامه؟' },
  T0 + 2 * MIN,
);
{
  let e = move(S.accepted, officerA, { type: 'complete', note: '' }, T0 + 3 * MIN);
  e = move(e, officerTech, { type: 'accept' }, T0 + 4 * MIN);
  e = move(e, officerTech, { type: 'complete', note: '' }, T0 + 5 * MIN);
  S.lastAccepted = move(e, officerLegal, { type: 'accept' }, T0 + 6 * MIN);
}
S.returned = move(S.accepted, officerA, { type: 'return', reason: 'شناسنامه را بیاورید' }, T0 + 3 * MIN);
S.responded = move(S.lastAccepted, officerLegal, respondBody(), T0 + 7 * MIN);
S.delivered = move(S.responded, clerk, { type: 'deliver', channel: 'desk' }, T0 + 8 * MIN);
S.withdrawn = move(S.pending, clerk, { type: 'withdraw', reason: 'انصراف متقاضی' }, T0 + 2 * MIN);
type StateName = keyof typeof S;

const COMMANDS: Record<string, RequestCommand> = {
  accept: { type: 'accept' },
  complete: { type: 'complete', note: 'بررسی شد' },
  return: { type: 'return', reason: 'نقص مدارک' },
  forward: { type: 'forward', unit: U4, note: '' },
  inquiry: { type: 'inquiry', agency: 'ثبت احوال', question: 'سؤال' },
  'inquiry-answer': { type: 'inquiry-answer', answer: 'پاسخ' },
  respond: respondBody(),
  'deliver desk': { type: 'deliver', channel: 'desk' },
  'deliver electronic': { type: 'deliver', channel: 'electronic' },
  resubmit: { type: 'resubmit', note: '' },
  withdraw: { type: 'withdraw', reason: 'انصراف' },
};

/**
 * The movers, relative to the request: `assignee` is the officer who took the current step (or, not
 * yet taken, an officer of its unit), `colleague` another officer of that unit, `otherUnit` an officer
 * of the branch at another unit, `otherBranch` an officer of the same unit's name at another branch.
 */
const MOVERS = [
  'clerk',
  'clerkOther',
  'assignee',
  'colleague',
  'otherUnit',
  'otherBranch',
  'supervisor',
  'supervisorOther',
  'admin',
  'visitor',
] as const;
type MoverName = (typeof MOVERS)[number];
const atLast = (s: StateName) => s === 'lastAccepted' || s === 'responded' || s === 'delivered';
function moverFor(name: MoverName, state: StateName): Mover {
  const last = atLast(state);
  switch (name) {
    case 'clerk':
      return clerk;
    case 'clerkOther':
      return clerkOther;
    case 'assignee':
      return last ? officerLegal : officerA;
    case 'colleague':
      return last ? officerLegal2 : officerB;
    case 'otherUnit':
      return officerTech;
    case 'otherBranch':
      return last ? { ...officerOtherBranch, unit: U3 } : officerOtherBranch;
    case 'supervisor':
      return supervisor;
    case 'supervisorOther':
      return supervisorOther;
    case 'admin':
      return admin;
    case 'visitor':
      return visitor;
  }
}

type Outcome = string;
const F = 'forbidden';
const NA = 'move-not-allowed';
const NYU = 'not-your-unit';
const IN_PROGRESS: StateName[] = ['pending', 'accepted', 'inquiry', 'lastAccepted'];
const ENDED: StateName[] = ['returned', 'responded', 'delivered', 'withdrawn'];
const ALL: StateName[] = [...IN_PROGRESS, ...ENDED];

/** An officer-only step move: everyone but officers of the branch is forbidden. */
function stepMove(perState: Partial<Record<StateName, [assignee: Outcome, colleague: Outcome]>>) {
  const rows: Record<StateName, Record<MoverName, Outcome>> = {} as never;
  for (const s of ALL) {
    const inProgress = IN_PROGRESS.includes(s);
    const [a, c] = perState[s] ?? [NA, NA];
    rows[s] = {
      clerk: F,
      clerkOther: F,
      assignee: a,
      colleague: c,
      otherUnit: inProgress ? NYU : NA,
      otherBranch: F,
      supervisor: F,
      supervisorOther: F,
      admin: F,
      visitor: F,
    };
  }
  return rows;
}
/** A desk move (deliver at the desk, withdraw, resubmit): `allowed` people in `states`, else as said. */
function deskMove(allowed: MoverName[], states: StateName[]) {
  const rows: Record<StateName, Record<MoverName, Outcome>> = {} as never;
  for (const s of ALL) {
    const row = {} as Record<MoverName, Outcome>;
    for (const m of MOVERS) row[m] = allowed.includes(m) ? (states.includes(s) ? 'ok' : NA) : F;
    rows[s] = row;
  }
  return rows;
}

const MATRIX: Record<keyof typeof COMMANDS, Record<StateName, Record<MoverName, Outcome>>> = {
  accept: stepMove({
    pending: ['ok', 'ok'],
    accepted: ['already-accepted', 'already-accepted'],
    inquiry: ['already-accepted', 'already-accepted'],
    lastAccepted: ['already-accepted', 'already-accepted'],
  }),
  complete: stepMove({
    pending: ['not-accepted', 'not-accepted'],
    accepted: ['ok', 'not-assignee'],
    inquiry: [NA, 'not-assignee'],
    lastAccepted: ['last-step', 'not-assignee'],
  }),
  return: stepMove({
    pending: ['not-accepted', 'not-accepted'],
    accepted: ['ok', 'not-assignee'],
    inquiry: [NA, 'not-assignee'],
    lastAccepted: ['ok', 'not-assignee'],
  }),
  inquiry: stepMove({
    pending: ['not-accepted', 'not-accepted'],
    accepted: ['ok', 'not-assignee'],
    inquiry: [NA, 'not-assignee'],
    lastAccepted: ['ok', 'not-assignee'],
  }),
  'inquiry-answer': stepMove({
    pending: ['no-inquiry', 'no-inquiry'],
    accepted: ['no-inquiry', 'no-inquiry'],
    inquiry: ['ok', 'ok'],
    lastAccepted: ['no-inquiry', 'no-inquiry'],
  }),
  respond: stepMove({
    pending: ['not-accepted', 'not-accepted'],
    accepted: ['not-last-step', 'not-assignee'],
    inquiry: [NA, 'not-assignee'],
    lastAccepted: ['ok', 'not-assignee'],
  }),
  forward: (() => {
    const rows = stepMove({
      pending: ['not-accepted', 'not-accepted'],
      accepted: ['ok', 'not-assignee'],
      inquiry: [NA, 'not-assignee'],
      lastAccepted: ['ok', 'not-assignee'],
    });
    for (const s of ALL) {
      const manager = s === 'inquiry' || ENDED.includes(s) ? NA : 'ok';
      rows[s].supervisor = manager;
      rows[s].admin = manager;
    }
    return rows;
  })(),
  'deliver desk': deskMove(['clerk', 'supervisor', 'admin'], ['responded']),
  'deliver electronic': deskMove(['visitor'], ['responded']),
  resubmit: deskMove(['clerk'], ['returned']),
  withdraw: deskMove(['clerk', 'supervisor', 'admin'], [...IN_PROGRESS, 'returned']),
};

describe('request rules', () => {
  describe('[RQ3] creating a request', () => {
    it('[RQ3] a clerk of the branch makes it: seq 1, the code, the visit, steps in row order, documents split', () => {
      const d = decideCreate(createInput());
      expect(d.ok).toBe(true);
      if (!d.ok) return;
      const e = RequestEvent.parse(d.value);
      expect(e).toMatchObject({
        type: 'RequestCreated',
        seq: 1,
        at: new Date(T0).toISOString(),
        by: { kind: 'user', id: 'k1', name: 'نام k1', role: 'clerk', unit: null },
        code: CODE,
        branchId: 'b1',
        serviceId: 's1',
        ticketId: 't-1001',
        ticketNumber: '1001',
        applicant,
        brought: ['id-card'],
        missing: ['birth-cert', 'form'],
        notes: 'یادداشت داخلی',
      });
      if (e.type !== 'RequestCreated') return;
      expect(e.steps.map((s) => [s.row, s.unit])).toEqual([
        [1, U1],
        [2, U2],
        [3, U3],
      ]);
    });

    it('[RQ3][WD3] the promised date: 2 days + 4 h (1 day) + 1 day = 4 working days over the leap Esfand, Nowruz and the weekend', () => {
      const e = created()[0];
      if (e?.type !== 'RequestCreated') throw new Error('no RequestCreated');
      // 29 Esfand (Wed) is 1; Thursday 30 (the leap day), Friday and Nowruz 1–4 closed: 5, 6, then Thursday 7 and Friday 8 closed: Saturday 9.
      expect(jalali(e.promisedDate)).toBe('1404-01-09');
      expect(e.promisedDate).toBe('2025-03-29');
    });

    it('[RQ3] documents: given ids replace the visit’s, unknown ids are refused, nothing given reads as none', () => {
      const given = decideCreate(createInput({ brought: ['form', 'id-card', 'form'] }));
      expect(given.ok && given.value.type === 'RequestCreated' && [given.value.brought, given.value.missing]).toEqual([
        ['id-card', 'form'],
        ['birth-cert'],
      ]);
      expect(decideCreate(createInput({ brought: ['passport'] }))).toEqual({ ok: false, code: 'unknown-document' });
      const unchecked = decideCreate(createInput({ visit: { ...createInput().visit, brought: null } }));
      expect(unchecked.ok && unchecked.value.type === 'RequestCreated' && unchecked.value.brought).toEqual([]);
    });

    it('[RQ3] only a clerk of the branch; the sub-service must exist and have a workflow', () => {
      for (const mover of [clerkOther, supervisor, admin, officerA, visitor, system]) {
        expect(decideCreate(createInput({ mover }))).toEqual({ ok: false, code: 'forbidden' });
      }
      expect(decideCreate(createInput({ serviceId: 's3' }))).toEqual({ ok: false, code: 'no-workflow' });
      expect(decideCreate(createInput({ serviceId: 'nope' }))).toEqual({ ok: false, code: 'no-workflow' });
    });

    it('[RQ3] a sub-service other than the ticket’s: the visit’s documents not on its list are dropped', () => {
      const visit = { ticketId: 't-1001', number: '1001', serviceId: 's1', brought: ['birth-cert', 'form'] };
      const d = decideCreate(createInput({ serviceId: 's2', visit }));
      expect(d.ok && d.value.type === 'RequestCreated' && [d.value.brought, d.value.missing]).toEqual([
        [],
        ['id-card'],
      ]);
    });
  });

  describe('[RQ5–RQ13] the permission matrix', () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      for (const state of ALL) {
        it(`[RQ5] ${name} when ${state}`, () => {
          const events = S[state];
          const got: Record<string, Outcome> = {};
          for (const m of MOVERS) got[m] = refusal(events, moverFor(m, state), command);
          expect(got).toEqual(MATRIX[name]?.[state]);
        });
      }
    }

    it('[RQ10] the system (an inquiry connector, RS10) may enter the other agency’s answer, and only that', () => {
      const answer = COMMANDS['inquiry-answer'] as RequestCommand;
      expect(refusal(S.inquiry, system, answer)).toBe('ok');
      expect(move(S.inquiry, system, answer, T0 + 9 * MIN).at(-1)).toMatchObject({
        type: 'InquiryAnswered',
        by: { kind: 'system' },
      });
      expect(refusal(S.accepted, system, answer)).toBe('no-inquiry');
      expect(refusal(S.returned, system, answer)).toBe(NA);
      for (const other of ['accept', 'complete', 'inquiry', 'return']) {
        expect(refusal(S.inquiry, system, COMMANDS[other] as RequestCommand), other).toBe(F);
      }
      // Back to the officer who asked, as after a typed answer.
      expect(view(move(S.inquiry, system, answer, T0 + 9 * MIN), T0 + 9 * MIN).current).toMatchObject({
        status: 'accepted',
        assignee: { id: officerA.kind === 'user' ? officerA.id : '' },
      });
    });

    it('[RQ12] the system may record an electronic delivery; nobody may deliver twice', () => {
      expect(refusal(S.responded, system, COMMANDS['deliver electronic'] as RequestCommand)).toBe('ok');
      expect(refusal(S.responded, system, COMMANDS['deliver desk'] as RequestCommand)).toBe(F);
      expect(refusal(S.delivered, visitor, COMMANDS['deliver electronic'] as RequestCommand)).toBe(NA);
    });
  });

  describe('[RQ6–RQ14] the moves', () => {
    it('[RQ6] accept makes the officer the assignee; the event carries their unit', () => {
      const v = view(S.accepted, T0 + MIN);
      expect(v.current).toMatchObject({
        step: 0,
        unit: U1,
        status: 'accepted',
        assignee: { id: 'o-a', name: 'نام o-a' },
      });
      expect(S.accepted[1]).toMatchObject({ type: 'StepAccepted', seq: 2, step: 0, by: { role: 'officer', unit: U1 } });
    });

    it('[RQ7] complete moves to the next step, pending at its unit, since now', () => {
      const now = T0 + 3 * MIN;
      const e = move(S.accepted, officerA, { type: 'complete', note: 'ok' }, now);
      expect(view(e, now).current).toMatchObject({
        step: 1,
        unit: U2,
        status: 'pending',
        assignee: null,
        since: new Date(now).toISOString(),
      });
    });

    it('[RQ2][RQ8] return from a later step goes to the previous step at its own unit, even after a forward', () => {
      let e = move(S.accepted, supervisor, { type: 'forward', unit: U4, note: 'بایگانی ببیند' }, T0 + 2 * MIN);
      e = move(e, user('o-arch', 'officer', 'b1', U4), { type: 'accept' }, T0 + 3 * MIN);
      e = move(e, user('o-arch', 'officer', 'b1', U4), { type: 'complete', note: '' }, T0 + 4 * MIN);
      expect(view(e, T0 + 4 * MIN).current).toMatchObject({ step: 1, unit: U2 });
      e = move(e, officerTech, { type: 'accept' }, T0 + 5 * MIN);
      e = move(e, officerTech, { type: 'return', reason: 'سوابق ناقص' }, T0 + 6 * MIN);
      expect(e.at(-1)).toMatchObject({ type: 'StepReturned', step: 1, toStep: 0 });
      expect(view(e, T0 + 6 * MIN)).toMatchObject({
        state: 'in-progress',
        returnedReason: null,
        current: { step: 0, unit: U1, status: 'pending', assignee: null },
      });
    });

    it('[RQ8] return from the first step goes back to the desk with its reason', () => {
      const v = view(S.returned, T0 + 3 * MIN);
      expect(v).toMatchObject({ state: 'returned', current: null, returnedReason: 'شناسنامه را بیاورید' });
      expect(S.returned.at(-1)).toMatchObject({ type: 'StepReturned', step: 0, toStep: null });
    });

    it('[RQ9] forward: to a unit of the branch other than the current one; the step stays, pending there', () => {
      expect(branchUnits(config)).toEqual([U1, U2, U3, U4].sort());
      expect(refusal(S.accepted, officerA, { type: 'forward', unit: 'واحد ناموجود', note: '' })).toBe('unknown-unit');
      expect(refusal(S.accepted, officerA, { type: 'forward', unit: U1, note: '' })).toBe('same-unit');
      expect(refusal(S.pending, supervisor, { type: 'forward', unit: U1, note: '' })).toBe('same-unit');
      const now = T0 + 9 * MIN;
      const e = move(S.accepted, officerA, { type: 'forward', unit: U2, note: 'نظر فنی' }, now);
      expect(view(e, now).current).toMatchObject({
        step: 0,
        title: 'بررسی سوابق',
        unit: U2,
        status: 'pending',
        assignee: null,
        since: new Date(now).toISOString(),
      });
      // Now U2's officers hold it and U1's do not.
      expect(refusal(e, officerA, { type: 'accept' })).toBe(NYU);
      expect(refusal(e, officerTech, { type: 'accept' })).toBe('ok');
    });

    it('[RQ10] inquiry: the step waits with the same assignee; a colleague may enter the answer; the due time runs on', () => {
      const v = view(S.inquiry, T0 + 2 * MIN);
      expect(v.current).toMatchObject({
        status: 'inquiry',
        assignee: { id: 'o-a' },
        inquiry: { agency: 'ثبت احوال', question: 'اصالت شناسنامه؟', since: new Date(T0 + 2 * MIN).toISOString() },
      });
      const before = view(S.accepted, T0 + MIN).current?.dueAt;
      expect(v.current?.dueAt).toBe(before);
      const e = move(S.inquiry, officerB, { type: 'inquiry-answer', answer: 'اصیل است' }, T0 + 30 * MIN);
      expect(view(e, T0 + 30 * MIN).current).toMatchObject({
        status: 'accepted',
        assignee: { id: 'o-a' },
        inquiry: null,
      });
      expect(view(e, T0 + 30 * MIN).current?.dueAt).toBe(before);
    });

    it('[RQ11] respond: the full notice, numbered by the code, the issuer’s post defaulting to the step’s', () => {
      const now = T0 + 7 * MIN;
      const e = S.responded.at(-1);
      expect(e).toMatchObject({ type: 'ResponseIssued', step: 2 });
      expect(responseOf(S.responded)).toEqual({
        number: `${CODE}-1`,
        issuedAt: new Date(now).toISOString(),
        nationalId: applicant.nationalId,
        fullName: applicant.fullName,
        legalBasis: 'ماده ۱۲ قانون',
        answer: 'با درخواست موافقت شد.',
        appealTo: 'هیئت تشخیص',
        appealUntil: J(1404, 2, 15),
        remarks: '',
        issuer: { name: 'نام o-l', post: 'رئیس امور حقوقی' },
      });
      const own = move(S.lastAccepted, officerLegal, { ...respondBody(), issuerPost: 'معاون' } as RequestCommand, now);
      expect(responseOf(own)?.issuer.post).toBe('معاون');
      expect(responseOf(S.lastAccepted)).toBeNull();
      expect(view(S.responded, now)).toMatchObject({
        state: 'responded',
        current: null,
        respondedAt: new Date(now).toISOString(),
      });
    });

    it('[RQ11] the appeal date may be today (the branch’s local day) but not before', () => {
      // 00:30 on 1404-01-05 in Tehran is still 1404-01-04 in UTC.
      const now = at(1404, 1, 5, '00:30');
      expect(refusal(S.lastAccepted, officerLegal, respondBody(J(1404, 1, 4)), now)).toBe('appeal-date-past');
      expect(refusal(S.lastAccepted, officerLegal, respondBody(J(1404, 1, 5)), now)).toBe('ok');
    });

    it('[RQ12] deliver records the channel and time', () => {
      const v = view(S.delivered, T0 + 8 * MIN);
      expect(v).toMatchObject({
        state: 'delivered',
        deliveryChannel: 'desk',
        deliveredAt: new Date(T0 + 8 * MIN).toISOString(),
      });
      const el = move(S.responded, visitor, { type: 'deliver', channel: 'electronic' }, T0 + 9 * MIN);
      expect(el.at(-1)?.by).toEqual({ kind: 'visitor', id: null, name: 'visitor', role: null, unit: null });
      expect(view(el, T0 + 9 * MIN).deliveryChannel).toBe('electronic');
    });

    it('[RQ13] resubmit: back to the first step at its unit, with the documents brought now', () => {
      const now = T0 + 60 * MIN;
      expect(refusal(S.returned, clerk, { type: 'resubmit', note: '', brought: ['visa'] })).toBe('unknown-document');
      const e = move(S.returned, clerk, { type: 'resubmit', note: 'آورد', brought: ['id-card', 'birth-cert'] }, now);
      expect(e.at(-1)).toMatchObject({ type: 'Resubmitted', brought: ['id-card', 'birth-cert'], missing: ['form'] });
      expect(view(e, now)).toMatchObject({
        state: 'in-progress',
        returnedReason: null,
        brought: ['id-card', 'birth-cert'],
        missing: ['form'],
        current: { step: 0, unit: U1, status: 'pending', since: new Date(now).toISOString() },
      });
      // Without `brought`, the documents stay as they were.
      const same = move(S.returned, clerk, { type: 'resubmit', note: '' }, now);
      expect(same.at(-1)).toMatchObject({ brought: ['id-card'], missing: ['birth-cert', 'form'] });
    });

    it('[RQ14] withdraw ends the request with the reason', () => {
      expect(view(S.withdrawn, T0 + 2 * MIN)).toMatchObject({ state: 'withdrawn', current: null });
      const w = move(S.returned, supervisor, { type: 'withdraw', reason: 'انصراف' }, T0 + 5 * MIN);
      expect(view(w, T0 + 5 * MIN)).toMatchObject({ state: 'withdrawn', returnedReason: null });
    });

    it('[RQ4] every new event gets the next seq, the time of now and its person', () => {
      const now = T0 + 77 * MIN;
      const d = decideMove(config, S.lastAccepted, officerLegal, { type: 'return', reason: 'x' }, now);
      expect(d).toEqual({
        ok: true,
        value: [
          {
            type: 'StepReturned',
            seq: S.lastAccepted.length + 1,
            at: new Date(now).toISOString(),
            by: actorOf(officerLegal),
            step: 2,
            reason: 'x',
            toStep: 1,
          },
        ],
      });
      expect(actorOf(supervisor)).toEqual({ kind: 'user', id: 'sv', name: 'نام sv', role: 'supervisor', unit: null });
      expect(actorOf(system)).toEqual({ kind: 'system', id: null, name: 'system', role: null, unit: null });
    });
  });

  describe('[RQ15] who may read a request', () => {
    it('[RQ15] admins all; supervisors and clerks their branch; officers their unit’s inbox and what they acted on', () => {
      expect(mayRead(admin, S.pending)).toBe(true);
      expect(mayRead(supervisor, S.pending)).toBe(true);
      expect(mayRead(clerk, S.delivered)).toBe(true);
      expect(mayRead(supervisorOther, S.pending)).toBe(false);
      expect(mayRead(clerkOther, S.pending)).toBe(false);
      expect(mayRead(officerB, S.pending)).toBe(true); // at their unit now
      expect(mayRead(officerOtherBranch, S.pending)).toBe(false); // same unit name, other branch
      expect(mayRead(officerTech, S.pending)).toBe(false); // not yet at their unit
      expect(mayRead(officerLegal2, S.lastAccepted)).toBe(true); // at their unit
      expect(mayRead(officerTech, S.lastAccepted)).toBe(true); // they acted on it
      expect(mayRead(officerB, S.lastAccepted)).toBe(false); // their unit had it, but not them
      expect(mayRead(officerA, S.delivered)).toBe(true);
      expect(mayRead(officerB, S.returned)).toBe(false);
      expect(mayRead(visitor, S.pending)).toBe(false);
      expect(mayRead(system, S.pending)).toBe(false);
      expect(mayRead(supervisor, [])).toBe(false);
    });
  });

  describe('[RQ16] the views', () => {
    it('[RQ16][WD4] due and overdue: a 2-day step since Tuesday 10:00 is due Tuesday 5 Farvardin 10:00', () => {
      const due = at(1404, 1, 5, '10:00');
      expect(view(S.pending, due).current).toMatchObject({ dueAt: new Date(due).toISOString(), overdue: false });
      expect(view(S.pending, due + 1).current?.overdue).toBe(true);
      // A 4-hour step is clock time.
      const e = move(S.accepted, officerA, { type: 'complete', note: '' }, T0 + 3 * MIN);
      expect(view(e, T0 + 3 * MIN).current?.dueAt).toBe(new Date(T0 + 3 * MIN + 4 * 60 * MIN).toISOString());
    });

    it('[RQ16] a summary is the view without documents, notes or history; service titles fall back to the id', () => {
      const v = view(S.accepted, T0 + MIN);
      expect(requestSummary(v)).toEqual({
        id: 'r1',
        code: CODE,
        branchId: 'b1',
        serviceId: 's1',
        serviceTitle: { fa: 'تمدید دفترچه' },
        applicantName: applicant.fullName,
        state: 'in-progress',
        current: v.current,
        createdAt: new Date(T0).toISOString(),
        promisedDate: J(1404, 1, 9),
        version: 2,
      });
      const gone = { ...config, services: config.services.filter((s) => s.id !== 's1') };
      expect(requestView(gone, record(S.accepted), T0).serviceTitle).toEqual({ fa: 's1', en: 's1' });
    });

    it('[RQ1][RQ2][RQ16] a whole life, folded at every stage for staff and for the visitor', () => {
      const t = (m: number) => T0 + m * MIN;
      const iso = (m: number) => new Date(t(m)).toISOString();
      let e = created();
      let v = view(e, t(0));
      expect(v).toMatchObject({
        state: 'in-progress',
        version: 1,
        handedAt: iso(0),
        respondedAt: null,
        deliveredAt: null,
        deliveryChannel: null,
        response: null,
        current: { step: 0, title: 'بررسی سوابق', unit: U1, post: 'کارشناس درآمد', status: 'pending' },
      });
      let st = status(e, t(0));
      expect(st).toMatchObject({
        code: CODE,
        branchName: { fa: 'شعبه آزمایشی', en: 'Test branch' },
        serviceTitle: { fa: 'تمدید دفترچه' },
        state: 'in-progress',
        stepCount: 3,
        current: { step: 0, title: 'بررسی سوابق', since: iso(0), inquiry: false },
        missingDocuments: [{ fa: 'شناسنامه', en: 'Birth certificate' }, { fa: 'فرم درخواست' }],
        responseReady: false,
      });

      e = move(e, officerA, { type: 'accept' }, t(1));
      e = move(e, officerA, { type: 'complete', note: 'یادداشت محرمانه' }, t(2));
      expect(view(e, t(2)).current).toMatchObject({ step: 1, unit: U2, status: 'pending' });
      e = move(e, officerTech, { type: 'accept' }, t(3));
      e = move(e, officerTech, { type: 'return', reason: 'سوابق ناقص' }, t(4));
      expect(view(e, t(4)).current).toMatchObject({ step: 0, unit: U1, status: 'pending' });
      e = move(e, officerB, { type: 'accept' }, t(5));
      e = move(e, officerB, { type: 'return', reason: 'شناسنامه لازم است' }, t(6));
      v = view(e, t(6));
      expect(v).toMatchObject({ state: 'returned', current: null, returnedReason: 'شناسنامه لازم است' });
      expect(status(e, t(6))).toMatchObject({ state: 'returned', current: null });

      e = move(e, clerk, { type: 'resubmit', note: '', brought: ['id-card', 'birth-cert', 'form'] }, t(60));
      expect(status(e, t(60)).missingDocuments).toEqual([]);
      e = move(e, officerA, { type: 'accept' }, t(61));
      e = move(e, officerA, { type: 'complete', note: '' }, t(62));
      e = move(e, officerTech, { type: 'accept' }, t(63));
      e = move(e, officerTech, { type: 'inquiry', agency: 'شهرداری', question: 'پرسش داخلی' }, t(64));
      expect(status(e, t(64)).current).toEqual({ step: 1, title: 'بازدید فنی', since: iso(62), inquiry: true });
      e = move(e, officerTech, { type: 'inquiry-answer', answer: 'پاسخ داخلی' }, t(90));
      e = move(e, officerTech, { type: 'complete', note: '' }, t(91));
      e = move(e, officerLegal, { type: 'accept' }, t(92));
      e = move(e, officerLegal, respondBody(), t(93));
      v = view(e, t(93));
      expect(v).toMatchObject({
        state: 'responded',
        respondedAt: iso(93),
        current: null,
        response: { number: `${CODE}-1` },
      });
      st = status(e, t(93));
      expect(st).toMatchObject({ state: 'responded', responseReady: true, current: null });
      e = move(e, clerk, { type: 'deliver', channel: 'desk' }, t(120));
      v = view(e, t(120));
      expect(v).toMatchObject({
        state: 'delivered',
        deliveredAt: iso(120),
        deliveryChannel: 'desk',
        version: e.length,
      });
      expect(v.events).toHaveLength(e.length);
      st = status(e, t(120));
      expect(st.responseReady).toBe(true);
      expect(st.history).toEqual([
        { at: iso(0), type: 'created', text: null },
        { at: iso(0), type: 'stage', text: 'بررسی سوابق' },
        { at: iso(2), type: 'stage', text: 'بازدید فنی' },
        { at: iso(4), type: 'stage', text: 'بررسی سوابق' },
        { at: iso(6), type: 'returned', text: 'شناسنامه لازم است' },
        { at: iso(60), type: 'resubmitted', text: null },
        { at: iso(60), type: 'stage', text: 'بررسی سوابق' },
        { at: iso(62), type: 'stage', text: 'بازدید فنی' },
        { at: iso(64), type: 'inquiry', text: null },
        { at: iso(90), type: 'inquiry-answered', text: null },
        { at: iso(91), type: 'stage', text: 'صدور پاسخ' },
        { at: iso(93), type: 'responded', text: null },
        { at: iso(120), type: 'delivered', text: null },
      ]);
      // No staff names, internal notes, inquiry texts or national ID anywhere in the visitor's view.
      const text = JSON.stringify(st);
      for (const secret of [
        'نام o-',
        'نام k1',
        'یادداشت',
        'پرسش داخلی',
        'پاسخ داخلی',
        'شهرداری',
        applicant.nationalId,
        U1,
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    it('[RQ16] a missing document no longer on the list is shown by its id', () => {
      const fewer = {
        ...config,
        services: config.services.map((s) =>
          s.id === 's1'
            ? { ...s, info: { ...s.info, requiredDocuments: s.info.requiredDocuments.filter((d) => d.id !== 'form') } }
            : s,
        ),
      };
      expect(requestStatus(fewer, record(S.pending), T0).missingDocuments).toEqual([
        { fa: 'شناسنامه', en: 'Birth certificate' },
        { fa: 'form', en: 'form' },
      ]);
    });

    it('[RQ16] a withdrawal shows its reason to the visitor', () => {
      expect(status(S.withdrawn, T0 + 2 * MIN).history.at(-1)).toEqual({
        at: new Date(T0 + 2 * MIN).toISOString(),
        type: 'withdrawn',
        text: 'انصراف متقاضی',
      });
    });
  });

  describe('[TC3] new tracking codes', () => {
    it('[TC3] nine digits from the source, the first 1–9, and a valid Damm digit', () => {
      let a = 12345;
      const random = () => {
        a = (a * 1103515245 + 12345) % 2 ** 31;
        return a / 2 ** 31;
      };
      const seen = new Set<string>();
      for (let i = 0; i < 1000; i++) {
        const code = newTrackingCode(random);
        expect(code).toMatch(/^[1-9]\d{9}$/);
        expect(isValidTrackingCode(code)).toBe(true);
        seen.add(code);
      }
      expect(seen.size).toBe(1000);
      expect(newTrackingCode(() => 0)).toBe(`100000000${dammDigit('100000000')}`);
      expect(newTrackingCode(() => 0.999_999_999).slice(0, 9)).toBe('999999999');
    });

    it('[TC1][TC3] every substitution and adjacent swap of 2,000 generated codes is caught', () => {
      let a = 1538588;
      const random = () => {
        a = (a * 48271) % 2147483647;
        return a / 2147483647;
      };
      let checked = 0;
      for (let n = 0; n < 2000; n++) {
        const code = newTrackingCode(random);
        for (let i = 0; i < code.length; i++) {
          for (const d of '0123456789') {
            if (d === code[i]) continue;
            const typo = code.slice(0, i) + d + code.slice(i + 1);
            if (isValidTrackingCode(typo)) throw new Error(`substitution not caught: ${code} → ${typo}`);
            checked++;
          }
          if (i + 1 < code.length && code[i] !== code[i + 1]) {
            const swap = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
            if (isValidTrackingCode(swap)) throw new Error(`swap not caught: ${code} → ${swap}`);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(2000 * 90);
    });
  });
});
