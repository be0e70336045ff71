// [SV4] The /supervisor namespace: its snapshot carries the floor's figures, and after the log moves
// a throttled floor:stats follows, besides the staff events (no refetch needed by the console).
import type { CounterSummary, FloorStats, StaffTicket, SupervisorSnapshot } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { apiOk } from '../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../demo.ts';
import { useRealtimeServer } from '../testing/realtime-server.ts';

const B = DEMO_BRANCH;
const rt = useRealtimeServer('supervisor-floor', ['supervisor', 'clerk1']);
const { token, connect, issue, act } = rt;

describe('[SV4] the supervisor’s floor over /supervisor', () => {
  it('the snapshot holds the floor; a ticket, a pause by the supervisor and a move reach it live with floor:stats', async () => {
    const { client, snapshot } = await connect<SupervisorSnapshot>('/supervisor', {
      auth: { branchId: B, token: token('supervisor') },
    });
    expect(snapshot.floor.branchId).toBe(B);
    expect(snapshot.floor.services.map((s) => s.serviceId)).toContain('pension');
    expect(snapshot.floor.counters.find((c) => c.counterId === 'counter-1')).toMatchObject({ status: 'closed' });
    expect(snapshot.clerks.map((c) => c.id)).toContain('clerk1');

    // A ticket: staff's ticket:changed, then the stats (the estimate of the last in line).
    let from = client.mark();
    await act('clerk1', 'counter-6', 'open');
    const t = await issue('pension');
    await client.waitFor<StaffTicket>('ticket:changed', (x) => x.id === t.id, { from });
    const withTicket = await client.waitFor<FloorStats>(
      'floor:stats',
      (s) => (s.services.find((x) => x.serviceId === 'pension')?.waiting ?? 0) > 0,
      { from },
    );
    const pension = withTicket.services.find((x) => x.serviceId === 'pension');
    expect(pension).toMatchObject({ waiting: 1, longestSince: t.issuedAt });
    expect(pension?.lastInLineEtaMinutes).toEqual(expect.any(Number));
    expect(withTicket.counters.find((c) => c.counterId === 'counter-6')).toMatchObject({
      status: 'open',
      clerk: { id: 'clerk1' },
    });

    // The supervisor pauses counter-6 for clerk1: counter:changed, then stats with since when.
    from = client.mark();
    await apiOk(rt.url, 'POST', `/api/v1/branches/${B}/supervise/counters/counter-6/pause`, {
      token: token('supervisor'),
      body: { reason: 'جلسه' },
    });
    await client.waitFor<CounterSummary>('counter:changed', (c) => c.id === 'counter-6' && c.status === 'paused', {
      from,
    });
    const paused = await client.waitFor<FloorStats>(
      'floor:stats',
      (s) => s.counters.some((c) => c.counterId === 'counter-6' && c.status === 'paused'),
      { from },
    );
    expect(paused.counters.find((c) => c.counterId === 'counter-6')).toMatchObject({
      pauseReason: 'جلسه',
      pausedSince: expect.any(String),
      clerk: { id: 'clerk1' },
    });

    // Moved to finance: the ticket's change says so.
    from = client.mark();
    await apiOk(rt.url, 'POST', `/api/v1/branches/${B}/supervise/tickets/${encodeURIComponent(t.id)}/move`, {
      token: token('supervisor'),
      body: { toServiceId: 'finance' },
    });
    const moved = await client.waitFor<StaffTicket>('ticket:changed', (x) => x.id === t.id, { from });
    expect(moved).toMatchObject({ serviceId: 'finance', status: 'waiting', issuedAt: t.issuedAt });
  });
});
