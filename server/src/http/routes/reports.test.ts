// The report routes over real HTTP (the app served on port 0), with the demo branch and the second
// branch "b1" archived in the history: figures as the pure fold gives them, filters and the asker's
// reach (R1), the previous period (R5), labels in both languages (R4), the export (R8), bad input
// answered 400 with the zod path, 401/403/404, and nothing changed (R9).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { BranchConfig, Report } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, demoConfigInput } from '../../demo.ts';
import { dayRows } from '../../domain/archive.ts';
import { type BranchFacts, PeriodFold } from '../../domain/reports.ts';
import { renderDoc } from '../../history/export/render.ts';
import { reportToDoc } from '../../history/reports.ts';
import {
  FIXTURE_DAY,
  FIXTURE_DAY_BEFORE,
  fixtureConfig,
  fixtureEvents,
  fixtureEventsDayBefore,
} from '../../history/test-support/fixture-day.ts';
import { archiveLog } from '../../history/test-support/test-history.ts';
import { createHttpHarness, type HttpHarness, type Json, type PrincipalName } from '../../testing/http-harness.ts';
import { seededDay } from '../../testing/seed-history.ts';

const demo = BranchConfig.parse(demoConfigInput());
const b1 = fixtureConfig();
const demoDay = seededDay(demo, FIXTURE_DAY, { seed: 7 });

let h: HttpHarness;
let server: Server;
let base: string;

beforeAll(async () => {
  h = await createHttpHarness();
  await archiveLog(h.history, b1, FIXTURE_DAY_BEFORE, fixtureEventsDayBefore());
  await archiveLog(h.history, b1, FIXTURE_DAY, fixtureEvents());
  await archiveLog(h.history, demo, FIXTURE_DAY, demoDay);
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await h.close();
});

async function get(
  path: string,
  as?: PrincipalName,
): Promise<{ status: number; headers: Headers; body: Json; bytes: Uint8Array }> {
  const token = as ? h.tokenOf(as) : undefined;
  const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  let body: Json;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, bytes };
}

const DAY = `from=${FIXTURE_DAY}&to=${FIXTURE_DAY}`;

/** The pure fold of the archived rows of these branch-days. */
function fold(by: Report['by'], days: [BranchConfig, string, ReturnType<typeof fixtureEvents>][]) {
  const facts = new Map<string, BranchFacts>(
    [demo, b1].map((c) => [c.branch.id, { provinceId: c.branch.provincialOfficeId, type: c.branch.type }]),
  );
  const f = new PeriodFold(by, facts);
  for (const [config, day, events] of days) {
    for (const r of dayRows(config, events, { branchId: config.branch.id, day, final: true }).rollups) f.add(r);
  }
  return f.result();
}

