// [SU1–SU7] The satisfaction survey over the HTTP app on a real SQLite store: open only after the visit,
// reached with the ticket's id alone, one answer per ticket (also when two arrive at once), bad input
// refused, and the results by axis, sub-service, clerk and Jalali month, hand-checked.
import { jalaliMonthKey, SURVEY_QUESTION_IDS, toJalali } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../domain/index.ts';
import { surveyUrl } from '../../survey/link.ts';
import { BRANCH, createHttpHarness, type HttpHarness } from '../../testing/http-harness.ts';

const path = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}/survey`;
/** Every question at one level, or per question from a function of its row. */
const answers = (level: number | ((row: number) => number)) =>
  Object.fromEntries(
    SURVEY_QUESTION_IDS.map((id) => [id, typeof level === 'number' ? level : level(Number(id.slice(1)))]),
  );

describe('the survey of a ticket (HTTP app, SQLite)', () => {
  let h: HttpHarness;
  beforeEach(async () => {
    h = await createHttpHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const act = async (action: string, as: 'clerk' | 'clerk2' = 'clerk', counter = 'counter-1') => {
    const r = await h.request('POST', `/api/v1/counters/${counter}/${action}`, { as, body: {} });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${r.text}`);
    return r.body;
  };
  /** A ticket of the premium list called, served and finished at counter-1 by clerk1. */
  const served = async (serviceId = 'premium-list') => {
    const t = await h.issue(serviceId);
    await act('call-next');
    await act('start');
    await act('finish');
    return t as { id: string; number: string };
  };
  const day = () => localDay(h.now(), 'Asia/Tehran');

  it('[SU1] the survey link is the ticket’s id under /s/, nothing else (no personal data)', () => {
    expect(surveyUrl('https://q.example', 'b0~AbC_12')).toBe('https://q.example/s/b0~AbC_12');
  });

  it('[SU2] before the visit has ended the survey is not open (409 survey-not-open), and nothing is written', async () => {
    await act('open');
    const t = await h.issue('premium-list');
    for (const step of [undefined, 'call-next', 'start']) {
      if (step) await act(step);
      const g = await h.request('GET', path(t.id));
      expect(g.status, g.text).toBe(409);
      expect(g.body.error.code).toBe('survey-not-open');
      const p = await h.request('POST', path(t.id), { body: { answers: answers(5) } });
      expect(p.status, p.text).toBe(409);
      expect(p.body.error).toMatchObject({ code: 'survey-not-open', message: { fa: expect.any(String) } });
    }
    expect(await h.store.listRecords('survey')).toEqual([]);
  });

  it('[SU1] an unknown or wrong ticket id is not found (404), a malformed one refused', async () => {
    await act('open');
    const t = await served();
    const wrong = `${t.id.slice(0, -2)}${t.id.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await h.request('GET', path(wrong))).status).toBe(404);
    expect((await h.request('POST', path(wrong), { body: { answers: answers(3) } })).status).toBe(404);
    expect((await h.request('GET', path('no-branch'))).status).toBe(404);
    expect(await h.store.listRecords('survey')).toEqual([]);
  });

  it('[SU3][SU4] one answer per ticket: 201, then 409 survey-already-answered with nothing changed; the record keeps branch, sub-service, clerk and day, not the mobile', async () => {
    await act('open');
    const t = await h.issue('premium-list', { mobile: '09121234567' });
    await act('call-next');
    await act('start');
    await act('finish');
    const g = await h.request('GET', path(t.id));
    expect(g.status, g.text).toBe(200);
    expect(g.body).toMatchObject({ ticketId: t.id, number: t.number, answered: false, day: day() });
    const body = {
      sex: 'female',
      age: 34,
      education: 'bachelor',
      job: 'معلم',
      visits: 2,
      answers: answers(4),
      suggestion: 'خوب بود',
    };
    const first = await h.request('POST', path(t.id), { body });
    expect(first.status, first.text).toBe(201);
    const rec = await h.store.getRecord<Record<string, unknown>>('survey', t.id);
    expect(rec?.version).toBe(1);
    expect(rec?.value).toMatchObject({
      ticketId: t.id,
      branchId: BRANCH,
      serviceId: 'premium-list',
      counterId: 'counter-1',
      clerkId: 'clerk1',
      day: day(),
      sex: 'female',
      suggestion: 'خوب بود',
    });
    expect(JSON.stringify(rec?.value)).not.toContain('0912');
    const second = await h.request('POST', path(t.id), { body: { answers: answers(1) } });
    expect(second.status, second.text).toBe(409);
    expect(second.body.error.code).toBe('survey-already-answered');
    const after = await h.store.getRecord<{ answers: Record<string, number> }>('survey', t.id);
    expect(after?.version).toBe(1);
    expect(after?.value.answers.q1).toBe(4);
    expect((await h.request('GET', path(t.id))).body.answered).toBe(true);
  });

  it('[SU3] two answers at once: exactly one 201 and one 409', async () => {
    await act('open');
    const t = await served();
    const rs = await Promise.all([1, 5].map((l) => h.request('POST', path(t.id), { body: { answers: answers(l) } })));
    expect(rs.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await h.store.listRecords('survey')).toHaveLength(1);
  });

  it('[SU4] bad input is refused with 400 and writes nothing: a missing question, a level outside 1–5, an unknown field, an age out of range, a suggestion too long', async () => {
    await act('open');
    const t = await served();
    const { q16: _, ...fifteen } = answers(3);
    for (const body of [
      { answers: fifteen },
      { answers: { ...answers(3), q1: 6 } },
      { answers: { ...answers(3), q1: 0 } },
      { answers: { ...answers(3), q17: 3 } },
      { answers: answers(3), mobile: '09120000000' },
      { answers: answers(3), age: 7 },
      { answers: answers(3), sex: 'x' },
      { answers: answers(3), suggestion: 'ا'.repeat(1001) },
      {},
    ]) {
      const r = await h.request('POST', path(t.id), { body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBeTypeOf('string');
    }
    expect(await h.store.listRecords('survey')).toEqual([]);
  });

  it('[SU5][SU6] results by axis, sub-service, clerk and month, hand-checked; a supervisor of another branch 403; no session 401', async () => {
    await act('open');
    const a = await served('premium-list');
    const b = await served('premium-list');
    // a: every question 5. b: questions 1–3 at 1, the rest at 3.
    expect((await h.request('POST', path(a.id), { body: { answers: answers(5) } })).status).toBe(201);
    expect((await h.request('POST', path(b.id), { body: { answers: answers((r) => (r <= 3 ? 1 : 3)) } })).status).toBe(
      201,
    );
    const q = (by: string, as: 'admin' | 'supervisor' | 'otherSupervisor' = 'admin', branch = BRANCH) =>
      h.request('GET', `/api/v1/survey/results?from=${day()}&to=${day()}&branchId=${branch}&by=${by}`, { as });

    const axis = await q('axis', 'supervisor');
    expect(axis.status, axis.text).toBe(200);
    expect(axis.body.answers).toBe(2);
    const rows = Object.fromEntries(axis.body.rows.map((r: { key: string }) => [r.key, r]));
    expect(axis.body.rows.map((r: { key: string }) => r.key)).toEqual([
      'transparency',
      'responsiveness',
      'mastery',
      'time',
      'systematic',
      'overall',
    ]);
    // Transparency: three 5s and three 1s → mean 3; the rest: (5+3)/2 = 4.
    expect(rows.transparency).toMatchObject({ answers: 2, mean: 3, distribution: [3, 0, 0, 0, 3] });
    expect(rows.responsiveness).toMatchObject({ answers: 2, mean: 4, distribution: [0, 0, 4, 0, 4] });
    expect(rows.overall).toMatchObject({ answers: 2, mean: 4, distribution: [0, 0, 1, 0, 1] });
    expect(rows.overall.label).toEqual({ fa: 'کلیت فرایند', en: 'The process as a whole' });

    // All 32 answers: sixteen 5s, three 1s, thirteen 3s → (80 + 3 + 39) / 32 = 3.8125 → 3.81.
    const whole = { answers: 2, mean: 3.81, distribution: [3, 0, 13, 0, 16] };
    const service = await q('service');
    expect(service.body.rows).toEqual([expect.objectContaining({ key: 'premium-list', ...whole })]);
    expect(service.body.rows[0].label.fa).not.toBe('premium-list');
    const clerk = await q('clerk');
    expect(clerk.body.rows).toEqual([expect.objectContaining({ key: 'clerk1', ...whole })]);
    const j = toJalali(day());
    const month = await q('month');
    expect(month.body.rows).toEqual([expect.objectContaining({ key: jalaliMonthKey(j.jy, j.jm), ...whole })]);

    expect((await q('axis', 'otherSupervisor')).status).toBe(403);
    expect((await h.request('GET', `/api/v1/survey/results?from=${day()}&to=${day()}`)).status).toBe(401);
    expect((await h.request('GET', `/api/v1/survey/results?from=${day()}&to=${day()}`, { as: 'clerk' })).status).toBe(
      403,
    );
    const empty = await h.request('GET', `/api/v1/survey/results?from=2000-01-01&to=2000-01-31&by=axis`, {
      as: 'admin',
    });
    expect(empty.body.answers).toBe(0);
    expect(empty.body.rows[0]).toMatchObject({ mean: null, distribution: [0, 0, 0, 0, 0] });
    expect((await h.request('GET', `/api/v1/survey/results?from=${day()}&to=2000-01-01`, { as: 'admin' })).status).toBe(
      400,
    );
  });

  it('[SU7] the results export as CSV, XLSX and PDF', async () => {
    await act('open');
    const a = await served();
    expect((await h.request('POST', path(a.id), { body: { answers: answers(4) } })).status).toBe(201);
    for (const format of ['csv', 'xlsx', 'pdf']) {
      const r = await h.app.request(
        `/api/v1/survey/results/export?from=${day()}&to=${day()}&by=axis&format=${format}&lang=fa`,
        { headers: { authorization: `Bearer ${h.tokenOf('admin')}` } },
      );
      expect(r.status, format).toBe(200);
      const bytes = new Uint8Array(await r.arrayBuffer());
      expect(bytes.length).toBeGreaterThan(50);
      if (format === 'csv') {
        const text = new TextDecoder().decode(bytes);
        expect(text).toContain('شفافیت فرایندی');
        expect(text).toContain('خیلی زیاد');
      }
    }
  });

  it('[SU1] a counter’s tablet (display device) gets the ticket the counter finished last, for 10 minutes, until answered', async () => {
    const tablet = (
      as: 'display' | 'kiosk' | 'clerk' | 'anonymous' | 'otherKiosk' = 'display',
      counter = 'counter-1',
    ) => h.request('GET', `/api/v1/branches/${BRANCH}/counters/${counter}/survey-ticket`, { as });
    await act('open');
    expect((await tablet()).body).toEqual({ ticketId: null, number: null });
    const a = await served();
    const b = await served();
    const got = await tablet();
    expect(got.status, got.text).toBe(200);
    expect(got.body).toEqual({ ticketId: b.id, number: b.number });
    expect((await tablet('display', 'counter-2')).body.ticketId).toBeNull();
    // Answered: the tablet offers nothing (not the older ticket either).
    expect((await h.request('POST', path(b.id), { body: { answers: answers(5) } })).status).toBe(201);
    expect((await tablet()).body.ticketId).toBeNull();
    expect(a.id).not.toBe(b.id);
    const c = await served();
    expect((await tablet()).body.ticketId).toBe(c.id);
    h.advance(10 * 60_000 + 1);
    expect((await tablet()).body.ticketId).toBeNull();
    // Only a display device of the branch.
    expect((await tablet('anonymous')).status).toBe(401);
    for (const who of ['kiosk', 'clerk', 'otherKiosk'] as const) expect((await tablet(who)).status, who).toBe(403);
    expect((await tablet('display', 'counter-404')).status).toBe(404);
  });
});
