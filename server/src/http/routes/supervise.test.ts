// The supervisor on the live floor (SV1, SV2): counters opened, paused, resumed and closed on a clerk's
// behalf, waiting tickets moved and cancelled; each refused for the wrong role or branch or bad
// input, and each that changed something audited with who and when.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  OTHER_BRANCH,
  type PrincipalName,
  type UserName,
} from '../../testing/http-harness.ts';

let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness();
});
afterEach(async () => {
  await h.close();
});

const base = (branch = BRANCH) => `/api/v1/branches/${branch}/supervise`;

function counterAct(
  as: UserName | PrincipalName,
  counterId: string,
  act: string,
  body?: unknown,
  branch = BRANCH,
): Promise<ApiResponse> {
  return h.request('POST', `${base(branch)}/counters/${counterId}/${act}`, {
    as,
    ...(body !== undefined ? { body } : {}),
  });
}

const move = (as: UserName | PrincipalName, ticketId: string, body: unknown) =>
  h.request('POST', `${base()}/tickets/${encodeURIComponent(ticketId)}/move`, { as, body });

async function audit(): Promise<Json[]> {
  return (await h.store.listAudit({ branchId: BRANCH, limit: 50 })).entries as Json[];
}

async function clerkOpens(counterId = 'counter-1'): Promise<void> {
  const r = await h.request('POST', `/api/v1/counters/${counterId}/open`, { as: 'clerk' });
  expect(r.status, r.text).toBe(200);
}

describe('supervise: counters on a clerk’s behalf', () => {
  it('[SV2] a supervisor pauses, resumes and closes the clerk’s counter; each event names them and each is audited', async () => {
    await clerkOpens();
    h.advance(60_000);
    const paused = await counterAct('supervisor', 'counter-1', 'pause', { reason: 'جلسهٔ کوتاه' });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body).toMatchObject({
      counterId: 'counter-1',
      status: 'paused',
      clerk: { id: 'clerk1' },
      pauseReason: 'جلسهٔ کوتاه',
      pausedSince: new Date(h.now()).toISOString(),
    });
    const resumed = await counterAct('admin', 'counter-1', 'resume');
    expect(resumed.body).toMatchObject({ status: 'open', pausedSince: null });
    const closed = await counterAct('supervisor', 'counter-1', 'close');
    expect(closed.body).toMatchObject({ status: 'closed', clerk: null });

    const events = (await h.events()).map((e) => e.event);
    expect(events.filter((e) => e.type.startsWith('Counter'))).toMatchObject([
      { type: 'CounterOpened', clerkId: 'clerk1' },
      { type: 'CounterPaused', clerkId: 'clerk1', by: 'supervisor', reason: 'جلسهٔ کوتاه' },
      { type: 'CounterResumed', clerkId: 'clerk1', by: 'admin' },
      { type: 'CounterClosed', clerkId: 'clerk1', by: 'supervisor' },
    ]);
    expect(events[0]).not.toHaveProperty('by');

    const entries = await audit();
    expect(entries.map((e) => [e.action, e.actor.id, e.target.kind, e.target.id])).toEqual([
      ['counter-close', 'supervisor', 'counter', 'counter-1'],
      ['counter-resume', 'admin', 'counter', 'counter-1'],
      ['counter-pause', 'supervisor', 'counter', 'counter-1'],
    ]);
    const pause = entries[2];
    expect(pause).toMatchObject({
      branchId: BRANCH,
      at: new Date(h.now()).toISOString(),
      before: { status: 'open', clerkId: 'clerk1' },
      after: { status: 'paused', pauseReason: 'جلسهٔ کوتاه' },
    });
    expect(pause.changes).toEqual(expect.arrayContaining(['status', 'pauseReason']));
  });

  it('[SV2] a supervisor opens a counter for a clerk allowed to staff it; refused for one not allowed or already at another', async () => {
    const opened = await counterAct('supervisor', 'counter-2', 'open', { clerkId: 'clerk2' });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', clerk: { id: 'clerk2' } });
    const again = await counterAct('supervisor', 'counter-3', 'open', { clerkId: 'clerk2' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('clerk-at-another-counter');
    const unknown = await counterAct('supervisor', 'counter-3', 'open', { clerkId: 'nobody' });
    expect(unknown.body.error.code).toBe('unknown-clerk');
    expect((await audit()).map((e) => e.action)).toEqual(['counter-open']);
  });

  it('[SV2] refused: a clerk, another branch’s supervisor, a closed counter, an unknown counter, bad input; nothing changes', async () => {
    await clerkOpens();
    const before = (await h.events()).length;
    const clerk = await counterAct('clerk', 'counter-1', 'pause', { reason: 'x' });
    expect(clerk.status).toBe(403);
    const other = await counterAct('otherSupervisor', 'counter-1', 'pause', { reason: 'x' });
    expect(other.status).toBe(403);
    const anonymous = await counterAct('anonymous', 'counter-1', 'pause', { reason: 'x' });
    expect(anonymous.status).toBe(401);
    // The supervisor of this branch may not act on another branch.
    const elsewhere = await counterAct('supervisor', 'c1', 'pause', { reason: 'x' }, OTHER_BRANCH);
    expect(elsewhere.status).toBe(403);
    const closed = await counterAct('supervisor', 'counter-2', 'pause', { reason: 'x' });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'counter-closed']);
    const unknown = await counterAct('supervisor', 'counter-99', 'close');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown-counter']);
    for (const body of [{}, { reason: '' }, { reason: 'x', extra: 1 }, { reason: 'x'.repeat(201) }]) {
      const bad = await counterAct('supervisor', 'counter-1', 'pause', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.message.fa.length).toBeGreaterThan(0);
    }
    const badOpen = await counterAct('supervisor', 'counter-2', 'open', { clerkId: 42 });
    expect(badOpen.status).toBe(400);
    expect((await h.events()).length).toBe(before);
    expect(await audit()).toEqual([]);
  });
});

