// followBranch: a snapshot and the events after it, with their log versions. Each event kind, old
// and duplicate events, events out of order, gaps, a new day, and the shapes of each namespace.
import type {
  CallPayload,
  CounterSummary,
  DisplaySnapshot,
  KioskSnapshot,
  QueueCounts,
  ServiceSummary,
  StaffSnapshot,
  StaffTicket,
} from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { type BranchEvent, type BranchSnapshot, type Followed, followBranch, type Step } from './follow.ts';

const counter = (n: number, extra: Partial<CounterSummary> = {}): CounterSummary => ({
  id: `counter-${n}`,
  number: n,
  title: { fa: `باجه ${n}` },
  services: [{ serviceId: 'svc', title: { fa: 'خدمت' }, weight: 1 }],
  status: 'open',
  pauseReason: null,
  serving: null,
  ...extra,
});
const call = (ticket: string, version: number, since = version - 1, extra: Partial<CallPayload> = {}): CallPayload => ({
  ticketId: ticket,
  number: ticket.toUpperCase(),
  counterId: 'counter-1',
  counterNumber: 1,
  serviceId: 'svc',
  calledAt: '2026-12-02T08:00:00.000Z',
  recall: false,
  version,
  since,
  ...extra,
});
const ticket = (id: string, status: StaffTicket['status'], extra: Partial<StaffTicket> = {}): StaffTicket => ({
  id,
  number: id.toUpperCase(),
  serviceId: 'svc',
  priority: 'normal',
  status,
  issuedAt: '2026-12-02T07:00:00.000Z',
  calledAt: null,
  startedAt: null,
  recalls: 0,
  transfers: 0,
  counterId: null,
  missingDocuments: null,
  note: null,
  parkReason: null,
  targetCounterId: null,
  ...extra,
});
const display = (version: number, extra: Partial<DisplaySnapshot> = {}): DisplaySnapshot => ({
  branchId: 'b',
  branchName: { fa: 'شعبه' },
  day: '2026-12-02',
  version,
  serverTime: '2026-12-02T08:00:00.000Z',
  counters: [counter(1), counter(2)],
  services: [{ id: 'svc', title: { fa: 'خدمت' }, waiting: 3 }],
  recentCalls: [],
  ...extra,
});
const staff = (version: number, extra: Partial<StaffSnapshot> = {}): StaffSnapshot => ({
  ...display(version),
  waiting: [ticket('a', 'waiting'), ticket('b', 'waiting'), ticket('c', 'waiting')],
  parked: [],
  serving: [],
  ...extra,
});
const counts = (
  version: number,
  waiting: number,
  extra: Partial<QueueCounts['services'][number]> = {},
): QueueCounts => ({
  branchId: 'b',
  version,
  services: [{ serviceId: 'svc', waiting, etaMinutes: 5, etaUnknown: null, unavailable: null, ...extra }],
});

/** Folds `events` from nothing; returns the last state and each event's outcome. */
function run<S extends BranchSnapshot>(events: BranchEvent<S>[]) {
  let state: Followed<S> | null = null;
  const outcomes: string[] = [];
  for (const e of events) {
    const step: Step<S> = followBranch(state, e);
    state = step.state;
    outcomes.push(step.outcome);
  }
  if (!state) throw new Error('no state');
  return { state, outcomes };
}

describe('followBranch: snapshots', () => {
  it('an event before any snapshot waits for it (the snapshot will hold it)', () => {
    expect(followBranch(null, { type: 'ticket:called', payload: call('a', 3) })).toEqual({
      state: null,
      outcome: 'waiting',
    });
  });

  it('a snapshot replaces everything, whatever its version (after a reconnect, a new day)', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'counter:changed', payload: { ...counter(1, { status: 'paused' }), version: 11, since: 10 } },
      { type: 'snapshot', payload: display(2, { day: '2026-12-03' }) },
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    expect(state.version).toBe(2);
    expect(state.view.day).toBe('2026-12-03');
    expect(state.view.counters[0]?.status).toBe('open');
    expect(state.counters).toEqual({});
  });
});

