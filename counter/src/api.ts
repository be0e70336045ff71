// The desk's calls to the server. The session travels in its HttpOnly cookie (no script can read it,
// so none keeps it). Every failure becomes an ApiError carrying the server's own explanation (Persian
// and English), or a network error when the server could not be reached.
import type { ErrorBody, Message } from '@nobat/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Message,
    /** For a refusal about time (too many sign-in attempts): seconds until trying again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(text.en);
  }
  /** The session is gone (expired, signed out elsewhere, or revoked). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }
  get network(): boolean {
    return this.status === 0;
  }
}

const NETWORK: Message = {
  fa: 'ارتباط با سرور برقرار نشد. دوباره تلاش کنید.',
  en: 'Could not reach the server. Please try again.',
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK);
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (json as Partial<ErrorBody> | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `http-${res.status}`,
      error?.message ?? { fa: `خطای ${res.status}`, en: `Error ${res.status}` },
      error?.retryAfterSeconds,
    );
  }
  return json as T;
}
