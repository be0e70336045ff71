import type { RequestEvent, RequestSummary, RequestView, SessionUser } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import {
  actorText,
  applyChange,
  byDue,
  codeText,
  eventLine,
  isolate as i,
  inboxKeeps,
  isOverdue,
  isStale,
  listKeeps,
  movesFor,
  reconcile,
  requestErrorText,
  statusText,
  stepMarks,
} from './model.ts';

const steps = [
  { row: 1, title: 'بررسی مدارک', unit: 'واحد پذیرش', post: 'کارشناس', duration: 1, durationUnit: 'day' as const },
  { row: 2, title: 'محاسبه', unit: 'واحد درآمد', post: 'کارشناس درآمد', duration: 2, durationUnit: 'day' as const },
  { row: 3, title: 'پاسخ', unit: 'واحد حقوقی', post: 'مدیر حقوقی', duration: 4, durationUnit: 'hour' as const },
];

function summary(over: Partial<RequestSummary> & { id: string }): RequestSummary {
  return {
    code: '1234567897',
    branchId: 'b1',
    serviceId: 's1',
    serviceTitle: { fa: 'پروانه', en: 'Permit' },
    applicantName: 'سارا',
    state: 'in-progress',
    current: {
      step: 0,
      title: 'بررسی مدارک',
      unit: 'واحد پذیرش',
      post: 'کارشناس',
      status: 'pending',
      since: '2025-05-01T06:00:00Z',
      dueAt: '2025-05-02T06:00:00Z',
      overdue: false,
      assignee: null,
      inquiry: null,
    },
    createdAt: '2025-05-01T06:00:00Z',
    promisedDate: '2025-05-10',
    version: 1,
    ...over,
  };
}

const actor = { kind: 'user' as const, id: 'u1', name: 'رضا', role: 'clerk' as const, unit: null };

function view(over: Partial<RequestView> = {}): RequestView {
  return {
    ...summary({ id: 'r1' }),
    ticketId: 't1',
    ticketNumber: 'A-101',
    applicant: { fullName: 'سارا رضایی', nationalId: '0012345679', mobile: '09121234567' },
    brought: [],
    missing: [],
    notes: '',
    steps,
    handedAt: '2025-05-01T06:00:00Z',
    respondedAt: null,
    deliveredAt: null,
    deliveryChannel: null,
    returnedReason: null,
    response: null,
    events: [],
    ...over,
  };
}

const officer = (id: string, unit: string, branchId = 'b1'): SessionUser => ({
  id,
  username: id,
  name: id,
  role: 'officer',
  branchId,
  unit,
});
const at = (step: number, status: 'pending' | 'accepted' | 'inquiry', assignee: string | null = null) => {
  const s = steps[step] ?? steps[0];
  if (!s) throw new Error('no step');
  return {
    step,
    title: s.title,
    unit: s.unit,
    post: s.post,
    status,
    since: '2025-05-01T06:00:00Z',
    dueAt: '2025-05-02T06:00:00Z',
    overdue: false,
    assignee: assignee ? { id: assignee, name: assignee } : null,
    inquiry: status === 'inquiry' ? { agency: 'ثبت احوال', question: '?', since: '2025-05-01T07:00:00Z' } : null,
  };
};

describe('codes and statuses', () => {
  it('writes a tracking code 3-3-4, in Persian digits for Persian', () => {
    expect(codeText('fa', '1234567897')).toBe('۱۲۳-۴۵۶-۷۸۹۷');
    expect(codeText('en', '1234567897')).toBe('123-456-7897');
  });
  it('says whether a step waits, is taken by whom, or waits for an inquiry', () => {
    expect(statusText('fa', at(0, 'pending'))).toBe('در انتظار پذیرش');
    expect(statusText('en', at(0, 'accepted', 'Sara'))).toBe(`Taken by ${i('Sara')}`);
    expect(statusText('en', at(0, 'inquiry', 'Sara'))).toBe('Waiting for an inquiry');
    expect(statusText('en', null)).toBe('');
  });
  it('counts a step overdue once its due time has passed, even if the server said no', () => {
    const s = summary({ id: 'a' });
    expect(isOverdue(s, Date.parse('2025-05-01T12:00:00Z'))).toBe(false);
    expect(isOverdue(s, Date.parse('2025-05-02T06:00:01Z'))).toBe(true);
    expect(isOverdue({ ...s, state: 'responded' }, Date.parse('2025-06-01T00:00:00Z'))).toBe(false);
  });
});

