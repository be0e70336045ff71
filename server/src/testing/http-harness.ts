// The HTTP app over a real SQLite store, driven with app.request() (no network). Seeding (argon2)
// is slow, so one template store per test file is seeded once — the demo office, a second branch
// with its own clerk, supervisor and kiosk, and a signed-in session for every user — kept in memory
// as the database file's bytes, and each harness writes its own copy: fresh state for the price of
// a file write.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchConfig, toAsciiDigits } from '@nobat/protocol';
import { Auth, newDeviceToken, type UserRecord } from '../auth/auth.ts';
import { LoginThrottle, type LoginThrottleOptions } from '../auth/login-throttle.ts';
import { DEMO_BRANCH, demoDeviceToken, seedDemo } from '../demo.ts';
import type { StoredEvent } from '../domain/events.ts';
import { localDay } from '../domain/local-time.ts';
import type { HistoryStore } from '../history/port.ts';
import { ReportService } from '../history/reports.ts';
import { openSqliteHistory } from '../history/sqlite/sqlite-history.ts';
import { installDirectiveReports } from '../history/test-support/install-directive-reports.ts';
import { createHttpApp } from '../http/app.ts';
import type { Deps } from '../http/context.ts';
import { createLogger } from '../log.ts';
import { Metrics } from '../metrics.ts';
import type { Notifier } from '../notify/port.ts';
import { QueueService } from '../queue/queue-service.ts';
import { RequestService } from '../requests/request-service.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { SyncCentre } from '../sync/centre.ts';
import { testConfigInput } from './fixtures.ts';
import { T0 } from './harness.ts';
import { type TestNotifier, testNotifier } from './test-notifier.ts';

export const PASSWORD = 'test-password-1';
/** The demo device tokens' key (NOBAT_DEMO_DEVICE_KEY): nothing to do with any password. */
export const DEVICE_KEY = 'test-demo-device-key';
export const PUBLIC_URL = 'http://nobat.test';
export const BRANCH = DEMO_BRANCH;
/** The second branch (the test fixture's "b1"): counters c1–c3, services s1–s3, clerks k1–k3. */
export const OTHER_BRANCH = 'b1';
export { T0 };

/** Everyone who may knock: nobody, the demo branch's devices and staff, and people of the other branch. */
export const PRINCIPALS = [
  'anonymous',
  'kiosk',
  'display',
  'bridge',
  'otherKiosk',
  'clerk',
  'otherClerk',
  'supervisor',
  'otherSupervisor',
  'admin',
  /** A back-office officer of the demo branch (unit واحد اجرائیات, the premium-debt workflow's first). */
  'officer',
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];
/** Signed-in users of the template (each has a session): admin, supervisor, clerk1…clerk6, k1, sup-b1, the demo's officers. */
export type UserName =
  | 'admin'
  | 'supervisor'
  | `clerk${1 | 2 | 3 | 4 | 5 | 6}`
  | 'k1'
  | 'sup-b1'
  | 'officer-desk'
  | 'officer-revenue'
  | 'officer-insured'
  | 'officer-enforcement';

const PRINCIPAL_USER: Partial<Record<PrincipalName, UserName>> = {
  clerk: 'clerk1',
  otherClerk: 'k1',
  supervisor: 'supervisor',
  otherSupervisor: 'sup-b1',
  admin: 'admin',
  officer: 'officer-enforcement',
};

interface Template {
  /** The seeded database file's bytes. */
  file: Buffer;
  sessions: Record<UserName, string>;
  devices: { kiosk: string; display: string; bridge: string; otherKiosk: string };
}

let template: Promise<Template> | undefined;

