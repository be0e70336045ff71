// Following a branch's log over Socket.IO: every live event says which command it belongs to (the
// log version it follows, `since`, and its own), a screen that hears nothing of a command is told the
// log moved on (`log:advanced`), and a client that saw a gap asks for its snapshot again
// (`snapshot:request`) instead of reconnecting. Real server, port 0, the demo office.
import type {
  Ack,
  CallPayload,
  DisplaySnapshot,
  KioskSnapshot,
  LogAdvanced,
  LogStep,
  StaffSnapshot,
  StaffTicket,
} from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { apiOk } from '../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../demo.ts';
import { useRealtimeServer } from '../testing/realtime-server.ts';

const B = DEMO_BRANCH;
const rt = useRealtimeServer('log-steps', ['admin', 'clerk1', 'clerk4']);
const { token, connect, issue, act } = rt;

/** The log steps a client heard, in order: one per event that carries a version. */
const STEP_EVENTS = ['ticket:called', 'ticket:changed', 'counter:changed', 'log:advanced'];

describe('live events carry their place in the log', () => {
  it('staff hear every command, each step starting where the last one ended', async () => {
    const { client, snapshot } = await connect<StaffSnapshot>('/counter', {
      auth: { branchId: B, token: token('clerk1') },
    });
    const from = client.mark();
    await act('clerk1', 'counter-1', 'open');
    const t = await issue('premium-list');
    await act('clerk1', 'counter-1', 'call', { ticketId: t.id });
    const last = await client.waitFor<StaffTicket & LogStep>(
      'ticket:changed',
      (x) => x.id === t.id && x.status === 'called',
      {
        from,
      },
    );
    await act('clerk1', 'counter-1', 'start');
    await act('clerk1', 'counter-1', 'finish');
    const finished = await client.waitFor<StaffTicket & LogStep>(
      'ticket:changed',
      (x) => x.id === t.id && x.status === 'finished',
      {
        from,
      },
    );
    const steps = client.received
      .slice(from)
      .filter((r) => STEP_EVENTS.includes(r.event))
      .map((r) => r.args[0] as LogStep);
    expect(steps.every((s) => typeof s.since === 'number')).toBe(true);
    // Each command's events share its `since`; the next command starts at the version it ended at.
    let known = snapshot.version;
    for (const s of steps) {
      expect(s.since, JSON.stringify(s)).toBeLessThanOrEqual(known);
      expect(s.version).toBeGreaterThan(s.since ?? 0);
      known = Math.max(known, s.version);
    }
    expect(known).toBe(finished.version);
    expect(last.since).toBe(last.version - 1);
  });

  it('a hall screen hears log:advanced for a ticket issued; a signboard for another counter’s call', async () => {
    const { client: hall, snapshot } = await connect<DisplaySnapshot>('/display', { auth: { branchId: B } });
    const { client: board } = await connect<DisplaySnapshot>('/display', {
      auth: { branchId: B, counterId: 'counter-4' },
    });
    const t = await issue('premium-list');
    const advanced = await hall.waitFor<LogAdvanced>('log:advanced');
    expect(advanced).toEqual({ since: snapshot.version, version: snapshot.version + 1 });
    await board.waitFor<LogAdvanced>('log:advanced', (a) => a.version === advanced.version);

    const fromHall = hall.mark();
    const fromBoard = board.mark();
    await act('clerk1', 'counter-1', 'call', { ticketId: t.id });
    const call = await hall.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === t.id, { from: fromHall });
    // The signboard of counter-4 is told only that the log moved past the call.
    const moved = await board.waitFor<LogAdvanced>('log:advanced', (a) => a.version === call.version, {
      from: fromBoard,
    });
    expect(moved.since).toBe(call.since);
    expect(board.all('ticket:called', fromBoard)).toEqual([]);
    // The hall heard the call, so no log:advanced for that command.
    expect(hall.all<LogAdvanced>('log:advanced', fromHall).some((a) => a.version === call.version)).toBe(false);
    await act('clerk1', 'counter-1', 'start');
    await act('clerk1', 'counter-1', 'finish');
  });
});

describe('snapshot:request', () => {
  it('answers a hall screen, staff and a bridge with their snapshot as it is now', async () => {
    const { client: hall, snapshot: before } = await connect<DisplaySnapshot>('/display', { auth: { branchId: B } });
    const { client: staff } = await connect<StaffSnapshot>('/counter', {
      auth: { branchId: B, token: token('clerk4') },
    });
    const { client: bridge } = await connect<DisplaySnapshot>('/bridge', { auth: { token: token('bridge-1') } });
    await act('clerk4', 'counter-4', 'open');
    const t = await issue('booklet-renewal');
    await act('clerk4', 'counter-4', 'call', { ticketId: t.id });

    const again = await hall.request<Ack<DisplaySnapshot>>('snapshot:request', {});
    if (!('data' in again)) throw new Error(JSON.stringify(again));
    expect(again.data.version).toBeGreaterThan(before.version);
    expect(again.data.counters.find((c) => c.id === 'counter-4')?.serving?.ticketId).toBe(t.id);

    const staffAgain = await staff.request<Ack<StaffSnapshot>>('snapshot:request', {});
    if (!('data' in staffAgain)) throw new Error(JSON.stringify(staffAgain));
    expect(staffAgain.data.version).toBe(again.data.version);
    // Staff snapshots now hold the tickets at counters too (a desk needs its current ticket).
    expect(staffAgain.data.serving?.find((x) => x.id === t.id)).toMatchObject({
      status: 'called',
      counterId: 'counter-4',
    });
    expect(staffAgain.data.waiting.some((x) => x.id === t.id)).toBe(false);

    const bridgeAgain = await bridge.request<Ack<DisplaySnapshot>>('snapshot:request', {});
    expect('data' in bridgeAgain && bridgeAgain.data.version).toBe(again.data.version);

    await act('clerk4', 'counter-4', 'start');
    await act('clerk4', 'counter-4', 'finish');
    await act('clerk4', 'counter-4', 'close');
  });

  it('answers a kiosk with its snapshot, its printer’s state included', async () => {
    const { client, snapshot } = await connect<KioskSnapshot>('/kiosk', { auth: { token: token('kiosk-1') } });
    await issue('premium-list');
    const again = await client.request<Ack<KioskSnapshot>>('snapshot:request', {});
    if (!('data' in again)) throw new Error(JSON.stringify(again));
    expect(again.data.version).toBeGreaterThan(snapshot.version);
    expect(again.data.services.find((s) => s.id === 'premium-list')?.waiting).toBe(
      (snapshot.services.find((s) => s.id === 'premium-list')?.waiting ?? 0) + 1,
    );
    expect(again.data).toHaveProperty('printer');
  });

  it('refuses a bridge whose token was revoked since it connected', async () => {
    const made = await apiOk<{ token: string }>(rt.url, 'POST', '/api/v1/admin/devices', {
      token: token('admin'),
      body: { id: 'bridge-x', kind: 'bridge', branchId: B, name: 'x', counterIds: [] },
      status: 201,
    });
    const { client } = await connect<DisplaySnapshot>('/bridge', { auth: { token: made.token } });
    expect('data' in (await client.request<Ack<DisplaySnapshot>>('snapshot:request', {}))).toBe(true);
    await apiOk(rt.url, 'DELETE', '/api/v1/admin/devices/bridge-x', { token: token('admin') });
    const refused = await client.request<Ack<DisplaySnapshot>>('snapshot:request', {});
    expect('error' in refused && refused.error.code).toBe('unauthenticated');
  });
});
