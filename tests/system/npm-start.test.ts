// A fresh user: `npm start` at the repository root with nothing but a port and an empty data
// directory. The demo office is seeded, its password and device tokens printed once; a ticket can be
// taken, called and seen on a display; SIGTERM stops the whole process tree cleanly; and a second
// `npm start` on the same data carries on: nothing lost, nothing seeded again. The server that answers
// is the build (`node server/dist/main.js`), with no tsx in any process of the group.
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CallPayload, DisplaySnapshot, IssuedTicket, TicketTracking } from '@nobat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import { repoRoot } from '../support/paths.ts';
import { commandLine, type ProcessExit, type ServerProcess, spawnServer } from '../support/server-process.ts';
import {
  api,
  apiOk,
  connectWithSnapshot,
  counterAction,
  issueTicket,
  login,
  type RecordingClient,
} from '../support/socket.ts';

const START_MS = 60_000; // the first start may build the browser apps
const STOP_MS = 10_000;

describe('npm start, as a fresh user', () => {
  let dataDir = '';
  const runs: ServerProcess[] = [];
  const clients: RecordingClient[] = [];
  /** What the first run printed and did, for the restart to check against. */
  const first = { password: '', kioskToken: '', ticket: undefined as IssuedTicket | undefined };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'nobat-npm-start-'));
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(runs.map((r) => r.stop()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function npmStart(name: string): ServerProcess {
    // Only a port and the data directory: no demo password, no Redis, no host, no log level.
    const run = spawnServer(name, 'npm', ['start'], { PORT: '0', NOBAT_DATA_DIR: dataDir });
    runs.push(run);
    return run;
  }

  /** SIGTERM to the process group; every process of it must be gone within 10 s, the server stopped. */
  async function stopCleanly(run: ServerProcess, url: string): Promise<void> {
    const started = Date.now();
    run.signal('SIGTERM');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const exit = await Promise.race([
      run.exited,
      new Promise<ProcessExit>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${run.name} still running ${STOP_MS} ms after SIGTERM`)), STOP_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    // npm itself dies of the signal; the server under it shuts down and says so.
    expect(exit.code === 0 || exit.signal === 'SIGTERM', JSON.stringify(exit)).toBe(true);
    await run.waitForOutput(/"msg":"stopped"/, Math.max(1, STOP_MS - (Date.now() - started)));
    while (run.groupAlive() && Date.now() - started < STOP_MS) await new Promise((r) => setTimeout(r, 50));
    expect(run.groupAlive(), 'a process of the group outlived the stop').toBe(false);
    expect(run.stdout()).not.toMatch(/"level":(50|60)/); // no error or fatal log line
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }

  /** The process that listens (its pid is in the "nobat listening" log line) runs the build, without tsx. */
  async function expectBuiltServer(run: ServerProcess): Promise<void> {
    // pino writes its line apart from the console's: it may come after the address.
    const [, listening] = await run.waitForOutput(/"pid":(\d+)[^\n]*"msg":"nobat listening"/);
    const pid = Number(listening);
    const argv = commandLine(pid);
    expect(argv, `the listening process ${pid}`).toBeDefined();
    const [node, script, ...rest] = argv ?? [];
    expect(node).toMatch(/node$/);
    expect(resolve(readlinkSync(`/proc/${pid}/cwd`), script ?? '')).toBe(join(repoRoot, 'server', 'dist', 'main.js'));
    expect(rest).toEqual([]);
    const nodeOptions = /(?:^|\0)NODE_OPTIONS=([^\0]*)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1] ?? '';
    expect(nodeOptions).not.toMatch(/tsx/);
    const commands = run.groupCommands().map((a) => a.join(' '));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).not.toMatch(/tsx/);
  }

  it('starts, seeds the demo office, and serves a ticket from kiosk to display; SIGTERM stops it cleanly', async () => {
    const run = npmStart('npm start (first)');
    const url = await run.url(START_MS);
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    await run.waitForOutput(/Device token for bridge-1 \(bridge\): \S+/);
    const out = run.stdout();
    first.password = /Their password \(shown once;[^)]*\): (\S+)/.exec(out)?.[1] ?? '';
    first.kioskToken = /Device token for kiosk-1 \(kiosk\): (\S+)/.exec(out)?.[1] ?? '';
    expect(first.password).not.toBe('');
    expect(first.kioskToken).toMatch(/^kiosk-1\./);
    expect(out.split(first.password).length - 1, 'the password is printed once').toBe(1);

    expect(await apiOk(url, 'GET', '/healthz')).toEqual({
      status: 'ok',
      store: 'sqlite',
      checks: { live: 'up', history: 'up' },
    });
    await expectBuiltServer(run);

    const { client: hall, snapshot } = await connectWithSnapshot<DisplaySnapshot>(url, '/display', {
      auth: { branchId: DEMO_BRANCH },
    });
    clients.push(hall);
    expect(snapshot.recentCalls).toEqual([]);

    const ticket = await issueTicket(url, first.kioskToken, 'booklet-renewal');
    first.ticket = ticket;
    const clerk = await login(url, 'clerk4', first.password);
    await counterAction(url, clerk, 'counter-4', 'open');
    const next = await counterAction(url, clerk, 'counter-4', 'call-next');
    expect(next.ticket?.id).toBe(ticket.id);
    const call = await hall.waitFor<CallPayload>('ticket:called', (c) => c.ticketId === ticket.id);
    expect(call).toMatchObject({ number: ticket.number, counterId: 'counter-4', counterNumber: 4, recall: false });
    hall.close();

    await stopCleanly(run, url);
  });

  it('a second npm start on the same data keeps the ticket and the demo office, and seeds nothing', async () => {
    const ticket = first.ticket;
    if (!ticket) throw new Error('the first run did not get as far as a ticket');
    const run = npmStart('npm start (restart)');
    const url = await run.url(START_MS);
    const out = run.stdout();
    expect(out).not.toContain('Demo office seeded');
    expect(out).not.toMatch(/Their password/);
    expect(out).not.toContain('Device token for');
    await expectBuiltServer(run);

    const tracked = await apiOk<TicketTracking>(url, 'GET', `/api/v1/tickets/${encodeURIComponent(ticket.id)}`);
    expect(tracked).toMatchObject({ id: ticket.id, number: ticket.number, status: 'called', counterNumber: 4 });
    // The same office: one branch, the first run's password and kiosk token still work.
    expect(await apiOk<unknown[]>(url, 'GET', '/api/v1/branches')).toHaveLength(1);
    const clerk = await login(url, 'clerk4', first.password);
    const me = await apiOk<{ id: string }>(url, 'GET', '/api/v1/auth/me', { token: clerk });
    expect(me.id).toBe('clerk4');
    const again = await api<IssuedTicket>(url, 'POST', `/api/v1/branches/${DEMO_BRANCH}/tickets`, {
      token: first.kioskToken,
      body: { serviceId: 'booklet-renewal' },
    });
    expect(again.status).toBe(201);
    expect(Number(again.body.number)).toBe(Number(ticket.number) + 1);

    await stopCleanly(run, url);
  });
});