async function buildTemplate(): Promise<Template> {
  const dir = mkdtempSync(join(tmpdir(), 'nobat-http-template-'));
  const path = join(dir, 'template.sqlite');
  // Sessions are written as at T0, and the store must not see them expired on today's real clock.
  const store = openSqliteStore(path, { synchronous: 'normal', clock: () => T0 });
  try {
    if (!(await seedDemo(store, { password: PASSWORD, deviceKey: DEVICE_KEY })))
      throw new Error('seedDemo did nothing');
    // The second branch, written straight to the store so the harness does not lean on the routes under test.
    const other = BranchConfig.parse(testConfigInput());
    // The same password as the demo users: reuse their hash (argon2 is what makes seeding slow).
    const passwordHash = (await store.getRecord<UserRecord>('user', 'clerk1'))?.value.passwordHash;
    if (!passwordHash) throw new Error('template: the demo has no clerk1');
    const users: UserRecord[] = [
      {
        id: 'k1',
        username: 'k1',
        name: 'کارمند یک',
        role: 'clerk',
        branchId: OTHER_BRANCH,
        passwordHash,
        active: true,
        epoch: 'template',
      },
      {
        id: 'sup-b1',
        username: 'sup-b1',
        name: 'سرپرست شعبهٔ دیگر',
        role: 'supervisor',
        branchId: OTHER_BRANCH,
        passwordHash,
        active: true,
        epoch: 'template',
      },
    ];
    for (const u of users) await store.putRecord('user', u.id, u, 0);
    const kiosk = newDeviceToken({
      id: 'kiosk-b1',
      kind: 'kiosk',
      branchId: OTHER_BRANCH,
      name: 'کیوسک شعبهٔ دیگر',
      counterIds: [],
      kioskIds: [],
      active: true,
    });
    await store.putRecord('device', 'kiosk-b1', kiosk.record, 0);
    // The second branch's provincial office (its organisation is the demo's).
    await store.putRecord(
      'provincial-office',
      'tehran',
      { id: 'tehran', organisationId: 'sso', name: { fa: 'استان تهران', en: 'Tehran province' } },
      0,
    );
    await store.putRecord('branch', OTHER_BRANCH, other, 0);

    const auth = new Auth(store, { clock: () => T0 });
    const names: UserName[] = [
      'admin',
      'supervisor',
      'clerk1',
      'clerk2',
      'clerk3',
      'clerk4',
      'clerk5',
      'clerk6',
      'k1',
      'sup-b1',
      'officer-desk',
      'officer-revenue',
      'officer-insured',
      'officer-enforcement',
    ];
    // One real sign-in proves the password; the other sessions are written as Auth writes them
    // (record id: the token's SHA-256), each then checked through Auth.resolve, without paying
    // argon2 for every user.
    if (!(await auth.login('admin', PASSWORD))) throw new Error('template: admin could not sign in');
    const sessions = {} as Record<UserName, string>;
    for (const name of names) {
      const token = randomBytes(32).toString('base64url');
      const id = createHash('sha256').update(token).digest('hex');
      const epoch = (await store.getRecord<UserRecord>('user', name))?.value.epoch;
      const expiresAt = T0 + 12 * 3_600_000;
      await store.putRecord('session', id, { userId: name, epoch, expiresAt }, 0, { expiresAt });
      const who = await auth.resolve(token);
      if (who.kind !== 'user' || who.user.id !== name) throw new Error(`template: session of ${name} not accepted`);
      sessions[name] = token;
    }
    await store.close(); // the last connection checkpoints the WAL into the file, so its bytes are whole
    return {
      file: readFileSync(path),
      sessions,
      devices: {
        kiosk: demoDeviceToken(DEVICE_KEY, 'kiosk-1'),
        display: demoDeviceToken(DEVICE_KEY, 'display-1'),
        bridge: demoDeviceToken(DEVICE_KEY, 'bridge-1'),
        otherKiosk: kiosk.token,
      },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// biome-ignore lint/suspicious/noExplicitAny: answers are JSON the tests look into and assert on
export type Json = any;

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: Json;
}

export interface RequestOptions {
  /** Who is asking (default anonymous). */
  as?: PrincipalName | UserName;
  /** A raw bearer token (overrides `as`). */
  token?: string;
  /** Send the session as the browser's cookie instead of a bearer token. */
  cookie?: true;
  /** A JSON body (sent as application/json). */
  body?: unknown;
  /** A raw body, sent as is with `headers` (default content type application/json). */
  raw?: string;
  headers?: Record<string, string>;
  /** The client's address, as the Node adapter reports it (for the per-address web limit). */
  address?: string;
}

/** The pieces of the store that a refused call must leave as they were. */
export interface StoreSnapshot {
  branches: Record<string, number>;
  users: Record<string, { version: number; value: unknown }>;
  devices: Record<string, { version: number; value: unknown }>;
  logs: Record<string, number>;
  /** The organisation tree's records and the audit log's newest entries: a refused call adds none. */
  tree: Record<string, number>;
  audit: string[];
}

export interface HttpHarness {
  app: ReturnType<typeof createHttpApp>;
  deps: Deps;
  store: SqliteStore;
  /** The history store beside it, which the reports read (R1–R9); empty until something is archived into it. */
  history: HistoryStore;
  /** Session tokens of the template's users and device tokens of its devices. */
  sessions: Record<UserName, string>;
  devices: Template['devices'];
  now(): number;
  advance(ms: number): void;
  tokenOf(who: PrincipalName | UserName): string | undefined;
  request(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse>;
  /** Issues a ticket as the demo kiosk; throws unless it was issued. */
  issue(serviceId: string, extra?: Record<string, unknown>): Promise<Json>;
  /** The messages to visitors' mobiles the server queued (NT, PH2). */
  notifier: TestNotifier;
  /** The copies the fake kiosk printer was asked for (ticket and kiosk), in order. */
  reprints: { ticketId: string; kioskId: string }[];
  /** Today's events of a branch. */
  events(branchId?: string): Promise<StoredEvent[]>;
  snapshot(): Promise<StoreSnapshot>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  rates?: { kioskPerMinute: number; webPerMinute: number };
  metricsToken?: string;
  publicUrl?: string;
  web?: Deps['web'];
  loginThrottle?: LoginThrottleOptions;
  /** The history store reports read; default: a SQLite history file beside the store. */
  history?: HistoryStore;
  /** Messages to visitors (e.g. a recording notifier); default none. */
  notify?: Notifier;
}

/** A fresh app over its own copy of the seeded template store. */
export async function createHttpHarness(opts: HarnessOptions = {}): Promise<HttpHarness> {
  template ??= buildTemplate();
  const t = await template;
  const dir = mkdtempSync(join(tmpdir(), 'nobat-http-'));
  const path = join(dir, 'nobat.sqlite');
  writeFileSync(path, t.file);
  let now = T0;
  const clock = () => now;
  const store = openSqliteStore(path, { synchronous: 'normal', clock });
  const history: HistoryStore = opts.history ?? openSqliteHistory(join(dir, 'history.sqlite'));
  if (!opts.history) await history.migrate();
  // No realtime server here: a printer that prints whatever it is given, and remembers it.
  const reprints: HttpHarness['reprints'] = [];
  const notifier = testNotifier();
  const queue = new QueueService({ store, clock });
  const deps: Deps = {
    notify: notifier,
    ...(opts.notify ? { notify: opts.notify } : {}),
    printer: {
      async printCopy(found, kioskId) {
        reprints.push({ ticketId: found.ticket.id, kioskId });
        return { jobId: 'fake-job', kioskId, ticketId: found.ticket.id, ok: true, status: 'online' };
      },
    },
    store,
    history,
    queue,
    requests: new RequestService({ store, queue, clock }),
    auth: new Auth(store, { clock }),
    logger: createLogger('silent'),
    metrics: new Metrics(),
    publicUrl: opts.publicUrl ?? PUBLIC_URL,
    rates: opts.rates ?? { kioskPerMinute: 1000, webPerMinute: 5 },
    loginThrottle: new LoginThrottle(opts.loginThrottle),
    clock,
    reports: new ReportService({ store, history }),
    syncCentre: new SyncCentre({ store, clock, logger: createLogger('silent') }),
    ...(opts.metricsToken ? { metricsToken: opts.metricsToken } : {}),
    ...(opts.web ? { web: opts.web } : {}),
  };
  const app = createHttpApp(deps);

  const tokenOf = (who: PrincipalName | UserName): string | undefined => {
    if (who === 'anonymous') return undefined;
    if (who in t.devices) return t.devices[who as keyof Template['devices']];
    const user = PRINCIPAL_USER[who as PrincipalName] ?? (who as UserName);
    const token = t.sessions[user];
    if (!token) throw new Error(`no such principal: ${who}`);
    return token;
  };

  const request = async (method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = {};
    const token = o.token ?? (o.as ? tokenOf(o.as) : undefined);
    if (token && o.cookie) headers.cookie = `nobat_session=${token}`;
    else if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (o.raw !== undefined) {
      body = o.raw;
      headers['content-type'] = 'application/json';
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, o.headers);
    const env = { incoming: { socket: { remoteAddress: o.address ?? '192.0.2.1', remotePort: 50000 } } };
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }, env);
    const text = await res.text();
    let parsed: Json;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };

  const events = async (branchId: string = BRANCH) => store.readEvents(branchId, localDay(now, 'Asia/Tehran'), 0);

  return {
    app,
    deps,
    store,
    history,
    sessions: t.sessions,
    devices: t.devices,
    now: clock,
    advance(ms) {
      now += ms;
    },
    tokenOf,
    request,
    notifier,
    reprints,
    async issue(serviceId, extra = {}) {
      const r = await request('POST', `/api/v1/branches/${BRANCH}/tickets`, {
        as: 'kiosk',
        body: { serviceId, ...extra },
      });
      if (r.status !== 201) throw new Error(`issue ${serviceId}: ${r.status} ${r.text}`);
      return r.body;
    },
    events,
    async snapshot() {
      const versions = async (kind: 'user' | 'device') =>
        Object.fromEntries(
          (await store.listRecords(kind)).map((r) => [r.id, { version: r.version, value: r.value }] as const),
        );
      const branches = await store.listRecords('branch');
      const logs: Record<string, number> = {};
      for (const b of [BRANCH, OTHER_BRANCH, ...branches.map((r) => r.id)]) logs[b] = (await events(b)).length;
      return {
        branches: Object.fromEntries(branches.map((r) => [r.id, r.version])),
        users: await versions('user'),
        devices: await versions('device'),
        logs,
        tree: Object.fromEntries([
          ...(await store.listRecords('organisation')).map((r) => [`organisation:${r.id}`, r.version] as const),
          ...(await store.listRecords('provincial-office')).map((r) => [`office:${r.id}`, r.version] as const),
        ]),
        audit: (await store.listAudit({ limit: 200 })).entries.map((e) => e.id),
        hall: (await store.listRecords('hall-message')).map((r) => [r.id, r.version]),
      };
    },
    async close() {
      await store.close();
      if (!opts.history) await history.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- Every route, with the state in which a valid call by an allowed principal succeeds. The
// authorization and bad-input tests iterate the OpenAPI document and look each operation up here,
// so a route added without a scenario fails those tests instead of going untested.

/** Values a scenario's setup prepares for its path and body. */
export interface ScenarioContext {
  ticketId?: string;
  /** [PH4] A phone challenge and the code sent for it. */
  challengeId?: string;
  /** [AP6] A booking's manage token and its code. */
  token?: string;
  code?: string;
  version?: number;
  config?: Json;
  /** [RQ] A request's id (the path's {id} on request routes). */
  requestId?: string;
  nationalId?: string;
}

export interface RouteScenario {
  /** Who may call it; everyone else must be refused (401/403) and change nothing. */
  allowed: readonly PrincipalName[];
  /** The status a valid call by an allowed principal gets, in the state `setup` made. */
  ok: number;
  /** Path parameters besides the defaults (branch: the demo branch; counter: counter-1 …). */
  params?: Record<string, string>;
  setup?: (h: HttpHarness) => Promise<ScenarioContext>;
  /** A valid body for the route (a route without one takes no body). */
  body?: (ctx: ScenarioContext) => Json;
  /** Every field of the body is optional, so sending no body at all is the same as sending {}. */
  optionalBody?: true;
  /** Query parameters the call needs (e.g. the version an import is made on). */
  query?: (ctx: ScenarioContext) => Record<string, string | number>;
}

const STAFF: readonly PrincipalName[] = ['clerk', 'supervisor', 'admin'];
const USERS: readonly PrincipalName[] = ['clerk', 'otherClerk', 'supervisor', 'otherSupervisor', 'admin', 'officer'];
/** [RQ15] Those who read a request of the demo branch at the first unit: its branch's staff and that unit's officer. */
const REQUEST_READERS: readonly PrincipalName[] = ['clerk', 'supervisor', 'admin', 'officer'];
const ADMIN: readonly PrincipalName[] = ['admin'];
const BRANCH_EDITORS: readonly PrincipalName[] = ['supervisor', 'admin'];
/** Lists a supervisor may read, each their own branch's part of. */
const SUPERVISORS: readonly PrincipalName[] = ['supervisor', 'otherSupervisor', 'admin'];
const CLERK: readonly PrincipalName[] = ['clerk'];

let nationalIds = 0;
/** [AP4] A different valid national ID on every call (the check digit appended). */
export function nextNationalId(): string {
  const nine = String(200_000_000 + ++nationalIds * 7919);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const r = sum % 11;
  return `${nine}${r < 2 ? r : 11 - r}`;
}

/** A booking of the demo's pension for 09:30 on T0's day (T0 is 09:00 there): its token and code. */
async function bookingSetup(h: HttpHarness): Promise<ScenarioContext> {
  const r = await h.request('POST', `/api/v1/branches/${BRANCH}/appointments`, {
    body: { serviceId: 'pension', slot: '2026-11-22T09:30', mobile: '09121234567', nationalId: nextNationalId() },
  });
  if (r.status !== 201) throw new Error(`booking setup: ${r.status} ${r.text}`);
  return { token: r.body.token, code: r.body.code };
}

/** An open alert of the demo branch, for the acknowledging route. */
export const TEST_ALERT = {
  id: 'al-test',
  branchId: BRANCH,
  rule: 'queue-long',
  cause: `queue-long:s1:${T0}`,
  subject: { serviceId: 's1', waiting: 20 },
  since: new Date(T0).toISOString(),
  raisedAt: new Date(T0).toISOString(),
  state: 'open',
  resolvedAt: null,
  acked: null,
} as const;

/** [PH2] A phone challenge at the demo branch, with the code the notifier was given for it. */
async function phoneChallenge(h: HttpHarness): Promise<ScenarioContext> {
  const mobile = '09121234567';
  const r = await h.request('POST', `/api/v1/phone/${BRANCH}/challenge`, { body: { mobile, serviceId: 'finance' } });
  if (r.status !== 201) throw new Error(`setup: phone challenge: ${r.status} ${r.text}`);
  const text = h.notifier.messages.filter((m) => m.to === mobile).at(-1)?.text ?? '';
  const code = /(\d{6})/.exec(toAsciiDigits(text))?.[1];
  if (!code) throw new Error('setup: no code sent');
  return { challengeId: r.body.challengeId, code };
}

/** [PH5] A ticket taken from the phone at the demo branch. */
async function phoneTicket(h: HttpHarness): Promise<string> {
  const { challengeId, code } = await phoneChallenge(h);
  const r = await h.request('POST', `/api/v1/phone/${BRANCH}/tickets`, { body: { challengeId, code } });
  if (r.status !== 201) throw new Error(`setup: phone ticket: ${r.status} ${r.text}`);
  return r.body.id;
}

const DEFAULT_PARAMS: Record<string, string> = {
  branchId: BRANCH,
  counterId: 'counter-1',
  userId: 'clerk6',
  deviceId: 'bridge-1',
  organisationId: 'sso',
  officeId: 'sso-tehran',
};

/** An organisation and a provincial office nothing sits in (so they may be deleted). */
async function spareTree(h: HttpHarness): Promise<ScenarioContext> {
  for (const [path, value] of [
    ['/api/v1/admin/organisations', { id: 'org-spare', name: { fa: 'سازمان آزمایشی' } }],
    ['/api/v1/admin/provincial-offices', { id: 'office-spare', organisationId: 'sso', name: { fa: 'ادارهٔ آزمایشی' } }],
  ] as const) {
    const r = await h.request('POST', path, { as: 'admin', body: { version: 0, value } });
    if (r.status !== 201) throw new Error(`setup: ${path}: ${r.status} ${r.text}`);
  }
  return { version: 1 };
}

/** A sub-service no counter serves (so it may be deleted), with numbers no other service uses. */
export function spareService(id = 'spare', extra: Record<string, unknown> = {}): Json {
  return {
    id,
    groupId: 'finance',
    title: { fa: 'خدمت آزمایشی', en: 'Spare service' },
    numbering: { prefix: 'Z', from: 1, to: 999, digits: 3 },
    info: {
      averageDuration: { value: 5, unit: 'minute' },
      responsible: { name: 'مسئول', post: 'کارشناس' },
    },
    ...extra,
  };
}

/** A whole branch configuration under a new id (the test fixture's branch). */
export function newBranchConfig(id: string): Json {
  const config = testConfigInput();
  config.branch.id = id;
  return config;
}

/** A counter action by clerk1 at counter-1. */
async function act(h: HttpHarness, action: string, body?: unknown): Promise<Json> {
  const r = await h.request('POST', `/api/v1/counters/counter-1/${action}`, {
    as: 'clerk',
    ...(body !== undefined ? { body } : {}),
  });
  if (r.status !== 200) throw new Error(`setup: ${action}: ${r.status} ${r.text}`);
  return r.body;
}

/** clerk1 opens counter-1, a premium-list ticket is issued, and `steps` are taken. */
function counterSetup(...steps: ('issue' | 'call-next' | 'start' | 'park' | 'pause')[]) {
  return async (h: HttpHarness): Promise<ScenarioContext> => {
    await act(h, 'open');
    let ticketId: string | undefined;
    for (const step of steps) {
      if (step === 'issue') ticketId = (await h.issue('premium-list')).id;
      else if (step === 'park') await act(h, 'park', {});
      else if (step === 'pause') await act(h, 'pause', { reason: 'ناهار' });
      else await act(h, step, step === 'call-next' ? {} : undefined);
    }
    return ticketId ? { ticketId } : {};
  };
}

/** The admin adds the spare service to the demo branch (for the routes that change or delete it). */
async function addSpareService(h: HttpHarness): Promise<ScenarioContext> {
  const r = await h.request('POST', `/api/v1/admin/branches/${BRANCH}/services`, { as: 'admin', body: spareService() });
  if (r.status !== 201) throw new Error(`setup: add service: ${r.status} ${r.text}`);
  return {};
}

async function branchEnvelope(h: HttpHarness): Promise<ScenarioContext> {
  const r = await h.request('GET', `/api/v1/admin/branches/${BRANCH}`, { as: 'admin' });
  if (r.status !== 200) throw new Error(`setup: branch config: ${r.status} ${r.text}`);
  return { version: r.body.version, config: r.body.config };
}

/** The demo branch's monthly CRM report of Aban 1405, made at T0 (1 Azar). */
export const TEST_DIRECTIVE_REPORT = `crm-monthly/1405-08/branch/${BRANCH}`;

/** [SU2] A ticket of the premium list served to the end at counter-1 by clerk1: its survey is open. */
async function finishedTicket(h: HttpHarness): Promise<ScenarioContext> {
  const t = await h.issue('premium-list');
  for (const action of ['open', 'call-next', 'start', 'finish']) {
    const r = await h.request('POST', `/api/v1/counters/counter-1/${action}`, { as: 'clerk', body: {} });
    if (r.status !== 200) throw new Error(`setup: ${action}: ${r.status} ${r.text}`);
  }
  return { ticketId: t.id };
}

/** [RQ3] A premium-debt ticket being served by clerk1 at counter-1 (a request may be made from it). */
async function servedTicket(h: HttpHarness): Promise<ScenarioContext> {
  const t = await h.issue('premium-debt');
  for (const action of ['open', 'call-next', 'start']) {
    const r = await h.request('POST', `/api/v1/counters/counter-1/${action}`, { as: 'clerk', body: {} });
    if (r.status !== 200) throw new Error(`setup: ${action}: ${r.status} ${r.text}`);
  }
  return { ticketId: t.id };
}

export const TEST_APPLICANT = { fullName: 'مریم احمدی', nationalId: '0084575948', mobile: '09121234567' };

/** [RQ3] A request made by clerk1 from a served premium-debt visit: pending at واحد اجرائیات. */
export async function requestSetup(h: HttpHarness): Promise<ScenarioContext> {
  const { ticketId } = await servedTicket(h);
  const r = await h.request('POST', '/api/v1/requests', {
    as: 'clerk',
    body: { ticketId: ticketId ?? '', applicant: TEST_APPLICANT },
  });
  if (r.status !== 201) throw new Error(`setup: request: ${r.status} ${r.text}`);
  return { requestId: r.body.id, code: r.body.code, nationalId: TEST_APPLICANT.nationalId };
}

/** [RQ11] The request of requestSetup moved through its three steps and responded (premium-debt's workflow). */
export async function respondedSetup(h: HttpHarness): Promise<ScenarioContext> {
  const ctx = await requestSetup(h);
  const moves: [UserName, string, unknown][] = [
    ['officer-enforcement', 'accept', {}],
    ['officer-enforcement', 'complete', {}],
    ['officer-revenue', 'accept', {}],
    ['officer-revenue', 'complete', {}],
    ['officer-revenue', 'accept', {}],
    [
      'officer-revenue',
      'respond',
      { legalBasis: 'مادهٔ ۲۸ قانون تأمین اجتماعی', answer: 'موافقت شد.', appealTo: 'هیئت', appealUntil: '2099-01-01' },
    ],
  ];
  for (const [as, move, body] of moves) {
    const r = await h.request('POST', `/api/v1/requests/${ctx.requestId}/${move}`, { as, body });
    if (r.status !== 200) throw new Error(`setup: ${move}: ${r.status} ${r.text}`);
  }
  return ctx;
}

/** [SY1] The demo branch linked to a branch server. */
async function linkSetup(h: HttpHarness): Promise<ScenarioContext> {
  const r = await h.request('POST', '/api/v1/admin/branch-links', { as: 'admin', body: { branchId: BRANCH } });
  if (r.status !== 201) throw new Error(`setup: branch link: ${r.status} ${r.text}`);
  return {};
}

export const ROUTE_SCENARIOS: Record<string, RouteScenario> = {
  // [SY1][SY6][SY7] Branch links: admins make and remove them; the branch's supervisor sees its state and outages.
  'POST /api/v1/admin/branch-links': { allowed: ADMIN, ok: 201, body: () => ({ branchId: BRANCH }) },
  'DELETE /api/v1/admin/branch-links/{branchId}': { allowed: ADMIN, ok: 200, setup: linkSetup },
  'GET /api/v1/sync/links/{branchId}': { allowed: BRANCH_EDITORS, ok: 200, setup: linkSetup },
  // [SY6][SY7] The console's list of links: every supervisor may ask (another branch's gets an empty list).
  'GET /api/v1/admin/branch-links': { allowed: SUPERVISORS, ok: 200, setup: linkSetup },
  'GET /api/v1/sync/outages': { allowed: SUPERVISORS, ok: 200 },
  // [SY3] Only a branch server has a sync status: this one is not, so its readers are answered 404.
  'GET /api/v1/sync/status': { allowed: SUPERVISORS, ok: 404 },
  // [RD1–RD5][UE1–UE6] The request's documents (its readers; the notice for anyone with code and ID) and the evaluation.
  'GET /api/v1/requests/{id}/receipt': { allowed: REQUEST_READERS, ok: 200, setup: requestSetup },
  'GET /api/v1/requests/{id}/response': { allowed: REQUEST_READERS, ok: 200, setup: respondedSetup },
  'POST /api/v1/public/requests/response': {
    allowed: PRINCIPALS,
    ok: 200,
    setup: respondedSetup,
    body: (ctx) => ({ code: ctx.code ?? '', nationalId: ctx.nationalId ?? '' }),
  },
  'GET /api/v1/reports/units': {
    allowed: SUPERVISORS,
    ok: 200,
    setup: requestSetup,
    query: () => ({ from: '2026-11-01', to: '2026-11-30' }),
  },
  'GET /api/v1/reports/units/export': {
    allowed: SUPERVISORS,
    ok: 200,
    setup: requestSetup,
    query: () => ({ from: '2026-11-01', to: '2026-11-30', format: 'csv', lang: 'fa' }),
  },
  // [RQ][RS] The electronic desk's requests.
  'POST /api/v1/requests': {
    allowed: CLERK,
    ok: 201,
    setup: servedTicket,
    body: (ctx) => ({ ticketId: ctx.ticketId ?? '', applicant: TEST_APPLICANT }),
  },
  'GET /api/v1/requests': { allowed: USERS, ok: 200, setup: requestSetup },
  'GET /api/v1/requests/by-ticket/{ticketId}': {
    allowed: REQUEST_READERS,
    ok: 200,
    setup: async (h) => {
      const ctx = await requestSetup(h);
      const r = await h.request('GET', `/api/v1/requests/${ctx.requestId}`, { as: 'clerk' });
      return { ticketId: r.body.ticketId };
    },
  },
  'GET /api/v1/requests/{id}': { allowed: REQUEST_READERS, ok: 200, setup: requestSetup },
  // One move stands for all (RQ5's matrix is domain/requests.test.ts): withdraw, by the branch's clerks and supervisors.
  'POST /api/v1/requests/{id}/{move}': {
    allowed: STAFF,
    ok: 200,
    params: { move: 'withdraw' },
    setup: requestSetup,
    body: () => ({ reason: 'انصراف متقاضی' }),
  },
  'POST /api/v1/public/requests/status': {
    allowed: PRINCIPALS,
    ok: 200,
    setup: requestSetup,
    body: (ctx) => ({ code: ctx.code ?? '', nationalId: ctx.nationalId ?? '' }),
  },
  'GET /api/v1/branches/{branchId}/units': { allowed: REQUEST_READERS, ok: 200 },
  // [SU1–SU7] The satisfaction survey: anyone with the ticket's id (its secret) once the visit has ended;
  // a counter's tablet is a display device of the branch; results for admins and supervisors.
  'GET /api/v1/tickets/{id}/survey': { allowed: PRINCIPALS, ok: 200, setup: finishedTicket },
  'POST /api/v1/tickets/{id}/survey': {
    allowed: PRINCIPALS,
    ok: 201,
    setup: finishedTicket,
    body: () => ({
      answers: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`q${i + 1}`, 4])),
      suggestion: 'خوب بود',
    }),
  },
  'GET /api/v1/branches/{branchId}/counters/{counterId}/survey-ticket': {
    allowed: ['display'],
    ok: 200,
    setup: finishedTicket,
  },
  'GET /api/v1/survey/results': {
    allowed: SUPERVISORS,
    ok: 200,
    query: () => ({ from: '2026-11-01', to: '2026-11-30', by: 'axis' }),
  },
  'GET /api/v1/survey/results/export': {
    allowed: SUPERVISORS,
    ok: 200,
    query: () => ({ from: '2026-11-01', to: '2026-11-30', by: 'service', format: 'csv', lang: 'fa' }),
  },
  // [R1] Reports: admins (every branch) and supervisors (their own branch only); they read only.
  'GET /api/v1/reports': {
    allowed: SUPERVISORS,
    ok: 200,
    query: () => ({ from: '2026-11-01', to: '2026-11-22', by: 'hour' }),
  },
  // [R8] The report as a file (renderDoc, export/render.ts).
  'GET /api/v1/reports/export': {
    allowed: SUPERVISORS,
    ok: 200,
    query: () => ({ from: '2026-11-01', to: '2026-11-22', format: 'csv', lang: 'fa' }),
  },
  // [DR6] The directives' reports: admins all, a supervisor their branch's (another's is unknown to them, 404).
  'GET /api/v1/directive-reports': {
    allowed: SUPERVISORS,
    ok: 200,
    setup: async (h) => {
      await installDirectiveReports(h);
      return {};
    },
  },
  'GET /api/v1/directive-reports/{id}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { id: TEST_DIRECTIVE_REPORT },
    setup: async (h) => {
      await installDirectiveReports(h);
      return {};
    },
  },
  // [SA1–SA12] Staffing advice and what-if: the branch's own supervisor and admins; they compute only.
  'GET /api/v1/branches/{branchId}/advice': { allowed: BRANCH_EDITORS, ok: 200 },
  'GET /api/v1/branches/{branchId}/advice/live': { allowed: BRANCH_EDITORS, ok: 200 },
  'GET /api/v1/branches/{branchId}/advice/days': { allowed: BRANCH_EDITORS, ok: 200 },
  'POST /api/v1/branches/{branchId}/what-if': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: async (h) => {
      await h.issue('premium-list');
      return {};
    },
    body: () => ({ day: '2026-11-22', balancing: 'longest-wait' }),
  },
  'GET /api/v1/branches': { allowed: PRINCIPALS, ok: 200 },
  'GET /api/v1/branches/{branchId}/counters': { allowed: PRINCIPALS, ok: 200 },
  'GET /api/v1/branches/{branchId}/services': { allowed: PRINCIPALS, ok: 200 },
  'GET /api/v1/tickets/{id}': {
    allowed: PRINCIPALS,
    ok: 200,
    setup: async (h) => ({ ticketId: (await h.issue('finance')).id }),
  },
  // Kiosks of the branch, its staff, and anyone from the web (rate-limited) while the branch allows it.
  'POST /api/v1/branches/{branchId}/tickets': {
    allowed: ['anonymous', 'kiosk', ...STAFF],
    ok: 201,
    body: () => ({ serviceId: 'finance', mobile: '09121234567' }),
  },
  // [AP1–AP10] Booking is public (rate-limited); the token is the key to a booking; check-in is the
  // branch's kiosks and staff.
  'GET /api/v1/branches/{branchId}/appointments': { allowed: PRINCIPALS, ok: 200 },
  'GET /api/v1/branches/{branchId}/appointments/{serviceId}/slots': {
    allowed: PRINCIPALS,
    ok: 200,
    params: { serviceId: 'pension' },
    query: () => ({ date: '2026-11-22' }),
  },
  'POST /api/v1/branches/{branchId}/appointments': {
    allowed: PRINCIPALS,
    ok: 201,
    body: () => ({
      serviceId: 'pension',
      slot: '2026-11-22T10:00',
      mobile: '09121234567',
      nationalId: nextNationalId(),
    }),
  },
  'GET /api/v1/appointments/{token}': { allowed: PRINCIPALS, ok: 200, setup: bookingSetup },
  'POST /api/v1/appointments/{token}/cancel': { allowed: PRINCIPALS, ok: 200, setup: bookingSetup },
  'POST /api/v1/appointments/{token}/move': {
    allowed: PRINCIPALS,
    ok: 200,
    setup: bookingSetup,
    body: () => ({ slot: '2026-11-22T11:00' }),
  },
  'GET /api/v1/branches/{branchId}/appointments/{serviceId}/day': {
    allowed: STAFF,
    ok: 200,
    params: { serviceId: 'pension' },
    query: () => ({ date: '2026-11-22' }),
  },
  'POST /api/v1/branches/{branchId}/appointments/check-in': {
    allowed: ['kiosk', ...STAFF],
    ok: 200,
    setup: bookingSetup,
    body: (ctx) => ({ code: ctx.code }),
  },
  // [T9] The clerk at counter-1 cancels a ticket counter-1 could call; supervisors and admins any.
  'POST /api/v1/tickets/{id}/cancel': {
    allowed: STAFF,
    ok: 200,
    setup: counterSetup('issue'),
    body: () => ({ reason: 'مراجعه‌کننده رفت' }),
  },
  // [PH2–PH7] Tickets from the phone: anyone (the code sent to the number is the check).
  'POST /api/v1/phone/{branchId}/challenge': {
    allowed: PRINCIPALS,
    ok: 201,
    body: () => ({ mobile: '09121234567', serviceId: 'finance' }),
  },
  'POST /api/v1/phone/{branchId}/tickets': {
    allowed: PRINCIPALS,
    ok: 201,
    setup: phoneChallenge,
    body: (ctx) => ({ challengeId: ctx.challengeId, code: ctx.code }),
  },
  'GET /api/v1/phone/tickets/{id}': {
    allowed: PRINCIPALS,
    ok: 200,
    setup: async (h) => ({ ticketId: await phoneTicket(h) }),
  },
  'POST /api/v1/phone/tickets/{id}/late': {
    allowed: PRINCIPALS,
    ok: 200,
    setup: async (h) => ({ ticketId: await phoneTicket(h) }),
  },
  // [T10] Staff of the ticket's branch reprint it, as a copy, on a kiosk of that branch.
  'POST /api/v1/tickets/{id}/reprint': {
    allowed: STAFF,
    ok: 200,
    setup: async (h) => ({ ticketId: (await h.issue('finance')).id }),
    body: () => ({ kioskId: 'kiosk-1' }),
  },
  // [BB1] A bridge's bus: a supervisor of its branch or an admin.
  'GET /api/v1/branches/{branchId}/bridges/{deviceId}/bus': { allowed: BRANCH_EDITORS, ok: 200 },
  // [BB2] A test through the bridge (a fake bridge answering ok), audited.
  'POST /api/v1/branches/{branchId}/bridges/{deviceId}/test': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: async (h) => {
      h.deps.bridgeBus = { connected: async () => true, test: async () => ({ ok: true }) };
      return {};
    },
    body: () => ({ kind: 'led-pattern', address: 1 }),
  },
  'POST /api/v1/auth/login': {
    allowed: PRINCIPALS,
    ok: 200,
    body: () => ({ username: 'clerk3', password: PASSWORD }),
  },
  'POST /api/v1/auth/logout': { allowed: PRINCIPALS, ok: 200 },
  'GET /api/v1/auth/me': { allowed: USERS, ok: 200 },
  // Every signed-in user changes their own password (and nobody else's).
  'POST /api/v1/auth/password': {
    allowed: USERS,
    ok: 200,
    body: () => ({ current: PASSWORD, new: 'a-brand-new-password' }),
  },

  'POST /api/v1/counters/{counterId}/open': { allowed: CLERK, ok: 200 },
  'POST /api/v1/counters/{counterId}/close': { allowed: CLERK, ok: 200, setup: counterSetup() },
  'POST /api/v1/counters/{counterId}/call-next': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue'),
    body: () => ({ requestId: 'call-next-0001' }),
    optionalBody: true,
  },
  'POST /api/v1/counters/{counterId}/call': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue'),
    body: (ctx) => ({ ticketId: ctx.ticketId }),
  },
  'POST /api/v1/counters/{counterId}/recall': { allowed: CLERK, ok: 200, setup: counterSetup('issue', 'call-next') },
  'POST /api/v1/counters/{counterId}/start': { allowed: CLERK, ok: 200, setup: counterSetup('issue', 'call-next') },
  'POST /api/v1/counters/{counterId}/finish': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue', 'call-next', 'start'),
  },
  'POST /api/v1/counters/{counterId}/no-show': { allowed: CLERK, ok: 200, setup: counterSetup('issue', 'call-next') },
  'POST /api/v1/counters/{counterId}/transfer': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue', 'call-next'),
    body: () => ({ toServiceId: 'premium-debt', note: 'به باجهٔ بدهی' }),
  },
  'POST /api/v1/counters/{counterId}/documents': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue', 'call-next'),
    body: () => ({ brought: ['list'] }),
  },
  'GET /api/v1/counters/{counterId}/queue': { allowed: ['clerk', 'supervisor'], ok: 200, setup: counterSetup('issue') },
  'GET /api/v1/clerks/me/day': { allowed: ['clerk', 'otherClerk'], ok: 200 },
  // [XP5] Their own جدول ۲ as a file.
  'GET /api/v1/clerks/me/day/export': {
    allowed: ['clerk', 'otherClerk'],
    ok: 200,
    query: () => ({ format: 'csv', lang: 'fa' }),
  },
  'GET /api/v1/clerks/me/desk': { allowed: ['clerk', 'otherClerk'], ok: 200 },
  'POST /api/v1/counters/{counterId}/park': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue', 'call-next'),
    body: () => ({ note: 'رفت مدرک بیاورد' }),
    optionalBody: true,
  },
  'POST /api/v1/counters/{counterId}/unpark': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup('issue', 'call-next', 'park'),
    body: (ctx) => ({ ticketId: ctx.ticketId }),
  },
  'POST /api/v1/counters/{counterId}/pause': {
    allowed: CLERK,
    ok: 200,
    setup: counterSetup(),
    body: () => ({ reason: 'ناهار' }),
  },
  'POST /api/v1/counters/{counterId}/resume': { allowed: CLERK, ok: 200, setup: counterSetup('pause') },
  // [SV1][SV2] The supervisor of the branch, or an admin, on the live floor.
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/open': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    body: () => ({ clerkId: 'clerk1' }),
  },
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/pause': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: counterSetup(),
    body: () => ({ reason: 'جلسه' }),
  },
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/resume': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: counterSetup('pause'),
  },
  'POST /api/v1/branches/{branchId}/supervise/counters/{counterId}/close': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: counterSetup(),
  },
  'POST /api/v1/branches/{branchId}/supervise/tickets/{ticketId}/move': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: counterSetup('issue'),
    body: () => ({ toServiceId: 'premium-debt' }),
  },

  'GET /api/v1/admin/organisations': { allowed: SUPERVISORS, ok: 200 },
  'POST /api/v1/admin/organisations': {
    allowed: ADMIN,
    ok: 201,
    body: () => ({ version: 0, value: { id: 'org-new', name: { fa: 'سازمان تازه', en: 'New organisation' } } }),
  },
  'PUT /api/v1/admin/organisations/{organisationId}': {
    allowed: ADMIN,
    ok: 200,
    body: () => ({ version: 1, value: { id: 'sso', name: { fa: 'تأمین اجتماعی' } } }),
  },
  'DELETE /api/v1/admin/organisations/{organisationId}': {
    allowed: ADMIN,
    ok: 200,
    params: { organisationId: 'org-spare' },
    setup: spareTree,
  },
  'GET /api/v1/admin/provincial-offices': { allowed: SUPERVISORS, ok: 200 },
  'POST /api/v1/admin/provincial-offices': {
    allowed: ADMIN,
    ok: 201,
    body: () => ({ version: 0, value: { id: 'sso-fars', organisationId: 'sso', name: { fa: 'استان فارس' } } }),
  },
  'PUT /api/v1/admin/provincial-offices/{officeId}': {
    allowed: ADMIN,
    ok: 200,
    body: () => ({ version: 1, value: { id: 'sso-tehran', organisationId: 'sso', name: { fa: 'استان تهران' } } }),
  },
  'DELETE /api/v1/admin/provincial-offices/{officeId}': {
    allowed: ADMIN,
    ok: 200,
    params: { officeId: 'office-spare' },
    setup: spareTree,
  },
  'GET /api/v1/admin/branches': { allowed: SUPERVISORS, ok: 200 },
  'POST /api/v1/admin/branches/{branchId}/copy': {
    allowed: ADMIN,
    ok: 201,
    body: () => ({ id: 'b-copy', name: { fa: 'شعبهٔ رونوشت', en: 'Copied branch' } }),
  },
  'GET /api/v1/admin/audit': { allowed: SUPERVISORS, ok: 200 },
  // Device health and alerts (src/health): the branch's supervisor or an admin.
  'GET /api/v1/branches/{branchId}/device-health': { allowed: BRANCH_EDITORS, ok: 200 },
  'GET /api/v1/branches/{branchId}/alerts': { allowed: BRANCH_EDITORS, ok: 200 },
  'POST /api/v1/branches/{branchId}/alerts/{alertId}/ack': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { alertId: TEST_ALERT.id },
    setup: async (h) => {
      await h.store.putRecord('alert', TEST_ALERT.id, TEST_ALERT, 0);
      return {};
    },
  },
  // [NT9] The SMS outbox: the branch's supervisor or an admin.
  'GET /api/v1/branches/{branchId}/outbox': { allowed: BRANCH_EDITORS, ok: 200 },
  'GET /api/v1/admin/branches/{branchId}': { allowed: BRANCH_EDITORS, ok: 200 },
  'POST /api/v1/admin/branches': {
    allowed: ADMIN,
    ok: 201,
    body: () => ({ config: newBranchConfig('b-new') }),
  },
  'PUT /api/v1/admin/branches/{branchId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: branchEnvelope,
    body: (ctx) => ({
      version: ctx.version,
      config: { ...ctx.config, branch: { ...ctx.config.branch, name: { fa: 'نام تازه' } } },
    }),
  },
  'DELETE /api/v1/admin/branches/{branchId}': { allowed: ADMIN, ok: 200 },
  // [TD6] Today's changes: a supervisor of the branch, or an admin.
  'GET /api/v1/branches/{branchId}/today': { allowed: BRANCH_EDITORS, ok: 200 },
  'PUT /api/v1/branches/{branchId}/today/counters/{counterId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    body: () => ({ services: [{ serviceId: 'finance', weight: 2 }], until: '12:00' }),
  },
  'DELETE /api/v1/branches/{branchId}/today/counters/{counterId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: async (h) => {
      const r = await h.request('PUT', `/api/v1/branches/${BRANCH}/today/counters/counter-1`, {
        as: 'admin',
        body: { services: [{ serviceId: 'finance', weight: 2 }], until: '12:00' },
      });
      if (r.status !== 200) throw new Error(`setup: assign: ${r.status} ${r.text}`);
      return {};
    },
  },
  'PUT /api/v1/branches/{branchId}/today/closed-services/{serviceId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { serviceId: 'finance' },
  },
  'DELETE /api/v1/branches/{branchId}/today/closed-services/{serviceId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { serviceId: 'finance' },
    setup: async (h) => {
      const r = await h.request('PUT', `/api/v1/branches/${BRANCH}/today/closed-services/finance`, { as: 'admin' });
      if (r.status !== 200) throw new Error(`setup: close: ${r.status} ${r.text}`);
      return {};
    },
  },
  'PUT /api/v1/branches/{branchId}/today/hall-message': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    body: () => ({ fa: 'سامانه تا ساعت ۱۱ قطع است', en: 'The system is down until 11:00', minutes: 30 }),
  },
  'DELETE /api/v1/branches/{branchId}/today/hall-message': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: async (h) => {
      const r = await h.request('PUT', `/api/v1/branches/${BRANCH}/today/hall-message`, {
        as: 'admin',
        body: { fa: 'پیام' },
      });
      if (r.status !== 200) throw new Error(`setup: hall message: ${r.status} ${r.text}`);
      return {};
    },
  },
  'POST /api/v1/admin/branches/{branchId}/services': {
    allowed: BRANCH_EDITORS,
    ok: 201,
    body: () => spareService(),
  },
  'PUT /api/v1/admin/branches/{branchId}/services/{itemId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { itemId: 'spare' },
    setup: addSpareService,
    body: () => spareService('spare', { title: { fa: 'عنوان تازه' }, dailyCap: 10 }),
  },
  'DELETE /api/v1/admin/branches/{branchId}/services/{itemId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { itemId: 'spare' },
    setup: addSpareService,
  },
  'POST /api/v1/admin/branches/{branchId}/counters': {
    allowed: BRANCH_EDITORS,
    ok: 201,
    body: () => ({ id: 'counter-9', number: 9, title: { fa: 'باجهٔ ۹' }, services: [{ serviceId: 'finance' }] }),
  },
  'PUT /api/v1/admin/branches/{branchId}/counters/{itemId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { itemId: 'counter-6' },
    body: () => ({ id: 'counter-6', number: 6, title: { fa: 'باجهٔ ۶ — مالی' }, services: [{ serviceId: 'finance' }] }),
  },
  'DELETE /api/v1/admin/branches/{branchId}/counters/{itemId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    params: { itemId: 'counter-6' },
  },
  'GET /api/v1/admin/users': { allowed: SUPERVISORS, ok: 200 },
  // A supervisor creates, changes and deletes the clerks of their own branch (clerk6 is one).
  'POST /api/v1/admin/users': {
    allowed: BRANCH_EDITORS,
    ok: 201,
    body: () => ({
      username: 'clerk7',
      name: 'کارمند هفت',
      role: 'clerk',
      branchId: BRANCH,
      password: 'password-of-7',
    }),
  },
  'PATCH /api/v1/admin/users/{userId}': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    body: () => ({ name: 'نام تازه', password: 'a-new-password' }),
    optionalBody: true,
  },
  'DELETE /api/v1/admin/users/{userId}': { allowed: BRANCH_EDITORS, ok: 200 },
  'GET /api/v1/admin/devices': { allowed: SUPERVISORS, ok: 200 },
  'POST /api/v1/admin/devices': {
    allowed: ADMIN,
    ok: 201,
    body: () => ({ id: 'kiosk-9', kind: 'kiosk', branchId: BRANCH, name: 'کیوسک ۹' }),
  },
  'DELETE /api/v1/admin/devices/{deviceId}': { allowed: ADMIN, ok: 200 },
  // [X1–X3] A branch's configuration out and back in: admins, and the branch's own supervisor.
  'GET /api/v1/admin/branches/{branchId}/export.json': { allowed: BRANCH_EDITORS, ok: 200 },
  'GET /api/v1/admin/branches/{branchId}/export.xlsx': { allowed: BRANCH_EDITORS, ok: 200 },
  'POST /api/v1/admin/branches/{branchId}/import': {
    allowed: BRANCH_EDITORS,
    ok: 200,
    setup: branchEnvelope,
    query: (ctx) => ({ version: ctx.version ?? 0 }),
    body: (ctx) => ({ format: 'nobat-branch-config', formatVersion: 1, version: ctx.version, config: ctx.config }),
  },
};

