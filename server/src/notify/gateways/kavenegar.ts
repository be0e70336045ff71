// [NT6] Kavenegar's REST API: POST {baseUrl}/v1/{apiKey}/sms/send.json with receptor, message, sender
// and localid (our key, hashed to a number: Kavenegar refuses a second message with a localid it has
// seen). The answer's return.status is 200 on success; its other codes say why not.
import { createHash } from 'node:crypto';
import type { SendFailure } from '@nobat/protocol';
import { fetchWithin, retryableStatus, textOf } from './http-util.ts';
import { GatewayError, type GatewayMessage, type SmsGateway } from './port.ts';

export interface KavenegarOptions {
  apiKey: string;
  /** The sender line; without it Kavenegar uses the account's default line. */
  sender?: string;
  /** Default https://api.kavenegar.com (tests point it at a local fake). */
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * Kavenegar's return codes worth trying again: 409 (the server cannot answer now), 418 (credit ran
 * out: an operator may top it up), 429/451 (too many requests); and any 5xx. The rest (400 bad
 * parameters, 401/403 the account or key, 411 bad receptor, 412 bad sender, 413 bad text, …) never
 * succeed on a retry.
 */
const RETRYABLE = new Set([409, 418, 429, 451]);

/** Kavenegar's return codes by what they mean to an operator (the console words them in either language). */
const REASONS: Record<number, SendFailure> = {
  401: 'account',
  403: 'account',
  407: 'account',
  409: 'gateway-busy',
  411: 'bad-number',
  412: 'bad-sender',
  413: 'bad-text',
  418: 'credit',
  429: 'throttled',
  451: 'throttled',
};

/** The localid Kavenegar takes: a positive integer; ours is derived from the outbox key. */
export function localIdOf(key: string): string {
  return BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 13)}`).toString();
}

interface KavenegarAnswer {
  return?: { status?: number; message?: string };
  entries?: { messageid?: number | string; status?: number }[];
}

export class KavenegarGateway implements SmsGateway {
  readonly name = 'kavenegar';
  readonly #o: Required<Omit<KavenegarOptions, 'sender'>> & { sender?: string };
  constructor(opts: KavenegarOptions) {
    this.#o = { baseUrl: 'https://api.kavenegar.com', timeoutMs: 10_000, ...opts };
  }

  async send(m: GatewayMessage): Promise<{ id?: string }> {
    const form = new URLSearchParams({ receptor: m.to, message: m.text, localid: localIdOf(m.key) });
    if (this.#o.sender) form.set('sender', this.#o.sender);
    const url = `${this.#o.baseUrl.replace(/\/$/, '')}/v1/${encodeURIComponent(this.#o.apiKey)}/sms/send.json`;
    const res = await fetchWithin(
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form },
      this.#o.timeoutMs,
    );
    const body = await textOf(res);
    let answer: KavenegarAnswer | undefined;
    try {
      answer = JSON.parse(body) as KavenegarAnswer;
    } catch {}
    const status = answer?.return?.status ?? res.status;
    if (res.ok && status === 200) {
      const id = answer?.entries?.[0]?.messageid;
      return id !== undefined ? { id: String(id) } : {};
    }
    const why = answer?.return?.message ?? (body.slice(0, 200) || res.statusText);
    const retryable = RETRYABLE.has(status) || retryableStatus(status) || retryableStatus(res.status);
    throw new GatewayError(
      `kavenegar ${status}: ${why}`,
      retryable,
      REASONS[status] ?? (retryable ? 'gateway-busy' : 'refused'),
    );
  }
}
