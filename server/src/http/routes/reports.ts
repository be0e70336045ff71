// Reports over the history (SPEC R1–R9): the figures of a range of days by one dimension, against the
// period before, as JSON or as a CSV, XLSX or PDF file. Admins see every branch, a supervisor their
// own; nothing here changes anything.
import {
  ErrorBody,
  EXPORT_CONTENT_TYPE,
  ExportFormat,
  Report,
  type Report as ReportBody,
  ReportQuery,
  refusalMessages,
  type SessionUser,
} from '@nobat/protocol';
import { z } from 'zod';
import { renderDoc } from '../../history/export/render.ts';
import type { ReportReach } from '../../history/port.ts';
import { reportToDoc, UnknownBranchError } from '../../history/reports.ts';
import type { App, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { createRoute, ok200, requireUser, sessionAuth } from '../route.ts';

export const ReportExportQuery = ReportQuery.extend({
  format: ExportFormat,
  lang: z.enum(['fa', 'en']).default('fa'),
});

const files = {
  200: {
    description: 'The report as a file (Content-Disposition names it)',
    content: Object.fromEntries(
      Object.values(EXPORT_CONTENT_TYPE).map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
    ),
  },
  501: { description: 'The format is not available', content: { 'application/json': { schema: ErrorBody } } },
};

export function reportRoutes(app: App, deps: Deps): void {
  /** [R1] Who asks and what they may see: an admin every branch, a supervisor their own (another: 403). */
  const reachOf = (user: SessionUser, query: ReportQuery): ReportReach => {
    if (user.role === 'admin') return { all: true };
    const own = user.branchId === null ? [] : [user.branchId];
    if (query.branchId !== undefined && !own.includes(query.branchId)) throw fail(403, 'forbidden');
    return { branchIds: own };
  };

  const run = async (user: SessionUser, query: ReportQuery): Promise<ReportBody> => {
    const reach = reachOf(user, query);
    if (!deps.reports) throw fail(503, 'store-unavailable');
    try {
      return await deps.reports.run(query, reach);
    } catch (err) {
      if (err instanceof UnknownBranchError) {
        throw new ApiError(404, 'unknown-branch', refusalMessages['unknown-branch']);
      }
      throw err;
    }
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports',
      tags: ['reports'],
      summary:
        '[R1–R7] Waiting and serving figures of a range of local days by one dimension, with the period before (admin: every branch; supervisor: their own)',
      security: sessionAuth,
      request: { query: ReportQuery },
      responses: ok200(Report),
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const report = await run(user, c.req.valid('query'));
      return c.json(report, 200, { 'Cache-Control': 'no-store' });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/export',
      tags: ['reports'],
      summary: '[R8] The same report as a CSV, XLSX or PDF file, in Persian or English',
      security: sessionAuth,
      request: { query: ReportExportQuery },
      responses: { ...ok200(z.unknown()), ...files },
    }),
    async (c) => {
      const user = requireUser(c, ['admin', 'supervisor']);
      const { format, lang, ...query } = c.req.valid('query');
      const report = await run(user, query);
      const filters = (await deps.reports?.filterLines(query)) ?? [];
      const doc = reportToDoc(report, lang, { madeAt: deps.clock(), filters });
      let file: Awaited<ReturnType<typeof renderDoc>>;
      try {
        file = await renderDoc(format, doc);
      } catch (err) {
        deps.logger.error({ err, format }, 'report export failed');
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
