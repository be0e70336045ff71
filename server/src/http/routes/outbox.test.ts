// [NT9] The SMS outbox over REST: the branch's supervisor (or an admin) sees each message's state,
// attempts and why it failed, numbers masked, a one-time code's text never; bad input is a 400.
import { OutboxList } from '@nobat/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../log.ts';
import { GatewayError, type SmsGateway } from '../../notify/gateways/port.ts';
import { Outbox } from '../../notify/outbox.ts';
import { BRANCH, createHttpHarness, type HttpHarness } from '../../testing/http-harness.ts';

const base = `/api/v1/branches/${BRANCH}/outbox`;

describe('[NT9] the SMS outbox over REST', () => {
  let h: HttpHarness;
  let outbox: Outbox;
  const failing: SmsGateway = {
    name: 'fake',
    async send(m) {
      if (m.key.endsWith(':called')) throw new GatewayError('kavenegar 411: receptor 09121234567 نامعتبر است', false);
      return { id: 'g1' };
    },
  };
  beforeEach(async () => {
    h = await createHttpHarness();
    outbox = new Outbox({ store: h.store, gateway: failing, logger: createLogger('silent'), clock: () => h.now() });
    const m = { branchId: BRANCH, to: '09121234567', ticketId: `${BRANCH}~t1` };
    await outbox.enqueue({ ...m, key: `${BRANCH}~t1:ticket-taken`, kind: 'ticket-taken', text: 'نوبت شما: ۱۰۰۱' });
    h.advance(1_000);
    await outbox.enqueue({ ...m, key: `${BRANCH}~t1:called`, kind: 'called', text: 'باجهٔ ۲' });
    h.advance(1_000);
    await outbox.enqueue({ ...m, key: 'otp:c1', kind: 'otp', text: 'کد تأیید: ۴۸۲۹۱۷', urgent: true });
    await outbox.enqueue({ ...m, branchId: 'another-branch', key: 'x:called', kind: 'called', text: 'x' });
    await outbox.runOnce();
  });
  afterEach(async () => {
    await h.close();
  });

  it('lists the branch messages newest first, masked, with the failure reason; filters by state', async () => {
    const r = await h.request('GET', base, { as: 'supervisor' });
    expect(r.status, r.text).toBe(200);
    const list = OutboxList.parse(r.body);
    expect(list.messages.map((m) => [m.kind, m.state, m.to, m.attempts])).toEqual([
      ['otp', 'sent', '0912***4567', 1],
      ['called', 'failed', '0912***4567', 1],
      ['ticket-taken', 'sent', '0912***4567', 1],
    ]);
    expect(list.messages[0]?.text).toBeNull();
    expect(list.messages[1]?.lastError).toBe('kavenegar 411: receptor 0912***4567 نامعتبر است');
    expect(r.text).not.toContain('09121234567');
    expect(r.text).not.toContain('۴۸۲۹۱۷');
    const failed = OutboxList.parse((await h.request('GET', `${base}?state=failed&limit=5`, { as: 'admin' })).body);
    expect(failed.messages.map((m) => m.key)).toEqual([`${BRANCH}~t1:called`]);
  });

  it('refuses others, and answers bad input with 400 and an unknown branch with 404', async () => {
    for (const as of ['otherSupervisor', 'clerk', 'kiosk'] as const) {
      expect([401, 403]).toContain((await h.request('GET', base, { as })).status);
    }
    expect((await h.request('GET', base)).status).toBe(401);
    for (const q of ['state=lost', 'limit=0', 'limit=501', 'limit=x']) {
      const r = await h.request('GET', `${base}?${q}`, { as: 'supervisor' });
      expect(r.status, q).toBe(400);
      expect(r.body).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect((await h.request('GET', '/api/v1/branches/nowhere/outbox', { as: 'admin' })).status).toBe(404);
  });
});
