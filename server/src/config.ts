// Every setting the server reads from its environment, validated once at start. A bad value stops
// the start with a message naming the variable.
import { z } from 'zod';
import { parseRedisUrl, RedisUrlError } from './store/redis/client.ts';

const Env = z.object({
  /** HTTP port (0: any free port). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * [S9] redis://… moves every branch's log and the configuration onto Redis (several processes):
   * redis://host:port (one Redis), redis+sentinel://h1:26379,h2:26379/<master name> (Sentinel),
   * redis+cluster://h1:7000,h2:7001,h3:7002 (Cluster); rediss… for TLS.
   */
  REDIS_URL: z
    .string()
    .superRefine((url, ctx) => {
      try {
        parseRedisUrl(url);
      } catch (err) {
        if (!(err instanceof RedisUrlError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
      }
    })
    .optional(),
  /** [S11] Replicas that must acknowledge each write (Redis WAIT) before a command is answered (0: none). */
  NOBAT_REDIS_MIN_REPLICAS: z.coerce.number().int().min(0).max(16).default(0),
  /** [S11] How long a write waits for them (ms); must be shorter than NOBAT_REDIS_TIMEOUT_MS. */
  NOBAT_REDIS_REPLICA_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** postgres://… keeps the history (archived days, reports) in PostgreSQL instead of NOBAT_DATA_DIR/history.sqlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** How often finished days (and today's finished visits) are archived into the history store (ms). */
  NOBAT_ARCHIVE_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Where the embedded SQLite store keeps its file (without REDIS_URL). */
  NOBAT_DATA_DIR: z.string().min(1).default('./data'),
  /** The demo users' password; when unset a random one is made and printed once at start. */
  NOBAT_DEMO_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  /** The key the demo device tokens derive from, so scripts and the simulator know them; random tokens when unset. */
  NOBAT_DEMO_DEVICE_KEY: z.string().min(16, 'at least 16 characters').optional(),
  /** Seed the demo office when the store has no branch (default on). */
  NOBAT_DEMO: z.enum(['on', 'off']).default('on'),
  /** The address visitors' phones reach, for tracking links (default: http://localhost:PORT). */
  PUBLIC_URL: z.url().optional(),
  /** The first admin's one-time password on a store with no user (default: random, printed once). */
  NOBAT_ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  /** Origins besides the server's own whose pages may call the API and staff sockets (comma-separated). */
  NOBAT_ALLOWED_ORIGINS: z
    .string()
    .transform((s, ctx) => {
      const origins: string[] = [];
      for (const item of s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)) {
        let origin = 'null';
        try {
          origin = new URL(item).origin;
        } catch {}
        if (origin === 'null' || !/^https?:$/.test(new URL(origin).protocol)) {
          ctx.addIssue({ code: 'custom', message: `not an http(s) origin: ${item}` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    })
    .default([]),
  /** Believe X-Forwarded-Proto from a reverse proxy in front (for the session cookie's Secure flag). */
  NOBAT_TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** Tickets a minute per kiosk token or, for anonymous web issue, per address. */
  NOBAT_KIOSK_RATE: z.coerce.number().int().min(1).default(120),
  NOBAT_WEB_RATE: z.coerce.number().int().min(1).default(5),
  NOBAT_SESSION_HOURS: z.coerce.number().min(0.1).max(720).default(12),
  /** [MEM1] A quiet branch-day unused this many minutes leaves memory (read again from the store when next used). */
  NOBAT_DAY_IDLE_MINUTES: z.coerce.number().min(0.01).max(1440).default(10),
  /** A Redis command not answered within this many ms fails, and Redis counts as unavailable. */
  NOBAT_REDIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Failed sign-ins of one username from one address before a wait of NOBAT_LOGIN_WAIT_MINUTES; per address a day. */
  NOBAT_LOGIN_FAILS: z.coerce.number().int().min(1).default(5),
  NOBAT_LOGIN_WAIT_MINUTES: z.coerce.number().min(1).max(1440).default(15),
  NOBAT_LOGIN_FAILS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** How long a request's headers, and the whole request, may take to arrive (slow clients are cut off). */
  NOBAT_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  NOBAT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Open connections one client address may hold (0: no cap). */
  NOBAT_MAX_CONN_PER_IP: z.coerce.number().int().min(0).default(1_000),
  /**
   * [UP6] The oldest protocol version of the apps and bridges this server serves (default: the oldest
   * this build can serve). Older ones are told `protocol-outdated` and reload (apps) or stop (bridges).
   */
  NOBAT_OLDEST_PROTOCOL: z.coerce.number().int().min(1).max(999_999).optional(),
  /** The bearer token /metrics asks for; without one only this host may read them. */
  NOBAT_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** [OP4] A port of its own serving only /metrics (then the main port does not serve them). */
  NOBAT_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** [OP4] The address the metrics port listens on (default this host only). */
  NOBAT_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** [OP7] Where scheduled backups of the SQLite files go (a folder per set). */
  NOBAT_BACKUP_DIR: z.string().min(1).optional(),
  /** [OP7] How often a backup is taken (minutes; needs NOBAT_BACKUP_DIR). */
  NOBAT_BACKUP_EVERY_MINUTES: z.coerce.number().min(0.01).max(10_080).optional(),
  /** [OP7] How many sets are kept (the newest). */
  NOBAT_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** [NT6] Where SMS to visitors go: logged only (default), Kavenegar, a generic HTTP API, or an operator's SMPP. */
  NOBAT_SMS_GATEWAY: z.enum(['log', 'kavenegar', 'http', 'smpp']).default('log'),
  NOBAT_KAVENEGAR_API_KEY: z.string().min(1).optional(),
  NOBAT_KAVENEGAR_SENDER: z.string().min(1).optional(),
  NOBAT_KAVENEGAR_URL: z.url().default('https://api.kavenegar.com'),
  /** The generic HTTP gateway: URL and body templates with {to} {text} {key}; headers as a JSON object. */
  NOBAT_SMS_HTTP_URL: z.url().optional(),
  NOBAT_SMS_HTTP_METHOD: z.enum(['GET', 'POST', 'PUT']).default('POST'),
  NOBAT_SMS_HTTP_HEADERS: z
    .string()
    .transform((s, ctx) => {
      try {
        const v: unknown = JSON.parse(s);
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) {
          return v as Record<string, string>;
        }
      } catch {}
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON object of strings, e.g. {"content-type":"application/json"}',
      });
      return z.NEVER;
    })
    .optional(),
  NOBAT_SMS_HTTP_BODY: z.string().optional(),
  /** Statuses that mean sent, comma-separated (default any 2xx). */
  NOBAT_SMS_HTTP_OK_STATUSES: z
    .string()
    .regex(/^\d{3}(\s*,\s*\d{3})*$/, 'comma-separated HTTP statuses, e.g. 200,202')
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .optional(),
  NOBAT_SMPP_URL: z
    .string()
    .regex(/^s?smpp:\/\/[^/]+$/, 'must be smpp://host:port or ssmpp://host:port')
    .optional(),
  NOBAT_SMPP_SYSTEM_ID: z.string().min(1).optional(),
  NOBAT_SMPP_PASSWORD: z.string().min(1).optional(),
  NOBAT_SMPP_SENDER: z.string().min(1).optional(),
  /** A gateway answer not arriving within this many ms fails the attempt (retried later). */
  NOBAT_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** [NT2] Attempts before a message is marked failed. */
  NOBAT_SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /**
   * [SY3] This server is a branch server: the central server it syncs up to (http(s)://host:port), and
   * its branch link token (made by an admin at the centre; it names the branch). Both or neither.
   */
  NOBAT_CENTRAL_URL: z.url().optional(),
  NOBAT_CENTRAL_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{16,}$/,
      'must be the branch link token the centre showed (<branchId>.<secret>)',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof Env>;
const Checked = Env.refine((e) => e.NOBAT_HEADERS_TIMEOUT_MS <= e.NOBAT_REQUEST_TIMEOUT_MS, {
  path: ['NOBAT_HEADERS_TIMEOUT_MS'],
  message: 'must not be longer than NOBAT_REQUEST_TIMEOUT_MS',
})
  // [S11] The WAIT must end before the command's own timeout does.
  .refine((e) => e.NOBAT_REDIS_MIN_REPLICAS === 0 || e.NOBAT_REDIS_REPLICA_TIMEOUT_MS < e.NOBAT_REDIS_TIMEOUT_MS, {
    path: ['NOBAT_REDIS_REPLICA_TIMEOUT_MS'],
    message: 'must be shorter than NOBAT_REDIS_TIMEOUT_MS',
  })
  .refine((e) => e.NOBAT_REDIS_MIN_REPLICAS === 0 || e.REDIS_URL, {
    path: ['NOBAT_REDIS_MIN_REPLICAS'],
    message: 'needs REDIS_URL (replicas are Redis replicas)',
  })
  .refine((e) => !e.NOBAT_CENTRAL_URL === !e.NOBAT_CENTRAL_TOKEN, {
    path: ['NOBAT_CENTRAL_TOKEN'],
    message: 'NOBAT_CENTRAL_URL and NOBAT_CENTRAL_TOKEN go together (a branch server needs both)',
  })
  .refine((e) => !e.NOBAT_CENTRAL_URL || !e.REDIS_URL, {
    path: ['NOBAT_CENTRAL_URL'],
    message: 'a branch server runs on its embedded store: not with REDIS_URL',
  })
  .refine((e) => e.NOBAT_BACKUP_EVERY_MINUTES === undefined || e.NOBAT_BACKUP_DIR, {
    path: ['NOBAT_BACKUP_EVERY_MINUTES'],
    message: 'needs NOBAT_BACKUP_DIR (where the backups go)',
  })
  // [NT6] The chosen gateway's settings must be there.
  .refine((e) => e.NOBAT_SMS_GATEWAY !== 'kavenegar' || e.NOBAT_KAVENEGAR_API_KEY, {
    path: ['NOBAT_KAVENEGAR_API_KEY'],
    message: 'required when NOBAT_SMS_GATEWAY=kavenegar',
  })
  .refine((e) => e.NOBAT_SMS_GATEWAY !== 'http' || e.NOBAT_SMS_HTTP_URL, {
    path: ['NOBAT_SMS_HTTP_URL'],
    message: 'required when NOBAT_SMS_GATEWAY=http',
  })
  .refine(
    (e) => e.NOBAT_SMS_GATEWAY !== 'smpp' || (e.NOBAT_SMPP_URL && e.NOBAT_SMPP_SYSTEM_ID && e.NOBAT_SMPP_PASSWORD),
    {
      path: ['NOBAT_SMPP_URL'],
      message: 'NOBAT_SMPP_URL, NOBAT_SMPP_SYSTEM_ID and NOBAT_SMPP_PASSWORD are required when NOBAT_SMS_GATEWAY=smpp',
    },
  );

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined>): Config {
  // An empty variable counts as unset, as shells and compose files tend to leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Checked.refine((e) => !e.NOBAT_DEMO_DEVICE_KEY || e.NOBAT_DEMO_DEVICE_KEY !== e.NOBAT_DEMO_PASSWORD, {
    path: ['NOBAT_DEMO_DEVICE_KEY'],
    message: 'must not be the demo password (a device token must tell nothing about a password)',
  }).safeParse(present);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
}