describe('followBranch: each event kind', () => {
  it('ticket:called puts the call on top; a recall of the same number moves its row up [D1]', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10, { recentCalls: [call('x', 9)] }) },
      { type: 'ticket:called', payload: call('a', 11) },
      { type: 'ticket:called', payload: call('b', 12) },
      { type: 'ticket:called', payload: call('a', 13, 12, { recall: true }) },
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(state.view.recentCalls.map((c) => [c.ticketId, c.recall])).toEqual([
      ['a', true],
      ['b', false],
      ['x', false],
    ]);
    // What is kept is the call as a snapshot has it (no `since`).
    expect(state.view.recentCalls[0]).not.toHaveProperty('since');
    expect(state.version).toBe(13);
  });

  it('keeps as many recent calls as the server does (20)', () => {
    const events: BranchEvent<DisplaySnapshot>[] = [{ type: 'snapshot', payload: display(0) }];
    for (let v = 1; v <= 25; v++) events.push({ type: 'ticket:called', payload: call(`t${v}`, v) });
    const { state } = run(events);
    expect(state.view.recentCalls).toHaveLength(20);
    expect(state.view.recentCalls[0]?.ticketId).toBe('t25');
  });

  it('ticket:called shows its counter calling that number at once; the command’s counter:changed still applies', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10, { counters: [counter(1, { status: 'paused' }), counter(2)] }) },
      { type: 'ticket:called', payload: call('a', 11, 10) },
    ]);
    expect(state.view.counters[0]).toMatchObject({
      status: 'open',
      serving: { ticketId: 'a', number: 'A', serviceId: 'svc', status: 'called' },
    });
    const late = followBranch(state, {
      type: 'counter:changed',
      payload: { ...counter(1, { status: 'paused' }), version: 10, since: 9 },
    });
    expect(late.outcome).toBe('ignored');
    const own = followBranch(state, {
      type: 'counter:changed',
      payload: { ...counter(1, { title: { fa: 'نو' } }), version: 11, since: 10 },
    });
    expect(own.outcome).toBe('applied');
    expect(own.state?.view.counters[0]?.title).toEqual({ fa: 'نو' });
    expect(outcomes).toEqual(['applied', 'applied']);
  });

  it('counter:changed replaces that counter (without its version), or adds one the snapshot lacked', () => {
    const { state } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      {
        type: 'counter:changed',
        payload: { ...counter(2, { status: 'paused', pauseReason: 'نماز' }), version: 11, since: 10 },
      },
      { type: 'counter:changed', payload: { ...counter(3), version: 12, since: 11 } },
    ]);
    expect(state.view.counters.map((c) => [c.id, c.status])).toEqual([
      ['counter-1', 'open'],
      ['counter-2', 'paused'],
      ['counter-3', 'open'],
    ]);
    expect(state.view.counters[1]).toEqual(counter(2, { status: 'paused', pauseReason: 'نماز' }));
    expect(state.counters).toEqual({ 'counter-2': 11, 'counter-3': 12 });
  });

  it('ticket:changed moves a staff ticket between waiting, parked and at-counter, keeping its place', () => {
    const { state } = run<StaffSnapshot>([
      { type: 'snapshot', payload: staff(10) },
      // b changes while waiting (a transfer note): it keeps its place in the list.
      { type: 'ticket:changed', payload: { ...ticket('b', 'waiting', { note: 'n' }), version: 11, since: 10 } },
      {
        type: 'ticket:changed',
        payload: { ...ticket('a', 'called', { counterId: 'counter-1' }), version: 12, since: 11 },
      },
      { type: 'ticket:changed', payload: { ...ticket('d', 'waiting'), version: 13, since: 12 } },
      {
        type: 'ticket:changed',
        payload: { ...ticket('a', 'parked', { counterId: 'counter-1' }), version: 14, since: 13 },
      },
      { type: 'ticket:changed', payload: { ...ticket('c', 'serving'), version: 15, since: 14 } },
      { type: 'ticket:changed', payload: { ...ticket('c', 'finished'), version: 16, since: 15 } },
    ]);
    expect(state.view.waiting.map((t) => t.id)).toEqual(['b', 'd']);
    expect(state.view.waiting[0]?.note).toBe('n');
    expect(state.view.parked.map((t) => t.id)).toEqual(['a']);
    expect(state.view.serving).toEqual([]);
    expect(state.version).toBe(16);
  });

  it('ticket:changed on a screen without tickets moves the version only', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'ticket:changed', payload: { ...ticket('a', 'called'), version: 11, since: 10 } },
    ]);
    expect(outcomes).toEqual(['applied', 'applied']);
    expect(state.view).toEqual(display(10));
    expect(state.version).toBe(11);
  });

  it('queue:changed updates the counts shown; a kiosk also gets the estimate and why a service is closed', () => {
    const hall = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'queue:changed', payload: counts(12, 7) },
    ]).state;
    expect(hall.view.services).toEqual([{ id: 'svc', title: { fa: 'خدمت' }, waiting: 7 }]);
    // Counts are a throttled recount: they move no log version.
    expect(hall.version).toBe(10);

    const service = { id: 'svc', waiting: 1, etaMinutes: 1, etaUnknown: null, unavailable: null } as ServiceSummary;
    const kioskSnap: KioskSnapshot = {
      branchId: 'b',
      branchName: { fa: 'شعبه' },
      version: 10,
      serverTime: '',
      groups: [],
      services: [service],
      priorities: [],
    };
    const kiosk = run<KioskSnapshot>([
      { type: 'snapshot', payload: kioskSnap },
      { type: 'queue:changed', payload: counts(11, 40, { etaMinutes: 55, unavailable: 'capacity-reached' }) },
    ]).state;
    expect(kiosk.view.services[0]).toMatchObject({ waiting: 40, etaMinutes: 55, unavailable: 'capacity-reached' });
  });

  it('log:advanced moves the version and changes nothing shown', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'log:advanced', payload: { since: 10, version: 12 } },
      { type: 'ticket:called', payload: call('a', 13, 12) },
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    expect(state.version).toBe(13);
  });
});

