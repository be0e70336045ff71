// How bytes reach a printer and come back: serial (serialport), TCP port 9100 (node:net) and the
// Linux USB printer class device /dev/usb/lp* (node:fs). Each opens on first use; after an error it
// is closed and the next use opens it again, so an unplugged or restarted printer comes back by itself.
import { promises as fs, constants as fsConstants } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import type { OpenOptions, SerialPortStream } from '@serialport/stream';
import type { PrinterTransportConfig } from './types.ts';

export interface Transport {
  /** e.g. "serial /dev/ttyUSB0", for the status details. */
  readonly description: string;
  /** Sends the bytes; resolves once they have left this process (serial: drained to the wire). */
  write(data: Uint8Array): Promise<void>;
  /** Up to `count` bytes, waiting at most `timeoutMs`; fewer (or none) when the printer is silent. */
  read(count: number, timeoutMs: number): Promise<Buffer>;
  /** Forgets bytes received but not read yet (a stray answer must not be taken for the next one). */
  discardInput(): Promise<void>;
  close(): Promise<void>;
}

export type SerialBinding = OpenOptions['binding'];

export interface TransportOptions {
  /** serialport binding to use instead of the system's (tests pass the mock binding). */
  serialBinding?: SerialBinding;
  /** How long a TCP connection may take. */
  connectTimeoutMs?: number;
}

export function createTransport(config: PrinterTransportConfig, options: TransportOptions = {}): Transport {
  switch (config.type) {
    case 'serial':
      return new SerialTransport(config.path, config.baudRate, config.flowControl, options.serialBinding);
    case 'tcp':
      return new TcpTransport(config.host, config.port, options.connectTimeoutMs ?? 3000);
    case 'usb-lp':
      return new CharDeviceTransport(config.path);
  }
}

/** Received bytes, and reads waiting for them. */
class Inbox {
  private buffered = Buffer.alloc(0);
  private waiter: (() => void) | null = null;

  push(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.waiter?.();
  }

  clear(): void {
    this.buffered = Buffer.alloc(0);
  }

  async take(count: number, timeoutMs: number): Promise<Buffer> {
    if (this.buffered.length < count) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        const self = this;
        function done() {
          clearTimeout(timer);
          self.waiter = null;
          resolve();
        }
        this.waiter = () => {
          if (this.buffered.length >= count) done();
        };
      });
    }
    const out = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(out.length);
    return Buffer.from(out);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A transport over a stream (a serial port, a socket) whose received bytes go to an inbox. */
abstract class StreamTransport<C> implements Transport {
  protected readonly inbox = new Inbox();

  constructor(readonly description: string) {}

  /** The open connection, opened now if there is none. */
  protected abstract open(): Promise<C>;
  /** Drops the connection that failed (not one opened since) and reports the error. */
  protected abstract failed(error: unknown, connection: C | null): Promise<never> | never;
  abstract write(data: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  async read(count: number, timeoutMs: number): Promise<Buffer> {
    try {
      await this.open();
    } catch (error) {
      await this.failed(error, null);
    }
    return this.inbox.take(count, timeoutMs);
  }

  async discardInput(): Promise<void> {
    this.inbox.clear();
  }
}

class SerialTransport extends StreamTransport<SerialPortStream> {
  private port: SerialPortStream | null = null;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly flowControl: 'none' | 'rtscts' | 'xonxoff',
    private readonly binding: SerialBinding | undefined,
  ) {
    super(`serial ${path}`);
  }

  protected async open(): Promise<SerialPortStream> {
    if (this.port?.isOpen) return this.port;
    const options = {
      path: this.path,
      baudRate: this.baudRate,
      rtscts: this.flowControl === 'rtscts',
      xon: this.flowControl === 'xonxoff',
      xoff: this.flowControl === 'xonxoff',
      autoOpen: false,
    };
    let port: SerialPortStream;
    if (this.binding) {
      const { SerialPortStream } = await import('@serialport/stream');
      port = new SerialPortStream({ ...options, binding: this.binding });
    } else {
      // Loaded only when a real serial printer is used: it brings the native binding.
      const { SerialPort } = await import('serialport');
      port = new SerialPort(options);
    }
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    this.inbox.clear();
    port.on('data', (chunk: Buffer) => this.inbox.push(chunk));
    const forget = () => {
      if (this.port === port) this.port = null;
    };
    port.on('error', forget);
    port.on('close', forget);
    this.port = port;
    return port;
  }

  /** Closes the port that failed (not one opened since) and reports the error. */
  protected async failed(error: unknown, port: SerialPortStream | null): Promise<never> {
    if (port && this.port === port) this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    throw new Error(`${this.description}: ${errorMessage(error)}`);
  }

