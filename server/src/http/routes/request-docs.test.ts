// The request's documents and the units' evaluation over HTTP: the receipt and the notice for the
// staff who may read the request, the notice for the visitor (recording its electronic delivery),
// the clerk's جدول ۲ with the back-office dates, and the evaluation as JSON and as a file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { UnitEvaluation } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { popplerAvailable } from '../../history/export/test-docs.ts';
import {
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  OTHER_BRANCH,
  PUBLIC_URL,
  requestSetup,
  respondedSetup,
  TEST_APPLICANT,
  type UserName,
} from '../../testing/http-harness.ts';

const run = promisify(execFile);
let h: HttpHarness;
beforeEach(async () => {
  h = await createHttpHarness({ rates: { kioskPerMinute: 1000, webPerMinute: 1000 } });
});
afterEach(async () => {
  await h.close();
});

/** A call whose answer may be a file: its status, headers and bytes. */
async function fetchFile(path: string, as?: UserName | 'anonymous', init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  const token = as && as !== 'anonymous' ? h.tokenOf(as) : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const env = { incoming: { socket: { remoteAddress: '192.0.2.1', remotePort: 50000 } } };
  const res = await h.app.request(
    path,
    {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    },
    env,
  );
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

/** The text of a PDF, by poppler (null where poppler is not installed). */
async function pdfText(bytes: Buffer): Promise<string | null> {
  if (!popplerAvailable()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'nobat-doc-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return (await run('pdftotext', [file, '-'])).stdout.normalize('NFKC');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A request of the demo branch (requestSetup), or one responded (respondedSetup): its id and code. */
async function made(on: HttpHarness, responded = false) {
  const ctx = await (responded ? respondedSetup(on) : requestSetup(on));
  if (!ctx.requestId || !ctx.code) throw new Error('setup made no request');
  return { requestId: ctx.requestId, code: ctx.code };
}

const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

describe('the receipt', () => {
  it('[RD5][RD1][RD2] its readers get it as a PDF at every size, with the status page’s address on it', async () => {
    const { requestId, code } = await made(h);
    for (const size of ['a4', 'a5', 'roll80', 'roll58']) {
      const r = await fetchFile(`/api/v1/requests/${requestId}/receipt?size=${size}&lang=en`, 'clerk1');
      expect(r.status, size).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      expect(r.headers.get('content-disposition')).toBe(`inline; filename="receipt-${code}-${size}.pdf"`);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(isPdf(r.bytes)).toBe(true);
      const text = await pdfText(r.bytes);
      if (text !== null) {
        expect(text).toContain(`${PUBLIC_URL}/r/${code}`);
        expect(text).toContain(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`);
        expect(text).toContain(TEST_APPLICANT.nationalId);
      }
    }
    // Persian and A5 by default; the unit's officer and the branch's supervisor may print it too.
    const fa = await fetchFile(`/api/v1/requests/${requestId}/receipt`, 'officer-enforcement');
    expect([fa.status, fa.headers.get('content-disposition')]).toEqual([
      200,
      `inline; filename="receipt-${code}-a5.pdf"`,
    ]);
    expect((await fetchFile(`/api/v1/requests/${requestId}/receipt`, 'supervisor')).status).toBe(200);
  });

  it('[RD5] is refused to those who may not read the request, and for a bad size or language', async () => {
    const { requestId } = await made(h);
    expect((await fetchFile(`/api/v1/requests/${requestId}/receipt`, 'anonymous')).status).toBe(401);
    // Another unit never had it; another branch does not know it (RQ15, RS4).
    const other = await fetchFile(`/api/v1/requests/${requestId}/receipt`, 'officer-revenue');
    expect([other.status, other.json().error.code]).toEqual([404, 'request-not-found']);
    expect((await fetchFile(`/api/v1/requests/${requestId}/receipt`, 'k1')).status).toBe(404);
    expect((await fetchFile('/api/v1/requests/rq-nothing/receipt', 'clerk1')).status).toBe(404);
    const size = await fetchFile(`/api/v1/requests/${requestId}/receipt?size=a3`, 'clerk1');
    expect([size.status, size.json().error.code]).toEqual([400, 'invalid-input']);
    expect((await fetchFile(`/api/v1/requests/${requestId}/receipt?lang=de`, 'clerk1')).status).toBe(400);
  });
});

describe('the response notice', () => {
  it('[RD5][RD3] not before the response is issued; then a PDF for its readers', async () => {
    const fresh = await made(h);
    const early = await fetchFile(`/api/v1/requests/${fresh.requestId}/response`, 'clerk1');
    expect([early.status, early.json().error.code]).toEqual([409, 'no-response']);
    expect(early.json().error.message.fa).toContain('صادر نشده');

    const h2 = await createHttpHarness({ rates: { kioskPerMinute: 1000, webPerMinute: 1000 } });
    try {
      const { requestId, code } = await made(h2, true);
      const res = await h2.app.request(`/api/v1/requests/${requestId}/response?lang=en`, {
        headers: { authorization: `Bearer ${h2.tokenOf('supervisor')}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="response-${code}-1.pdf"`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(isPdf(bytes)).toBe(true);
      const text = await pdfText(bytes);
      if (text !== null) {
        expect(text).toContain('Notice of the response');
        expect(text).toContain(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}-1`);
        expect(text).toContain('until the end of');
      }
      // Reading the notice is not delivering it.
      const view = await h2.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' });
      expect(view.body.state).toBe('responded');
    } finally {
      await h2.close();
    }
  });
});

describe('the visitor’s download of the notice', () => {
  it('[RD5][RQ12] with the code and the national ID: the PDF, and the request delivered electronically, once', async () => {
    const { requestId, code } = await made(h, true);
    const ask = (nationalId: string, c = code) =>
      fetchFile('/api/v1/public/requests/response', 'anonymous', {
        method: 'POST',
        body: { code: c, nationalId },
      });
    const wrong = await ask('0013542419');
    expect([wrong.status, wrong.json().error.code]).toEqual([404, 'request-not-found']);
    expect((await h.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' })).body.state).toBe('responded');

    const r = await ask(TEST_APPLICANT.nationalId);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="response-${code}-1.pdf"`);
    expect(isPdf(r.bytes)).toBe(true);
    const text = await pdfText(r.bytes);
    // Persian by default: the notice's number in Persian digits.
    const persian = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    if (text !== null) expect(text).toContain(persian(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}-1`));
    const after = await h.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' });
    expect(after.body).toMatchObject({ state: 'delivered', deliveryChannel: 'electronic' });
    expect(after.body.events.at(-1)).toMatchObject({
      type: 'Delivered',
      channel: 'electronic',
      by: { kind: 'visitor' },
    });

    // Again (in English, the code as written): the same notice, nothing more recorded.
    const written = `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;
    const again = await fetchFile('/api/v1/public/requests/response?lang=en', 'anonymous', {
      method: 'POST',
      body: { code: written, nationalId: TEST_APPLICANT.nationalId },
    });
    expect(again.status).toBe(200);
    const twice = await h.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' });
    expect(twice.body.version).toBe(after.body.version);
  });

  it('[RD5] before the response: refused, nothing recorded; a bad code: 400; rate-limited per address', async () => {
    const { requestId, code } = await made(h);
    const early = await fetchFile('/api/v1/public/requests/response', 'anonymous', {
      method: 'POST',
      body: { code, nationalId: TEST_APPLICANT.nationalId },
    });
    expect([early.status, early.json().error.code]).toEqual([409, 'move-not-allowed']);
    expect((await h.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' })).body.version).toBe(1);
    const bad = await fetchFile('/api/v1/public/requests/response', 'anonymous', {
      method: 'POST',
      body: { code: '1234567890', nationalId: TEST_APPLICANT.nationalId },
    });
    expect(bad.status).toBe(400);

    const limited = await createHttpHarness({ rates: { kioskPerMinute: 1000, webPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await limited.request('POST', '/api/v1/public/requests/response', {
          body: { code, nationalId: TEST_APPLICANT.nationalId },
        });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('the clerk’s daily log (جدول ۲)', () => {
  it('[RD6] shows the back-office dates of the request made from a visit, in the day list and its export', async () => {
    const HOUR = 3_600_000;
    const { requestId } = await made(h);
    const view = (await h.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' })).body;
    const dayRow = async () =>
      (await h.request('GET', '/api/v1/clerks/me/day', { as: 'clerk1' })).body.log.find(
        (r: { ticketId: string }) => r.ticketId === view.ticketId,
      );
    // Still being served at the counter: handed to the first stage all the same, when the request was made.
    expect(await dayRow()).toMatchObject({ handedAt: view.handedAt, respondedAt: null, deliveredAt: null });

    const moves: [UserName, string, unknown][] = [
      ['officer-enforcement', 'accept', {}],
      ['officer-enforcement', 'complete', {}],
      ['officer-revenue', 'accept', {}],
      ['officer-revenue', 'complete', {}],
      ['officer-revenue', 'accept', {}],
    ];
    h.advance(HOUR);
    for (const [as, m, body] of moves) await h.request('POST', `/api/v1/requests/${requestId}/${m}`, { as, body });
    h.advance(HOUR);
    const responded = await h.request('POST', `/api/v1/requests/${requestId}/respond`, {
      as: 'officer-revenue',
      body: { legalBasis: 'مادهٔ ۲۸', answer: 'موافقت شد.', appealTo: 'هیئت', appealUntil: '2099-01-01' },
    });
    expect(responded.status).toBe(200);
    expect(await dayRow()).toMatchObject({ respondedAt: responded.body.respondedAt, deliveredAt: null });
    h.advance(HOUR);
    await h.request('POST', `/api/v1/requests/${requestId}/deliver`, { as: 'clerk1', body: { channel: 'desk' } });
    const delivered = (await h.request('GET', `/api/v1/requests/${requestId}`, { as: 'clerk1' })).body;
    expect(await dayRow()).toMatchObject({
      handedAt: view.handedAt,
      respondedAt: delivered.respondedAt,
      deliveredAt: delivered.deliveredAt,
    });

    const csv = await fetchFile('/api/v1/clerks/me/day/export?format=csv&lang=en', 'clerk1');
    expect(csv.status).toBe(200);
    const local = (iso: string) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Tehran',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
    const line = csv.bytes
      .toString('utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith(`${view.ticketNumber},`));
    // Made at T0, responded two hours later, delivered three: each in its جدول ۲ column.
    expect(line?.split(',').slice(4, 7)).toEqual([
      local(view.handedAt),
      local(delivered.respondedAt),
      local(delivered.deliveredAt),
    ]);
  });
});

describe('the units’ evaluation', () => {
  const period = '?from=2026-11-01&to=2026-11-30';

  it('[UE6] per unit and post for a supervisor’s branch; steps finished, open now, requests of the period', async () => {
    const { requestId } = await made(h, true);
    const r = await h.request('GET', `/api/v1/reports/units${period}`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    const e = UnitEvaluation.parse(r.body);
    expect(e.branchIds).toEqual([BRANCH]);
    const row = (unit: string) => e.rows.filter((x) => x.unit === unit);
    // premium-debt: one step at enforcement, two at revenue, all finished the same day (on time).
    expect(row('واحد اجرائیات').reduce((s, x) => s + x.handled, 0)).toBe(1);
    expect(row('واحد درآمد').reduce((s, x) => s + x.handled, 0)).toBe(2);
    expect(row('واحد درآمد').reduce((s, x) => s + x.onTime, 0)).toBe(2);
    expect(e.requests).toEqual({ created: 1, responded: 1, respondedOnTime: 1 });
    expect(requestId).toBeTruthy();
  });

  it('[UE6] admins see any branch or all; a supervisor not another branch; bad periods are 400', async () => {
    await made(h, true);
    const all = await h.request('GET', `/api/v1/reports/units${period}`, { as: 'admin' });
    expect(all.body.branchIds).toEqual(expect.arrayContaining([BRANCH, OTHER_BRANCH]));
    const one = await h.request('GET', `/api/v1/reports/units${period}&branchId=${OTHER_BRANCH}`, { as: 'admin' });
    expect(one.body).toMatchObject({ branchIds: [OTHER_BRANCH], requests: { created: 0 } });
    expect((await h.request('GET', `/api/v1/reports/units${period}&branchId=${BRANCH}`, { as: 'sup-b1' })).status).toBe(
      403,
    );
    expect((await h.request('GET', `/api/v1/reports/units${period}`, { as: 'clerk1' })).status).toBe(403);
    expect((await h.request('GET', `/api/v1/reports/units${period}&branchId=nowhere`, { as: 'admin' })).status).toBe(
      404,
    );
    expect(
      (await h.request('GET', '/api/v1/reports/units?from=2026-11-30&to=2026-11-01', { as: 'admin' })).status,
    ).toBe(400);
    expect(
      (await h.request('GET', '/api/v1/reports/units?from=2025-01-01&to=2026-11-01', { as: 'admin' })).status,
    ).toBe(400);
  });

  it('[UE6] as a file: CSV, XLSX and PDF, in Persian and English', async () => {
    await made(h, true);
    const csv = await fetchFile(`/api/v1/reports/units/export${period}&format=csv&lang=en`, 'supervisor');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="unit-evaluation-2026-11-01-2026-11-30.csv"',
    );
    const text = csv.bytes.toString('utf8');
    expect(text).toContain(
      'Unit,Post,Steps finished,On time,Share on time,Mean delay (hours),Returned,Open now,Overdue now',
    );
    expect(text).toContain('Responded by the promised date,1');
    for (const [format, lang] of [
      ['xlsx', 'fa'],
      ['pdf', 'fa'],
    ]) {
      const f = await fetchFile(`/api/v1/reports/units/export${period}&format=${format}&lang=${lang}`, 'admin');
      expect(f.status, format).toBe(200);
    }
  });
});
