// A compact way to declare a documented, validated JSON route, and the checks of who may call it.
import { createRoute } from '@hono/zod-openapi';
import { ErrorBody, type Role, type SessionUser } from '@nobat/protocol';
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import type { Principal } from '../auth/auth.ts';
import type { AppEnv } from './context.ts';
import { fail } from './errors.ts';

const errors = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorBody } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorBody } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorBody } } },
  409: { description: 'Refused in the current state', content: { 'application/json': { schema: ErrorBody } } },
  422: { description: 'Refused: a value does not fit', content: { 'application/json': { schema: ErrorBody } } },
  413: { description: 'Request body too large', content: { 'application/json': { schema: ErrorBody } } },
  429: { description: 'Too many requests', content: { 'application/json': { schema: ErrorBody } } },
  503: { description: 'Busy, or the store unavailable', content: { 'application/json': { schema: ErrorBody } } },
} as const;

/** A required JSON request body. */
export const jsonBody = <T extends ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true as const,
});

/** The responses of a route answering 200 with `schema`, and the shared error answers. */
export const ok200 = <T extends ZodType>(schema: T) => ({
  200: { description: 'OK', content: { 'application/json': { schema } } },
  ...errors,
});
export const ok201 = <T extends ZodType>(schema: T) => ({
  201: { description: 'Created', content: { 'application/json': { schema } } },
  ...errors,
});

type Security = Record<string, string[]>[];
export const sessionAuth: Security = [{ session: [] }];
export const deviceOrSession: Security = [{ session: [] }, { deviceToken: [] }];

export { createRoute };

/** The signed-in user, if their role is one of `roles`; else throws 401/403. */
export function requireUser(c: Context<AppEnv>, roles: readonly Role[]): SessionUser {
  const p: Principal = c.get('principal');
  if (p.kind === 'device') throw fail(403, 'forbidden'); // signed in, but as a device
  if (p.kind !== 'user') throw fail(401, 'unauthenticated');
  if (!roles.includes(p.user.role)) throw fail(403, 'forbidden');
  return p.user;
}

/** A user may act on a branch when it is theirs, or when they are an admin. */
