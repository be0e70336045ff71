// What a clerk does at their counter. Only clerks act, only at a counter of their branch, and the
// domain refuses anyone but the clerk who opened the counter (rule C1).
import {
  CallNextBody,
  CallTicketBody,
  ClerkDay,
  ClerkDesk,
  CounterActionResult,
  DocumentsBody,
  EXPORT_CONTENT_TYPE,
  ExportFormat,
  Id,
  ParkBody,
  PauseBody,
  StaffTicket,
  TransferBody,
} from '@nobat/protocol';
import type { Context } from 'hono';
import { type ZodType, z } from 'zod';
import { clerkDay } from '../../domain/history.ts';
import { localDay } from '../../domain/index.ts';
import { withRequestDates } from '../../domain/request-log.ts';
import type { RequestRecord } from '../../domain/requests.ts';
import { dayLogs } from '../../history/day-logs.ts';
import { clerkLogDoc } from '../../history/export/clerk-log-doc.ts';
import { renderDoc } from '../../history/export/render.ts';
import type { CommandInput } from '../../queue/queue-service.ts';
import { clerkDayView, clerkDesk, counterQueue, counterSummary, staffTicket } from '../../queue/views.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { fail, refused } from '../errors.ts';
import { createRoute, jsonBody, ok200, requireUser, sessionAuth } from '../route.ts';

/** [RD6] The requests made from the tickets of a clerk's log (جدول ۲), for their back-office dates. */
async function requestsOfTickets(deps: Deps, log: readonly { ticketId: string }[]): Promise<RequestRecord[]> {
  const svc = deps.requests;
  const found = await Promise.all(log.map((r) => svc.byTicket(r.ticketId)));
  return found.filter((r): r is RequestRecord => r !== undefined);
}

const Params = z.object({ counterId: Id });
/** [XP5] An export of the clerk's جدول ۲: the format, and the language it is written in (Persian by default). */
const LogExportQuery = z.object({ format: ExportFormat, lang: z.enum(['fa', 'en']).default('fa') });

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
    path: 'documents',
    summary: 'Record the documents the visitor brought for the current ticket; the rest are missing',
    body: DocumentsBody,
    command: (a, b: z.infer<typeof DocumentsBody>) => ({ type: 'checkDocuments', ...a, brought: b.brought }),
  },
  {
    path: 'pause',
    summary: 'Pause the counter, with a reason',
    body: PauseBody,
    command: (a, b: z.infer<typeof PauseBody>) => ({ type: 'pause', ...a, reason: b.reason }),
  },
  { path: 'resume', summary: 'Resume after a pause', command: (a) => ({ type: 'resume', ...a }) },
];

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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/counters/{counterId}/queue',
      tags: ['counter'],
      summary: 'The tickets waiting for this counter, in the order it would call them',
      security: sessionAuth,
      request: { params: Params },
      responses: ok200(z.array(StaffTicket)),
    }),
    async (c) => {
      const user = requireUser(c, ['clerk', 'supervisor']);
      if (!user.branchId) throw fail(403, 'forbidden');
      const { counterId } = c.req.valid('param');
      const day = await deps.queue.view(user.branchId);
      const queue = day && counterQueue(day.ix, day.state, counterId, deps.clock());
      if (!queue) throw fail(404, 'not-found');
      return c.json(queue, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/clerks/me/desk',
      tags: ['counter'],
      summary:
        "The signed-in clerk's desk as they left it: the counter they hold, its current ticket, queue and parked tickets",
      security: sessionAuth,
      responses: ok200(ClerkDesk),
    }),
    async (c) => {
      const user = requireUser(c, ['clerk']);
      if (!user.branchId) throw fail(403, 'forbidden');
      const day = await deps.queue.view(user.branchId);
      if (!day) throw fail(404, 'not-found');
      return c.json(clerkDesk(day.ix, day.state, user.id, deps.clock()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/clerks/me/day',
      tags: ['counter'],
      summary: "The signed-in clerk's day: served, no-shows, average serving time, and the daily log (جدول ۲)",
      security: sessionAuth,
      responses: ok200(ClerkDay),
    }),
    async (c) => {
      const user = requireUser(c, ['clerk']);
      if (!user.branchId) throw fail(403, 'forbidden');
      // The configuration is cached; the day's log is read once, here.
      const ix = await deps.queue.config(user.branchId);
      if (!ix) throw fail(404, 'not-found');
      const day = localDay(deps.clock(), ix.config.branch.timeZone);
      // The desk already shows the clerk's last action (decided here, its write maybe still under way):
      // the stored log read below must hold it too.
      await deps.queue.settled(user.branchId);
      const events = (await dayLogs(deps.store, deps.history).readEvents(user.branchId, day)).map((e) => e.event);
      const requests = await requestsOfTickets(deps, clerkDay(ix.config, events, user.id).log);
      return c.json(clerkDayView(ix, day, events, user.id, requests), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/clerks/me/day/export',
      tags: ['counter'],
      summary: "[XP1–XP5] The signed-in clerk's daily log (جدول ۲) as a CSV, XLSX or PDF file, in Persian or English",
      security: sessionAuth,
      request: { query: LogExportQuery },
      responses: {
        // The error answers of every route, and the file in place of a JSON body.
        ...ok200(z.unknown()),
        200: {
          description: 'The file, as an attachment',
          content: Object.fromEntries(
            ExportFormat.options.map((f) => [
              EXPORT_CONTENT_TYPE[f].split(';')[0] as string,
              { schema: z.string().meta({ format: 'binary' }) },
            ]),
          ),
        },
      },
    }),
    async (c) => {
      const { format, lang } = c.req.valid('query');
      const user = requireUser(c, ['clerk']);
      if (!user.branchId) throw fail(403, 'forbidden');
      const ix = await deps.queue.config(user.branchId);
      if (!ix) throw fail(404, 'not-found');
      const now = deps.clock();
      const day = localDay(now, ix.config.branch.timeZone);
      await deps.queue.settled(user.branchId); // as for the day view: the log holds the last action
      const events = (await deps.store.readEvents(user.branchId, day, 0)).map((e) => e.event);
      const tally = clerkDay(ix.config, events, user.id);
      const doc = clerkLogDoc({
        lang,
        config: ix.config,
        clerk: { id: user.id, name: user.name },
        day,
        log: withRequestDates(tally.log, await requestsOfTickets(deps, tally.log), ix.config.branch.timeZone),
        tally,
        now,
      });
      const file = await renderDoc(format, doc);
      return c.body(new Uint8Array(file.body), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
      });
    },
  );
}
