// The few REST calls the bench makes itself (the load proper comes from autocannon).
import type { CounterActionResult, IssuedTicket, LoginResponse } from '@nobat/protocol';
import { demoDeviceToken } from '@nobat/protocol/demo-token';
import { issueTicket, counterAction as postCounterAction } from '../support/socket.ts';
import { BENCH_DEVICE_KEY, BENCH_PASSWORD, BRANCH } from './shared.ts';

/** How long the bench waits for one of its own requests. */
const TIMEOUT_MS = 15_000;

const kioskToken = (): string => demoDeviceToken(BENCH_DEVICE_KEY, 'kiosk-1');
export const issuePathOf = (branchId: string): string => `/api/v1/branches/${branchId}/tickets`;

/** Where the load issues tickets: a branch and the token of one of its kiosks. */
export interface IssueTarget {
  branchId: string;
  token: string;
}
/** The demo branch and its kiosk: the single-branch scenarios. */
export const demoKiosk = (): IssueTarget => ({ branchId: BRANCH, token: kioskToken() });

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export async function postJson<T>(base: string, path: string, token: string | undefined, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new HttpError(res.status, text, `POST ${path}`);
  return JSON.parse(text) as T;
}

export async function getJson<T>(base: string, path: string, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new HttpError(res.status, text, `GET ${path}`);
  return JSON.parse(text) as T;
}

export async function login(base: string, username: string): Promise<string> {
  const r = await postJson<LoginResponse>(base, '/api/v1/auth/login', undefined, {
    username,
    password: BENCH_PASSWORD,
  });
  return r.token;
}

export function counterAction(
  base: string,
  token: string,
  counterId: string,
  action: 'open' | 'call-next' | 'start' | 'finish',
): Promise<CounterActionResult> {
  return postCounterAction(base, token, counterId, action, {}, { timeoutMs: TIMEOUT_MS });
}

function issue(base: string, serviceId: string): Promise<IssuedTicket> {
  return issueTicket(base, kioskToken(), serviceId, { timeoutMs: TIMEOUT_MS });
}

/** Issues `count` tickets round-robin over `services`, `concurrency` at a time. */
export async function prefill(
  base: string,
  count: number,
  services: readonly string[],
  concurrency = 8,
): Promise<number> {
  let next = 0;
  let issued = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      await issue(base, services[i % services.length] ?? 'premium-list');
      issued++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return issued;
}
