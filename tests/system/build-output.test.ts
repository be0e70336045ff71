// The production build (issue 18 point 1): `node scripts/build.mjs --if-stale` (what `npm start` runs
// first) builds the server, the bridge and the apps, and a second run builds nothing; an output older
// than its sources is rebuilt alone. Then the built server (`node server/dist/main.js`), the built
// device simulator and the built bridge run as processes, with no tsx in any of them: a keypad press on
// the simulator reaches the server through the bridge and the call comes back to the simulated LED.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { IssuedTicket, TicketTracking } from '@nobat/protocol';
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RenderRequest, RenderResponse } from '../../firmware-bridge/src/printer/renderer.ts';
import { GOLDEN_JOB } from '../../firmware-bridge/src/printer/testing.ts';
import { socatAvailable } from '../../firmware-bridge/src/simulator/pty.ts';
import { repoRoot } from '../support/paths.ts';
import { requireOrSkip } from '../support/redis-server.ts';
import { commandLine, type ServerProcess, spawnServer } from '../support/server-process.ts';
import { apiOk, counterAction, issueTicket, login } from '../support/socket.ts';

const run = promisify(execFile);
const BUILD_MS = 300_000; // a fresh checkout builds the four apps with Vite
const PASSWORD = 'build-output-password';
const DEVICE_KEY = 'build-output-device-key';
const WAIT = { timeout: 20_000, interval: 50 };

const APPS = ['kiosk', 'display', 'counter', 'console'];
const SERVER_OUT = ['server/dist/main.js'];
const BRIDGE_OUT = [
  'firmware-bridge/dist/main.js',
  'firmware-bridge/dist/simulator.js',
  'firmware-bridge/dist/render-worker.mjs',
];
const APP_OUT = APPS.map((a) => `${a}/dist/index.html`);
const OUTPUTS = [...SERVER_OUT, ...BRIDGE_OUT, ...APP_OUT];

const mtimes = (files: string[]) => Object.fromEntries(files.map((f) => [f, statSync(join(repoRoot, f)).mtimeMs]));

/** `node scripts/build.mjs --if-stale` from the repository root, as `npm start` runs it. */
async function buildIfStale(): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: repoRoot,
    timeout: BUILD_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout + stderr;
}

/** The `HEALTHCHECK CMD [...]` of a Dockerfile, run here with this node: resolves with its exit code. */
async function runHealthcheck(dockerfile: string, env: Record<string, string>): Promise<number> {
  const text = readFileSync(join(repoRoot, dockerfile), 'utf8');
  const json = /^HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])$/m.exec(text)?.[1];
  if (!json) throw new Error(`${dockerfile}: no HEALTHCHECK CMD [...]`);
  const [command, ...args] = JSON.parse(json) as string[];
  expect(command).toBe('node');
  try {
    await run(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 20_000 });
    return 0;
  } catch (error) {
    return typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1;
  }
}

/** The process runs `node <script>` (a built file) with no tsx in its arguments or NODE_OPTIONS. */
function expectBuiltProcess(pid: number, script: string): void {
  const argv = commandLine(pid);
  expect(argv, `process ${pid}`).toBeDefined();
  const [node, file, ...rest] = argv ?? [];
  expect(node).toMatch(/node$/);
  expect(resolve(readlinkSync(`/proc/${pid}/cwd`), file ?? '')).toBe(join(repoRoot, script));
  for (const a of rest) expect(a).not.toMatch(/tsx|--import|--loader|--require/);
  const nodeOptions = /(?:^|\0)NODE_OPTIONS=([^\0]*)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1] ?? '';
  expect(nodeOptions).not.toMatch(/tsx/);
}

describe('the production build', () => {
  beforeAll(async () => {
    await buildIfStale();
  }, BUILD_MS);

  it('builds the server, the bridge and the apps; a second start builds nothing; a stale output alone is rebuilt', async () => {
    const before = mtimes(OUTPUTS);
    await buildIfStale();
    expect(mtimes(OUTPUTS), 'nothing changed, nothing rebuilt').toEqual(before);

    // The bridge's bundle is now older than its sources (as after editing one): the bridge alone is rebuilt.
    utimesSync(join(repoRoot, 'firmware-bridge/dist/main.js'), new Date(1_000), new Date(1_000));
    await buildIfStale();
    const after = mtimes(OUTPUTS);
    for (const f of BRIDGE_OUT) expect(after[f], f).toBeGreaterThan(before[f] ?? 0);
    for (const f of [...SERVER_OUT, ...APP_OUT]) expect(after[f], f).toBe(before[f]);
  });

  it("the built ticket renderer's thread draws a ticket without tsx", async () => {
    const worker = new Worker(join(repoRoot, 'firmware-bridge/dist/render-worker.mjs'));
    try {
      const answer = new Promise<RenderResponse>((ok, fail) => {
        worker.once('message', ok);
        worker.once('error', fail);
        worker.once('exit', (code) => fail(new Error(`the renderer exited (${code})`)));
      });
      worker.postMessage({ id: 1, job: GOLDEN_JOB, options: { widthDots: 576 } } satisfies RenderRequest);
      const r = await answer;
      if ('error' in r) throw new Error(r.error);
      const bytes = Buffer.from(r.bytes);
      expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]); // ESC @: initialise
      expect(bytes.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(true); // GS v 0: a raster image
    } finally {
      await worker.terminate();
    }
  });
});

