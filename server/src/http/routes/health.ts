// A branch's device health and alerts, for its supervisor (or an admin): the devices as the server
// keeps them, the alerts open and past (newest first, paged), and acknowledging an alert (audited).
import { Alert, AlertPage, AlertQuery, DeviceHealthList, Id } from '@nobat/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { mayManageBranch } from '../../auth/auth.ts';
import { AlertService } from '../../health/alert-service.ts';
import { DeviceHealthService } from '../../health/device-health.ts';
import { clientAddress } from '../address.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, ok200, requireUser, sessionAuth } from '../route.ts';

const BranchParams = z.object({ branchId: Id });
const AlertParams = z.object({
  branchId: Id,
  alertId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export function healthRoutes(app: App, deps: Deps): void {
  // Without the server's own services (HTTP tests), the same store read and written by ones made here.
  const health = deps.health ?? new DeviceHealthService({ store: deps.store, clock: deps.clock });
  const alerts =
    deps.alerts ?? new AlertService({ store: deps.store, queue: deps.queue, health, clock: deps.clock, intervalMs: 0 });

  /** The supervisor of the branch, or an admin; the branch must exist. */
  async function supervisorOf(c: Context<AppEnv>, branchId: string) {
    const user = requireUser(c, ['supervisor', 'admin']);
    if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
    if (!(await deps.queue.config(branchId))) throw fail(404, 'not-found');
    return user;
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/device-health',
      tags: ['supervisor'],
      summary: "The branch's devices as the server keeps them: status, last seen, firmware, the day's faults",
      security: sessionAuth,
      request: { params: BranchParams },
      responses: ok200(DeviceHealthList),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      await supervisorOf(c, branchId);
      return c.json({ branchId, devices: await health.list(branchId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/alerts',
      tags: ['supervisor'],
      summary: "The branch's alerts, newest first: open ones, or all with their history (paged)",
      security: sessionAuth,
      request: { params: BranchParams, query: AlertQuery },
      responses: ok200(AlertPage),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      await supervisorOf(c, branchId);
      const q = c.req.valid('query');
      try {
        return c.json(await alerts.list(branchId, q), 200);
      } catch (err) {
        if (err instanceof RangeError) throw fail(400, 'invalid-input');
        throw err;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/alerts/{alertId}/ack',
      tags: ['supervisor'],
      summary: 'Acknowledge an alert (who and when are kept, and audited)',
      security: sessionAuth,
      request: { params: AlertParams },
      responses: ok200(Alert),
    }),
    async (c) => {
      const { branchId, alertId } = c.req.valid('param');
      const user = await supervisorOf(c, branchId);
      const acked = await alerts.acknowledge(
        branchId,
        alertId,
        { id: user.id, name: user.name, role: user.role },
        clientAddress(c, deps.web?.trustProxy ?? false),
      );
      if (!acked) throw fail(404, 'not-found');
      return c.json(acked, 200);
    },
  );
}
