// Shared by the HTTP gateways: a request with a time limit, its failures sorted into retryable or not.
import { GatewayError } from './port.ts';

/** HTTP statuses worth trying again: the server's trouble or its throttling, not the request's. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** fetch with a time limit; a timeout or a network failure is a retryable GatewayError. */
export async function fetchWithin(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new GatewayError(`no answer within ${timeoutMs} ms`, true, 'timeout');
    throw new GatewayError(
      `cannot reach the gateway: ${err instanceof Error ? err.message : String(err)}`,
      true,
      'unreachable',
    );
  }
}

/** The body of an answer, read within the same kind of limit (a gateway that stalls mid-body). */
export async function textOf(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch (err) {
    throw new GatewayError(
      `the answer broke off: ${err instanceof Error ? err.message : String(err)}`,
      true,
      'unreachable',
    );
  }
}
