// Tickets from the phone over real HTTP (PH1–PH8): the code, its attempts and expiry, the
// per-number daily limit, the branch's switch, idempotent repeats, bad input, and "I'm late". The
// app of the harness is served on a port (behind a "proxy": X-Forwarded-For names the visitor).
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { toAsciiDigits } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  BRANCH,
  createHttpHarness,
  type HttpHarness,
  type Json,
  OTHER_BRANCH,
} from '../../testing/http-harness.ts';

const SERVICE = 'premium-list';
const MOBILE = '09121234567';
let h: HttpHarness;
let server: ServerType;
let base: string;
beforeEach(async () => {
  h = await createHttpHarness({ web: { allowedOrigins: [], trustProxy: true } });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

/** A visitor's request over the network, from `address` (default 192.0.2.1). */
async function http(method: string, path: string, body?: Json, address = '192.0.2.1'): Promise<ApiResponse> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'x-forwarded-for': address, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

const challenge = (body: Json, branch = BRANCH, address?: string) =>
  http('POST', `/api/v1/phone/${branch}/challenge`, body, address);
const take = (body: Json, branch = BRANCH) => http('POST', `/api/v1/phone/${branch}/tickets`, body);
const issued = async (branch = BRANCH) => (await h.events(branch)).filter((e) => e.event.type === 'TicketIssued');

/** The code in the last message queued to a number, in Latin digits. */
function codeSentTo(mobile: string): string {
  const m = h.notifier.messages.filter((x) => x.to === mobile).at(-1);
  const code = m && /(\d{6})/.exec(toAsciiDigits(m.text))?.[1];
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function asked(mobile = MOBILE, serviceId = SERVICE, address?: string) {
  const r = await challenge({ mobile, serviceId }, BRANCH, address);
  expect(r.status, r.text).toBe(201);
  return {
    id: r.body.challengeId as string,
    code: codeSentTo(mobile.startsWith('+98') ? `0${mobile.slice(3)}` : mobile),
  };
}

async function setPhone(branch: string, phone: Json): Promise<void> {
  const g = await h.request('GET', `/api/v1/admin/branches/${branch}`, { as: 'admin' });
  const config = g.body.config;
  config.branch.settings.phone = { ...config.branch.settings.phone, ...phone };
  const r = await h.request('PUT', `/api/v1/admin/branches/${branch}`, {
    as: 'admin',
    body: { version: g.body.version, config },
  });
  expect(r.status, r.text).toBe(200);
}

describe('phone challenge', () => {
  it('[PH2] sends a 6-digit code once through the notifier (urgent, otp key) and answers no code', async () => {
    const r = await challenge({ mobile: '۰۹۱۲۱۲۳۴۵۶۷', serviceId: SERVICE });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({
      challengeId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(r.body.expiresAt) - h.now()).toBe(5 * 60_000);
    expect(r.text).not.toMatch(/\d{6}/);
    expect(h.notifier.messages).toEqual([
      expect.objectContaining({
        key: `otp:${r.body.challengeId}`,
        kind: 'otp',
        urgent: true,
        to: MOBILE,
        branchId: BRANCH,
      }),
    ]);
    const code = codeSentTo(MOBILE);
    // Only the hash is kept.
    const rec = await h.store.getRecord<Json>('phone-challenge', r.body.challengeId);
    expect(JSON.stringify(rec?.value)).not.toContain(code);
    expect(rec?.value.attempts).toBe(0);
  });

  it('[PH3] codes are limited per number and per address', async () => {
    for (let i = 0; i < 5; i++)
      expect((await challenge({ mobile: MOBILE, serviceId: SERVICE }, BRANCH, `10.0.0.${i}`)).status).toBe(201);
    const r = await challenge({ mobile: MOBILE, serviceId: SERVICE }, BRANCH, '10.0.0.9');
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate-limited');
    for (let i = 0; i < 5; i++)
      expect((await challenge({ mobile: `0912000000${i}`, serviceId: SERVICE }, BRANCH, '10.1.1.1')).status).toBe(201);
    expect((await challenge({ mobile: '09120000009', serviceId: SERVICE }, BRANCH, '10.1.1.1')).status).toBe(429);
    expect(h.notifier.messages).toHaveLength(10);
    h.advance(3_600_000);
    expect((await challenge({ mobile: MOBILE, serviceId: SERVICE }, BRANCH, '10.0.0.9')).status).toBe(201);
  });

  it('[PH8] bad input: 400 with a code, nothing sent or kept', async () => {
    for (const body of [
      { mobile: '12345', serviceId: SERVICE },
      { mobile: MOBILE },
      { mobile: MOBILE, serviceId: SERVICE, extra: 1 },
      {},
    ]) {
      const r = await challenge(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('invalid-input');
    }
    const unknown = await challenge({ mobile: MOBILE, serviceId: 'no-such' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown-service');
    expect((await take({ challengeId: 'x', code: '123456' })).status).toBe(400);
    expect((await take({ challengeId: 'a'.repeat(22), code: '12345' })).status).toBe(400);
    expect(h.notifier.messages).toEqual([]);
    expect((await h.store.listRecords('phone-challenge')).length).toBe(0);
  });

  it('[PH1] a branch with the switch off answers 403 phone-disabled and sends nothing', async () => {
    const r = await challenge({ mobile: MOBILE, serviceId: 's1' }, OTHER_BRANCH);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({
      code: 'phone-disabled',
      message: { fa: expect.any(String), en: expect.any(String) },
    });
    const { id, code } = await asked();
    await setPhone(BRANCH, { enabled: false });
    const before = await h.snapshot();
    const t = await take({ challengeId: id, code });
    expect(t.status).toBe(403);
    expect(t.body.error.code).toBe('phone-disabled');
    expect(await h.snapshot()).toEqual(before);
    expect(await issued()).toEqual([]);
  });
});

describe('phone ticket', () => {
  it('[PH5] the right code issues the ticket with the mobile in its contact and a tracking link; a repeat answers the same ticket', async () => {
    const { id, code } = await asked();
    const r = await take({ challengeId: id, code: toPersianDigitsOf(code) });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ serviceId: SERVICE, number: expect.any(String), ahead: 0 });
    expect(r.body.trackingUrl).toBe(`http://nobat.test/t/${encodeURIComponent(r.body.id)}`);
    const events = await issued();
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toMatchObject({
      ticketId: r.body.id,
      contact: { mobile: MOBILE },
      source: { kind: 'web' },
    });
    const again = await take({ challengeId: id, code });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(r.body.id);
    expect(await issued()).toHaveLength(1);
    // The public tracking page follows it.
    const tr = await http('GET', `/api/v1/tickets/${encodeURIComponent(r.body.id)}`);
    expect(tr.status).toBe(200);
  });

  it('[PH5] two requests at once with the right code issue one ticket', async () => {
    const { id, code } = await asked();
    const [a, b] = await Promise.all([take({ challengeId: id, code }), take({ challengeId: id, code })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await issued()).toHaveLength(1);
  });

  it('[PH4] a wrong code: 400 with the attempts left; after the limit the right code is refused too', async () => {
    const { id, code } = await asked();
    for (let left = 4; left >= 0; left--) {
      const r = await take({ challengeId: id, code: wrong(code) });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('wrong-code');
      expect(r.body.error.message.en).toContain(`${left} attempt`);
    }
    const before = await h.snapshot();
    const dead = await take({ challengeId: id, code });
    expect(dead.status).toBe(410);
    expect(dead.body.error.code).toBe('challenge-dead');
    expect(await h.snapshot()).toEqual(before);
    expect(await issued()).toEqual([]);
  });

  it('[PH4] wrong codes sent at once are each counted (compare-and-set)', async () => {
    const { id, code } = await asked();
    const answers = await Promise.all(Array.from({ length: 5 }, () => take({ challengeId: id, code: wrong(code) })));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
    expect((await h.store.getRecord<Json>('phone-challenge', id))?.value.attempts).toBe(5);
    expect((await take({ challengeId: id, code })).body.error.code).toBe('challenge-dead');
  });

  it('[PH4] an expired code is refused (the harness clock), and an unknown challenge too', async () => {
    const { id, code } = await asked();
    h.advance(5 * 60_000);
    const r = await take({ challengeId: id, code });
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe('challenge-expired');
    expect((await take({ challengeId: 'A'.repeat(22), code })).body.error.code).toBe('challenge-expired');
    expect(await issued()).toEqual([]);
  });

  it('[PH4] a challenge of one branch does not issue at another', async () => {
    const { id, code } = await asked();
    await setPhone(OTHER_BRANCH, { enabled: true });
    const r = await take({ challengeId: id, code }, OTHER_BRANCH);
    expect(r.status).toBe(410);
    expect(await issued(OTHER_BRANCH)).toEqual([]);
  });

  it('[PH5] a number takes at most the daily limit of phone tickets at a branch', async () => {
    for (let i = 0; i < 2; i++) {
      const { id, code } = await asked();
      expect((await take({ challengeId: id, code })).status).toBe(201);
    }
    const { id, code } = await asked('+989121234567');
    const before = await h.snapshot();
    const r = await take({ challengeId: id, code });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('daily-limit');
    expect(await h.snapshot()).toEqual(before);
    expect(await issued()).toHaveLength(2);
    // Another number is not limited by it.
    const other = await asked('09350000000');
    expect((await take({ challengeId: other.id, code: other.code })).status).toBe(201);
  });
});

describe("I'm late", () => {
  async function phoneTicket(mobile = MOBILE): Promise<string> {
    const { id, code } = await asked(mobile);
    const r = await take({ challengeId: id, code });
    expect(r.status, r.text).toBe(201);
    return r.body.id;
  }
  const late = (id: string) => http('POST', `/api/v1/phone/tickets/${encodeURIComponent(id)}/late`);
  const info = (id: string) => http('GET', `/api/v1/phone/tickets/${encodeURIComponent(id)}`);

  it('[PH6][PH7] a phone ticket goes back the set places once; the tracking page sees it', async () => {
    const mine = await phoneTicket();
    for (let i = 0; i < 6; i++) await h.issue(SERVICE);
    expect((await info(mine)).body).toEqual({ late: { places: 5, used: false } });
    const r = await late(mine);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ moved: 5, ahead: 5 });
    const tr = await http('GET', `/api/v1/tickets/${encodeURIComponent(mine)}`);
    expect(tr.body.ahead).toBe(5);
    expect((await info(mine)).body).toEqual({ late: { places: 5, used: true } });
    const version = (await h.events()).length;
    const again = await late(mine);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already-deferred');
    expect((await h.events()).length).toBe(version);
  });

  it('[PH7] a kiosk ticket is not deferred from the phone; an unknown ticket is 404; a called one 409', async () => {
    const kiosk = await h.issue(SERVICE);
    expect((await info(kiosk.id)).body).toEqual({ late: null });
    const r = await late(kiosk.id);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('not-phone-ticket');
    expect((await late(`${BRANCH}~AAAAAAAAAAAAAAAA`)).status).toBe(404);
    const mine = await phoneTicket();
    await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk', body: {} });
    const call = await h.request('POST', '/api/v1/counters/counter-1/call', {
      as: 'clerk',
      body: { ticketId: mine },
    });
    expect(call.status, call.text).toBe(200);
    const refusedLate = await late(mine);
    expect(refusedLate.status).toBe(409);
    expect(refusedLate.body.error.code).toBe('ticket-not-deferrable');
    expect((await h.events()).filter((e) => e.event.type === 'TicketDeferred')).toEqual([]);
  });
});

function toPersianDigitsOf(s: string): string {
  return s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] as string);
}
