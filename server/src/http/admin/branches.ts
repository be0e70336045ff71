// Branches: the list, a branch's whole configuration, its services and counters one by one, and
// copying a branch. Admins reach every branch; a supervisor only their own, and cannot move it (M5).
import {
  BranchConfig,
  type BranchConfigInput,
  BranchListItem,
  ConfigEnvelope,
  CopyBranchBody,
  Counter,
  Id,
  OkBody,
  SubService,
} from '@nobat/protocol';
import { z } from 'zod';
import { mayManageBranch } from '../../auth/auth.ts';
import { counterInUse, type DayState, serviceInUse } from '../../domain/index.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';
import { auditContext, auditedWrite, getSaved, readSaved } from './audited.ts';
import { saveBranchConfig } from './branch-config.ts';

const BranchParams = z.object({ branchId: Id });

function inUse(state: DayState, part: 'services' | 'counters', id: string): boolean {
  return part === 'counters' ? counterInUse(state, id) : serviceInUse(state, id);
}

export function branchRoutes(app: App, deps: Deps): void {
  const { store } = deps;

  /** The signed-in admin, or the branch's own supervisor; 403 for anyone else. */
  const editorOf = (c: Parameters<typeof requireUser>[0], branchId: string) => {
    const user = requireUser(c, ['admin', 'supervisor']);
    if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
    return user;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/branches',
      tags: ['admin'],
      summary: 'Branches with their place in the organisation tree (a supervisor: their own)',
      security: sessionAuth,
      responses: ok200(z.array(BranchListItem)),
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const records = await store.listRecords('branch');
      const items = records
        .filter((r) => mayManageBranch(user, r.id))
        .map((r) => {
          const saved = readSaved<BranchConfigInput>(r);
          const { branch } = saved.value;
          return {
            id: branch.id,
            name: branch.name,
            type: branch.type,
            organisationId: branch.organisationId,
            provincialOfficeId: branch.provincialOfficeId,
            version: saved.version,
            changed: saved.changed,
          };
        });
      return c.json(items, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/branches/{branchId}',
      tags: ['admin'],
      summary: "A branch's whole configuration, with its version and last change",
      security: sessionAuth,
      request: { params: BranchParams },
      responses: ok200(ConfigEnvelope),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      editorOf(c, branchId);
      const saved = await getSaved<unknown>(store, 'branch', branchId);
      if (!saved) throw fail(404, 'not-found');
      return c.json({ version: saved.version, changed: saved.changed, config: BranchConfig.parse(saved.value) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/branches',
      tags: ['admin'],
      summary: 'Create a branch with its configuration (in an existing organisation and provincial office)',
      security: sessionAuth,
      request: { body: jsonBody(z.object({ config: z.unknown() })) },
      responses: ok201(ConfigEnvelope),
    }),
    async (c) => {
      const user = requireUser(c, ['admin']);
      const { config } = c.req.valid('json');
      // The id is the configuration's own; an unreadable one is refused by the save's validation.
      const parsed = BranchConfig.safeParse(config);
      const branchId = parsed.success ? parsed.data.branch.id : '';
      const envelope = await saveBranchConfig(auditContext(c, deps, user), deps, {
        branchId,
        action: 'create',
        expectedVersion: 0,
        edit: () => config,
      });
      return c.json(envelope, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/admin/branches/{branchId}',
      tags: ['admin'],
      summary: "Replace a branch's configuration, made on `version` (a stale one: 409 version-conflict)",
      security: sessionAuth,
      request: {
        params: BranchParams,
        body: jsonBody(z.object({ version: z.number().int().min(1), config: z.unknown() })),
      },
      responses: ok200(ConfigEnvelope),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const user = editorOf(c, branchId);
      const { version, config } = c.req.valid('json');
      const envelope = await saveBranchConfig(auditContext(c, deps, user), deps, {
        branchId,
        action: 'update',
        expectedVersion: version,
        edit: () => config,
        mayMove: user.role === 'admin',
      });
      return c.json(envelope, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/branches/{branchId}',
      tags: ['admin'],
      summary: 'Delete a branch (its logs stay in the store)',
      security: sessionAuth,
      request: { params: BranchParams, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
      responses: ok200(OkBody),
    }),
    async (c) => {
      const user = requireUser(c, ['admin']);
      const { branchId } = c.req.valid('param');
      await auditedWrite(auditContext(c, deps, user), {
        kind: 'branch',
        id: branchId,
        action: 'delete',
        branchId,
        expectedVersion: c.req.valid('query').version,
        apply: (current) => {
          if (!current) throw fail(404, 'not-found');
          return null;
        },
      });
      deps.queue.invalidateConfig(branchId);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/branches/{branchId}/copy',
      tags: ['admin'],
      summary:
        "Copy a branch's configuration (groups, services, counters, priorities, settings, hours, holidays; no clerks) into a new branch",
      security: sessionAuth,
      request: { params: BranchParams, body: jsonBody(CopyBranchBody) },
      responses: ok201(ConfigEnvelope),
    }),
    async (c) => {
      const user = requireUser(c, ['admin']);
      const { branchId } = c.req.valid('param');
      const body = c.req.valid('json');
      const source = await getSaved<BranchConfigInput>(store, 'branch', branchId);
      if (!source) throw fail(404, 'not-found');
      const envelope = await saveBranchConfig(auditContext(c, deps, user), deps, {
        branchId: body.id,
        action: 'copy',
        expectedVersion: 0,
        edit: () => {
          const copy = structuredClone(source.value);
          copy.branch = {
            ...copy.branch,
            id: body.id,
            name: body.name,
            provincialOfficeId: body.provincialOfficeId ?? copy.branch.provincialOfficeId,
          };
          copy.clerks = [];
          return copy;
        },
      });
      return c.json(envelope, 201);
    },
  );

  // ---- services and counters of a branch, one by one
  for (const part of ['services', 'counters'] as const) {
    const schema = part === 'services' ? SubService : Counter;
    const ItemParams = z.object({ branchId: Id, itemId: Id });
    const list = (cfg: BranchConfigInput) => cfg[part] as { id: string }[];
    /** Applies `edit` to the current configuration (a per-part change needs no version: it merges). */
    const editPart = (
      c: Parameters<typeof requireUser>[0],
      branchId: string,
      edit: (items: { id: string }[]) => void,
    ) => {
      const user = editorOf(c, branchId);
      return saveBranchConfig(auditContext(c, deps, user), deps, {
        branchId,
        action: 'update',
        mayMove: false,
        edit: (current) => {
          if (!current) throw fail(404, 'not-found');
          edit(list(current));
          return current;
        },
      });
    };

    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/admin/branches/{branchId}/${part}`,
        tags: ['admin'],
        summary: `Add one of a branch's ${part}`,
        security: sessionAuth,
        request: { params: BranchParams, body: jsonBody(schema) },
        responses: ok201(ConfigEnvelope),
      }),
      async (c) => {
        const { branchId } = c.req.valid('param');
        const item = c.req.valid('json') as { id: string };
        const envelope = await editPart(c, branchId, (items) => {
          if (items.some((x) => x.id === item.id)) throw fail(409, 'exists');
          items.push(item);
        });
        return c.json(envelope, 201);
      },
    );

    app.openapi(
      createRoute({
        method: 'put',
        path: `/api/v1/admin/branches/{branchId}/${part}/{itemId}`,
        tags: ['admin'],
        summary: `Replace one of a branch's ${part}`,
        security: sessionAuth,
        request: { params: ItemParams, body: jsonBody(schema) },
        responses: ok200(ConfigEnvelope),
      }),
      async (c) => {
        const { branchId, itemId } = c.req.valid('param');
        editorOf(c, branchId);
        const item = c.req.valid('json') as { id: string };
        if (item.id !== itemId) throw fail(400, 'invalid-input', [{ path: 'id', message: 'must match the path' }]);
        const envelope = await editPart(c, branchId, (items) => {
          const i = items.findIndex((x) => x.id === itemId);
          if (i < 0) throw fail(404, 'not-found');
          items[i] = item;
        });
        return c.json(envelope, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'delete',
        path: `/api/v1/admin/branches/{branchId}/${part}/{itemId}`,
        tags: ['admin'],
        summary: `Remove one of a branch's ${part}`,
        security: sessionAuth,
        request: { params: ItemParams },
        responses: ok200(ConfigEnvelope),
      }),
      async (c) => {
        const { branchId, itemId } = c.req.valid('param');
        editorOf(c, branchId);
        // Not while in use today: an open counter would strand its clerk; tickets in play of a
        // deleted sub-service could never be served.
        const day = await deps.queue.view(branchId);
        if (day && inUse(day.state, part, itemId)) throw fail(409, 'in-use');
        const envelope = await editPart(c, branchId, (items) => {
          const i = items.findIndex((x) => x.id === itemId);
          if (i < 0) throw fail(404, 'not-found');
          items.splice(i, 1);
        });
        return c.json(envelope, 200);
      },
    );
  }
}
