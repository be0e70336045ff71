// What every route module receives: the app's components (no singletons) and the Hono env.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { BridgeTestRequest, BridgeTestResult, HallMessage, PrintResult } from '@nobat/protocol';
import type { Auth, Principal } from '../auth/auth.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { AlertService } from '../health/alert-service.ts';
import type { DeviceHealthService } from '../health/device-health.ts';
import type { DirectiveReports } from '../history/directive-reports.ts';
import type { HistoryStore } from '../history/port.ts';
import type { ReportService } from '../history/reports.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { Notifier } from '../notify/port.ts';
import type { Readiness } from '../ops/readiness.ts';
import type { QueueService } from '../queue/queue-service.ts';
import type { RequestService } from '../requests/request-service.ts';
import type { Store } from '../store/port.ts';
import type { RedisClient } from '../store/redis/client.ts';
import type { BranchSync } from '../sync/branch.ts';
import type { SyncCentre } from '../sync/centre.ts';

export interface AppEnv {
  Variables: { principal: Principal; sessionToken: string | undefined };
}

/** Printing on kiosks' printers through their bridges (the realtime layer's, set once it runs). */
export interface TicketPrinter {
  /** [T10] A copy of a ticket on a kiosk's printer: the bridge's answer, undefined when none answered. */
  printCopy(
    found: NonNullable<Awaited<ReturnType<QueueService['findTicket']>>>,
    kioskId: string,
  ): Promise<PrintResult | undefined>;
}

/** The bridges' side of the bridge page (the realtime layer's bridge-bus.ts, set once it runs). */
export interface BridgeBusPort {
  /** Whether the bridge is connected to any server process now. */
  connected(deviceId: string): Promise<boolean>;
  /** [BUS4] Relays a test to the bridge: its result, or `not-connected` when no bridge answered. */
  test(deviceId: string, request: BridgeTestRequest): Promise<BridgeTestResult | 'not-connected'>;
}

export interface Deps {
  store: Store;
  /** Archived days and stored reports (src/history); without it (a test's bare app) past days are read live only. */
  history?: HistoryStore;
  /** [NT] Messages to visitors' mobiles through the outbox; without it nothing is sent. */
  notify?: Notifier;
  queue: QueueService;
  auth: Auth;
  logger: Logger;
  metrics: Metrics;
  /** Base of links given to visitors (tracking pages). */
  publicUrl: string;
  rates: { kioskPerMinute: number; webPerMinute: number };
  /** [S12] Where the rate limits count: Redis (shared by every process) when the server runs on it, else memory. */
  rateLimitRedis?: RedisClient;
  /** Origins allowed besides the server's own (NOBAT_ALLOWED_ORIGINS); whether to believe X-Forwarded-Proto. */
  web?: { allowedOrigins: readonly string[]; trustProxy: boolean };
  clock: () => number;
  /** Kiosks' printers; without one (no realtime server) a reprint answers `printer-unavailable`. */
  printer?: TicketPrinter;
  /** [TD5] The hall screens told of their message (the realtime layer's, set once it runs). */
  hall?: { announce(branchId: string, message: HallMessage | null): void };
  /** Bridges' tests; without one (no realtime server) every bridge is not connected. */
  bridgeBus?: BridgeBusPort;
  /** The bearer token /metrics asks for; without one only this host may read them. */
  metricsToken?: string;
  /** [OP4] /metrics is served by a listener of its own (NOBAT_METRICS_PORT), not by this app. */
  metricsListener?: boolean;
  /** [OP2] What /readyz asks; without it, the live store and the history store. */
  readiness?: Readiness;
  /** Failed sign-ins counted, and sign-in refused for a while when there are too many. */
  loginThrottle: LoginThrottle;
  /** Device health and alerts (src/health); without them the routes read the store with services of their own. */
  health?: DeviceHealthService;
  alerts?: AlertService;
  /** [R1–R9] Reports over the history store; without it the report routes answer 503 store-unavailable. */
  reports?: ReportService;
  /** [DR1–DR6] The directives' generated reports; without them (no history store) none are listed. */
  directiveReports?: DirectiveReports;
  /** [RQ][RS] The electronic desk's requests: one service for the routes, the notices, the alerts and the inboxes. */
  requests: RequestService;
  /** [SY1–SY10] Branch links, their state and outages (every server can be a centre). */
  syncCentre?: SyncCentre;
  /** [SY3] Set on a branch server (NOBAT_CENTRAL_URL): its sync up to the centre. */
  branchSync?: BranchSync;
  /** [UP6] The oldest protocol version served (NOBAT_OLDEST_PROTOCOL; default OLDEST_PROTOCOL_SERVED). */
  oldestProtocol?: number;
}

export type App = OpenAPIHono<AppEnv>;