describe('supervise: waiting tickets', () => {
  it('[SV1] a waiting ticket moved to another sub-service keeps its number and place; audited', async () => {
    const t = await h.issue('premium-list');
    const r = await move('supervisor', t.id, { toServiceId: 'premium-debt' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ id: t.id, number: t.number, serviceId: 'premium-debt', status: 'waiting' });
    expect((await h.events()).at(-1)?.event).toMatchObject({
      type: 'TicketMoved',
      ticketId: t.id,
      toServiceId: 'premium-debt',
      by: 'supervisor',
    });
    const [entry] = await audit();
    expect(entry).toMatchObject({
      action: 'ticket-move',
      actor: { id: 'supervisor', role: 'supervisor' },
      target: { kind: 'ticket', id: t.id },
      before: { serviceId: 'premium-list' },
      after: { serviceId: 'premium-debt' },
    });
  });

  it('[SV1] a move to a counter: only that counter calls it; refused when the counter does not serve it', async () => {
    const t = await h.issue('premium-debt');
    const refusedMove = await move('supervisor', t.id, { toCounterId: 'counter-3' });
    expect([refusedMove.status, refusedMove.body.error.code]).toEqual([422, 'invalid-move']);
    const r = await move('admin', t.id, { toCounterId: 'counter-2' });
    expect(r.body).toMatchObject({ serviceId: 'premium-debt', targetCounterId: 'counter-2' });
  });

  it('[SV1] refused: not waiting, another branch’s supervisor, a clerk, bad input, unknown ticket; nothing changes', async () => {
    const t = await h.issue('premium-list');
    await clerkOpens();
    const called = await h.request('POST', '/api/v1/counters/counter-1/call-next', { as: 'clerk', body: {} });
    expect(called.body.ticket.id).toBe(t.id);
    const before = (await h.events()).length;
    const notWaiting = await move('supervisor', t.id, { toServiceId: 'premium-debt' });
    expect([notWaiting.status, notWaiting.body.error.code]).toEqual([409, 'ticket-not-movable']);
    const w = await h.issue('premium-list');
    const after = (await h.events()).length;
    expect((await move('clerk', w.id, { toServiceId: 'premium-debt' })).status).toBe(403);
    expect((await move('otherSupervisor', w.id, { toServiceId: 'premium-debt' })).status).toBe(403);
    for (const body of [{}, { toServiceId: '' }, { toServiceId: 'premium-debt', note: 'x' }]) {
      expect((await move('supervisor', w.id, body)).status, JSON.stringify(body)).toBe(400);
    }
    const nowhere = await move('supervisor', w.id, { toServiceId: 'no-such' });
    expect([nowhere.status, nowhere.body.error.code]).toEqual([422, 'invalid-move']);
    const missing = await move('supervisor', `${BRANCH}~nope`, { toServiceId: 'premium-debt' });
    expect(missing.status).toBe(404);
    expect(before).toBe(after - 1);
    expect((await h.events()).length).toBe(after);
    expect(await audit()).toEqual([]);
  });

  it('[SV2] a supervisor’s cancellation is audited; a clerk’s is not (it is in the day’s log)', async () => {
    const t = await h.issue('premium-list');
    const r = await h.request('POST', `/api/v1/tickets/${encodeURIComponent(t.id)}/cancel`, {
      as: 'supervisor',
      body: { reason: 'مراجعه‌کننده رفت' },
    });
    expect(r.status, r.text).toBe(200);
    const [entry] = await audit();
    expect(entry).toMatchObject({
      action: 'ticket-cancel',
      actor: { id: 'supervisor' },
      target: { kind: 'ticket', id: t.id },
      before: { status: 'waiting' },
      after: { status: 'cancelled', reason: 'مراجعه‌کننده رفت' },
    });
    await clerkOpens();
    const u = await h.issue('premium-list');
    const byClerk = await h.request('POST', `/api/v1/tickets/${encodeURIComponent(u.id)}/cancel`, {
      as: 'clerk',
      body: { reason: 'x' },
    });
    expect(byClerk.status).toBe(200);
    expect((await audit()).length).toBe(1);
  });
});
