// `npm start -w firmware-bridge`: reads the configuration (NOBAT_BRIDGE_CONFIG, or ./bridge.json),
// connects to the server and drives the devices until SIGINT/SIGTERM.
import { Bridge } from './bridge.ts';
import { ConfigError, loadConfig } from './config.ts';
import { SocketLink } from './link.ts';
import { createLogger, isLogLevel } from './log.ts';

const level = process.env.LOG_LEVEL;
const log = createLogger(isLogLevel(level) ? level : 'info');
const path = process.env.NOBAT_BRIDGE_CONFIG || 'bridge.json';

let bridge: Bridge;
try {
  const config = loadConfig(path);
  const link = new SocketLink(config.server.url, config.server.token);
  bridge = new Bridge(config, { link, log });
  // [UP8] Too old for the server: the bridge has said so; stop (exit 2) instead of retrying for ever,
  // so a service manager shows it failed and does not restart it in a tight loop (systemd: RestartPreventExitStatus=2).
  link.once('outdated', () => {
    void bridge.stop().finally(() => process.exit(2));
  });
  log.info(
    `bridge: ${config.buses.length} bus(es), ${config.printers.length} printer(s); server ${config.server.url} (config ${path})`,
  );
  bridge.start();
} catch (error) {
  log.error(error instanceof ConfigError ? error.message : `bridge: cannot start: ${(error as Error).stack ?? error}`);
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`bridge: ${signal}, stopping`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    void bridge.stop().then(() => process.exit(0));
  });
}
