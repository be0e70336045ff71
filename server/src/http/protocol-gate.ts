// [UP5][UP6] The protocol version a client speaks, checked on every API call and socket handshake.
// A client of this codebase sends PROTOCOL_VERSION (the `x-nobat-protocol` header; `auth.protocol` in
// a Socket.IO handshake). One older than the oldest this server serves is told so by name, so that a
// kiosk, display or desk reloads itself (and gets the new build) instead of failing in odd ways. A
// call without it (a third party's script, curl) is served: the version is the apps' promise, not a gate.
import { errorMessages, PROTOCOL_HEADER, PROTOCOL_VERSION, type ProtocolOutdated } from '@nobat/protocol';
import type { MiddlewareHandler } from 'hono';
import type { Namespace, Server } from 'socket.io';
import { errorBody } from './errors.ts';

/** [UP6] The oldest protocol version this server still serves (NOBAT_OLDEST_PROTOCOL may raise it). */
export const OLDEST_PROTOCOL_SERVED = 1;

export type ProtocolCheck =
  | { ok: true }
  | { ok: false; invalid: true }
  | { ok: false; invalid: false; outdated: ProtocolOutdated };

/** What a client's stated version means here; `given` undefined: it stated none (served). */
export function checkProtocol(given: unknown, oldest: number): ProtocolCheck {
  if (given === undefined || given === null) return { ok: true };
  const text = typeof given === 'number' ? String(given) : given;
  if (typeof text !== 'string' || !/^[1-9]\d{0,5}$/.test(text.trim())) return { ok: false, invalid: true };
  const client = Number(text.trim());
  if (client >= oldest) return { ok: true };
  return { ok: false, invalid: false, outdated: { code: 'protocol-outdated', client, oldest } };
}

/** The API middleware: 426 protocol-outdated for an old client, 400 for a header that is no version. */
export function protocolGate(oldest: number): MiddlewareHandler {
  return async (c, next) => {
    const check = checkProtocol(c.req.header(PROTOCOL_HEADER), oldest);
    if (check.ok) return next();
    if (check.invalid) {
      return c.json(
        errorBody('invalid-input', errorMessages['invalid-input'], [
          { path: PROTOCOL_HEADER, message: 'must be a protocol version (a whole number)' },
        ]),
        400,
      );
    }
    const { client } = check.outdated;
    c.header('x-nobat-protocol-oldest', String(oldest));
    return c.json(
      {
        error: {
          ...errorBody('protocol-outdated', errorMessages['protocol-outdated']).error,
          protocol: { client, oldest, server: PROTOCOL_VERSION },
        },
      },
      426,
    );
  };
}

/** An Error as Socket.IO's connect_error carries it: `data` reaches the client. */
class ProtocolRefusal extends Error {
  readonly data: ProtocolOutdated & { message: (typeof errorMessages)['protocol-outdated'] };
  constructor(outdated: ProtocolOutdated) {
    super('protocol-outdated');
    this.data = { ...outdated, message: errorMessages['protocol-outdated'] };
  }
}

/**
 * Checks `auth.protocol` in the handshake of every namespace, before its own checks: an old client
 * gets connect_error `protocol-outdated` (with the oldest version served); a value that is no version,
 * `invalid-input`. Must be called before the namespaces are made (it hooks their creation).
 */
export function guardSocketProtocol(io: Server, oldest: number): void {
  const guard = (ns: Namespace) =>
    ns.use((socket, next) => {
      const check = checkProtocol((socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol, oldest);
      if (check.ok) return next();
      if (check.invalid) {
        const err = new Error('invalid-input') as Error & { data: { code: string } };
        err.data = { code: 'invalid-input' };
        return next(err);
      }
      next(new ProtocolRefusal(check.outdated));
    });
  io.on('new_namespace', guard);
}
