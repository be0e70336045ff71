// [NT9] The SMS outbox of a branch, for its supervisor (or an admin): what was sent, what waits, what
// failed and why; numbers masked, one-time codes never shown.
import { Id, OutboxList, type OutboxMessage, OutboxQuery } from '@nobat/protocol';
import { z } from 'zod';
import { mayManageBranch } from '../../auth/auth.ts';
import { maskMobile } from '../../notify/gateways/port.ts';
import { listOutbox, type OutboxEntry } from '../../notify/outbox.ts';
import type { App, Deps } from '../context.ts';
import { fail } from '../errors.ts';
import { createRoute, ok200, requireUser, sessionAuth } from '../route.ts';

const BranchParams = z.object({ branchId: Id });

export function outboxView(e: OutboxEntry): OutboxMessage {
  return {
    key: e.kind === 'otp' ? `otp:${maskMobile(e.to)}` : e.key,
    kind: e.kind,
    to: maskMobile(e.to),
    text: e.kind === 'otp' ? null : e.text,
    ...(e.ticketId ? { ticketId: e.ticketId } : {}),
    urgent: e.urgent ?? false,
    state: e.state,
    attempts: e.attempts,
    createdAt: e.createdAt,
    nextAttemptAt: e.nextAttemptAt,
    ...(e.sentAt !== undefined ? { sentAt: e.sentAt } : {}),
    ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
    ...(e.lastReason !== undefined ? { lastReason: e.lastReason } : {}),
    ...(e.gateway !== undefined ? { gateway: e.gateway } : {}),
  };
}

export function outboxRoutes(app: App, deps: Deps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/outbox',
      tags: ['supervisor'],
      summary: "The branch's SMS to visitors, newest first: queued, sent, failed (with why) or dropped",
      security: sessionAuth,
      request: { params: BranchParams, query: OutboxQuery },
      responses: ok200(OutboxList),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const user = requireUser(c, ['supervisor', 'admin']);
      if (!mayManageBranch(user, branchId)) throw fail(403, 'forbidden');
      if (!(await deps.queue.config(branchId))) throw fail(404, 'not-found');
      const q = c.req.valid('query');
      const entries = await listOutbox(deps.store, branchId, { state: q.state, limit: q.limit });
      return c.json({ branchId, messages: entries.map(outboxView) }, 200);
    },
  );
}
