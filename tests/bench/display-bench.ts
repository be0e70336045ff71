// Call → display: 2,000 /display sockets on the real server and 2,000 on a bare Socket.IO server, both
// up at once and held by the same client processes, with calls on the two taking turns so that the
// noise of a shared machine falls on both alike. A sample is one socket's receipt of `ticket:called`
// minus the moment just before the request was sent: call-next on the real server; on the bare one, a
// POST telling it to broadcast a payload of the same shape to its room.
import { sleep } from '../support/child.ts';
import { counterAction, login, postJson, prefill } from './api.ts';
import { type BenchProcess, spawnBench } from './procs.ts';
import { BRANCH, barePayload, nowMs, UNCAPPED_SERVICES } from './shared.ts';
import { type Summary, summarise } from './stats.ts';
import { type Store, startTarget, type Target } from './targets.ts';

export const DISPLAY = {
  /** Sockets on each server. */
  sockets: 2000,
  clientProcesses: 4,
  warmupRounds: 2,
  rounds: 30,
  /** From a bare broadcast to the next call. */
  bareGapMs: 350,
  /** A real call is followed by `start` (so the next call-next finishes it) this much later… */
  startAfterMs: 200,
  /** …and by the next bare broadcast this much later: past the server's 250 ms queue:changed refresh. */
  realGapMs: 550,
  /** Tickets waiting before the calls start (counter 1 serves two of the seven sub-services). */
  prefill: 300,
} as const;

export interface DisplaySide {
  connected: number;
  rounds: number;
  expected: number;
  received: number;
  /** ms from just before the request to a socket's receipt, over every socket and call. */
  latency: Summary;
  /** The median over calls of each call's p99 over sockets (less at the mercy of one stalled call). */
  perCallP99Median: number;
  /** Each measured call's p99 over sockets, in call order (ms, rounded to 0.1). */
  perCallP99: number[];
  /** ms the HTTP request itself took. */
  request: Summary;
}

export interface DisplayPair {
  real: DisplaySide;
  bare: DisplaySide;
  failedToConnect: number;
  lastConnectError: string;
}

const sleepUntil = async (at: number) => {
  const left = at - nowMs();
  if (left > 0) await sleep(left);
};

function side(connected: number, sentAt: Map<string, number>, requestMs: number[], receipts: Map<string, number[]>) {
  const all: number[] = [];
  const perCall: number[] = [];
  for (const [ticketId, t0] of sentAt) {
    const these = (receipts.get(ticketId) ?? []).map((at) => at - t0);
    all.push(...these);
    if (these.length > 0) perCall.push(summarise(these).p99);
  }
  return {
    connected,
    rounds: sentAt.size,
    expected: connected * sentAt.size,
    received: all.length,
    latency: summarise(all),
    perCallP99Median: summarise(perCall).p50,
    perCallP99: perCall.map((v) => Math.round(v * 10) / 10),
    request: summarise(requestMs),
  } satisfies DisplaySide;
}

export async function callToDisplay(store: Store, log: (s: string) => void): Promise<DisplayPair> {
  const targets: Target[] = [];
  const clients: BenchProcess[] = [];
  try {
    const real = await startTarget('real', store);
    targets.push(real);
    const bare = await startTarget('io', store);
    targets.push(bare);
    await prefill(real.url, DISPLAY.prefill, UNCAPPED_SERVICES);
    const token = await login(real.url, 'clerk1');
    await counterAction(real.url, token, 'counter-1', 'open');

    const per = Math.ceil(DISPLAY.sockets / DISPLAY.clientProcesses);
    const TARGETS = JSON.stringify([
      { url: real.url, auth: { branchId: BRANCH } },
      { url: bare.url, auth: {} },
    ]);
    for (let p = 0; p < DISPLAY.clientProcesses; p++) {
      const count = Math.min(per, DISPLAY.sockets - p * per);
      clients.push(spawnBench(`displays-${p}`, './display-clients.ts', { TARGETS, COUNT: String(count) }));
    }
    const ready = await Promise.all(clients.map((c) => c.next('ready', 120_000)));
    const connectedTo = (i: number) => ready.reduce((n, l) => n + Number((l.connected as number[])[i] ?? 0), 0);
    const failedToConnect = ready.reduce((n, l) => n + Number(l.failed), 0);
    const lastConnectError = ready.map((l) => String(l.lastError)).find((e) => e) ?? '';
    log(`  ${store}: ${connectedTo(0)} displays on the real server, ${connectedTo(1)} on bare Socket.IO; calling`);
    await sleep(1000); // let the snapshots sent on connect go out

    const realSent = new Map<string, number>();
    const bareSent = new Map<string, number>();
    const realRequest: number[] = [];
    const bareRequest: number[] = [];
    for (let round = 0; round < DISPLAY.warmupRounds + DISPLAY.rounds; round++) {
      const measured = round >= DISPLAY.warmupRounds;

      const number = `B${1000 + round}`;
      let t0 = nowMs();
      await postJson(bare.url, '/broadcast', undefined, { number });
      if (measured) {
        bareRequest.push(nowMs() - t0);
        bareSent.set(barePayload(number).ticketId, t0);
      }
      await sleepUntil(t0 + DISPLAY.bareGapMs);

      t0 = nowMs();
      const called = await counterAction(real.url, token, 'counter-1', 'call-next');
      if (!called.ticket) throw new Error('call-next found nothing waiting: prefill more tickets');
      if (measured) {
        realRequest.push(nowMs() - t0);
        realSent.set(called.ticket.id, t0);
      }
      await sleepUntil(t0 + DISPLAY.startAfterMs);
      await counterAction(real.url, token, 'counter-1', 'start');
      await sleepUntil(t0 + DISPLAY.realGapMs);
    }
    await sleep(1000);

    const receipts = new Map<string, number[]>();
    for (const c of clients) {
      c.send('report');
      const line = await c.next('receipts', 30_000);
      for (const [ticketId, times] of Object.entries(line.receipts as Record<string, number[]>)) {
        const into = receipts.get(ticketId);
        if (into) into.push(...times);
        else receipts.set(ticketId, [...times]);
      }
    }
    return {
      real: side(connectedTo(0), realSent, realRequest, receipts),
      bare: side(connectedTo(1), bareSent, bareRequest, receipts),
      failedToConnect,
      lastConnectError,
    };
  } finally {
    await Promise.all(clients.map((c) => c.stop(5_000)));
    for (const t of targets) await t.stop();
  }
}
