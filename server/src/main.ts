// `npm start`: read the environment, start the server, print how to reach it, stop cleanly on a signal.
import { ConfigError, readConfig } from './config.ts';
import { createServer } from './server.ts';
import { SchemaTooNewError } from './store/schema.ts';

async function main() {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`nobat: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer(config);
  } catch (err) {
    // [UP3] Data written by a newer Nobat: say so in one line and stop (a service unit need not retry).
    if (err instanceof SchemaTooNewError) {
      console.error(`nobat: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const { logger, url, demo, admin } = server;
  logger.info({ url, store: config.REDIS_URL ? 'redis' : 'sqlite' }, 'nobat listening');
  const lines = [
    '',
    `  Nobat (نوبت) is running at ${url}`,
    `    kiosk    ${url}/kiosk/`,
    `    display  ${url}/display/`,
    `    counter  ${url}/counter/`,
    `    API      ${url}/api/openapi.json`,
  ];
  if (demo) {
    lines.push(
      '',
      '  Demo office seeded: users admin, supervisor, clerk1 … clerk6',
      demo.generated
        ? `  Their password (shown once; set NOBAT_DEMO_PASSWORD to choose it): ${demo.password}`
        : '  Their password: the value of NOBAT_DEMO_PASSWORD',
      ...demo.devices.map((d) => `  Device token for ${d.id} (${d.kind}): ${d.token}`),
      '',
      ...demo.devices
        .filter((d) => d.kind === 'kiosk')
        .map((d) => `  Open the kiosk (its token is kept after the first visit): ${url}/kiosk/?token=${d.token}`),
    );
  }
  if (admin) {
    lines.push(
      '',
      `  First start: an administrator account was made, user ${admin.username}`,
      admin.generated
        ? `  Its one-time password (shown once; set NOBAT_ADMIN_PASSWORD to choose it): ${admin.password}`
        : '  Its one-time password: the value of NOBAT_ADMIN_PASSWORD',
      '  It must be changed at the first sign-in; nothing else is allowed until then.',
    );
  }
  console.log(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await server.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('nobat: failed to start', err);
  process.exit(1);
});
