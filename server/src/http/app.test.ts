// The app's own routes: health, metrics, the OpenAPI document, and the answer for unknown paths.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../store/port.ts';
import { BRANCH, createHttpHarness, documentedOperations, type HttpHarness } from '../testing/http-harness.ts';

/** Every API operation, as this suite tests it. A route added or removed must show up here. */
const EXPECTED_OPERATIONS = [
  // [SY1][SY6][SY7] Branch links, their state and the outage log.
  'POST /api/v1/admin/branch-links',
  'GET /api/v1/admin/branch-links',
  'DELETE /api/v1/admin/branch-links/{branchId}',
  'GET /api/v1/sync/links/{branchId}',
  'GET /api/v1/sync/outages',
  'GET /api/v1/sync/status',
  // [RQ][RS] The electronic desk's requests.
  'POST /api/v1/requests',
  'GET /api/v1/requests',
  'GET /api/v1/requests/by-ticket/{ticketId}',
  'GET /api/v1/requests/{id}',
  'POST /api/v1/requests/{id}/{move}',
  'POST /api/v1/public/requests/status',
  'GET /api/v1/branches/{branchId}/units',
  // [RD1–RD5][UE1–UE6] The request's documents and the units' evaluation.
  'GET /api/v1/requests/{id}/receipt',
  'GET /api/v1/requests/{id}/response',
  'POST /api/v1/public/requests/response',
  'GET /api/v1/reports/units',
  'GET /api/v1/reports/units/export',
  // [PH1–PH8] Tickets from the phone.
  'POST /api/v1/phone/{branchId}/challenge',
  'POST /api/v1/phone/{branchId}/tickets',
  'GET /api/v1/phone/tickets/{id}',
  'POST /api/v1/phone/tickets/{id}/late',
  // [SU1–SU7] The satisfaction survey.
  'GET /api/v1/tickets/{id}/survey',
  'POST /api/v1/tickets/{id}/survey',
  'GET /api/v1/branches/{branchId}/counters/{counterId}/survey-ticket',
  'GET /api/v1/survey/results',
  'GET /api/v1/survey/results/export',
  // [AP1–AP10] Appointments.
  'GET /api/v1/branches/{branchId}/appointments',
  'GET /api/v1/branches/{branchId}/appointments/{serviceId}/slots',
  'POST /api/v1/branches/{branchId}/appointments',
  'GET /api/v1/appointments/{token}',
  'POST /api/v1/appointments/{token}/cancel',
  'POST /api/v1/appointments/{token}/move',
  'POST /api/v1/branches/{branchId}/appointments/check-in',
  'GET /api/v1/branches/{branchId}/appointments/{serviceId}/day',
  // [DR6] The directives' generated reports.
  'GET /api/v1/directive-reports',
  'GET /api/v1/directive-reports/{id}',
  'GET /api/v1/branches/{branchId}/device-health',
  'GET /api/v1/branches/{branchId}/alerts',
  'POST /api/v1/branches/{branchId}/alerts/{alertId}/ack',
  // [NT9] The SMS outbox.
  'GET /api/v1/branches/{branchId}/outbox',
  'GET /api/v1/branches',
  'GET /api/v1/branches/{branchId}/advice',
  'GET /api/v1/branches/{branchId}/advice/live',
  'GET /api/v1/branches/{branchId}/advice/days',
  'GET /api/v1/reports',
  'GET /api/v1/reports/export',
  'POST /api/v1/branches/{branchId}/what-if',
  'GET /api/v1/branches/{branchId}/counters',
  'GET /api/v1/branches/{branchId}/services',
  // [TD6] today's changes
  'GET /api/v1/branches/{branchId}/today',
  'PUT /api/v1/branches/{branchId}/today/counters/{counterId}',
  'DELETE /api/v1/branches/{branchId}/today/counters/{counterId}',
  'PUT /api/v1/branches/{branchId}/today/closed-services/{serviceId}',
  'DELETE /api/v1/branches/{branchId}/today/closed-services/{serviceId}',
  'PUT /api/v1/branches/{branchId}/today/hall-message',
  'DELETE /api/v1/branches/{branchId}/today/hall-message',
  'POST /api/v1/branches/{branchId}/tickets',
  // [SV1][SV2] The supervisor's floor.
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/open',
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/pause',
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/resume',
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/close',
  'POST /api/v1/branches/{branchId}/supervise/tickets/{ticketId}/move',
  'GET /api/v1/tickets/{id}',
  'POST /api/v1/tickets/{id}/cancel',
  'POST /api/v1/tickets/{id}/reprint',
  'GET /api/v1/branches/{branchId}/bridges/{deviceId}/bus',
  'POST /api/v1/branches/{branchId}/bridges/{deviceId}/test',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  ...['open', 'close', 'call-next', 'call', 'recall', 'start', 'finish', 'no-show', 'transfer', 'park', 'unpark']
    .concat(['documents', 'pause', 'resume'])
    .map((a) => `POST /api/v1/counters/{counterId}/${a}`),
  'GET /api/v1/counters/{counterId}/queue',
  'GET /api/v1/clerks/me/day',
  'GET /api/v1/clerks/me/day/export',
  'GET /api/v1/clerks/me/desk',
  ...['organisations', 'provincial-offices'].flatMap((kind) => {
    const param = kind === 'organisations' ? '{organisationId}' : '{officeId}';
    return [
      `GET /api/v1/admin/${kind}`,
      `POST /api/v1/admin/${kind}`,
      `PUT /api/v1/admin/${kind}/${param}`,
      `DELETE /api/v1/admin/${kind}/${param}`,
    ];
  }),
  'GET /api/v1/admin/branches',
  'POST /api/v1/admin/branches/{branchId}/copy',
  'GET /api/v1/admin/audit',
  'GET /api/v1/admin/branches/{branchId}',
  'PUT /api/v1/admin/branches/{branchId}',
  'DELETE /api/v1/admin/branches/{branchId}',
  'POST /api/v1/admin/branches',
  'POST /api/v1/admin/branches/{branchId}/services',
  'PUT /api/v1/admin/branches/{branchId}/services/{itemId}',
  'DELETE /api/v1/admin/branches/{branchId}/services/{itemId}',
  'POST /api/v1/admin/branches/{branchId}/counters',
  'PUT /api/v1/admin/branches/{branchId}/counters/{itemId}',
  'DELETE /api/v1/admin/branches/{branchId}/counters/{itemId}',
  'GET /api/v1/admin/users',
  'POST /api/v1/admin/users',
  'PATCH /api/v1/admin/users/{userId}',
  'DELETE /api/v1/admin/users/{userId}',
  'GET /api/v1/admin/devices',
  'POST /api/v1/admin/devices',
  'DELETE /api/v1/admin/devices/{deviceId}',
  'GET /api/v1/admin/branches/{branchId}/export.json',
  'GET /api/v1/admin/branches/{branchId}/export.xlsx',
  'POST /api/v1/admin/branches/{branchId}/import',
];

