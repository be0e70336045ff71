// Two in-memory Duplex streams joined back to back: what one writes, the other reads. A bus cable for
// tests that need neither serial ports nor ptys.
import { Duplex } from 'node:stream';

export function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        other().push(chunk);
        callback();
      },
      final(callback) {
        other().push(null);
        callback();
      },
    });
  const a = make(() => ends[1] as Duplex);
  const b = make(() => ends[0] as Duplex);
  ends.push(a, b);
  return [a, b];
}
