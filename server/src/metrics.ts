// Prometheus metrics, one registry per app (tests build several apps in one process). Counters and the
// latency histogram are updated where things happen; the gauges of [OP5] (waits past target, device
// status, outbox backlog, stores up, backups) are read from their sources when Prometheus scrapes,
// each source's failure leaving its gauge empty rather than failing the scrape.
import { type DeviceHealth, DeviceStatusKind } from '@nobat/protocol';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Readiness } from './ops/readiness.ts';

/** Where the scraped gauges are read from (server.ts wires them; a bare test app has none). */
export interface MetricSources {
  /** [AL1] Tickets waiting past their target now, per branch and sub-service. */
  pastTarget?: () => { branchId: string; serviceId: string; count: number }[];
  /** Every device's kept health. */
  devices?: () => Promise<DeviceHealth[]>;
  /** The SMS outbox per branch: waiting, failed for good, the oldest waiting one's creation (epoch ms). */
  outbox?: () => Promise<{ branchId: string; pending: number; failed: number; oldestPendingAt?: number }[]>;
  /** The stores /readyz asks. */
  readiness?: Readiness;
  /** The scheduled backups' last outcome. */
  backups?: () => { lastSuccessAt?: number; lastFailureAt?: number };
  clock?: () => number;
}

/** A device counts as up while it works (online, or a printer whose paper is nearly out). */
const WORKING: ReadonlySet<string> = new Set(['online', 'paper-near-end']);

export class Metrics {
  readonly registry = new Registry();
  #sources: MetricSources = {};

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
  readonly pastTarget: Gauge<'branch' | 'service'> = new Gauge({
    name: 'nobat_waits_past_target',
    help: 'Tickets waiting longer than their sub-service target wait now (AL1), by branch and sub-service',
    labelNames: ['branch', 'service'] as const,
    registers: [this.registry],
    collect: () => {
      const source = this.#sources.pastTarget;
      if (!source) return;
      this.pastTarget.reset();
      for (const p of source()) this.pastTarget.set({ branch: p.branchId, service: p.serviceId }, p.count);
    },
  });
  readonly deviceStatus: Gauge<'branch' | 'device' | 'kind' | 'status'> = new Gauge({
    name: 'nobat_device_status',
    help: 'A device status as a state set: 1 for the status it is in, 0 for the others',
    labelNames: ['branch', 'device', 'kind', 'status'] as const,
    registers: [this.registry],
    collect: () => this.#devices(),
  });
  readonly deviceUp: Gauge<'branch' | 'device' | 'kind'> = new Gauge({
    name: 'nobat_device_up',
    help: 'Whether a device works (1: online or paper near its end; 0: offline, paper out, cover open, error)',
    labelNames: ['branch', 'device', 'kind'] as const,
    registers: [this.registry],
  });
  readonly outboxPending: Gauge<'branch'> = new Gauge({
    name: 'nobat_outbox_pending_messages',
    help: 'SMS messages to visitors waiting to be sent (queued or being sent), by branch',
    labelNames: ['branch'] as const,
    registers: [this.registry],
    collect: () => this.#outbox(),
  });
  readonly outboxFailed: Gauge<'branch'> = new Gauge({
    name: 'nobat_outbox_failed_messages',
    help: 'SMS messages that failed for good (kept for a week), by branch',
    labelNames: ['branch'] as const,
    registers: [this.registry],
  });
  readonly outboxOldest: Gauge<'branch'> = new Gauge({
    name: 'nobat_outbox_oldest_pending_seconds',
    help: 'Age of the oldest SMS message waiting to be sent, by branch (0: none waiting)',
    labelNames: ['branch'] as const,
    registers: [this.registry],
  });
  readonly storeUp: Gauge<'store'> = new Gauge({
    name: 'nobat_store_up',
    help: 'Whether a store the server uses answers (1) or not (0), as /readyz finds it',
    labelNames: ['store'] as const,
    registers: [this.registry],
    collect: async () => {
      const readiness = this.#sources.readiness;
      if (!readiness) return;
      const r = await readiness.check();
      this.storeUp.reset();
      for (const [store, state] of Object.entries(r.checks)) this.storeUp.set({ store }, state === 'up' ? 1 : 0);
    },
  });
  readonly backupLastSuccess: Gauge = new Gauge({
    name: 'nobat_backup_last_success_timestamp_seconds',
    help: 'When the last scheduled backup was completed (Unix seconds; absent before the first)',
    registers: [this.registry],
    collect: () => {
      const b = this.#sources.backups?.();
      this.backupLastSuccess.reset();
      if (b?.lastSuccessAt !== undefined) this.backupLastSuccess.set(b.lastSuccessAt / 1000);
    },
  });
  readonly backupFailures = new Counter({
    name: 'nobat_backup_failures_total',
    help: 'Scheduled backups that failed',
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** [OP5] Where the scraped gauges read from. */
  watch(sources: MetricSources): void {
    this.#sources = { ...this.#sources, ...sources };
  }

  async #devices(): Promise<void> {
    const source = this.#sources.devices;
    if (!source) return;
    let devices: DeviceHealth[];
    try {
      devices = await source();
    } catch {
      return; // the store is down: nobat_store_up says so
    }
    this.deviceStatus.reset();
    this.deviceUp.reset();
    for (const d of devices) {
      const labels = { branch: d.branchId, device: d.deviceId, kind: d.kind };
      for (const status of DeviceStatusKind.options) {
        this.deviceStatus.set({ ...labels, status }, d.status === status ? 1 : 0);
      }
      this.deviceUp.set(labels, WORKING.has(d.status) ? 1 : 0);
    }
  }

  async #outbox(): Promise<void> {
    const source = this.#sources.outbox;
    if (!source) return;
    let backlog: Awaited<ReturnType<typeof source>>;
    try {
      backlog = await source();
    } catch {
      return;
    }
    const now = (this.#sources.clock ?? Date.now)();
    this.outboxPending.reset();
    this.outboxFailed.reset();
    this.outboxOldest.reset();
    for (const b of backlog) {
      this.outboxPending.set({ branch: b.branchId }, b.pending);
      this.outboxFailed.set({ branch: b.branchId }, b.failed);
      const age = b.oldestPendingAt === undefined ? 0 : Math.max(0, now - b.oldestPendingAt) / 1000;
      this.outboxOldest.set({ branch: b.branchId }, age);
    }
  }
}
