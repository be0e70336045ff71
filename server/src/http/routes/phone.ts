// Tickets from the visitor's phone (PH1–PH8): anyone may ask, as on the web; the one-time code sent
// to the number, the per-number and per-address limits and the branch's switch are the checks.
import {
  Id,
  IssuedTicket,
  PhoneChallenge,
  PhoneChallengeBody,
  PhoneLateResult,
  PhoneTicketBody,
  PhoneTicketInfo,
  TicketId,
} from '@nobat/protocol';
import { z } from 'zod';
import { estimate } from '../../domain/estimate.ts';
import { PhoneService } from '../../phone/phone-service.ts';
import { roundEta, trackingUrl } from '../../queue/views.ts';
import { clientAddress } from '../address.ts';
import type { App, Deps } from '../context.ts';
import { createRoute, jsonBody, ok200, ok201 } from '../route.ts';

export function phoneRoutes(app: App, deps: Deps): void {
  const phone = new PhoneService({
    store: deps.store,
    queue: deps.queue,
    notify: deps.notify,
    clock: deps.clock,
    rateLimitRedis: deps.rateLimitRedis,
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/phone/{branchId}/challenge',
      tags: ['phone'],
      summary: 'Send a one-time code to a mobile number for a phone ticket (PH2, PH3)',
      request: { params: z.object({ branchId: Id }), body: jsonBody(PhoneChallengeBody) },
      responses: ok201(PhoneChallenge),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const body = c.req.valid('json');
      const address = clientAddress(c, deps.web?.trustProxy);
      const r = await phone.challenge(branchId, body.mobile, body.serviceId, address);
      return c.json({ challengeId: r.challengeId, expiresAt: new Date(r.expiresAt).toISOString() }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/phone/{branchId}/tickets',
      tags: ['phone'],
      summary: 'Take the ticket with the code (PH4, PH5); the same challenge answers the same ticket',
      request: { params: z.object({ branchId: Id }), body: jsonBody(PhoneTicketBody) },
      responses: { ...ok201(IssuedTicket), ...ok200(IssuedTicket) },
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { ticket: t, created } = await phone.issue(branchId, body.challengeId, body.code);
      if (created) deps.metrics.ticketsIssued.inc({ branch: branchId, service: t.serviceId });
      const found = await deps.queue.findTicket(t.id);
      const est = found ? estimate(found.day.ix, found.day.state, deps.clock(), { ticketId: t.id }) : undefined;
      return c.json(
        {
          id: t.id,
          number: t.number,
          serviceId: t.serviceId,
          priority: t.priorityId,
          issuedAt: new Date(t.issuedAt).toISOString(),
          ahead: est?.ahead ?? 0,
          etaMinutes: roundEta(est?.etaMinutes ?? null),
          etaUnknown: est?.etaUnknown ?? null,
          trackingUrl: trackingUrl(deps.publicUrl, t.id),
        },
        created ? 201 : 200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/phone/tickets/{id}',
      tags: ['phone'],
      summary: 'Whether the tracking page offers "I\'m late" for this ticket (PH7)',
      request: { params: z.object({ id: TicketId }) },
      responses: ok200(PhoneTicketInfo),
    }),
    async (c) => c.json(await phone.info(c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/phone/tickets/{id}/late',
      tags: ['phone'],
      summary: '"I\'m late": move a waiting phone ticket back the branch\'s number of places, once (PH6, PH7)',
      request: { params: z.object({ id: TicketId }) },
      responses: ok200(PhoneLateResult),
    }),
    async (c) => c.json(await phone.late(c.req.valid('param').id), 200),
  );
}
