// The composition root: configuration → store → queue → auth → HTTP app → Socket.IO. The only
// place that wires; tests call it with PORT=0 and a temporary data directory.
import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { AlertSettings } from '@nobat/protocol';
import { Auth } from './auth/auth.ts';
import { ensureFirstAdmin, type FirstAdmin } from './auth/first-admin.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import type { Config } from './config.ts';
import { type DemoSeed, seedDemo } from './demo.ts';
import { AlertService } from './health/alert-service.ts';
import { DeviceHealthService } from './health/device-health.ts';
import { Archiver } from './history/archiver.ts';
import { DirectiveReports } from './history/directive-reports.ts';
import { openHistory } from './history/open.ts';
import type { HistoryStore } from './history/port.ts';
import { ReportService } from './history/reports.ts';
import { createHttpApp } from './http/app.ts';
import type { Deps } from './http/context.ts';
import { capConnectionsPerAddress, httpServerOptions } from './http/limits.ts';
import { metricsApp } from './http/routes/ops.ts';
import { createLogger, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { createGateway } from './notify/gateways/index.ts';
import type { SmsGateway } from './notify/gateways/port.ts';
import { OutageNotices } from './notify/outage-messages.ts';
import { Outbox, type OutboxOptions } from './notify/outbox.ts';
import type { Notifier } from './notify/port.ts';
import { smsSettings, TicketMessages } from './notify/ticket-messages.ts';
import { type BackupStore, holdDataDir } from './ops/backup.ts';
import { BackupSchedule } from './ops/backup-schedule.ts';
import { Readiness } from './ops/readiness.ts';
import { QueueService } from './queue/queue-service.ts';
import { attachRealtime } from './realtime/realtime.ts';
import { type InquiryConnector, InquiryDesk, ManualInquiries } from './requests/inquiry.ts';
import { RequestNotices } from './requests/notices.ts';
import { RequestService } from './requests/request-service.ts';
import { openStore } from './store/open.ts';
import { closeRedisClient, createRedisClient, ignoreFailuresOf, isClusterUrl } from './store/redis/client.ts';
import { BranchSync } from './sync/branch.ts';
import { SyncCentre } from './sync/centre.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The browser apps, built by Vite into <app>/dist, served at /<app>. */
export const APPS = ['kiosk', 'display', 'counter', 'console'] as const;

export interface RunningServer {
  url: string;
  port: number;
  logger: Logger;
  demo: DemoSeed | undefined;
  /** The first admin made now, on a store that had no user (a real office's first start). */
  admin: FirstAdmin | undefined;
  queue: QueueService;
  /** The history store (H3–H8), migrated. */
  history: HistoryStore;
  /** Moves finished days into the history every NOBAT_ARCHIVE_INTERVAL_MS; tests call runOnce(). */
  archiver: Archiver;
  /** Makes the directives' reports when due (DR1–DR6); tests call tick(). */
  directiveReports: DirectiveReports;
  /** [NT1–NT5] The SMS outbox and its worker (deps.notify); tests call runOnce() or read it. */
  outbox: Outbox;
  /** [NT7][NT8] Derives visitors' messages from the branch logs; tests await settled(). */
  ticketMessages: TicketMessages;
  /** [RQ][RS] The electronic desk's requests (deps.requests). */
  requests: RequestService;
  /** [RN1–RN4] The visitors' SMS of the requests' stages; tests await settled(). */
  requestNotices: RequestNotices;
  /** [RS10] Inquiries to other agencies: handed to the connector, its answers entered. */
  inquiries: InquiryDesk;
  /** [SY1–SY10] Branch links to this server (as a centre). */
  syncCentre: SyncCentre;
  /** [SY3] This server's sync up to its centre, when it is a branch server (NOBAT_CENTRAL_URL). */
  branchSync: BranchSync | undefined;
  /** [OP2] What /readyz asks. */
  readiness: Readiness;
  /** [OP4] The metrics listener's URL, when NOBAT_METRICS_PORT is set. */
  metricsUrl: string | undefined;
  /** [OP7] The scheduled backups, when NOBAT_BACKUP_DIR and NOBAT_BACKUP_EVERY_MINUTES are set; tests call runOnce(). */
  backups: BackupSchedule | undefined;
  close(): Promise<void>;
}

export async function createServer(
  config: Config,
  opts: {
    logger?: Logger /** Epoch ms; system tests move it on. */;
    clock?: () => number;
    /** How often alerts are evaluated with no event (ms; default 15 s): system tests that move the clock shorten it. */
    alertIntervalMs?: number;
    /** A history store of the caller's (a bench's), instead of the one the configuration names; the caller closes it. */
    history?: HistoryStore;
    /** [NT] Messages to visitors' mobiles instead of the outbox (a test's recording one). */
    notify?: Notifier;
    /** An SMS gateway of the test's, instead of the one the configuration names; the server closes it. */
    gateway?: SmsGateway;
    /** The outbox's timings (tests: a short lease, a short worker interval). */
    outbox?: Pick<OutboxOptions, 'leaseMs' | 'intervalMs' | 'baseBackoffMs' | 'maxBackoffMs'>;
    /** How often the SMS follower reads every branch's log with no local event (ms; 0: never). */
    smsFollowIntervalMs?: number;
    /** [RS10] A connector to other agencies' systems for inquiries (default: by hand, ManualInquiries). */
    inquiryConnector?: InquiryConnector;
  } = {},
): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const store = openStore(config, { logger });
  // [UP1] The live store's schema is brought up to date (or found too new, which stops the start).
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  // [H7] The history's schema is brought up to date before anything reads it.
  const history = opts.history ?? openHistory(config);
  // [OP9] The SQLite files in NOBAT_DATA_DIR this server uses, and a mark that it holds them (restore refuses).
  const sqliteStores: BackupStore[] = [
    ...(store.kind === 'sqlite' ? (['live'] as const) : []),
    ...(history.kind === 'sqlite' && !opts.history ? (['history'] as const) : []),
  ];
  const releaseDataDir = sqliteStores.length > 0 ? holdDataDir(config.NOBAT_DATA_DIR) : () => {};
  await history.migrate();
  if (config.REDIS_URL && !config.DATABASE_URL) {
    // Each process would keep the days it archived in its own file, and drop them from the shared Redis.
    logger.warn('REDIS_URL without DATABASE_URL: several server processes must share one history (PostgreSQL)');
  }
  const demo =
    config.NOBAT_DEMO === 'on'
      ? await seedDemo(store, { password: config.NOBAT_DEMO_PASSWORD, deviceKey: config.NOBAT_DEMO_DEVICE_KEY })
      : undefined;
  const admin = await ensureFirstAdmin(store, config.NOBAT_ADMIN_PASSWORD);
  const clock = opts.clock ?? Date.now;
  // [SY2] Branches linked to a branch server are mirrored here, never decided here.
  const syncCentre = new SyncCentre({
    store,
    clock,
    logger,
    // [SY10] The centre's alert for the branch: evaluated at once, and again once its grace has passed.
    onLinkChange: (branchId, connected) => {
      void alerts.evaluate(branchId);
      if (connected) return;
      void queue.config(branchId).then((ix) => {
        const grace = (ix?.config.branch.settings.alerts ?? AlertSettings.parse({})).offlineGraceSeconds * 1000;
        setTimeout(() => void alerts.evaluate(branchId), grace + 100).unref();
      });
    },
    onDevices: (branchId) => void alerts.evaluate(branchId),
  });
  await syncCentre.start();
  const queue = new QueueService({
    store,
    clock,
    ownedElsewhere: (branchId) => syncCentre.isLinked(branchId),
    onListenerError: (err) => logger.error({ err }, 'projection failed'),
    dayIdleMs: config.NOBAT_DAY_IDLE_MINUTES * 60_000,
  });
  // [MEM1] Quiet days nobody uses leave memory: looked for a few times per idle period.
  const releasing = setInterval(
    () => queue.releaseIdle(),
    Math.max(1_000, Math.min(60_000, (config.NOBAT_DAY_IDLE_MINUTES * 60_000) / 4)),
  );
  releasing.unref();
  // [NT1–NT8] Messages to visitors: the outbox (durable, one per key), its worker and gateway.
  const outbox = new Outbox({
    store,
    gateway: opts.gateway ?? createGateway(config, logger),
    logger,
    clock,
    maxAttempts: config.NOBAT_SMS_MAX_ATTEMPTS,
    branchInfo: async (branchId) => {
      const ix = await queue.config(branchId);
      return ix && { timeZone: ix.config.branch.timeZone, sms: smsSettings(ix) };
    },
    ...opts.outbox,
  });
  const auth = new Auth(store, { sessionHours: config.NOBAT_SESSION_HOURS });
  // Device health and alerts, kept through the store (src/health).
  const health = new DeviceHealthService({
    store,
    clock,
    timeZone: async (branchId) => (await queue.config(branchId))?.config.branch.timeZone,
  });
  await health.sweep();
  // [RQ][RS] The requests: one service for the routes, the notices, the alerts and the live inboxes.
  const requests = new RequestService({
    store,
    queue,
    clock,
    onListenerError: (err) => logger.error({ err }, 'request listener failed'),
  });
  const alerts = new AlertService({
    store,
    queue,
    health,
    clock,
    logger,
    ...(opts.alertIntervalMs !== undefined ? { intervalMs: opts.alertIntervalMs } : {}),
    // [RN5] Steps past their due time.
    requests,
    linkState: (branchId) => syncCentre.linkState(branchId),
  });
  const metrics = new Metrics({ defaultMetrics: true });
  // [OP2] Readiness: every store this server uses (Socket.IO's Redis is added once it is made).
  const readiness = new Readiness([
    { name: 'live', ping: () => store.ping() },
    { name: 'history', ping: () => history.ping() },
  ]);
  // [S9] Every Redis connection comes from the one factory: standalone, Sentinel or Cluster alike.
  const redisClient = (name: string, subscriber = false) =>
    createRedisClient(config.REDIS_URL as string, {
      name,
      logger,
      commandTimeoutMs: config.NOBAT_REDIS_TIMEOUT_MS,
      subscriber,
    });
  // [L3][S12] Failed sign-ins and the routes' rate limits are counted where every process sees them:
  // in Redis when the server runs on it.
  const throttleRedis = config.REDIS_URL ? redisClient('limits') : undefined;
  const loginThrottle = new LoginThrottle({
    failsPerUser: config.NOBAT_LOGIN_FAILS,
    waitMinutes: config.NOBAT_LOGIN_WAIT_MINUTES,
    failsPerAddress: config.NOBAT_LOGIN_FAILS_PER_ADDRESS,
    ...(throttleRedis ? { redis: throttleRedis } : {}),
  });
  if (throttleRedis) readiness.add({ name: 'redis-limits', ping: () => throttleRedis.ping() });
  // [OP7] Scheduled backups of the SQLite files.
  const backups =
    config.NOBAT_BACKUP_DIR && config.NOBAT_BACKUP_EVERY_MINUTES !== undefined && sqliteStores.length > 0
      ? new BackupSchedule({
          dataDir: config.NOBAT_DATA_DIR,
          into: config.NOBAT_BACKUP_DIR,
          stores: sqliteStores,
          everyMs: config.NOBAT_BACKUP_EVERY_MINUTES * 60_000,
          keep: config.NOBAT_BACKUP_KEEP,
          logger,
          onFailure: () => metrics.backupFailures.inc(),
        })
      : undefined;
  if (config.NOBAT_BACKUP_EVERY_MINUTES !== undefined && sqliteStores.length === 0) {
    logger.warn(
      'NOBAT_BACKUP_EVERY_MINUTES: no SQLite store to back up (Redis and PostgreSQL have their own, see docs/operate/backups.md)',
    );
  }
  // [OP5] The gauges read when Prometheus scrapes.
  metrics.watch({
    pastTarget: () => alerts.pastTarget(),
    devices: () => health.all(),
    outbox: () => outbox.backlog(),
    readiness,
    clock,
    ...(backups ? { backups: () => backups.status() } : {}),
  });

  // [R1–R9] Reports over the history; [DR1–DR6] the directives' reports made from them.
  const reports = new ReportService({ store, history });
  const directiveReports = new DirectiveReports({ store, history, runner: reports, clock, logger });
  // The public URL is only known once listening when PORT=0.
  const deps: Deps = {
    store,
    history,
    reports,
    directiveReports,
    queue,
    auth,
    logger,
    metrics,
    clock,
    publicUrl: config.PUBLIC_URL ?? '',
    rates: { kioskPerMinute: config.NOBAT_KIOSK_RATE, webPerMinute: config.NOBAT_WEB_RATE },
    ...(throttleRedis ? { rateLimitRedis: throttleRedis } : {}),
    loginThrottle,
    health,
    alerts,
    requests,
    // A test's recording notifier, or the outbox.
    notify: opts.notify ?? outbox,
    syncCentre,
    ...(config.NOBAT_METRICS_TOKEN ? { metricsToken: config.NOBAT_METRICS_TOKEN } : {}),
    ...(config.NOBAT_METRICS_PORT !== undefined ? { metricsListener: true } : {}),
    readiness,
    web: { allowedOrigins: config.NOBAT_ALLOWED_ORIGINS, trustProxy: config.NOBAT_TRUST_PROXY === 'on' },
    ...(config.NOBAT_OLDEST_PROTOCOL ? { oldestProtocol: config.NOBAT_OLDEST_PROTOCOL } : {}),
  };
  const app = createHttpApp(deps);
  for (const name of APPS) {
    const root = join(repoRoot, name, 'dist');
    if (!existsSync(root)) continue;
    app.use(`/${name}/*`, serveStatic({ root, rewriteRequestPath: (p) => p.slice(name.length + 1) || '/' }));
    // Client-side routes fall back to the app's page.
    app.get(`/${name}/*`, serveStatic({ root, path: 'index.html' }));
    app.get(`/${name}`, (c) => c.redirect(`/${name}/`));
  }
  // The visitor's tracking page (the QR code's link) is a view of the kiosk build.
  const kioskDist = join(repoRoot, 'kiosk', 'dist');
  if (existsSync(kioskDist)) {
    app.get('/t/*', serveStatic({ root: kioskDist, path: 'index.html' }));
    // [PH1] A ticket from the visitor's phone: /q/<branchId>. [SU1] The survey: /s/<ticketId>.
    // [AP1–AP6] The booking (/b/{branch}) and manage (/a/{token}) pages. All views of the same build.
    for (const prefix of ['/q/*', '/s/*', '/b/*', '/a/*']) {
      app.get(prefix, serveStatic({ root: kioskDist, path: 'index.html' }));
    }
    // [RQ16] A request's status for the visitor: /r/<tracking code>.
    app.get('/r/*', serveStatic({ root: kioskDist, path: 'index.html' }));
  }

  // The sign-in throttle refuses while its connection is not ready (rejectIfRedisNotReady): a sign-in
  // in the first moments after start would be 503. Listen once it is (or its connect timeout passed).
  if (throttleRedis && throttleRedis.status !== 'ready') {
    await new Promise<void>((ready) => {
      const timer = setTimeout(ready, config.NOBAT_REDIS_TIMEOUT_MS);
      throttleRedis.once('ready', () => {
        clearTimeout(timer);
        ready();
      });
    });
  }
  const httpServer = await new Promise<HttpServer>((resolveListen) => {
    const serverOptions = httpServerOptions({
      headersTimeoutMs: config.NOBAT_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.NOBAT_REQUEST_TIMEOUT_MS,
    });
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions }, () =>
      resolveListen(s as HttpServer),
    );
    capConnectionsPerAddress(s as HttpServer, config.NOBAT_MAX_CONN_PER_IP);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  // [OP4] /metrics on a listener of its own, bound to NOBAT_METRICS_HOST (this host only by default).
  const metricsServer =
    config.NOBAT_METRICS_PORT !== undefined
      ? await new Promise<HttpServer>((resolveListen) => {
          const s = serve(
            { fetch: metricsApp(deps).fetch, port: config.NOBAT_METRICS_PORT, hostname: config.NOBAT_METRICS_HOST },
            () => resolveListen(s as HttpServer),
          );
        })
      : undefined;
  const metricsUrl = metricsServer
    ? `http://${config.NOBAT_METRICS_HOST.includes(':') ? `[${config.NOBAT_METRICS_HOST}]` : config.NOBAT_METRICS_HOST}:${(metricsServer.address() as AddressInfo).port}`
    : undefined;
  deps.publicUrl = config.PUBLIC_URL ?? url;

  // The adapter publishes without awaiting; while Redis is down that must not end the process.
  const sharded = config.REDIS_URL ? isClusterUrl(config.REDIS_URL) : false;
  const redis = config.REDIS_URL
    ? {
        pub: ignoreFailuresOf(redisClient('socket.io pub'), ['publish', 'spublish']),
        sub: ignoreFailuresOf(redisClient('socket.io sub', true), [
          'subscribe',
          'psubscribe',
          'unsubscribe',
          'punsubscribe',
          'ssubscribe',
          'sunsubscribe',
        ]),
        sharded,
      }
    : undefined;
  if (redis) readiness.add({ name: 'redis-pubsub', ping: () => redis.pub.ping() });
  const realtime = attachRealtime(httpServer, {
    queue,
    store,
    auth,
    logger,
    metrics,
    clock,
    publicUrl: () => deps.publicUrl,
    allowedOrigins: config.NOBAT_ALLOWED_ORIGINS,
    health,
    alerts,
    // [RN6] Live inboxes.
    requests,
    ...(redis ? { redis } : {}),
    ...(config.NOBAT_OLDEST_PROTOCOL ? { oldestProtocol: config.NOBAT_OLDEST_PROTOCOL } : {}),
  });
  syncCentre.attach(realtime.io);
  // [SY3] A branch server: its log goes up to the centre whenever the link is up.
  const branchSync =
    config.NOBAT_CENTRAL_URL && config.NOBAT_CENTRAL_TOKEN
      ? new BranchSync({
          store,
          queue,
          clock,
          logger,
          centralUrl: config.NOBAT_CENTRAL_URL,
          token: config.NOBAT_CENTRAL_TOKEN,
        })
      : undefined;
  if (branchSync) {
    deps.branchSync = branchSync;
    branchSync.start();
  }
  deps.printer = realtime.printing;
  deps.hall = realtime.hall;
  deps.bridgeBus = realtime.bridgeBus;
  alerts.start();
  const ticketMessages = new TicketMessages({
    store,
    queue,
    notify: outbox,
    publicUrl: () => deps.publicUrl,
    logger,
    clock,
    ...(opts.smsFollowIntervalMs !== undefined ? { intervalMs: opts.smsFollowIntervalMs } : {}),
  });
  ticketMessages.start();
  // [RN1–RN4] The visitor's SMS per stage of a request; what a killed process missed is queued now.
  const requestNotices = new RequestNotices({
    notify: deps.notify ?? outbox,
    publicUrl: () => deps.publicUrl,
    logger,
    clock,
    requests,
  });
  const stopRequestNotices = requestNotices.follow(requests);
  // [SY13] The provincial office's numbers hear of a linked branch's link going down and coming back.
  const outageNotices = new OutageNotices({
    store,
    notify: deps.notify ?? outbox,
    logger,
    branchInfo: async (branchId) => {
      const b = (await queue.config(branchId))?.config.branch;
      return b && { name: b.name.fa, timeZone: b.timeZone, provincialOfficeId: b.provincialOfficeId };
    },
  });
  const stopOutageNotices = alerts.onChange((event, alert) => {
    if (alert.rule !== 'branch-offline') return;
    outageNotices.handle(event, alert).catch((err) => logger.error({ err }, 'outage notice not queued'));
  });
  const outagesCaughtUp = outageNotices
    .catchUp(clock())
    .catch((err) => logger.error({ err }, 'outage notices not caught up'));
  // [RS10] Inquiries go to the connector (by hand unless one is given); its answers are entered as the system.
  const inquiries = new InquiryDesk({ requests, connector: opts.inquiryConnector ?? new ManualInquiries(), logger });
  const stopInquiries = inquiries.follow();
  const caughtUp = requestNotices.catchUp();
  outbox.start();
  // [H3]–[H6] Finished days into the history; a past day leaves the live store once its archive is confirmed.
  const archiver = new Archiver({
    store,
    history,
    clock,
    configOf: async (branchId) => (await queue.config(branchId))?.config,
    logger,
    intervalMs: config.NOBAT_ARCHIVE_INTERVAL_MS,
    // [SY9] A branch server keeps a past day until the centre has it whole; the centre finalises a
    // synced branch's day only once its branch server closed it.
    ...(branchSync ? { mayDrop: (b: string, d: string, seq: number) => branchSync.mayDrop(b, d, seq) } : {}),
    mayFinalise: (b, d, seq) => syncCentre.mayFinalise(b, d, seq),
  });
  archiver.start();
  directiveReports.start();
  backups?.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    logger,
    demo,
    admin,
    queue,
    history,
    archiver,
    directiveReports,
    outbox,
    ticketMessages,
    requests,
    requestNotices,
    inquiries,
    syncCentre,
    branchSync,
    readiness,
    metricsUrl,
    backups,
    close() {
      // Stop taking requests, let the ones under way finish (every acknowledged command is already
      // in the store), then close the store.
      closing ??= (async () => {
        const closed = new Promise<void>((r) => httpServer.close(() => r()));
        const metricsClosed = new Promise<void>((r) => (metricsServer ? metricsServer.close(() => r()) : r()));
        metricsServer?.closeAllConnections();
        await backups?.stop();
        httpServer.closeIdleConnections();
        clearInterval(releasing);
        syncCentre.stop();
        await branchSync?.stop();
        alerts.stop();
        await archiver.stop();
        await directiveReports.stop();
        await realtime.close();
        // A page whose socket just closed may go on asking over its kept-alive connection, which
        // would hold the close for ever: idle ones close now, and whatever is left after a grace.
        httpServer.closeIdleConnections();
        const grace = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        grace.unref();
        await closed;
        await metricsClosed;
        clearTimeout(grace);
        await queue.drain();
        await alerts.settled();
        await ticketMessages.stop();
        stopRequestNotices();
        stopOutageNotices();
        await outagesCaughtUp;
        stopInquiries();
        await caughtUp;
        await requestNotices.settled();
        await outbox.stop();
        const clients = [redis?.pub, redis?.sub, throttleRedis].filter((r) => r !== undefined);
        await Promise.all(clients.map(closeRedisClient));
        await store.close();
        if (!opts.history) await history.close();
        releaseDataDir();
      })();
      return closing;
    },
  };
}
