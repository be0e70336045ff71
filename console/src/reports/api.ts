// The reports pages' server conversations, parsed with protocol's schemas (R1–R9, DR1–DR6). The
// downloads are plain links: the console signs its calls with the session cookie, which a link to
// the same origin carries too.
import {
  type DirectiveReportKind,
  DirectiveReportList,
  type ExportFormat,
  type Lang,
  Report,
  type ReportDimension,
} from '@nobat/protocol';
import { api } from '../api.ts';

/** What the page asks for: the query of GET /api/v1/reports (R1). */
export interface ReportRequest {
  from: string;
  to: string;
  provinceId?: string | undefined;
  branchId?: string | undefined;
  branchType?: number | undefined;
  serviceId?: string | undefined;
  by: ReportDimension;
}

/** The query string of a report, in a fixed order (the page's table, its charts and its downloads ask the same). */
export function reportQueryString(q: ReportRequest): string {
  const p = new URLSearchParams();
  p.set('from', q.from);
  p.set('to', q.to);
  if (q.provinceId) p.set('provinceId', q.provinceId);
  if (q.branchId) p.set('branchId', q.branchId);
  if (q.branchType !== undefined) p.set('branchType', String(q.branchType));
  if (q.serviceId) p.set('serviceId', q.serviceId);
  p.set('by', q.by);
  p.set('compare', 'true');
  return p.toString();
}

/** The address of a report's file in one format and language (R9). */
export const reportExportUrl = (q: ReportRequest, format: ExportFormat, lang: Lang): string =>
  `/api/v1/reports/export?${reportQueryString(q)}&format=${format}&lang=${lang}`;

/** The address of a directive report's file (DR4). */
export const directiveReportUrl = (id: string, format: ExportFormat, lang: Lang): string =>
  `/api/v1/directive-reports/${encodeURIComponent(id)}?format=${format}&lang=${lang}`;

export const reportsApi = {
  report: (q: ReportRequest) => api.get(Report, `/api/v1/reports?${reportQueryString(q)}`),
  directive: (kind?: DirectiveReportKind) =>
    api.get(DirectiveReportList, '/api/v1/directive-reports', { query: { kind, limit: 500 } }),
};
