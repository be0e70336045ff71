// Requests that change something must come from the server's own pages (or scripts), never from a
// page of another site riding on a clerk's cookie:
// - with an Origin header (every browser sends one on a cross-origin request and on every POST), it
//   must be allowed (src/auth/origin.ts), whatever the credentials;
// - without one, a request signed in by the session cookie must not say it came from another site
//   (Sec-Fetch-Site); scripts send no such header, and bearer tokens cannot be added by a foreign page;
// - a body must be declared JSON: a form's text/plain, urlencoded or multipart body is refused (415)
//   before any route reads it. The one exception is an XLSX workbook sent to a branch's import route:
//   no HTML form can send that type, and a page of another site cannot send it without a preflight.

import { XLSX_CONTENT_TYPE } from '@nobat/protocol';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/auth.ts';
import { originAllowed, sameSiteFetch } from '../auth/origin.ts';
import type { AppEnv, Deps } from './context.ts';
import { fail } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const TAKES_XLSX = /^\/api\/v1\/admin\/branches\/[^/]+\/import$/;

export function crossSiteGuard(deps: Deps): MiddlewareHandler<AppEnv> {
  const policy = {
    publicUrl: () => deps.publicUrl,
    allowedOrigins: deps.web?.allowedOrigins ?? [],
  };
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!originAllowed(origin, c.req.header('host'), policy)) throw fail(403, 'forbidden-origin');
    } else {
      const byCookie = !c.req.header('authorization') && getCookie(c, SESSION_COOKIE) !== undefined;
      if (byCookie && !sameSiteFetch(c.req.header('sec-fetch-site'))) throw fail(403, 'forbidden-origin');
    }
    const type = c.req.header('content-type');
    const workbook =
      type !== undefined &&
      type.split(';')[0]?.trim().toLowerCase() === XLSX_CONTENT_TYPE &&
      TAKES_XLSX.test(c.req.path);
    if (type !== undefined && !JSON_TYPE.test(type) && !workbook) throw fail(415, 'unsupported-media-type');
    return next();
  };
}
