// /display sockets (websocket transport, one connection each) in one process: COUNT to each target
// in TARGETS ([{url, auth}]). Each socket notes, with a wall-clock time comparable between processes,
// when it receives each `ticket:called`. `report` prints those times ({"kind":"receipts"}), `stop`
// disconnects and exits.
import type { CallPayload } from '@nobat/protocol';
import { io, type Socket } from 'socket.io-client';
import { exitAfter, readCommands } from '../support/child.ts';
import { nowMs, say } from './shared.ts';

interface DisplayTarget {
  url: string;
  auth: Record<string, string>;
}

const targets = JSON.parse(process.env.TARGETS ?? '[]') as DisplayTarget[];
const count = Number(process.env.COUNT ?? '500');
const BATCH = 50;
const CONNECT_TIMEOUT_MS = 15_000;
const RUN_LIMIT_MS = 180_000;

exitAfter('display clients', RUN_LIMIT_MS);

/** ticketId → receipt times, one per socket that got it. */
const receipts = new Map<string, number[]>();
const sockets: Socket[] = [];
const connected: number[] = targets.map(() => 0);
let failed = 0;
let lastError = '';
let disconnects = 0;

function connectOne(target: DisplayTarget, index: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = io(`${target.url}/display`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
      auth: target.auth,
    });
    socket.on('ticket:called', (call: CallPayload) => {
      const at = nowMs();
      let times = receipts.get(call.ticketId);
      if (!times) {
        times = [];
        receipts.set(call.ticketId, times);
      }
      times.push(at);
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
    await Promise.all(Array.from({ length: Math.min(BATCH, count - done) }, () => connectOne(target, index)));
  }
}
say({ kind: 'ready', connected, failed, lastError });

const stop = () => {
  for (const s of sockets) s.close();
  process.exit(0);
};
readCommands((word) => {
  if (word === 'report') say({ kind: 'receipts', receipts: Object.fromEntries(receipts), disconnects });
  else if (word === 'stop') stop();
}, stop);
