// The electronic desk's requests (server/SPEC.md RQ1–RQ16, RS1–RS8): made by a clerk from a served
// visit, moved through the workflow's units by officers, read by the branch's staff, and followed by
// the visitor with the tracking code and their national ID.
import {
  CreateRequestBody,
  Id,
  RequestListQuery,
  RequestMoveBodies,
  RequestMoveName,
  RequestStatus,
  RequestStatusBody,
  RequestSummary,
  RequestView,
  requestErrors,
} from '@nobat/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { branchUnits, type Mover } from '../../domain/requests.ts';
import { moverOf, parseMove, RequestError, refusalOf } from '../../requests/request-service.ts';
import { clientAddress } from '../address.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { routeLimiter } from '../rate-limit.ts';
import { createRoute, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';

const STAFF = ['admin', 'supervisor', 'clerk', 'officer'] as const;
const RequestParams = z.object({ id: z.string().min(1).max(80) });

/** The service's refusals as API errors (4xx; 503 when the store would not settle). */
export async function answerRequest<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof RequestError) {
      const { code, message } = refusalOf(e);
      throw new ApiError(e.status, code, message);
    }
    throw e;
  }
}

export function requestRoutes(app: App, deps: Deps): void {
  const svc = deps.requests;
  const webLimit = routeLimiter(deps, 'request-status', deps.rates.webPerMinute);
  // [RS8] The public status is limited per address like the other public pages: codes are not guessed.
  const limit = async (c: Context<AppEnv>) => {
    if (!(await webLimit.take(`request-status:${clientAddress(c, deps.web?.trustProxy)}`)))
      throw fail(429, 'rate-limited');
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/requests',
      tags: ['requests'],
      summary:
        '[RQ3][RS1–RS2] A request from a visit served today: tracking code, promised date (a clerk of the branch)',
      security: sessionAuth,
      request: { body: jsonBody(CreateRequestBody) },
      responses: ok201(RequestView),
    }),
    async (c) => {
      const who = requireUser(c, ['clerk']);
      const view = await answerRequest(() => svc.create(who, c.req.valid('json')));
      return c.json(view, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests',
      tags: ['requests'],
      summary: "[RS6] Requests: an officer's unit inbox; the branch's for its clerks and supervisors; any for admins",
      security: sessionAuth,
      request: { query: RequestListQuery.extend({ branchId: Id.optional() }) },
      responses: ok200(z.array(RequestSummary)),
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      const q = c.req.valid('query');
      const list = await answerRequest(() =>
        svc.list(who, {
          branchId: q.branchId,
          state: q.state,
          unit: q.unit,
          overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
          q: q.q,
          limit: q.limit,
        }),
      );
      return c.json(list, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests/by-ticket/{ticketId}',
      tags: ['requests'],
      summary: '[RQ15] The request made from a ticket, if any (staff who may read it)',
      security: sessionAuth,
      request: { params: z.object({ ticketId: z.string().min(1).max(140) }) },
      responses: ok200(RequestView),
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      const record = await svc.byTicket(c.req.valid('param').ticketId);
      if (!record) throw new ApiError(404, 'request-not-found', requestErrors['request-not-found']);
      return c.json(await answerRequest(() => svc.get(who, record.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests/{id}',
      tags: ['requests'],
      summary: '[RQ15][RQ16] A request with its whole history (staff who may read it; anyone else: 404)',
      security: sessionAuth,
      request: { params: RequestParams },
      responses: ok200(RequestView),
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      return c.json(await answerRequest(() => svc.get(who, c.req.valid('param').id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/requests/{id}/{move}',
      tags: ['requests'],
      summary:
        '[RQ4–RQ14][RS3–RS5] A move: accept, complete, return, forward, inquiry, inquiry-answer, respond, deliver, resubmit, withdraw',
      security: sessionAuth,
      request: {
        params: RequestParams.extend({ move: RequestMoveName }),
        body: {
          content: {
            'application/json': {
              schema: z.union(Object.values(RequestMoveBodies) as unknown as [z.ZodType, z.ZodType]),
            },
          },
          required: false,
        },
      },
      responses: ok200(RequestView),
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      const { id, move } = c.req.valid('param');
      const parsed = parseMove(move, await c.req.json().catch(() => ({})));
      if (!parsed.ok) throw fail(400, 'invalid-input', parsed.issues);
      const mover: Mover = moverOf(who);
      return c.json(await answerRequest(() => svc.move(mover, id, parsed.command, parsed.version)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/public/requests/status',
      tags: ['public'],
      summary: "[RQ16][RS8] The visitor's status of a request, asked with its tracking code and the national ID",
      request: { body: jsonBody(RequestStatusBody) },
      responses: ok200(RequestStatus),
    }),
    async (c) => {
      await limit(c);
      const { code, nationalId } = c.req.valid('json');
      return c.json(await answerRequest(() => svc.status(code, nationalId)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/units',
      tags: ['requests'],
      summary: "[RQ9] A branch's units: those named in its sub-services' workflows (its staff and admins)",
      security: sessionAuth,
      request: { params: z.object({ branchId: Id }) },
      responses: ok200(z.array(z.string())),
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      const { branchId } = c.req.valid('param');
      if (who.role !== 'admin' && who.branchId !== branchId) throw fail(403, 'forbidden');
      const config = await svc.config(branchId);
      if (!config) throw fail(404, 'not-found');
      return c.json(branchUnits(config), 200);
    },
  );
}