let h: HttpHarness;
beforeAll(async () => {
  h = await createHttpHarness();
});
afterAll(async () => {
  await h.close();
});

describe('GET / and /api/docs', () => {
  it('/ is the bilingual landing page, Persian first, linking every app and the API docs', async () => {
    const r = await h.request('GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toContain('<html lang="fa" dir="rtl">');
    for (const href of ['/kiosk/', '/display/', '/counter/', '/console/', '/api/docs']) {
      expect(r.text).toContain(`href="${href}"`);
    }
    expect((await h.request('GET', '/landing.css')).headers.get('content-type')).toMatch(/text\/css/);
    expect((await h.request('GET', '/landing/vazirmatn.woff2')).status).toBe(200);
  });

  it('/api/docs is Swagger UI over /api/openapi.json, its files from this server (no CDN), nothing inline', async () => {
    const r = await h.request('GET', '/api/docs');
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/https?:\/\//);
    expect(r.text).not.toMatch(/<script>/);
    for (const src of [...r.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string)) {
      expect((await h.request('GET', src)).status, src).toBe(200);
    }
    expect((await h.request('GET', '/api/docs/assets/init.js')).text).toContain("url: '/api/openapi.json'");
    expect((await h.request('GET', '/api/docs/assets/swagger-ui-dist/package.json')).status).toBe(404);
  });
});

describe('GET /healthz, /readyz and /livez', () => {
  it('[OP2] answers ok, names the store and each store checked', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const r = await h.request('GET', path);
      expect(r.status, path).toBe(200);
      expect(r.body, path).toEqual({ status: 'ok', store: 'sqlite', checks: { live: 'up', history: 'up' } });
    }
  });

  it('[OP2] answers 503 unavailable, naming the store that does not answer, with the error words', async () => {
    const ping = vi.spyOn(h.store, 'ping').mockRejectedValue(new StoreUnavailableError('sqlite', 'gone'));
    try {
      for (const path of ['/healthz', '/readyz']) {
        const r = await h.request('GET', path);
        expect(r.status, path).toBe(503);
        expect(r.body, path).toEqual({
          status: 'unavailable',
          store: 'sqlite',
          checks: { live: 'down', history: 'up' },
          down: ['live'],
          error: { code: 'store-unavailable', message: { fa: expect.any(String), en: expect.any(String) } },
        });
      }
      // [OP1] Liveness asks no store.
      const live = await h.request('GET', '/livez');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
      expect(ping).toHaveBeenCalledTimes(2);
    } finally {
      ping.mockRestore();
    }
  });
});

