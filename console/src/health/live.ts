// The branch's devices and open alerts, live over the /supervisor socket (the shared client layer's
// useBranchLive: a snapshot on every connect, then events). The snapshot carries `devices` and
// `alerts`; `device:health`, `alert:raised` and `alert:changed` keep them up to date in between.
import { useBranchLive } from '@nobat/client/preact';
import type { Alert, DeviceHealth, StaffSnapshot } from '@nobat/protocol';
import { useEffect, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';

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

export function useHealthLive(branchId: string): HealthLive {
  const { live, online, socket } = useBranchLive<StaffSnapshot, Socket>(
    () => io('/supervisor', { auth: { branchId } }),
    branchId,
    { retryAfterServerClose: 1000 },
  );
  const [devices, setDevices] = useState<DeviceHealth[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [alertStamp, setAlertStamp] = useState(0);
  const view = live?.view ?? null;
  const base = live?.base;

  // Each snapshot (a connect, a gap asked again) brings the whole lists.
  useEffect(() => {
    if (!view) return;
    setDevices(view.devices ?? []);
    setAlerts([...(view.alerts ?? [])].sort(newestFirst));
  }, [base]);

  useEffect(() => {
    if (!socket) return;
    const onDevice = (d: DeviceHealth) => setDevices((list) => applyDevice(list, d));
    const onAlert = (a: Alert) => {
      setAlerts((list) => applyAlert(list, a));
      setAlertStamp((n) => n + 1);
    };
    // A reconnect's snapshot at the same log version still brings the lists as they are now.
    const onSnapshot = (snap: StaffSnapshot) => {
      setDevices(snap.devices ?? []);
      setAlerts([...(snap.alerts ?? [])].sort(newestFirst));
    };
    socket.on('snapshot', onSnapshot);
    socket.on('device:health', onDevice);
    socket.on('alert:raised', onAlert);
    socket.on('alert:changed', onAlert);
    return () => {
      socket.off('snapshot', onSnapshot);
      socket.off('device:health', onDevice);
      socket.off('alert:raised', onAlert);
      socket.off('alert:changed', onAlert);
    };
  }, [socket]);

  return { view, devices, alerts, online, alertStamp };
}