describe.skipIf(!requireOrSkip('socat', socatAvailable()))('the built server, simulator and bridge', () => {
  let dataDir = '';
  let simDir = '';
  let server: ServerProcess | undefined;
  let simulator: ServerProcess | undefined;
  let bridge: ServerProcess | undefined;
  let url = '';

  beforeAll(async () => {
    await buildIfStale();
    dataDir = mkdtempSync(join(tmpdir(), 'nobat-build-data-'));
    simDir = mkdtempSync(join(tmpdir(), 'nobat-build-sim-'));
    server = spawnServer(
      'built server',
      process.execPath,
      ['dist/main.js'],
      {
        PORT: '0',
        NOBAT_DATA_DIR: dataDir,
        NOBAT_DEMO_PASSWORD: PASSWORD,
        NOBAT_DEMO_DEVICE_KEY: DEVICE_KEY,
        LOG_LEVEL: 'info',
      },
      join(repoRoot, 'server'),
    );
    url = await server.url(60_000);
    simulator = spawnServer(
      'built simulator',
      process.execPath,
      ['firmware-bridge/dist/simulator.js', '--dir', simDir],
      { NOBAT_SERVER_URL: url, NOBAT_DEMO_DEVICE_KEY: DEVICE_KEY },
      repoRoot,
      'pipe',
    );
    await simulator.waitForOutput(/Nobat device simulator/, 20_000);
    bridge = spawnServer('built bridge', process.execPath, ['firmware-bridge/dist/main.js'], {
      NOBAT_BRIDGE_CONFIG: join(simDir, 'bridge.json'),
    });
    await bridge.waitForOutput(/server: snapshot/, 20_000);
  }, BUILD_MS);

  afterAll(async () => {
    await bridge?.stop();
    await simulator?.stop();
    await server?.stop();
    for (const d of [dataDir, simDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('runs the build with no tsx in any process: server, simulator and bridge', async () => {
    const [, listening] = await (server as ServerProcess).waitForOutput(/"pid":(\d+)[^\n]*"msg":"nobat listening"/);
    expectBuiltProcess(Number(listening), 'server/dist/main.js');
    for (const [p, script] of [
      [simulator, 'firmware-bridge/dist/simulator.js'],
      [bridge, 'firmware-bridge/dist/main.js'],
    ] as const) {
      const pid = p?.child.pid;
      expect(pid).toBeDefined();
      expectBuiltProcess(pid as number, script);
      for (const argv of p?.groupCommands() ?? []) expect(argv.join(' ')).not.toMatch(/tsx/);
    }
    expect(await apiOk(url, 'GET', '/healthz')).toMatchObject({ status: 'ok', store: 'sqlite' });
  });

  it('a keypad press on the simulated device goes through the built bridge and the call shows on its LED', async () => {
    const ticket: IssuedTicket = await issueTicket(url, demoDeviceToken(DEVICE_KEY, 'kiosk-1'), 'booklet-renewal');
    const clerk = await login(url, 'clerk4', PASSWORD);
    await counterAction(url, clerk, 'counter-4', 'open');
    simulator?.child.stdin?.write('4n\n');
    await simulator?.waitForOutput(/keypad counter-4: NEXT/, 10_000);
    await vi.waitFor(async () => {
      const t = await apiOk<TicketTracking>(url, 'GET', `/api/v1/tickets/${encodeURIComponent(ticket.id)}`);
      expect(t).toMatchObject({ status: 'called', counterNumber: 4 });
    }, WAIT);
    await simulator?.waitForOutput(new RegExp(`bus-1@4 +│ ${ticket.number}\\b`), 10_000);
  });

  it("the images' health checks pass against the built server and bridge", async () => {
    const port = new URL(url).port;
    expect(await runHealthcheck('deploy/docker/server.Dockerfile', { PORT: port })).toBe(0);
    const bridgeConfig = { NOBAT_BRIDGE_CONFIG: join(simDir, 'bridge.json') };
    expect(await runHealthcheck('deploy/docker/bridge.Dockerfile', bridgeConfig)).toBe(0);
  });

  it('SIGTERM stops each built process cleanly', async () => {
    for (const p of [bridge, simulator, server]) {
      const exit = await (p as ServerProcess).stop();
      expect(exit, p?.name).toEqual({ code: 0, signal: null });
    }
    expect(server?.stdout()).toMatch(/"msg":"stopped"/);
    expect(bridge?.stdout()).toMatch(/bridge: SIGTERM, stopping/);
    // With the server gone, both health checks fail.
    const port = new URL(url).port;
    expect(await runHealthcheck('deploy/docker/server.Dockerfile', { PORT: port })).toBe(1);
    expect(
      await runHealthcheck('deploy/docker/bridge.Dockerfile', { NOBAT_BRIDGE_CONFIG: join(simDir, 'bridge.json') }),
    ).toBe(1);
  });
});
