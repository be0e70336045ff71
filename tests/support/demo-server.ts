// The real server with the demo office, in this process, as the browser and socket tests use it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import { readConfig } from '../../server/src/config.ts';
import type { Notifier } from '../../server/src/notify/port.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';

type SmsOptions = NonNullable<Parameters<typeof createServer>[1]>;

/** The key the test demo servers derive their device tokens from (NOBAT_DEMO_DEVICE_KEY). */
export const DEMO_DEVICE_KEY = 'system-tests-demo-device-key';

/** The token of a demo device (kiosk-1, display-1, bridge-1) of a test demo server. */
export const demoToken = (deviceId: string): string => demoDeviceToken(DEMO_DEVICE_KEY, deviceId);

/** The demo office on `dataDir` (a free port unless `port` is given); the caller removes `dataDir`. */
export function startDemoServer(opts: {
  password: string;
  dataDir: string;
  port?: number;
  /** The server's clock (epoch ms), for tests that move time on. */
  clock?: () => number;
  /** How often alerts are evaluated with no event (ms), for tests that move the clock on. */
  alertIntervalMs?: number;
  /** Where messages to visitors go (a recording notifier the test reads), instead of the server's outbox. */
  notify?: Notifier;
  /** More configuration (NOBAT_SMS_GATEWAY and its settings: a fake gateway's `env`). */
  env?: Record<string, string>;
  /** The outbox's timings (a short worker interval). */
  outbox?: SmsOptions['outbox'];
  /** How often the SMS follower reads the branches' logs with no local event (ms). */
  smsFollowIntervalMs?: number;
}): Promise<RunningServer> {
  return createServer(
    readConfig({
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: opts.dataDir,
      NOBAT_DEMO_PASSWORD: opts.password,
      NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
      LOG_LEVEL: 'silent',
      ...opts.env,
    }),
    {
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.alertIntervalMs !== undefined ? { alertIntervalMs: opts.alertIntervalMs } : {}),
      ...(opts.notify ? { notify: opts.notify } : {}),
      ...(opts.outbox ? { outbox: opts.outbox } : {}),
      ...(opts.smsFollowIntervalMs !== undefined ? { smsFollowIntervalMs: opts.smsFollowIntervalMs } : {}),
    },
  );
}

/** A demo server on a temporary directory of its own, which it removes when closed. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>` (the same across restarts). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The server while it runs; undefined between stop() and start(). */
  readonly running: RunningServer | undefined;
  /** Stops the server and keeps its data. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes its data. */
  close(): Promise<void>;
}

/** What a test may add to the demo server: the server's options for messages to visitors. */
export type DemoSmsOptions = Pick<
  Parameters<typeof startDemoServer>[0],
  'notify' | 'env' | 'outbox' | 'smsFollowIntervalMs'
>;

/** Starts the demo office on a free port with its data in a new temporary directory (`nobat-<name>-…`). */
export async function startDemo(name: string, password: string, more: DemoSmsOptions = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `nobat-${name}-`));
  let running: RunningServer | undefined;
  try {
    running = await startDemoServer({ password, dataDir, ...more });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = running.port;
  const stop = async () => {
    const server = running;
    running = undefined;
    await server?.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get running() {
      return running;
    },
    stop,
    async start() {
      if (running) throw new Error(`${name}: the demo server is running already`);
      running = await startDemoServer({ password, dataDir, port, ...more });
    },
    async close() {
      try {
        await stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
