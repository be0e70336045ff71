// Issuing tickets (kiosks, the web, staff on a visitor's behalf), public tracking, and cancelling.
import {
  CancelBody,
  ErrorBody,
  Id,
  IssuedTicket,
  IssueTicketBody,
  PrintResult,
  ReprintBody,
  refusalMessages,
  StaffTicket,
  TicketId,
  TicketTracking,
} from '@nobat/protocol';
import { z } from 'zod';
import { type DeviceRecord, mayManageBranch } from '../../auth/auth.ts';
import { type IssueSource, mayReprint } from '../../domain/index.ts';
import { branchOfTicket } from '../../queue/queue-service.ts';
import { roundEta, staffTicket, tracking, trackingUrl } from '../../queue/views.ts';
import { clientAddress } from '../address.ts';
import type { App, Deps } from '../context.ts';
import { fail, refused } from '../errors.ts';
import { routeLimiter } from '../rate-limit.ts';
import { createRoute, deviceOrSession, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';
import { auditFloorAction } from './supervise.ts';

export function ticketRoutes(app: App, deps: Deps): void {
  const kioskLimit = routeLimiter(deps, 'ticket-kiosk', deps.rates.kioskPerMinute);
  const webLimit = routeLimiter(deps, 'ticket-web', deps.rates.webPerMinute);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/tickets',
      tags: ['tickets'],
      summary: 'Take a ticket (kiosk token, staff session, or anonymously from the web, rate-limited)',
      security: deviceOrSession,
      request: { params: z.object({ branchId: Id }), body: jsonBody(IssueTicketBody) },
      responses: ok201(IssuedTicket),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const body = c.req.valid('json');
      const ix = await deps.queue.config(branchId);
      if (!ix) throw fail(404, 'not-found');
      const p = c.get('principal');
      let source: IssueSource;
      let requester: string;
      if (p.kind === 'device') {
        if (p.device.kind !== 'kiosk' || p.device.branchId !== branchId) throw fail(403, 'forbidden');
        if (!(await kioskLimit.take(`k:${p.device.id}`))) throw fail(429, 'rate-limited');
        source = { kind: 'kiosk', kioskId: p.device.id };
        requester = `kiosk:${p.device.id}`;
      } else if (p.kind === 'user') {
        if (!mayManageBranch(p.user, branchId)) throw fail(403, 'forbidden');
        source = { kind: 'web' };
        requester = `user:${p.user.id}`;
      } else {
        if (ix.config.branch.settings.requireKioskToken) throw fail(403, 'kiosk-token-required');
        const address = clientAddress(c, deps.web?.trustProxy);
        if (!(await webLimit.take(`a:${address}`))) throw fail(429, 'rate-limited');
        source = { kind: 'web' };
        requester = `web:${address}`;
      }
      const r = await deps.queue.execute(branchId, {
        type: 'issue',
        serviceId: body.serviceId,
        ...(body.priority ? { priorityId: body.priority } : {}),
        ...(body.appointmentAt ? { appointmentAt: Date.parse(body.appointmentAt) } : {}),
        // A request id is scoped to whoever sent it, so two visitors can never share a ticket.
        ...(body.requestId ? { requestId: `${requester}:${body.requestId}` } : {}),
        source,
        ...(body.mobile || body.nationalId
          ? {
              contact: {
                ...(body.mobile ? { mobile: body.mobile } : {}),
                ...(body.nationalId ? { nationalId: body.nationalId } : {}),
              },
            }
          : {}),
      });
      if (!r.ok) throw refused(r);
      const t = r.ticket;
      if (!t) throw fail(409, 'not-found');
      if (r.events.length > 0) deps.metrics.ticketsIssued.inc({ branch: branchId, service: t.serviceId });
      return c.json(
        {
          id: t.id,
          number: t.number,
          serviceId: t.serviceId,
          priority: t.priorityId,
          issuedAt: new Date(t.issuedAt).toISOString(),
          ahead: r.estimate?.ahead ?? 0,
          etaMinutes: roundEta(r.estimate?.etaMinutes ?? null),
          etaUnknown: r.estimate?.etaUnknown ?? null,
          trackingUrl: trackingUrl(deps.publicUrl, t.id),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/tickets/{id}',
      tags: ['tickets'],
      summary: 'Track a ticket by its unguessable id: status, position, estimate',
      request: { params: z.object({ id: TicketId }) },
      responses: ok200(TicketTracking),
    }),
    async (c) => {
      const found = await deps.queue.findTicket(c.req.valid('param').id);
      if (!found) throw fail(404, 'not-found');
      return c.json(tracking(found.day.ix, found.day.state, found.ticket, deps.clock()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/cancel',
      tags: ['tickets'],
      summary:
        'Cancel a waiting or parked ticket: a supervisor or admin any of their branch, a clerk one their counter could call (T9)',
      security: sessionAuth,
      request: { params: z.object({ id: TicketId }), body: jsonBody(CancelBody) },
      responses: ok200(StaffTicket),
    }),
    async (c) => {
      const who = requireUser(c, ['admin', 'supervisor', 'clerk']);
      if (who.role === 'officer') throw fail(403, 'forbidden'); // not reached: requireUser refused them
      const { id } = c.req.valid('param');
      const branchId = branchOfTicket(id);
      if (!branchId) throw fail(404, 'not-found');
      if (!mayManageBranch(who, branchId)) throw fail(403, 'forbidden');
      const was = who.role === 'clerk' ? undefined : (await deps.queue.findTicket(id))?.ticket.status;
      const r = await deps.queue.execute(branchId, {
        type: 'cancel',
        ticketId: id,
        reason: c.req.valid('json').reason,
        // [T9] A clerk cancels only what their counter could call; a supervisor or admin anything.
        by: who.role === 'clerk' ? { role: 'clerk', clerkId: who.id } : { role: who.role, userId: who.id },
      });
      if (!r.ok) throw refused(r);
      if (!r.ticket) throw fail(404, 'not-found');
      // [SV2] A supervisor's or admin's cancellation is audited (a clerk's is in the day's log).
      if (who.role !== 'clerk') {
        await auditFloorAction(c, deps, who, {
          action: 'ticket-cancel',
          target: { kind: 'ticket', id },
          branchId,
          events: r.events,
          before: { number: r.ticket.number, status: was ?? null },
          after: { number: r.ticket.number, status: r.ticket.status, reason: c.req.valid('json').reason },
        });
      }
      return c.json(staffTicket(r.ticket), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tickets/{id}/reprint',
      tags: ['tickets'],
      summary:
        "Reprint a ticket of today still in play on a kiosk of its branch, marked as a copy (T10): the printer's answer, or 503 printer-unavailable",
      security: sessionAuth,
      request: { params: z.object({ id: TicketId }), body: jsonBody(ReprintBody) },
      responses: {
        ...ok200(PrintResult),
        503: {
          description: 'No bridge answered for the kiosk’s printer (printer-unavailable)',
          content: { 'application/json': { schema: ErrorBody } },
        },
      },
    }),
    async (c) => {
      const who = requireUser(c, ['admin', 'supervisor', 'clerk']);
      const { id } = c.req.valid('param');
      const { kioskId } = c.req.valid('json');
      const branchId = branchOfTicket(id);
      if (!branchId) throw fail(404, 'not-found');
      if (!mayManageBranch(who, branchId)) throw fail(403, 'forbidden');
      // Today's tickets only: another day's is not found.
      const found = await deps.queue.findTicket(id);
      if (!found) throw fail(404, 'not-found');
      const notReprintable = 'ticket-not-reprintable';
      if (!mayReprint(found.ticket)) throw refused({ code: notReprintable, message: refusalMessages[notReprintable] });
      const kiosk = (await deps.store.getRecord<DeviceRecord>('device', kioskId))?.value;
      if (!kiosk?.active || kiosk.kind !== 'kiosk' || kiosk.branchId !== branchId) throw fail(422, 'unknown-kiosk');
      const result = await deps.printer?.printCopy(found, kioskId);
      // Nothing of a reprint goes in the day's log (it changes no ticket); who asked for it is logged here.
      deps.logger.info(
        {
          user: who.id,
          role: who.role,
          ticket: id,
          number: found.ticket.number,
          kiosk: kioskId,
          ok: result?.ok ?? false,
          status: result?.status ?? 'no-bridge',
        },
        'ticket reprint (copy)',
      );
      if (!result) throw fail(503, 'printer-unavailable');
      return c.json(result, 200);
    },
  );
}
