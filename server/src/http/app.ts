// The HTTP app: who is asking, the routes of each feature, and one shape for every error.
import { OpenAPIHono } from '@hono/zod-openapi';
import { errorMessages, PROTOCOL_VERSION } from '@nobat/protocol';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { SESSION_COOKIE } from '../auth/auth.ts';
import type { AppEnv, Deps } from './context.ts';
import { crossSiteGuard } from './cross-site.ts';
import { asApiError, errorBody, errorResponse, fail } from './errors.ts';
import { limitBodies } from './limits.ts';
import { passwordGate } from './password-gate.ts';
import { OLDEST_PROTOCOL_SERVED, protocolGate } from './protocol-gate.ts';
import { adminRoutes } from './routes/admin.ts';
import { adviceRoutes } from './routes/advice.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { authRoutes } from './routes/auth.ts';
import { bridgeBusRoutes } from './routes/bridge-bus.ts';
import { configTransferRoutes } from './routes/config-transfer.ts';
import { counterRoutes } from './routes/counters.ts';
import { directiveReportRoutes } from './routes/directive-reports.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { landingRoutes } from './routes/landing.ts';
import { opsRoutes } from './routes/ops.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { passwordRoutes } from './routes/password.ts';
import { phoneRoutes } from './routes/phone.ts';
import { publicRoutes } from './routes/public.ts';
import { reportRoutes } from './routes/reports.ts';
import { requestDocRoutes } from './routes/request-docs.ts';
import { requestRoutes } from './routes/requests.ts';
import { superviseRoutes } from './routes/supervise.ts';
import { surveyRoutes } from './routes/survey.ts';
import { syncRoutes } from './routes/sync.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { todayRoutes } from './routes/today.ts';
import { securityHeaders } from './security-headers.ts';

export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

export function createHttpApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures: 400 with the fields that were wrong.
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return c.json(errorBody('invalid-input', errorMessages['invalid-input'], issues), 400);
      }
    },
  });

  app.use('*', securityHeaders());
  // The counter's child per method and status, found once (prom-client hashes the labels on every inc).
  const counted = new Map<string, { inc(): void }>();
  app.use('*', async (c, next) => {
    await next();
    const key = `${c.req.method} ${c.res.status}`;
    let child = counted.get(key);
    if (!child) {
      child = deps.metrics.httpRequests.labels({ method: c.req.method, status: String(c.res.status) });
      counted.set(key, child);
    }
    child.inc();
  });
  limitBodies(app);

  // [UP6] An old app is told before anything else is asked of it.
  app.use('/api/*', protocolGate(deps.oldestProtocol ?? OLDEST_PROTOCOL_SERVED));
  app.use('/api/*', crossSiteGuard(deps));
  app.use('/api/*', async (c, next) => {
    const bearer = bearerToken(c.req.header('authorization'));
    const cookie = getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    const principal = await deps.auth.resolve(token);
    // A bearer token that names no one (revoked, expired, made up) is refused outright rather than
    // treated as anonymous: a revoked kiosk must not go on issuing as a web visitor. A stale cookie
    // is only ignored, so the sign-in page still works.
    if (bearer && principal.kind === 'anonymous' && c.req.path !== '/api/v1/auth/login') {
      throw fail(401, 'unauthenticated');
    }
    c.set('principal', principal);
    c.set('sessionToken', token && !token.includes('.') ? token : undefined);
    await next();
  });
  app.use('/api/*', passwordGate);

  app.onError((err, c) => {
    const known = asApiError(err);
    if (known) return errorResponse(c, known);
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx (e.g. a body that is not JSON).
      const code = /json/i.test(err.message) ? 'malformed-json' : 'invalid-input';
      return c.json(errorBody(code, errorMessages[code]), err.status);
    }
    deps.logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json(errorBody('internal', errorMessages.internal), 500);
  });

  app.notFound((c) => c.json(errorBody('not-found', errorMessages['not-found']), 404));

  opsRoutes(app, deps);
  landingRoutes(app);
  docsRoutes(app);
  publicRoutes(app, deps);
  ticketRoutes(app, deps);
  phoneRoutes(app, deps);
  appointmentRoutes(app, deps);
  authRoutes(app, deps);
  passwordRoutes(app, deps);
  counterRoutes(app, deps);
  superviseRoutes(app, deps);
  adminRoutes(app, deps);
  configTransferRoutes(app, deps);
  todayRoutes(app, deps);
  adviceRoutes(app, deps);
  bridgeBusRoutes(app, deps);
  healthRoutes(app, deps);
  outboxRoutes(app, deps);
  reportRoutes(app, deps);
  directiveReportRoutes(app, deps);
  surveyRoutes(app, deps);
  syncRoutes(app, deps);
  requestRoutes(app, deps);
  requestDocRoutes(app, deps);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session from POST /api/v1/auth/login (or its token as a Bearer token)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'deviceToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A device token issued by an admin (kiosk, display, bridge)',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Nobat API',
      version: String(PROTOCOL_VERSION),
      description: 'نوبت: queue ticketing for service desks',
    },
  });
  return app;
}
