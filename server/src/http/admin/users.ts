// Users: admins manage everyone; a supervisor the clerks of their own branch (M5). A clerk is enrolled
// in their branch's clerk list, where the counters they may staff are kept (C4). A password an admin
// sets is one-time, and it or disabling the account ends the user's sessions (M6).
import {
  type BranchConfigInput,
  CreateUserBody,
  Id,
  OkBody,
  type SessionUser,
  UpdateUserBody,
  UserView,
} from '@nobat/protocol';
import { z } from 'zod';
import { hashPassword, newEpoch, type UserRecord, userIdOf } from '../../auth/auth.ts';
import type { App, Deps } from '../context.ts';
import { fail, type Issue } from '../errors.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';
import {
  type AuditContext,
  auditContext,
  auditedWrite,
  getSaved,
  readSaved,
  type Saved,
  versionConflict,
} from './audited.ts';
import { saveBranchConfig } from './branch-config.ts';

const UserParams = z.object({ userId: Id });

/** A supervisor may manage a user only as a clerk or an officer of the supervisor's own branch. */
const supervises = (me: SessionUser, u: { role: string; branchId: string | null }) =>
  me.role === 'admin' ||
  ((u.role === 'clerk' || u.role === 'officer') && u.branchId !== null && u.branchId === me.branchId);

/** [RQ9] A branch's units: those named in its sub-services' workflows. */
const unitsOf = (branch: BranchConfigInput) =>
  new Set(branch.services.flatMap((s) => (s.workflow ?? []).map((w) => w.unit)).filter((u) => u.trim()));