describe('a live list', () => {
  const due = (id: string, dueAt: string, version = 1) => {
    const s = summary({ id, version });
    return { ...s, current: s.current ? { ...s.current, dueAt } : null };
  };
  const a = due('a', '2025-05-03T06:00:00Z');
  const b = due('b', '2025-05-02T06:00:00Z');
  const keepAll = () => true;

  it('orders by due time, requests without a current step last', () => {
    const c = { ...summary({ id: 'c' }), current: null, state: 'returned' as const };
    expect([a, c, b].sort(byDue).map((s) => s.id)).toEqual(['b', 'a', 'c']);
  });
  it('adds a new request in its place, updates one it has, drops one that left', () => {
    expect(applyChange([a], b, keepAll).map((s) => s.id)).toEqual(['b', 'a']);
    const later = due('b', '2025-05-09T06:00:00Z', 2);
    expect(applyChange([b, a], later, keepAll).map((s) => `${s.id}${s.version}`)).toEqual(['a1', 'b2']);
    const moved = { ...due('b', '2025-05-02T06:00:00Z', 3), state: 'responded' as const };
    expect(applyChange([b, a], moved, inboxKeeps('واحد پذیرش')).map((s) => s.id)).toEqual(['a']);
  });
  it('never replaces a row with an older version of it', () => {
    const newer = due('a', '2025-05-03T06:00:00Z', 5);
    expect(applyChange([newer], due('a', '2025-05-01T06:00:00Z', 4), keepAll)[0]?.version).toBe(5);
  });
  it('applies the changes received during a load on top of its answer, never an older one over a newer', () => {
    const keeps = inboxKeeps('واحد پذیرش');
    const left = { ...due('a', '2025-05-03T06:00:00Z', 2), state: 'responded' as const };
    const stale = due('b', '2025-05-09T06:00:00Z', 0);
    const fresh = due('c', '2025-05-01T06:00:00Z');
    expect(reconcile([a, b], [left, stale, fresh], keeps).map((s) => `${s.id}${s.version}`)).toEqual(['c1', 'b1']);
  });
  it('only updates and drops rows when told not to add (a server-side search)', () => {
    expect(applyChange([a], b, keepAll, false).map((s) => s.id)).toEqual(['a']);
  });
  it('keeps in an inbox only what is in progress at its unit now', () => {
    const keeps = inboxKeeps('واحد پذیرش');
    expect(keeps(a)).toBe(true);
    expect(keeps({ ...a, current: a.current ? { ...a.current, unit: 'واحد درآمد' } : null })).toBe(false);
    expect(keeps({ ...a, state: 'returned', current: null })).toBe(false);
  });
  it('keeps in a branch list what its filters hold', () => {
    const now = () => Date.parse('2025-05-02T12:00:00Z');
    expect(listKeeps({ state: 'in-progress' }, now)(a)).toBe(true);
    expect(listKeeps({ state: 'returned' }, now)(a)).toBe(false);
    expect(listKeeps({ unit: 'واحد درآمد' }, now)(a)).toBe(false);
    expect(listKeeps({ overdue: true }, now)(b)).toBe(true);
    expect(listKeeps({ overdue: true }, now)(a)).toBe(false);
  });
});

