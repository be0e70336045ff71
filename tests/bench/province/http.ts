// The load generator's HTTP: node:http with a keep-alive agent per server (no client library between
// the timer and the socket), each answer timed from the request's start to its body's end.
import { Agent, request } from 'node:http';

export interface Answer {
  /** 0 when no HTTP answer came (connection error, timeout). */
  status: number;
  /** The parsed JSON body, when there was one. */
  body: unknown;
  ms: number;
  /** The error code of a refusal (`{error:{code}}`), or the socket error's code. */
  code?: string;
}

const TIMEOUT_MS = 30_000;
const IDLE_SOCKET_MS = 4_000;

export class Http {
  readonly #agents = new Map<string, Agent>();

  #agent(base: string): Agent {
    let a = this.#agents.get(base);
    if (!a) {
      // An idle socket is dropped after 4 s, before the server's keep-alive timeout (Node's 5 s) closes
      // it from its side: otherwise a request sent on a socket the server is closing fails ECONNRESET
      // (a clerk's requests are 20–90 s apart at 10×, so most of them would meet that race).
      a = new Agent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 128, timeout: IDLE_SOCKET_MS });
      this.#agents.set(base, a);
    }
    return a;
  }

  send(base: string, method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Answer> {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const started = performance.now();
    return new Promise<Answer>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers,
          agent: this.#agent(base),
          timeout: TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (error: NodeJS.ErrnoException) =>
            resolve({
              status: 0,
              body: undefined,
              ms: performance.now() - started,
              code: error.code ?? 'response-error',
            }),
          );
          res.on('end', () => {
            const ms = performance.now() - started;
            const status = res.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
            } catch {
              parsed = undefined;
            }
            const code =
              status >= 400
                ? ((parsed as { error?: { code?: string } } | undefined)?.error?.code ?? `http-${status}`)
                : undefined;
            resolve({ status, body: parsed, ms, ...(code ? { code } : {}) });
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ status: 0, body: undefined, ms: performance.now() - started, code: error.code ?? 'request-error' }),
      );
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    for (const a of this.#agents.values()) a.destroy();
  }
}
