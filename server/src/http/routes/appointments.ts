// Appointments (server/SPEC.md AP1–AP10): the public booking and manage routes, and check-in at a
// kiosk (device token) or by staff of the branch.
import {
  AppointmentDay,
  type AppointmentErrorCode,
  appointmentErrors,
  BookBody,
  Booked,
  BookingBranch,
  BookingView,
  CheckedIn,
  CheckInBody,
  Id,
  IsoDate,
  MoveBody,
  SlotAvailability,
} from '@nobat/protocol';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  AppointmentError,
  AppointmentService,
  type Booking,
  CheckInRefused,
} from '../../appointments/appointment-service.ts';
import { mayManageBranch } from '../../auth/auth.ts';
import { bookable, bookableDays } from '../../domain/appointments.ts';
import type { IssueSource } from '../../domain/index.ts';
import { clientAddress } from '../address.ts';
import type { App, AppEnv, Deps } from '../context.ts';
import { ApiError, fail, refused } from '../errors.ts';
import { routeLimiter } from '../rate-limit.ts';
import { createRoute, deviceOrSession, jsonBody, ok200, ok201, requireUser, sessionAuth } from '../route.ts';

const Token = z.string().min(10).max(120);

/** The service's errors as API errors (4xx; 503 when the store would not settle). */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof CheckInRefused) throw refused(e.refusal);
    if (e instanceof AppointmentError) {
      if (e.code === 'not-found') throw fail(404, 'not-found');
      if (e.code === 'store-busy') throw fail(503, 'store-unavailable');
      throw new ApiError(e.status, e.code, appointmentErrors[e.code as AppointmentErrorCode]);
    }
    throw e;
  }
}

export function appointmentRoutes(app: App, deps: Deps): void {
  const svc = new AppointmentService({
    store: deps.store,
    queue: deps.queue,
    clock: deps.clock,
    publicUrl: () => deps.publicUrl,
    get notify() {
      return deps.notify;
    },
  });
  const webLimit = routeLimiter(deps, 'appointment', deps.rates.webPerMinute);
  // [AP10] Public routes are limited per address like web tickets.
  const limit = async (c: Context<AppEnv>) => {
    if (!(await webLimit.take(`appt:${clientAddress(c, deps.web?.trustProxy)}`))) throw fail(429, 'rate-limited');
  };
  const booked = async (b: Booking, token: string) => ({
    ...(await svc.view(b)),
    token,
    manageUrl: svc.manageUrl(token),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/appointments',
      tags: ['appointments'],
      summary: "[AP1] A branch's bookable sub-services and the days one may choose from",
      request: { params: z.object({ branchId: Id }) },
      responses: ok200(BookingBranch),
    }),
    async (c) => {
      const ix = await deps.queue.config(c.req.valid('param').branchId);
      if (!ix) throw fail(404, 'not-found');
      const now = deps.clock();
      const services = [...ix.services.values()].flatMap((s) => {
        const settings = bookable(s);
        if (!settings) return [];
        return [
          {
            id: s.id,
            title: s.title,
            slotMinutes: settings.slotMinutes,
            perSlot: settings.perSlot,
            days: bookableDays(ix.config.branch, settings, now),
          },
        ];
      });
      return c.json({ id: ix.config.branch.id, name: ix.config.branch.name, services }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/appointments/{serviceId}/slots',
      tags: ['appointments'],
      summary: '[AP2][AP3] The slots of a day with their free places',
      request: { params: z.object({ branchId: Id, serviceId: Id }), query: z.object({ date: IsoDate }) },
      responses: ok200(z.array(SlotAvailability)),
    }),
    async (c) => {
      const { branchId, serviceId } = c.req.valid('param');
      const out = await answer(() => svc.slots(branchId, serviceId, c.req.valid('query').date));
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/appointments',
      tags: ['appointments'],
      summary: '[AP3–AP6][AP9] Book a slot: the code and the manage link (also sent by SMS)',
      request: { params: z.object({ branchId: Id }), body: jsonBody(BookBody) },
      responses: ok201(Booked),
    }),
    async (c) => {
      await limit(c);
      const { branchId } = c.req.valid('param');
      const { booking, token } = await answer(() => svc.book(branchId, c.req.valid('json')));
      return c.json(await booked(booking, token), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/appointments/{token}',
      tags: ['appointments'],
      summary: '[AP6] A booking by its manage token',
      request: { params: z.object({ token: Token }) },
      responses: ok200(BookingView),
    }),
    async (c) => {
      await limit(c);
      const { booking } = await answer(() => svc.byToken(c.req.valid('param').token));
      return c.json(await svc.view(booking), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/appointments/{token}/cancel',
      tags: ['appointments'],
      summary: '[AP6] Cancel a booking by its manage token',
      request: { params: z.object({ token: Token }) },
      responses: ok200(BookingView),
    }),
    async (c) => {
      await limit(c);
      const b = await answer(() => svc.cancel(c.req.valid('param').token));
      return c.json(await svc.view(b), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/appointments/{token}/move',
      tags: ['appointments'],
      summary: '[AP6] Move a booking to another slot of its sub-service',
      request: { params: z.object({ token: Token }), body: jsonBody(MoveBody) },
      responses: ok200(BookingView),
    }),
    async (c) => {
      await limit(c);
      const { token } = c.req.valid('param');
      const b = await answer(() => svc.move(token, c.req.valid('json').slot));
      return c.json(await svc.view(b), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/branches/{branchId}/appointments/{serviceId}/day',
      tags: ['appointments'],
      summary: "[AP8] A day's bookings of a sub-service with their states and counts (no-shows): the branch's staff",
      security: sessionAuth,
      request: { params: z.object({ branchId: Id, serviceId: Id }), query: z.object({ date: IsoDate }) },
      responses: ok200(AppointmentDay),
    }),
    async (c) => {
      const who = requireUser(c, ['admin', 'supervisor', 'clerk']);
      const { branchId, serviceId } = c.req.valid('param');
      if (!mayManageBranch(who, branchId)) throw fail(403, 'forbidden');
      const date = c.req.valid('query').date;
      const bookings = await answer(() => svc.day(branchId, serviceId, date));
      const counts = { booked: 0, cancelled: 0, 'checked-in': 0, 'no-show': 0 };
      for (const b of bookings) counts[b.state]++;
      return c.json({ date, serviceId, bookings, counts }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/branches/{branchId}/appointments/check-in',
      tags: ['appointments'],
      summary: '[AP7][AP8] Check in by code or national ID (kiosk of the branch, or its staff): the one ticket',
      security: deviceOrSession,
      request: { params: z.object({ branchId: Id }), body: jsonBody(CheckInBody) },
      responses: ok200(CheckedIn),
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const p = c.get('principal');
      let source: IssueSource;
      if (p.kind === 'device') {
        if (p.device.kind !== 'kiosk' || p.device.branchId !== branchId) throw fail(403, 'forbidden');
        source = { kind: 'kiosk', kioskId: p.device.id };
      } else if (p.kind === 'user') {
        if (!mayManageBranch(p.user, branchId)) throw fail(403, 'forbidden');
        source = { kind: 'web' };
      } else {
        throw fail(401, 'unauthenticated');
      }
      const body = c.req.valid('json');
      const r = await answer(() => svc.checkIn(branchId, body, source));
      return c.json(r, 200);
    },
  );
}