describe('the moves offered (RQ5–RQ14)', () => {
  it('an officer of the current unit takes a pending step', () => {
    expect(movesFor(view({ current: at(0, 'pending') }), officer('o1', 'واحد پذیرش'))).toEqual(['accept']);
  });
  it('the assignee completes, returns, forwards or asks; at the last step responds instead of completing', () => {
    expect(movesFor(view({ current: at(0, 'accepted', 'o1') }), officer('o1', 'واحد پذیرش'))).toEqual([
      'complete',
      'return',
      'forward',
      'inquiry',
    ]);
    expect(movesFor(view({ current: at(2, 'accepted', 'o3') }), officer('o3', 'واحد حقوقی'))).toEqual([
      'respond',
      'return',
      'forward',
      'inquiry',
    ]);
  });
  it('a colleague of the assignee gets nothing but the inquiry answer', () => {
    expect(movesFor(view({ current: at(0, 'accepted', 'o1') }), officer('o2', 'واحد پذیرش'))).toEqual([]);
    expect(movesFor(view({ current: at(0, 'inquiry', 'o1') }), officer('o2', 'واحد پذیرش'))).toEqual([
      'inquiry-answer',
    ]);
  });
  it('an officer of another unit or branch gets nothing', () => {
    expect(movesFor(view({ current: at(0, 'pending') }), officer('o9', 'واحد درآمد'))).toEqual([]);
    expect(movesFor(view({ current: at(0, 'pending') }), officer('o9', 'واحد پذیرش', 'b2'))).toEqual([]);
    expect(movesFor(view({ state: 'responded', current: null }), officer('o1', 'واحد پذیرش'))).toEqual([]);
  });
  it('a supervisor forwards, records delivery at the desk and withdraws; not in another branch', () => {
    const sup: SessionUser = { id: 's', username: 's', name: 's', role: 'supervisor', branchId: 'b1' };
    expect(movesFor(view({ current: at(1, 'accepted', 'o2') }), sup)).toEqual(['forward', 'withdraw']);
    expect(movesFor(view({ current: at(1, 'inquiry', 'o2') }), sup)).toEqual(['withdraw']);
    expect(movesFor(view({ state: 'responded', current: null }), sup)).toEqual(['deliver']);
    expect(movesFor(view({ state: 'returned', current: null }), sup)).toEqual(['withdraw']);
    expect(movesFor(view(), { ...sup, branchId: 'b2' })).toEqual([]);
  });
});

describe('the workflow and the history', () => {
  it('marks the steps done, current and ahead; all done once responded', () => {
    expect(stepMarks(view({ current: at(1, 'pending') }))).toEqual(['done', 'current', 'todo']);
    expect(stepMarks(view({ state: 'responded', current: null }))).toEqual(['done', 'done', 'done']);
    expect(stepMarks(view({ state: 'returned', current: null }))).toEqual(['todo', 'todo', 'todo']);
  });
  it('names the person with their unit, or the visitor or the system', () => {
    expect(actorText('fa', { ...actor, role: 'officer', unit: 'واحد درآمد' })).toBe('رضا (واحد درآمد)');
    expect(actorText('en', { kind: 'visitor', id: null, name: '', role: null, unit: null })).toBe('The visitor');
  });
  it('says what each event did, with its note, reason or answer', () => {
    const base = { seq: 2, at: '2025-05-01T07:00:00Z', by: actor };
    const returned: RequestEvent = { ...base, type: 'StepReturned', step: 1, reason: 'رسید ندارد', toStep: 0 };
    expect(eventLine('fa', returned, steps)).toEqual({
      what: `بازگردانده شد: ${i('محاسبه')} به «${i('بررسی مدارک')}»`,
      detail: 'رسید ندارد',
    });
    const toDesk: RequestEvent = { ...base, type: 'StepReturned', step: 0, reason: 'no ID copy', toStep: null };
    expect(eventLine('en', toDesk, steps).what).toBe(`Returned: ${i('بررسی مدارک')} to the desk`);
    const forwarded: RequestEvent = { ...base, type: 'StepForwarded', step: 1, toUnit: 'واحد فنی', note: '' };
    expect(eventLine('en', forwarded, steps)).toEqual({
      what: `Forwarded: ${i('محاسبه')} to ${i('واحد فنی')}`,
      detail: null,
    });
    const asked: RequestEvent = { ...base, type: 'InquirySent', step: 1, agency: 'ثبت', question: 'مالک کیست؟' };
    expect(eventLine('fa', asked, steps)).toEqual({ what: `استعلام فرستاده شد: ${i('ثبت')}`, detail: 'مالک کیست؟' });
    const delivered: RequestEvent = { ...base, type: 'Delivered', channel: 'electronic' };
    expect(eventLine('en', delivered, steps).what).toBe('Response delivered (electronically)');
  });
});

describe('refusals', () => {
  it('words a request refusal from protocol, in the reader’s language', () => {
    const err = { status: 409, code: 'not-assignee', text: { fa: 'x', en: 'x' } };
    expect(requestErrorText('en', err)).toBe('Another officer has taken this request.');
    expect(requestErrorText('fa', { status: 403, code: 'forbidden', text: { fa: 'نه', en: 'No' } })).toBe('نه');
  });
  it('knows a refusal on a stale version', () => {
    expect(isStale({ code: 'stale-request' })).toBe(true);
    expect(isStale({ code: 'not-your-unit' })).toBe(false);
  });
});
