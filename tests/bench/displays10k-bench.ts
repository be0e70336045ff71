// Displays at scale (issue 17, point 3): 10,000 /display sockets over two real Nobat server processes
// that share one Redis (the live store and the Socket.IO Redis adapter, as in production with
// REDIS_URL), against a bare pair: two bare Socket.IO processes with the same Redis adapter on the same
// Redis (io-redis-proc.ts), holding another 10,000 sockets spread the same way. The same client
// processes hold all 20,000 sockets, and calls on the two pairs take turns, so the noise of a shared
// machine falls on both alike.
//
// Every socket is a hall screen of the demo branch, paired as a real one is: its device token (one of
// `DISPLAYS10K.devices` display devices made through the admin API) in the handshake. One branch, so that every
// call reaches every one of the 10,000 sockets: the most a call can cost the fan-out, and the same work
// the bare broadcast to 10,000 sockets does. (A province's 10,000 screens are spread over ~200
// branches, ~50 a branch; each call then reaches 50 sockets, and through the adapter every process
// still hears every call.) Counter 1 calls through process A; the screens on A and on B receive.
//
// A sample is one socket's receipt of `ticket:called` minus the moment just before the request was
// sent: call-next on A; on the bare pair, POST /broadcast to its A, whose room spans both processes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import { sleep } from '../support/child.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { counterAction, login, postJson, prefill } from './api.ts';
import { type BenchProcess, spawnBench } from './procs.ts';
import type { Row } from './report.ts';
import { BENCH_DEVICE_KEY, BENCH_PASSWORD, BRANCH, barePayload, nowMs, UNCAPPED_SERVICES } from './shared.ts';
import { round, type Summary, summarise } from './stats.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const DISPLAYS10K = {
  /** Sockets on each pair (split evenly over its two processes). */
  sockets: env('BENCH_D10K_SOCKETS', 10_000),
  serverProcesses: 2,
  /** Client processes, each holding an equal share of both pairs' sockets. */
  clientProcesses: env('BENCH_D10K_CLIENTS', 8),
  /** Display devices the sockets are paired as (round robin). */
  devices: 100,
  warmupRounds: 2,
  rounds: env('BENCH_D10K_ROUNDS', 30),
  /** From a bare broadcast to the next call: past the last of its 10,000 receipts. */
  bareGapMs: env('BENCH_D10K_BARE_GAP', 1200),
  /**
   * A real call is followed by `start` this much later (so the next call-next finishes it): after the
   * call has reached the screens, as a clerk starts once the visitor is at the desk. Sooner, the
   * start's own counter:changed to 10,000 sockets would fall inside the call's measured window.
   */
  startAfterMs: env('BENCH_D10K_START_AFTER', 1000),
  /** …and by the next bare broadcast this much later: past the start's fan-out. */
  realGapMs: env('BENCH_D10K_REAL_GAP', 2200),
  prefill: 300,
} as const;

export interface Displays10kSide {
  connected: number;
  /** Sockets on each of the two processes. */
  perProcess: number[];
  rounds: number;
  expected: number;
  received: number;
  latency: Summary;
  /** The same, for the sockets on each process (A made the call). */
  latencyPerProcess: Summary[];
  perCallP99Median: number;
  perCallP99: number[];
  request: Summary;
}

export interface Displays10kRun {
  real: Displays10kSide;
  bare: Displays10kSide;
  failedToConnect: number;
  lastConnectError: string;
  disconnects: number;
  /** Each client process's event-loop delay (ms) and CPU share of one core while the calls were made. */
  clients: { loopDelay: { p50: number; p99: number; max: number }; cpuShare: number }[];
  /** CPU the client processes used together per round (one real call and one bare broadcast), ms. */
  clientCpuMsPerRound: number;
}

/** The open-files limit of this process (inherited by the servers and clients it starts). */
function openFilesLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY; // not Linux: let the connections tell
  }
}

const sleepUntil = async (at: number) => {
  const left = at - nowMs();
  if (left > 0) await sleep(left);
};