describe('followBranch: old and duplicate events', () => {
  it('an event the snapshot already holds is ignored', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10, { recentCalls: [call('a', 9)] }) },
      { type: 'ticket:called', payload: call('b', 8) },
      { type: 'counter:changed', payload: { ...counter(1, { status: 'closed' }), version: 10, since: 9 } },
      { type: 'log:advanced', payload: { since: 9, version: 10 } },
      { type: 'queue:changed', payload: counts(9, 99) },
    ]);
    expect(outcomes).toEqual(['applied', 'ignored', 'ignored', 'ignored', 'ignored']);
    expect(state).toMatchObject({ version: 10, view: display(10, { recentCalls: [call('a', 9)] }) });
  });

  it('the same event twice changes the state once', () => {
    const changed = { ...counter(1, { status: 'paused' }), version: 11, since: 10 };
    const { outcomes } = run<StaffSnapshot>([
      { type: 'snapshot', payload: staff(10) },
      { type: 'ticket:called', payload: call('a', 11, 10) },
      { type: 'ticket:called', payload: call('a', 11, 10) },
      { type: 'counter:changed', payload: changed },
      { type: 'counter:changed', payload: changed },
      { type: 'ticket:changed', payload: { ...ticket('a', 'called'), version: 11, since: 10 } },
      { type: 'ticket:changed', payload: { ...ticket('a', 'called'), version: 11, since: 10 } },
      { type: 'queue:changed', payload: counts(11, 2) },
      { type: 'queue:changed', payload: counts(11, 2) },
    ]);
    expect(outcomes).toEqual([
      'applied',
      'applied',
      'ignored',
      'applied',
      'ignored',
      'applied',
      'ignored',
      'applied',
      'applied',
    ]);
  });

  it('a counter change older than the one shown is ignored, a newer one of another counter is not', () => {
    const { state } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'counter:changed', payload: { ...counter(1, { status: 'closed' }), version: 14, since: 10 } },
      // Another command's change of counter-1, older, arriving late: ignored.
      { type: 'counter:changed', payload: { ...counter(1, { status: 'paused' }), version: 12, since: 10 } },
      { type: 'counter:changed', payload: { ...counter(2, { status: 'paused' }), version: 12, since: 10 } },
    ]);
    expect(state.view.counters.map((c) => c.status)).toEqual(['closed', 'paused']);
  });

  it('a recall is not undone by the first call arriving after it', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'ticket:called', payload: call('a', 12, 10, { recall: true }) },
      { type: 'ticket:called', payload: call('a', 11, 10) },
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'ignored']);
    expect(state.view.recentCalls.map((c) => c.recall)).toEqual([true]);
  });

  it('an older queue count never replaces a newer one', () => {
    const { state, outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'queue:changed', payload: counts(13, 5) },
      { type: 'queue:changed', payload: counts(12, 9) },
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'ignored']);
    expect(state.view.services[0]?.waiting).toBe(5);
  });
});

