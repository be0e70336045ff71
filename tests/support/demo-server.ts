// The real server with the demo office, in this process, as the browser and socket tests use it.
import { readConfig } from '../../server/src/config.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';

export function startDemoServer(opts: { password: string; dataDir: string; port?: number }): Promise<RunningServer> {
  return createServer(
    readConfig({
      PORT: String(opts.port ?? 0),
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: opts.dataDir,
      NOBAT_DEMO_PASSWORD: opts.password,
      LOG_LEVEL: 'silent',
    }),
  );
}
