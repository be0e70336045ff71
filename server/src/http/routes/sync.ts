// Branch servers and upward sync (SPEC SY1, SY6, SY7): an admin links a branch to its branch server
// (the token shown once, kept hashed, audited) or unlinks it; admins and the branch's supervisor see the
// link's state and its outages (one branch, or the list the console shows); a branch server shows how
// far the centre has its days.
import {
  type BranchConfigInput,
  BranchLinkListItem,
  BranchLinkView,
  BranchOutage,
  BranchOutageQuery,
  CreatedBranchLink,
  Id,
  OkBody,
} from '@nobat/protocol';
import { z } from 'zod';
import { type BranchLinkRecord, newBranchLink } from '../../sync/centre.ts';
import { auditContext, auditedWrite, getSaved } from '../admin/audited.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';

const SyncStatus = z.object({
  branchId: Id,
  connected: z.boolean(),
  days: z.record(z.string(), z.object({ seq: z.number().int(), sent: z.number().int(), final: z.boolean() })),
});

export function syncRoutes(app: App, deps: Deps): void {
  const { store } = deps;
  const centre = () => {
    if (!deps.syncCentre) throw fail(404, 'not-found');
    return deps.syncCentre;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/branch-links',
      tags: ['admin'],
      summary:
        "[SY1] Link a branch to its branch server: its token (shown once) is the branch server's NOBAT_CENTRAL_TOKEN",
      security: sessionAuth,
      request: { body: jsonBody(z.strictObject({ branchId: Id })) },
      responses: ok201(CreatedBranchLink),
    }),
    async (c) => {
      const me = requireUser(c, ['admin']);
      const { branchId } = c.req.valid('json');
      if (!(await getSaved(store, 'branch', branchId))) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'unknown branch' }]);
      }
      const { record, token } = newBranchLink(branchId, new Date(deps.clock()).toISOString());
      await auditedWrite<BranchLinkRecord>(auditContext(c, deps, me), {
        kind: 'branch-link',
        id: branchId,
        action: 'create',
        branchId,
        expectedVersion: 0,
        apply: () => record,
      });
      await centre().refresh();
      const link = await centre().view(branchId);
      if (!link) throw fail(404, 'not-found');
      return c.json({ link, token }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/branch-links',
      tags: ['admin'],
      summary:
        "[SY6][SY7] The linked branches, by id: each link's state, the days the centre holds, the branch's name and the outage under way (a supervisor: their own branch's)",
      security: sessionAuth,
      responses: ok200(z.array(BranchLinkListItem)),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const links = await centre().links(me.role === 'admin' ? undefined : [me.branchId ?? '']);
      const named = await Promise.all(
        links.map(async (link) => {
          const branch = await getSaved<BranchConfigInput>(store, 'branch', link.branchId);
          return { ...link, name: branch?.value.branch.name ?? { fa: link.branchId } };
        }),
      );
      return c.json(named, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/branch-links/{branchId}',
      tags: ['admin'],
      summary: '[SY1] Unlink a branch: its token stops working and the centre runs its queue again',
      security: sessionAuth,
      request: { params: z.object({ branchId: Id }) },
      responses: ok200(OkBody),
    }),
    async (c) => {
      const me = requireUser(c, ['admin']);
      const { branchId } = c.req.valid('param');
      await auditedWrite<BranchLinkRecord>(auditContext(c, deps, me), {
        kind: 'branch-link',
        id: branchId,
        action: 'revoke',
        branchId,
        apply: (now) => {
          if (!now) throw fail(404, 'not-found');
          return null;
        },
      });
      await centre().refresh();
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sync/links/{branchId}',
      tags: ['sync'],
      summary: "[SY6] A branch link's state: connected or not since when, and how far the centre holds each day",
      security: sessionAuth,
      request: { params: z.object({ branchId: Id }) },
      responses: ok200(BranchLinkView),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const { branchId } = c.req.valid('param');
      if (me.role !== 'admin' && me.branchId !== branchId) throw fail(403, 'forbidden');
      const view = await centre().view(branchId);
      if (!view) throw fail(404, 'not-found');
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sync/outages',
      tags: ['sync'],
      summary: "[SY7] The outages of branches' links, with their durations (a supervisor: their branch's)",
      security: sessionAuth,
      request: { query: BranchOutageQuery },
      responses: ok200(z.array(BranchOutage)),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const q = c.req.valid('query');
      if (me.role !== 'admin' && q.branchId !== undefined && q.branchId !== me.branchId) throw fail(403, 'forbidden');
      const reach = me.role === 'admin' ? (q.branchId === undefined ? undefined : [q.branchId]) : [me.branchId ?? ''];
      const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
      return c.json(await centre().outages(reach, range), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sync/status',
      tags: ['sync'],
      summary:
        "[SY3] On a branch server: the link to the centre, and per day the log's seq and how far the centre has it",
      security: sessionAuth,
      responses: ok200(SyncStatus),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const sync = deps.branchSync;
      if (!sync) throw fail(404, 'not-found');
      if (me.role !== 'admin' && me.branchId !== sync.branchId) throw fail(403, 'forbidden');
      return c.json({ branchId: sync.branchId, connected: sync.connected, days: await sync.status() }, 200);
    },
  );
}
