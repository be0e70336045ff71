// /display sockets (websocket transport, one connection each) in one process: COUNT to each target
// in TARGETS ([{url, auth}]). Each socket notes, with a wall-clock time comparable between processes,
// when it receives each `ticket:called`. `report` prints those times ({"kind":"receipts"}), `stop`
// disconnects and exits. The process's own event-loop delay and CPU time are measured from `measure`
// (or from the start) and reported with the receipts, to tell how much of a latency is the clients'.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CallPayload } from '@nobat/protocol';
import { io, type Socket } from 'socket.io-client';
import { exitAfter, readCommands } from '../support/child.ts';
import { nowMs, say } from './shared.ts';

interface DisplayTarget {
  url: string;
  auth: Record<string, string>;
  /** Display device tokens: socket i of this process pairs as tokens[(TOKEN_OFFSET + i) % n]. */
  tokens?: string[];
}

const targets = JSON.parse(process.env.TARGETS ?? '[]') as DisplayTarget[];
const count = Number(process.env.COUNT ?? '500');
const tokenOffset = Number(process.env.TOKEN_OFFSET ?? '0');
/** BY_TARGET=1: the report also gives the receipts of each target's sockets apart (`byTarget`). */
const byTarget = process.env.BY_TARGET === '1';
const BATCH = 50;
const CONNECT_TIMEOUT_MS = 15_000;
const RUN_LIMIT_MS = Number(process.env.RUN_LIMIT_MS ?? '180000');

exitAfter('display clients', RUN_LIMIT_MS);

/** ticketId → receipt times, one per socket that got it. */
const receipts = new Map<string, number[]>();
const receiptsOf: Map<string, number[]>[] = targets.map(() => new Map());
const sockets: Socket[] = [];
const connected: number[] = targets.map(() => 0);
let failed = 0;
let lastError = '';
let disconnects = 0;

function note(into: Map<string, number[]>, ticketId: string, at: number): void {
  let times = into.get(ticketId);
  if (!times) {
    times = [];
    into.set(ticketId, times);
  }
  times.push(at);
}

function connectOne(target: DisplayTarget, index: number, n: number): Promise<void> {
  const token = target.tokens?.length ? target.tokens[(tokenOffset + n) % target.tokens.length] : undefined;
  const auth = token ? { ...target.auth, token } : target.auth;
  const mine = receiptsOf[index] ?? new Map<string, number[]>();
  return new Promise((resolve) => {
    const socket = io(`${target.url}/display`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
      auth,
    });
    socket.on('ticket:called', (call: CallPayload) => {
      const at = nowMs();
      note(receipts, call.ticketId, at);
      if (byTarget) note(mine, call.ticketId, at);
    });
    socket.on('disconnect', () => {
      disconnects++;
    });
    socket.once('connect', () => {
      sockets.push(socket);
      connected[index] = (connected[index] ?? 0) + 1;
      resolve();
    });
    socket.once('connect_error', (error: Error) => {
      failed++;
      lastError = error.message;
      socket.close();
      resolve();
    });
  });
}

for (const [index, target] of targets.entries()) {
  for (let done = 0; done < count; done += BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(BATCH, count - done) }, (_, i) => connectOne(target, index, done + i)),
    );
  }
}
say({ kind: 'ready', connected, failed, lastError });

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let cpuFrom = process.cpuUsage();
let measuredFrom = nowMs();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
/** The event loop's delay (ms) and the share of one core the process used, since `measure`. */
function clientLoad() {
  const cpu = process.cpuUsage(cpuFrom);
  const elapsedMs = nowMs() - measuredFrom;
  return {
    loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    cpuShare: elapsedMs > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 1000 : 0,
  };
}

const stop = () => {
  for (const s of sockets) s.close();
  process.exit(0);
};
readCommands((word) => {
  if (word === 'report')
    say({
      kind: 'receipts',
      receipts: Object.fromEntries(receipts),
      ...(byTarget ? { byTarget: receiptsOf.map((m) => Object.fromEntries(m)) } : {}),
      disconnects,
      load: clientLoad(),
    });
  else if (word === 'measure') {
    loop.reset();
    cpuFrom = process.cpuUsage();
    measuredFrom = nowMs();
  } else if (word === 'stop') stop();
}, stop);
