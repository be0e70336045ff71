// The request's documents and the units' evaluation (server/SPEC.md RD1–RD7, UE1–UE6): the receipt
// (جدول ۳) and the response notice (جدول ۴) as PDFs for the staff who may read the request; the notice
// for the visitor with the tracking code and their national ID, which records its electronic delivery;
// the evaluation of the units against their agreed durations, as JSON or as a file.
import {
  DocQuery,
  EXPORT_CONTENT_TYPE,
  ExportFormat,
  Id,
  IsoDate,
  RequestStatusBody,
  requestErrors,
  type SessionUser,
  UnitEvaluation,
} from '@nobat/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import { unitEvaluation } from '../../domain/unit-evaluation.ts';
import { renderDoc } from '../../history/export/render.ts';
import { renderReceipt, requestStatusUrl } from '../../requests/docs/receipt.ts';
import { renderResponse } from '../../requests/docs/response.ts';
import { unitEvaluationDoc } from '../../requests/docs/unit-evaluation-doc.ts';
import { clientAddress } from '../address.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { routeLimiter } from '../rate-limit.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';
import { answerRequest } from './requests.ts';

const STAFF = ['admin', 'supervisor', 'clerk', 'officer'] as const;
const RequestParams = z.object({ id: z.string().min(1).max(80) });
const LangQuery = z.object({ lang: z.enum(['fa', 'en']).default('fa') });
/** [UE1] A period of local days, at most a year. */
const UnitQuery = z
  .object({ from: IsoDate, to: IsoDate, branchId: Id.optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 366, {
    message: 'an evaluation covers at most 366 days',
    path: ['to'],
  });
const UnitExportQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    branchId: Id.optional(),
    format: ExportFormat,
    lang: z.enum(['fa', 'en']).default('fa'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 366, {
    message: 'an evaluation covers at most 366 days',
    path: ['to'],
  });

/** [RD5] Asked for the notice before the response is issued. */
const NO_RESPONSE = requestErrors['no-response'];

const pdfResponse = {
  ...ok200(z.unknown()),
  200: {
    description: 'The PDF',
    content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
  },
};
const fileResponse = {
  ...ok200(z.unknown()),
  200: {
    description: 'The evaluation as a file (Content-Disposition names it)',
    content: Object.fromEntries(
      ExportFormat.options.map((f) => [
        EXPORT_CONTENT_TYPE[f].split(';')[0] as string,
        { schema: z.string().meta({ format: 'binary' }) },
      ]),
    ),
  },
};

const pdf = (c: Context<AppEnv>, body: Buffer, fileName: string, disposition: 'inline' | 'attachment') =>
  c.body(new Uint8Array(body), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `${disposition}; filename="${fileName}"`,
    // A document with a person's name and national ID: never kept by a cache on the way.
    'Cache-Control': 'no-store',
  });

