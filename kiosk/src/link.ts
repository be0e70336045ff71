// The kiosk's link to the server: its device token, idempotent ticket issue (the shared REST client),
// and the /kiosk socket.
import { ApiError, connectSocket, createRestClient, path, retryable, withRetries } from '@nobat/client';
import {
  IssuedTicket,
  type IssueTicketBody,
  type KioskClientEvents,
  type KioskServerEvents,
  type Lang,
} from '@nobat/protocol';
import type { Socket } from 'socket.io-client';

const TOKEN_KEY = 'nobat.kioskToken';

/**
 * The kiosk's device token: given once in the address (?token=…) when the kiosk is set up, then kept
 * in the kiosk's own storage. It is the device's secret, not a person's session: the kiosk sends it
 * as a bearer token (never a cookie, so no other site's page can make the browser use it), and it
 * tells nothing about any password. Revoking the device ends it.
 */
export function kioskToken(): string | null {
  const params = new URLSearchParams(location.search);
  const given = params.get('token');
  if (given) {
    localStorage.setItem(TOKEN_KEY, given);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}`);
  }
  return localStorage.getItem(TOKEN_KEY);
}

/** The branch a kiosk token belongs to is part of its device record; the kiosk learns it from its snapshot. */
export function connectKiosk(token: string): Socket<KioskServerEvents, KioskClientEvents> {
  return connectSocket('/kiosk', {
    auth: { token },
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5_000,
  });
}

export type IssueOutcome = { ok: true; ticket: IssuedTicket } | { ok: false; code: string; message: string };

/**
 * Issues a ticket. The request id is fixed for one touch of the button, so a retry after a lost
 * answer gets the same ticket, never a second one. An unreachable server or a failure on its side is
 * tried again for a while (withRetries: 6 tries, 0.5 s doubling, 8 s each); a refusal is the answer.
 */
export async function issueTicket(
  token: string,
  branchId: string,
  body: IssueTicketBody & { requestId: string },
  lang: Lang,
): Promise<IssueOutcome> {
  const rest = createRestClient({ token, timeoutMs: 8_000 });
  try {
    const ticket = await withRetries(() =>
      rest.post(IssuedTicket, path('/api/v1/branches', branchId, 'tickets'), body),
    );
    return { ok: true, ticket };
  } catch (err) {
    if (err instanceof ApiError && !retryable(err)) return { ok: false, code: err.code, message: err.text[lang] };
    return { ok: false, code: 'offline', message: '' };
  }
}