  async write(data: Uint8Array): Promise<void> {
    let port: SerialPortStream | null = null;
    try {
      port = await this.open();
      const open = port;
      await new Promise<void>((resolve, reject) => {
        open.write(Buffer.from(data), (err) => (err ? reject(err) : undefined));
        open.drain((err) => (err ? reject(err) : resolve()));
      });
    } catch (error) {
      await this.failed(error, port);
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}

class TcpTransport extends StreamTransport<Socket> {
  private socket: Socket | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs: number,
  ) {
    super(`tcp ${host}:${port}`);
  }

  protected open(): Promise<Socket> {
    const current = this.socket;
    if (current && !current.destroyed) return Promise.resolve(current);
    return new Promise<Socket>((resolve, reject) => {
      const socket = createConnection({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection within ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        this.inbox.clear();
        socket.on('data', (chunk: Buffer) => this.inbox.push(chunk));
        const forget = () => {
          if (this.socket === socket) this.socket = null;
        };
        socket.on('close', forget);
        socket.on('error', forget);
        this.socket = socket;
        resolve(socket);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Drops the connection that failed (not one made since) and reports the error. */
  protected failed(error: unknown, socket: Socket | null): never {
    socket?.destroy();
    if (socket && this.socket === socket) this.socket = null;
    throw new Error(`${this.description}: ${errorMessage(error)}`);
  }

  async write(data: Uint8Array): Promise<void> {
    let socket: Socket | null = null;
    try {
      socket = await this.open();
      const open = socket;
      await new Promise<void>((resolve, reject) => {
        open.write(data, (err) => (err ? reject(err) : resolve()));
      });
    } catch (error) {
      this.failed(error, socket);
    }
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }
}

const POLL_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAgain(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}

/**
 * A character device opened read/write and non-blocking: /dev/usb/lp* (the kernel's usblp driver).
 * Non-blocking because a blocking read of a printer that never answers would hold one of libuv's
 * few threads for good; reads poll instead. usblp lets one process open the device at a time.
 * Whether status answers come back depends on the printer: usblp reads only if the printer has a
 * bulk-in endpoint, and some printers send nothing there.
 */
class CharDeviceTransport implements Transport {
  readonly description: string;
  private file: fs.FileHandle | null = null;
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly path: string) {
    this.description = `usb-lp ${path}`;
  }

  private async open(): Promise<fs.FileHandle> {
    if (this.file) return this.file;
    this.file = await fs.open(this.path, fsConstants.O_RDWR | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY);
    this.pending = Buffer.alloc(0);
    return this.file;
  }

  /** Closes the file that failed (not one opened since) and reports the error. */
  private async failed(error: unknown, file: fs.FileHandle | null): Promise<never> {
    if (file && this.file === file) this.file = null;
    await file?.close().catch(() => undefined);
    throw new Error(`${this.description}: ${errorMessage(error)}`);
  }

  async write(data: Uint8Array): Promise<void> {
    let file: fs.FileHandle | null = null;
    try {
      file = await this.open();
      let offset = 0;
      while (offset < data.length) {
        try {
          const { bytesWritten } = await file.write(data, offset, data.length - offset, null);
          offset += bytesWritten;
        } catch (error) {
          // The driver's buffer is full (the printer is busy): wait, as a blocking write would.
          if (!isAgain(error)) throw error;
          await sleep(POLL_MS);
        }
      }
    } catch (error) {
      await this.failed(error, file);
    }
  }

  /** Reads what the device has now, without waiting. */
  private async readAvailable(file: fs.FileHandle): Promise<void> {
    const chunk = Buffer.alloc(256);
    try {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead > 0) this.pending = Buffer.concat([this.pending, chunk.subarray(0, bytesRead)]);
    } catch (error) {
      if (!isAgain(error)) throw error;
    }
  }

  async read(count: number, timeoutMs: number): Promise<Buffer> {
    let file: fs.FileHandle | null = null;
    try {
      file = await this.open();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await this.readAvailable(file);
        if (this.pending.length >= count || Date.now() >= deadline) break;
        await sleep(POLL_MS);
      }
    } catch (error) {
      await this.failed(error, file);
    }
    const out = this.pending.subarray(0, count);
    this.pending = this.pending.subarray(out.length);
    return Buffer.from(out);
  }

  async discardInput(): Promise<void> {
    const file = this.file;
    if (file) {
      try {
        await this.readAvailable(file);
      } catch (error) {
        await this.failed(error, file);
      }
    }
    this.pending = Buffer.alloc(0);
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    await file?.close().catch(() => undefined);
  }
}