/** Receipts of the sockets on each process: byTarget[process] maps ticketId → receipt times. */
function sideOf(
  perProcess: number[],
  sentAt: Map<string, number>,
  requestMs: number[],
  byProcess: Map<string, number[]>[],
): Displays10kSide {
  const all: number[] = [];
  const perCall: number[] = [];
  const processSamples: number[][] = byProcess.map(() => []);
  for (const [ticketId, t0] of sentAt) {
    const these: number[] = [];
    byProcess.forEach((m, i) => {
      const lat = (m.get(ticketId) ?? []).map((at) => at - t0);
      processSamples[i]?.push(...lat);
      these.push(...lat);
    });
    all.push(...these);
    if (these.length > 0) perCall.push(summarise(these).p99);
  }
  const connected = perProcess.reduce((a, b) => a + b, 0);
  return {
    connected,
    perProcess,
    rounds: sentAt.size,
    expected: connected * sentAt.size,
    received: all.length,
    latency: summarise(all),
    latencyPerProcess: processSamples.map((s) => summarise(s)),
    perCallP99Median: summarise(perCall).p50,
    perCallP99: perCall.map((v) => Math.round(v * 10) / 10),
    request: summarise(requestMs),
  };
}

async function startServer(
  name: string,
  file: string,
  env: Record<string, string>,
  profileDir?: string,
): Promise<{ proc: BenchProcess; url: string }> {
  const nodeArgs: string[] = [];
  if (profileDir) {
    const dir = join(profileDir, `redis-displays10k-${name}`);
    mkdirSync(dir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
  }
  const proc = spawnBench(name, file, { BENCH_LIFETIME_MS: '600000', ...env }, nodeArgs);
  try {
    return { proc, url: String((await proc.next('ready', 60_000)).url) };
  } catch (error) {
    await proc.stop(1_000);
    throw error;
  }
}

/** Display devices of the branch, made as an administrator would; their tokens. */
async function displayTokens(base: string, count: number): Promise<string[]> {
  const { token: admin } = await postJson<{ token: string }>(base, '/api/v1/auth/login', undefined, {
    username: 'admin',
    password: BENCH_PASSWORD,
  });
  const tokens = [demoDeviceToken(BENCH_DEVICE_KEY, 'display-1')];
  for (let i = 2; i <= count; i++) {
    const { token } = await postJson<{ token: string }>(base, '/api/v1/admin/devices', admin, {
      id: `display-bench-${String(i).padStart(3, '0')}`,
      kind: 'display',
      branchId: BRANCH,
      name: `hall screen ${i}`,
    });
    tokens.push(token);
  }
  return tokens;
}

/** profileDir: CPU-profile the two real server processes and the first client process (run.ts --profile). */
export async function displaysAtScale(log: (s: string) => void, profileDir?: string): Promise<Displays10kRun> {
  const S = DISPLAYS10K;
  // An exit hook per child process (procs.ts): 4 servers and the client processes.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 16 + S.clientProcesses));
  // A server process holds half of its pair's sockets; a client process a quarter of its share on each
  // of the four servers. Each socket is a file descriptor: `ulimit -n` must allow it (with room).
  const mostPerProcess = Math.max(S.sockets / S.serverProcesses, (S.sockets * 2) / S.clientProcesses);
  const limit = openFilesLimit();
  if (limit < mostPerProcess + 200) {
    throw new Error(`open-files limit ${limit} is below ${mostPerProcess + 200}: raise it (ulimit -n) before the run`);
  }
  const servers: BenchProcess[] = [];
  const clients: BenchProcess[] = [];
  let redis: RedisServer | undefined;
  try {
    redis = await startRedisServer();
    const REDIS_URL = redis.url;
    // One after the other: the first seeds the demo office, the second finds it.
    const real: string[] = [];
    const bare: string[] = [];
    for (const name of ['A', 'B']) {
      const { proc, url } = await startServer(
        `real-${name}`,
        './server-proc.ts',
        { BENCH_MODE: 'real', REDIS_URL },
        profileDir,
      );
      servers.push(proc);
      real.push(url);
    }
    for (const name of ['A', 'B']) {
      const { proc, url } = await startServer(`bare-io-${name}`, './io-redis-proc.ts', { REDIS_URL });
      servers.push(proc);
      bare.push(url);
    }
    const [realA = '', realB = ''] = real;
    const [bareA = '', bareB = ''] = bare;
    await prefill(realA, S.prefill, UNCAPPED_SERVICES);
    const tokens = await displayTokens(realA, S.devices);
    const clerk = await login(realA, 'clerk1');
    await counterAction(realA, clerk, 'counter-1', 'open');

    // Each client process: the same number of sockets on each of the four servers.
    const perTarget = Math.floor(S.sockets / S.serverProcesses / S.clientProcesses);
    const realAuth = { branchId: BRANCH };
    const TARGETS = JSON.stringify([
      { url: realA, auth: realAuth, tokens },
      { url: realB, auth: realAuth, tokens },
      { url: bareA, auth: {} },
      { url: bareB, auth: {} },
    ]);
    for (let p = 0; p < S.clientProcesses; p++) {
      // With --profile, the first client process too: where a screen's share of the latency goes.
      const nodeArgs: string[] = [];
      if (profileDir && p === 0) {
        const dir = join(profileDir, 'redis-displays10k-client-0');
        mkdirSync(dir, { recursive: true });
        nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
      }
      clients.push(
        spawnBench(
          `displays10k-${p}`,
          './display-clients.ts',
          {
            TARGETS,
            COUNT: String(perTarget),
            TOKEN_OFFSET: String(p * perTarget),
            BY_TARGET: '1',
            RUN_LIMIT_MS: '540000',
          },
          nodeArgs,
        ),
      );
    }
    const ready = await Promise.all(clients.map((c) => c.next('ready', 300_000)));
    const connectedTo = (i: number) => ready.reduce((n, l) => n + Number((l.connected as number[])[i] ?? 0), 0);
    const failedToConnect = ready.reduce((n, l) => n + Number(l.failed), 0);
    const lastConnectError = ready.map((l) => String(l.lastError)).find((e) => e) ?? '';
    log(
      `  redis: real ${connectedTo(0)} + ${connectedTo(1)} displays, bare ${connectedTo(2)} + ${connectedTo(3)}` +
        ` (${S.clientProcesses} client processes); calling`,
    );
    await sleep(3000); // let the snapshots sent on connect go out

    let measuredFrom = nowMs();
    const realSent = new Map<string, number>();
    const bareSent = new Map<string, number>();
    const realRequest: number[] = [];
    const bareRequest: number[] = [];
    for (let round = 0; round < S.warmupRounds + S.rounds; round++) {
      const measured = round >= S.warmupRounds;
      if (round === S.warmupRounds) {
        for (const c of clients) c.send('measure');
        measuredFrom = nowMs();
      }

      const number = `B${1000 + round}`;
      let t0 = nowMs();
      await postJson(bareA, '/broadcast', undefined, { number });
      if (measured) {
        bareRequest.push(nowMs() - t0);
        bareSent.set(barePayload(number).ticketId, t0);
      }
      await sleepUntil(t0 + S.bareGapMs);

      t0 = nowMs();
      const called = await counterAction(realA, clerk, 'counter-1', 'call-next');
      if (!called.ticket) throw new Error('call-next found nothing waiting: prefill more tickets');
      if (measured) {
        realRequest.push(nowMs() - t0);
        realSent.set(called.ticket.id, t0);
      }
      await sleepUntil(t0 + S.startAfterMs);
      await counterAction(realA, clerk, 'counter-1', 'start');
      await sleepUntil(t0 + S.realGapMs);
    }
    await sleep(1000);
    const measuredMs = nowMs() - measuredFrom;

    const byTarget: Map<string, number[]>[] = [0, 1, 2, 3].map(() => new Map());
    const load: Displays10kRun['clients'] = [];
    let disconnects = 0;
    for (const c of clients) {
      c.send('report');
      const line = await c.next('receipts', 60_000);
      disconnects += Number(line.disconnects ?? 0);
      load.push(line.load as Displays10kRun['clients'][number]);
      (line.byTarget as Record<string, number[]>[]).forEach((m, i) => {
        const into = byTarget[i];
        if (!into) return;
        for (const [ticketId, times] of Object.entries(m)) {
          const list = into.get(ticketId);
          if (list) list.push(...times);
          else into.set(ticketId, [...times]);
        }
      });
    }
    return {
      real: sideOf([connectedTo(0), connectedTo(1)], realSent, realRequest, byTarget.slice(0, 2)),
      bare: sideOf([connectedTo(2), connectedTo(3)], bareSent, bareRequest, byTarget.slice(2, 4)),
      failedToConnect,
      lastConnectError,
      disconnects,
      clients: load,
      clientCpuMsPerRound: Math.round((load.reduce((n, c) => n + c.cpuShare, 0) * measuredMs) / S.rounds),
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop(10_000)));
    await Promise.all(servers.map((s) => s.stop(15_000)));
    await redis?.stop();
  }
}

