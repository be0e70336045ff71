// A local fake of Kavenegar's REST API on a free port (POST /v1/{apiKey}/sms/send.json, a form body,
// a JSON answer with return.status 200), recording what it received, for tests that run the server
// with NOBAT_SMS_GATEWAY=kavenegar: the real outbox, worker and gateway driver, the fake at the end.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as Kavenegar received it. */
export interface KavenegarReceived {
  receptor: string;
  message: string;
  /** Our outbox key, hashed to a number (localIdOf in server/src/notify/gateways/kavenegar.ts). */
  localid: string;
  /** The whole form, as sent. */
  form: URLSearchParams;
}

export interface FakeKavenegar {
  /** `http://127.0.0.1:<port>` (NOBAT_KAVENEGAR_URL). */
  readonly url: string;
  readonly apiKey: string;
  /** Every message accepted, in order of arrival. */
  readonly received: KavenegarReceived[];
  /** The server's configuration for this fake (NOBAT_SMS_GATEWAY and the Kavenegar settings). */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1, a free port; it accepts only `apiKey` (404 otherwise, as Kavenegar does). */
export async function startFakeKavenegar(apiKey = 'TEST-KEY'): Promise<FakeKavenegar> {
  const received: KavenegarReceived[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== `/v1/${apiKey}/sms/send.json`) {
        res.writeHead(404).end(JSON.stringify({ return: { status: 404, message: 'not found' } }));
        return;
      }
      const form = new URLSearchParams(body);
      received.push({
        receptor: form.get('receptor') ?? '',
        message: form.get('message') ?? '',
        localid: form.get('localid') ?? '',
        form,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: received.length }] }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey,
    received,
    env: { NOBAT_SMS_GATEWAY: 'kavenegar', NOBAT_KAVENEGAR_API_KEY: apiKey, NOBAT_KAVENEGAR_URL: url },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
