// Regressions of server/src/realtime/realtime.ts: each test failed before its fix, and passes since.
import type { Ack, DisplaySnapshot, KeypadAnswer } from '@nobat/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, apiOk, type RecordingClient, refusal } from '../../../tests/support/socket.ts';
import { DEMO_BRANCH } from '../demo.ts';
import { useRealtimeServer } from '../testing/realtime-server.ts';

const B = DEMO_BRANCH;
type PressAck = Ack<KeypadAnswer>;

const rt = useRealtimeServer('realtime-bugs', ['admin', 'clerk1', 'clerk2', 'clerk3']);
const { token, issue, act } = rt;

afterEach(() => {
  vi.restoreAllMocks();
});

async function bridge(deviceToken: string): Promise<RecordingClient> {
  const { client } = await rt.connect<DisplaySnapshot>('/bridge', { auth: { token: deviceToken } });
  return client;
}

describe('realtime defects, fixed (each test failed before its fix)', () => {
  it('without Redis, a queue refresh prints no adapter warning (no serverSideEmit on one process)', async () => {
    // realtime.ts scheduleRefresh() calls track.serverSideEmit('refresh', …) unconditionally; the
    // in-memory adapter of a single process answers with console.warn on every refresh window.
    const warn = vi.spyOn(console, 'warn');
    const { client } = await rt.connect<DisplaySnapshot>('/display', { auth: { branchId: B } });
    const from = client.mark();
    await issue('pension');
    await client.waitFor('queue:changed', undefined, { from });
    const messages = warn.mock.calls.map((args) => String(args[0]));
    expect(messages.filter((m) => m.includes('serverSideEmit'))).toEqual([]);
  });

  it('[T1] keypad request ids are scoped per counter: the same id at another counter still calls', async () => {
    // realtime.ts keypad:press uses requestId `kp:${requestId}` for every counter of every bridge, while
    // the HTTP call-next scopes it as `${counterId}:${requestId}`; the domain answers a known requestId
    // with the ticket called earlier, so counter-3's press returns counter-2's ticket and calls nobody.
    const keypad = await bridge(token('bridge-1'));
    await act('clerk2', 'counter-2', 'open');
    await act('clerk3', 'counter-3', 'open');
    await issue('insured-record'); // served by counter-2 and counter-3
    await issue('insured-record');
    const first = await keypad.request<PressAck>('keypad:press', {
      counterId: 'counter-2',
      key: 'next',
      requestId: '1',
    });
    const second = await keypad.request<PressAck>('keypad:press', {
      counterId: 'counter-3',
      key: 'next',
      requestId: '1',
    });
    if (!('data' in first) || !('data' in second)) throw new Error(`refused: ${JSON.stringify([first, second])}`);
    expect(first.data.ticket?.counterId).toBe('counter-2');
    expect(second.data.ticket?.counterId).toBe('counter-3');
  });

  it('a bridge whose token is revoked cannot act over its open socket', async () => {
    // The /bridge guard checks the token at the handshake only and keeps the device in socket.data; a
    // DELETE /api/v1/admin/devices/{id} neither disconnects the socket nor is checked on keypad:press.
    const made = await apiOk<{ token: string }>(rt.url, 'POST', '/api/v1/admin/devices', {
      token: token('admin'),
      body: { id: 'bridge-9', kind: 'bridge', branchId: B, name: 'x', counterIds: ['counter-1'] },
      status: 201,
    });
    const revoked = await bridge(made.token);
    await act('clerk1', 'counter-1', 'open');
    await issue('premium-list');
    expect((await api(rt.url, 'DELETE', '/api/v1/admin/devices/bridge-9', { token: token('admin') })).status).toBe(200);
    expect((await refusal(rt.url, '/bridge', { auth: { token: made.token } })).code).toBe('unauthenticated');

    const press = await revoked.request<PressAck>('keypad:press', { counterId: 'counter-1', key: 'next' });
    expect(press).toMatchObject({ error: {} });
  });
});
