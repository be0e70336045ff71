// Device health and alerts on a real server's sockets (port 0, SQLite, the demo office): /supervisor
// hears a bridge's report as `device:health` and the alert it raises as `alert:raised`, once; its
// snapshot carries the devices and the open alerts; /counter hears none of it.
import type { Ack, Alert, DeviceHealth, DeviceStatus, StaffSnapshot } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { apiOk } from '../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../demo.ts';
import { useRealtimeServer } from '../testing/realtime-server.ts';

const B = DEMO_BRANCH;
const rt = useRealtimeServer('health-realtime', ['supervisor', 'clerk1']);
const { token, connect } = rt;

describe('device health and alerts on /supervisor', () => {
  it('[AL6][AL9][AL12] a printer out of paper: device:health, then alert:raised once; both in a new snapshot', async () => {
    const { client: sup, snapshot: first } = await connect<StaffSnapshot>('/supervisor', {
      auth: { branchId: B, token: token('supervisor') },
    });
    const { client: clerk } = await connect<StaffSnapshot>('/counter', {
      auth: { branchId: B, token: token('clerk1') },
    });
    expect(first.alerts).toEqual([]);
    expect(Array.isArray(first.devices)).toBe(true);
    const from = sup.mark();
    const fromClerk = clerk.mark();

    const { client: bridge } = await connect('/bridge', { auth: { token: token('bridge-1') } });
    const bridgeOnline = await sup.waitFor<DeviceHealth>('device:health', (d) => d.deviceId === 'bridge-1', { from });
    expect(bridgeOnline).toMatchObject({ kind: 'bridge', status: 'online', branchId: B });

    const status: DeviceStatus = {
      deviceId: 'printer-kiosk-1',
      kind: 'printer',
      kioskId: 'kiosk-1',
      status: 'paper-out',
      firmware: 'esc-1.2',
    };
    expect(await bridge.request<Ack<null>>('device:status', status)).toEqual({ data: null });
    const kept = await sup.waitFor<DeviceHealth>('device:health', (d) => d.deviceId === 'printer-kiosk-1', { from });
    expect(kept).toMatchObject({ status: 'paper-out', firmware: 'esc-1.2', errorCount: 1, bridgeId: 'bridge-1' });
    const raised = await sup.waitFor<Alert>('alert:raised', (a) => a.rule === 'printer-paper-out', { from });
    expect(raised).toMatchObject({ state: 'open', subject: { deviceId: 'printer-kiosk-1', deviceKind: 'printer' } });

    // The same report again, and another event of the branch: the cause is the same, no second alert.
    expect(await bridge.request<Ack<null>>('device:status', status)).toEqual({ data: null });
    await rt.issue('premium-list');
    await sup.waitFor('ticket:changed', undefined, { from });
    const again = await connect<StaffSnapshot>('/supervisor', { auth: { branchId: B, token: token('supervisor') } });
    expect(sup.all<Alert>('alert:raised', from).filter((a) => a.rule === 'printer-paper-out')).toHaveLength(1);
    expect(again.snapshot.alerts?.map((a) => a.id)).toContain(raised.id);
    expect(again.snapshot.devices?.find((d) => d.deviceId === 'printer-kiosk-1')?.status).toBe('paper-out');

    // Staff at counters are not told.
    expect(clerk.all('alert:raised', fromClerk)).toEqual([]);
    expect(clerk.all('device:health', fromClerk)).toEqual([]);

    // Refilled: the alert is resolved (alert:changed), and REST agrees.
    expect(await bridge.request<Ack<null>>('device:status', { ...status, status: 'online' })).toEqual({ data: null });
    const resolved = await sup.waitFor<Alert>('alert:changed', (a) => a.id === raised.id, { from });
    expect(resolved.state).toBe('resolved');
    const page = await apiOk<{ alerts: Alert[] }>(rt.url, 'GET', `/api/v1/branches/${B}/alerts?state=all`, {
      token: token('supervisor'),
    });
    expect(page.alerts.find((a) => a.id === raised.id)?.state).toBe('resolved');
  });
});
