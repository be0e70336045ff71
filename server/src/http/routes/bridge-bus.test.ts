// [BB1]–[BB3] A bridge's page: its bus as the bridge last reported it and the supervisor's tests —
// who may (supervisor of the branch, admin), bad input refused with nothing done, the outcomes'
// codes, the audit entry (HTTP app with a fake bridge); and, on a real server, a bridge's socket
// sending `bus:report` and answering `bridge:test`.
import type { BridgeTestRequest, BridgeTestResult, BusReport } from '@nobat/protocol';
import { BridgeBusView } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../../demo.ts';
import { saveBusReport } from '../../realtime/bridge-bus.ts';
import { createHttpHarness, type HttpHarness, OTHER_BRANCH, T0 } from '../../testing/http-harness.ts';
import { useRealtimeServer } from '../../testing/realtime-server.ts';

const busPath = (branch = DEMO_BRANCH, bridge = 'bridge-1') => `/api/v1/branches/${branch}/bridges/${bridge}/bus`;
const testPath = (branch = DEMO_BRANCH, bridge = 'bridge-1') => `/api/v1/branches/${branch}/bridges/${bridge}/test`;

const REPORT: BusReport = {
  at: new Date(T0).toISOString(),
  buses: [
    {
      id: 'bus-1',
      path: '/tmp/bus-1',
      open: true,
      noise: 4,
      addresses: [
        {
          address: 1,
          state: 'answers',
          configured: [{ kind: 'led', deviceId: 'led-counter-1', counterId: 'counter-1' }],
          reported: { display: true, keypad: false },
          firmware: 3,
          lastAnswerAt: new Date(T0).toISOString(),
          consecutiveFailures: 0,
          answered: 40,
          missed: 0,
          garbled: 0,
        },
        {
          address: 2,
          state: 'silent',
          configured: [{ kind: 'led', deviceId: 'led-counter-2', counterId: 'counter-2' }],
          reported: null,
          firmware: null,
          lastAnswerAt: null,
          consecutiveFailures: 9,
          answered: 0,
          missed: 9,
          garbled: 0,
        },
      ],
    },
  ],
  printers: [{ deviceId: 'printer-kiosk-1', kioskId: 'kiosk-1', status: 'online' }],
};

