// [OP3][OP4][OP5] The metrics of a real server: on a listener of their own (NOBAT_METRICS_PORT) behind a
// token, not on the main port; the figures that matter moved by real work (queue lengths, a ticket past
// its target by the server's clock, call-to-display latency, a kiosk and a printer reported by a bridge,
// a message waiting in the SMS outbox); and the sample Prometheus alert rules and Grafana dashboard
// (deploy/) parsed with the Prometheus project's own PromQL parser, every metric they name being one
// this server really exports.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readConfig } from '../../server/src/config.ts';
import { DEMO_BRANCH } from '../../server/src/demo.ts';
import type { GatewayMessage, SmsGateway } from '../../server/src/notify/gateways/port.ts';
import { createServer, type RunningServer } from '../../server/src/server.ts';
import { skewToTehranMorning } from '../support/clock.ts';
import { DEMO_DEVICE_KEY, demoToken } from '../support/demo-server.ts';
import { repoRoot } from '../support/paths.ts';
import { api, counterAction, issueTicket, login, openClient, type RecordingClient } from '../support/socket.ts';

const PASSWORD = 'test-password-1';
const TOKEN = 'metrics-token-for-the-test';
const MIN = 60_000;

/** A gateway that holds every message until released (the outbox keeps it pending), then sends at once. */
class HeldGateway implements SmsGateway {
  readonly name = 'held';
  #release: (() => void)[] = [];
  #open = false;
  send(_m: GatewayMessage): Promise<{ id?: string }> {
    if (this.#open) return Promise.resolve({});
    return new Promise((resolve) => this.#release.push(() => resolve({})));
  }
  release(): void {
    this.#open = true;
    for (const r of this.#release.splice(0)) r();
  }
}

let server: RunningServer;
let dataDir = '';
const gateway = new HeldGateway();
/** The server runs at the next 10:00 in Tehran (outside the SMS night window), moved on by the tests. */
const skew = { ms: skewToTehranMorning() };
const clients: RecordingClient[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nobat-ops-metrics-'));
  server = await createServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NOBAT_DATA_DIR: dataDir,
      NOBAT_DEMO_PASSWORD: PASSWORD,
      NOBAT_DEMO_DEVICE_KEY: DEMO_DEVICE_KEY,
      NOBAT_METRICS_PORT: '0',
      NOBAT_METRICS_TOKEN: TOKEN,
      LOG_LEVEL: 'silent',
    }),
    { clock: () => Date.now() + skew.ms, alertIntervalMs: 100, gateway, outbox: { intervalMs: 50 } },
  );
});