const ratioOf = (v: number | undefined, b: number | undefined) =>
  v === undefined || b === undefined || b === 0 ? null : round(v / b, 3);

/** The scenario's rows: p50 (no target), p99 over every sample and the median call's p99 (≤ 1.2×). */
export function displays10kRows(d: Displays10kRun | undefined): Row[] {
  const S = DISPLAYS10K;
  const label = `${S.sockets} sockets, 2 processes`;
  const complete =
    d !== undefined &&
    d.real.connected === S.sockets &&
    d.bare.connected === S.sockets &&
    d.real.received === d.real.expected &&
    d.bare.received === d.bare.expected;
  const f = (v: number) => v.toFixed(0);
  const sideNote = (x: Displays10kSide) =>
    `${x.received}/${x.expected} receipts over ${x.rounds} calls (${x.perProcess.join(' + ')} sockets),` +
    ` p99 on A ${f(x.latencyPerProcess[0]?.p99 ?? Number.NaN)} / on B ${f(x.latencyPerProcess[1]?.p99 ?? Number.NaN)} ms,` +
    ` request p50 ${x.request.p50.toFixed(1)} ms`;
  const clientNote = (x: Displays10kRun) => {
    const p99s = x.clients.map((c) => c.loopDelay.p99);
    const maxes = x.clients.map((c) => c.loopDelay.max);
    const cpu = x.clients.reduce((n, c) => n + c.cpuShare, 0);
    return (
      `${x.clients.length} client processes: event-loop delay p99 ${f(Math.min(...p99s))}–${f(Math.max(...p99s))} ms` +
      ` (max ${f(Math.max(...maxes))}), together ${cpu.toFixed(2)} cores, ${x.clientCpuMsPerRound} ms of CPU a round` +
      ' (one call and one bare broadcast)'
    );
  };
  const p99q = ratioOf(d?.real.latency.p99, d?.bare.latency.p99);
  const medq = ratioOf(d?.real.perCallP99Median, d?.bare.perCallP99Median);
  return [
    {
      scenario: `call→display p50, ${label}`,
      store: 'redis',
      unit: 'ms',
      value: d?.real.latency.p50 ?? null,
      baseline: d?.bare.latency.p50 ?? null,
      ratio: ratioOf(d?.real.latency.p50, d?.bare.latency.p50),
      target: '',
      ok: null,
      note: d ? clientNote(d) : '',
    },
    {
      scenario: `call→display p99, ${label}`,
      store: 'redis',
      unit: 'ms',
      value: d?.real.latency.p99 ?? null,
      baseline: d?.bare.latency.p99 ?? null,
      ratio: p99q,
      target: '≤1.2×',
      ok: p99q === null ? null : p99q <= 1.2 && complete,
      note: d
        ? `real: ${sideNote(d.real)}; bare: ${sideNote(d.bare)}${d.failedToConnect ? `; ${d.failedToConnect} sockets failed to connect (${d.lastConnectError})` : ''}${d.disconnects ? `; ${d.disconnects} disconnects` : ''}`
        : '',
    },
    {
      scenario: `call→display p99 of the median call, ${label}`,
      store: 'redis',
      unit: 'ms',
      value: d?.real.perCallP99Median ?? null,
      baseline: d?.bare.perCallP99Median ?? null,
      ratio: medq,
      target: '≤1.2×',
      ok: medq === null ? null : medq <= 1.2 && complete,
      note: d
        ? `per-call p99s, real: ${d.real.perCallP99.map(f).join(' ')}; bare: ${d.bare.perCallP99.map(f).join(' ')}`
        : '',
    },
  ];
}
