// A bridge's page (server/SPEC.md "Bridge bus", BB1–BB3): its bus as the bridge last reported it, and
// the supervisor's tests relayed to it — an LED's test pattern, a test ticket on a kiosk's printer, a
// scan of the free addresses. A supervisor of the bridge's branch or an admin; every test is audited.
import {
  BridgeBusView,
  BridgeTestRequest,
  type BridgeTestResult,
  BridgeTestResult as BridgeTestResultSchema,
  ErrorBody,
  Id,
} from '@nobat/protocol';
import { z } from 'zod';
import { type DeviceRecord, mayManageBranch } from '../../auth/auth.ts';
import { readBusReport } from '../../realtime/bridge-bus.ts';
import { clientAddress } from '../address.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';

const Params = z.object({ branchId: Id, deviceId: Id });

export function bridgeBusRoutes(app: App, deps: Deps): void {
  /** [BB1] The bridge of that branch (an active bridge record), else 404: no probing other branches. */
  async function bridgeOf(branchId: string, deviceId: string): Promise<DeviceRecord> {
    const d = (await deps.store.getRecord<DeviceRecord>('device', deviceId))?.value;
    if (d?.kind !== 'bridge' || d.branchId !== branchId) throw fail(404, 'not-found');
    return d;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/bridges/{deviceId}/bus',
      tags: ['devices'],
      summary:
        "A bridge's bus as it last reported it (BB1): every address answering, silent, colliding or unexpected, with firmware, last answer and error counts",
      security: sessionAuth,
      request: { params: Params },
      responses: ok200(BridgeBusView),
    }),
    async (c) => {
      const who = requireUser(c, ['admin', 'supervisor']);
      const { branchId, deviceId } = c.req.valid('param');
      if (!mayManageBranch(who, branchId)) throw fail(403, 'forbidden');
      await bridgeOf(branchId, deviceId);
      const stored = await readBusReport(deps.store, deviceId);
      const view: BridgeBusView = {
        deviceId,
        branchId,
        connected: (await deps.bridgeBus?.connected(deviceId)) ?? false,
        receivedAt: stored?.receivedAt ?? null,
        report: stored?.report ?? null,
      };
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/bridges/{deviceId}/test',
      tags: ['devices'],
      summary:
        "Test through a bridge (BB2): an LED's test pattern, a test ticket on a kiosk's printer, or a scan; audited. 503 bridge-not-connected, 409 bus-device-offline or bus-test-failed, 404 unknown-bus-device",
      security: sessionAuth,
      request: { params: Params, body: jsonBody(BridgeTestRequest) },
      responses: {
        ...ok200(BridgeTestResultSchema),
        409: {
          description: 'The device does not answer (bus-device-offline) or refused the test (bus-test-failed)',
          content: { 'application/json': { schema: ErrorBody } },
        },
        503: {
          description: 'The bridge is not connected to the server (bridge-not-connected)',
          content: { 'application/json': { schema: ErrorBody } },
        },
      },
    }),
    async (c) => {
      const who = requireUser(c, ['admin', 'supervisor']);
      const { branchId, deviceId } = c.req.valid('param');
      if (!mayManageBranch(who, branchId)) throw fail(403, 'forbidden');
      const bridge = await bridgeOf(branchId, deviceId);
      const request = c.req.valid('json');
      // A test print only on a kiosk this bridge drives (its record says so).
      if (request.kind === 'test-print' && !bridge.kioskIds.includes(request.kioskId))
        throw fail(404, 'unknown-bus-device');
      const at = new Date(deps.clock()).toISOString();
      const answer = (await deps.bridgeBus?.test(deviceId, request)) ?? 'not-connected';
      // [BB3] Every test that reached this point is in the audit log, with its outcome.
      const outcome: BridgeTestResult | { ok: false; reason: 'not-connected' } =
        answer === 'not-connected' ? { ok: false, reason: 'not-connected' } : answer;
      await deps.store.appendAudit({
        at,
        actor: { id: who.id, name: who.name, role: who.role },
        address: clientAddress(c, deps.web?.trustProxy ?? false),
        action: 'test',
        target: { kind: 'device', id: deviceId },
        branchId,
        fromVersion: null,
        toVersion: null,
        before: null,
        after: { request, outcome },
        changes: [`test.${request.kind}`],
      });
      deps.logger.info({ user: who.id, bridge: deviceId, request, outcome }, 'bridge test');
      if (answer === 'not-connected') throw fail(503, 'bridge-not-connected');
      if (!answer.ok) {
        if (answer.reason === 'device-offline') throw fail(409, 'bus-device-offline');
        if (answer.reason === 'unknown-device') throw fail(404, 'unknown-bus-device');
        // A printer's answer (paper out, cover open) is a result, not an error: the page shows it.
        if (request.kind !== 'test-print') throw fail(409, 'bus-test-failed');
      }
      return c.json(answer, 200);
    },
  );
}