afterAll(async () => {
  for (const c of clients) c.close();
  gateway.release();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const scrape = async (): Promise<string> => {
  const r = await fetch(`${server.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.status).toBe(200);
  return r.text();
};

/** The value of one sample (`name{labels}` exactly as exported, labels in prom-client's order). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Scrapes until `series` has `value` (undefined: absent; the gauges follow events and timers, not the
 * test), resolving with that scrape; gives up
 * after `attempts` scrapes, showing what the metric family holds.
 */
async function becomes(series: string, value: number | undefined, attempts = 400): Promise<string> {
  let text = '';
  for (let i = 0; i < attempts; i++) {
    text = await scrape();
    if (sample(text, series) === value) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  const family = series.replace(/\{.*$/, '');
  const lines = text.split('\n').filter((l) => l.startsWith(family));
  throw new Error(`${series} never became ${value}; the family holds:\n${lines.join('\n')}`);
}

/** Every metric name the server exports: the TYPE lines, a histogram's series being _bucket, _sum and _count. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m as unknown as [string, string, string];
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    else if (type === 'summary') for (const s of ['', '_sum', '_count']) names.add(name + s);
    else names.add(name);
  }
  return names;
}

describe('the metrics listener', () => {
  it('[OP4] serves /metrics on its own port, bound to loopback, and the main port does not', async () => {
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const main = await api(server.url, 'GET', '/metrics');
    expect(main.status).toBe(404);
    const other = await fetch(`${server.metricsUrl}/healthz`);
    expect(other.status).toBe(404);
  });

  it('[OP3] asks for the token', async () => {
    const asked: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-for-the-test' },
      { authorization: TOKEN },
    ];
    for (const headers of asked) {
      const r = await fetch(`${server.metricsUrl}/metrics`, { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    expect(await scrape()).toContain('nobat_http_requests_total');
  });
});

describe('[OP5] the figures that matter', () => {
  const branch = `branch="${DEMO_BRANCH}"`;

  it('queue length, waits past target and the outbox backlog follow the tickets', async () => {
    const kiosk = demoToken('kiosk-1');
    await issueTicket(server.url, kiosk, 'premium-list', { extra: { mobile: '09121234567' } });
    await becomes(`nobat_waiting_tickets{${branch},service="premium-list"}`, 1);
    // The ticket-taken message is held at the gateway: one pending, none failed.
    await becomes(`nobat_outbox_pending_messages{${branch}}`, 1);
    const before = await scrape();
    expect(sample(before, `nobat_outbox_failed_messages{${branch}}`)).toBe(0);
    expect(sample(before, `nobat_waits_past_target{${branch},service="premium-list"}`)).toBeUndefined();

    // premium-list's target is 20 minutes: 21 later by the server's clock the ticket is past it.
    skew.ms += 21 * MIN;
    await becomes(`nobat_waits_past_target{${branch},service="premium-list"}`, 1);
    const oldest = sample(await scrape(), `nobat_outbox_oldest_pending_seconds{${branch}}`) ?? 0;
    expect(oldest).toBeGreaterThanOrEqual(21 * 60);

    // Called: no longer waiting, no longer past target; the call reached the displays' broadcast.
    const clerk = await login(server.url, 'clerk1', PASSWORD);
    await counterAction(server.url, clerk, 'counter-1', 'open');
    await counterAction(server.url, clerk, 'counter-1', 'call-next');
    await becomes(`nobat_waiting_tickets{${branch},service="premium-list"}`, 0);
    const after = await becomes(`nobat_waits_past_target{${branch},service="premium-list"}`, undefined);
    expect(sample(after, 'nobat_call_to_display_seconds_count')).toBeGreaterThanOrEqual(1);

    gateway.release();
    await becomes(`nobat_outbox_pending_messages{${branch}}`, 0);
  });

  it('device status: a kiosk online then gone, a printer out of paper as its bridge reports', async () => {
    const kiosk = openClient(server.url, '/kiosk', { auth: { token: demoToken('kiosk-1') } });
    clients.push(kiosk);
    await kiosk.connected();
    const k = `${branch},device="kiosk-1",kind="kiosk"`;
    await becomes(`nobat_device_status{${k},status="online"}`, 1);
    expect(sample(await scrape(), `nobat_device_up{${k}}`)).toBe(1);

    const bridge = openClient(server.url, '/bridge', { auth: { token: demoToken('bridge-1') } });
    clients.push(bridge);
    await bridge.connected();
    const report = { deviceId: 'printer-kiosk-1', kind: 'printer', kioskId: 'kiosk-1', status: 'paper-out' };
    expect(await bridge.request('device:status', report)).toEqual({ data: null });
    const p = `${branch},device="printer-kiosk-1",kind="printer"`;
    await becomes(`nobat_device_status{${p},status="paper-out"}`, 1);
    const text = await scrape();
    expect(sample(text, `nobat_device_status{${p},status="online"}`)).toBe(0);
    expect(sample(text, `nobat_device_up{${p}}`)).toBe(0);

    kiosk.close();
    await becomes(`nobat_device_up{${k}}`, 0);
    expect(sample(await scrape(), `nobat_device_status{${k},status="offline"}`)).toBe(1);
  });

  it('the stores: each one /readyz asks, up', async () => {
    const text = await scrape();
    expect(sample(text, 'nobat_store_up{store="live"}')).toBe(1);
    expect(sample(text, 'nobat_store_up{store="history"}')).toBe(1);
  });
});

/** A PromQL expression's errors (lezer error nodes) and the metric names it selects. */
function promql(expr: string): { errors: string[]; metrics: string[] } {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const metrics: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(`at ${node.from}: ${JSON.stringify(expr.slice(node.from, node.to + 10))}`);
      // A selector's metric name: the Identifier directly under a VectorSelector.
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        metrics.push(expr.slice(node.from, node.to));
      }
    },
  });
  return { errors, metrics };
}

/** Series Prometheus itself makes for every target (not the server's): only `up`. */
const PROMETHEUS_OWN = new Set(['up']);

describe('[OP5] the sample Prometheus rules and Grafana dashboard', () => {
  const rules = parseYaml(readFileSync(join(repoRoot, 'deploy/prometheus/nobat-alerts.yml'), 'utf8')) as {
    groups: { name: string; rules: { alert?: string; expr: string; labels?: Record<string, string> }[] }[];
  };
  const dashboard = JSON.parse(readFileSync(join(repoRoot, 'deploy/grafana/nobat-dashboard.json'), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
    templating: { list: { name: string; definition?: string }[] };
  };
  const expressions = [
    ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
    ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel ${p.title}`, expr: t.expr }))),
  ];

  it('the parser finds errors (so a clean parse means something)', () => {
    expect(promql('sum by (branch (nobat_waiting_tickets)').errors).not.toEqual([]);
    expect(promql('rate(nobat_tickets_issued_total[5m]').errors).not.toEqual([]);
    expect(promql('nobat_device_up{kind="printer"} == 0').metrics).toEqual(['nobat_device_up']);
  });

  it('every expression parses, and every metric it names is exported by the server', async () => {
    expect(expressions.length).toBeGreaterThanOrEqual(20);
    const exported = exportedNames(await scrape());
    const used = new Set<string>();
    for (const { where, expr } of expressions) {
      const r = promql(expr.trim());
      expect(r.errors, `${where}: ${expr}`).toEqual([]);
      expect(r.metrics.length, `${where} names no metric`).toBeGreaterThan(0);
      for (const m of r.metrics) used.add(m);
    }
    // The dashboard's branch variable lists the branches of an exported metric.
    for (const v of dashboard.templating.list) {
      const m = /^label_values\((\w+),\s*\w+\)$/.exec(v.definition ?? '');
      if (m) used.add(m[1] as string);
    }
    const unknown = [...used].filter((m) => !exported.has(m) && !PROMETHEUS_OWN.has(m));
    expect(unknown).toEqual([]);
    // The figures the issue names are all covered by an alert or a panel.
    for (const m of [
      'nobat_waiting_tickets',
      'nobat_waits_past_target',
      'nobat_call_to_display_seconds_bucket',
      'nobat_device_status',
      'nobat_device_up',
      'nobat_outbox_pending_messages',
      'nobat_outbox_oldest_pending_seconds',
      'nobat_store_up',
    ]) {
      expect(used.has(m), m).toBe(true);
    }
  });

  it('every alert has a severity and words in Persian and English', () => {
    for (const g of rules.groups) {
      for (const r of g.rules) {
        expect(r.alert, g.name).toMatch(/^Nobat[A-Z]\w+$/);
        expect(['warning', 'critical']).toContain(r.labels?.severity);
        const a = (r as { annotations?: Record<string, string> }).annotations ?? {};
        expect(a.summary, r.alert).toBeTruthy();
        expect(a.summary_fa, r.alert).toMatch(/[\u0600-\u06FF]/);
      }
    }
  });
});
