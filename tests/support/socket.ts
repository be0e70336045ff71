// Socket.IO clients for tests: every event a client receives is recorded in order, and tests wait for
// the one they expect (with a timeout) instead of sleeping. Also a small JSON client for the REST API.
import type { CounterActionResult, IssuedTicket } from '@nobat/protocol';
import { io, type Socket } from 'socket.io-client';
import { DEMO_BRANCH } from '../../server/src/demo.ts';

export interface Received {
  event: string;
  args: unknown[];
  at: number;
}

export interface ClientOptions {
  auth?: Record<string, unknown>;
  extraHeaders?: Record<string, string>;
}

export interface HandshakeRefusal {
  message: string;
  code: string | undefined;
}

/** A Socket.IO client that records what it receives. */
export class RecordingClient {
  readonly socket: Socket;
  /** Every event received, in order (including the reserved connect, connect_error and disconnect). */
  readonly received: Received[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(
    readonly namespace: string,
    socket: Socket,
  ) {
    this.socket = socket;
    socket.onAny((event: string, ...args: unknown[]) => this.#push(event, args));
    socket.on('connect', () => this.#push('connect', []));
    socket.on('disconnect', (reason) => this.#push('disconnect', [reason]));
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) =>
      this.#push('connect_error', [{ message: err.message, code: err.data?.code }]),
    );
  }

  #push(event: string, args: unknown[]): void {
    this.received.push({ event, args, at: Date.now() });
    for (const check of [...this.#waiters]) check();
  }

  /** The position after everything received so far: pass it as `from` to wait only for what follows. */
  mark(): number {
    return this.received.length;
  }

  /** The first argument of every `event` received (from position `from` on). */
  all<T>(event: string, from = 0): T[] {
    return this.received
      .slice(from)
      .filter((r) => r.event === event)
      .map((r) => r.args[0] as T);
  }

  /** Resolves with the first argument of the first `event` (from `from` on) that `match` accepts. */
  waitFor<T>(
    event: string,
    match: (payload: T) => boolean = () => true,
    opts: { from?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    const from = opts.from ?? 0;
    const timeoutMs = opts.timeoutMs ?? 5_000;
    return new Promise<T>((resolve, reject) => {
      let index = from;
      const check = () => {
        for (; index < this.received.length; index++) {
          const r = this.received[index];
          if (r && r.event === event && match(r.args[0] as T)) {
            finish();
            resolve(r.args[0] as T);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.received.slice(from).map((r) => r.event);
        reject(
          new Error(`${this.namespace}: no matching ${event} within ${timeoutMs} ms (received: ${seen.join(', ')})`),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves once connected; rejects with the refusal if the handshake is refused. */
  async connected(timeoutMs = 5_000): Promise<this> {
    if (this.socket.connected) return this;
    const from = this.mark();
    const outcome = await Promise.race([
      this.waitFor('connect', undefined, { from, timeoutMs }).then(() => undefined),
      this.waitFor<HandshakeRefusal>('connect_error', undefined, { from, timeoutMs }),
    ]);
    if (outcome) throw new Error(`${this.namespace}: connection refused: ${outcome.message}`);
    return this;
  }

  /** Sends an event with an acknowledgement and resolves with the answer. */
  request<T>(event: string, payload: unknown, timeoutMs = 5_000): Promise<T> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Opens a client of `namespace` on the server at `baseUrl` (websocket only, its own connection). */
export function openClient(baseUrl: string, namespace: string, opts: ClientOptions = {}): RecordingClient {
  const socket = io(`${baseUrl}${namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(opts.auth ? { auth: opts.auth } : {}),
    ...(opts.extraHeaders ? { extraHeaders: opts.extraHeaders } : {}),
  });
  return new RecordingClient(namespace, socket);
}

/** Connects and waits for the connection and for the first `snapshot` (the client then follows events). */
export async function connectWithSnapshot<T>(
  baseUrl: string,
  namespace: string,
  opts: ClientOptions = {},
): Promise<{ client: RecordingClient; snapshot: T }> {
  const client = openClient(baseUrl, namespace, opts);
  try {
    await client.connected();
    const snapshot = await client.waitFor<T>('snapshot');
    return { client, snapshot };
  } catch (error) {
    client.close();
    throw error;
  }
}

/** Tries to connect and resolves with the handshake refusal; throws if the connection is accepted. */
export async function refusal(baseUrl: string, namespace: string, opts: ClientOptions = {}): Promise<HandshakeRefusal> {
  const client = openClient(baseUrl, namespace, opts);
  try {
    const outcome = await Promise.race([
      client.waitFor<HandshakeRefusal>('connect_error'),
      client.waitFor('connect').then(() => undefined),
    ]);
    if (!outcome) throw new Error(`${namespace}: connected, but a refusal was expected (${JSON.stringify(opts)})`);
    return outcome;
  } finally {
    client.close();
  }
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface ApiOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Aborts the request after this long (no limit by default). */
  timeoutMs?: number;
}

/** A JSON request to the REST API. */
export async function api<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  opts: ApiOptions = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    ...(opts.timeoutMs !== undefined ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Like `api`, but throws unless the status is the expected one (2xx by default). */
export async function apiOk<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  opts: ApiOptions & { status?: number } = {},
): Promise<T> {
  const r = await api<T>(baseUrl, method, path, opts);
  const ok = opts.status === undefined ? r.status >= 200 && r.status < 300 : r.status === opts.status;
  if (!ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Signs in and returns the session token. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await apiOk<{ token: string }>(baseUrl, 'POST', '/api/v1/auth/login', { body: { username, password } });
  return r.token;
}

/**
 * The first sign-in of a user an admin made: the password the admin set is one-time (M6), so the
 * user chooses `own` first. Resolves with the session token that may then do everything.
 */
export async function firstLogin(baseUrl: string, username: string, oneTime: string, own = `${oneTime}-own`) {
  const first = await apiOk<{ token: string; mustChangePassword: boolean }>(baseUrl, 'POST', '/api/v1/auth/login', {
    body: { username, password: oneTime },
  });
  if (!first.mustChangePassword) throw new Error(`${username}: expected a one-time password`);
  const r = await apiOk<{ token: string }>(baseUrl, 'POST', '/api/v1/auth/password', {
    token: first.token,
    body: { current: oneTime, new: own },
  });
  return r.token;
}

/**
 * A device (a kiosk) or a user takes a ticket of `serviceId`: POST /api/v1/branches/{branchId}/tickets,
 * the demo branch unless told; throws unless it answers 201. `extra` joins the body (nationalId …).
 */
export function issueTicket(
  baseUrl: string,
  token: string,
  serviceId: string,
  opts: { branchId?: string; extra?: Record<string, unknown>; timeoutMs?: number } = {},
): Promise<IssuedTicket> {
  const { branchId = DEMO_BRANCH, extra, timeoutMs } = opts;
  return apiOk<IssuedTicket>(baseUrl, 'POST', `/api/v1/branches/${branchId}/tickets`, {
    token,
    body: { serviceId, ...extra },
    status: 201,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
}

/** A clerk's action at a counter: POST /api/v1/counters/{counterId}/{action}; throws unless it answers 2xx. */
export function counterAction<T = CounterActionResult>(
  baseUrl: string,
  token: string,
  counterId: string,
  action: string,
  body: unknown = {},
  opts: { timeoutMs?: number } = {},
): Promise<T> {
  return apiOk<T>(baseUrl, 'POST', `/api/v1/counters/${counterId}/${action}`, { token, body, ...opts });
}
