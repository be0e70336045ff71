// Where a browser request may come from. A page of another site can make a browser send the staff's
// session cookie along (a form post, a WebSocket); the Origin header it cannot forge tells them apart.
// Allowed: the server's own origin (its public URL, or the host the request was sent to) and the
// origins an operator lists (NOBAT_ALLOWED_ORIGINS).

export interface OriginPolicy {
  /** The public URL the server is reached at (PUBLIC_URL). */
  publicUrl: () => string;
  /** Other origins allowed (NOBAT_ALLOWED_ORIGINS), as `scheme://host[:port]`. */
  allowedOrigins: readonly string[];
}

function parsedOrigin(value: string): URL | undefined {
  try {
    const u = new URL(value);
    return u.origin === 'null' ? undefined : u;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request with this Origin header may act. `host` is the Host header it was sent with: a
 * browser sets it to the address the page asked for, so an Origin naming that same host is the
 * server's own page (whatever the scheme a proxy in front of it ends TLS with). `null` (a sandboxed
 * frame, a file) and anything unparsable are refused.
 */
export function originAllowed(origin: string, host: string | undefined, policy: OriginPolicy): boolean {
  const given = parsedOrigin(origin);
  if (!given) return false;
  if (host && given.host === host.toLowerCase()) return true;
  const own = parsedOrigin(policy.publicUrl());
  if (own && own.origin === given.origin) return true;
  return policy.allowedOrigins.includes(given.origin);
}

/** Whether the Fetch Metadata of a request without Origin says it came from a page of this origin (or none). */
export function sameSiteFetch(secFetchSite: string | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}