describe('GET /api/v1/reports', () => {
  it('[R1][R2][R5] an admin: every branch, figures as the fold gives them, the previous period', async () => {
    const r = await get(`/api/v1/reports?${DAY}&by=branch`, 'admin');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(Report.parse(r.body)).toEqual(r.body);
    expect(r.body.branches.map((b: Json) => b.id).sort()).toEqual(['b1', DEMO_BRANCH].sort());
    const expected = fold('branch', [
      [b1, FIXTURE_DAY, fixtureEvents()],
      [demo, FIXTURE_DAY, demoDay],
    ]);
    expect(r.body.current.total).toEqual(expected.total);
    expect(r.body.current.rows.map((x: Json) => ({ key: x.key, figures: x.figures }))).toEqual(expected.rows);
    expect(expected.total.served).toBeGreaterThan(20);
    expect(r.body.previous).toMatchObject({ from: FIXTURE_DAY_BEFORE, to: FIXTURE_DAY_BEFORE });
    expect(r.body.previous.total).toEqual(fold('service', [[b1, FIXTURE_DAY_BEFORE, fixtureEventsDayBefore()]]).total);
    const alone = await get(`/api/v1/reports?${DAY}&by=branch&compare=false`, 'admin');
    expect(alone.body.previous).toBeNull();
  });

  it('[R1] filters: province, branch, branch type, sub-service', async () => {
    const tehran = await get(`/api/v1/reports?${DAY}&provinceId=tehran`, 'admin');
    expect(tehran.body.branches.map((b: Json) => b.id)).toEqual(['b1']);
    expect(tehran.body.current.total).toEqual(fold('service', [[b1, FIXTURE_DAY, fixtureEvents()]]).total);
    const demoOnly = await get(`/api/v1/reports?${DAY}&branchId=${DEMO_BRANCH}`, 'admin');
    expect(demoOnly.body.branches.map((b: Json) => b.id)).toEqual([DEMO_BRANCH]);
    expect(demoOnly.body.current.total).toEqual(fold('service', [[demo, FIXTURE_DAY, demoDay]]).total);
    const type2 = await get(`/api/v1/reports?${DAY}&branchType=2`, 'admin');
    expect(type2.status).toBe(200);
    expect(type2.body.branches).toEqual([]);
    expect(type2.body.current.total.issued).toBe(0);
    const s2 = await get(`/api/v1/reports?${DAY}&branchId=b1&serviceId=s2&by=hour`, 'admin');
    // s2 of the fixture day: five tickets issued, six visits.
    expect(s2.body.current.total).toMatchObject({ issued: 5, called: 6, served: 3 });
    expect(s2.body.current.rows.map((x: Json) => x.key)).toEqual(['9', '10']);
  });

  it('[R1] a supervisor sees their own branch; another branch is 403; clerks and devices 403; signed out 401', async () => {
    const own = await get(`/api/v1/reports?${DAY}`, 'supervisor');
    expect(own.status).toBe(200);
    expect(own.body.branches.map((b: Json) => b.id)).toEqual([DEMO_BRANCH]);
    expect(own.body.current.total).toEqual(fold('service', [[demo, FIXTURE_DAY, demoDay]]).total);
    const named = await get(`/api/v1/reports?${DAY}&branchId=${DEMO_BRANCH}`, 'supervisor');
    expect(named.body.current.total).toEqual(own.body.current.total);
    // The other branch's supervisor: b1 only, even asking for its province.
    const other = await get(`/api/v1/reports?${DAY}&provinceId=sso-tehran`, 'otherSupervisor');
    expect(other.status).toBe(200);
    expect(other.body.branches).toEqual([]);
    for (const [who, path, status] of [
      ['supervisor', `/api/v1/reports?${DAY}&branchId=b1`, 403],
      ['supervisor', `/api/v1/reports/export?${DAY}&branchId=b1&format=csv`, 403],
      ['clerk', `/api/v1/reports?${DAY}`, 403],
      ['kiosk', `/api/v1/reports?${DAY}`, 403],
      [undefined, `/api/v1/reports?${DAY}`, 401],
      [undefined, `/api/v1/reports/export?${DAY}&format=pdf`, 401],
    ] as const) {
      const r = await get(path, who);
      expect([who, r.status]).toEqual([who, status]);
      expect(r.body.error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
      expect(r.body.error.message.fa).toEqual(expect.any(String));
    }
    const unknown = await get(`/api/v1/reports?${DAY}&branchId=nowhere`, 'admin');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown-branch');
  });

  it.each([
    ['from=2026-13-01&to=2026-11-22', 'from'],
    ['to=2026-11-22', 'from'],
    ['from=2026-11-23&to=2026-11-22', 'to'],
    ['from=2020-01-01&to=2026-11-22', 'to'],
    [`${DAY}&by=colour`, 'by'],
    [`${DAY}&branchType=12`, 'branchType'],
    [`${DAY}&compare=perhaps`, 'compare'],
    [`${DAY}&branchId=${encodeURIComponent('a b')}`, 'branchId'],
  ])('bad query %s → 400 invalid-input at %s', async (query, path) => {
    const r = await get(`/api/v1/reports?${query}`, 'admin');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-input');
    expect(r.body.error.issues.map((i: Json) => i.path)).toContain(path);
  });

  it('[R4] labels in Persian and in English', async () => {
    const hours = await get(`/api/v1/reports?${DAY}&branchId=b1&by=hour`, 'admin');
    expect(hours.body.current.rows.map((x: Json) => x.label)).toEqual([
      { fa: '۹ تا ۱۰', en: '9–10' },
      { fa: '۱۰ تا ۱۱', en: '10–11' },
    ]);
    // The labels come from b1's configuration in the live store (the harness's, not the fixture's).
    const counters = await get(`/api/v1/reports?${DAY}&branchId=b1&by=counter`, 'otherSupervisor');
    expect(counters.body.current.rows.map((x: Json) => [x.key, x.label])).toEqual([
      ['b1/c1', { fa: 'باجه ۱', en: 'Counter 1' }],
      ['b1/c2', { fa: 'باجه ۲', en: 'Counter 2' }],
      ['', { fa: 'بدون باجه', en: 'No counter' }],
    ]);
    const days = await get(`/api/v1/reports?from=${FIXTURE_DAY_BEFORE}&to=${FIXTURE_DAY}&branchId=b1&by=day`, 'admin');
    expect(days.body.current.rows.map((x: Json) => x.label)).toEqual([
      { fa: '۱۴۰۵/۰۸/۳۰', en: '1405/08/30' },
      { fa: '۱۴۰۵/۰۹/۰۱', en: '1405/09/01' },
    ]);
    const weekdays = await get(`/api/v1/reports?from=${FIXTURE_DAY_BEFORE}&to=${FIXTURE_DAY}&by=weekday`, 'admin');
    expect(weekdays.body.current.rows.map((x: Json) => x.label.fa)).toEqual(['شنبه', 'یکشنبه']);
  });

  it('[R9] reading reports changes nothing', async () => {
    const before = await h.snapshot();
    await get(`/api/v1/reports?${DAY}&by=clerk`, 'admin');
    await get(`/api/v1/reports/export?${DAY}&format=xlsx`, 'supervisor');
    expect(await h.snapshot()).toEqual(before);
  });
});

describe('GET /api/v1/reports/export', () => {
  it('[R8] the file of the report in the language asked for, or 501 export-unavailable while a format is not built', async () => {
    for (const [format, lang] of [
      ['csv', 'fa'],
      ['xlsx', 'en'],
      ['pdf', 'fa'],
    ] as const) {
      const r = await get(`/api/v1/reports/export?${DAY}&branchId=b1&format=${format}&lang=${lang}`, 'admin');
      // What the renderer makes of this report's document, called directly (the exports slice).
      const json = await get(`/api/v1/reports?${DAY}&branchId=b1`, 'admin');
      const direct = await renderDoc(format, reportToDoc(json.body, lang)).then(
        (file) => file,
        () => null,
      );
      if (direct === null) {
        expect(r.status).toBe(501);
        expect(r.body.error.code).toBe('export-unavailable');
        expect(r.body.error.message.en).toBe('Export in this format is not available now.');
      } else {
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe(direct.contentType);
        expect(direct.fileName.startsWith(`nobat-report-service-${FIXTURE_DAY}-${FIXTURE_DAY}`)).toBe(true);
        expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${direct.fileName}"`);
        expect(r.bytes.length).toBeGreaterThan(0);
      }
    }
  });

  it('bad export query → 400 at the field', async () => {
    for (const [query, path] of [
      [`${DAY}&format=docx`, 'format'],
      [`${DAY}`, 'format'],
      [`${DAY}&format=csv&lang=de`, 'lang'],
      [`from=${FIXTURE_DAY}&to=2026-11-01&format=csv`, 'to'],
    ] as const) {
      const r = await get(`/api/v1/reports/export?${query}`, 'admin');
      expect([query, r.status]).toEqual([query, 400]);
      expect(r.body.error.issues.map((i: Json) => i.path)).toContain(path);
    }
  });
});

describe('without a history store', () => {
  it('the report routes answer 503 store-unavailable (after checking who asks)', async () => {
    const reports = h.deps.reports;
    delete h.deps.reports;
    try {
      const r = await get(`/api/v1/reports?${DAY}`, 'admin');
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('store-unavailable');
      expect((await get(`/api/v1/reports?${DAY}`, 'clerk')).status).toBe(403);
    } finally {
      if (reports) h.deps.reports = reports;
    }
    expect((await get(`/api/v1/reports?${DAY}`, 'admin')).status).toBe(200);
  });
});
