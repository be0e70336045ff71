// [PF4] A call reaches the screens as one message: hall screens and the counter's signboard get
// `ticket:called` and no `counter:changed` for a command that only called, while staff still get both;
// a screen's fold of what it heard (client/src/follow.ts, as the display app folds it) shows the same
// counters as a fresh snapshot. A pause, a finish and a close still reach the screens as counter:changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallPayload, CounterSummary, DisplaySnapshot, LogAdvanced } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BranchEvent, type Followed, followBranch } from '../../client/src/follow.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { RunningServer } from '../../server/src/server.ts';
import { demoToken, startDemoServer } from '../support/demo-server.ts';
import { connectWithSnapshot, counterAction, issueTicket, login, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'display-calls-password';
const B = DEMO_BRANCH;
let server: RunningServer;
let dir = '';
const clients: RecordingClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nobat-display-calls-'));
  server = await startDemoServer({ password: PASSWORD, dataDir: dir });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function connect<T>(namespace: string, auth: Record<string, string>) {
  const r = await connectWithSnapshot<T>(server.url, namespace, { auth });
  clients.push(r.client);
  return r;
}

/** What a screen shows after folding every live event it heard, from its snapshot on. */
function fold(snapshot: DisplaySnapshot, client: RecordingClient): Followed<DisplaySnapshot> {
  let state: Followed<DisplaySnapshot> | null = null;
  state = followBranch<DisplaySnapshot>(state, { type: 'snapshot', payload: snapshot }).state;
  const live = ['ticket:called', 'counter:changed', 'queue:changed', 'log:advanced'];
  for (const r of client.received) {
    if (!live.includes(r.event)) continue;
    const step = followBranch<DisplaySnapshot>(state, {
      type: r.event,
      payload: r.args[0],
    } as BranchEvent<DisplaySnapshot>);
    expect(step.outcome, `${r.event} ${JSON.stringify(r.args[0])}`).not.toBe('gap');
    state = step.state;
  }
  if (!state) throw new Error('no state');
  return state;
}

describe('[PF4] calls to the screens', () => {
  it('a call is one message to the screens, two to staff, and the screens still show the counter calling it', async () => {
    const kiosk = demoToken('kiosk-1');
    const clerk = await login(server.url, 'clerk1', PASSWORD);
    const { client: hall, snapshot: hallSnap } = await connect<DisplaySnapshot>('/display', { branchId: B });
    const { client: board, snapshot: boardSnap } = await connect<DisplaySnapshot>('/display', {
      branchId: B,
      counterId: 'counter-1',
    });
    const { client: staff } = await connect('/counter', { branchId: B, token: clerk });
    await counterAction(server.url, clerk, 'counter-1', 'open');
    await hall.waitFor<CounterSummary>('counter:changed', (c) => c.id === 'counter-1' && c.status === 'open');
    const first = await issueTicket(server.url, kiosk, 'premium-list');
    const second = await issueTicket(server.url, kiosk, 'premium-list');

    const fromHall = hall.mark();
    const fromBoard = board.mark();
    const fromStaff = staff.mark();
    await counterAction(server.url, clerk, 'counter-1', 'call', { ticketId: first.id });
    const call = await hall.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === first.id, { from: fromHall });
    await board.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === first.id, { from: fromBoard });
    // Staff hear the counter's change of that command (and its ticket's).
    const staffCounter = await staff.waitFor<CounterSummary & { version: number }>(
      'counter:changed',
      (c) => c.id === 'counter-1' && c.serving?.ticketId === first.id,
      { from: fromStaff },
    );
    expect(staffCounter.version).toBe(call.version);
    // A later command the screens hear of (a ticket issued: log:advanced) marks the end of the call's messages.
    const third = await issueTicket(server.url, kiosk, 'premium-list');
    await hall.waitFor<LogAdvanced>('log:advanced', (a) => a.version > call.version, { from: fromHall });
    await board.waitFor<LogAdvanced>('log:advanced', (a) => a.version > call.version, { from: fromBoard });
    expect(hall.all('counter:changed', fromHall)).toEqual([]);
    expect(board.all('counter:changed', fromBoard)).toEqual([]);

    // The positive control: a finish changes the counter (no longer calling), and the screens hear it.
    const fromFinish = hall.mark();
    await counterAction(server.url, clerk, 'counter-1', 'start');
    await counterAction(server.url, clerk, 'counter-1', 'finish');
    await hall.waitFor<CounterSummary>('counter:changed', (c) => c.id === 'counter-1' && c.serving === null, {
      from: fromFinish,
    });
    // Called again, then paused with the ticket served: each screen's fold equals a fresh snapshot.
    await counterAction(server.url, clerk, 'counter-1', 'call', { ticketId: second.id });
    await counterAction(server.url, clerk, 'counter-1', 'start');
    await counterAction(server.url, clerk, 'counter-1', 'finish');
    await counterAction(server.url, clerk, 'counter-1', 'call', { ticketId: third.id });
    const last = await hall.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === third.id);
    await board.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === third.id);
    const { snapshot: fresh } = await connect<DisplaySnapshot>('/display', { branchId: B });
    expect(fresh.version).toBe(last.version);
    for (const [client, snap] of [
      [hall, hallSnap],
      [board, boardSnap],
    ] as const) {
      const folded = fold(snap, client);
      expect(folded.version).toBe(fresh.version);
      expect(folded.view.counters).toEqual(fresh.counters);
      expect(folded.view.recentCalls.map((c) => c.ticketId)).toEqual(fresh.recentCalls.map((c) => c.ticketId));
    }
  });

  it('a pause still reaches the screens as a counter change', async () => {
    const clerk = await login(server.url, 'clerk4', PASSWORD);
    const { client: hall } = await connect<DisplaySnapshot>('/display', { branchId: B });
    await counterAction(server.url, clerk, 'counter-4', 'open');
    const from = hall.mark();
    await counterAction(server.url, clerk, 'counter-4', 'pause', { reason: 'نماز' });
    const paused = await hall.waitFor<CounterSummary>('counter:changed', (c) => c.id === 'counter-4', { from });
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'نماز' });
  });
});
