// Ticket issue load with autocannon: kiosk-token POSTs to the ticket path, round-robin over the
// sub-services without a daily cap. The same requests go to the real server and to the bare Hono
// baseline. Latencies are the raw response times autocannon measures (no coordinated-omission
// correction: autocannon's correction assumes a 1 ms interval whatever the rate).
import autocannon from 'autocannon';
import { issuePath, kioskToken } from './api.ts';
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

export function runLoad(base: string, o: LoadOptions): Promise<LoadRun> {
  const headers = { authorization: `Bearer ${kioskToken()}`, 'content-type': 'application/json' };
  const requests = UNCAPPED_SERVICES.map((serviceId) => ({
    method: 'POST',
    path: issuePath,
    headers,
    body: JSON.stringify({ serviceId }),
  }));
  const latencies: number[] = [];
  let ok = 0;
  return new Promise<LoadRun>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const instance = autocannon(
      {
        url: base,
        connections: o.connections,
        requests,
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
