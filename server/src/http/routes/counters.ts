// What a clerk does at their counter. Only clerks act, only at a counter of their branch, and the
// domain refuses anyone but the clerk who opened the counter (rule C1).
import {
  CallNextBody,
  CallTicketBody,
  CounterActionResult,
  Id,
  ParkBody,
  PauseBody,
  TransferBody,
} from '@nobat/protocol';
import type { Context } from 'hono';
import { type ZodType, z } from 'zod';
import type { CommandInput } from '../../queue/queue-service.ts';
import { counterSummary, staffTicket } from '../../queue/views.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { fail, refused } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';

const Params = z.object({ counterId: Id });

type Act = { counterId: string; clerkId: string };

/** Every counter action: its path segment, its body (if any), and the command it makes. */
const actions: { path: string; summary: string; body?: ZodType; command: (a: Act, body: never) => CommandInput }[] = [
  { path: 'open', summary: 'Take the counter (the signed-in clerk)', command: (a) => ({ type: 'open', ...a }) },
  { path: 'close', summary: 'Leave the counter', command: (a) => ({ type: 'close', ...a }) },
  {
    path: 'call-next',
    summary: 'Call the next ticket by the balancing rules (empty queue: ticket null)',
    body: CallNextBody,
    command: (a, b: z.infer<typeof CallNextBody>) => ({
      type: 'callNext',
      ...a,
      ...(b.requestId ? { requestId: `${a.counterId}:${b.requestId}` } : {}),
    }),
  },
  {
    path: 'call',
    summary: 'Call a specific waiting or parked ticket',
    body: CallTicketBody,
    command: (a, b: z.infer<typeof CallTicketBody>) => ({ type: 'callTicket', ...a, ticketId: b.ticketId }),
  },
  { path: 'recall', summary: 'Announce the current ticket again', command: (a) => ({ type: 'recall', ...a }) },
  { path: 'start', summary: 'Start serving the current ticket', command: (a) => ({ type: 'start', ...a }) },
  { path: 'finish', summary: 'Finish the current ticket', command: (a) => ({ type: 'finish', ...a }) },
  { path: 'no-show', summary: 'Mark the current ticket no-show', command: (a) => ({ type: 'noShow', ...a }) },
  {
    path: 'transfer',
    summary: 'Transfer the current ticket to another sub-service or counter, keeping its place',
    body: TransferBody,
    command: (a, b: z.infer<typeof TransferBody>) => ({ type: 'transfer', ...a, ...b }),
  },
  {
    path: 'park',
    summary: 'Park the current ticket',
    body: ParkBody,
    command: (a, b: z.infer<typeof ParkBody>) => ({ type: 'park', ...a, ...b }),
  },
  {
    path: 'unpark',
    summary: 'Return a parked ticket to the queue at its place',
    body: CallTicketBody,
    command: (a, b: z.infer<typeof CallTicketBody>) => ({ type: 'unpark', ...a, ticketId: b.ticketId }),
  },
  {
    path: 'pause',
    summary: 'Pause the counter, with a reason',
    body: PauseBody,
    command: (a, b: z.infer<typeof PauseBody>) => ({ type: 'pause', ...a, reason: b.reason }),
  },
  { path: 'resume', summary: 'Resume after a pause', command: (a) => ({ type: 'resume', ...a }) },
];

export const COUNTER_ACTIONS = actions.map((a) => a.path);

export function counterRoutes(app: App, deps: Deps): void {
  for (const action of actions) {
    const route = createRoute({
      method: 'post',
      path: `/api/v1/counters/{counterId}/${action.path}`,
      tags: ['counter'],
      summary: action.summary,
      security: sessionAuth,
      request: { params: Params, ...(action.body ? { body: jsonBody(action.body) } : {}) },
      responses: ok200(CounterActionResult),
    });
    app.openapi(route, async (c: Context<AppEnv>) => {
      const user = requireUser(c, ['clerk']);
      if (!user.branchId) throw fail(403, 'forbidden');
      const { counterId } = Params.parse(c.req.param());
      const body = action.body ? ((c.req.valid as (t: 'json') => unknown)('json') as never) : (undefined as never);
      const r = await deps.queue.execute(user.branchId, action.command({ counterId, clerkId: user.id }, body));
      if (!r.ok) throw refused(r);
      const day = deps.queue.peek(user.branchId); // just brought up to date by the command
      const counter = day && counterSummary(day.ix, day.state, counterId);
      if (!counter) throw fail(404, 'not-found');
      return c.json({ ticket: r.ticket && staffTicket(r.ticket), counter }, 200);
    });
  }
}
