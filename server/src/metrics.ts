// Prometheus metrics, one registry per app (tests build several apps in one process).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly ticketsIssued = new Counter({
    name: 'nobat_tickets_issued_total',
    help: 'Tickets issued, by branch and sub-service',
    labelNames: ['branch', 'service'] as const,
    registers: [this.registry],
  });
  readonly waiting = new Gauge({
    name: 'nobat_waiting_tickets',
    help: 'Tickets waiting now, by branch and sub-service',
    labelNames: ['branch', 'service'] as const,
    registers: [this.registry],
  });
  readonly callToDisplay = new Histogram({
    name: 'nobat_call_to_display_seconds',
    help: 'From a call being decided to its broadcast to displays',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'nobat_http_requests_total',
    help: 'HTTP requests by method and status',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }
}