describe('followBranch: gaps', () => {
  it('an event after a version never seen is a gap: fresh snapshot needed, state unchanged', () => {
    const before = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'ticket:called', payload: call('a', 11, 10) },
    ]).state;
    for (const event of [
      { type: 'ticket:called', payload: call('b', 14, 13) },
      { type: 'counter:changed', payload: { ...counter(1), version: 13, since: 12 } },
      { type: 'log:advanced', payload: { since: 12, version: 13 } },
    ] as BranchEvent<DisplaySnapshot>[]) {
      expect(followBranch(before, event)).toEqual({ state: before, outcome: 'gap' });
    }
  });

  it('events of one command share its start: the second and third are no gap', () => {
    const { outcomes, state } = run<StaffSnapshot>([
      { type: 'snapshot', payload: staff(10) },
      { type: 'ticket:changed', payload: { ...ticket('a', 'called'), version: 11, since: 10 } },
      { type: 'ticket:changed', payload: { ...ticket('b', 'parked'), version: 12, since: 10 } },
      { type: 'counter:changed', payload: { ...counter(1), version: 12, since: 10 } },
      { type: 'ticket:changed', payload: { ...ticket('c', 'called'), version: 13, since: 12 } },
    ]);
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(state.version).toBe(13);
  });

  it('two commands out of order: the later one first is a gap (the snapshot will hold both)', () => {
    const { outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'ticket:called', payload: call('b', 12, 11) },
    ]);
    expect(outcomes).toEqual(['applied', 'gap']);
  });

  it('the first events of a new day (versions from 0 again) are a gap, not duplicates', () => {
    const { outcomes } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(500) },
      { type: 'counter:changed', payload: { ...counter(1), version: 1, since: 0 } },
    ]);
    expect(outcomes).toEqual(['applied', 'gap']);
    // …while a day that started at 0 follows its first command's events as usual.
    expect(
      run<DisplaySnapshot>([
        { type: 'snapshot', payload: display(0) },
        { type: 'ticket:called', payload: call('a', 1, 0) },
        { type: 'counter:changed', payload: { ...counter(1), version: 1, since: 0 } },
      ]).outcomes,
    ).toEqual(['applied', 'applied', 'applied']);
  });

  it('an event from an old server (no `since`) cannot show a gap: it is applied when newer', () => {
    const { version: _, ...noSince } = { version: 0 };
    const old = { ...call('a', 30), since: undefined, ...noSince };
    const { outcomes, state } = run<DisplaySnapshot>([
      { type: 'snapshot', payload: display(10) },
      { type: 'ticket:called', payload: old },
    ]);
    expect(outcomes).toEqual(['applied', 'applied']);
    expect(state.version).toBe(30);
  });
});
