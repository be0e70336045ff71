// The branch's devices and open alerts, live over the /supervisor socket (the shared client layer's
// useBranchLive: a snapshot on every connect, then events). The snapshot carries `devices` and
// `alerts`; `device:health`, `alert:raised` and `alert:changed` keep them up to date in between.
// The server joins a socket to its branch's room before it reads the snapshot, so an alert raised
// while the snapshot is being read reaches the page *before* a snapshot that does not hold it: the
// events since the connect (or the last snapshot) are kept and applied again on top of each snapshot
// (reconcile), never lost under it.
import { connectSocket } from '@nobat/client';
import { useBranchLive } from '@nobat/client/preact';
import type { Alert, DeviceHealth, StaffSnapshot } from '@nobat/protocol';
import { useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';

export interface HealthLive {
  /** The branch's view (names of services and counters), null until the first snapshot. */
  view: StaffSnapshot | null;
  devices: DeviceHealth[];
  /** Open alerts, newest first. */
  alerts: Alert[];
  online: boolean;
  /** Bumped on every alert raised or changed: pages that show history read it again. */
  alertStamp: number;
}

const newestFirst = (a: Alert, b: Alert) => (a.raisedAt === b.raisedAt ? 0 : a.raisedAt < b.raisedAt ? 1 : -1);

/** Applies an alert event to the open list: raised or still open replaces/adds; resolved leaves. */
export function applyAlert(open: readonly Alert[], a: Alert): Alert[] {
  const rest = open.filter((x) => x.id !== a.id);
  return a.state === 'open' ? [a, ...rest].sort(newestFirst) : rest;
}

/** Applies a device's health to the list (by device id). */
export function applyDevice(devices: readonly DeviceHealth[], d: DeviceHealth): DeviceHealth[] {
  const i = devices.findIndex((x) => x.deviceId === d.deviceId);
  if (i < 0) return [...devices, d];
  const next = [...devices];
  next[i] = d;
  return next;
}

/** Alert and device events not yet known to be in a snapshot: the latest of each, by id. */
export interface Pending {
  alerts: Map<string, Alert>;
  devices: Map<string, DeviceHealth>;
}
export const noPending = (): Pending => ({ alerts: new Map(), devices: new Map() });

/**
 * The lists a snapshot gives, with the events received since the connect (or the previous snapshot)
 * applied on top: each event is its alert's or device's whole state, so applying one the snapshot
 * already holds changes nothing, and one it missed is kept.
 */
export function reconcile(
  snap: Pick<StaffSnapshot, 'alerts' | 'devices'>,
  pending: Pending,
): { alerts: Alert[]; devices: DeviceHealth[] } {
  let alerts = [...(snap.alerts ?? [])].sort(newestFirst);
  let devices = [...(snap.devices ?? [])];
  for (const a of pending.alerts.values()) alerts = applyAlert(alerts, a);
  for (const d of pending.devices.values()) devices = applyDevice(devices, d);
  return { alerts, devices };
}

export function useHealthLive(branchId: string): HealthLive {
  const [devices, setDevices] = useState<DeviceHealth[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [alertStamp, setAlertStamp] = useState(0);
  const pending = useRef(noPending());
  const { live, online } = useBranchLive<StaffSnapshot, Socket>(
    () => {
      const s = connectSocket('/supervisor', { auth: { branchId } });
      // Listened to from the socket's first moment, before any event of the connection can arrive.
      s.on('connect', () => {
        pending.current = noPending();
      });
      s.on('device:health', (d: DeviceHealth) => {
        pending.current.devices.set(d.deviceId, d);
        setDevices((list) => applyDevice(list, d));
      });
      const onAlert = (a: Alert) => {
        pending.current.alerts.set(a.id, a);
        setAlerts((list) => applyAlert(list, a));
        setAlertStamp((n) => n + 1);
      };
      s.on('alert:raised', onAlert);
      s.on('alert:changed', onAlert);
      return s;
    },
    branchId,
    {
      retryAfterServerClose: 1000,
      // Every snapshot (a connect, a gap asked again), at whatever log version, brings the whole lists.
      onChange: (change) => {
        if (change.event.type !== 'snapshot') return;
        const lists = reconcile(change.event.payload, pending.current);
        pending.current = noPending();
        setDevices(lists.devices);
        setAlerts(lists.alerts);
      },
    },
  );
  return { view: live?.view ?? null, devices, alerts, online, alertStamp };
}
