// The directives' reports over REST (server/SPEC.md DR6): the list an asker may see, and one report as
// JSON or downloaded as CSV, XLSX or PDF. Admins see every report; a supervisor their branch's own;
// anyone else is refused. A report outside the asker's reach is answered as unknown (404).
import {
  DirectiveReportList,
  DirectiveReportMeta,
  DirectiveReportQuery,
  ErrorBody,
  ExportFormat,
} from '@nobat/protocol';
import { z } from 'zod';
import { directiveToDoc } from '../../history/directive-reports.ts';
import { renderDoc } from '../../history/export/render.ts';
import type { ReportReach } from '../../history/port.ts';
import type { App, Deps } from '../context.ts';
import { ApiError, fail } from '../errors.ts';
import { createRoute, ok200, requireUser, sessionAuth } from '../route.ts';

const ReportIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_/-]+$/, 'a report id: kind/period/level/scope'),
});

const DownloadQuery = z.object({
  format: ExportFormat.optional(),
  lang: z.enum(['fa', 'en']).default('fa'),
});

/** A report as JSON (no format asked): its list entry and its content. The id travels URL-encoded. */
export const DirectiveReportDetail = z.object({ report: DirectiveReportMeta, data: z.unknown() });

const binary = z.string().meta({ format: 'binary' });

const exportUnavailable = new ApiError(501, 'export-unavailable', {
  fa: 'خروجی در این قالب اکنون در دسترس نیست.',
  en: 'Export in this format is not available now.',
});

export function directiveReportRoutes(app: App, deps: Deps): void {
  /** [DR6] Who asks and what they reach: an admin everything, a supervisor their branch. */
  const reachOf = (c: Parameters<typeof requireUser>[0]): ReportReach => {
    const user = requireUser(c, ['admin', 'supervisor']);
    if (user.role === 'admin') return { all: true };
    return { branchIds: user.branchId ? [user.branchId] : [] };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/directive-reports',
      tags: ['reports'],
      summary:
        "The directives' generated reports (monthly CRM, quarterly performance), newest period first: an admin's all, a supervisor's branch's own (DR6)",
      security: sessionAuth,
      request: { query: DirectiveReportQuery },
      responses: ok200(DirectiveReportList),
    }),
    async (c) => {
      const reach = reachOf(c);
      const q = c.req.valid('query');
      const service = deps.directiveReports;
      const reports = service ? await service.list({ kind: q.kind, limit: q.limit }, reach) : [];
      return c.json({ reports }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/directive-reports/{id}',
      tags: ['reports'],
      summary:
        "One of the directives' reports: as JSON, or downloaded as CSV, XLSX or PDF (format) in Persian or English (lang); 404 outside the asker's reach (DR6)",
      security: sessionAuth,
      request: { params: ReportIdParam, query: DownloadQuery },
      responses: {
        ...ok200(DirectiveReportDetail),
        200: {
          description: 'The report as JSON (no format), or its file in the format asked',
          content: {
            'application/json': { schema: DirectiveReportDetail },
            'text/csv': { schema: binary },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary },
            'application/pdf': { schema: binary },
          },
        },
        501: { description: 'The format cannot be made now', content: { 'application/json': { schema: ErrorBody } } },
      },
    }),
    async (c) => {
      const reach = reachOf(c);
      const { id } = c.req.valid('param');
      const { format, lang } = c.req.valid('query');
      const report = await deps.directiveReports?.get(id, reach);
      if (!report) throw fail(404, 'not-found');
      if (!format) {
        const { data, ...meta } = report;
        const name = (await deps.directiveReports?.scopeName(meta.scope)) ?? { fa: meta.scope.id };
        return c.json({ report: { ...meta, scope: { ...meta.scope, name } }, data }, 200);
      }
      const doc = directiveToDoc(report, lang);
      let rendered: Awaited<ReturnType<typeof renderDoc>>;
      try {
        rendered = await renderDoc(format, doc);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        deps.logger.error({ err, id, format }, 'directive report: export failed');
        throw exportUnavailable;
      }
      // A plain Response: the route's typed answers are its JSON ones.
      return new Response(new Uint8Array(rendered.body), {
        status: 200,
        headers: {
          'Content-Type': rendered.contentType,
          'Content-Disposition': `attachment; filename="${rendered.fileName}"`,
        },
      });
    },
  );
}
