// Device health and alerts on the sockets: kiosks, displays and bridges are noted as they connect and
// go, bridges' device reports are kept, and /supervisor hears `device:health`, `alert:raised` and
// `alert:changed`. Listens beside the audiences' own modules (kiosk.ts, screens.ts, bridge.ts) without
// changing what they answer.
import { type Alert, DeviceStatus, type StaffServerEvents } from '@nobat/protocol';
import type { Namespace, Socket } from 'socket.io';
import { ownsDevice } from '../realtime/bridge.ts';
import { reportFailure } from '../realtime/failures.ts';
import { type Hub, rooms } from '../realtime/hub.ts';
import type { AlertService } from './alert-service.ts';
import type { DeviceHealthService } from './device-health.ts';

interface SocketDevice {
  id: string;
  branchId: string;
  counterIds?: string[];
  kioskIds?: string[];
}

/** The /supervisor snapshot's additions: the branch's devices and open alerts. */
export async function supervisorExtras(
  health: DeviceHealthService,
  alerts: AlertService,
  branchId: string,
): Promise<{ devices: Awaited<ReturnType<DeviceHealthService['list']>>; alerts: Alert[] }> {
  const [devices, open] = await Promise.all([
    health.list(branchId),
    alerts.list(branchId, { state: 'open', limit: 200 }),
  ]);
  return { devices, alerts: open.alerts };
}

export function attachHealth(hub: Hub, health: DeviceHealthService, alerts: AlertService): () => void {
  const { kiosk, bridge, display, staffNs, deps, deviceStillValid } = hub;
  const failed = (what: string) => (err: unknown) => reportFailure(deps.logger, err, what);
  const supervisor = staffNs.find((ns) => ns.name === '/supervisor') as Namespace<
    Record<string, never>,
    StaffServerEvents
  >;

  kiosk.on('connection', (socket) => {
    const { device } = socket.data as { device: SocketDevice };
    health.connected(device.branchId, device.id, 'kiosk').catch(failed('device health'));
    socket.on('disconnect', () => {
      health.disconnected(device.branchId, device.id, 'kiosk').catch(failed('device health'));
    });
  });

  bridge.on('connection', (socket) => {
    const { device } = socket.data as { device: Required<SocketDevice> };
    health.connected(device.branchId, device.id, 'bridge').catch(failed('device health'));
    socket.on('disconnect', () => {
      health
        .disconnected(device.branchId, device.id, 'bridge')
        .then(() => health.bridgeGone(device.branchId, device.id))
        .catch(failed('device health'));
    });
    // bridge.ts answers the report; this keeps it (the same checks: valid, well formed, the bridge's own).
    socket.on('device:status', async (raw: unknown) => {
      const d = DeviceStatus.safeParse(raw);
      if (!d.success || !ownsDevice(device, d.data)) return;
      if (!(await deviceStillValid(socket))) return;
      await health.reported(device.branchId, device.id, d.data).catch(failed('device health'));
    });
  });

  // A display with a device token is a device; public screens without one are not kept.
  display.on('connection', async (socket: Socket) => {
    const { branchId, counterId, token } = socket.data as { branchId: string; counterId?: string; token?: string };
    if (!token) return;
    const p = await deps.auth.resolve(token);
    if (p.kind !== 'device' || p.device.kind !== 'display') return;
    const id = p.device.id;
    const where = counterId ? { counterId } : {};
    health.connected(branchId, id, 'display', where).catch(failed('device health'));
    socket.on('disconnect', () => {
      health.disconnected(branchId, id, 'display').catch(failed('device health'));
    });
  });

  const stops = [
    health.onChange((h) => supervisor.to(rooms.branch(h.branchId)).emit('device:health', h)),
    alerts.onChange((event, a) => supervisor.to(rooms.branch(a.branchId)).emit(event, a)),
  ];
  return () => {
    for (const s of stops) s();
  };
}
