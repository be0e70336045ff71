// Ticket issue load with autocannon: kiosk-token POSTs to the ticket path, round-robin over the
// sub-services without a daily cap and, given several branches, over the branches too, each request
// with its own branch's kiosk token. The same requests go to the real server and to the bare Hono
// baseline. Latencies are the raw response times autocannon measures (no coordinated-omission
// correction: autocannon's correction assumes a 1 ms interval whatever the rate).
import autocannon, { type AutocannonClient, type AutocannonRequest } from 'autocannon';
import { demoKiosk, type IssueTarget, issuePathOf } from './api.ts';
import { UNCAPPED_SERVICES } from './shared.ts';
import { round, type Summary, summarise } from './stats.ts';

export interface LoadOptions {
  connections: number;
  /** Run time; with `amount`, whichever comes first. */
  seconds: number;
  /** Fixed rate over all connections (requests a second); omit for as fast as it answers. */
  rate?: number;
  amount?: number;
  /** Called with the running count of 2xx answers. */
  onOk?: (ok: number) => void;
  /** The branches to issue in, round-robin (default: the demo branch alone). */
  targets?: readonly IssueTarget[];
}

export interface LoadRun {
  seconds: number;
  sent: number;
  ok: number;
  okPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** ms, 2xx answers only. */
  latency: Summary;
}

/** At most this many latencies are kept (a bound on memory at bare-Hono rates). */
const MAX_SAMPLES = 2_000_000;

/**
 * The request cycle: request i goes to branch i mod B and sub-service i mod S, over lcm(B, S)
 * requests, so every branch gets every sub-service equally often.
 */
function issueRequests(targets: readonly IssueTarget[]): AutocannonRequest[] {
  const b = targets.length;
  const s = UNCAPPED_SERVICES.length;
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const length = (b * s) / gcd(b, s);
  return Array.from({ length }, (_, i) => {
    const t = targets[i % b] ?? demoKiosk();
    return {
      method: 'POST',
      path: issuePathOf(t.branchId),
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: UNCAPPED_SERVICES[i % s] }),
    };
  });
}

export function runLoad(base: string, o: LoadOptions): Promise<LoadRun> {
  const targets = o.targets && o.targets.length > 0 ? o.targets : [demoKiosk()];
  const requests = issueRequests(targets);
  // Every connection walks the same cycle. With several branches each starts at its own place in
  // it, evenly spaced, so the connections (which the rate limiter keeps in step) do not all hit one
  // branch at the same moment; with one branch the cycle is left as it is.
  let clientIndex = 0;
  const setupClient =
    targets.length > 1
      ? (client: AutocannonClient) => {
          const offset = Math.floor((clientIndex++ * requests.length) / o.connections) % requests.length;
          client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)].map((r) => ({ ...r })));
        }
      : undefined;
  const latencies: number[] = [];
  let ok = 0;
  return new Promise<LoadRun>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const instance = autocannon(
      {
        url: base,
        connections: o.connections,
        requests,
        ...(setupClient ? { setupClient } : {}),
        timeout: 10,
        ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
        ...(o.rate ? { overallRate: o.rate, ignoreCoordinatedOmission: true } : {}),
      },
      (err, result) => {
        if (timer) clearTimeout(timer);
        if (err) return reject(err);
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
        resolve({
          seconds: result.duration,
          sent: result.requests.sent,
          ok: result['2xx'],
          okPerSecond: round(result['2xx'] / result.duration, 1),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          latency: summarise(latencies),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode > 299) return;
      ok++;
      if (latencies.length < MAX_SAMPLES) latencies.push(responseTime);
      o.onOk?.(ok);
    });
    if (o.amount) timer = setTimeout(() => instance.stop(), o.seconds * 1000);
  });
}
