// Who may call what, for every route of the OpenAPI document. Each operation is looked up in
// ROUTE_SCENARIOS (a route added without a scenario fails here). Every principal the scenario does
// not allow is sent a valid call, in the state where that call would succeed, and must be refused
// with 401/403 and the JSON error shape, leaving configuration, users, devices and the day's log as
// they were. Each allowed principal, in a fresh copy of the same state, must get the success status.
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  concretePath,
  createHttpHarness,
  documentedOperations,
  type HttpHarness,
  PRINCIPALS,
  type PrincipalName,
  ROUTE_SCENARIOS,
  type RouteScenario,
  type ScenarioContext,
} from '../testing/http-harness.ts';

const first = await createHttpHarness();
const doc = (await first.request('GET', '/api/openapi.json')).body;
await first.close();
const operations = documentedOperations(doc);

const open: HttpHarness[] = [];
afterAll(async () => {
  await Promise.all(open.map((h) => h.close()));
});

async function prepared(scenario: RouteScenario): Promise<{ h: HttpHarness; ctx: ScenarioContext }> {
  const h = await createHttpHarness();
  open.push(h);
  const ctx = (await scenario.setup?.(h)) ?? {};
  return { h, ctx };
}

function call(
  h: HttpHarness,
  op: { method: string; path: string },
  scenario: RouteScenario,
  ctx: ScenarioContext,
  as: PrincipalName,
): Promise<ApiResponse> {
  const body = scenario.body?.(ctx);
  return h.request(op.method, concretePath(op.path, scenario, ctx), { as, ...(body !== undefined ? { body } : {}) });
}

function expectErrorShape(r: ApiResponse): void {
  expect(r.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(typeof r.body?.error?.code).toBe('string');
  expect(r.body.error.message.fa).toEqual(expect.any(String));
  expect(r.body.error.message.en).toEqual(expect.any(String));
  expect(r.body.error.message.fa.length).toBeGreaterThan(0);
}

describe('authorization of every documented route', () => {
  it('the document lists the routes, and every scenario names a documented route', () => {
    expect(operations.length).toBeGreaterThanOrEqual(37);
    const documented = new Set(operations.map((o) => o.key));
    expect(Object.keys(ROUTE_SCENARIOS).filter((k) => !documented.has(k))).toEqual([]);
  });

  it.each(operations.map((o) => [o.key, o] as const))(
    '%s',
    async (_key, op) => {
      const scenario = ROUTE_SCENARIOS[op.key];
      if (!scenario) {
        expect.fail(`${op.key} has no scenario in ROUTE_SCENARIOS: say who may call it`);
      }
      const refusedPrincipals = PRINCIPALS.filter((p) => !scenario.allowed.includes(p));

      // Refused: in one state where the call would succeed, each refused principal in turn.
      const { h, ctx } = await prepared(scenario);
      const before = await h.snapshot();
      for (const who of refusedPrincipals) {
        const r = await call(h, op, scenario, ctx, who);
        const where = `${op.key} as ${who}: ${r.status} ${r.text.slice(0, 200)}`;
        // Counters are looked up in the caller's own branch: another branch's clerk or supervisor
        // naming this branch's counter finds none (404) — refused all the same, and nothing changes.
        const crossBranchCounter =
          (who === 'otherClerk' || who === 'otherSupervisor') && op.path.startsWith('/api/v1/counters/');
        // [DR6] A directive report outside a supervisor's branch is unknown to them (404), as a counter is.
        const crossBranchReport = who === 'otherSupervisor' && op.path.startsWith('/api/v1/directive-reports/');
        // [RS4] A request of another branch is unknown to its staff (404), as a counter is.
        const crossBranchRequest =
          (who === 'otherClerk' || who === 'otherSupervisor') && op.path.startsWith('/api/v1/requests/');
        const statuses =
          who === 'anonymous'
            ? [401]
            : crossBranchCounter || crossBranchReport || crossBranchRequest
              ? [403, 404]
              : [401, 403];
        expect(statuses, where).toContain(r.status);
        expectErrorShape(r);
        expect(await h.snapshot(), `${where}: the store changed`).toEqual(before);
      }

      // Allowed: each in its own fresh copy of the state, so one success cannot spoil the next.
      const allowed = await Promise.all(
        scenario.allowed.map(async (who) => {
          const fresh = await prepared(scenario);
          return { who, r: await call(fresh.h, op, scenario, fresh.ctx, who) };
        }),
      );
      for (const { who, r } of allowed) {
        expect(r.status, `${op.key} as ${who}: ${r.text.slice(0, 300)}`).toBe(scenario.ok);
      }
      // Sign-in and password routes hash with argon2 for every principal: room for a loaded machine.
    },
    90_000,
  );

  it('a token that is not valid is no one: anonymous, refused from staff routes', async () => {
    const h = await createHttpHarness();
    open.push(h);
    for (const token of ['not-a-session', 'kiosk-1.wrong-secret', 'no-such-device.secret', 'x'.repeat(400)]) {
      const me = await h.request('GET', '/api/v1/auth/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('unauthenticated');
      const open1 = await h.request('POST', '/api/v1/counters/counter-1/open', { token });
      expect(open1.status).toBe(401);
    }
    expect((await h.events()).length).toBe(0);
  });
});
