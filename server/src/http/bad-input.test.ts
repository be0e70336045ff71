// Bad input never yields a 500 and changes nothing. Every POST/PUT/PATCH route of the OpenAPI
// document that takes a body is sent broken bodies by a principal allowed to call it, in the state
// where a valid body would succeed (so only validation stands in the way): each answer must be a
// 4xx with the JSON error shape, and configuration, users, devices and the day's log must not move.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  BRANCH,
  concretePath,
  createHttpHarness,
  type DocOperation,
  documentedOperations,
  type HttpHarness,
  type Json,
  mostPrivileged,
  ROUTE_SCENARIOS,
  type RouteScenario,
  type ScenarioContext,
  spareService,
} from '../testing/http-harness.ts';

const first = await createHttpHarness();
const doc = (await first.request('GET', '/api/openapi.json')).body;
await first.close();
const writes = documentedOperations(doc).filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method));
const withBody = writes.filter((o) => o.hasBody);
const withoutBody = writes.filter((o) => !o.hasBody);

const open: HttpHarness[] = [];
afterAll(async () => {
  await Promise.all(open.map((h) => h.close()));
});

function scenarioOf(op: DocOperation): RouteScenario {
  const s = ROUTE_SCENARIOS[op.key];
  if (!s) throw new Error(`${op.key} has no scenario in ROUTE_SCENARIOS`);
  return s;
}

async function prepared(op: DocOperation) {
  const scenario = scenarioOf(op);
  const h = await createHttpHarness();
  open.push(h);
  const ctx: ScenarioContext = (await scenario.setup?.(h)) ?? {};
  const path = concretePath(op.path, scenario, ctx);
  const as = mostPrivileged(scenario);
  const valid: Json = scenario.body?.(ctx);
  return { h, ctx, path, as, valid, scenario };
}

/** Every string in a value replaced (recursively) by a long one: longer than any field allows. */
function stretched(value: Json, length = 5000): Json {
  if (typeof value === 'string') return 'ی'.repeat(length);
  if (Array.isArray(value)) return value.map((v) => stretched(v, length));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stretched(v, length)]));
  }
  return value;
}

/** Every top-level field given a value of another type. */
function mistyped(value: Json): Json {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' ? 12345 : typeof v === 'number' ? 'twelve' : typeof v === 'boolean' ? 'yes' : 'nope',
    ]),
  );
}

type BadBody = { name: string; raw?: string; body?: unknown; headers?: Record<string, string>; none?: true };

function badBodies(valid: Json, scenario: RouteScenario): BadBody[] {
  const all: BadBody[] = [
    { name: 'malformed JSON', raw: '{"serviceId": "finance",' },
    { name: 'JSON with a trailing comma', raw: '{"a": 1,}' },
    { name: 'an empty body declared as JSON', raw: '' },
    { name: 'no body at all', none: true },
    { name: 'an array', body: [valid] },
    { name: 'null', raw: 'null' },
    { name: 'a number', raw: '42' },
    { name: 'a bare string', raw: '"hello"' },
    { name: 'a huge string (1 MB)', body: 'x'.repeat(1_000_000) },
    { name: 'every string field far too long', body: stretched(valid) },
    { name: 'every field of the wrong type', body: mistyped(valid) },
    { name: 'only unknown fields', body: { zzUnknown: 1, another: 'x' } },
    { name: 'the body as text/plain', raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } },
  ];
  // Where every field is optional, no body is a valid (empty) one: see the test of those below.
  return scenario.optionalBody ? all.filter((b) => !b.none) : all;
}

function expectRefusedShape(r: ApiResponse, where: string): void {
  expect(r.status, where).toBeGreaterThanOrEqual(400);
  expect(r.status, where).toBeLessThan(500);
  expect(typeof r.body?.error?.code, where).toBe('string');
  expect(r.body.error.message.fa, where).toEqual(expect.any(String));
  expect(r.body.error.message.en, where).toEqual(expect.any(String));
}

async function send(h: HttpHarness, op: DocOperation, path: string, as: Json, bad: BadBody): Promise<ApiResponse> {
  if (bad.none) return h.request(op.method, path, { as });
  return h.request(op.method, path, {
    as,
    ...(bad.raw !== undefined ? { raw: bad.raw } : { body: bad.body }),
    ...(bad.headers ? { headers: bad.headers } : {}),
  });
}

