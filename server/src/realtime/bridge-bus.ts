// A bridge's bus (firmware-bridge PROTOCOL.md section 9, BUS1–BUS4; server/SPEC.md "Bridge bus"): the
// bridge sends `bus:report` on every connect and whenever a state in it changes; the latest one per
// bridge is kept through the store port (record kind `bus-report`), so every server process (Redis)
// and a restarted one answers GET …/bus alike. A supervisor's test is relayed to the bridge's socket
// (`bridge:test`, with an ack) through the adapter, wherever the bridge is connected.
import { type Ack, type BridgeTestRequest, BridgeTestResult, BusReport } from '@nobat/protocol';
import type { Socket } from 'socket.io';
import type { Store } from '../store/port.ts';
import { ackError, type Hub } from './hub.ts';

/** The room of one bridge's sockets (by its device id). */
export const bridgeRoom = (deviceId: string) => `bridge:${deviceId}`;

/** What is kept of a bridge's latest report. */
export interface StoredBusReport {
  branchId: string;
  /** When the server received it (its clock, ISO). */
  receivedAt: string;
  report: BusReport;
}

/** Keeps `report` as the bridge's latest, replacing whatever was there (a newer report wins). */
export async function saveBusReport(store: Store, deviceId: string, value: StoredBusReport): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.getRecord<StoredBusReport>('bus-report', deviceId);
    const put = await store.putRecord('bus-report', deviceId, value, current?.version ?? 0);
    if (put.ok) return;
  }
}

export async function readBusReport(store: Store, deviceId: string): Promise<StoredBusReport | undefined> {
  return (await store.getRecord<StoredBusReport>('bus-report', deviceId))?.value;
}

/** How long the server waits for the bridge's answer to a test (a test print takes a few seconds). */
const TEST_TIMEOUT_MS = 20_000;

export function createBridgeBus(hub: Hub, store: Store | undefined) {
  const { bridge, deps, deviceStillValid, unauthenticated } = hub;
  const { logger } = deps;

  return {
    /** The additive hook of the /bridge connection handler (bridge.ts): its room and `bus:report`. */
    async attach(socket: Socket, device: { id: string; branchId: string }): Promise<void> {
      await socket.join(bridgeRoom(device.id));
      socket.on('bus:report', async (raw: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (a: Ack<null>) => void) : () => {};
        if (!(await deviceStillValid(socket))) return reply(unauthenticated);
        const r = BusReport.safeParse(raw);
        if (!r.success) return reply(ackError('invalid-input'));
        if (!store) return reply({ data: null });
        try {
          const receivedAt = new Date(deps.clock()).toISOString();
          await saveBusReport(store, device.id, { branchId: device.branchId, receivedAt, report: r.data });
          reply({ data: null });
        } catch (err) {
          logger.warn({ err, device: device.id }, 'bus report not kept');
          reply(ackError('store-unavailable'));
        }
      });
    },

    /** Whether a socket of the bridge is connected to any server process. */
    async connected(deviceId: string): Promise<boolean> {
      return (await bridge.in(bridgeRoom(deviceId)).fetchSockets()).length > 0;
    },

    /** [BUS4] Relays a test to the bridge and answers its result; `not-connected` when no bridge answered. */
    async test(deviceId: string, request: BridgeTestRequest): Promise<BridgeTestResult | 'not-connected'> {
      try {
        const answers: unknown[] = await bridge
          .to(bridgeRoom(deviceId))
          .timeout(TEST_TIMEOUT_MS)
          .emitWithAck('bridge:test', request);
        const answer = answers.map((a) => BridgeTestResult.safeParse(a)).find((a) => a.success)?.data;
        return answer ?? 'not-connected';
      } catch {
        return 'not-connected';
      }
    },
  };
}
export type BridgeBus = ReturnType<typeof createBridgeBus>;
