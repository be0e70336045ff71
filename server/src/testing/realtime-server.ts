// The demo server the realtime tests talk to (port 0, SQLite in a temporary directory, the demo
// office): started before the file's tests and gone after them, with the tokens of its devices and
// signed-in users by name, and the clients a test opened closed after it.
import type { CounterActionResult, IssuedTicket } from '@nobat/protocol';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type DemoServer, startDemo } from '../../../tests/support/demo-server.ts';
import {
  type ClientOptions,
  connectWithSnapshot,
  counterAction,
  issueTicket,
  login,
  type RecordingClient,
} from '../../../tests/support/socket.ts';

export const PASSWORD = 'test-password-1';

export interface RealtimeServer {
  /** `http://127.0.0.1:<port>` (once the file's tests run). */
  readonly url: string;
  /** The tokens by name: every demo device (kiosk-1, display-1, bridge-1 …) and every signed-in user. */
  readonly tokens: Record<string, string>;
  /** The token of `name`; throws when there is none. */
  token(name: string): string;
  /** Closes `client` after the current test. */
  track<C extends RecordingClient>(client: C): C;
  /** Connects to `namespace`, waits for the snapshot; the client is closed after the current test. */
  connect<S>(namespace: string, opts?: ClientOptions): Promise<{ client: RecordingClient; snapshot: S }>;
  /** kiosk-1 issues a ticket of `serviceId` in the demo branch. */
  issue(serviceId: string, extra?: Record<string, unknown>): Promise<IssuedTicket>;
  /** `clerk` takes `action` at `counterId`. */
  act(clerk: string, counterId: string, action: string, body?: unknown): Promise<CounterActionResult>;
}

/** Registers the hooks that run the server for the calling test file, and signs in `users`. */
export function useRealtimeServer(name: string, users: readonly string[]): RealtimeServer {
  let demo: DemoServer | undefined;
  const tokens: Record<string, string> = {};
  const clients: RecordingClient[] = [];
  const closeClients = () => {
    for (const c of clients.splice(0)) c.close();
  };
  const url = () => {
    if (!demo) throw new Error(`${name}: the server is not running`);
    return demo.url;
  };
  const token = (who: string) => {
    const t = tokens[who];
    if (!t) throw new Error(`no token for ${who}`);
    return t;
  };

  beforeAll(async () => {
    demo = await startDemo(name, PASSWORD);
    for (const d of demo.running?.demo?.devices ?? []) tokens[d.id] = d.token;
    const sessions = await Promise.all(users.map((u) => login(url(), u, PASSWORD)));
    users.forEach((u, i) => {
      tokens[u] = sessions[i] ?? '';
    });
  });
  afterEach(closeClients);
  afterAll(async () => {
    closeClients();
    await demo?.close();
  });

  return {
    get url() {
      return url();
    },
    tokens,
    token,
    track(client) {
      clients.push(client);
      return client;
    },
    async connect<S>(namespace: string, opts: ClientOptions = {}) {
      const r = await connectWithSnapshot<S>(url(), namespace, opts);
      clients.push(r.client);
      return r;
    },
    issue: (serviceId, extra = {}) => issueTicket(url(), token('kiosk-1'), serviceId, { extra }),
    act: (clerk, counterId, action, body = {}) => counterAction(url(), token(clerk), counterId, action, body),
  };
}
