// For whoever runs the server: liveness, readiness and Prometheus metrics (SPEC: Operation, OP1–OP5).
// /livez answers while the process runs, asking no store [OP1]; /readyz (and /healthz, the same) asks
// every store the server uses and answers 503 naming the ones that are down [OP2]. Metrics tell how busy
// each branch is: with NOBAT_METRICS_TOKEN set they need it as a bearer token; without one, only this
// host may read them, and not through a proxy (a proxy on this host would make everyone local) [OP3].
// With NOBAT_METRICS_PORT they are served only by a listener of their own (metricsApp) [OP4].
import { timingSafeEqual } from 'node:crypto';
import { errorMessages } from '@nobat/protocol';
import { type Context, Hono } from 'hono';
import { Readiness } from '../../ops/readiness.ts';
import { isForwarded, isLoopback, socketAddress } from '../address.ts';
import type { App, Deps } from '../context.ts';
import { asApiError, errorBody, errorResponse, fail } from '../errors.ts';

/** The stores a bare app (a test's) checks when it is given no Readiness: the live store and the history. */
export function readinessOf(deps: Pick<Deps, 'store' | 'history' | 'readiness'>): Readiness {
  if (deps.readiness) return deps.readiness;
  const history = deps.history;
  return new Readiness([
    { name: 'live', ping: () => deps.store.ping() },
    ...(history ? [{ name: 'history', ping: () => history.ping() }] : []),
  ]);
}

export function opsRoutes(app: App, deps: Deps): void {
  const readiness = readinessOf(deps);
  app.get('/livez', (c) => c.json({ status: 'ok' as const }));

  const ready = async (c: Context) => {
    const store = deps.store.kind;
    const r = await readiness.check();
    if (!r.ready) {
      const { error } = errorBody('store-unavailable', errorMessages['store-unavailable']);
      const down = Object.keys(r.checks).filter((k) => r.checks[k] === 'down');
      return c.json({ status: 'unavailable' as const, store, checks: r.checks, down, error }, 503);
    }
    return c.json({ status: 'ok' as const, store, checks: r.checks });
  };
  app.get('/readyz', ready);
  app.get('/healthz', ready);

  if (!deps.metricsListener) app.get('/metrics', (c) => metricsAnswer(c, deps, 'main'));
}

/** [OP4] The app of the metrics listener (NOBAT_METRICS_PORT): /metrics and nothing else. */
export function metricsApp(deps: Pick<Deps, 'metrics' | 'metricsToken'>): Hono {
  const app = new Hono();
  app.get('/metrics', (c) => metricsAnswer(c, deps, 'own'));
  app.notFound((c) => c.json(errorBody('not-found', errorMessages['not-found']), 404));
  app.onError((err, c) => {
    const known = asApiError(err);
    if (known) return errorResponse(c, known);
    throw err;
  });
  return app;
}

async function metricsAnswer(c: Context, deps: Pick<Deps, 'metrics' | 'metricsToken'>, listener: 'main' | 'own') {
  checkMetricsAccess(c, deps.metricsToken, listener);
  const body = await deps.metrics.registry.metrics();
  return c.text(body, 200, { 'content-type': deps.metrics.registry.contentType });
}

function checkMetricsAccess(c: Context, token: string | undefined, listener: 'main' | 'own'): void {
  if (token) {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw fail(401, 'unauthenticated');
    }
    return;
  }
  // The metrics listener is bound where the operator chose (NOBAT_METRICS_HOST, loopback by default).
  if (listener === 'own') return;
  if (!isLoopback(socketAddress(c)) || isForwarded(c)) throw fail(403, 'forbidden');
}
