// The typed REST client. Every answer is parsed with protocol's zod schema: a server that answers
// something else is a bug found here, not a blank screen later. Every failure is an ApiError with
// the server's own words (Persian and English), its field paths, and what a conflict or a wait needs.
import { ErrorBody, type Message } from '@nobat/protocol';
import type { z } from 'zod';
import { PROTOCOL_OUTDATED, protocolHeaders, reloadForUpgrade } from './upgrade.ts';

export type FieldIssue = { path: string; message: string };
export type Conflict = NonNullable<ErrorBody['error']['conflict']>;

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached, -1 when its answer was not what the protocol says. */
    readonly status: number,
    readonly code: string,
    readonly text: Message,
    /** Which fields were wrong (zod paths, "services.0.dailyCap"), for validation errors. */
    readonly issues: FieldIssue[] = [],
    /** For a refusal about time (too many attempts): seconds until trying again. */
    readonly retryAfterSeconds?: number,
    /** For a save made on a stale version: the current version, and who changed it when. */
    readonly conflict?: Conflict,
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
  /** The session is gone (expired, signed out elsewhere, or revoked). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }
  /** The server could not be reached: worth trying again. */
  get network(): boolean {
    return this.status === 0;
  }
  /** The issues of one field (exact path) or of everything under it (`prefix.`). */
  issuesAt(path: string): FieldIssue[] {
    return this.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
  }
}

export const NETWORK_MESSAGE: Message = {
  fa: 'ارتباط با سرور برقرار نشد. دوباره تلاش کنید.',
  en: 'Could not reach the server. Please try again.',
};
const BAD_ANSWER: Message = {
  fa: 'پاسخ سرور قابل فهم نبود. صفحه را دوباره بارگذاری کنید.',
  en: "The server's answer could not be understood. Please reload the page.",
};

export interface RestOptions {
  /** Prefix of every path ('' in a browser page served by the server; 'http://host:port' elsewhere). */
  baseUrl?: string;
  /** A device token or session token sent as a bearer token; browsers signed in use the cookie instead. */
  token?: string | (() => string | null | undefined);
  /** Per request; none by default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * [UP7] What to do when the server says this client's protocol is too old (426 protocol-outdated),
   * besides throwing the ApiError. Default: reload the page once (in a browser; nothing in Node).
   */
  onProtocolOutdated?: (err: ApiError) => void;
}

export interface RequestOptions {
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestClient {
  /** Sends a request and parses a successful JSON answer with `schema`; throws ApiError otherwise. */
  request<S extends z.ZodType>(schema: S, method: Method, path: string, opts?: RequestOptions): Promise<z.infer<S>>;
  get<S extends z.ZodType>(schema: S, path: string, opts?: Omit<RequestOptions, 'body'>): Promise<z.infer<S>>;
  post<S extends z.ZodType>(schema: S, path: string, body?: unknown, opts?: RequestOptions): Promise<z.infer<S>>;
  put<S extends z.ZodType>(schema: S, path: string, body?: unknown, opts?: RequestOptions): Promise<z.infer<S>>;
  patch<S extends z.ZodType>(schema: S, path: string, body?: unknown, opts?: RequestOptions): Promise<z.infer<S>>;
  delete<S extends z.ZodType>(schema: S, path: string, opts?: RequestOptions): Promise<z.infer<S>>;
  /** A request whose answer is not JSON (a file download): the raw response once it is 2xx. */
  raw(method: Method, path: string, opts?: RequestOptions): Promise<Response>;
}

/** `/api/v1/branches/{id}` with each part encoded: path('/api/v1/branches', id). */
export const path = (...parts: (string | number)[]): string =>
  parts.map((p, i) => (i === 0 ? String(p) : encodeURIComponent(String(p)))).join('/');

export function createRestClient(options: RestOptions = {}): RestClient {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const base = options.baseUrl ?? '';

  async function send(method: Method, p: string, opts: RequestOptions = {}): Promise<Response> {
    // [UP5] Every call states the protocol version this build speaks.
    const headers: Record<string, string> = { accept: 'application/json', ...protocolHeaders(), ...opts.headers };
    const token = typeof options.token === 'function' ? options.token() : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: RequestInit['body'];
    if (opts.body !== undefined) {
      if (isBinary(opts.body)) body = opts.body;
      else {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(opts.body);
      }
    }
    const signals = [opts.signal, options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    let res: Response;
    try {
      res = await doFetch(`${base}${p}${queryString(opts.query)}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(signals.length ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) } : {}),
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new ApiError(0, 'network', NETWORK_MESSAGE);
    }
    if (!res.ok) {
      const err = await errorOf(res);
      if (err.code === PROTOCOL_OUTDATED) (options.onProtocolOutdated ?? (() => reloadForUpgrade()))(err);
      throw err;
    }
    return res;
  }

  async function request<S extends z.ZodType>(
    schema: S,
    method: Method,
    p: string,
    opts?: RequestOptions,
  ): Promise<z.infer<S>> {
    const res = await send(method, p, opts);
    const json = (await res.json().catch(() => undefined)) as unknown;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        -1,
        'bad-answer',
        BAD_ANSWER,
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return parsed.data;
  }

  return {
    request,
    get: (schema, p, opts) => request(schema, 'GET', p, opts),
    post: (schema, p, body, opts) => request(schema, 'POST', p, { ...opts, body }),
    put: (schema, p, body, opts) => request(schema, 'PUT', p, { ...opts, body }),
    patch: (schema, p, body, opts) => request(schema, 'PATCH', p, { ...opts, body }),
    delete: (schema, p, opts) => request(schema, 'DELETE', p, opts),
    raw: send,
  };
}

/** The ApiError of a non-2xx answer: the server's {error:{code,message,…}}, or the bare status. */
export async function errorOf(res: Response): Promise<ApiError> {
  const json = (await res.json().catch(() => null)) as unknown;
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success) {
    return new ApiError(res.status, `http-${res.status}`, { fa: `خطای ${res.status}`, en: `Error ${res.status}` });
  }
  const e = parsed.data.error;
  return new ApiError(res.status, e.code, e.message, e.issues ?? [], e.retryAfterSeconds, e.conflict);
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isBinary(body: unknown): body is NonNullable<RequestInit['body']> {
  return (
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  );
}
