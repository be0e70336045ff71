// [NT6] One interface for every SMS gateway: send a text to a number, or say why not, and whether
// trying again may help (timeouts, 5xx, throttling) or not (a bad number, bad credentials).

import type { SendFailure } from '@nobat/protocol';

export interface GatewayMessage {
  /** 09xxxxxxxxx. */
  to: string;
  text: string;
  /** The outbox key: given to the gateway as its own idempotency / local id where the protocol has one. */
  key: string;
}

export interface SmsGateway {
  readonly name: string;
  /** Resolves when the gateway accepted the message (its id, if it gives one); rejects with a GatewayError. */
  send(message: GatewayMessage): Promise<{ id?: string }>;
  close?(): Promise<void>;
}

export class GatewayError extends Error {
  constructor(
    message: string,
    /** True: a later attempt may succeed (timeouts, 5xx, throttling). False: it never will. */
    readonly retryable: boolean,
    /** Why, as the console words it in either language (the message keeps the gateway's own text). */
    readonly reason: SendFailure = retryable ? 'gateway-busy' : 'refused',
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** [NT4] 0912***4567: enough to tell numbers apart in a log, not enough to call one. */
export function maskMobile(mobile: string): string {
  if (mobile.length < 8) return '***';
  return `${mobile.slice(0, 4)}***${mobile.slice(-4)}`;
}

/** Every 09xxxxxxxxx (or +989…/989…) inside a text masked: for error messages a gateway echoes. */
export function maskInText(text: string): string {
  return text.replace(/(\+?98|0)9\d{9}/g, (m) => maskMobile(m));
}
