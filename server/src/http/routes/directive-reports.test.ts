// The directives' reports over real HTTP (a server on port 0): who sees which (DR6), one report as
// JSON and as a download, and bad input refused with 400 and the error shape.
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { DirectiveReportList, EXPORT_CONTENT_TYPE, type ExportFormat } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmMonthlyData } from '../../domain/directive-reports.ts';
import { directiveToDoc } from '../../history/directive-reports.ts';
import { renderDoc } from '../../history/export/render.ts';
import { installDirectiveReports } from '../../history/test-support/install-directive-reports.ts';
import {
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  OTHER_BRANCH,
  type PrincipalName,
  TEST_DIRECTIVE_REPORT,
} from '../../testing/http-harness.ts';

const PROVINCE_REPORT = 'crm-monthly/1405-08/province/sso-tehran';
const OTHER_REPORT = `crm-monthly/1405-08/branch/${OTHER_BRANCH}`;

describe('the directives’ reports over HTTP', () => {
  let h: HttpHarness;
  let server: ServerType;
  let base: string;

  beforeEach(async () => {
    h = await createHttpHarness();
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  });

  const get = async (path: string, as?: PrincipalName) => {
    const token = as ? h.tokenOf(as) : undefined;
    const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, text, bytes, body: body as Json };
  };
  const one = (id: string, query = '') => `/api/v1/directive-reports/${encodeURIComponent(id)}${query}`;
  const expectError = (r: Awaited<ReturnType<typeof get>>, status: number, code: string) => {
    expect(r.status, r.text).toBe(status);
    expect(r.body).toMatchObject({ error: { code, message: { fa: expect.any(String), en: expect.any(String) } } });
  };

  it('[DR6] an admin lists every report, branches’ and provinces’, newest period first, by kind and limit', async () => {
    const { made } = await installDirectiveReports(h);
    expect(made).toContain(TEST_DIRECTIVE_REPORT);
    const r = await get('/api/v1/directive-reports', 'admin');
    expect(r.status, r.text).toBe(200);
    const list = DirectiveReportList.parse(r.body);
    expect(list.reports.map((m) => m.id).sort()).toEqual([...made].sort());
    expect(list.reports[0]?.period.jalali).toBe('1405-08');
    expect(list.reports.find((m) => m.id === PROVINCE_REPORT)?.scope).toMatchObject({
      level: 'province',
      id: 'sso-tehran',
    });
    const mine = list.reports.find((m) => m.id === TEST_DIRECTIVE_REPORT);
    expect(mine?.scope.name.fa.length).toBeGreaterThan(0);
    expect(mine?.period).toEqual({ jalali: '1405-08', from: '2026-10-23', to: '2026-11-21' });

    const quarterly = DirectiveReportList.parse((await get('/api/v1/directive-reports?kind=quarterly', 'admin')).body);
    expect(quarterly.reports.length).toBeGreaterThan(0);
    expect(quarterly.reports.every((m) => m.kind === 'quarterly')).toBe(true);
    const two = DirectiveReportList.parse((await get('/api/v1/directive-reports?limit=2', 'admin')).body);
    expect(two.reports).toHaveLength(2);
  });

  it('[DR6] a supervisor lists their branch’s reports only; clerks, devices and strangers are refused', async () => {
    await installDirectiveReports(h);
    for (const [who, branch] of [
      ['supervisor', BRANCH],
      ['otherSupervisor', OTHER_BRANCH],
    ] as const) {
      const r = await get('/api/v1/directive-reports', who);
      expect(r.status, r.text).toBe(200);
      const list = DirectiveReportList.parse(r.body);
      expect(list.reports.length).toBeGreaterThan(0);
      expect(list.reports.every((m) => m.scope.level === 'branch' && m.scope.id === branch)).toBe(true);
    }
    expectError(await get('/api/v1/directive-reports', 'clerk'), 403, 'forbidden');
    expectError(await get('/api/v1/directive-reports', 'kiosk'), 403, 'forbidden');
    expectError(await get('/api/v1/directive-reports'), 401, 'unauthenticated');
  });

  it('[DR6] one report as JSON within reach; outside it, or unknown, 404', async () => {
    await installDirectiveReports(h);
    for (const who of ['admin', 'supervisor'] as const) {
      const r = await get(one(TEST_DIRECTIVE_REPORT), who);
      expect(r.status, r.text).toBe(200);
      expect(r.body).toMatchObject({
        report: { id: TEST_DIRECTIVE_REPORT, kind: 'crm-monthly', scope: { level: 'branch', id: BRANCH } },
      });
      const data: CrmMonthlyData = r.body.data;
      expect(data.period.jalali).toBe('1405-08');
      expect(data.notYetHeld.survey).toBeNull();
    }
    expect((await get(one(PROVINCE_REPORT), 'admin')).status).toBe(200);
    expectError(await get(one(PROVINCE_REPORT), 'supervisor'), 404, 'not-found');
    expectError(await get(one(OTHER_REPORT), 'supervisor'), 404, 'not-found');
    expectError(await get(one(TEST_DIRECTIVE_REPORT), 'otherSupervisor'), 404, 'not-found');
    expectError(await get(one('crm-monthly/1399-01/branch/nope'), 'admin'), 404, 'not-found');
    expectError(await get(one(TEST_DIRECTIVE_REPORT), 'clerk'), 403, 'forbidden');
    expectError(await get(one(TEST_DIRECTIVE_REPORT)), 401, 'unauthenticated');
  });

  it('[DR6] a download in each format is the rendered document, or 501 export-unavailable while the renderer is not built', async () => {
    const { history } = await installDirectiveReports(h);
    const stored = await history.getReport(TEST_DIRECTIVE_REPORT);
    if (!stored) throw new Error('no report');
    for (const format of ['csv', 'xlsx', 'pdf'] as const satisfies readonly ExportFormat[]) {
      for (const lang of ['fa', 'en'] as const) {
        const doc = directiveToDoc(stored, lang);
        const expected = await renderDoc(format, doc).then(
          (x) => x,
          () => undefined,
        );
        const r = await get(one(TEST_DIRECTIVE_REPORT, `?format=${format}&lang=${lang}`), 'supervisor');
        if (!expected) {
          expectError(r, 501, 'export-unavailable');
          continue;
        }
        expect(r.status, r.text.slice(0, 200)).toBe(200);
        expect(r.headers.get('content-type')).toBe(EXPORT_CONTENT_TYPE[format]);
        expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${expected.fileName}"`);
        expect(expected.fileName.startsWith(`crm-monthly-1405-08-branch-${BRANCH}`)).toBe(true);
        if (format === 'csv') expect(r.bytes).toEqual(expected.body);
      }
    }
  });

  it('bad queries are refused with 400 and change nothing', async () => {
    const { history } = await installDirectiveReports(h);
    const before = (await history.all()).length;
    for (const path of [
      '/api/v1/directive-reports?kind=weekly',
      '/api/v1/directive-reports?limit=0',
      '/api/v1/directive-reports?limit=501',
      '/api/v1/directive-reports?limit=ten',
      one(TEST_DIRECTIVE_REPORT, '?format=docx'),
      one(TEST_DIRECTIVE_REPORT, '?lang=de'),
      one('crm monthly'),
      one('x'.repeat(300)),
    ]) {
      expectError(await get(path, 'admin'), 400, 'invalid-input');
    }
    expect((await history.all()).length).toBe(before);
  });

  it('[DR6] without a history (no service) nothing is listed and every id is unknown', async () => {
    const r = await get('/api/v1/directive-reports', 'admin');
    expect(r.status, r.text).toBe(200);
    expect(DirectiveReportList.parse(r.body).reports).toEqual([]);
    expectError(await get(one(TEST_DIRECTIVE_REPORT), 'admin'), 404, 'not-found');
  });
});
