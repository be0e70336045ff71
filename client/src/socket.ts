// [UP5][UP7] Every app's Socket.IO connection: the handshake states the protocol version, and a
// server that no longer serves it makes the page reload itself (client/src/upgrade.ts).
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { isProtocolOutdated, reloadForUpgrade, withProtocol } from './upgrade.ts';

export type ConnectOptions = Partial<ManagerOptions & SocketOptions> & { auth?: Record<string, unknown> };

/**
 * `io(uri, opts)` with `auth.protocol` set, reloading the page on `protocol-outdated`. The socket's
 * event types come from where it is put (`const s: Socket<Events> = connectSocket(…)`).
 */
export function connectSocket<T extends Socket = Socket>(uri: string, opts: ConnectOptions = {}): T {
  const socket = io(uri, { ...opts, auth: withProtocol(opts.auth) });
  socket.on('connect_error', (err) => {
    if (isProtocolOutdated(err)) reloadForUpgrade();
  });
  return socket as T;
}
