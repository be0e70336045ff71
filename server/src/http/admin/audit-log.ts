// Reading the audit log: admins every entry, a supervisor their branch's (M3, M5). Newest first, a
// page at a time; `next` is the cursor of the following page.
import { AuditPage, AuditQuery } from '@nobat/protocol';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, ok200, requireUser, sessionAuth } from '../route.ts';

export function auditRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/audit',
      tags: ['admin'],
      summary: "The audit log of admin changes, newest first (a supervisor: their branch's)",
      security: sessionAuth,
      request: { query: AuditQuery },
      responses: ok200(AuditPage),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const q = c.req.valid('query');
      if (me.role !== 'admin' && q.branchId !== undefined && q.branchId !== me.branchId) throw fail(403, 'forbidden');
      const branchId = me.role === 'admin' ? q.branchId : (me.branchId ?? '');
      try {
        const page = await deps.store.listAudit({ ...q, branchId });
        return c.json(page, 200);
      } catch (err) {
        if (err instanceof RangeError) {
          throw fail(400, 'invalid-input', [{ path: 'before', message: 'not a cursor this log gave' }]);
        }
        throw err;
      }
    },
  );
}
