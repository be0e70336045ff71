// Today's changes (server/SPEC.md TD1–TD6): a supervisor of the branch, or an admin, assigns a counter
// to other sub-services until a time, closes a sub-service for the rest of the day, and writes to the
// hall screens. Every change is written to the audit log with who, when and from where.
import { AssignTodayBody, HallMessageBody, Id, type LocalizedText, type SessionUser, TodayView } from '@nobat/protocol';
import { z } from 'zod';
import { mayManageBranch, type UserRecord } from '../../auth/auth.ts';
import { type Command, localMoment, todayWeights } from '../../domain/index.ts';
import type { BranchDay } from '../../queue/queue-service.ts';
import { waitingCounts } from '../../queue/views.ts';
import {
  deleteHallMessage,
  type HallMessageRecord,
  hallMessageOf,
  readHallRecord,
  writeHallMessage,
} from '../../today/hall-message.ts';
import { auditContext } from '../admin/audited.ts';
import type { App, Deps } from '../context.ts';
import { fail, refused } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';

const MINUTE = 60_000;
const BASE = '/api/v1/branches/{branchId}/today';
const tags = ['today'];
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * [TD3] "HH:MM" of the branch's local today as epoch ms: the same wall-clock distance from now as
 * between the two local times (a time already past gives an instant before now, which is refused).
 */
export function localClockToday(hhmm: string, now: number, timeZone: string): number {
  const [h, m] = localMoment(now, timeZone).time.split(':').map(Number);
  const [th, tm] = hhmm.split(':').map(Number);
  const nowMinute = Math.floor(now / MINUTE) * MINUTE;
  return nowMinute + ((th ?? 0) * 60 + (tm ?? 0) - ((h ?? 0) * 60 + (m ?? 0))) * MINUTE;
}

