// [NT6] A generic HTTP gateway for any provider with a plain HTTP API: a URL, a method, headers and a
// body template with {to}, {text} and {key}, each escaped for where it stands (the URL, a JSON body, a
// form body); success is a status in the configured list (default any 2xx).
import { fetchWithin, retryableStatus, textOf } from './http-util.ts';
import { GatewayError, type GatewayMessage, type SmsGateway } from './port.ts';

export interface HttpGatewayOptions {
  /** May hold {to} {text} {key} (URL-encoded there). */
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** Escaped as JSON string content when the content-type is JSON, URL-encoded when it is a form, else as is. */
  body?: string;
  /** Statuses that mean sent (default: 200–299). */
  okStatuses?: number[];
  timeoutMs?: number;
}

type Escape = (s: string) => string;

export function fillTemplate(template: string, m: GatewayMessage, esc: Escape): string {
  return template.replace(/\{(to|text|key)\}/g, (_, k: 'to' | 'text' | 'key') => esc(m[k]));
}

const jsonEscape: Escape = (s) => JSON.stringify(s).slice(1, -1);

export class HttpGateway implements SmsGateway {
  readonly name = 'http';
  readonly #o: HttpGatewayOptions;
  constructor(opts: HttpGatewayOptions) {
    this.#o = opts;
  }

  async send(m: GatewayMessage): Promise<{ id?: string }> {
    const headers = this.#o.headers ?? {};
    const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    const esc: Escape = /json/i.test(type)
      ? jsonEscape
      : /x-www-form-urlencoded/i.test(type)
        ? encodeURIComponent
        : (s) => s;
    const method = this.#o.method ?? 'POST';
    const init: RequestInit = { method, headers };
    if (this.#o.body !== undefined && method !== 'GET') init.body = fillTemplate(this.#o.body, m, esc);
    const res = await fetchWithin(fillTemplate(this.#o.url, m, encodeURIComponent), init, this.#o.timeoutMs ?? 10_000);
    const body = await textOf(res);
    const ok = this.#o.okStatuses ? this.#o.okStatuses.includes(res.status) : res.status >= 200 && res.status < 300;
    if (ok) return {};
    const retryable = retryableStatus(res.status);
    throw new GatewayError(
      `HTTP ${res.status}: ${body.slice(0, 200) || res.statusText}`,
      retryable,
      res.status === 429 ? 'throttled' : retryable ? 'gateway-busy' : 'refused',
    );
  }
}
