// Staffing advice and what-if (SPEC SA1–SA12): read the branch's past logs and compute; nothing here
// changes anything, so nothing is audited, but every route is for the branch's own supervisor or an
// admin (and the what-if, a POST, passes the cross-site guard like every other).
import {
  AdviceDays,
  AdvicePlan,
  AdviceQuery,
  adviceErrors,
  Id,
  LiveAdvice,
  refusalMessages,
  WhatIfBody,
  type WhatIfCounter,
  WhatIfResult,
} from '@nobat/protocol';
import { z } from 'zod';
import { mayManageBranch } from '../../auth/auth.ts';
import {
  adviceDays,
  advise,
  DEFAULT_PROBABILITY,
  DEFAULT_WEEKS,
  hourlyHistory,
  liveAdvice,
  localHourStart,
} from '../../domain/advice.ts';
import type { IndexedConfig } from '../../domain/decide.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { localDay, localMoment } from '../../domain/local-time.ts';
import { type PlanCounter, recordedDay, whatIf } from '../../domain/what-if.ts';
import { dayLogs } from '../../history/day-logs.ts';
import type { App, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';

const BranchParams = z.object({ branchId: Id });
/** [SA12] A what-if replays at most this many tickets. */
export const MAX_WHAT_IF_TICKETS = 5000;
const MAX_DAYS_LISTED = 60;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const adviceError = (status: 404 | 422, code: keyof typeof adviceErrors) =>
  new ApiError(status, code, adviceErrors[code]);

export function adviceRoutes(app: App, deps: Deps): void {
  const { queue } = deps;
  // [H8] Past days may have left the live store for the history.
  const logs = dayLogs(deps.store, deps.history);

  /** The branch's own supervisor or an admin, and the branch's configuration; 403/404 otherwise. */
  const access = async (c: Parameters<typeof requireUser>[0], branchId: string): Promise<IndexedConfig> => {
    const user = requireUser(c, ['admin', 'supervisor']);
    if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
    const ix = await queue.config(branchId);
    if (!ix) throw new ApiError(404, 'unknown-branch', refusalMessages['unknown-branch']);
    return ix;
  };

  /** [SA1][SA2][SA4] The advice rows for `date` from the branch's logs before it. */
  const adviceFor = async (ix: IndexedConfig, branchId: string, date: string, weeks: number, probability: number) => {
    const logged = (await logs.listDays(branchId)).filter((d) => d < date);
    const days = adviceDays(logged, date, weeks);
    const events: DomainEvent[][] = [];
    for (const d of days) events.push((await logs.readEvents(branchId, d)).map((s) => s.event));
    return { days, rows: advise(ix.config, hourlyHistory(ix.config, events), probability) };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/advice',
      tags: ['advice'],
      summary:
        'Staffing plan for a date (default tomorrow), hour by hour per sub-service, from the same weekday of recent weeks (SA1–SA4)',
      security: sessionAuth,
      request: { params: BranchParams, query: AdviceQuery },
      responses: ok200(AdvicePlan),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const q = c.req.valid('query');
      const ix = await access(c, branchId);
      const date = q.date ?? addDays(localDay(deps.clock(), ix.config.branch.timeZone), 1);
      const probability = q.probability ?? DEFAULT_PROBABILITY;
      const { days, rows } = await adviceFor(ix, branchId, date, q.weeks ?? DEFAULT_WEEKS, probability);
      return c.json({ branchId, date, days, probability, rows }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/advice/live',
      tags: ['advice'],
      summary:
        'Live advice: counters serving and needed per sub-service, and which counter to switch, by replaying the next hour (SA10–SA11)',
      security: sessionAuth,
      request: { params: BranchParams, query: AdviceQuery.pick({ weeks: true, probability: true }) },
      responses: ok200(LiveAdvice),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const q = c.req.valid('query');
      await access(c, branchId);
      const view = await queue.view(branchId);
      if (!view) throw new ApiError(404, 'unknown-branch', refusalMessages['unknown-branch']);
      const now = deps.clock();
      const today = localDay(now, view.ix.config.branch.timeZone);
      const { days, rows } = await adviceFor(
        view.ix,
        branchId,
        today,
        q.weeks ?? DEFAULT_WEEKS,
        q.probability ?? DEFAULT_PROBABILITY,
      );
      const live = liveAdvice(view.ix, view.state, now, rows);
      return c.json({ branchId, at: live.at, days, services: live.services, moves: live.moves }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/advice/days',
      tags: ['advice'],
      summary: 'The days with a log a what-if may replay, newest first',
      security: sessionAuth,
      request: { params: BranchParams },
      responses: ok200(AdviceDays),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      await access(c, branchId);
      const days = (await logs.listDays(branchId)).slice(-MAX_DAYS_LISTED).reverse();
      return c.json({ days }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/what-if',
      tags: ['advice'],
      summary:
        "A past day's actual arrivals replayed under another balancing profile or counter plan, beside the day as configured and as recorded (SA6–SA9); computes only",
      security: sessionAuth,
      request: { params: BranchParams, body: jsonBody(WhatIfBody) },
      responses: ok200(WhatIfResult),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const body = c.req.valid('json');
      const ix = await access(c, branchId);
      const { config } = ix;
      const tz = config.branch.timeZone;
      if (!(await logs.listDays(branchId)).includes(body.day)) throw adviceError(404, 'unknown-day');
      const events = (await logs.readEvents(branchId, body.day)).map((s) => s.event);
      const issued = events.reduce((n, e) => n + (e.type === 'TicketIssued' ? 1 : 0), 0);
      if (issued > MAX_WHAT_IF_TICKETS) throw adviceError(422, 'day-too-large');
      const at = (hhmm: string) => localHourStart(body.day, 0, tz) + clockMinutes(hhmm) * 60_000;
      let counters: PlanCounter[] | undefined;
      if (body.counters) {
        if (body.counters.some((k) => k.services.some((s) => !ix.services.has(s.serviceId)))) {
          throw adviceError(422, 'unknown-plan-service');
        }
        counters = body.counters.map((k, i) => ({
          id: k.id,
          number: ix.counters.get(k.id)?.number ?? 1000 + i,
          services: k.services,
          ...(k.balancing ? { balancing: k.balancing } : {}),
          windows: (k.windows ?? [{ from: '00:00', until: '24:00' }]).map((w) => ({
            from: at(w.from),
            until: at(w.until),
          })),
        }));
      }
      const result = whatIf(config, events, {
        ...(body.balancing ? { balancing: body.balancing } : {}),
        ...(counters ? { counters } : {}),
      });
      const clock = (t: number) => {
        const m = localMoment(t, tz);
        return m.day === body.day ? m.time : '24:00';
      };
      const plan: WhatIfCounter[] = recordedDay(config, events).plan.map((p) => ({
        id: p.id,
        services: p.services,
        ...(p.balancing ? { balancing: p.balancing } : {}),
        windows: p.windows
          .map((w) => ({ from: clock(w.from), until: clock(w.until + 59_999) }))
          .filter((w) => w.from < w.until),
      }));
      return c.json({ branchId, day: body.day, tickets: result.tickets, plan, ...pick(result) }, 200);
    },
  );
}

function pick(r: ReturnType<typeof whatIf>) {
  return { recorded: r.recorded, configured: r.configured, changed: r.changed };
}

function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
