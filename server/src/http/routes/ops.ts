// For whoever runs the server: health (the store answering) and Prometheus metrics. Metrics tell how
// busy each branch is: with NOBAT_METRICS_TOKEN set they need it as a bearer token; without one, only
// this host may read them, and not through a proxy (a proxy on this host would make everyone local).
import { timingSafeEqual } from 'node:crypto';
import { errorMessages } from '@nobat/protocol';
import type { Context } from 'hono';
import { isForwarded, isLoopback, socketAddress } from '../address.ts';
import type { App, Deps } from '../context.ts';
import { errorBody, fail } from '../errors.ts';

export function opsRoutes(app: App, deps: Deps): void {
  app.get('/healthz', async (c) => {
    const store = deps.store.kind;
    try {
      await deps.store.ping();
    } catch {
      const { error } = errorBody('store-unavailable', errorMessages['store-unavailable']);
      return c.json({ status: 'unavailable' as const, store, error }, 503);
    }
    return c.json({ status: 'ok' as const, store });
  });

  app.get('/metrics', async (c) => {
    checkMetricsAccess(c, deps.metricsToken);
    const body = await deps.metrics.registry.metrics();
    return c.text(body, 200, { 'content-type': deps.metrics.registry.contentType });
  });
}

function checkMetricsAccess(c: Context, token: string | undefined): void {
  if (token) {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw fail(401, 'unauthenticated');
    }
    return;
  }
  if (!isLoopback(socketAddress(c)) || isForwarded(c)) throw fail(403, 'forbidden');
}
