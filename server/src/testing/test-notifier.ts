// The Notifier tests give the server: it keeps every message queued, once per key, as the outbox
// does (NT). The one place tests get a notifier, so it can become the real outbox over a fake
// gateway without touching the tests that read `messages`.
import type { Notifier, OutgoingMessage } from '../notify/port.ts';

export interface TestNotifier extends Notifier {
  /** Every message queued, in order (a repeated key is not queued again). */
  readonly messages: OutgoingMessage[];
}

export function testNotifier(): TestNotifier {
  const messages: OutgoingMessage[] = [];
  const keys = new Set<string>();
  return {
    messages,
    async enqueue(message) {
      if (keys.has(message.key)) return false;
      keys.add(message.key);
      messages.push(message);
      return true;
    },
  };
}
