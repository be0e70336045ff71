// What a socket gets when something it needs fails, above all the store being down. Socket.IO does
// not look at what an async middleware or listener returns, so a rejection there would be unhandled
// and end the process. guardNamespace wraps, in one place, every middleware and listener registered
// on a namespace and on its sockets afterwards: a failed handshake check or snapshot closes the
// transport, and the client's Socket.IO reconnects by itself, with backoff, getting its snapshot once
// the store is back; a request with an acknowledgement is answered store-unavailable (or internal).
import type { ErrorCode } from '@nobat/protocol';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from '../log.ts';
import { StoreUnavailableError } from '../store/port.ts';

type Listener = (...args: unknown[]) => unknown;
type AckError = (code: ErrorCode) => unknown;

const codeOf = (err: unknown): ErrorCode => (err instanceof StoreUnavailableError ? 'store-unavailable' : 'internal');

/** Logs a failure: a store outage is logged once by its connection, not at every request. */
export function reportFailure(logger: Logger, err: unknown, what: string): void {
  if (err instanceof StoreUnavailableError) logger.debug({ err: err.message }, what);
  else logger.error({ err }, what);
}

function onRejected(result: unknown, handle: (err: unknown) => void): void {
  if (result instanceof Promise) result.catch(handle);
}

export function guardNamespace(ns: Namespace, logger: Logger, ackError: AckError): void {
  const dropping =
    (fn: Listener, what: string): Listener =>
    (socket, ...rest) => {
      const s = socket as Socket;
      try {
        onRejected(fn(socket, ...rest), (err) => {
          reportFailure(logger, err, what);
          s.conn.close();
        });
      } catch (err) {
        reportFailure(logger, err, what);
        s.conn.close();
      }
    };

  const guardSocket = (socket: Socket) => {
    if (guarded.has(socket)) return;
    guarded.add(socket);
    const on = socket.on.bind(socket) as (event: string, listener: Listener) => Socket;
    (socket as unknown as { on: typeof on }).on = (event, listener) =>
      on(event, (...args) =>
        onRejected(listener(...args), (err) => {
          reportFailure(logger, err, `socket request ${event} failed`);
          const ack = args.at(-1);
          if (typeof ack === 'function') ack(ackError(codeOf(err)));
        }),
      );
  };

  const use = ns.use.bind(ns) as (fn: Listener) => Namespace;
  (ns as unknown as { use: typeof use }).use = (fn) => use(dropping(fn, 'socket handshake failed'));
  const on = ns.on.bind(ns) as (event: string, listener: Listener) => Namespace;
  (ns as unknown as { on: typeof on }).on = (event, listener) => {
    if (event !== 'connection' && event !== 'connect') {
      // Server-side emits from other processes.
      return on(event, (...args) => onRejected(listener(...args), (err) => reportFailure(logger, err, event)));
    }
    const handler = dropping(listener, 'socket connection failed');
    return on(event, (socket) => {
      guardSocket(socket as Socket);
      handler(socket);
    });
  };
}

const guarded = new WeakSet<Socket>();
