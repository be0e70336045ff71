import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpGateway } from './http.ts';
import { KavenegarGateway, localIdOf } from './kavenegar.ts';
import { GatewayError } from './port.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP server answering each request with the next scripted answer (or never, for 'hang'). */
class FakeHttp {
  readonly seen: Seen[] = [];
  readonly answers: ({ status: number; body: string } | 'hang')[] = [];
  server!: Server;
  url = '';
  async start() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => {
        body += c;
      });
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const a = this.answers.shift() ?? { status: 200, body: '' };
        if (a === 'hang') return;
        res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8' }).end(a.body);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

const msg = { to: '09121234567', text: 'نوبت ۱۰۰۱: لطفاً به باجهٔ ۲ مراجعه کنید.', key: 'b1~x:called' };

async function failure(p: Promise<unknown>): Promise<GatewayError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

describe('[NT6] Kavenegar gateway against a fake of its REST API', () => {
  let fake: FakeHttp;
  beforeEach(async () => {
    fake = new FakeHttp();
    await fake.start();
  });
  afterEach(() => fake.stop());

  const gw = (timeoutMs = 5_000) =>
    new KavenegarGateway({ apiKey: 'KEY-123', sender: '10004346', baseUrl: fake.url, timeoutMs });

  it('posts receptor, message, sender and localid to /v1/{key}/sms/send.json, and takes the messageid', async () => {
    fake.answers.push({
      status: 200,
      body: JSON.stringify({
        return: { status: 200, message: 'تایید شد' },
        entries: [{ messageid: 8792343, status: 1, statustext: 'در صف ارسال', receptor: '09121234567' }],
      }),
    });
    expect(await gw().send(msg)).toEqual({ id: '8792343' });
    const [req] = fake.seen;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v1/KEY-123/sms/send.json');
    const form = new URLSearchParams(req?.body);
    expect(Object.fromEntries(form)).toEqual({
      receptor: '09121234567',
      message: msg.text,
      sender: '10004346',
      localid: localIdOf(msg.key),
    });
    expect(localIdOf(msg.key)).toMatch(/^\d+$/);
    expect(localIdOf(msg.key)).not.toBe(localIdOf('b1~x:survey'));
  });

  it('a bad receptor (411) and a bad key (403) are permanent; 418 credit, 409 and 5xx are retryable', async () => {
    const answer = (status: number, message: string) => ({
      status,
      body: JSON.stringify({ return: { status, message }, entries: null }),
    });
    fake.answers.push(answer(411, 'receptor نامعتبر است'), answer(403, 'کد شناسائی API-Key معتبر نمی‌باشد'));
    const bad = await failure(gw().send(msg));
    expect(bad.retryable).toBe(false);
    expect(bad.message).toBe('kavenegar 411: receptor نامعتبر است');
    expect(bad.reason).toBe('bad-number');
    expect(await failure(gw().send(msg))).toMatchObject({ retryable: false, reason: 'account' });
    fake.answers.push(answer(418, 'اعتبار حساب شما کافی نیست'), answer(409, 'سرور قادر به پاسخگوئی نیست'));
    expect(await failure(gw().send(msg))).toMatchObject({ retryable: true, reason: 'credit' });
    expect(await failure(gw().send(msg))).toMatchObject({ retryable: true, reason: 'gateway-busy' });
    fake.answers.push({ status: 502, body: '<html>Bad Gateway</html>' });
    const e502 = await failure(gw().send(msg));
    expect(e502.retryable).toBe(true);
    expect(e502.reason).toBe('gateway-busy');
    expect(e502.message).toContain('kavenegar 502');
  });

  it('a gateway that does not answer is a retryable timeout', async () => {
    fake.answers.push('hang');
    const e = await failure(gw(150).send(msg));
    expect(e.retryable).toBe(true);
    expect(e.message).toBe('no answer within 150 ms');
  });

  it('a gateway that cannot be reached is retryable', async () => {
    await fake.stop();
    const e = await failure(gw().send(msg));
    expect(e.retryable).toBe(true);
    await fake.start();
  });
});

describe('[NT6] generic HTTP gateway against a local HTTP server', () => {
  let fake: FakeHttp;
  beforeEach(async () => {
    fake = new FakeHttp();
    await fake.start();
  });
  afterEach(() => fake.stop());

  it('fills the JSON body template with escaped values, sends the headers, and succeeds on 2xx', async () => {
    const gw = new HttpGateway({
      url: `${fake.url}/send?id={key}`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret' },
      body: '{"mobile":"{to}","text":"{text}","ref":"{key}"}',
    });
    const text = 'خط "اول"\nخط دوم';
    await gw.send({ ...msg, text });
    const [req] = fake.seen;
    expect(req?.url).toBe(`/send?id=${encodeURIComponent(msg.key)}`);
    expect(req?.headers.authorization).toBe('Bearer s3cret');
    expect(JSON.parse(req?.body ?? '')).toEqual({ mobile: '09121234567', text, ref: msg.key });
  });

  it('a form template is URL-encoded; a GET puts everything in the URL', async () => {
    await new HttpGateway({
      url: `${fake.url}/f`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'to={to}&msg={text}',
    }).send(msg);
    expect(Object.fromEntries(new URLSearchParams(fake.seen[0]?.body))).toEqual({ to: msg.to, msg: msg.text });
    await new HttpGateway({ url: `${fake.url}/g?to={to}&text={text}`, method: 'GET' }).send(msg);
    const u = new URL(fake.seen[1]?.url ?? '', fake.url);
    expect(fake.seen[1]?.method).toBe('GET');
    expect(u.searchParams.get('text')).toBe(msg.text);
  });

  it('success by the configured statuses; 4xx permanent with the body; 5xx, 429 and timeouts retryable', async () => {
    const gw = new HttpGateway({ url: `${fake.url}/s`, body: '{text}', okStatuses: [202], timeoutMs: 150 });
    fake.answers.push({ status: 202, body: '' }, { status: 200, body: 'ok?' });
    await gw.send(msg);
    expect((await failure(gw.send(msg))).retryable).toBe(false);
    fake.answers.push({ status: 400, body: '{"error":"invalid number"}' });
    const bad = await failure(gw.send(msg));
    expect(bad.retryable).toBe(false);
    expect(bad.message).toBe('HTTP 400: {"error":"invalid number"}');
    expect(bad.reason).toBe('refused');
    fake.answers.push({ status: 503, body: 'busy' }, { status: 429, body: 'slow down' }, 'hang');
    expect(await failure(gw.send(msg))).toMatchObject({ retryable: true, reason: 'gateway-busy' });
    expect(await failure(gw.send(msg))).toMatchObject({ retryable: true, reason: 'throttled' });
    const t = await failure(gw.send(msg));
    expect(t.retryable).toBe(true);
    expect(t.reason).toBe('timeout');
    expect(t.message).toBe('no answer within 150 ms');
  });
});
