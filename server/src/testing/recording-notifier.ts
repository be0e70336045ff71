// The one recording Notifier of the appointment tests: every message queued, once per key (the
// outbox's idempotency), kept in `sent` for the test to read.
import type { Notifier, OutgoingMessage } from '../notify/port.ts';

export function recordingNotifier(): Notifier & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async enqueue(m) {
      if (sent.some((s) => s.key === m.key)) return false;
      sent.push(m);
      return true;
    },
  };
}