describe('bad input to every route that takes a body', () => {
  it('the document has the body routes this test expects', () => {
    expect(withBody.map((o) => o.key)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/branches/{branchId}/tickets',
        'POST /api/v1/auth/login',
        'POST /api/v1/counters/{counterId}/transfer',
        'PUT /api/v1/admin/branches/{branchId}',
        'PATCH /api/v1/admin/users/{userId}',
      ]),
    );
    expect(withBody.length).toBeGreaterThanOrEqual(16);
  });

  it.each(withBody.map((o) => [o.key, o] as const))('%s: broken bodies → 4xx, nothing changes', async (_k, op) => {
    const { h, path, as, valid, scenario } = await prepared(op);
    const before = await h.snapshot();
    for (const bad of badBodies(valid, scenario)) {
      const r = await send(h, op, path, as, bad);
      const where = `${op.key} as ${as} with ${bad.name}: ${r.status} ${r.text.slice(0, 200)}`;
      expectRefusedShape(r, where);
      expect(await h.snapshot(), `${where}: the store changed`).toEqual(before);
    }
    // Malformed JSON is named as such.
    const malformed = await send(h, op, path, as, { name: 'malformed', raw: '{"a":' });
    expect(malformed.body.error.code).toBe('malformed-json');
  });

  it.each(withBody.map((o) => [o.key, o] as const))('%s: random JSON bodies → 4xx, nothing changes', async (_k, op) => {
    const { h, path, as } = await prepared(op);
    const before = await h.snapshot();
    // An object always carries a key no schema knows, so no generated body can be valid by chance.
    const body = fc.jsonValue().map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...v, zzFuzz: 1 } : v));
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const r = await h.request(op.method, path, { as, raw: JSON.stringify(value) });
        const where = `${op.key} with ${JSON.stringify(value).slice(0, 120)}: ${r.status} ${r.text.slice(0, 200)}`;
        expectRefusedShape(r, where);
      }),
      { numRuns: 25, seed: 20261122 },
    );
    expect(await h.snapshot()).toEqual(before);
  });

  it('validation errors name the fields that were wrong', async () => {
    const h = await createHttpHarness();
    open.push(h);
    const r = await h.request('POST', '/api/v1/admin/users', {
      as: 'admin',
      body: { username: 'a b', name: '', role: 'boss', branchId: 5, password: 'short' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-input');
    const paths = (r.body.error.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['branchId', 'name', 'password', 'role', 'username']);
  });

  it('a config body with an unknown field is refused (services, counters and branches accept it and drop the field)', async () => {
    // Regression: every other body was strict (unknown keys → 400) but the configuration bodies (SubService, Counter,
    // BranchConfig in protocol/src/model.ts are z.object, not z.strictObject) silently drop unknown
    // keys, so a typo such as "dailycap" is saved as "no cap" with a 2xx answer.
    const accepted: string[] = [];
    for (const key of [
      'POST /api/v1/admin/branches/{branchId}/services',
      'PUT /api/v1/admin/branches/{branchId}/services/{itemId}',
      'POST /api/v1/admin/branches/{branchId}/counters',
      'PUT /api/v1/admin/branches/{branchId}/counters/{itemId}',
      'POST /api/v1/admin/branches',
      'PUT /api/v1/admin/branches/{branchId}',
    ]) {
      const op = withBody.find((o) => o.key === key);
      if (!op) throw new Error(`${key} is not documented`);
      const { h, path, as, valid } = await prepared(op);
      const body =
        key.endsWith('/admin/branches') || key.endsWith('{branchId}')
          ? { ...valid, config: { ...valid.config, branch: { ...valid.config.branch, zzTypo: true } } }
          : { ...valid, dailycap: 10 };
      const r = await h.request(op.method, path, { as, body });
      if (r.status < 300) accepted.push(`${key} → ${r.status}`);
    }
    expect(accepted).toEqual([]);
  });
});

describe('bodies whose fields are all optional', () => {
  const optional = withBody.filter((o) => ROUTE_SCENARIOS[o.key]?.optionalBody);

  it('are call-next, park and changing a user', () => {
    expect(optional.map((o) => o.key).sort()).toEqual([
      'PATCH /api/v1/admin/users/{userId}',
      'POST /api/v1/counters/{counterId}/call-next',
      'POST /api/v1/counters/{counterId}/park',
    ]);
  });

  it.each(optional.map((o) => [o.key, o] as const))('%s: no body at all is taken as {}', async (_k, op) => {
    const { h, path, as, scenario } = await prepared(op);
    const r = await h.request(op.method, path, { as });
    expect(r.status, r.text).toBe(scenario.ok);
  });
});

describe('routes that take no body', () => {
  it('the document lists them', () => {
    expect(withoutBody.map((o) => o.key)).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/logout', 'POST /api/v1/counters/{counterId}/open']),
    );
  });

  it.each(withoutBody.map((o) => [o.key, o] as const))('%s ignores whatever body is sent (no 500)', async (_k, op) => {
    const { h, path, as, scenario } = await prepared(op);
    const r = await h.request(op.method, path, { as, raw: '{"broken": ' });
    expect(r.status, r.text).toBe(scenario.ok);
  });
});

describe('stored configuration that passes validation but cannot be used', () => {
  it('a branch saved with an unknown time zone turns the public branch list into a 500', async () => {
    // Regression: protocol/src/model.ts Branch.timeZone was z.string() — any string was stored; isOpen/localDay
    // then throw a RangeError (Intl) on every read of that branch, and GET /api/v1/branches lists
    // every branch, so one bad save breaks it for all of them.
    const h = await createHttpHarness();
    open.push(h);
    const g = await h.request('GET', `/api/v1/admin/branches/${BRANCH}`, { as: 'admin' });
    const config = { ...g.body.config, branch: { ...g.body.config.branch, timeZone: 'Mars/Phobos' } };
    const put = await h.request('PUT', `/api/v1/admin/branches/${BRANCH}`, {
      as: 'admin',
      body: { version: g.body.version, config },
    });
    const list = await h.request('GET', '/api/v1/branches');
    const services = await h.request('GET', `/api/v1/branches/${BRANCH}/services`);
    // Either the save is refused (422), or the branch keeps working; never a 500.
    expect([put.status, list.status, services.status]).not.toContain(500);
    expect(put.status).toBe(422);
  });

  it('a service body that is valid alone but breaks the branch is refused with 422 and its issues', async () => {
    const h = await createHttpHarness();
    open.push(h);
    const before = await h.snapshot();
    // Same numbers as premium-list (1001–1999), and a group that does not exist.
    const r = await h.request('POST', `/api/v1/admin/branches/${BRANCH}/services`, {
      as: 'admin',
      body: spareService('clash', { groupId: 'no-such-group', numbering: { from: 1500, to: 1600 } }),
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('invalid-config');
    const messages = (r.body.error.issues as { message: string }[]).map((i) => i.message).join('\n');
    expect(messages).toContain('unknown group "no-such-group"');
    expect(messages).toContain('overlapping ticket numbers');
    expect(await h.snapshot()).toEqual(before);
  });
});