describe('errors from a store that is down', () => {
  it('answer 503 store-unavailable in the usual error shape', async () => {
    const get = vi.spyOn(h.store, 'getRecord').mockRejectedValue(new StoreUnavailableError('sqlite', 'gone'));
    try {
      const r = await h.request('GET', '/api/v1/auth/me', { as: 'clerk' });
      expect(r.status).toBe(503);
      expect(r.body.error).toEqual({
        code: 'store-unavailable',
        message: { fa: expect.stringContaining('در دسترس نیست'), en: expect.stringContaining('unavailable') },
      });
    } finally {
      get.mockRestore();
    }
  });
});

describe('GET /metrics', () => {
  const local = { address: '127.0.0.1' };

  it('counts issued tickets by branch and sub-service, and requests by status', async () => {
    const before = await h.request('GET', '/metrics', local);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(before.text).toContain('# TYPE nobat_tickets_issued_total counter');
    expect(before.text).not.toMatch(/^nobat_tickets_issued_total\{/m);

    await h.issue('finance');
    await h.issue('finance');
    await h.issue('pension');
    // A repeated request gives the same ticket and is not counted again.
    await h.issue('pension', { requestId: 'metrics-req-1' });
    await h.issue('pension', { requestId: 'metrics-req-1' });

    const after = await h.request('GET', '/metrics', local);
    expect(after.text).toContain(`nobat_tickets_issued_total{branch="${BRANCH}",service="finance"} 2`);
    expect(after.text).toContain(`nobat_tickets_issued_total{branch="${BRANCH}",service="pension"} 2`);
    expect(after.text).toMatch(/^nobat_http_requests_total\{method="POST",status="201"\} 5$/m);
  });

  it('without NOBAT_METRICS_TOKEN, only this host may read them, and not through a proxy', async () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect((await h.request('GET', '/metrics', { address })).status, address).toBe(200);
    }
    for (const address of ['192.0.2.1', '10.0.0.7', '::ffff:10.0.0.7', '2001:db8::1']) {
      const r = await h.request('GET', '/metrics', { address });
      expect(r.status, address).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
      expect(r.text).not.toContain('nobat_');
    }
    const forwarded: Record<string, string>[] = [
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
    ];
    for (const headers of forwarded) {
      expect((await h.request('GET', '/metrics', { ...local, headers })).status).toBe(403);
    }
  });

  it('with NOBAT_METRICS_TOKEN, anyone with the token may read them, and no one without it', async () => {
    const guarded = await createHttpHarness({ metricsToken: 'metrics-secret-123' });
    try {
      for (const o of [
        local,
        { token: 'metrics-secret-12' },
        { token: 'metrics-secret-1234' },
        { as: 'admin' as const },
      ]) {
        const r = await guarded.request('GET', '/metrics', o);
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(r.text).not.toContain('nobat_');
      }
      const ok = await guarded.request('GET', '/metrics', { token: 'metrics-secret-123', address: '198.51.100.4' });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('# TYPE nobat_tickets_issued_total counter');
    } finally {
      await guarded.close();
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1.0 document listing every route this suite tests, and no other', async () => {
    const r = await h.request('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(r.text)).not.toThrow();
    expect(r.body.openapi).toBe('3.1.0');
    expect(r.body.info.title).toBe('Nobat API');
    const listed = documentedOperations(r.body).map((o) => o.key);
    expect([...listed].sort()).toEqual([...EXPECTED_OPERATIONS].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('describes the two ways to authenticate, and the routes that need them', async () => {
    const doc = (await h.request('GET', '/api/openapi.json')).body;
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'nobat_session',
    });
    expect(doc.components.securitySchemes.deviceToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/admin/users'].post.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/v1/branches/{branchId}/tickets'].post.security).toEqual([
      { session: [] },
      { deviceToken: [] },
    ]);
    // Every operation documents its error answers with the shared error body.
    for (const op of documentedOperations(doc)) {
      const responses = doc.paths[op.path][op.method.toLowerCase()].responses;
      expect(Object.keys(responses), op.key).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });
});

describe('unknown paths', () => {
  it.each(['/nope', '/api/v1/nope', '/api/v2/branches'])('%s → 404 with the JSON error shape', async (path) => {
    const r = await h.request('GET', path);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: { code: 'not-found', message: { fa: expect.any(String), en: 'Not found.' } },
    });
  });

  it('a known path with the wrong method is not served', async () => {
    const r = await h.request('DELETE', '/api/v1/auth/login');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not-found');
  });
});
