// For unit tests: serialport's mock binding as the bus. Every byte the master writes is recorded
// (the binding's `recording`) and handed to a "device side" Duplex, on which a simulated bus (or the
// test itself) answers; what the device side writes arrives at the port as received data.
import { Duplex } from 'node:stream';
import { SerialPortMock } from 'serialport';

type MockPortBinding = NonNullable<SerialPortMock['port']>;

export interface MockBus {
  port: SerialPortMock;
  /** The other end of the cable: read what the port sent, write what it should receive. */
  device: Duplex;
  /** Every byte the port has written so far. */
  recording(): Buffer;
  /** Forgets what was recorded so far. */
  clearRecording(): void;
}

let n = 0;

/** A fresh mock port path (created in the mock binding). */
export function mockPath(): string {
  const path = `/dev/mock-bus-${++n}`;
  SerialPortMock.binding.createPort(path, { record: true });
  return path;
}

/** An unopened mock serial port on a fresh path; `wireMock` it once open. */
export function mockPort(path = mockPath(), baudRate = 19200): SerialPortMock {
  return new SerialPortMock({ path, baudRate, autoOpen: false });
}

/** Connects an open (or opening) mock port to a device-side Duplex. */
export function wireMock(port: SerialPortMock): MockBus {
  let binding: MockPortBinding | undefined;
  const device = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      binding?.emitData(Buffer.from(chunk));
      callback();
    },
  });
  const hook = () => {
    const b = port.port;
    if (!b || b === binding) return;
    binding = b;
    const write = b.write.bind(b);
    b.write = async (buffer: Buffer) => {
      await write(buffer);
      device.push(Buffer.from(buffer));
    };
  };
  if (port.isOpen) hook();
  port.on('open', hook);
  return {
    port,
    device,
    recording: () => binding?.recording ?? Buffer.alloc(0),
    clearRecording: () => {
      if (binding) binding.recording = Buffer.alloc(0);
    },
  };
}

/** Opens a mock port and wires it. */
export async function openMockBus(): Promise<MockBus> {
  const port = mockPort();
  const bus = wireMock(port);
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return bus;
}

/** Resolves when `check` holds, polling every few ms; rejects after `timeoutMs` with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
