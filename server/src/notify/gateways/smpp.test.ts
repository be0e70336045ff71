import type { AddressInfo, Server } from 'node:net';
import * as smpp from 'smpp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from './port.ts';
import { SmppGateway, ucs2Parts } from './smpp.ts';

interface Submitted {
  destination_addr: string;
  source_addr: string;
  data_coding: number;
  esm_class: number;
  udh: Buffer[] | undefined;
  message: string;
}

/** An SMSC made with the same package's server: binds by system id and password, answers submit_sm as told. */
class FakeSmsc {
  server!: Server;
  url = '';
  readonly binds: { system_id: string; password: string }[] = [];
  readonly submitted: Submitted[] = [];
  /** The next submit_sm_resp statuses (ESME_ROK when empty); 'silent': no answer. */
  readonly statuses: (number | 'silent')[] = [];
  readonly sessions = new Set<smpp.Session>();
  async start() {
    this.server = smpp.createServer((session) => {
      this.sessions.add(session);
      session.on('error', () => undefined);
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        this.binds.push({ system_id: String(pdu.system_id), password: String(pdu.password) });
        const ok = pdu.system_id === 'nobat' && pdu.password === 'secret';
        session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RBINDFAIL }));
      });
      session.on('submit_sm', (pdu: smpp.PDU) => {
        const sm = pdu.short_message as { udh?: Buffer[]; message: string };
        this.submitted.push({
          destination_addr: String(pdu.destination_addr),
          source_addr: String(pdu.source_addr),
          data_coding: Number(pdu.data_coding),
          esm_class: Number(pdu.esm_class),
          udh: sm.udh,
          message: sm.message,
        });
        const status = this.statuses.shift() ?? smpp.ESME_ROK;
        if (status === 'silent') return;
        session.send(pdu.response({ command_status: status, message_id: `m${this.submitted.length}` }));
      });
      session.on('unbind', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `smpp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    for (const s of this.sessions) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

const persian = 'نوبت ۱۰۰۱: لطفاً به باجهٔ ۲ مراجعه کنید.';

async function failure(p: Promise<unknown>): Promise<GatewayError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

describe('[NT6] SMPP gateway against the smpp package server', () => {
  let smsc: FakeSmsc;
  let gw: SmppGateway;
  beforeEach(async () => {
    smsc = new FakeSmsc();
    await smsc.start();
    gw = new SmppGateway({ url: smsc.url, systemId: 'nobat', password: 'secret', sender: '98100', timeoutMs: 2_000 });
  });
  afterEach(async () => {
    await gw.close();
    await smsc.stop();
  });

  it('binds as a transceiver once and submits Persian text as UCS2', async () => {
    expect(await gw.send({ to: '09121234567', text: persian, key: 'k1' })).toEqual({ id: 'm1' });
    expect(await gw.send({ to: '09120000000', text: 'second', key: 'k2' })).toEqual({ id: 'm2' });
    expect(smsc.binds).toEqual([{ system_id: 'nobat', password: 'secret' }]);
    expect(smsc.submitted[0]).toMatchObject({
      destination_addr: '09121234567',
      source_addr: '98100',
      data_coding: 8,
      esm_class: 0,
      message: persian,
    });
    expect(smsc.submitted[0]?.udh).toBeUndefined();
  });

  it('a long message goes in parts of 67 characters joined by a concatenation UDH', async () => {
    const long = `${persian} `.repeat(5).trim(); // > 70 characters
    expect(long.length).toBeGreaterThan(140);
    await gw.send({ to: '09121234567', text: long, key: 'long' });
    expect(smsc.submitted).toHaveLength(Math.ceil(long.length / 67));
    expect(smsc.submitted.map((s) => s.message).join('')).toBe(long);
    const udhs = smsc.submitted.map((s) => s.udh?.[0]);
    const ref = udhs[0]?.[2];
    udhs.forEach((u, i) => {
      expect([...(u ?? [])]).toEqual([0x00, 0x03, ref, smsc.submitted.length, i + 1]);
    });
    expect(smsc.submitted.every((s) => (s.esm_class & 0x40) === 0x40 && s.data_coding === 8)).toBe(true);
    expect(ucs2Parts('سلام', 1)).toEqual([Buffer.from([0x06, 0x33, 0x06, 0x44, 0x06, 0x27, 0x06, 0x45])]);
  });

  it('a submit_sm_resp error: bad destination is permanent, throttling is retryable', async () => {
    smsc.statuses.push(smpp.ESME_RINVDSTADR, smpp.ESME_RTHROTTLED);
    const bad = await failure(gw.send({ to: '0912', text: persian, key: 'a' }));
    expect(bad.retryable).toBe(false);
    expect(bad.message).toBe('smpp: submit_sm refused, status 0xb');
    const slow = await failure(gw.send({ to: '09121234567', text: persian, key: 'b' }));
    expect(slow.retryable).toBe(true);
    expect(slow.message).toBe('smpp: submit_sm refused, status 0x58');
    // The session stays bound.
    await gw.send({ to: '09121234567', text: persian, key: 'c' });
    expect(smsc.binds).toHaveLength(1);
  });

  it('a refused bind is permanent; no answer to submit_sm is a retryable timeout', async () => {
    const wrong = new SmppGateway({ url: smsc.url, systemId: 'nobat', password: 'wrong', timeoutMs: 2_000 });
    const e = await failure(wrong.send({ to: '09121234567', text: persian, key: 'x' }));
    expect(e.retryable).toBe(false);
    expect(e.message).toBe('smpp: bind refused, status 0xd');
    await wrong.close();
    const quick = new SmppGateway({ url: smsc.url, systemId: 'nobat', password: 'secret', timeoutMs: 200 });
    smsc.statuses.push('silent');
    const t = await failure(quick.send({ to: '09121234567', text: persian, key: 'y' }));
    expect(t.retryable).toBe(true);
    expect(t.message).toBe('smpp: no submit_sm_resp within 200 ms');
    await quick.close();
  });

  it('an SMSC that is down is retryable, and the gateway binds again once it is back', async () => {
    await gw.send({ to: '09121234567', text: persian, key: 'a' });
    await smsc.stop();
    const e = await failure(gw.send({ to: '09121234567', text: persian, key: 'b' }));
    expect(e.retryable).toBe(true);
    const port = Number(new URL(smsc.url.replace('smpp:', 'http:')).port);
    await new Promise<void>((r) => smsc.server.listen(port, '127.0.0.1', r));
    await gw.send({ to: '09121234567', text: persian, key: 'c' });
    expect(smsc.binds).toHaveLength(2);
  });
});
