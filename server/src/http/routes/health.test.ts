// Device health and alerts over REST (src/health): who may read them, paging and bad input, and
// acknowledging an alert — kept on the alert and in the audit log, once.
import { Alert, AlertPage, DeviceHealthList } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertService } from '../../health/alert-service.ts';
import { DeviceHealthService } from '../../health/device-health.ts';
import { BRANCH, createHttpHarness, type HttpHarness } from '../../testing/http-harness.ts';

const MIN = 60_000;
const base = `/api/v1/branches/${BRANCH}`;

describe('device health and alerts over REST', () => {
  let h: HttpHarness;
  let health: DeviceHealthService;
  let alerts: AlertService;
  beforeEach(async () => {
    h = await createHttpHarness();
    // The route's own services read the same store: these write what the server's would.
    health = new DeviceHealthService({ store: h.store, clock: () => h.now() });
    alerts = new AlertService({ store: h.store, queue: h.deps.queue, health, clock: () => h.now(), intervalMs: 0 });
  });
  afterEach(async () => {
    await h.close();
  });

  /** A ticket of premium-list (target 20 minutes), left waiting past its target, and the alert it raised. */
  async function pastTarget(): Promise<Alert> {
    const t = await h.issue('premium-list');
    h.advance(21 * MIN);
    await alerts.evaluate(BRANCH);
    const r = await h.request('GET', `${base}/alerts`, { as: 'supervisor' });
    expect(r.status, r.text).toBe(200);
    const page = AlertPage.parse(r.body);
    const a = page.alerts.find((x) => x.cause === `past-target:${t.id}`);
    if (!a) throw new Error(`no alert: ${r.text}`);
    return a;
  }

  it('GET device-health lists what the health service kept, parsed by the protocol', async () => {
    await health.connected(BRANCH, 'kiosk-1', 'kiosk');
    await health.reported(BRANCH, 'bridge-1', {
      deviceId: 'printer-kiosk-1',
      kind: 'printer',
      kioskId: 'kiosk-1',
      status: 'paper-out',
      firmware: '2.1.0',
    });
    const r = await h.request('GET', `${base}/device-health`, { as: 'supervisor' });
    expect(r.status, r.text).toBe(200);
    const list = DeviceHealthList.parse(r.body);
    expect(list.devices.map((d) => [d.deviceId, d.status, d.firmware, d.errorCount])).toEqual([
      ['kiosk-1', 'online', null, 0],
      ['printer-kiosk-1', 'paper-out', '2.1.0', 1],
    ]);
  });

  it('a supervisor of another branch, a clerk and devices are refused; an unknown branch is 404', async () => {
    for (const as of ['otherSupervisor', 'clerk', 'kiosk', 'bridge'] as const) {
      for (const path of [`${base}/device-health`, `${base}/alerts`]) {
        expect([401, 403]).toContain((await h.request('GET', path, { as })).status);
      }
    }
    expect((await h.request('GET', '/api/v1/branches/nope/alerts', { as: 'admin' })).status).toBe(404);
    expect((await h.request('GET', '/api/v1/branches/nope/device-health', { as: 'admin' })).status).toBe(404);
  });

  it('[AL11] acknowledging records who and when on the alert and in the audit log; a second ack changes nothing', async () => {
    const a = await pastTarget();
    expect(a).toMatchObject({ rule: 'past-target', state: 'open', acked: null });
    const r = await h.request('POST', `${base}/alerts/${a.id}/ack`, { as: 'supervisor' });
    expect(r.status, r.text).toBe(200);
    const acked = Alert.parse(r.body);
    expect(acked.acked).toEqual({
      by: { id: 'supervisor', name: expect.any(String) },
      at: new Date(h.now()).toISOString(),
    });
    const audit = await h.store.listAudit({ branchId: BRANCH, kind: 'alert', limit: 10 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      action: 'acknowledge',
      actor: { id: 'supervisor', role: 'supervisor' },
      target: { kind: 'alert', id: a.id },
      branchId: BRANCH,
      at: new Date(h.now()).toISOString(),
    });
    h.advance(MIN);
    const again = await h.request('POST', `${base}/alerts/${a.id}/ack`, { as: 'admin' });
    expect(again.status).toBe(200);
    expect(again.body.acked).toEqual(acked.acked);
    expect((await h.store.listAudit({ branchId: BRANCH, kind: 'alert', limit: 10 })).entries).toHaveLength(1);
  });

  it('ack is refused to another branch, for an unknown alert (404) and for a malformed id (400), changing nothing', async () => {
    const a = await pastTarget();
    expect((await h.request('POST', `${base}/alerts/${a.id}/ack`, { as: 'otherSupervisor' })).status).toBe(403);
    expect((await h.request('POST', `${base}/alerts/${a.id}/ack`, { as: 'clerk' })).status).toBe(403);
    expect((await h.request('POST', `/api/v1/branches/b1/alerts/${a.id}/ack`, { as: 'admin' })).status).toBe(404);
    expect((await h.request('POST', `${base}/alerts/al-nope/ack`, { as: 'admin' })).status).toBe(404);
    const bad = await h.request('POST', `${base}/alerts/${encodeURIComponent('a b!')}/ack`, { as: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-input');
    expect((await h.store.listAudit({ kind: 'alert', limit: 10 })).entries).toEqual([]);
    const now = AlertPage.parse((await h.request('GET', `${base}/alerts`, { as: 'supervisor' })).body);
    expect(now.alerts.find((x) => x.id === a.id)?.acked).toBeNull();
  });

  it('[AL10] state=all keeps resolved alerts as history, newest first and paged; bad queries are 400', async () => {
    const a = await pastTarget();
    // Called: the cause ends, the alert is resolved but kept.
    await h.request('POST', '/api/v1/counters/counter-1/open', { as: 'clerk' });
    await h.request('POST', '/api/v1/counters/counter-1/call-next', { as: 'clerk', body: {} });
    h.advance(MIN);
    await alerts.evaluate(BRANCH);
    const open = AlertPage.parse((await h.request('GET', `${base}/alerts`, { as: 'supervisor' })).body);
    expect(open.alerts.map((x) => x.id)).not.toContain(a.id);
    const b = await pastTarget();
    const first = AlertPage.parse(
      (await h.request('GET', `${base}/alerts?state=all&limit=1`, { as: 'supervisor' })).body,
    );
    expect(first.alerts.map((x) => x.id)).toEqual([b.id]);
    expect(first.next).not.toBeNull();
    const second = AlertPage.parse(
      (await h.request('GET', `${base}/alerts?state=all&limit=1&before=${first.next}`, { as: 'supervisor' })).body,
    );
    expect(second.alerts.map((x) => [x.id, x.state])).toEqual([[a.id, 'resolved']]);
    expect(second.alerts[0]?.resolvedAt).toEqual(new Date(h.now() - 21 * MIN).toISOString());
    for (const q of ['state=closed', 'limit=0', 'limit=500', 'before=unknown-cursor']) {
      const r = await h.request('GET', `${base}/alerts?${q}`, { as: 'supervisor' });
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid-input');
    }
  });
});
