// The bridge's connection to the server: Socket.IO namespace /bridge with the bridge's device token.
// It reconnects by itself, also after the server refused the handshake or dropped the connection (a
// restarting server may briefly not know the token), and the server sends a snapshot on every connect.
import { EventEmitter } from 'node:events';
import { withProtocol } from '@nobat/client';
import { type BridgeClientEvents, type BridgeServerEvents, handshakeCode, PROTOCOL_VERSION } from '@nobat/protocol';
import { io, type Socket } from 'socket.io-client';

/** What the server sends (as event arguments), and the connection's own events. */
export type LinkEvents = { [E in keyof BridgeServerEvents]: Parameters<BridgeServerEvents[E]> } & {
  connect: [];
  disconnect: [reason: string];
  /** The server refused the handshake (e.g. an unknown token); the link tries again later. */
  refused: [message: string];
  /**
   * [UP8] The server no longer serves this bridge's protocol version: the link has stopped for good
   * (trying again cannot help; only an upgraded bridge can). `oldest`: what the server needs, if said.
   */
  outdated: [versions: { client: number; oldest: number | undefined }];
};

type ClientEvent = keyof BridgeClientEvents;
export type RequestOf<E extends ClientEvent> = Parameters<BridgeClientEvents[E]>[0];
export type AckOf<E extends ClientEvent> = Parameters<Parameters<BridgeClientEvents[E]>[1]>[0];

/** What the bridge needs of its server connection (a fake one in unit tests). */
export interface ServerLink extends EventEmitter<LinkEvents> {
  readonly connected: boolean;
  /** Sends an event and resolves with the server's acknowledgement; rejects after `timeoutMs`. */
  request<E extends ClientEvent>(event: E, payload: RequestOf<E>, timeoutMs: number): Promise<AckOf<E>>;
  /** Drops the connection and connects again (the server sends a snapshot on every connect). */
  reconnect(): void;
  close(): void;
}

export class SocketLink extends EventEmitter<LinkEvents> implements ServerLink {
  readonly #socket: Socket<BridgeServerEvents, BridgeClientEvents>;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(url: string, token: string, opts: { retryAfterRefusalMs?: number } = {}) {
    super();
    const retryMs = opts.retryAfterRefusalMs ?? 5_000;
    const socket: Socket<BridgeServerEvents, BridgeClientEvents> = io(`${url.replace(/\/+$/, '')}/bridge`, {
      auth: withProtocol({ token }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3_000,
    });
    this.#socket = socket;
    const later = () => {
      if (this.#closed || this.#retry) return;
      this.#retry = setTimeout(() => {
        this.#retry = undefined;
        if (!this.#closed && !socket.connected) socket.connect();
      }, retryMs);
    };
    socket.on('connect', () => this.emit('connect'));
    socket.on('disconnect', (reason) => {
      this.emit('disconnect', reason);
      // Dropped by the server (revoked token, restart): Socket.IO does not reconnect by itself then.
      if (!socket.active) later();
    });
    socket.on('connect_error', (err) => {
      if (handshakeCode(err) === 'protocol-outdated') {
        const oldest = (err as Error & { data?: { oldest?: unknown } }).data?.oldest;
        this.close();
        this.emit('outdated', { client: PROTOCOL_VERSION, oldest: typeof oldest === 'number' ? oldest : undefined });
        return;
      }
      if (!socket.active) {
        this.emit('refused', err.message);
        later();
      }
    });
    socket.on('snapshot', (s) => this.emit('snapshot', s));
    socket.on('ticket:called', (c) => this.emit('ticket:called', c));
    socket.on('counter:changed', (c) => this.emit('counter:changed', c));
    socket.on('log:advanced', (a) => this.emit('log:advanced', a));
    socket.on('print:job', (job, ack) => this.emit('print:job', job, typeof ack === 'function' ? ack : () => {}));
    socket.on('bridge:test', (t, ack) => this.emit('bridge:test', t, typeof ack === 'function' ? ack : () => {}));
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  request<E extends ClientEvent>(event: E, payload: RequestOf<E>, timeoutMs: number): Promise<AckOf<E>> {
    const timed = this.#socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<AckOf<E>>;
    };
    return timed.emitWithAck(event, payload);
  }

  reconnect(): void {
    if (this.#closed) return;
    this.#socket.disconnect();
    this.#socket.connect();
  }

  close(): void {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#socket.disconnect();
  }
}
