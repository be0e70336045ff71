// The session cookie: HttpOnly (no script reads it), SameSite=Strict, and Secure whenever the server
// is reached over HTTPS — its public URL is https, or a trusted proxy in front says the request came
// over https (X-Forwarded-Proto, believed only with NOBAT_TRUST_PROXY=on).
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/auth.ts';
import type { AppEnv, Deps } from './context.ts';

export function overHttps(c: Context<AppEnv>, deps: Deps): boolean {
  if (deps.publicUrl.startsWith('https:')) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!deps.web?.trustProxy) return false;
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

export function setSessionCookie(c: Context<AppEnv>, deps: Deps, token: string, expiresAt: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    expires: new Date(expiresAt),
    ...(overHttps(c, deps) ? { secure: true } : {}),
  });
}