export function requestDocRoutes(app: App, deps: Deps): void {
  const svc = deps.requests;
  const webLimit = routeLimiter(deps, 'request-response', deps.rates.webPerMinute);
  // [RD5] Limited per address like the public status (RS8): codes and national IDs are not guessed here either.
  const limit = async (c: Context<AppEnv>) => {
    if (!(await webLimit.take(`request-response:${clientAddress(c, deps.web?.trustProxy)}`)))
      throw fail(429, 'rate-limited');
  };
  const configOf = async (branchId: string) => {
    const config = await svc.config(branchId);
    if (!config) throw fail(404, 'not-found');
    return config;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests/{id}/receipt',
      tags: ['requests'],
      summary: '[RD1][RD2][RD5] The receipt (جدول ۳) as a PDF on A4, A5 or an 80 / 58 mm roll (staff who may read it)',
      security: sessionAuth,
      request: { params: RequestParams, query: DocQuery },
      responses: pdfResponse,
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      const { lang, size } = c.req.valid('query');
      const view = await answerRequest(() => svc.get(who, c.req.valid('param').id));
      const config = await configOf(view.branchId);
      const body = await renderReceipt(view, config, {
        lang,
        size,
        statusUrl: requestStatusUrl(deps.publicUrl, view.code),
      });
      return pdf(c, body, `receipt-${view.code}-${size}.pdf`, 'inline');
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/requests/{id}/response',
      tags: ['requests'],
      summary: '[RD3][RD5] The response notice (جدول ۴) as an A4 PDF, once issued (staff who may read it)',
      security: sessionAuth,
      request: { params: RequestParams, query: LangQuery },
      responses: pdfResponse,
    }),
    async (c) => {
      const who = requireUser(c, STAFF);
      const { lang } = c.req.valid('query');
      const view = await answerRequest(() => svc.get(who, c.req.valid('param').id));
      if (!view.response) throw new ApiError(409, 'no-response', NO_RESPONSE);
      const body = await renderResponse(view, await configOf(view.branchId), { lang });
      return pdf(c, body, `response-${view.response.number}.pdf`, 'inline');
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/public/requests/response',
      tags: ['public'],
      summary:
        '[RD5][RQ12] The visitor downloads the response notice with the tracking code and the national ID: delivered electronically',
      request: { body: jsonBody(RequestStatusBody), query: LangQuery },
      responses: pdfResponse,
    }),
    async (c) => {
      await limit(c);
      const { lang } = c.req.valid('query');
      const { code, nationalId } = c.req.valid('json');
      const view = await answerRequest(() => svc.deliverToVisitor(code, nationalId));
      if (!view.response) throw new ApiError(409, 'no-response', NO_RESPONSE);
      const body = await renderResponse(view, await configOf(view.branchId), { lang });
      return pdf(c, body, `response-${view.response.number}.pdf`, 'attachment');
    },
  );

  /** [UE6] The branches asked about: an admin's one or every branch, a supervisor their own (another: 403). */
  const evaluate = async (user: SessionUser, q: { from: string; to: string; branchId?: string | undefined }) => {
    if (user.role !== 'admin' && q.branchId !== undefined && q.branchId !== user.branchId) {
      throw fail(403, 'forbidden');
    }
    const records = await svc.all();
    let ids: string[];
    if (q.branchId !== undefined) ids = [q.branchId];
    else if (user.role === 'admin') {
      const branches = await deps.store.listRecords<unknown>('branch');
      ids = [...new Set([...branches.map((b) => b.id), ...records.map((r) => r.branchId)])].sort();
    } else ids = user.branchId ? [user.branchId] : [];
    const configs = [];
    for (const id of ids) {
      const config = await svc.config(id);
      if (config) configs.push(config);
      else if (q.branchId !== undefined) throw fail(404, 'not-found');
    }
    const now = deps.clock();
    return { evaluation: unitEvaluation({ records, configs, from: q.from, to: q.to, now }), configs, now };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/units',
      tags: ['reports'],
      summary:
        '[UE1–UE6] The units and posts against their agreed durations in a period (admin: one or every branch; supervisor: their own)',
      security: sessionAuth,
      request: { query: UnitQuery },
      responses: ok200(UnitEvaluation),
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const { evaluation } = await evaluate(user, c.req.valid('query'));
      return c.json(evaluation, 200, { 'Cache-Control': 'no-store' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/units/export',
      tags: ['reports'],
      summary: '[UE6] The same evaluation as a CSV, XLSX or PDF file, in Persian or English',
      security: sessionAuth,
      request: { query: UnitExportQuery },
      responses: fileResponse,
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const { format, lang, ...q } = c.req.valid('query');
      const { evaluation, configs, now } = await evaluate(user, q);
      const file = await renderDoc(format, unitEvaluationDoc({ lang, evaluation, configs, now }));
      return c.body(new Uint8Array(file.body), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
      });
    },
  );
}
