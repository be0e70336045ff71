// The kiosk's link to the server: its device token, idempotent ticket issue, and the /kiosk socket.
import type {
  ErrorBody,
  IssuedTicket,
  IssueTicketBody,
  KioskClientEvents,
  KioskServerEvents,
  Lang,
} from '@nobat/protocol';
import { io, type Socket } from 'socket.io-client';

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
  return io('/kiosk', { auth: { token }, transports: ['websocket', 'polling'], reconnectionDelayMax: 5_000 });
}

export type IssueOutcome = { ok: true; ticket: IssuedTicket } | { ok: false; code: string; message: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issues a ticket. The request id is fixed for one touch of the button, so a retry after a lost
 * answer gets the same ticket, never a second one. Network failures are retried for a while.
 */
export async function issueTicket(
  token: string,
  branchId: string,
  body: IssueTicketBody & { requestId: string },
  lang: Lang,
): Promise<IssueOutcome> {
  for (let attempt = 0; attempt < 6; attempt++) {
    let res: Response;
    try {
      res = await fetch(`/api/v1/branches/${encodeURIComponent(branchId)}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(8_000),
      });
    } catch {
      await sleep(500 * 2 ** attempt);
      continue;
    }
    if (res.status >= 500) {
      await sleep(500 * 2 ** attempt);
      continue;
    }
    const json = (await res.json().catch(() => null)) as IssuedTicket | ErrorBody | null;
    if (res.ok && json && 'number' in json) return { ok: true, ticket: json };
    const error = json && 'error' in json ? json.error : undefined;
    return { ok: false, code: error?.code ?? 'unknown', message: error?.message[lang] ?? String(res.status) };
  }
  return { ok: false, code: 'offline', message: '' };
}
