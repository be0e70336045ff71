// [SV1][SV2] What a supervisor (of the branch) or an admin does on the live floor: open, pause, resume
// and close a counter on a clerk's behalf, and move a waiting ticket. Every action that changed
// something is written to the audit log with who and when (cancelling is tickets.ts's, audited too).
import {
  type AuditAction,
  FloorCounterAnswer,
  Id,
  MovedTicket,
  MoveTicketBody,
  PauseBody,
  Refusal,
  refusalMessages,
  type SessionUser,
  SuperviseOpenBody,
  TicketId,
} from '@nobat/protocol';
import type { Context } from 'hono';
import { type ZodType, z } from 'zod';
import { mayManageBranch } from '../../auth/auth.ts';
import { type Command, counterState, type StoredEvent } from '../../domain/index.ts';
import { floorStats } from '../../queue/floor.ts';
import { branchOfTicket } from '../../queue/queue-service.ts';
import { staffTicket } from '../../queue/views.ts';
import { auditContext } from '../admin/audited.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { fail, refused } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';

const CounterParams = z.object({ branchId: Id, counterId: Id });
const TicketParams = z.object({ branchId: Id, ticketId: TicketId });

/** A supervisor of this branch, or an admin (403 otherwise). */
export function requireSupervisor(c: Context<AppEnv>, branchId: string): SessionUser {
  const who = requireUser(c, ['supervisor', 'admin']);
  if (!mayManageBranch(who, branchId)) throw fail(403, 'forbidden');
  return who;
}

/** [SV2] The audit entry of a floor action that appended `events` to the branch's log. */
export async function auditFloorAction(
  c: Context<AppEnv>,
  deps: Pick<Deps, 'store' | 'clock' | 'web'>,
  who: SessionUser,
  entry: {
    action: AuditAction;
    target: { kind: 'counter' | 'ticket'; id: string };
    branchId: string;
    events: readonly StoredEvent[];
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  },
): Promise<void> {
  const first = entry.events[0];
  const last = entry.events.at(-1);
  if (!first || !last) return; // it changed nothing: nothing to audit
  const ctx = auditContext(c, deps, who);
  await ctx.store.appendAudit({
    at: new Date(ctx.clock()).toISOString(),
    actor: ctx.actor,
    address: ctx.address,
    action: entry.action,
    target: entry.target,
    branchId: entry.branchId,
    // The day's log versions before and after the action.
    fromVersion: first.seq - 1,
    toVersion: last.seq,
    before: entry.before,
    after: entry.after,
    changes: Object.keys(entry.after).filter((k) => entry.before[k] !== entry.after[k]),
  });
}

type CounterAct = 'open' | 'pause' | 'resume' | 'close';
const counterActions: { act: CounterAct; summary: string; body?: ZodType }[] = [
  {
    act: 'open',
    summary: 'Open a counter for the clerk named (who must be allowed to staff it)',
    body: SuperviseOpenBody,
  },
  { act: 'pause', summary: "Pause a counter on its clerk's behalf, with a reason", body: PauseBody },
  { act: 'resume', summary: "Resume a paused counter on its clerk's behalf" },
  { act: 'close', summary: "Close a counter on its clerk's behalf (no ticket may be open at it)" },
];

export function superviseRoutes(app: App, deps: Deps): void {
  for (const { act, summary, body } of counterActions) {
    const route = createRoute({
      method: 'post',
      path: `/api/v1/branches/{branchId}/supervise/counters/{counterId}/${act}`,
      tags: ['supervise'],
      summary: `${summary} (SV2; supervisor of the branch or admin; audited)`,
      security: sessionAuth,
      request: { params: CounterParams, ...(body ? { body: jsonBody(body) } : {}) },
      responses: ok200(FloorCounterAnswer),
    });
    app.openapi(route, async (c: Context<AppEnv>) => {
      const { branchId, counterId } = CounterParams.parse(c.req.param());
      const who = requireSupervisor(c, branchId);
      const input = body ? ((c.req.valid as (t: 'json') => unknown)('json') as Record<string, string>) : {};
      const day = await deps.queue.view(branchId);
      if (!day) throw fail(404, 'not-found');
      if (!day.ix.counters.has(counterId))
        throw refused({ code: Refusal.unknownCounter, message: refusalMessages[Refusal.unknownCounter] });
      const before = counterState(day.state, counterId);
      let command: Command;
      if (act === 'open') {
        command = { type: 'open', counterId, clerkId: input.clerkId ?? '', by: who.id };
      } else {
        // Pause, resume and close act for the clerk who holds the counter now.
        if (!before.clerkId || before.status === 'closed') {
          throw refused({ code: Refusal.counterClosed, message: refusalMessages[Refusal.counterClosed] });
        }
        const clerkId = before.clerkId;
        command =
          act === 'pause'
            ? { type: 'pause', counterId, clerkId, reason: input.reason ?? '', by: who.id }
            : { type: act, counterId, clerkId, by: who.id };
      }
      const was = { status: before.status, clerkId: before.clerkId ?? null, pauseReason: before.pauseReason ?? null };
      const r = await deps.queue.execute(branchId, command);
      if (!r.ok) throw refused(r);
      const now = deps.queue.peek(branchId); // just brought up to date by the command
      const floor = now && floorStats(now.ix, now.state, deps.clock()).counters.find((x) => x.counterId === counterId);
      if (!floor) throw fail(404, 'not-found');
      await auditFloorAction(c, deps, who, {
        action: `counter-${act}`,
        target: { kind: 'counter', id: counterId },
        branchId,
        events: r.events,
        before: was,
        after: { status: floor.status, clerkId: floor.clerk?.id ?? null, pauseReason: floor.pauseReason },
      });
      const { counterId: id, status, clerk, pauseReason, pausedSince } = floor;
      return c.json({ counterId: id, status, clerk, pauseReason, pausedSince }, 200);
    });
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/supervise/tickets/{ticketId}/move',
      tags: ['supervise'],
      summary:
        'Move a waiting ticket to another sub-service or to a counter, keeping its place in time (SV1; supervisor of the branch or admin; audited)',
      security: sessionAuth,
      request: { params: TicketParams, body: jsonBody(MoveTicketBody) },
      responses: ok200(MovedTicket),
    }),
    async (c) => {
      const { branchId, ticketId } = c.req.valid('param');
      const who = requireSupervisor(c, branchId);
      const { toServiceId, toCounterId } = c.req.valid('json');
      if (branchOfTicket(ticketId) !== branchId) throw fail(404, 'not-found');
      const day = await deps.queue.view(branchId);
      const t = day?.state.tickets.get(ticketId);
      const was = { serviceId: t?.serviceId ?? null, targetCounterId: t?.targetCounterId ?? null };
      const r = await deps.queue.execute(branchId, {
        type: 'move',
        ticketId,
        ...(toServiceId ? { toServiceId } : {}),
        ...(toCounterId ? { toCounterId } : {}),
        by: who.id,
      });
      if (!r.ok) throw refused(r);
      if (!r.ticket) throw fail(404, 'not-found');
      await auditFloorAction(c, deps, who, {
        action: 'ticket-move',
        target: { kind: 'ticket', id: ticketId },
        branchId,
        events: r.events,
        before: { number: r.ticket.number, ...was },
        after: {
          number: r.ticket.number,
          serviceId: r.ticket.serviceId,
          targetCounterId: r.ticket.targetCounterId ?? null,
        },
      });
      return c.json(staffTicket(r.ticket), 200);
    },
  );
}