/** A documented operation: its method (upper case), path template, and whether it takes a JSON body. */
export interface DocOperation {
  key: string;
  method: string;
  path: string;
  hasBody: boolean;
}

/** The operations of an OpenAPI document, in document order. */
export function documentedOperations(doc: Json): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const m = method.toUpperCase();
      out.push({ key: `${m} ${path}`, method: m, path, hasBody: op.requestBody !== undefined });
    }
  }
  return out;
}

/** The concrete path of an operation in a scenario's state. */
export function concretePath(path: string, scenario: RouteScenario, ctx: ScenarioContext): string {
  const params: Record<string, string> = { ...DEFAULT_PARAMS, ...scenario.params };
  if (ctx.ticketId) {
    params.id = ctx.ticketId;
    params.ticketId = ctx.ticketId;
  }
  if (ctx.token) params.token = ctx.token;
  if (ctx.requestId) params.id = ctx.requestId;
  const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
  const query = scenario.query?.(ctx);
  return query
    ? `${concrete}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`
    : concrete;
}

/** The principal the bad-input tests send as: one allowed to call the route, so only validation stops them. */
export function mostPrivileged(scenario: RouteScenario): PrincipalName {
  for (const p of ['admin', 'clerk', 'kiosk'] as const) if (scenario.allowed.includes(p)) return p;
  return scenario.allowed[0] ?? 'anonymous';
}
