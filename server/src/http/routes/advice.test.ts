// The staffing advice and what-if routes over HTTP: figures as the domain computes them from the
// stored days, who may ask, and bad input answered 4xx with a code (nothing is ever changed).
import { BranchConfig } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH, demoConfigInput } from '../../demo.ts';
import { advise, hourlyHistory } from '../../domain/advice.ts';
import { Archiver } from '../../history/archiver.ts';
import { createLogger } from '../../log.ts';
import { createHttpHarness, type HttpHarness } from '../../testing/http-harness.ts';
import { seededDay, seedHistory } from '../../testing/seed-history.ts';

const config = BranchConfig.parse(demoConfigInput());
// T0 is Sunday 2026-11-22 09:00 in Tehran: four Sundays before it and a Saturday.
const SUNDAYS = ['2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25'];
const DAYS = [...SUNDAYS, '2026-11-21'];
const OPTS = { noShowShare: 0.1, perHour: (s: string) => (s === 'pension' ? 14 : 4) };
const base = `/api/v1/branches/${DEMO_BRANCH}`;

let h: HttpHarness;
beforeAll(async () => {
  h = await createHttpHarness();
  await seedHistory(h.store, config, DAYS, OPTS);
});
afterAll(() => h.close());

describe('GET /advice', () => {
  it('[SA1][SA2][SA4] the plan for a date is the advice from the same weekday of the last four weeks', async () => {
    const r = await h.request('GET', `${base}/advice?date=2026-11-22`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.body.days).toEqual(SUNDAYS);
    const expected = advise(
      config,
      hourlyHistory(
        config,
        SUNDAYS.map((d) => seededDay(config, d, { ...OPTS, seed: 1000 + DAYS.indexOf(d) })),
      ),
    );
    expect(r.body.rows).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(r.body.rows.length).toBeGreaterThan(10);
    const pension = r.body.rows.filter((x: { serviceId: string }) => x.serviceId === 'pension');
    expect(pension.some((x: { counters: number }) => x.counters >= 2)).toBe(true);
    expect(pension.some((x: { model: string }) => x.model === 'erlang-a')).toBe(true);
  });

  it('[SA1] without a date: tomorrow (Monday), with no Monday logged, an empty plan; weeks and probability are read', async () => {
    const r = await h.request('GET', `${base}/advice`, { as: 'admin' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ date: '2026-11-23', days: [], rows: [], probability: 0.8 });
    const two = await h.request('GET', `${base}/advice?date=2026-11-22&weeks=2&probability=0.95`, { as: 'admin' });
    expect(two.body.days).toEqual(SUNDAYS.slice(0, 2));
    expect(two.body.rows[0].targetProbability).toBe(0.95);
  });

  it.each([
    ['date=2026-13-01', 400],
    ['date=yesterday', 400],
    ['weeks=0', 400],
    ['weeks=13', 400],
    ['probability=1', 400],
  ])('bad input %s → %i with a code', async (q, status) => {
    const r = await h.request('GET', `${base}/advice?${q}`, { as: 'supervisor' });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe('invalid-input');
  });

  it("another branch's supervisor and a clerk are refused; an unknown branch is 404 for an admin", async () => {
    expect((await h.request('GET', `${base}/advice`, { as: 'otherSupervisor' })).status).toBe(403);
    expect((await h.request('GET', `${base}/advice/live`, { as: 'clerk' })).status).toBe(403);
    expect((await h.request('GET', `${base}/advice`)).status).toBe(401);
    const r = await h.request('GET', '/api/v1/branches/nowhere/advice', { as: 'admin' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown-branch');
  });
});

describe('GET /advice/live and /advice/days', () => {
  it('[SA10] per sub-service the counters serving it and needed now', async () => {
    for (let i = 0; i < 3; i++) await h.issue('pension');
    const r = await h.request('GET', `${base}/advice/live`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.body.days).toEqual(SUNDAYS);
    const pension = r.body.services.find((s: { serviceId: string }) => s.serviceId === 'pension');
    expect(pension).toMatchObject({ waiting: 3, serving: 0 });
    expect(pension.needed).toBeGreaterThanOrEqual(1);
    expect(r.body.moves).toEqual([]); // no counter is open: nothing to switch
  });

  it('the days a what-if may replay, newest first', async () => {
    const r = await h.request('GET', `${base}/advice/days`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.body.days.slice(0, 3)).toEqual(['2026-11-22', '2026-11-21', '2026-11-15']);
  });
});

describe('POST /what-if', () => {
  it('[SA6][SA7] as configured it agrees with the record; another profile and plan are replayed beside it', async () => {
    const r = await h.request('POST', `${base}/what-if`, {
      as: 'supervisor',
      body: { day: '2026-11-15', balancing: 'longest-wait' },
    });
    expect(r.status).toBe(200);
    expect(r.body.tickets).toBeGreaterThan(50);
    expect(r.body.configured).toEqual(r.body.recorded);
    expect(r.body.plan.map((c: { id: string }) => c.id)).toEqual(config.counters.map((c) => c.id));
    expect(r.body.plan[0].windows[0].from).toBe('08:00');
    // Only counter-6 (pensions first), staffed 08:00–10:00: the rest of the day waits.
    const small = await h.request('POST', `${base}/what-if`, {
      as: 'admin',
      body: {
        day: '2026-11-15',
        counters: [
          {
            id: 'counter-6',
            services: [{ serviceId: 'pension', weight: 3 }],
            windows: [{ from: '08:00', until: '10:00' }],
          },
        ],
      },
    });
    expect(small.status).toBe(200);
    expect(small.body.changed.overall.pastTarget).toBeGreaterThan(r.body.configured.overall.pastTarget);
    expect(small.body.changed.overall.uncalled).toBeGreaterThan(0);
  });

  it.each([
    [{ day: '2026-11-16' }, 404, 'unknown-day'],
    [
      { day: '2026-11-15', counters: [{ id: 'x', services: [{ serviceId: 'nope', weight: 1 }] }] },
      422,
      'unknown-plan-service',
    ],
    [{ day: '2026-11-15', balancing: 'random' }, 400, 'invalid-input'],
    [
      {
        day: '2026-11-15',
        counters: [
          { id: 'x', services: [{ serviceId: 'pension', weight: 1 }], windows: [{ from: '10:00', until: '09:00' }] },
        ],
      },
      400,
      'invalid-input',
    ],
    [{}, 400, 'invalid-input'],
  ])('bad input %j → %i %s, nothing changed', async (body, status, code) => {
    const before = await h.snapshot();
    const r = await h.request('POST', `${base}/what-if`, { as: 'supervisor', body });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(await h.snapshot()).toEqual(before);
  });

  it('[SA12] a 2,000-ticket day is replayed (bounded input; see the report for its time)', async () => {
    const big = seededDay(config, '2026-11-14', { seed: 7, perHour: () => 50, open: 8, close: 13 });
    await h.store.appendEvents(DEMO_BRANCH, '2026-11-14', 0, big);
    const issued = big.filter((e) => e.type === 'TicketIssued').length;
    expect(issued).toBeGreaterThan(1800);
    const r = await h.request('POST', `${base}/what-if`, {
      as: 'supervisor',
      body: { day: '2026-11-14', balancing: 'proportional' },
    });
    expect(r.status).toBe(200);
    expect(r.body.tickets).toBe(issued);
  });
});

describe('past days archived out of the live store', () => {
  it('[H8] the advice, the days listed and a what-if read them from the history, as before', async () => {
    const advice = () => h.request('GET', `${base}/advice?date=2026-11-22`, { as: 'supervisor' });
    const days = () => h.request('GET', `${base}/advice/days`, { as: 'supervisor' });
    const whatIf = () =>
      h.request('POST', `${base}/what-if`, {
        as: 'supervisor',
        body: { day: '2026-11-15', balancing: 'longest-wait' },
      });
    const before = { advice: await advice(), days: await days(), whatIf: await whatIf() };
    expect(before.advice.body.days).toEqual(SUNDAYS);

    const archiver = new Archiver({
      store: h.store,
      history: h.history,
      clock: h.now,
      configOf: async (id) => (await h.deps.queue.config(id))?.config,
      logger: createLogger('silent'),
      intervalMs: 60_000,
    });
    const pass = await archiver.runOnce();
    expect(pass.dropped).toBeGreaterThanOrEqual(DAYS.length);
    expect((await h.store.listDays(DEMO_BRANCH)).filter((d) => d < '2026-11-22')).toEqual([]);
    expect(await h.store.readEvents(DEMO_BRANCH, '2026-11-15', 0)).toEqual([]);

    const after = { advice: await advice(), days: await days(), whatIf: await whatIf() };
    expect(after.advice.status).toBe(200);
    expect(after.advice.body).toEqual(before.advice.body);
    expect(after.days.body).toEqual(before.days.body);
    expect(after.whatIf.status).toBe(200);
    expect(after.whatIf.body).toEqual(before.whatIf.body);
  });
});
