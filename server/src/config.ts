// Every setting the server reads from its environment, validated once at start. A bad value stops
// the start with a message naming the variable.
import { z } from 'zod';

const Env = z.object({
  /** HTTP port (0: any free port). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** redis://… moves every branch's log and the configuration onto Redis (several processes). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
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
  /** The bearer token /metrics asks for; without one only this host may read them. */
  NOBAT_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof Env>;
const Checked = Env.refine((e) => e.NOBAT_HEADERS_TIMEOUT_MS <= e.NOBAT_REQUEST_TIMEOUT_MS, {
  path: ['NOBAT_HEADERS_TIMEOUT_MS'],
  message: 'must not be longer than NOBAT_REQUEST_TIMEOUT_MS',
});

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