export function userRoutes(app: App, deps: Deps): void {
  const { store } = deps;

  async function branchOf(branchId: string | null) {
    return branchId ? (await getSaved<BranchConfigInput>(store, 'branch', branchId))?.value : undefined;
  }

  function viewOf(u: Saved<UserRecord>, branch: BranchConfigInput | undefined): UserView {
    const v = u.value;
    const counters = v.role === 'clerk' ? branch?.clerks.find((k) => k.id === v.id)?.counters : undefined;
    return {
      id: v.id,
      username: v.username,
      name: v.name,
      role: v.role,
      branchId: v.branchId,
      ...(v.role === 'officer' ? { unit: v.unit ?? null } : {}),
      ...(v.mustChangePassword ? { mustChangePassword: true } : {}),
      active: v.active,
      version: u.version,
      ...(counters ? { counters } : {}),
      changed: u.changed,
    };
  }

  /** Everything a user's new state must satisfy before anything is written. */
  async function check(next: UserRecord, counters: string[] | null | undefined): Promise<void> {
    const issues: Issue[] = [];
    if (next.role !== 'admin' && !next.branchId) {
      issues.push({ path: 'branchId', message: 'clerks and supervisors belong to a branch' });
    }
    const branch = await branchOf(next.branchId);
    if (next.branchId && !branch) issues.push({ path: 'branchId', message: 'unknown branch' });
    if (counters && next.role !== 'clerk') issues.push({ path: 'counters', message: 'only a clerk staffs counters' });
    // [RQ] An officer works in one unit of their branch; nobody else has one.
    if (next.role === 'officer' && !next.unit) issues.push({ path: 'unit', message: 'an officer belongs to a unit' });
    if (next.role !== 'officer' && next.unit) issues.push({ path: 'unit', message: 'only an officer has a unit' });
    if (next.role === 'officer' && next.unit && branch && !unitsOf(branch).has(next.unit)) {
      issues.push({ path: 'unit', message: `no unit "${next.unit}" in the branch's workflows` });
    }
    if (counters && branch) {
      const known = new Set(branch.counters.map((c) => c.id));
      counters.forEach((id, i) => {
        if (!known.has(id)) issues.push({ path: `counters.${i}`, message: `unknown counter "${id}"` });
      });
    }
    if (issues.length > 0) throw fail(400, 'invalid-input', issues);
  }

  /** [C4] A clerk is in their branch's clerk list (the queue rules know no one else), with their counters. */
  async function enrol(ctx: AuditContext, u: UserRecord, counters: string[] | null | undefined) {
    if (u.role !== 'clerk' || !u.branchId) return;
    await saveBranchConfig(ctx, deps, {
      branchId: u.branchId,
      action: 'update',
      mayMove: false,
      edit: (draft) => {
        if (!draft) throw fail(404, 'not-found');
        let clerk = draft.clerks.find((k) => k.id === u.id);
        if (!clerk) {
          clerk = { id: u.id, name: u.name, active: u.active };
          draft.clerks.push(clerk);
        }
        clerk.name = u.name;
        clerk.active = u.active;
        if (counters === null) delete clerk.counters;
        else if (counters) clerk.counters = counters;
        return draft;
      },
    });
  }

  /**
   * A clerk leaving their branch's clerk list (deleted, moved, or no longer a clerk). Not while they
   * hold one of its counters today: the counter would be left with a clerk the branch does not know.
   */
  async function unenrol(ctx: AuditContext, was: UserRecord, next: UserRecord | null) {
    if (was.role !== 'clerk' || !was.branchId) return;
    if (next && next.role === 'clerk' && next.branchId === was.branchId) return;
    const day = await deps.queue.view(was.branchId);
    for (const counter of day?.state.counters.values() ?? []) {
      if (counter.clerkId === was.id && counter.status !== 'closed') throw fail(409, 'in-use');
    }
    if (!(await branchOf(was.branchId))?.clerks.some((k) => k.id === was.id)) return;
    await saveBranchConfig(ctx, deps, {
      branchId: was.branchId,
      action: 'update',
      mayMove: false,
      edit: (draft) => {
        if (!draft) throw fail(404, 'not-found');
        draft.clerks = draft.clerks.filter((k) => k.id !== was.id);
        return draft;
      },
    });
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/admin/users',
      tags: ['admin'],
      summary: "Users (a supervisor: their branch's clerks)",
      security: sessionAuth,
      request: { query: z.object({ branchId: Id.optional() }) },
      responses: ok200(z.array(UserView)),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const { branchId } = c.req.valid('query');
      if (me.role !== 'admin' && branchId !== undefined && branchId !== me.branchId) throw fail(403, 'forbidden');
      const users = (await store.listRecords('user'))
        .map((r) => readSaved<UserRecord>(r))
        .filter((u) => supervises(me, u.value) && (branchId === undefined || u.value.branchId === branchId));
      const branches = new Map<string, BranchConfigInput | undefined>();
      const out: UserView[] = [];
      for (const u of users) {
        const b = u.value.branchId;
        if (b && !branches.has(b)) branches.set(b, await branchOf(b));
        out.push(viewOf(u, b ? branches.get(b) : undefined));
      }
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/admin/users',
      tags: ['admin'],
      summary: 'Create a user (a clerk is enrolled in their branch, with the counters they may staff)',
      security: sessionAuth,
      request: { body: jsonBody(CreateUserBody) },
      responses: ok201(UserView),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const b = c.req.valid('json');
      if (!supervises(me, b)) throw fail(403, 'forbidden');
      const ctx = auditContext(c, deps, me);
      const id = userIdOf(b.username);
      const record: UserRecord = {
        id,
        username: b.username,
        name: b.name,
        role: b.role,
        branchId: b.branchId,
        ...(b.unit !== undefined ? { unit: b.unit } : {}),
        passwordHash: await hashPassword(b.password),
        active: true,
        epoch: newEpoch(),
        // [M6] The one who set it knows it: the user chooses their own at their first sign-in.
        mustChangePassword: true,
      };
      await check(record, b.counters);
      if (await store.getRecord('user', id)) throw fail(409, 'exists');
      await enrol(ctx, record, b.counters);
      const saved = await auditedWrite<UserRecord>(ctx, {
        kind: 'user',
        id,
        action: 'create',
        branchId: record.branchId,
        expectedVersion: 0,
        apply: () => record,
      });
      return c.json(viewOf(saved as Saved<UserRecord>, await branchOf(record.branchId)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/admin/users/{userId}',
      tags: ['admin'],
      summary: 'Change a user: name, role, branch, counters, a one-time password, active (off ends their sessions)',
      security: sessionAuth,
      request: { params: UserParams, body: jsonBody(UpdateUserBody) },
      responses: ok200(UserView),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const { userId } = c.req.valid('param');
      const { version, password, counters, ...rest } = c.req.valid('json');
      const current = await getSaved<UserRecord>(store, 'user', userId);
      if (!current) throw fail(404, 'not-found');
      if (!supervises(me, current.value)) throw fail(403, 'forbidden');
      if (userId === me.id && (rest.active === false || (rest.role && rest.role !== me.role))) {
        throw fail(403, 'forbidden'); // nobody locks themselves out
      }
      const next: UserRecord = {
        ...current.value,
        ...rest,
        // A new password is one-time, and it or switching the account off ends its sessions.
        ...(password
          ? { passwordHash: await hashPassword(password), epoch: newEpoch(), mustChangePassword: true }
          : {}),
        ...(rest.active === false ? { epoch: newEpoch() } : {}),
      };
      // Leaving the officers (and given no unit) leaves the unit behind.
      if (next.role !== 'officer' && rest.unit === undefined) delete next.unit;
      if (!supervises(me, next)) throw fail(403, 'forbidden');
      await check(next, counters);
      const ctx = auditContext(c, deps, me);
      // A stale edit is refused before anything, the clerk list included, is written.
      const timeZone = (await branchOf(current.value.branchId))?.branch.timeZone;
      if (version !== undefined && version !== current.version) throw versionConflict(current, timeZone);
      await unenrol(ctx, current.value, next);
      await enrol(ctx, next, counters);
      const saved = await auditedWrite<UserRecord>(ctx, {
        kind: 'user',
        id: userId,
        action: password ? 'reset-password' : 'update',
        branchId: next.branchId ?? current.value.branchId,
        expectedVersion: current.version,
        timeZone,
        apply: () => next,
      });
      return c.json(viewOf(saved as Saved<UserRecord>, await branchOf(next.branchId)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/users/{userId}',
      tags: ['admin'],
      summary: 'Delete a user (not oneself)',
      security: sessionAuth,
      request: { params: UserParams },
      responses: ok200(OkBody),
    }),
    async (c) => {
      const me = requireUser(c, ['admin', 'supervisor']);
      const { userId } = c.req.valid('param');
      const current = await getSaved<UserRecord>(store, 'user', userId);
      if (!current) throw fail(404, 'not-found');
      if (!supervises(me, current.value) || userId === me.id) throw fail(403, 'forbidden');
      const ctx = auditContext(c, deps, me);
      await unenrol(ctx, current.value, null);
      await auditedWrite<UserRecord>(ctx, {
        kind: 'user',
        id: userId,
        action: 'delete',
        branchId: current.value.branchId,
        apply: (now) => {
          if (!now) throw fail(404, 'not-found');
          return null;
        },
      });
      return c.json({ ok: true as const }, 200);
    },
  );
}
