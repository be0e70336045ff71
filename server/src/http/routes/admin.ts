// Configuration: branches (with their services and counters), users and device tokens. A branch's
// configuration is one versioned record; every change is a compare-and-set on its version, validated
// whole (so a counter can never name a service that was deleted).
import {
  BranchConfig,
  type BranchConfigInput,
  Counter,
  DeviceKind,
  Id,
  Role,
  SessionUser,
  SubService,
} from '@nobat/protocol';
import { z } from 'zod';
import {
  type DeviceRecord,
  hashPassword,
  mayManageBranch,
  newDeviceToken,
  newEpoch,
  type UserRecord,
  userIdOf,
} from '../../auth/auth.ts';
import { counterInUse, type DayState, serviceInUse } from '../../domain/index.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';

const Envelope = z.object({ version: z.number().int(), config: BranchConfig });
const BranchParams = z.object({ branchId: Id });
const Ok = z.object({ ok: z.literal(true) });

const UserView = SessionUser.extend({ active: z.boolean() });
const CreateUser = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_"'),
  name: z.string().trim().min(1).max(200),
  role: Role,
  branchId: Id.nullable(),
  password: z.string().min(8).max(200),
});
const UpdateUser = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  branchId: Id.nullable().optional(),
  password: z.string().min(8).max(200).optional(),
  active: z.boolean().optional(),
});
const DeviceView = z.object({
  id: Id,
  kind: DeviceKind,
  branchId: Id,
  name: z.string(),
  counterIds: z.array(Id),
  kioskIds: z.array(Id),
  active: z.boolean(),
});
const CreateDevice = z.strictObject({
  id: Id,
  kind: DeviceKind,
  branchId: Id,
  name: z.string().trim().min(1).max(200),
  counterIds: z.array(Id).default([]),
  kioskIds: z.array(Id).default([]),
});

const userView = (u: UserRecord) => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  branchId: u.branchId,
  active: u.active,
});
const deviceView = ({ secretHash: _, ...d }: DeviceRecord) => d;

function inUse(state: DayState, part: 'services' | 'counters', id: string): boolean {
  return part === 'counters' ? counterInUse(state, id) : serviceInUse(state, id);
}

