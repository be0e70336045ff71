// Devices (kiosks, displays, bridges) and their tokens: admins issue and revoke them; a supervisor
// sees their branch's (M5). The token is shown once, with a link that pairs the device (M7).
import { CreateDeviceBody, CreatedDevice, DeviceView, Id, OkBody } from '@nobat/protocol';
import { z } from 'zod';
import { type DeviceRecord, type DeviceSeen, newDeviceToken } from '../../auth/auth.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';
import { auditContext, auditedWrite, getSaved, readSaved } from './audited.ts';

export function deviceView(d: DeviceRecord, seen?: DeviceSeen): DeviceView {
  return {
    id: d.id,
    kind: d.kind,
    branchId: d.branchId,
    name: d.name,
    counterIds: d.counterIds,
    kioskIds: d.kioskIds,
    active: d.active,
    createdAt: d.createdAt ?? null,
    lastSeenAt: seen?.at ?? null,
  };
}

/** [M7] The page a kiosk or display opens with its token; a bridge is configured by hand. */
export function pairingUrl(publicUrl: string, kind: DeviceRecord['kind'], token: string): string | null {
  if (kind === 'bridge') return null;
  return `${publicUrl.replace(/\/+$/, '')}/${kind}/?token=${encodeURIComponent(token)}`;
}

export function deviceRoutes(app: App, deps: Deps): void {
  const { store } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/devices',
      tags: ['admin'],
      summary: "Devices (kiosks, displays, bridges), when each was made and last seen (a supervisor: their branch's)",
      security: sessionAuth,
      request: { query: z.object({ branchId: Id.optional() }) },
      responses: ok200(z.array(DeviceView)),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const { branchId } = c.req.valid('query');
      if (me.role !== 'admin' && branchId !== undefined && branchId !== me.branchId) throw fail(403, 'forbidden');
      const wanted = me.role === 'admin' ? branchId : me.branchId;
      const devices = (await store.listRecords('device'))
        .map((r) => readSaved<DeviceRecord>(r).value)
        .filter((d) => wanted === undefined || d.branchId === wanted);
      const seen = new Map((await store.listRecords<DeviceSeen>('device-seen')).map((r) => [r.id, r.value]));
      return c.json(
        devices.map((d) => deviceView(d, seen.get(d.id))),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/devices',
      tags: ['admin'],
      summary: 'Register a device and issue its token (shown once, with a pairing link for a kiosk or display)',
      security: sessionAuth,
      request: { body: jsonBody(CreateDeviceBody) },
      responses: ok201(CreatedDevice),
    }),
    async (c) => {
      const me = requireUser(c, ['admin']);
      const b = c.req.valid('json');
      if (!(await getSaved(store, 'branch', b.branchId))) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'unknown branch' }]);
      }
      const { record, token } = newDeviceToken({ ...b, active: true, createdAt: new Date(deps.clock()).toISOString() });
      const saved = await auditedWrite<DeviceRecord>(auditContext(c, deps, me), {
        kind: 'device',
        id: b.id,
        action: 'create',
        branchId: b.branchId,
        expectedVersion: 0,
        apply: () => record,
      });
      const device = deviceView(saved?.value ?? record);
      return c.json({ device, token, pairingUrl: pairingUrl(deps.publicUrl, b.kind, token) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/devices/{deviceId}',
      tags: ['admin'],
      summary: 'Revoke a device token',
      security: sessionAuth,
      request: { params: z.object({ deviceId: Id }) },
      responses: ok200(OkBody),
    }),
    async (c) => {
      const me = requireUser(c, ['admin']);
      const { deviceId } = c.req.valid('param');
      const current = await getSaved<DeviceRecord>(store, 'device', deviceId);
      if (!current) throw fail(404, 'not-found');
      await auditedWrite<DeviceRecord>(auditContext(c, deps, me), {
        kind: 'device',
        id: deviceId,
        action: 'revoke',
        branchId: current.value.branchId,
        apply: (now) => {
          if (!now) throw fail(404, 'not-found');
          return null;
        },
      });
      deps.auth.forgetDevice(deviceId);
      await store.deleteRecord('device-seen', deviceId); // a device made again with this id was never seen
      return c.json({ ok: true as const }, 200);
    },
  );
}