export function todayRoutes(app: App, deps: Deps): void {
  /** The signed-in supervisor of the branch, or an admin, and the branch's day; else 401/403/404. */
  async function guard(c: Parameters<typeof requireUser>[0], branchId: string) {
    const user = requireUser(c, ['admin', 'supervisor']);
    if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
    const day = await deps.queue.view(branchId);
    if (!day) throw fail(404, 'not-found');
    return { user, day };
  }

  const names = async (ids: Iterable<string>) => {
    const out = new Map<string, string>();
    for (const id of new Set(ids)) {
      out.set(id, (await deps.store.getRecord<UserRecord>('user', id))?.value.name ?? id);
    }
    return out;
  };

  async function view(branchId: string, day: BranchDay): Promise<TodayView> {
    const now = deps.clock();
    const { ix, state } = day;
    const hall = await readHallRecord(deps.store, branchId, now);
    const who = await names([
      ...[...state.todayAssignments.values()].map((a) => a.by),
      ...[...state.closedServices.values()].map((x) => x.by),
    ]);
    const by = (id: string) => ({ id, name: who.get(id) ?? id });
    const counts = waitingCounts(state);
    return {
      branchId,
      day: state.day,
      serverTime: iso(now),
      timeZone: ix.config.branch.timeZone,
      counters: [...ix.config.counters]
        .filter((k) => k.active)
        .sort((a, b) => a.number - b.number)
        .map((k) => {
          const a = state.todayAssignments.get(k.id);
          const inForce = a && todayWeights(state, k.id, now) ? a : undefined;
          return {
            id: k.id,
            number: k.number,
            title: k.title,
            services: k.services.map((x) => ({ serviceId: x.serviceId, weight: x.weight })),
            today: inForce ? { services: inForce.services, until: iso(inForce.until), by: by(inForce.by) } : null,
          };
        }),
      services: ix.config.services.map((s) => {
        const closed = state.closedServices.get(s.id);
        return {
          id: s.id,
          title: s.title,
          active: s.active,
          waiting: counts.get(s.id) ?? 0,
          closedToday: closed ? { at: iso(closed.at), by: by(closed.by) } : null,
        };
      }),
      hallMessage: hall ? hallMessageOf(hall.value) : null,
    };
  }

  /** [TD6] One audit entry: the branch, action update, the path of what changed, before and after. */
  async function audit(
    c: Parameters<typeof requireUser>[0],
    user: SessionUser,
    branchId: string,
    path: string,
    before: unknown,
    after: unknown,
  ) {
    const ctx = auditContext(c, deps, user);
    await deps.store.appendAudit({
      at: iso(deps.clock()),
      actor: { id: user.id, name: user.name, role: user.role },
      address: ctx.address,
      action: 'update',
      target: { kind: 'branch', id: branchId },
      branchId,
      fromVersion: null,
      toVersion: null,
      before: before ?? null,
      after: after ?? null,
      changes: [path],
    });
  }

  /** Runs a today command; refusals answer 4xx; an accepted one that appended events is audited. */
  async function change(
    c: Parameters<typeof requireUser>[0],
    user: SessionUser,
    branchId: string,
    cmd: Command,
    path: string,
    before: unknown,
  ) {
    const r = await deps.queue.execute(branchId, cmd);
    if (!r.ok) throw refused(r);
    const day = await deps.queue.view(branchId);
    if (!day) throw fail(404, 'not-found');
    if (r.events.length > 0) {
      const after = r.events.map(({ event }) => event);
      await audit(c, user, branchId, path, before, after.length === 1 ? after[0] : after);
    }
    return c.json(await view(branchId, day), 200);
  }

  const params = z.object({ branchId: Id });

  app.openapi(
    createRoute({
      method: 'get',
      path: BASE,
      tags,
      summary: "Today's changes of a branch: counters' assignments, closed sub-services, the hall message (TD1–TD5)",
      security: sessionAuth,
      request: { params },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const { day } = await guard(c, branchId);
      return c.json(await view(branchId, day), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${BASE}/counters/{counterId}`,
      tags,
      summary: 'Assign a counter to sub-services and weights for today until a local time (TD1–TD3), audited',
      security: sessionAuth,
      request: { params: params.extend({ counterId: Id }), body: jsonBody(AssignTodayBody) },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId, counterId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { user, day } = await guard(c, branchId);
      const until = localClockToday(body.until, deps.clock(), day.ix.config.branch.timeZone);
      const before = day.state.todayAssignments.get(counterId);
      return change(
        c,
        user,
        branchId,
        { type: 'assignToday', counterId, services: body.services, until, by: user.id },
        `today.counters.${counterId}`,
        before ? { services: before.services, until: iso(before.until) } : null,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${BASE}/counters/{counterId}`,
      tags,
      summary: "End a counter's assignment for today at once: it serves its configured sub-services (TD1), audited",
      security: sessionAuth,
      request: { params: params.extend({ counterId: Id }) },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId, counterId } = c.req.valid('param');
      const { user, day } = await guard(c, branchId);
      const before = day.state.todayAssignments.get(counterId);
      return change(
        c,
        user,
        branchId,
        { type: 'clearToday', counterId, by: user.id },
        `today.counters.${counterId}`,
        before ? { services: before.services, until: iso(before.until) } : null,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${BASE}/closed-services/{serviceId}`,
      tags,
      summary: 'Close a sub-service for the rest of today: no ticket is issued, waiting ones are served (TD4), audited',
      security: sessionAuth,
      request: { params: params.extend({ serviceId: Id }) },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId, serviceId } = c.req.valid('param');
      const { user } = await guard(c, branchId);
      return change(
        c,
        user,
        branchId,
        { type: 'closeServiceToday', serviceId, by: user.id },
        `today.services.${serviceId}`,
        null,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${BASE}/closed-services/{serviceId}`,
      tags,
      summary: 'Reopen a sub-service closed for today (TD4), audited',
      security: sessionAuth,
      request: { params: params.extend({ serviceId: Id }) },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId, serviceId } = c.req.valid('param');
      const { user, day } = await guard(c, branchId);
      const before = day.state.closedServices.get(serviceId);
      return change(
        c,
        user,
        branchId,
        { type: 'reopenServiceToday', serviceId, by: user.id },
        `today.services.${serviceId}`,
        before ? { closedAt: iso(before.at) } : null,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: `${BASE}/hall-message`,
      tags,
      summary: 'Show a message on the hall screens, with a chime, for some minutes or until cleared (TD5), audited',
      security: sessionAuth,
      request: { params, body: jsonBody(HallMessageBody) },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { user, day } = await guard(c, branchId);
      const now = deps.clock();
      const before = await readHallRecord(deps.store, branchId, now);
      const text: LocalizedText = { fa: body.fa, ...(body.en ? { en: body.en } : {}) };
      const record: HallMessageRecord = {
        text,
        setAt: now,
        until: body.minutes === undefined ? null : now + body.minutes * MINUTE,
        by: { id: user.id, name: user.name },
      };
      await writeHallMessage(deps.store, branchId, record);
      await audit(
        c,
        user,
        branchId,
        'today.hall-message',
        before ? hallMessageOf(before.value) : null,
        hallMessageOf(record),
      );
      deps.hall?.announce(branchId, hallMessageOf(record));
      return c.json(await view(branchId, day), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: `${BASE}/hall-message`,
      tags,
      summary: 'Clear the message on the hall screens (TD5), audited',
      security: sessionAuth,
      request: { params },
      responses: ok200(TodayView),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const { user, day } = await guard(c, branchId);
      const before = await readHallRecord(deps.store, branchId, deps.clock());
      if (before && (await deleteHallMessage(deps.store, branchId))) {
        await audit(c, user, branchId, 'today.hall-message', hallMessageOf(before.value), null);
        deps.hall?.announce(branchId, null);
      }
      return c.json(await view(branchId, day), 200);
    },
  );
}