function invalid(error: z.ZodError) {
  return fail(
    422,
    'invalid-config',
    error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

export function adminRoutes(app: App, deps: Deps): void {
  const { store } = deps;

  /** Applies `edit` to a branch's configuration with compare-and-set, validating the result. */
  async function updateConfig(branchId: string, edit: (c: BranchConfigInput) => void, expectedVersion?: number) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await store.getRecord<BranchConfigInput>('branch', branchId);
      if (!record) throw fail(404, 'not-found');
      if (expectedVersion !== undefined && record.version !== expectedVersion) throw fail(409, 'version-conflict');
      const draft = structuredClone(record.value);
      edit(draft);
      const parsed = BranchConfig.safeParse(draft);
      if (!parsed.success) throw invalid(parsed.error);
      if (parsed.data.branch.id !== branchId) throw fail(422, 'invalid-config');
      const put = await store.putRecord('branch', branchId, parsed.data, record.version);
      if (put.ok) {
        deps.queue.invalidateConfig(branchId);
        return { version: put.version, config: parsed.data };
      }
      if (expectedVersion !== undefined) throw fail(409, 'version-conflict');
    }
    throw fail(409, 'version-conflict');
  }

  // ---- branches
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/branches/{branchId}',
      tags: ['admin'],
      summary: "A branch's whole configuration, with its version",
      security: sessionAuth,
      request: { params: BranchParams },
      responses: ok200(Envelope),
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const { branchId } = c.req.valid('param');
      if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
      const record = await store.getRecord<unknown>('branch', branchId);
      if (!record) throw fail(404, 'not-found');
      return c.json({ version: record.version, config: BranchConfig.parse(record.value) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/branches',
      tags: ['admin'],
      summary: 'Create a branch with its configuration',
      security: sessionAuth,
      request: { body: jsonBody(z.object({ config: z.unknown() })) },
      responses: ok201(Envelope),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const parsed = BranchConfig.safeParse(c.req.valid('json').config);
      if (!parsed.success) throw invalid(parsed.error);
      const put = await store.putRecord('branch', parsed.data.branch.id, parsed.data, 0);
      if (!put.ok) throw fail(409, 'exists');
      deps.queue.invalidateConfig(parsed.data.branch.id);
      return c.json({ version: put.version, config: parsed.data }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/admin/branches/{branchId}',
      tags: ['admin'],
      summary: "Replace a branch's configuration (expected version required)",
      security: sessionAuth,
      request: { params: BranchParams, body: jsonBody(z.object({ version: z.number().int(), config: z.unknown() })) },
      responses: ok200(Envelope),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const { branchId } = c.req.valid('param');
      const { version, config } = c.req.valid('json');
      const result = await updateConfig(
        branchId,
        (draft) => {
          for (const key of Object.keys(draft)) delete (draft as Record<string, unknown>)[key];
          Object.assign(draft, config);
        },
        version,
      );
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/branches/{branchId}',
      tags: ['admin'],
      summary: 'Delete a branch (its logs stay in the store)',
      security: sessionAuth,
      request: { params: BranchParams },
      responses: ok200(Ok),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const { branchId } = c.req.valid('param');
      if (!(await store.deleteRecord('branch', branchId))) throw fail(404, 'not-found');
      deps.queue.invalidateConfig(branchId);
      return c.json({ ok: true as const }, 200);
    },
  );

  // ---- services and counters of a branch (admins, and the branch's supervisors)
  for (const part of ['services', 'counters'] as const) {
    const schema = part === 'services' ? SubService : Counter;
    const ItemParams = z.object({ branchId: Id, itemId: Id });
    const list = (c: BranchConfigInput) => c[part] as { id: string }[];

    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/admin/branches/{branchId}/${part}`,
        tags: ['admin'],
        summary: `Add one of a branch's ${part}`,
        security: sessionAuth,
        request: { params: BranchParams, body: jsonBody(schema) },
        responses: ok201(Envelope),
      }),
      async (c) => {
        const user = requireUser(c, ['admin', 'supervisor']);
        const { branchId } = c.req.valid('param');
        if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
        const item = c.req.valid('json') as { id: string };
        const result = await updateConfig(branchId, (draft) => {
          if (list(draft).some((x) => x.id === item.id)) throw fail(409, 'exists');
          list(draft).push(item);
        });
        return c.json(result, 201);
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
        responses: ok200(Envelope),
      }),
      async (c) => {
        const user = requireUser(c, ['admin', 'supervisor']);
        const { branchId, itemId } = c.req.valid('param');
        if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
        const item = c.req.valid('json') as { id: string };
        if (item.id !== itemId) throw fail(400, 'invalid-input', [{ path: 'id', message: 'must match the path' }]);
        const result = await updateConfig(branchId, (draft) => {
          const i = list(draft).findIndex((x) => x.id === itemId);
          if (i < 0) throw fail(404, 'not-found');
          list(draft)[i] = item;
        });
        return c.json(result, 200);
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
        responses: ok200(Envelope),
      }),
      async (c) => {
        const user = requireUser(c, ['admin', 'supervisor']);
        const { branchId, itemId } = c.req.valid('param');
        if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
        // Not while in use today: an open counter would strand its clerk; tickets in play of a
        // deleted sub-service could never be served.
        const day = await deps.queue.view(branchId);
        if (day && inUse(day.state, part, itemId)) throw fail(409, 'in-use');
        const result = await updateConfig(branchId, (draft) => {
          const i = list(draft).findIndex((x) => x.id === itemId);
          if (i < 0) throw fail(404, 'not-found');
          list(draft).splice(i, 1);
        });
        return c.json(result, 200);
      },
    );
  }

  // ---- users (admins only)
  const UserParams = z.object({ userId: Id });

  /** A clerk must be in their branch's clerk list for the queue rules to let them open a counter. */
  async function enrolClerk(u: UserRecord) {
    if (u.role !== 'clerk' || !u.branchId) return;
    await updateConfig(u.branchId, (draft) => {
      const existing = draft.clerks.find((k) => k.id === u.id);
      if (existing) {
        existing.name = u.name;
        existing.active = u.active;
      } else draft.clerks.push({ id: u.id, name: u.name, active: u.active });
    });
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/users',
      tags: ['admin'],
      summary: 'Users',
      security: sessionAuth,
      responses: ok200(z.array(UserView)),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const users = await store.listRecords<UserRecord>('user');
      return c.json(
        users.map((u) => userView(u.value)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/users',
      tags: ['admin'],
      summary: 'Create a user (a clerk is enrolled in their branch)',
      security: sessionAuth,
      request: { body: jsonBody(CreateUser) },
      responses: ok201(UserView),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const b = c.req.valid('json');
      if (b.role !== 'admin' && !b.branchId) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'clerks and supervisors belong to a branch' }]);
      }
      if (b.branchId && !(await store.getRecord('branch', b.branchId))) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'unknown branch' }]);
      }
      const id = userIdOf(b.username);
      const record: UserRecord = {
        id,
        username: b.username,
        name: b.name,
        role: b.role,
        branchId: b.branchId,
        passwordHash: await hashPassword(b.password),
        active: true,
        epoch: newEpoch(),
      };
      if (!(await store.putRecord('user', id, record, 0)).ok) throw fail(409, 'exists');
      await enrolClerk(record);
      return c.json(userView(record), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/admin/users/{userId}',
      tags: ['admin'],
      summary: 'Change a user (name, role, branch, password, active)',
      security: sessionAuth,
      request: { params: UserParams, body: jsonBody(UpdateUser) },
      responses: ok200(UserView),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const { userId } = c.req.valid('param');
      const b = c.req.valid('json');
      const current = await store.getRecord<UserRecord>('user', userId);
      if (!current) throw fail(404, 'not-found');
      const { password, ...rest } = b;
      const next: UserRecord = {
        ...current.value,
        ...rest,
        // A new password, or switching the account off, ends its sessions.
        ...(password ? { passwordHash: await hashPassword(password), epoch: newEpoch() } : {}),
        ...(rest.active === false ? { epoch: newEpoch() } : {}),
      };
      // Everything is checked before anything is written.
      if (next.role !== 'admin' && !next.branchId) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'clerks and supervisors belong to a branch' }]);
      }
      if (next.branchId && !(await store.getRecord('branch', next.branchId))) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'unknown branch' }]);
      }
      await enrolClerk(next);
      if (!(await store.putRecord('user', userId, next, current.version)).ok) throw fail(409, 'version-conflict');
      return c.json(userView(next), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/users/{userId}',
      tags: ['admin'],
      summary: 'Delete a user',
      security: sessionAuth,
      request: { params: UserParams },
      responses: ok200(Ok),
    }),
    async (c) => {
      const me = requireUser(c, ['admin']);
      const { userId } = c.req.valid('param');
      if (userId === me.id) throw fail(403, 'forbidden');
      if (!(await store.deleteRecord('user', userId))) throw fail(404, 'not-found');
      return c.json({ ok: true as const }, 200);
    },
  );

  // ---- device tokens (admins only)
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/devices',
      tags: ['admin'],
      summary: 'Devices (kiosks, displays, bridges)',
      security: sessionAuth,
      responses: ok200(z.array(DeviceView)),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const devices = await store.listRecords<DeviceRecord>('device');
      return c.json(
        devices.map((d) => deviceView(d.value)),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/devices',
      tags: ['admin'],
      summary: 'Register a device and issue its token (shown once)',
      security: sessionAuth,
      request: { body: jsonBody(CreateDevice) },
      responses: ok201(z.object({ device: DeviceView, token: z.string() })),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const b = c.req.valid('json');
      if (!(await store.getRecord('branch', b.branchId))) {
        throw fail(400, 'invalid-input', [{ path: 'branchId', message: 'unknown branch' }]);
      }
      const { record, token } = newDeviceToken({ ...b, active: true });
      if (!(await store.putRecord('device', b.id, record, 0)).ok) throw fail(409, 'exists');
      return c.json({ device: deviceView(record), token }, 201);
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
      responses: ok200(Ok),
    }),
    async (c) => {
      requireUser(c, ['admin']);
      const { deviceId } = c.req.valid('param');
      if (!(await store.deleteRecord('device', deviceId))) throw fail(404, 'not-found');
      deps.auth.forgetDevice(deviceId);
      return c.json({ ok: true as const }, 200);
    },
  );
}
