// The firmware bridge (/bridge, with a bridge token): keypad presses act for the counters it owns,
// as the clerk who holds them; device status and print results go to supervisors and kiosks.
import { type Ack, DeviceStatus, type KeypadAnswer, KeypadPress, PrintResult } from '@nobat/protocol';
import { displaySnapshot, staffTicket } from '../queue/views.ts';
import type { BridgeBus } from './bridge-bus.ts';
import { ackError, type Hub, rooms } from './hub.ts';
import { answerSnapshotRequests } from './screens.ts';

interface BridgeDevice {
  id: string;
  branchId: string;
  counterIds: string[];
  kioskIds: string[];
}

/** A bridge speaks for the displays and keypads of its counters and the printers of its kiosks only. */
export function ownsDevice(bridge: Pick<BridgeDevice, 'counterIds' | 'kioskIds'>, d: DeviceStatus): boolean {
  if (d.kind === 'printer') return d.kioskId !== undefined && bridge.kioskIds.includes(d.kioskId);
  return d.counterId !== undefined && bridge.counterIds.includes(d.counterId);
}

export function attachBridges(hub: Hub, bus?: BridgeBus): void {
  const { bridge, kiosk, toStaff, deps, deviceGuard, deviceStillValid, unauthenticated, printers } = hub;
  const { queue, logger } = deps;

  bridge.use(deviceGuard('bridge'));
  bridge.on('connection', async (socket) => {
    const { device } = socket.data as { device: BridgeDevice };
    const branchId = device.branchId;
    await socket.join([rooms.branch(branchId), ...device.kioskIds.map((k) => rooms.printer(branchId, k))]);
    await bus?.attach(socket, device); // its bus reports and the supervisor's tests (bridge-bus.ts)
    const day = await queue.view(branchId);
    if (day) socket.emit('snapshot', displaySnapshot(day.ix, day.state, deps.clock()));
    answerSnapshotRequests(
      socket as never,
      async () => {
        const d = await queue.view(branchId);
        return d && displaySnapshot(d.ix, d.state, deps.clock());
      },
      () => deviceStillValid(socket),
    );
    // Gone, its printers cannot print: their kiosks say so until a bridge reports them again.
    socket.on('disconnect', () => {
      for (const k of device.kioskIds) printers.set(branchId, k, 'offline');
    });

    socket.on('keypad:press', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const p = KeypadPress.safeParse(raw);
      if (!p.success) return reply(ackError('invalid-input'));
      // A keypad acts only for the counters this bridge owns; what its key means is the domain's
      // rule (K1–K6), decided on the counter's state when the press arrives.
      const { counterId, key, ageMs, requestId } = p.data;
      if (!device.counterIds.includes(counterId)) return reply(ackError('forbidden'));
      const r = await queue.execute(branchId, {
        type: 'keypad',
        counterId,
        key,
        pressedAt: deps.clock() - ageMs,
        // Scoped like the counter app's: one bridge's press at one counter.
        ...(requestId ? { requestId: `kp:${device.id}:${counterId}:${requestId}` } : {}),
      });
      if (!r.ok) return reply(ackError(r.code));
      const answer: KeypadAnswer = { ticket: r.ticket && staffTicket(r.ticket), outcome: r.keypad ?? 'repeated' };
      reply({ data: answer } satisfies Ack<KeypadAnswer>);
    });

    socket.on('device:status', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const d = DeviceStatus.safeParse(raw);
      if (!d.success) return reply(ackError('invalid-input'));
      // Only the devices this bridge drives: its counters' displays and keypads, its kiosks' printers.
      if (!ownsDevice(device, d.data)) return reply(ackError('forbidden'));
      toStaff(branchId, 'device:status', d.data);
      if (d.data.kind === 'printer' && d.data.kioskId) printers.set(branchId, d.data.kioskId, d.data.status);
      logger.info({ device: device.id, status: d.data }, 'device status');
      reply({ data: null });
    });

    socket.on('print:result', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (!(await deviceStillValid(socket))) return reply(unauthenticated);
      const r = PrintResult.safeParse(raw);
      if (!r.success) return reply(ackError('invalid-input'));
      // Only for the kiosks whose printers (and print jobs) are this bridge's.
      if (!device.kioskIds.includes(r.data.kioskId)) return reply(ackError('forbidden'));
      kiosk.to(rooms.kiosk(branchId, r.data.kioskId)).emit('print:result', r.data);
      reply({ data: null });
    });
  });
}
