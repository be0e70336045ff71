// [SY1][SY6][SY7] The console's list of branch links over REST (GET /api/v1/admin/branch-links): an admin
// sees every linked branch, a supervisor only their own; each with its name, state, the days the centre
// holds and the outage under way measured by the centre's clock. The link state and days are written as
// the centre writes them (sync/centre.ts), so no branch server is needed here.
import { BranchLinkListItem, BranchOutage } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LinkState } from '../../domain/sync.ts';
import {
  type ApiResponse,
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  OTHER_BRANCH,
  T0,
} from '../../testing/http-harness.ts';

const LIST = '/api/v1/admin/branch-links';
const MINUTE = 60_000;
const Links = z.array(BranchLinkListItem);

function expectError(r: ApiResponse, status: number, code?: string): void {
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(r.body).toMatchObject({
    error: { code: code ?? expect.any(String), message: { fa: expect.any(String), en: expect.any(String) } },
  });
}

describe('[SY6][SY7] the list of branch links', () => {
  let h: HttpHarness;
  const link = async (branchId: string) => {
    const r = await h.request('POST', LIST, { as: 'admin', body: { branchId } });
    expect(r.status, r.text).toBe(201);
    return r.body.token as string;
  };
  const putState = (branchId: string, state: LinkState) => h.store.putRecord('branch-link-state', branchId, state, 0);

  beforeEach(async () => {
    h = await createHttpHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('an admin sees every linked branch by id, with its name, state, days and the outage under way', async () => {
    await link(BRANCH);
    await link(OTHER_BRANCH);
    await putState(BRANCH, { connected: true, since: T0 - 60 * MINUTE, connection: 'c1' });
    await putState(OTHER_BRANCH, { connected: false, since: T0 - 30 * MINUTE, connection: null });
    await h.store.putRecord('sync-day', `${BRANCH}/2026-11-21`, { seq: 340, final: true }, 0);
    await h.store.putRecord('sync-day', `${BRANCH}/2026-11-22`, { seq: 12, final: false }, 0);

    const r = await h.request('GET', LIST, { as: 'admin' });
    expect(r.status, r.text).toBe(200);
    const list = Links.parse(r.body);
    expect(list.map((l) => l.branchId)).toEqual([OTHER_BRANCH, BRANCH].sort());
    const mine = list.find((l) => l.branchId === BRANCH);
    expect(mine).toMatchObject({
      connected: true,
      since: new Date(T0 - 60 * MINUTE).toISOString(),
      days: { '2026-11-21': { seq: 340, final: true }, '2026-11-22': { seq: 12, final: false } },
      outage: null,
      name: { fa: expect.stringContaining('شعبهٔ ۱۴'), en: expect.stringContaining('branch 14') },
    });
    const other = list.find((l) => l.branchId === OTHER_BRANCH);
    expect(other).toMatchObject({
      connected: false,
      days: {},
      name: { fa: 'شعبه آزمایشی', en: 'Test branch' },
      outage: { from: new Date(T0 - 30 * MINUTE).toISOString(), durationMs: 30 * MINUTE },
    });
    // The outage under way is measured by the centre's clock at each read.
    h.advance(42 * MINUTE);
    const later = Links.parse((await h.request('GET', LIST, { as: 'admin' })).body);
    expect(later.find((l) => l.branchId === OTHER_BRANCH)?.outage?.durationMs).toBe(72 * MINUTE);
    // It is the one the outage log shows under way, last.
    const outages = z.array(BranchOutage).parse((await h.request('GET', '/api/v1/sync/outages', { as: 'admin' })).body);
    expect(outages.at(-1)).toEqual({
      branchId: OTHER_BRANCH,
      from: new Date(T0 - 30 * MINUTE).toISOString(),
      to: null,
      durationMs: null,
    });
  });

  it('a link never connected is shown down since never, with no outage; an unlinked branch leaves the list', async () => {
    expect(Links.parse((await h.request('GET', LIST, { as: 'admin' })).body)).toEqual([]);
    await link(BRANCH);
    const [only] = Links.parse((await h.request('GET', LIST, { as: 'admin' })).body);
    expect(only).toMatchObject({ branchId: BRANCH, connected: false, since: null, outage: null, days: {} });
    expect((await h.request('DELETE', `${LIST}/${BRANCH}`, { as: 'admin' })).status).toBe(200);
    expect((await h.request('GET', LIST, { as: 'admin' })).body).toEqual([]);
  });

  it("a supervisor sees only their own branch's link", async () => {
    await link(BRANCH);
    await link(OTHER_BRANCH);
    const mine = Links.parse((await h.request('GET', LIST, { as: 'supervisor' })).body);
    expect(mine.map((l) => l.branchId)).toEqual([BRANCH]);
    const theirs = Links.parse((await h.request('GET', LIST, { as: 'otherSupervisor' })).body);
    expect(theirs.map((l) => l.branchId)).toEqual([OTHER_BRANCH]);
    await h.request('DELETE', `${LIST}/${OTHER_BRANCH}`, { as: 'admin' });
    expect((await h.request('GET', LIST, { as: 'otherSupervisor' })).body).toEqual([]);
  });

  it('refuses clerks, officers and devices (403) and nobody signed in (401); and linking stays with admins', async () => {
    await link(BRANCH);
    expectError(await h.request('GET', LIST), 401, 'unauthenticated');
    for (const as of ['clerk', 'otherClerk', 'officer'] as const)
      expectError(await h.request('GET', LIST, { as }), 403);
    for (const as of ['kiosk', 'display', 'bridge'] as const) expectError(await h.request('GET', LIST, { as }), 403);
    // Linking and unlinking stay an admin's.
    expectError(await h.request('POST', LIST, { as: 'supervisor', body: { branchId: OTHER_BRANCH } }), 403);
    expectError(await h.request('DELETE', `${LIST}/${BRANCH}`, { as: 'supervisor' }), 403);
  });

  it('answers bad input with a 4xx and the error shape, never a 500', async () => {
    expectError(await h.request('POST', LIST, { as: 'admin', body: { branchId: 'nowhere' } }), 400, 'invalid-input');
    expectError(await h.request('POST', LIST, { as: 'admin', body: { branchId: 'not an id!' } }), 400);
    expectError(await h.request('POST', LIST, { as: 'admin', body: { branchId: BRANCH, extra: 1 } }), 400);
    expectError(await h.request('POST', LIST, { as: 'admin', raw: '{"branchId":' }), 400);
    expectError(await h.request('DELETE', `${LIST}/${BRANCH}`, { as: 'admin' }), 404, 'not-found');
    await link(BRANCH);
    // A branch linked twice: the second is refused (its first token stays the one).
    expectError(await h.request('POST', LIST, { as: 'admin', body: { branchId: BRANCH } }), 409, 'exists');
    for (const q of ['from=yesterday', 'to=1405-09-01x', 'branchId=not%20an%20id']) {
      expectError(await h.request('GET', `/api/v1/sync/outages?${q}`, { as: 'admin' }), 400);
    }
    // The list takes no parameters: anything given is ignored, never a failure.
    expect((await h.request('GET', `${LIST}?branchId=x&from=y`, { as: 'admin' })).status).toBe(200);
  });
});
