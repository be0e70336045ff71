import type { Alert, DeviceHealth } from '@nobat/protocol';
import { describe, expect, it } from 'vitest';
import { applyAlert, applyDevice, noPending, reconcile } from './live.ts';

const alert = (id: string, raisedAt: string, over: Partial<Alert> = {}): Alert => ({
  id,
  branchId: 'b1',
  rule: 'queue-long',
  cause: `queue-long:${id}`,
  subject: {},
  since: raisedAt,
  raisedAt,
  state: 'open',
  resolvedAt: null,
  acked: null,
  ...over,
});

describe('the open alerts and devices a supervisor page keeps from live events', () => {
  it('[AL9] a raised alert joins the open ones, newest first; the same alert again replaces itself', () => {
    const a = alert('a', '2026-11-22T06:00:00.000Z');
    const b = alert('b', '2026-11-22T06:05:00.000Z');
    expect(applyAlert(applyAlert([], a), b).map((x) => x.id)).toEqual(['b', 'a']);
    const acked = { ...a, acked: { by: { id: 'supervisor', name: 'سرپرست' }, at: '2026-11-22T06:06:00.000Z' } };
    const list = applyAlert([b, a], acked);
    expect(list).toEqual([b, acked]);
  });

  it('[AL10] a resolved alert leaves the open ones', () => {
    const a = alert('a', '2026-11-22T06:00:00.000Z');
    expect(applyAlert([a], { ...a, state: 'resolved', resolvedAt: '2026-11-22T06:10:00.000Z' })).toEqual([]);
  });

  it('[AL12] a device’s health replaces its earlier one, and a new device is added', () => {
    const d = { deviceId: 'kiosk-1', status: 'online' } as DeviceHealth;
    const e = { deviceId: 'bridge-1', status: 'online' } as DeviceHealth;
    const off = { ...d, status: 'offline' } as DeviceHealth;
    expect(applyDevice(applyDevice([d], e), off)).toEqual([off, e]);
  });

  it('[AL9] an alert raised while the snapshot was read arrives before it, and stays after it', () => {
    // The socket joins its room before the snapshot is read: the event comes first, the snapshot
    // (without the alert) second. A page that took the snapshot's list as it is lost the alert.
    const a = alert('a', '2026-11-22T06:00:00.000Z');
    const d = { deviceId: 'kiosk-1', status: 'offline' } as DeviceHealth;
    const pending = noPending();
    pending.alerts.set(a.id, a);
    pending.devices.set(d.deviceId, d);
    const stale = { alerts: [], devices: [{ deviceId: 'kiosk-1', status: 'online' } as DeviceHealth] };
    expect(reconcile(stale, pending)).toEqual({ alerts: [a], devices: [d] });
    // A snapshot that already holds them is unchanged by them; one resolved meanwhile stays resolved.
    expect(reconcile({ alerts: [a], devices: [d] }, pending)).toEqual({ alerts: [a], devices: [d] });
    const resolved = { ...a, state: 'resolved' as const, resolvedAt: '2026-11-22T06:10:00.000Z' };
    pending.alerts.set(a.id, resolved);
    expect(reconcile({ alerts: [a], devices: [] }, pending).alerts).toEqual([]);
    expect(reconcile({ alerts: [a], devices: [] }, noPending()).alerts).toEqual([a]);
  });
});
