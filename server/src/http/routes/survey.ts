// The satisfaction survey (SPEC SU1–SU8): the visitor's form and answer, reached with the ticket's
// unguessable id (the tracking page's secret), and the results for admins and supervisors.
import {
  ErrorBody,
  EXPORT_CONTENT_TYPE,
  ExportFormat,
  Id,
  refusalMessages,
  type SessionUser,
  SURVEY_ERRORS,
  SurveyAnswerBody,
  SurveyAnswered,
  SurveyForm,
  SurveyResults,
  SurveyResultsQuery,
  TabletSurveyTicket,
  TicketId,
} from '@nobat/protocol';
import { z } from 'zod';
import type { UserRecord } from '../../auth/auth.ts';
import { SurveyResultsBuilder, surveyOpen, surveyRecord, tabletTicket } from '../../domain/survey.ts';
import { renderDoc } from '../../history/export/render.ts';
import { surveyResultsDoc } from '../../survey/export.ts';
import { hasSurvey, saveSurvey, surveysIn } from '../../survey/store.ts';
import type { App, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { createRoute, deviceOrSession, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';

const errorOf = (status: 409, code: keyof typeof SURVEY_ERRORS) => new ApiError(status, code, SURVEY_ERRORS[code]);

export function surveyRoutes(app: App, deps: Deps): void {
  const params = z.object({ id: TicketId });

  /** [SU1][SU2] Today's ticket by its id, its survey open (visit ended), or why not. */
  const openTicket = async (id: string) => {
    const found = await deps.queue.findTicket(id);
    if (!found) throw fail(404, 'not-found');
    return found;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/tickets/{id}/survey',
      tags: ['survey'],
      summary: '[SU1][SU2] The survey of a ticket whose visit has ended, and whether it was answered',
      request: { params },
      responses: ok200(SurveyForm),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { day, ticket } = await openTicket(id);
      if (!surveyOpen(ticket)) throw errorOf(409, 'survey-not-open');
      const form: SurveyForm = {
        ticketId: ticket.id,
        number: ticket.number,
        branchName: day.ix.config.branch.name,
        serviceTitle: day.ix.services.get(ticket.serviceId)?.title ?? { fa: ticket.serviceId },
        day: day.state.day,
        answered: await hasSurvey(deps.store, ticket.id),
      };
      return c.json(form, 200, { 'Cache-Control': 'no-store' });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/survey',
      tags: ['survey'],
      summary: '[SU3][SU4] Answer the survey of a ticket: once (a second answer: 409 survey-already-answered)',
      request: { params, body: jsonBody(SurveyAnswerBody) },
      responses: {
        ...ok201(SurveyAnswered),
        409: {
          description: 'Not open yet, or already answered',
          content: { 'application/json': { schema: ErrorBody } },
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const { day, ticket } = await openTicket(id);
      // [SY12] A linked branch's answers are taken by its branch server and come up from there.
      if (deps.syncCentre?.isLinked(day.ix.config.branch.id)) {
        throw new ApiError(409, 'branch-synced', refusalMessages['branch-synced']);
      }
      if (!surveyOpen(ticket)) throw errorOf(409, 'survey-not-open');
      const record = surveyRecord(day.ix.config.branch.id, day.state.day, ticket, body, deps.clock());
      const saved = await saveSurvey(deps.store, record);
      if (!saved.ok) throw errorOf(409, 'survey-already-answered');
      return c.json({ ticketId: ticket.id, answeredAt: record.answeredAt }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/counters/{counterId}/survey-ticket',
      tags: ['survey'],
      summary:
        "[SU1] For a counter's survey tablet (a display device of the branch): the ticket the counter finished last, within 10 minutes, not yet answered",
      security: deviceOrSession,
      request: { params: z.object({ branchId: Id, counterId: Id }) },
      responses: ok200(TabletSurveyTicket),
    }),
    async (c) => {
      const { branchId, counterId } = c.req.valid('param');
      const p = c.get('principal');
      if (p.kind !== 'device')
        throw fail(p.kind === 'anonymous' ? 401 : 403, p.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
      if (p.device.kind !== 'display' || p.device.branchId !== branchId) throw fail(403, 'forbidden');
      const day = await deps.queue.view(branchId);
      if (!day) throw fail(404, 'not-found');
      if (!day.ix.counters.has(counterId)) throw fail(404, 'not-found');
      const t = tabletTicket(day.state.tickets.values(), counterId, deps.clock());
      const open = t && !(await hasSurvey(deps.store, t.id)) ? t : undefined;
      return c.json(open ? { ticketId: open.id, number: open.number } : { ticketId: null, number: null }, 200, {
        'Cache-Control': 'no-store',
      });
    },
  );

  /** [SU5] An admin every branch, a supervisor their own (another: 403). */
  const reachOf = (user: SessionUser, branchId: string | undefined): string[] | undefined => {
    if (user.role === 'admin') return branchId === undefined ? undefined : [branchId];
    const own = user.branchId === null ? [] : [user.branchId];
    if (branchId !== undefined && !own.includes(branchId)) throw fail(403, 'forbidden');
    return own;
  };

  const results = async (user: SessionUser, q: SurveyResultsQuery): Promise<SurveyResults> => {
    if (q.from > q.to) throw new ApiError(400, 'invalid-range', { fa: 'بازه نادرست است.', en: 'Invalid range.' });
    const branches = reachOf(user, q.branchId);
    if (q.branchId !== undefined && !(await deps.store.getRecord('branch', q.branchId))) {
      throw new ApiError(404, 'unknown-branch', refusalMessages['unknown-branch']);
    }
    const services = new Map<string, { fa: string; en?: string }>();
    for (const r of await deps.store.listRecords<{
      services?: { id: string; title: { fa: string; en?: string } }[];
    }>('branch')) {
      for (const s of r.value.services ?? []) services.set(s.id, s.title);
    }
    const clerks = new Map<string, { fa: string }>();
    if (q.by === 'clerk') {
      for (const r of await deps.store.listRecords<UserRecord>('user')) clerks.set(r.id, { fa: r.value.name });
    }
    const builder = new SurveyResultsBuilder(q.by);
    for await (const r of surveysIn(deps.store, q.from, q.to, branches)) builder.add(r);
    const out = builder.result({
      service: (id) => services.get(id) ?? { fa: id },
      clerk: (id) => clerks.get(id) ?? { fa: id },
    });
    return { from: q.from, to: q.to, by: q.by, ...out };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/survey/results',
      tags: ['survey'],
      summary: '[SU6] Survey results by axis, sub-service, clerk or Jalali month (admin; supervisor: own branch)',
      security: sessionAuth,
      request: { query: SurveyResultsQuery },
      responses: ok200(SurveyResults),
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      return c.json(await results(user, c.req.valid('query')), 200, { 'Cache-Control': 'no-store' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/survey/results/export',
      tags: ['survey'],
      summary: '[SU7] The survey results as a CSV, XLSX or PDF file, in Persian or English',
      security: sessionAuth,
      request: { query: SurveyResultsQuery.extend({ format: ExportFormat, lang: z.enum(['fa', 'en']).default('fa') }) },
      responses: {
        ...ok200(z.unknown()),
        200: {
          description: 'The results as a file',
          content: Object.fromEntries(
            Object.values(EXPORT_CONTENT_TYPE).map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
          ),
        },
      },
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const { format, lang, ...q } = c.req.valid('query');
      const r = await results(user, q);
      let file: Awaited<ReturnType<typeof renderDoc>>;
      try {
        file = await renderDoc(format, surveyResultsDoc(r, lang, 'Asia/Tehran'));
      } catch (err) {
        deps.logger.error({ err, format }, 'survey export failed');
        throw fail(501, 'export-unavailable');
      }
      return c.body(new Uint8Array(file.body), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
      });
    },
  );
}