describe('the bridge page’s routes (HTTP app, fake bridge)', () => {
  let h: HttpHarness;
  let answer: BridgeTestResult | 'not-connected';
  let asked: BridgeTestRequest[];
  beforeEach(async () => {
    h = await createHttpHarness();
    answer = { ok: true };
    asked = [];
    h.deps.bridgeBus = {
      connected: async () => answer !== 'not-connected',
      test: async (_id, request) => {
        asked.push(request);
        return answer;
      },
    };
  });
  afterEach(async () => {
    await h.close();
  });
  const audit = async () => (await h.store.listAudit({ branchId: DEMO_BRANCH, limit: 50 })).entries;

  it('[BB1] the bus as last reported, with when it came and whether the bridge is connected', async () => {
    let r = await h.request('GET', busPath(), { as: 'supervisor' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({
      deviceId: 'bridge-1',
      branchId: DEMO_BRANCH,
      connected: true,
      receivedAt: null,
      report: null,
    });
    await saveBusReport(h.store, 'bridge-1', { branchId: DEMO_BRANCH, receivedAt: 'R1', report: REPORT });
    // A newer report replaces it.
    await saveBusReport(h.store, 'bridge-1', { branchId: DEMO_BRANCH, receivedAt: 'R2', report: REPORT });
    answer = 'not-connected';
    r = await h.request('GET', busPath(), { as: 'admin' });
    expect(r.status).toBe(200);
    expect(BridgeBusView.parse(r.body)).toEqual({
      deviceId: 'bridge-1',
      branchId: DEMO_BRANCH,
      connected: false,
      receivedAt: 'R2',
      report: REPORT,
    });
  });

  it('[BB1] only a supervisor of the branch or an admin; another branch, or a device that is no bridge: 404', async () => {
    for (const [as, status] of [
      ['anonymous', 401],
      ['clerk', 403],
      ['otherSupervisor', 403],
      ['bridge', 403],
      ['kiosk', 403],
    ] as const) {
      expect((await h.request('GET', busPath(), { as })).status, as).toBe(status);
      expect((await h.request('POST', testPath(), { as, body: { kind: 'scan' } })).status, as).toBe(status);
    }
    for (const path of [busPath(OTHER_BRANCH), busPath(DEMO_BRANCH, 'kiosk-1'), busPath(DEMO_BRANCH, 'bridge-9')]) {
      const r = await h.request('GET', path, { as: 'admin' });
      expect(r.status, path).toBe(404);
      expect(r.body.error.code).toBe('not-found');
    }
    expect((await h.request('POST', testPath(OTHER_BRANCH), { as: 'admin', body: { kind: 'scan' } })).status).toBe(404);
    expect(asked).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('[BB2] bad input is refused with a 4xx error, nothing sent to the bridge and nothing audited', async () => {
    for (const body of [
      { kind: 'fireworks' },
      { kind: 'led-pattern' },
      { kind: 'led-pattern', address: 0 },
      { kind: 'led-pattern', address: 248 },
      { kind: 'led-pattern', address: 1, seconds: 600 },
      { kind: 'test-print' },
      { kind: 'led-pattern', address: 1, extra: true },
      'led',
    ]) {
      const r = await h.request('POST', testPath(), { as: 'supervisor', body });
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.status, JSON.stringify(body)).toBeLessThan(500);
      expect(r.body.error.message).toEqual({ fa: expect.any(String), en: expect.any(String) });
    }
    // A kiosk this bridge does not drive.
    const r = await h.request('POST', testPath(), {
      as: 'supervisor',
      body: { kind: 'test-print', kioskId: 'kiosk-b1' },
    });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown-bus-device');
    expect(asked).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('[BB2][BB3] a test is relayed, answered with the bridge’s result, and audited with who, when and the outcome', async () => {
    const body = { kind: 'led-pattern', address: 3, seconds: 4 };
    const r = await h.request('POST', testPath(), { as: 'supervisor', body, address: '192.0.2.77' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ ok: true });
    expect(asked).toEqual([body]);
    const [entry] = await audit();
    expect(entry).toMatchObject({
      at: new Date(T0).toISOString(),
      actor: { id: 'supervisor', role: 'supervisor' },
      address: '192.0.2.77',
      action: 'test',
      target: { kind: 'device', id: 'bridge-1' },
      branchId: DEMO_BRANCH,
      after: { request: body, outcome: { ok: true } },
      changes: ['test.led-pattern'],
    });
    // A printer's own answer (out of paper) is a result the page shows, not an error.
    answer = { ok: false, status: 'paper-out', reason: 'refused' };
    const p = await h.request('POST', testPath(), { as: 'admin', body: { kind: 'test-print', kioskId: 'kiosk-1' } });
    expect(p.status).toBe(200);
    expect(p.body).toEqual(answer);
    expect((await audit())[0]).toMatchObject({ actor: { id: 'admin' }, after: { outcome: answer } });
  });

  it('[BB2] the failures have their own codes (fa + en), and are audited too', async () => {
    const cases: [BridgeTestResult | 'not-connected', number, string][] = [
      ['not-connected', 503, 'bridge-not-connected'],
      [{ ok: false, reason: 'device-offline' }, 409, 'bus-device-offline'],
      [{ ok: false, reason: 'unknown-device' }, 404, 'unknown-bus-device'],
      [{ ok: false, reason: 'refused', detail: 'NAK' }, 409, 'bus-test-failed'],
    ];
    for (const [given, status, code] of cases) {
      answer = given;
      const r = await h.request('POST', testPath(), { as: 'supervisor', body: { kind: 'led-pattern', address: 2 } });
      expect(r.status, code).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message.fa).toMatch(/[\u0600-\u06FF]/);
      expect(r.body.error.message.en).toMatch(/^[\x20-\x7E]+$/);
    }
    const entries = await audit();
    expect(entries).toHaveLength(cases.length);
    expect(entries[0]?.after).toMatchObject({ outcome: { ok: false, reason: 'refused' } });
    expect(entries.at(-1)?.after).toMatchObject({ outcome: { ok: false, reason: 'not-connected' } });
  });
});

describe('a bridge’s socket on a real server: bus:report kept, bridge:test relayed', () => {
  const rt = useRealtimeServer('bridge-bus', ['supervisor']);

  it('[BB1][BB2] the report reaches GET …/bus; a test reaches the bridge and its answer comes back; gone: 503', async () => {
    const { client } = await rt.connect('/bridge', { auth: { token: rt.token('bridge-1') } });
    const tests: unknown[] = [];
    client.socket.on('bridge:test', (t: unknown, ack: (r: BridgeTestResult) => void) => {
      tests.push(t);
      ack({ ok: false, reason: 'device-offline' });
    });
    const ack = await client.socket.timeout(5_000).emitWithAck('bus:report', REPORT);
    expect(ack).toEqual({ data: null });
    // A report that is not one is refused and changes nothing.
    expect(await client.socket.timeout(5_000).emitWithAck('bus:report', { at: 'x' })).toMatchObject({
      error: { code: 'invalid-input' },
    });
    const token = rt.token('supervisor');
    const view = await api<BridgeBusView>(rt.url, 'GET', busPath(), { token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ connected: true, report: REPORT });
    const r = await api(rt.url, 'POST', testPath(), { token, body: { kind: 'led-pattern', address: 2 } });
    expect(r.status).toBe(409);
    expect(tests).toEqual([{ kind: 'led-pattern', address: 2 }]);

    client.close();
    const gone = await api<{ error: { code: string } }>(rt.url, 'POST', testPath(), {
      token,
      body: { kind: 'led-pattern', address: 2 },
    });
    expect(gone.status).toBe(503);
    expect(gone.body.error.code).toBe('bridge-not-connected');
    expect((await api<BridgeBusView>(rt.url, 'GET', busPath(), { token })).body).toMatchObject({
      connected: false,
      report: REPORT,
    });
  });
});
