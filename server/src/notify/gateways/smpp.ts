/// <reference path="./smpp-module.d.ts" />
// [NT6] SMPP 3.4 for operators, through the `smpp` package: one bound transceiver session, kept and
// bound again when it drops; every text sent as UCS2 (data_coding 8: Persian), a long one split into
// parts of 67 characters joined by a concatenation UDH (esm_class 0x40).
import { createHash } from 'node:crypto';
import type { SendFailure } from '@nobat/protocol';
import * as smpp from 'smpp';
import { GatewayError, type GatewayMessage, type SmsGateway } from './port.ts';

export interface SmppOptions {
  /** smpp://host:port (ssmpp:// for TLS). */
  url: string;
  systemId: string;
  password: string;
  /** source_addr: the sender line. */
  sender?: string;
  systemType?: string;
  /** An answer (connect, bind, submit) not arriving within this many ms fails the send, retryably. */
  timeoutMs?: number;
  enquireLinkMs?: number;
}

/** SMSC answers worth trying again: busy, throttled, queue full, a system or temporary error. */
const RETRYABLE_STATUS = new Set([smpp.ESME_RSYSERR, smpp.ESME_RMSGQFUL, smpp.ESME_RTHROTTLED, smpp.ESME_RX_T_APPN]);
/** submit_sm refusals by what they mean to an operator. */
const SUBMIT_REASONS = new Map<number, SendFailure>([
  [smpp.ESME_RINVDSTADR, 'bad-number'],
  [smpp.ESME_RINVSRCADR, 'bad-sender'],
  [smpp.ESME_RINVMSGLEN, 'bad-text'],
  [smpp.ESME_RTHROTTLED, 'throttled'],
]);

const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/** The text as UCS2 (UTF-16BE); more than 70 characters: parts with a concatenation UDH. */
export function ucs2Parts(text: string, ref: number): Buffer[] {
  const ucs2 = (s: string) => Buffer.from(s, 'utf16le').swap16();
  if (text.length <= UCS2_SINGLE) return [ucs2(text)];
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += UCS2_PART) chunks.push(text.slice(i, i + UCS2_PART));
  return chunks.map((c, i) =>
    Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, chunks.length, i + 1]), ucs2(c)]),
  );
}

export class SmppGateway implements SmsGateway {
  readonly name = 'smpp';
  readonly #o: SmppOptions;
  #session: Promise<smpp.Session> | undefined;

  constructor(opts: SmppOptions) {
    this.#o = opts;
  }

  #timeout<T>(what: string, run: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> {
    const ms = this.#o.timeoutMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new GatewayError(`smpp: no ${what} within ${ms} ms`, true, 'timeout')), ms);
      run(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  /** A bound session: the one kept, or a new one connected and bound now. */
  #bound(): Promise<smpp.Session> {
    this.#session ??= this.#timeout<smpp.Session>('bind', (resolve, reject) => {
      const session = smpp.connect({ url: this.#o.url, auto_enquire_link_period: this.#o.enquireLinkMs ?? 30_000 });
      const drop = () => {
        if (this.#session === bound) this.#session = undefined;
      };
      session.on('error', (e: Error) => {
        drop();
        reject(new GatewayError(`smpp: ${e.message}`, true, 'unreachable'));
      });
      session.on('close', () => {
        drop();
        reject(new GatewayError('smpp: the connection closed', true, 'unreachable'));
      });
      session.on('connect', () => {
        session.bind_transceiver(
          {
            system_id: this.#o.systemId,
            password: this.#o.password,
            ...(this.#o.systemType ? { system_type: this.#o.systemType } : {}),
          },
          (pdu) => {
            if (pdu.command_status === smpp.ESME_ROK) return resolve(session);
            drop();
            session.destroy();
            // A refused bind (bad system id or password) does not get better by itself.
            reject(
              new GatewayError(`smpp: bind refused, status 0x${pdu.command_status.toString(16)}`, false, 'account'),
            );
          },
        );
      });
    });
    const bound = this.#session;
    bound.catch(() => {
      if (this.#session === bound) this.#session = undefined;
    });
    return bound;
  }

  async send(m: GatewayMessage): Promise<{ id?: string }> {
    const session = await this.#bound();
    const ref = createHash('sha256').update(m.key).digest()[0] ?? 0;
    const parts = ucs2Parts(m.text, ref);
    const ids: string[] = [];
    for (const part of parts) {
      const pdu = await this.#timeout<smpp.PDU>('submit_sm_resp', (resolve, reject) => {
        // The connection dropping while the answer is awaited fails the send now, not at the timeout.
        const closed = () =>
          reject(new GatewayError('smpp: the connection closed before the answer', true, 'unreachable'));
        session.once('close', closed);
        const answered = (pdu: smpp.PDU) => {
          session.off('close', closed);
          resolve(pdu);
        };
        const sent = session.submit_sm(
          {
            source_addr: this.#o.sender ?? '',
            destination_addr: m.to,
            data_coding: 0x08,
            esm_class: parts.length > 1 ? 0x40 : 0,
            registered_delivery: 1,
            short_message: part,
          },
          answered,
        );
        if (!sent) reject(new GatewayError('smpp: the session is closed', true, 'unreachable'));
      });
      if (pdu.command_status !== smpp.ESME_ROK) {
        const retryable = RETRYABLE_STATUS.has(pdu.command_status);
        throw new GatewayError(
          `smpp: submit_sm refused, status 0x${pdu.command_status.toString(16)}`,
          retryable,
          SUBMIT_REASONS.get(pdu.command_status) ?? (retryable ? 'gateway-busy' : 'refused'),
        );
      }
      ids.push(String(pdu.message_id ?? ''));
    }
    return { id: ids.join(',') };
  }

  async close(): Promise<void> {
    const s = this.#session;
    this.#session = undefined;
    if (!s) return;
    const session = await s.catch(() => undefined);
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(() => resolve()), 1_000);
      session.unbind({}, () => {
        clearTimeout(timer);
        session.close(() => resolve());
      });
    });
  }
}
